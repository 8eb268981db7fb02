// The map of 统计 (…及所属单位签收情况图: a unit and those below it): a unit's figures as a treemap by the hierarchy, each unit under the nearest unit
// above it that is drawn. Units of the subtree with no document in the period are drawn too, in grey with the words
// 该期间无收发文, so a quiet county is seen as quiet rather than missing.

export interface MappedUnit {
  orgId: string;
  name: string;
  path: string;
  received: number;
  band: string;
  signRate: number | null;
}

export interface IdleUnit {
  id: string;
  name: string;
  path: string;
}

export interface MapNode {
  name: string;
  value: number;
  path: string;
  itemStyle: { color: string };
  label?: { color: string };
  children?: MapNode[];
}

export const IDLE_COLOR = '#e0e0e0';

/** The units as a tree by their paths; `idle` are the subtree's units not among `units` (those already are are skipped).
 * A unit with units drawn below it is a frame named by the unit alone, its own figures a tile inside it beside theirs
 * (named `words.own(name)`), and its value the sum of what it holds: a treemap lays children out in their parent's
 * value, so a frame worth less than its children drew them over their neighbours. */
export function unitTree(
  units: MappedUnit[],
  idle: IdleUnit[],
  words: {
    active: (u: MappedUnit) => string;
    idle: (name: string) => string;
    color: (band: string) => string;
    own: (name: string) => string;
  },
): MapNode[] {
  interface Entry {
    name: string;
    path: string;
    /** The tile of the unit's own figures, named as given. */
    tile: (name: string) => MapNode;
  }
  const seen = new Set(units.map((u) => u.orgId));
  const entries: Entry[] = [
    ...units.map((u) => ({
      name: u.name,
      path: u.path,
      tile: (name: string) => ({ name: words.active({ ...u, name }), value: Math.max(u.received, 1), path: u.path, itemStyle: { color: words.color(u.band) } }),
    })),
    ...idle
      .filter((u) => !seen.has(u.id))
      .map((u) => ({
        name: u.name,
        path: u.path,
        tile: (name: string) => ({ name: words.idle(name), value: 1, path: u.path, itemStyle: { color: IDLE_COLOR }, label: { color: '#333' } }),
      })),
  ].sort((a, b) => a.path.split('.').length - b.path.split('.').length || a.path.localeCompare(b.path));
  const byPath = new Map<string, Entry>();
  const below = new Map<Entry, Entry[]>();
  const roots: Entry[] = [];
  for (const entry of entries) {
    byPath.set(entry.path, entry);
    const parts = entry.path.split('.');
    let parent: Entry | undefined;
    for (let i = parts.length - 1; i > 0 && !parent; i--) parent = byPath.get(parts.slice(0, i).join('.'));
    if (parent) below.set(parent, [...(below.get(parent) ?? []), entry]);
    else roots.push(entry);
  }
  const drawn = (entry: Entry): MapNode => {
    const children = below.get(entry);
    if (!children) return entry.tile(entry.name);
    const own = entry.tile(words.own(entry.name));
    const inner = [own, ...children.map(drawn)];
    return { name: entry.name, value: inner.reduce((sum, n) => sum + n.value, 0), path: entry.path, itemStyle: own.itemStyle, children: inner };
  };
  return roots.map(drawn);
}

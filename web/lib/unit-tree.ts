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

/** The units as a tree by their paths; `idle` are the subtree's units not among `units` (those already are are skipped). */
export function unitTree(
  units: MappedUnit[],
  idle: IdleUnit[],
  words: { active: (u: MappedUnit) => string; idle: (name: string) => string; color: (band: string) => string },
): MapNode[] {
  const seen = new Set(units.map((u) => u.orgId));
  const nodes: MapNode[] = [
    ...units.map((u) => ({ name: words.active(u), value: Math.max(u.received, 1), path: u.path, itemStyle: { color: words.color(u.band) } })),
    ...idle
      .filter((u) => !seen.has(u.id))
      .map((u) => ({ name: words.idle(u.name), value: 1, path: u.path, itemStyle: { color: IDLE_COLOR }, label: { color: '#333' } })),
  ].sort((a, b) => a.path.split('.').length - b.path.split('.').length || a.path.localeCompare(b.path));
  const byPath = new Map<string, MapNode>();
  const roots: MapNode[] = [];
  for (const node of nodes) {
    byPath.set(node.path, node);
    const parts = node.path.split('.');
    let parent: MapNode | undefined;
    for (let i = parts.length - 1; i > 0 && !parent; i--) parent = byPath.get(parts.slice(0, i).join('.'));
    if (parent) parent.children = [...(parent.children ?? []), node];
    else roots.push(node);
  }
  return roots;
}

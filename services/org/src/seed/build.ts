// Helpers shared by the demo seed and the synthetic generator: deterministic ids and codes, batched inserts.
import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { pathLabel, usccCheckChar } from '../domain/codes.ts';
import type { OrgKind, OrgLevel } from '../domain/enums.ts';

/** A stable UUID (version-5 layout) from a name, so a re-seeded database has the same ids. */
export function stableId(name: string): string {
  const h = createHash('sha1').update(`yizhan:${name}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((Number.parseInt(h.charAt(16), 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** A well-formed unified social credit code in a division. `category` is 登记管理部门 + 机构类别: 11 for 机关,
 * 12 for 事业单位, 91 for 企业. Synthetic: the check character is right, the organisation-code part is a sequence. */
export function syntheticUscc(divisionCode: string, seq: number, category = '11'): string {
  const first17 = `${category}${divisionCode}${String(seq).padStart(9, '0')}`;
  return first17 + usccCheckChar(first17);
}

export interface OrgRow {
  id: string;
  code: string;
  name: string;
  shortName: string;
  level: OrgLevel;
  kind: OrgKind;
  parentId: string | null;
  path: string;
}

export function orgRow(parent: OrgRow | null, code: string, name: string, shortName: string, level: OrgLevel, kind: OrgKind): OrgRow {
  const label = pathLabel(code, level, kind);
  return { id: stableId(`org:${code}`), code, name, shortName, level, kind, parentId: parent?.id ?? null, path: parent ? `${parent.path}.${label}` : label };
}

/** Inserts units and their first name-history entries in batches of multi-row statements. */
export async function insertOrgs(em: EntityManager, orgs: OrgRow[], batch = 1000): Promise<void> {
  for (let i = 0; i < orgs.length; i += batch) {
    const chunk = orgs.slice(i, i + batch);
    const values = chunk.map(() => '(?, ?, ?, ?, ?, ?, ?, ?::ltree)').join(', ');
    await em.execute(
      `insert into org.orgs (id, code, name, short_name, level, kind, parent_id, path) values ${values}`,
      chunk.flatMap((o) => [o.id, o.code, o.name, o.shortName, o.level, o.kind, o.parentId, o.path]),
    );
    await em.execute(
      `insert into org.org_names (org_id, org_path, name, short_name, valid_from, reason) values ${chunk.map(() => "(?, ?::ltree, ?, ?, now(), 'registered')").join(', ')}`,
      chunk.flatMap((o) => [o.id, o.path, o.name, o.shortName]),
    );
  }
}

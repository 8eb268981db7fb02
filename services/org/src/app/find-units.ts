// Finding units: one by id or code, by name, and a unit's subtree a page at a time in hierarchy order.

import { badInput, requireCaller } from '@yizhan/common';
import { sql } from 'kysely';
import { type OrgContext } from '../deps.ts';
import { OrgKind, OrgLevel } from '../domain/enums.ts';
import { Org } from '../entities/Org.ts';
import { type OrgConnection } from '../resolvers/types.ts';
import { getOrg, likeEscape, type OrgEnumColumns, viewRows, views } from '../store/orgs.ts';
import { withDb } from '../store/sql.ts';

export const MAX_PAGE = 200;

/** A page of units in hierarchy order continues after a unit's path (the subtree, the contact roster). */
export const encodeCursor = (path: string) => Buffer.from(path).toString('base64url');

export const decodeCursor = (c: string) => {
  const path = Buffer.from(c, 'base64url').toString();
  if (!/^[A-Za-z0-9_.-]+$/.test(path)) throw badInput('Malformed cursor', 'after');
  return path;
};

export async function org(id: string, ctx: OrgContext): Promise<Org> {
  requireCaller(ctx);
  return getOrg(ctx.em, id);
}

export async function orgByCode(code: string, ctx: OrgContext): Promise<Org | null> {
  requireCaller(ctx);
  return ctx.em.findOne(Org, { code: code.trim().toUpperCase() });
}

export async function searchOrgs(name: string, first: number, ctx: OrgContext): Promise<Org[]> {
  requireCaller(ctx);
  const q = name.trim();
  if (!q) throw badInput('Search text must not be empty', 'name', { required: true });
  if (q.length > 100) throw badInput('Search text is longer than 100 characters', 'name', { length: { max: 100 } });
  const like = `%${likeEscape(q)}%`;
  return viewRows(
    ctx.em,
    Org,
    `select * from org.orgs where name ilike ? or short_name ilike ?
       order by status <> 'ACTIVE', nlevel(path), path limit ?`,
    [like, like, Math.min(Math.max(first, 1), MAX_PAGE)],
  );
}

export async function subtree(
  rootId: string,
  level: OrgLevel | undefined,
  kind: OrgKind | undefined,
  includeClosed: boolean,
  first: number,
  after: string | undefined,
  ctx: OrgContext,
): Promise<OrgConnection> {
  requireCaller(ctx);
  if (first < 1 || first > MAX_PAGE) throw badInput(`first must be between 1 and ${MAX_PAGE}`, 'first');
  const root = await getOrg(ctx.em, rootId);
  const cursor = after ? decodeCursor(after) : null;
  // One filter for the total and the page; the page also starts after the cursor.
  const { count, found } = await withDb(ctx.em, async (db) => {
    let q = db.selectFrom('org.orgs').where(sql<boolean>`path <@ ${root.path}::ltree`);
    if (level) q = q.where('level', '=', level);
    if (kind) q = q.where('kind', '=', kind);
    if (!includeClosed) q = q.where('status', '=', 'ACTIVE');
    const { count } = await q.select(sql<number>`count(*)::int`.as('count')).executeTakeFirstOrThrow();
    if (cursor) q = q.where(sql<boolean>`path > ${cursor}::ltree`);
    return {
      count,
      found: await q
        .selectAll()
        .$narrowType<OrgEnumColumns>()
        .orderBy('path')
        .limit(first + 1)
        .execute(),
    };
  });
  // Shown, not changed: views (kernel views()).
  const page = views(ctx.em, Org, found);
  const nodes = page.slice(0, first);
  const last = nodes.at(-1);
  return { nodes, totalCount: count, pageInfo: { endCursor: last ? encodeCursor(last.path) : null, hasNextPage: page.length > first } };
}

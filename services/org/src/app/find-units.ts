// Finding units: one by id or code, by name, and a unit's subtree a page at a time in hierarchy order.

import { badInput, requireCaller } from '@yizhan/common';
import { type OrgContext } from '../deps.ts';
import { OrgKind, OrgLevel } from '../domain/enums.ts';
import { Org } from '../entities/Org.ts';
import { type OrgConnection } from '../resolvers/types.ts';
import { getOrg, likeEscape, rows } from '../store/orgs.ts';

const MAX_PAGE = 200;

const encodeCursor = (path: string) => Buffer.from(path).toString('base64url');

const decodeCursor = (c: string) => {
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
  if (!q) throw badInput('Search text must not be empty', 'name');
  if (q.length > 100) throw badInput('Search text is longer than 100 characters', 'name');
  const like = `%${likeEscape(q)}%`;
  return rows(
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
  const where = ['path <@ ?::ltree'];
  const params: unknown[] = [root.path];
  if (level) where.push('level = ?') && params.push(level);
  if (kind) where.push('kind = ?') && params.push(kind);
  if (!includeClosed) where.push("status = 'ACTIVE'");
  const [{ count }] = (await ctx.em.execute(`select count(*)::int as count from org.orgs where ${where.join(' and ')}`, params)) as [{ count: number }];
  if (after) where.push('path > ?::ltree') && params.push(decodeCursor(after));
  const page = await rows(ctx.em, Org, `select * from org.orgs where ${where.join(' and ')} order by path limit ?`, [...params, first + 1]);
  const nodes = page.slice(0, first);
  const last = nodes.at(-1);
  return { nodes, totalCount: count, pageInfo: { endCursor: last ? encodeCursor(last.path) : null, hasNextPage: page.length > first } };
}

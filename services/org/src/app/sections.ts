// 内设机构: a unit's internal sections and who belongs to which. Read by the unit (any role: a clerk distributes to a
// section, a leader instructs one) and the units above it (row-level security: subtree); created, changed and staffed
// by the unit's administrators (and those above it). A person belongs to at most one section of their own unit.
import { badInput, forbidden, notFound, requireCaller, requiredText } from '@yizhan/common';
import { sql } from 'kysely';
import type { OrgContext } from '../deps.ts';
import { cleanMobile } from '../domain/mobile.ts';
import { canManage } from '../domain/rules.ts';
import { activePeopleOf, getOrg, isUuid } from '../store/orgs.ts';
import { withDb } from '../store/sql.ts';

type Person = { id: string; username: string; displayName: string };

export interface SectionView {
  id: string;
  orgId: string;
  name: string;
  mobile: string | null;
  members: Person[];
  /** 处室主要负责人 and 分管领导 (seed 000 §11), when set. */
  head: Person | null;
  leader: Person | null;
}

/** A section's name (1–50 characters) and duty mobile (11 digits, or none), checked. */
export function cleanSection(name: string, mobile: string | null | undefined): { name: string; mobile: string | null } {
  return { name: requiredText(name, 'name', { max: 50, line: true }), mobile: cleanMobile(mobile) };
}

/** The sections of a unit the caller may see (its own by default), with their members, by name. */
export async function sectionsOf(ctx: OrgContext, orgId: string | null | undefined, ids?: string[]): Promise<SectionView[]> {
  const caller = requireCaller(ctx);
  const unit = orgId ?? caller.orgId;
  if (!isUuid(unit)) throw notFound('Unit', unit);
  const wanted = ids?.filter(isUuid);
  if (ids && !wanted?.length) return [];
  const rows = await withDb(ctx.em, (db) =>
    db
      .selectFrom('org.sections as s')
      // Its 处室主要负责人 and 分管领导 by name, with the section.
      .leftJoin('org.users as h', 'h.id', 's.head_id')
      .leftJoin('org.users as l', 'l.id', 's.leader_id')
      .select([
        's.id',
        's.org_id',
        's.name',
        's.mobile',
        's.head_id',
        'h.username as head_username',
        'h.display_name as head_name',
        's.leader_id',
        'l.username as leader_username',
        'l.display_name as leader_name',
      ])
      .where('s.org_id', '=', unit)
      .$if(!!wanted, (qb) => qb.where('s.id', 'in', wanted as string[]))
      .orderBy('s.name')
      .execute(),
  );
  if (!rows.length) return [];
  const members = await withDb(ctx.em, (db) =>
    db
      .selectFrom('org.section_members as m')
      .innerJoin('org.users as u', 'u.id', 'm.user_id')
      .select(['m.section_id', 'u.id', 'u.username', 'u.display_name'])
      .where(
        'm.section_id',
        'in',
        rows.map((r) => r.id),
      )
      .where('u.status', '=', 'ACTIVE')
      .orderBy('u.display_name')
      .execute(),
  );
  const person = (id: string | null, username: string | null, displayName: string | null): Person | null =>
    id && username && displayName ? { id, username, displayName } : null;
  return rows.map((r) => ({
    id: r.id,
    orgId: r.org_id,
    name: r.name,
    mobile: r.mobile,
    members: members.filter((m) => m.section_id === r.id).map((m) => ({ id: m.id, username: m.username, displayName: m.display_name })),
    head: person(r.head_id, r.head_username, r.head_name),
    leader: person(r.leader_id, r.leader_username, r.leader_name),
  }));
}

async function one(ctx: OrgContext, id: string): Promise<SectionView> {
  const row = isUuid(id) ? await withDb(ctx.em, (db) => db.selectFrom('org.sections').select(['org_id']).where('id', '=', id).executeTakeFirst()) : undefined;
  if (!row) throw notFound('Section', id);
  const [s] = await sectionsOf(ctx, row.org_id, [id]);
  if (!s) throw notFound('Section', id);
  return s;
}

async function managed(ctx: OrgContext, orgId: string) {
  const caller = requireCaller(ctx);
  const org = await getOrg(ctx.em, orgId);
  if (!canManage(caller, org.path)) throw forbidden(`Only an administrator of ${org.name} sets up its sections`);
  return org;
}

export async function createSection(ctx: OrgContext, orgId: string | null | undefined, name: string, mobile: string | null | undefined): Promise<SectionView> {
  const caller = requireCaller(ctx);
  const data = cleanSection(name, mobile);
  const id = await ctx.em.transactional(async () => {
    const org = await managed(ctx, orgId ?? caller.orgId);
    const taken = await withDb(ctx.em, (db) =>
      db.selectFrom('org.sections').select('id').where('org_id', '=', org.id).where('name', '=', data.name).executeTakeFirst(),
    );
    if (taken) throw badInput(`${org.name} already has a section named ${data.name}`, 'name');
    const row = await withDb(ctx.em, (db) =>
      db
        .insertInto('org.sections')
        .values({ org_id: org.id, org_path: sql<string>`${org.path}::ltree`, name: data.name, mobile: data.mobile })
        .returning('id')
        .executeTakeFirstOrThrow(),
    );
    return row.id;
  });
  return one(ctx, id);
}

export async function updateSection(ctx: OrgContext, id: string, name: string, mobile: string | null | undefined): Promise<SectionView> {
  const data = cleanSection(name, mobile);
  const current = await one(ctx, id);
  await ctx.em.transactional(async () => {
    await managed(ctx, current.orgId);
    const taken = await withDb(ctx.em, (db) =>
      db.selectFrom('org.sections').select('id').where('org_id', '=', current.orgId).where('name', '=', data.name).where('id', '<>', id).executeTakeFirst(),
    );
    if (taken) throw badInput(`There is already a section named ${data.name}`, 'name');
    await withDb(ctx.em, (db) => db.updateTable('org.sections').set({ name: data.name, mobile: data.mobile }).where('id', '=', id).execute());
  });
  return one(ctx, id);
}

/** Puts a person of the unit in one of its sections, or (sectionId null) in none. Answers the person's section. */
export async function assignSection(ctx: OrgContext, userId: string, sectionId: string | null | undefined): Promise<SectionView | null> {
  if (!isUuid(userId)) throw notFound('User', userId);
  const user = await withDb(ctx.em, (db) => db.selectFrom('org.users').select(['id', 'org_id', 'org_path']).where('id', '=', userId).executeTakeFirst());
  if (!user) throw notFound('User', userId);
  const section = sectionId ? await one(ctx, sectionId) : null;
  if (section && section.orgId !== user.org_id) throw badInput('A person belongs only to a section of their own unit', 'sectionId');
  await ctx.em.transactional(async () => {
    await managed(ctx, user.org_id);
    await withDb(ctx.em, (db) => db.deleteFrom('org.section_members').where('user_id', '=', userId).execute());
    if (section) {
      await withDb(ctx.em, (db) =>
        db
          .insertInto('org.section_members')
          .values({ user_id: userId, section_id: section.id, org_id: user.org_id, org_path: sql<string>`${user.org_path}::ltree` })
          .execute(),
      );
    }
  });
  return section ? one(ctx, section.id) : null;
}

/**
 * 处室主要负责人 and 分管领导 of a section (seed 000 §11): active people of its unit, the head an approver (APPROVER),
 * the leader a leader (LEADER); null leaves either unset. Its administrators only.
 */
export async function setSectionApprovers(
  ctx: OrgContext,
  id: string,
  headId: string | null | undefined,
  leaderId: string | null | undefined,
): Promise<SectionView> {
  const current = await one(ctx, id);
  await ctx.em.transactional(async () => {
    await managed(ctx, current.orgId);
    const named = async (userId: string | null | undefined, role: 'APPROVER' | 'LEADER', field: string) => {
      if (!userId) return null;
      if (!(await activePeopleOf(ctx.em, current.orgId, [userId], role)).length)
        throw badInput(`Name an active ${role === 'APPROVER' ? 'approver (APPROVER)' : 'leader (LEADER)'} of the unit`, field);
      return userId;
    };
    const head = await named(headId, 'APPROVER', 'headId');
    const leader = await named(leaderId, 'LEADER', 'leaderId');
    await withDb(ctx.em, (db) => db.updateTable('org.sections').set({ head_id: head, leader_id: leader }).where('id', '=', id).execute());
  });
  return one(ctx, id);
}

/** People of the caller's unit, by id, with their section (for documents: the readers a 传阅 names). */
export async function peopleOfUnit(ctx: OrgContext, ids: string[]) {
  const caller = requireCaller(ctx);
  const wanted = ids.filter(isUuid);
  if (!wanted.length) return [];
  const rows = await withDb(ctx.em, (db) =>
    db
      .selectFrom('org.users as u')
      .leftJoin('org.section_members as m', 'm.user_id', 'u.id')
      .select(['u.id', 'u.username', 'u.display_name', 'm.section_id'])
      .where('u.org_id', '=', caller.orgId)
      .where('u.status', '=', 'ACTIVE')
      .where('u.id', 'in', wanted)
      .execute(),
  );
  return rows.map((r) => ({ id: r.id, username: r.username, displayName: r.display_name, sectionId: r.section_id ?? null }));
}

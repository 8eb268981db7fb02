// A unit's transmission contacts: listing, adding, changing and removing them.
import { badInput, forbidden, isWithin, notFound, requireCaller, requiredText, requireRole, telephoneNumber } from '@yizhan/common';
import { pgArray } from '@yizhan/kernel';
import { sql } from 'kysely';
import { type OrgContext } from '../deps.ts';
import { cleanMobile } from '../domain/mobile.ts';
import { canManage } from '../domain/rules.ts';
import { Contact } from '../entities/Contact.ts';
import { type ContactInput } from '../resolvers/types.ts';
import { publishEscalationReach } from '../store/escalation.ts';
import { getOrg, isUuid } from '../store/orgs.ts';
import { withDb } from '../store/sql.ts';
import { decodeCursor, encodeCursor, MAX_PAGE } from './find-units.ts';

function clean(input: ContactInput): ContactInput {
  const name = requiredText(input.name, 'name', { max: 50, line: true });
  const post = requiredText(input.post, 'post', { max: 50, line: true });
  const phone = telephoneNumber(input.phone, 'phone', true) as string;
  const mobile = cleanMobile(input.mobile) ?? undefined;
  return { name, post, phone, mobile, urgentAlerts: input.urgentAlerts };
}

export async function contacts(orgId: string, ctx: OrgContext): Promise<Contact[]> {
  requireCaller(ctx);
  const org = await getOrg(ctx.em, orgId);
  // Row-level security shows only the caller's own unit and units below it; others read as empty.
  return ctx.em.find(Contact, { orgId: org.id }, { orderBy: { name: 'asc' } });
}

/** A contact as org.contacts holds it, and as the SQL function org.contacts_of_recipients(uuid[]) (migration 0020) answers it. */
interface ContactRow {
  org_id: string;
  name: string;
  post: string;
  phone: string;
  mobile: string | null;
}

/** A contact row as the contract's `unitContact` has it. */
const unitContactOf = (r: ContactRow) => ({ orgId: r.org_id, name: r.name, post: r.post, phone: r.phone, mobile: r.mobile });

/** The contacts of several units at once, for other services (the contract's `contacts`): row-level security leaves
 * out the units the caller may not read (those outside its subtree); ids that are not uuids are ignored. */
export async function contactsOfUnits(ctx: OrgContext, orgIds: string[]) {
  requireCaller(ctx);
  const ids = [...new Set(orgIds.filter(isUuid))];
  if (!ids.length) return [];
  const rows = await withDb(ctx.em, (db) =>
    db.selectFrom('org.contacts').select(['org_id', 'name', 'post', 'phone', 'mobile']).where('org_id', 'in', ids).orderBy('org_id').orderBy('name').execute(),
  );
  return rows.map(unitContactOf);
}

/** The contacts of units a document of the caller's unit reached, past the subtree rule: for documents' own call only
 * (it checked the sending before it asked); a person's caller context is refused, whatever its roles. */
export async function contactsOfRecipients(ctx: OrgContext, orgIds: string[]) {
  if (ctx.caller || ctx.service !== 'documents') throw forbidden('Only the documents service asks for the contacts of the units its documents reached');
  const ids = [...new Set(orgIds.filter(isUuid))];
  if (!ids.length) return [];
  // A SECURITY DEFINER function, selected from as a raw source (as recipients.ts reads alert targets).
  const rows = await withDb(ctx.em, (db) =>
    db
      .selectFrom(sql<ContactRow>`org.contacts_of_recipients(${pgArray(ids)}::uuid[])`.as('c'))
      .select(['org_id', 'name', 'post', 'phone', 'mobile'])
      .execute(),
  );
  return rows.map(unitContactOf);
}

export async function addContact(orgId: string, input: ContactInput, ctx: OrgContext): Promise<Contact> {
  const caller = requireCaller(ctx);
  const data = clean(input);
  return ctx.em.transactional(async (em) => {
    const org = await getOrg(em, orgId);
    if (!canManage(caller, org.path)) throw forbidden(`Only an administrator of ${org.name} may file its contacts`);
    const contact = em.create(Contact, { id: crypto.randomUUID(), orgId: org.id, orgPath: org.path, ...data, mobile: data.mobile ?? null });
    await em.flush();
    // Documents urges the unit by itself with its contacts (自动催办): it learns who they are now.
    await publishEscalationReach(em, org.path, false);
    return contact;
  });
}

export async function updateContact(id: string, input: ContactInput, ctx: OrgContext): Promise<Contact> {
  const caller = requireCaller(ctx);
  const data = clean(input);
  return ctx.em.transactional(async (em) => {
    const contact = isUuid(id) ? await em.findOne(Contact, { id }) : null;
    if (!contact) throw notFound('Contact', id);
    if (!canManage(caller, contact.orgPath)) throw forbidden('Only an administrator of the unit may change its contacts');
    Object.assign(contact, { ...data, mobile: data.mobile ?? null, updatedAt: new Date() });
    await em.flush();
    await publishEscalationReach(em, contact.orgPath, false);
    return contact;
  });
}

export async function removeContact(id: string, ctx: OrgContext): Promise<boolean> {
  const caller = requireCaller(ctx);
  return ctx.em.transactional(async (em) => {
    const contact = isUuid(id) ? await em.findOne(Contact, { id }) : null;
    if (!contact) throw notFound('Contact', id);
    if (!canManage(caller, contact.orgPath)) throw forbidden('Only an administrator of the unit may remove its contacts');
    em.remove(contact);
    await em.flush();
    await publishEscalationReach(em, contact.orgPath, false);
    return true;
  });
}

/** A unit of the roster: its contacts, whether it has filed one reachable by mobile, and when its list last changed. */
export interface RosterUnit {
  orgId: string;
  name: string;
  level: string;
  filed: boolean;
  changedAt: Date | null;
  contacts: Contact[];
}

/**
 * 人员名单备案 (seed 001 §32: the units report their transmission staff's names and mobiles to the office above, and
 * again when they change): every active unit of a subtree the caller supervises, in hierarchy order, with its registered
 * contacts, whether it has filed one with a mobile (who is reached for urgent documents) and when its list last
 * changed; the subtree's counts; those not filed only, when asked. For the administrators and supervisors of the root or
 * a unit above it.
 */
export async function contactRoster(
  ctx: OrgContext,
  rootId: string,
  opts: { notFiledOnly: boolean; first: number; after: string | null | undefined },
): Promise<{ nodes: RosterUnit[]; totalCount: number; filedCount: number; pageInfo: { endCursor: string | null; hasNextPage: boolean } }> {
  const caller = requireCaller(ctx);
  requireRole(caller, 'ADMIN', 'SUPERVISOR');
  if (opts.first < 1 || opts.first > MAX_PAGE) throw badInput(`first must be between 1 and ${MAX_PAGE}`, 'first');
  const root = await getOrg(ctx.em, rootId);
  if (!isWithin(root.path, caller.orgPath)) throw forbidden(`${root.name} is not among the units you supervise`);
  const cursor = opts.after ? decodeCursor(opts.after) : null;
  const filed = sql<boolean>`exists (select 1 from org.contacts c where c.org_id = o.id and c.mobile is not null)`;
  const { counts, units } = await withDb(ctx.em, async (db) => {
    const subtree = db.selectFrom('org.orgs as o').where(sql<boolean>`o.path <@ ${root.path}::ltree`).where('o.status', '=', 'ACTIVE');
    const counts = await subtree
      .select([sql<number>`count(*)::int`.as('total'), sql<number>`(count(*) filter (where ${filed}))::int`.as('filed')])
      .executeTakeFirstOrThrow();
    const units = await subtree
      .select([
        'o.id',
        'o.name',
        'o.level',
        'o.path',
        filed.as('filed'),
        sql<Date | null>`(select max(c.updated_at) from org.contacts c where c.org_id = o.id)`.as('changed_at'),
      ])
      .$if(opts.notFiledOnly, (q) => q.where(sql<boolean>`not ${filed}`))
      .$if(cursor !== null, (q) => q.where(sql<boolean>`o.path > ${cursor}::ltree`))
      .orderBy('o.path')
      .limit(opts.first + 1)
      .execute();
    return { counts, units };
  });
  const page = units.slice(0, opts.first);
  const contactsOf = page.length ? await ctx.em.find(Contact, { orgId: { $in: page.map((u) => u.id) } }, { orderBy: { name: 'asc' } }) : [];
  return {
    nodes: page.map((u) => ({
      orgId: u.id,
      name: u.name,
      level: u.level,
      filed: u.filed,
      changedAt: u.changed_at ? new Date(u.changed_at) : null,
      contacts: contactsOf.filter((c) => c.orgId === u.id),
    })),
    totalCount: counts.total,
    filedCount: counts.filed,
    pageInfo: { endCursor: page.length ? encodeCursor(page.at(-1)?.path as string) : null, hasNextPage: units.length > opts.first },
  };
}

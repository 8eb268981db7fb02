// The org service's internal API, for other services (never exposed by the gateway): the handlers of the calls its
// contract declares. Requests arrive checked against the contract.
import { requireCaller } from '@yizhan/common';
import { orgApi } from '@yizhan/contracts/org';
import { type SubgraphContext, serveInternalApi } from '@yizhan/kernel';
import { sql } from 'kysely';
import { contactsOfRecipients, contactsOfUnits } from './app/contacts.ts';
import { informationRecord } from './app/information.ts';
import { peerOfCaller } from './app/peer-platforms.ts';
import { loadParty, recipientsForSend as recipients } from './app/recipients.ts';
import { peopleOfUnit, sectionsOf } from './app/sections.ts';
import { sessionsStanding } from './app/sessions.ts';
import { settingsOf } from './app/unit-settings.ts';
import { isUuid } from './store/orgs.ts';
import { withDb } from './store/sql.ts';

type Ctx = SubgraphContext<unknown>;

async function unit(ctx: Ctx) {
  const caller = requireCaller(ctx);
  const unit = await loadParty(ctx.em, caller.orgId);
  return { ...unit, ...(await settingsOf(ctx.em, unit.id)) };
}

async function whoami(ctx: Ctx) {
  const caller = requireCaller(ctx);
  const user = await withDb(ctx.em, (db) =>
    db.selectFrom('org.users').select(['id', 'username', 'display_name', 'status']).where('id', '=', caller.userId).executeTakeFirst(),
  );
  const unit = await loadParty(ctx.em, caller.orgId);
  return { user: user ? { id: user.id, username: user.username, displayName: user.display_name, status: user.status } : null, unit };
}

/** The active people of a unit (one the caller may see: row-level security) who hold a role. */
async function activeWithRole(ctx: Ctx, orgId: string, role: 'SEAL_KEEPER' | 'LEADER') {
  const rows = await withDb(ctx.em, (db) =>
    db
      .selectFrom('org.users')
      .select(['id', 'username', 'display_name', 'post'])
      .where('org_id', '=', orgId)
      .where((eb) => eb(sql.lit<string>(role), '=', eb.fn.any('roles')))
      .where('status', '=', 'ACTIVE')
      .orderBy('username')
      .execute(),
  );
  return rows.map((r) => ({ id: r.id, username: r.username, displayName: r.display_name, post: r.post }));
}

/** The custodians of a unit's seals. */
function keepers(ctx: Ctx, { orgId }: { orgId: string }) {
  requireCaller(ctx);
  return activeWithRole(ctx, orgId, 'SEAL_KEEPER');
}
/** The caller's unit's leaders: who may be named 签发人. */
const leaders = (ctx: Ctx) => activeWithRole(ctx, requireCaller(ctx).orgId, 'LEADER');

async function apiToken(ctx: Ctx) {
  const caller = requireCaller(ctx);
  if (!isUuid(caller.userId)) return { active: false };
  const t = await withDb(ctx.em, (db) =>
    db
      .selectFrom('org.api_tokens as t')
      .innerJoin('org.orgs as o', 'o.id', 't.org_id')
      .select(['t.revoked_at', 't.expires_at', 't.org_path', 'o.status as org_status'])
      .where('t.id', '=', caller.userId)
      .executeTakeFirst(),
  );
  const active = !!t && !t.revoked_at && new Date(t.expires_at).getTime() > Date.now() && t.org_status === 'ACTIVE';
  return active ? { active, orgPath: t.org_path } : { active: false };
}

/** The caller's unit's sections (all, or those named), with their members. */
const sections = (ctx: Ctx, { ids }: { ids?: string[] }) => sectionsOf(ctx as never, null, ids);
/** People of the caller's unit, by id, with their section. */
const people = (ctx: Ctx, { ids }: { ids: string[] }) => peopleOfUnit(ctx as never, ids);

/** Registered contacts of units the caller may read. */
const contacts = (ctx: Ctx, { orgIds }: { orgIds: string[] }) => contactsOfUnits(ctx as never, orgIds);

/** Documents' own call: the contacts of units a document of the caller's unit reached. */
const contactsOfRecipientsCall = (ctx: Ctx, { orgIds }: { orgIds: string[] }) => contactsOfRecipients(ctx as never, orgIds);

/** Units by path, with their names (the directory). */
async function unitsAt(ctx: Ctx, { paths }: { paths: string[] }) {
  requireCaller(ctx);
  if (!paths.length) return [];
  const rows = await withDb(ctx.em, (db) =>
    db
      .selectFrom('org.orgs')
      .select(['id', sql<string>`path::text`.as('path'), 'name', 'short_name'])
      .where(sql<boolean>`path::text = any(${paths}::text[])`)
      .execute(),
  );
  return rows.map((r) => ({ id: r.id, path: r.path, name: r.name, shortName: r.short_name }));
}

export const orgInternalApi = serveInternalApi(orgApi, {
  recipients,
  unit,
  peer: (ctx) => peerOfCaller(ctx as never),
  whoami,
  keepers,
  leaders,
  contacts,
  'contacts-of-recipients': contactsOfRecipientsCall,
  sessions: (ctx, { sessions }) => sessionsStanding(ctx as never, sessions),
  'api-token': apiToken,
  sections,
  people,
  'units-at': unitsAt,
  'information-record': (ctx, { informationId }) => informationRecord(ctx as never, informationId),
});

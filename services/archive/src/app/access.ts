// The access register (调阅登记, seed 003 §37): asking to read a record, the decision (an archivist's or the head's,
// domain/access.ts), reading and downloading under an approved request (each registered), and a record's access log.

import { type EntityManager } from '@mikro-orm/postgresql';
import {
  badInput,
  ErrorCode,
  forbidden,
  notFound,
  oneOfOrNull,
  personName,
  refuseControlCharacters,
  requireCaller,
  requiredText,
  requireRole,
  YizhanError,
} from '@yizhan/common';
import { isUuid, recordHandedOut } from '@yizhan/kernel';
import { type Kysely, type Selectable, sql } from 'kysely';
import { type ArchiveContext } from '../deps.ts';
import { ACCESS_DECIDERS, type Decider, decidesAccess, mayDecideAccess } from '../domain/access.ts';
import type { AccessLogEntry, AccessRequest, ArchivedContent, ArchivedFile } from '../resolvers/types.ts';
import { keeps } from '../store/custody.ts';
import type { DB } from '../store/db.ts';
import { appendChain, getRecord } from '../store/records.ts';
import { withDb } from '../store/sql.ts';
import { fondsOf } from './fonds.ts';

const ACCESS_DAYS = 7;

/** A request with its record's archival number and title (q.*, r.archival_number, r.title). */
const requests = (db: Kysely<DB>) =>
  db
    .selectFrom('archive.access_requests as q')
    .innerJoin('archive.records as r', 'r.id', 'q.record_id')
    .selectAll('q')
    .select(['r.archival_number', 'r.title', 'r.org_id as record_org_id']);

type RequestRow = Selectable<DB['archive.access_requests']> & Pick<Selectable<DB['archive.records']>, 'archival_number' | 'title'> & { record_org_id: string };

const toRequest = (r: RequestRow, caller: Decider): AccessRequest => ({
  id: r.id,
  mayDecide: r.status === 'PENDING' && mayDecideAccess(caller, { requesterId: r.requester_id }),
  recordId: r.record_id,
  archivalNumber: r.archival_number,
  title: r.title,
  requesterId: r.requester_id,
  requesterName: r.requester_name,
  purpose: r.purpose,
  status: r.status,
  decidedByName: r.decided_by_name,
  decisionNote: r.decision_note,
  decidedAt: r.decided_at ? new Date(r.decided_at) : null,
  expiresAt: r.expires_at ? new Date(r.expires_at) : null,
  createdAt: new Date(r.created_at),
});

/** The caller's approved, unexpired request for a record; refuses without one. */
async function grantOf(em: EntityManager, recordId: string, userId: string): Promise<string> {
  const row = await withDb(em, (db) =>
    db
      .selectFrom('archive.access_requests')
      .select('id')
      .where('record_id', '=', recordId)
      .where('requester_id', '=', userId)
      .where('status', '=', 'APPROVED')
      .where('expires_at', '>', sql<string>`now()`)
      .orderBy('expires_at', 'desc')
      .limit(1)
      .executeTakeFirst(),
  );
  if (!row)
    throw new YizhanError(ErrorCode.FORBIDDEN, 'Reading an archived record needs an approved access request (调阅申请)', { reason: 'NO_APPROVED_REQUEST' });
  return row.id;
}

async function register(
  em: EntityManager,
  r: { id: string; orgPath: string },
  requestId: string,
  caller: { userId: string; username: string; displayName?: string },
  action: string,
  component: string | null,
) {
  await withDb(em, (db) =>
    db
      .insertInto('archive.access_log')
      .values({ record_id: r.id, org_path: r.orgPath, request_id: requestId, user_id: caller.userId, user_name: personName(caller), action, component })
      .execute(),
  );
}

export async function requestArchiveAccess(recordId: string, purpose: string, ctx: ArchiveContext) {
  const caller = requireCaller(ctx);
  const why = refuseControlCharacters(purpose.trim(), 'purpose');
  if (why.length < 2 || why.length > 500) throw badInput('State the purpose (2–500 characters)', 'purpose', { length: { min: 2, max: 500 } });
  return ctx.em.transactional(async (tx) => {
    const em = tx as EntityManager;
    const r = await getRecord(em, recordId, caller.orgId);
    if (r.status === 'DESTROYED') throw badInput('The record was destroyed; only its catalogue entry remains', 'recordId');
    const id = crypto.randomUUID();
    const row = await withDb(em, async (db) => {
      await db
        .insertInto('archive.access_requests')
        .values({ id, record_id: r.id, org_path: r.orgPath, requester_id: caller.userId, requester_name: personName(caller), purpose: why })
        .execute();
      return requests(db).where('q.id', '=', id).executeTakeFirstOrThrow();
    });
    return toRequest(row, caller);
  });
}

export async function archiveAccessRequests(status: string | null, fondsId: string | null, ctx: ArchiveContext) {
  const caller = requireCaller(ctx);
  const only = oneOfOrNull(status, ['PENDING', 'APPROVED', 'REJECTED'], 'status');
  const fonds = await fondsOf(ctx, fondsId);
  // The unit's archivists and its head decide requests and see all of the fonds'; anyone else their own.
  const mine = !decidesAccess(caller);
  const rows = await withDb(ctx.em, (db) => {
    let q = requests(db).where('r.org_id', '=', fonds.orgId);
    if (only) q = q.where('q.status', '=', only);
    if (mine) q = q.where('q.requester_id', '=', caller.userId);
    return q.orderBy('q.created_at', 'desc').limit(200).execute();
  });
  return rows.map((r) => toRequest(r, caller));
}

export async function decideArchiveAccess(id: string, approve: boolean, reason: string | null, ctx: ArchiveContext) {
  const caller = requireCaller(ctx);
  requireRole(caller, ...ACCESS_DECIDERS);
  // A refusal says why, to the one who asked (a one-line reason); an approval needs none and keeps none.
  const why = approve ? null : requiredText(reason, 'reason', { max: 200, line: true });
  if (why !== null && why.length < 2) throw badInput('Say why the request is refused (2–200 characters)', 'reason', { length: { min: 2, max: 200 } });
  if (!isUuid(id)) throw notFound('Access request', id);
  return ctx.em.transactional(async (tx) => {
    const em = tx as EntityManager;
    const row = await withDb(em, (db) => requests(db).where('q.id', '=', id).forUpdate('q').executeTakeFirst());
    // Requests for the fonds the unit keeps only: a head or an archivist of a unit above does not decide them.
    if (!row || !(await keeps(em, caller.orgId, row.record_org_id))) throw notFound('Access request', id);
    if (!mayDecideAccess(caller, { requesterId: row.requester_id }))
      throw forbidden('Your own request is decided by another archivist or the head of the unit');
    if (row.status !== 'PENDING') throw new YizhanError(ErrorCode.ILLEGAL_TRANSITION, `The request is ${row.status.toLowerCase()}`);
    const after = await withDb(em, async (db) => {
      await db
        .updateTable('archive.access_requests')
        .set({
          status: approve ? 'APPROVED' : 'REJECTED',
          decided_by_name: personName(caller),
          decided_at: sql<Date>`now()`,
          decision_note: why,
          expires_at: approve ? sql<Date>`now() + interval ${sql.lit(`${ACCESS_DAYS} days`)}` : null,
        })
        .where('id', '=', id)
        .execute();
      return requests(db).where('q.id', '=', id).executeTakeFirstOrThrow();
    });
    return toRequest(after, caller);
  });
}

export async function readArchivedRecord(recordId: string, ctx: ArchiveContext): Promise<ArchivedContent> {
  const caller = requireCaller(ctx);
  return ctx.em.transactional(async (tx) => {
    const em = tx as EntityManager;
    const r = await getRecord(em, recordId, caller.orgId);
    if (r.status === 'DESTROYED') throw badInput('The record was destroyed; only its catalogue entry remains', 'recordId');
    const grant = await grantOf(em, r.id, caller.userId);
    await register(em, r, grant, caller, 'VIEW', null);
    await appendChain(em, { orgId: r.orgId, orgPath: r.orgPath }, 'VIEW', r.id, { by: personName(caller), request: grant });
    const files = r.components as unknown as ArchivedFile[];
    const body = files.find((f) => f.role === 'BODY');
    const content = body ? await ctx.deps.store.get(body.sha256) : null;
    return { recordId: r.id, metadata: r.metadata, body: content?.toString('utf8') ?? '', files, events: r.events, stamp: r.stamp };
  });
}

export async function downloadArchivedFile(recordId: string, sha256: string, ctx: ArchiveContext): Promise<string> {
  const caller = requireCaller(ctx);
  return ctx.em.transactional(async (tx) => {
    const em = tx as EntityManager;
    const r = await getRecord(em, recordId, caller.orgId);
    const file = (r.components as unknown as ArchivedFile[]).find((f) => f.sha256 === sha256);
    if (!file) throw notFound('Archived file', sha256);
    const grant = await grantOf(em, r.id, caller.userId);
    const content = await ctx.deps.store.get(file.sha256);
    if (!content) throw new YizhanError(ErrorCode.INTERNAL, 'The archived file is missing: run the four-property check');
    await register(em, r, grant, caller, 'DOWNLOAD', file.name);
    await appendChain(em, { orgId: r.orgId, orgPath: r.orgPath }, 'DOWNLOAD', r.id, { by: personName(caller), file: file.name });
    await recordHandedOut('archive', ctx, em, caller, {
      category: 'DOWNLOAD',
      action: 'download-archived-file',
      targetType: 'ArchiveRecord',
      targetId: r.id,
      targetName: `${file.name}（${r.archivalNumber}《${r.title}》）`.slice(0, 200),
      detail: { filename: file.name },
    });
    return content.toString('base64');
  });
}

export async function archiveAccessLog(recordId: string, ctx: ArchiveContext): Promise<AccessLogEntry[]> {
  const r = await getRecord(ctx.em, recordId, requireCaller(ctx).orgId);
  // Each read with the request it was made under: the register shows why and on whose approval (seed 003 §37).
  const rows = await withDb(ctx.em, (db) =>
    db
      .selectFrom('archive.access_log as l')
      .leftJoin('archive.access_requests as q', 'q.id', 'l.request_id')
      .select(['l.user_name', 'l.action', 'l.component', 'l.at', 'q.purpose', 'q.decided_by_name'])
      .where('l.record_id', '=', r.id)
      .orderBy('l.at')
      .orderBy('l.id')
      .execute(),
  );
  return rows.map((x) => ({
    userName: x.user_name,
    action: x.action,
    component: x.component,
    purpose: x.purpose,
    approvedByName: x.decided_by_name,
    at: new Date(x.at),
  }));
}

// The access register (调阅登记, seed 003 §37): asking to read a record, the archivist's decision, reading and
// downloading under an approved request (each registered), and a record's access log.
import { type EntityManager } from '@mikro-orm/postgresql';
import { badInput, ErrorCode, forbidden, notFound, requireCaller, requireRole, YizhanError } from '@yizhan/common';
import { isUuid } from '@yizhan/kernel';
import { type ArchiveContext } from '../deps.ts';
import type { AccessLogEntry, AccessRequest, ArchivedContent, ArchivedFile } from '../resolvers/types.ts';
import { appendChain, getRecord } from '../store/records.ts';

const ACCESS_DAYS = 7;

interface RequestRow {
  id: string;
  record_id: string;
  archival_number: string;
  title: string;
  requester_id: string;
  requester_name: string;
  purpose: string;
  status: string;
  decided_by_name: string | null;
  expires_at: Date | null;
  created_at: Date;
}

const toRequest = (r: RequestRow): AccessRequest => ({
  id: r.id,
  recordId: r.record_id,
  archivalNumber: r.archival_number,
  title: r.title,
  requesterName: r.requester_name,
  purpose: r.purpose,
  status: r.status,
  decidedByName: r.decided_by_name,
  expiresAt: r.expires_at ? new Date(r.expires_at) : null,
  createdAt: new Date(r.created_at),
});

const REQUEST_SQL = `select q.*, r.archival_number, r.title from archive.access_requests q join archive.records r on r.id = q.record_id`;

/** The caller's approved, unexpired request for a record; refuses without one. */
async function grantOf(em: EntityManager, recordId: string, userId: string): Promise<string> {
  const [row] = (await em.execute(
    "select id from archive.access_requests where record_id = ? and requester_id = ? and status = 'APPROVED' and expires_at > now() order by expires_at desc limit 1",
    [recordId, userId],
  )) as { id: string }[];
  if (!row)
    throw new YizhanError(ErrorCode.FORBIDDEN, 'Reading an archived record needs an approved access request (调阅申请)', { reason: 'NO_APPROVED_REQUEST' });
  return row.id;
}

async function register(
  em: EntityManager,
  r: { id: string; orgPath: string },
  requestId: string,
  caller: { userId: string; username: string },
  action: string,
  component: string | null,
) {
  await em.execute(
    'insert into archive.access_log (record_id, org_path, request_id, user_id, user_name, action, component) values (?, ?::ltree, ?, ?, ?, ?, ?)',
    [r.id, r.orgPath, requestId, caller.userId, caller.username, action, component],
  );
}

export async function requestArchiveAccess(recordId: string, purpose: string, ctx: ArchiveContext) {
  const caller = requireCaller(ctx);
  const why = purpose.trim();
  if (why.length < 2 || why.length > 500) throw badInput('State the purpose (2–500 characters)', 'purpose');
  return ctx.em.transactional(async (tx) => {
    const em = tx as EntityManager;
    const r = await getRecord(em, recordId);
    if (r.status === 'DESTROYED') throw badInput('The record was destroyed; only its catalogue entry remains', 'recordId');
    const id = crypto.randomUUID();
    await em.execute('insert into archive.access_requests (id, record_id, org_path, requester_id, requester_name, purpose) values (?, ?, ?::ltree, ?, ?, ?)', [
      id,
      r.id,
      r.orgPath,
      caller.userId,
      caller.username,
      why,
    ]);
    const [row] = (await em.execute(`${REQUEST_SQL} where q.id = ?`, [id])) as RequestRow[];
    return toRequest(row as RequestRow);
  });
}

export async function archiveAccessRequests(status: string | null, ctx: ArchiveContext) {
  const caller = requireCaller(ctx);
  const mine = caller.roles.includes('ARCHIVIST') ? '' : 'and q.requester_id = ?';
  const rows = (await ctx.em.execute(`${REQUEST_SQL} where r.org_id = ? ${status ? 'and q.status = ?' : ''} ${mine} order by q.created_at desc limit 200`, [
    caller.orgId,
    ...(status ? [status] : []),
    ...(mine ? [caller.userId] : []),
  ])) as RequestRow[];
  return rows.map(toRequest);
}

export async function decideArchiveAccess(id: string, approve: boolean, ctx: ArchiveContext) {
  const caller = requireCaller(ctx);
  requireRole(caller, 'ARCHIVIST');
  if (!isUuid(id)) throw notFound('Access request', id);
  return ctx.em.transactional(async (tx) => {
    const em = tx as EntityManager;
    const [row] = (await em.execute(`${REQUEST_SQL} where q.id = ? for update of q`, [id])) as RequestRow[];
    if (!row) throw notFound('Access request', id);
    if (row.requester_id === caller.userId) throw forbidden('Another archivist decides on your own request');
    if (row.status !== 'PENDING') throw new YizhanError(ErrorCode.ILLEGAL_TRANSITION, `The request is ${row.status.toLowerCase()}`);
    await em.execute(
      `update archive.access_requests set status = ?, decided_by_name = ?, decided_at = now(), expires_at = ${approve ? `now() + interval '${ACCESS_DAYS} days'` : 'null'} where id = ?`,
      [approve ? 'APPROVED' : 'REJECTED', caller.username, id],
    );
    const [after] = (await em.execute(`${REQUEST_SQL} where q.id = ?`, [id])) as RequestRow[];
    return toRequest(after as RequestRow);
  });
}

export async function readArchivedRecord(recordId: string, ctx: ArchiveContext): Promise<ArchivedContent> {
  const caller = requireCaller(ctx);
  return ctx.em.transactional(async (tx) => {
    const em = tx as EntityManager;
    const r = await getRecord(em, recordId);
    if (r.status === 'DESTROYED') throw badInput('The record was destroyed; only its catalogue entry remains', 'recordId');
    const grant = await grantOf(em, r.id, caller.userId);
    await register(em, r, grant, caller, 'VIEW', null);
    await appendChain(em, { orgId: r.orgId, orgPath: r.orgPath }, 'VIEW', r.id, { by: caller.username, request: grant });
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
    const r = await getRecord(em, recordId);
    const file = (r.components as unknown as ArchivedFile[]).find((f) => f.sha256 === sha256);
    if (!file) throw notFound('Archived file', sha256);
    const grant = await grantOf(em, r.id, caller.userId);
    const content = await ctx.deps.store.get(file.sha256);
    if (!content) throw new YizhanError(ErrorCode.INTERNAL, 'The archived file is missing: run the four-property check');
    await register(em, r, grant, caller, 'DOWNLOAD', file.name);
    await appendChain(em, { orgId: r.orgId, orgPath: r.orgPath }, 'DOWNLOAD', r.id, { by: caller.username, file: file.name });
    return content.toString('base64');
  });
}

export async function archiveAccessLog(recordId: string, ctx: ArchiveContext): Promise<AccessLogEntry[]> {
  requireCaller(ctx);
  const r = await getRecord(ctx.em, recordId);
  const rows = (await ctx.em.execute('select user_name, action, component, at from archive.access_log where record_id = ? order by at', [r.id])) as {
    user_name: string;
    action: string;
    component: string | null;
    at: Date;
  }[];
  return rows.map((x) => ({ userName: x.user_name, action: x.action, component: x.component, at: new Date(x.at) }));
}

// Disposal: records whose retention has ended, proposals to destroy or keep longer, and the unit head's decision
// (an approved destruction erases the content).
import { type EntityManager } from '@mikro-orm/postgresql';
import { badInput, ErrorCode, forbidden, notFound, requireCaller, requireRole, YizhanError } from '@yizhan/common';
import { isUuid } from '@yizhan/kernel';
import { type ArchiveContext } from '../deps.ts';
import { RETENTIONS, type Retention, retentionUntil } from '../domain/retention.ts';
import { ArchiveRecord } from '../entities/ArchiveRecord.ts';
import type { Disposal } from '../resolvers/types.ts';
import { appendChain, getRecord } from '../store/records.ts';

interface DisposalRow {
  id: string;
  record_id: string;
  archival_number: string;
  decision: string;
  extend_to: string | null;
  reason: string;
  requested_by_name: string;
  status: string;
  decided_by_name: string | null;
  created_at: Date;
}

const toDisposal = (r: DisposalRow): Disposal => ({
  id: r.id,
  recordId: r.record_id,
  archivalNumber: r.archival_number,
  decision: r.decision,
  extendTo: r.extend_to,
  reason: r.reason,
  requestedByName: r.requested_by_name,
  status: r.status,
  decidedByName: r.decided_by_name,
  createdAt: new Date(r.created_at),
});

const DISPOSAL_SQL = 'select d.*, r.archival_number from archive.disposals d join archive.records r on r.id = d.record_id';

export async function appraisalDue(asOf: Date | null, ctx: ArchiveContext) {
  const caller = requireCaller(ctx);
  const day = (asOf ?? new Date()).toISOString().slice(0, 10);
  const ids = (await ctx.em.execute(
    "select id from archive.records where org_id = ? and status <> 'DESTROYED' and not hold and retention_until is not null and retention_until < ?::date order by retention_until",
    [caller.orgId, day],
  )) as { id: string }[];
  return ids.length ? ctx.em.find(ArchiveRecord, { id: { $in: ids.map((r) => r.id) } }, { orderBy: { retentionUntil: 'asc' } }) : [];
}

export async function disposals(ctx: ArchiveContext) {
  const caller = requireCaller(ctx);
  const rows = (await ctx.em.execute(`${DISPOSAL_SQL} where r.org_id = ? order by d.created_at desc limit 200`, [caller.orgId])) as DisposalRow[];
  return rows.map(toDisposal);
}

export async function proposeDisposal(recordId: string, decision: string, reason: string, extendTo: string | null, ctx: ArchiveContext) {
  const caller = requireCaller(ctx);
  requireRole(caller, 'ARCHIVIST');
  if (decision !== 'DESTROY' && decision !== 'EXTEND') throw badInput('decision is DESTROY or EXTEND', 'decision');
  if (!reason.trim()) throw badInput('Give the appraisal’s reasons', 'reason');
  if (decision === 'EXTEND' && !RETENTIONS.includes(extendTo as Retention)) throw badInput(`extendTo is one of ${RETENTIONS.join(', ')}`, 'extendTo');
  return ctx.em.transactional(async (tx) => {
    const em = tx as EntityManager;
    const r = await getRecord(em, recordId);
    if (r.status === 'DESTROYED') throw new YizhanError(ErrorCode.ILLEGAL_TRANSITION, 'The record is already destroyed');
    if (decision === 'DESTROY' && r.hold)
      throw new YizhanError(ErrorCode.ILLEGAL_TRANSITION, `The record is on hold (${r.holdReason}): it is not destroyed`, { hold: true });
    if (decision === 'DESTROY' && (!r.retentionUntil || r.retentionUntil >= new Date().toISOString().slice(0, 10))) {
      throw new YizhanError(ErrorCode.ILLEGAL_TRANSITION, r.retentionUntil ? `The record is kept until ${r.retentionUntil}` : 'The record is kept permanently');
    }
    const id = crypto.randomUUID();
    await em.execute(
      'insert into archive.disposals (id, record_id, org_path, decision, extend_to, reason, requested_by_name) values (?, ?, ?::ltree, ?, ?, ?, ?)',
      [id, r.id, r.orgPath, decision, extendTo ?? null, reason.trim(), caller.username],
    );
    const [row] = (await em.execute(`${DISPOSAL_SQL} where d.id = ?`, [id])) as DisposalRow[];
    return toDisposal(row as DisposalRow);
  });
}

export async function decideDisposal(id: string, approve: boolean, ctx: ArchiveContext) {
  const caller = requireCaller(ctx);
  if (!caller.roles.includes('LEADER')) throw forbidden('The head of the unit (LEADER) decides on destruction');
  if (!isUuid(id)) throw notFound('Disposal', id);
  return ctx.em.transactional(async (tx) => {
    const em = tx as EntityManager;
    const [d] = (await em.execute(`${DISPOSAL_SQL} where d.id = ? for update of d`, [id])) as DisposalRow[];
    if (!d) throw notFound('Disposal', id);
    if (d.status !== 'PENDING') throw new YizhanError(ErrorCode.ILLEGAL_TRANSITION, `The proposal is ${d.status.toLowerCase()}`);
    const r = await getRecord(em, d.record_id);
    if (approve && d.decision === 'DESTROY') {
      if (r.hold) throw new YizhanError(ErrorCode.ILLEGAL_TRANSITION, `The record is on hold (${r.holdReason}): it is not destroyed`, { hold: true });
      r.status = 'DESTROYED';
      // The content goes; the catalogue entry, the fixity and the destruction record stay.
      r.canonical = null;
      r.events = [];
      r.components = (r.components as { sha256: string }[]).map((c) => ({ ...c, erased: true }));
    }
    if (approve && d.decision === 'EXTEND') {
      r.retention = d.extend_to as Retention;
      r.retentionUntil = retentionUntil(r.year, r.retention as Retention);
    }
    await em.flush();
    await em.execute('update archive.disposals set status = ?, decided_by_name = ?, decided_at = now() where id = ?', [
      approve ? 'APPROVED' : 'REJECTED',
      caller.username,
      id,
    ]);
    if (approve) await appendChain(em, { orgId: r.orgId, orgPath: r.orgPath }, d.decision, r.id, { disposal: id, reason: d.reason, by: caller.username });
    const [after] = (await em.execute(`${DISPOSAL_SQL} where d.id = ?`, [id])) as DisposalRow[];
    return toDisposal(after as DisposalRow);
  });
}

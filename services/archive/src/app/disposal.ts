// Disposal: records whose retention has ended, proposals to destroy or keep longer, and the unit head's decision
// (an approved destruction erases the content).

import { type EntityManager } from '@mikro-orm/postgresql';
import { badInput, ErrorCode, forbidden, notFound, personName, requireCaller, requiredText, requireRole, YizhanError } from '@yizhan/common';
import { isUuid } from '@yizhan/kernel';
import { type Kysely, type Selectable, sql } from 'kysely';
import { type ArchiveContext } from '../deps.ts';
import { type AppraisedRecord, disposalProblem } from '../domain/disposal.ts';
import { RETENTIONS, type Retention, retentionUntil } from '../domain/retention.ts';
import { ArchiveRecord } from '../entities/ArchiveRecord.ts';
import type { Disposal } from '../resolvers/types.ts';
import type { DB } from '../store/db.ts';
import { appendChain, getRecord } from '../store/records.ts';
import { withDb } from '../store/sql.ts';
import { fondsOf } from './fonds.ts';

const today = () => new Date().toISOString().slice(0, 10);

const appraised = (r: ArchiveRecord): AppraisedRecord => ({
  status: r.status,
  hold: r.hold,
  holdReason: r.holdReason ?? null,
  retention: r.retention as Retention,
  retentionUntil: r.retentionUntil ?? null,
});

/** A disposal with its record's archival number (d.*, r.archival_number). */
const disposalRows = (db: Kysely<DB>) =>
  db.selectFrom('archive.disposals as d').innerJoin('archive.records as r', 'r.id', 'd.record_id').selectAll('d').select('r.archival_number');

type DisposalRow = Selectable<DB['archive.disposals']> & Pick<Selectable<DB['archive.records']>, 'archival_number'>;

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

export async function appraisalDue(asOf: Date | null, fondsId: string | null, ctx: ArchiveContext) {
  const fonds = await fondsOf(ctx, fondsId);
  const day = (asOf ?? new Date()).toISOString().slice(0, 10);
  const ids = await withDb(ctx.em, (db) =>
    db
      .selectFrom('archive.records')
      .select('id')
      .where('org_id', '=', fonds.orgId)
      .where('status', '<>', 'DESTROYED')
      .where((eb) => eb.not(eb.ref('hold')))
      .where('retention_until', 'is not', null)
      .where('retention_until', '<', sql<string>`${day}::date`)
      .orderBy('retention_until')
      .execute(),
  );
  return ids.length ? ctx.em.find(ArchiveRecord, { id: { $in: ids.map((r) => r.id) } }, { orderBy: { retentionUntil: 'asc' } }) : [];
}

export async function disposals(fondsId: string | null, ctx: ArchiveContext) {
  const fonds = await fondsOf(ctx, fondsId);
  const rows = await withDb(ctx.em, (db) => disposalRows(db).where('r.org_id', '=', fonds.orgId).orderBy('d.created_at', 'desc').limit(200).execute());
  return rows.map(toDisposal);
}

export async function proposeDisposal(recordId: string, decision: string, reason: string, extendTo: string | null, ctx: ArchiveContext) {
  const caller = requireCaller(ctx);
  requireRole(caller, 'ARCHIVIST');
  if (decision !== 'DESTROY' && decision !== 'EXTEND') throw badInput('decision is DESTROY or EXTEND', 'decision');
  const why = requiredText(reason, 'reason', { max: 500 });
  if (decision === 'EXTEND' && !RETENTIONS.includes(extendTo as Retention)) throw badInput(`extendTo is one of ${RETENTIONS.join(', ')}`, 'extendTo');
  return ctx.em.transactional(async (tx) => {
    const em = tx as EntityManager;
    const r = await getRecord(em, recordId, caller.orgId);
    // One proposal open at a time: two open ones (destroy and keep longer) would both be decided, in any order.
    await withDb(em, (db) => sql`select pg_advisory_xact_lock(hashtext(${`disposal:${r.id}`}))`.execute(db));
    const open = await withDb(em, (db) =>
      db.selectFrom('archive.disposals').select(['id', 'decision']).where('record_id', '=', r.id).where('status', '=', 'PENDING').executeTakeFirst(),
    );
    if (open)
      throw new YizhanError(ErrorCode.CONFLICT, `A proposal for this record (${open.decision}) waits for the head's decision: decide it first`, {
        disposalId: open.id,
      });
    const problem = disposalProblem(appraised(r), decision, (extendTo as Retention) ?? null, today(), 'PROPOSAL');
    if (problem) throw problem;
    const id = crypto.randomUUID();
    const row = await withDb(em, async (db) => {
      await db
        .insertInto('archive.disposals')
        .values({
          id,
          record_id: r.id,
          org_path: r.orgPath,
          decision,
          extend_to: decision === 'EXTEND' ? extendTo : null,
          reason: why,
          requested_by_name: personName(caller),
        })
        .execute();
      return disposalRows(db).where('d.id', '=', id).executeTakeFirstOrThrow();
    });
    return toDisposal(row);
  });
}

export async function decideDisposal(id: string, approve: boolean, ctx: ArchiveContext) {
  const caller = requireCaller(ctx);
  if (!caller.roles.includes('LEADER')) throw forbidden('The head of the unit (LEADER) decides on destruction');
  if (!isUuid(id)) throw notFound('Disposal', id);
  return ctx.em.transactional(async (tx) => {
    const em = tx as EntityManager;
    const d = await withDb(em, (db) => disposalRows(db).where('d.id', '=', id).forUpdate('d').executeTakeFirst());
    if (!d) throw notFound('Disposal', id);
    if (d.status !== 'PENDING') throw new YizhanError(ErrorCode.ILLEGAL_TRANSITION, `The proposal is ${d.status.toLowerCase()}`);
    const r = await getRecord(em, d.record_id, caller.orgId);
    // Decided as proposed only if it still may be: the record may have been destroyed, held or kept longer since.
    const problem = approve ? disposalProblem(appraised(r), d.decision as 'DESTROY' | 'EXTEND', d.extend_to as Retention | null, today(), 'DECISION') : null;
    if (problem) throw problem;
    if (approve && d.decision === 'DESTROY') {
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
    await withDb(em, (db) =>
      db
        .updateTable('archive.disposals')
        .set({ status: approve ? 'APPROVED' : 'REJECTED', decided_by_name: personName(caller), decided_at: sql<Date>`now()` })
        .where('id', '=', id)
        .execute(),
    );
    if (approve) await appendChain(em, { orgId: r.orgId, orgPath: r.orgPath }, d.decision, r.id, { disposal: id, reason: d.reason, by: personName(caller) });
    const after = await withDb(em, (db) => disposalRows(db).where('d.id', '=', id).executeTakeFirstOrThrow());
    return toDisposal(after);
  });
}

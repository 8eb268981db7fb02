// Retention: holding a record (never destroyed while held) or releasing it, and the unit's retention table (read and set).

import { type EntityManager } from '@mikro-orm/postgresql';
import { badInput, ErrorCode, personName, requireCaller, requiredText, requireRole, YizhanError } from '@yizhan/common';
import { type ArchiveContext } from '../deps.ts';
import { defaultRetentions, RETENTIONS, type Retention } from '../domain/retention.ts';
import { appendChain, getRecord } from '../store/records.ts';
import { withDb } from '../store/sql.ts';
import { unitOf } from './checks.ts';

export async function setArchiveHold(id: string, hold: boolean, reason: string, ctx: ArchiveContext) {
  const caller = requireCaller(ctx);
  requireRole(caller, 'ARCHIVIST');
  const why = requiredText(reason, 'reason', { max: 500 });
  return ctx.em.transactional(async (tx) => {
    const em = tx as EntityManager;
    const r = await getRecord(em, id, caller.orgId);
    // A destroyed record has nothing left to hold: a hold on it would be a link in the chain that protects nothing.
    if (r.status === 'DESTROYED') throw new YizhanError(ErrorCode.ILLEGAL_TRANSITION, 'The record is destroyed: there is nothing left to hold');
    r.hold = hold;
    r.holdReason = hold ? why : null;
    await em.flush();
    await appendChain(em, unitOf(r), hold ? 'HOLD' : 'RELEASE', r.id, { reason: why, by: personName(caller) });
    return r;
  });
}

export async function setRetentionRule(docType: string, retention: string, ctx: ArchiveContext) {
  const caller = requireCaller(ctx);
  requireRole(caller, 'ARCHIVIST');
  if (!RETENTIONS.includes(retention as Retention)) throw badInput(`retention is one of ${RETENTIONS.join(', ')}`, 'retention');
  await withDb(ctx.em, (db) =>
    db
      .insertInto('archive.retention_rules')
      .values({ org_id: caller.orgId, org_path: caller.orgPath, doc_type: docType.trim(), retention })
      .onConflict((oc) => oc.columns(['org_id', 'doc_type']).doUpdateSet((eb) => ({ retention: eb.ref('excluded.retention') })))
      .execute(),
  );
  return true;
}

/** The caller's unit's retention table: every document type the defaults name and every type the unit set, each with
 * the retention applied at archiving and whether it is the unit's own choice. */
export async function retentionTable(ctx: ArchiveContext): Promise<{ docType: string; retention: string; own: boolean }[]> {
  const caller = requireCaller(ctx);
  const own = await withDb(ctx.em, (db) =>
    db.selectFrom('archive.retention_rules').select(['doc_type', 'retention']).where('org_id', '=', caller.orgId).orderBy('doc_type').execute(),
  );
  const table = new Map<string, { docType: string; retention: string; own: boolean }>(
    defaultRetentions().map(([docType, retention]) => [docType, { docType, retention, own: false }]),
  );
  for (const r of own) table.set(r.doc_type, { docType: r.doc_type, retention: r.retention, own: true });
  return [...table.values()];
}

// Retention: holding a record (never destroyed while held) or releasing it, and the unit's retention table.

import { type EntityManager } from '@mikro-orm/postgresql';
import { badInput, requireCaller, requireRole } from '@yizhan/common';
import { type ArchiveContext } from '../deps.ts';
import { personName } from '../domain/person.ts';
import { RETENTIONS, type Retention } from '../domain/retention.ts';
import { appendChain, getRecord } from '../store/records.ts';
import { withDb } from '../store/sql.ts';
import { unitOf } from './checks.ts';

export async function setArchiveHold(id: string, hold: boolean, reason: string, ctx: ArchiveContext) {
  const caller = requireCaller(ctx);
  requireRole(caller, 'ARCHIVIST');
  if (!reason.trim()) throw badInput('Give the reason', 'reason');
  return ctx.em.transactional(async (tx) => {
    const em = tx as EntityManager;
    const r = await getRecord(em, id);
    r.hold = hold;
    r.holdReason = hold ? reason.trim() : null;
    await em.flush();
    await appendChain(em, unitOf(r), hold ? 'HOLD' : 'RELEASE', r.id, { reason: reason.trim(), by: personName(caller) });
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

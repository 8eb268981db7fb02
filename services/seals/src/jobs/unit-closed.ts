// A unit dissolved or merged away keeps no seal in use (seed 003 §22: its seals are handed back): they are revoked
// and their keys erased. Their certificates are revoked by the certificates service, which follows the same event.
import type { EntityManager } from '@mikro-orm/postgresql';
import type { TypedEvent } from '@yizhan/common';
import type { orgEvents } from '@yizhan/contracts/org';
import { Seal } from '../entities/Seal.ts';
import { logEvent } from '../store/seals.ts';
import { withDb } from '../store/sql.ts';

type UnitClosed = TypedEvent<(typeof orgEvents)['payloads'], 'org.dissolved' | 'org.merged'>;

export async function onUnitClosed(event: UnitClosed, em: EntityManager): Promise<void> {
  const seals = await em.find(Seal, { orgId: event.payload.orgId, status: { $in: ['PENDING_CUSTODY', 'ACTIVE', 'SUSPENDED'] } });
  for (const seal of seals) {
    seal.status = 'REVOKED';
    seal.statusReason = event.type === 'org.merged' ? 'the unit was merged' : 'the unit was dissolved';
    await em.flush();
    await withDb(em, (db) => db.deleteFrom('seals.seal_keys').where('seal_id', '=', seal.id).execute());
    await logEvent(em, {
      sealId: seal.id,
      orgPath: seal.orgPath,
      action: 'REVOKED',
      actor: { userId: null, name: `system (${event.type})` },
      detail: event.payload,
    });
  }
}

// A unit that is dissolved or merged away stops signing: every certificate it holds (its people's, its own, its
// seals') is revoked, with cessation of operation as the reason (seed 003 §9, §22).
import type { EntityManager } from '@mikro-orm/postgresql';
import type { TypedEvent } from '@yizhan/common';
import type { orgEvents } from '@yizhan/contracts/org';
import { Certificate } from '../entities/Certificate.ts';
import { changeStatus } from '../store/certificates.ts';

type UnitClosed = TypedEvent<(typeof orgEvents)['payloads'], 'org.dissolved' | 'org.merged'>;

export async function onUnitClosed(event: UnitClosed, em: EntityManager): Promise<void> {
  const { orgId } = event.payload;
  const certs = await em.find(Certificate, { orgId, status: { $ne: 'REVOKED' } });
  for (const cert of certs) await changeStatus(em, cert, 'REVOKE', 'CESSATION_OF_OPERATION', { id: null, name: `system (${event.type})` });
}

// A unit that is dissolved or merged away stops signing: every certificate it holds (its people's, its own, its
// seals') is revoked, with cessation of operation as the reason (seed 003 §9, §22).
import type { EntityManager } from '@mikro-orm/postgresql';
import type { PublishedEvent } from '@yizhan/kernel';
import { Certificate } from './entities/Certificate.ts';
import { changeStatus } from './store.ts';

export async function onUnitClosed(event: PublishedEvent, em: EntityManager): Promise<void> {
  const orgId = event.payload.orgId as string;
  const certs = await em.find(Certificate, { orgId, status: { $ne: 'REVOKED' } });
  for (const cert of certs) await changeStatus(em, cert, 'REVOKE', 'CESSATION_OF_OPERATION', { id: null, name: `system (${event.type})` });
}

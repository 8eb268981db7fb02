// What a closed unit had not signed for (app/closed-recipients.ts): its deliveries the platform withdraws, locked for
// the transaction that withdraws them, with what a delivery handed on to the unit it joined copies.
import type { EntityManager } from '@mikro-orm/postgresql';
import { TRANSITIONS } from '../domain/delivery.ts';
import { withDb } from './sql.ts';

export function pendingOfClosedUnit(em: EntityManager, orgId: string) {
  return withDb(em, (db) =>
    db
      .selectFrom('documents.deliveries')
      .select(['id', 'document_id', 'status', 'doc_number', 'document_sent_at', 'role', 'print_quota', 'direction', 'sender_path', 'deadline'])
      .where('recipient_org_id', '=', orgId)
      .where('status', 'in', TRANSITIONS.UNIT_CLOSED.from)
      .orderBy('delivered_at')
      .forUpdate()
      .execute(),
  );
}

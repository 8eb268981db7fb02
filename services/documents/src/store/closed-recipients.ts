// What a closed unit had not signed for (app/closed-recipients.ts): its deliveries the platform withdraws, locked for
// the transaction that withdraws them, with what a delivery handed on to the unit it joined copies; and what a merged
// unit had signed for and not finished (办结), which goes on to the unit it joined.
import type { EntityManager } from '@mikro-orm/postgresql';
import { type DeliveryStatus, TRANSITIONS } from '../domain/delivery.ts';
import { withDb } from './sql.ts';

export function pendingOfClosedUnit(em: EntityManager, orgId: string, statuses: readonly DeliveryStatus[] = TRANSITIONS.UNIT_CLOSED.from) {
  return withDb(em, (db) =>
    db
      .selectFrom('documents.deliveries')
      .select([
        'id',
        'document_id',
        'status',
        'doc_number',
        'document_sent_at',
        'role',
        'print_quota',
        'direction',
        'sender_path',
        'recipient_path',
        'recipient_org_id',
        'recipient_name',
        'deadline',
      ])
      .where('recipient_org_id', '=', orgId)
      .where('status', 'in', [...statuses])
      .orderBy('delivered_at')
      .forUpdate()
      .execute(),
  );
}

/** What a closed unit signed for and had not finished (办结): in its handling when it closed. */
export const inHandlingOfClosedUnit = (em: EntityManager, orgId: string) => pendingOfClosedUnit(em, orgId, ['SIGNED']);

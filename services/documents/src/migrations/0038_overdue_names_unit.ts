import { Migration } from '@yizhan/kernel/migration';

/**
 * The overdue announcement names its unit as the delivery records it (`recipientName`), as the receipts' and the
 * deliveries' events do: a supervisor's `subtreeOverdue { recipientOrg { name } }` is then rendered at the gateway's
 * live edge from the event alone. A broadcast's deliveries pass their due time together, so this is ten thousand
 * names in one burst that were one call to org per batch. The function is otherwise 0010's.
 */
export class OverdueNamesUnit extends Migration {
  override up(): void {
    this.addSql(
      `CREATE OR REPLACE FUNCTION documents.mark_overdue() RETURNS integer
        LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, documents AS $f$
          WITH due AS (
            UPDATE documents.deliveries SET overdue_at = now()
            WHERE status IN ('DELIVERED', 'RECEIVED', 'PRINTED') AND signed_at IS NULL AND due_at < now() AND overdue_at IS NULL
            RETURNING id, document_id, sender_path, recipient_path, recipient_org_id, recipient_name, doc_number, due_at, status),
          announced AS (
            INSERT INTO documents.outbox (type, org_path, other_path, payload)
            SELECT 'delivery.overdue', sender_path, recipient_path,
                   jsonb_build_object('deliveryId', id, 'documentId', document_id, 'recipientOrgId', recipient_org_id,
                                      'recipientName', recipient_name, 'docNumber', doc_number, 'status', status, 'dueAt', due_at)
            FROM due RETURNING 1)
          SELECT count(*)::int FROM announced
        $f$`,
    );
  }
}

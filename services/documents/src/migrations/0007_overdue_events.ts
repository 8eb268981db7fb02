import { loadConfig } from '@yizhan/common';
import { Migration } from '@yizhan/kernel/migration';

/** A delivery passing its due time unsigned is a state change too: marked once, announced as an event. */
export class OverdueEvents extends Migration {
  override up(): void {
    const relay = loadConfig().relayRole.name;
    const sql = [
      'ALTER TABLE documents.deliveries ADD COLUMN overdue_at timestamptz',
      // Marking runs as the table owner through this one function, which the relay role (the background jobs) may call.
      `DO $$ BEGIN
        EXECUTE format('CREATE POLICY overdue_marker ON documents.deliveries TO %I USING (true) WITH CHECK (true)', current_user);
        EXECUTE format('CREATE POLICY overdue_marker ON documents.outbox FOR INSERT TO %I WITH CHECK (true)', current_user);
      END $$`,
      `CREATE FUNCTION documents.mark_overdue() RETURNS integer
        LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, documents AS $f$
          WITH due AS (
            UPDATE documents.deliveries SET overdue_at = now()
            WHERE status = 'DELIVERED' AND due_at < now() AND overdue_at IS NULL
            RETURNING id, document_id, sender_path, recipient_path, recipient_org_id, doc_number, due_at),
          announced AS (
            INSERT INTO documents.outbox (type, org_path, other_path, payload)
            SELECT 'delivery.overdue', sender_path, recipient_path,
                   jsonb_build_object('deliveryId', id, 'documentId', document_id, 'recipientOrgId', recipient_org_id,
                                      'docNumber', doc_number, 'status', 'DELIVERED', 'dueAt', due_at)
            FROM due RETURNING 1)
          SELECT count(*)::int FROM announced
        $f$`,
      'REVOKE ALL ON FUNCTION documents.mark_overdue() FROM PUBLIC',
      `GRANT EXECUTE ON FUNCTION documents.mark_overdue() TO "${relay}"`,
    ];
    for (const s of sql) this.addSql(s);
  }
}

import { partitionByTimeSql } from '@yizhan/kernel';
import { Migration } from '@yizhan/kernel/migration';

/**
 * The deliveries partitioned by year (issue 19: the table that grows most with traffic), by their document's send
 * time, `document_sent_at`: every delivery of a document — the send's, a resend's, a supplement's — carries the same
 * one, so a document's deliveries share a partition and "one live delivery per recipient" (the partial unique index,
 * which gains the column) still means what it meant. The dozen foreign keys to a delivery become the kernel's
 * reference checks (db/partitions.ts), and the 催办 an escalation points at (whose key 0024 dropped when it
 * partitioned the history, before the kernel made such checks) gets its check back. Ten years kept attached, as the history.
 */
export class DeliveriesByYear extends Migration {
  override up(): void {
    // The owner reads every row to fill the column (the policies would show it none), then security is forced again.
    for (const s of [
      'ALTER TABLE documents.deliveries ADD COLUMN document_sent_at timestamptz',
      'ALTER TABLE documents.deliveries NO FORCE ROW LEVEL SECURITY',
      'ALTER TABLE documents.documents NO FORCE ROW LEVEL SECURITY',
      `UPDATE documents.deliveries d SET document_sent_at = coalesce(doc.sent_at, d.delivered_at)
        FROM documents.documents doc WHERE doc.id = d.document_id`,
      'ALTER TABLE documents.documents FORCE ROW LEVEL SECURITY',
      'ALTER TABLE documents.deliveries FORCE ROW LEVEL SECURITY',
      'ALTER TABLE documents.deliveries ALTER COLUMN document_sent_at SET NOT NULL',
      ...partitionByTimeSql({ table: 'documents.deliveries', column: 'document_sent_at', period: 'year', ahead: 1, keep: 10 }),
      // A period's statistics read the years sent in it, and these apart: the deliveries made after their document's
      // send (resends, supplements), the only ones delivered in a later year than they are kept under.
      'CREATE INDEX deliveries_late ON documents.deliveries (delivered_at) WHERE delivered_at > document_sent_at',
      // A database made since the kernel made such checks got it in 0024 already.
      `DO $$ BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = 'documents.escalations'::regclass AND tgname = 'escalations_urge_id_fkey_added') THEN
          PERFORM documents.check_references('escalations_urge_id_fkey', 'documents.escalations', 'urge_id', 'documents.delivery_history', 'id');
        END IF;
      END $$`,
    ])
      this.addSql(s);
  }
}

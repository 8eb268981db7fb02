import { Migration } from '@yizhan/kernel/migration';

/**
 * 对端来文 on the delivery itself: the peer platform its document came from, written when it is taken in. The inbox
 * shows it on every row, and reading it from the documents took a query a page, under the documents' policies: a
 * third of the inbox's throughput (bench/README, "The gateway's request path", 2026-12-03). Null for this platform's
 * own; the deliveries of documents taken in before are filled in here.
 */
export class DeliveryFromPeer extends Migration {
  override up(): void {
    this.addSql('ALTER TABLE documents.deliveries ADD COLUMN from_peer text');
    this.addSql(
      `UPDATE documents.deliveries d SET from_peer = doc.peer_origin->>'platform'
        FROM documents.documents doc WHERE doc.peer_origin IS NOT NULL AND d.document_id = doc.id`,
    );
  }
}

import { Migration } from '@yizhan/kernel/migration';

/**
 * The SHA-256 of a document's canonical content as it was sent (issue 17): what every receipt says was received,
 * written by the send (a sent document's content never changes) so that a 签收 reads one column instead of laying the
 * content out and reading its files back on each of a broadcast's thousands of receipts. Verification still lays the
 * content out afresh from the store and compares. NULL for a document sent before it (a receipt then computes it).
 */
export class ContentDigest extends Migration {
  override up(): void {
    this.addSql(`ALTER TABLE documents.documents
      ADD COLUMN content_sha256 text CHECK (content_sha256 ~ '^[0-9a-f]{64}$'),
      ADD CONSTRAINT document_content_digest_when_sent CHECK (content_sha256 IS NULL OR sent_at IS NOT NULL)`);
  }
}

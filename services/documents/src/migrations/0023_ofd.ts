import { Migration } from '@yizhan/kernel/migration';

/**
 * The OFD 版式 file (issue 18, GB/T 33190): rendered once per document at the send, from the print's layout, and kept
 * as a blob; `ofd_sha256` names it. Recipients download it as they download the document's other files. NULL for
 * documents sent before (and for drafts); a sent document without one is rendered when first asked for.
 */
export class Ofd extends Migration {
  override up(): void {
    this.addSql(`ALTER TABLE documents.documents
      ADD COLUMN ofd_sha256 text CHECK (ofd_sha256 ~ '^[0-9a-f]{64}$'),
      ADD CONSTRAINT document_ofd_when_sent CHECK (ofd_sha256 IS NULL OR sent_at IS NOT NULL)`);
    // The download route finds a file's document by its digest (app/files.ts).
    this.addSql('CREATE INDEX documents_ofd ON documents.documents (ofd_sha256) WHERE ofd_sha256 IS NOT NULL');
  }
}

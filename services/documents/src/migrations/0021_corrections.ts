import { Migration } from '@yizhan/kernel/migration';

/**
 * 修改后重发 (issue 16; seeds 001 §10 §15, 003 (二)): a document returned (退回) or asked to be resent is corrected by
 * its sender as a new document, linked to the original (`correction_of_document_id`), which copies what the link shows
 * and the returned deliveries it answers, each with the reason it came back with (`correction_of`). When the
 * correction is sent, each of those deliveries becomes RESENT and the correction's delivery to the same unit names it
 * as its parent (`parent_delivery_id`, as a plain resend's does): the original's board follows the link from there.
 */
export class Corrections extends Migration {
  override up(): void {
    const sql = [
      `ALTER TABLE documents.documents
        ADD COLUMN correction_of_document_id uuid REFERENCES documents.documents (id),
        ADD COLUMN correction_of jsonb,
        ADD CONSTRAINT document_correction_linked CHECK ((correction_of_document_id IS NULL) = (correction_of IS NULL))`,
      'CREATE INDEX documents_corrections ON documents.documents (correction_of_document_id) WHERE correction_of_document_id IS NOT NULL',
      // What replaced a returned delivery (a resend or a correction's delivery), found from the board.
      'CREATE INDEX deliveries_parent ON documents.deliveries (parent_delivery_id) WHERE parent_delivery_id IS NOT NULL',
    ];
    for (const s of sql) this.addSql(s);
  }
}

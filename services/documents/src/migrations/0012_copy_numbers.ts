import { SCOPE_SETTING } from '@yizhan/kernel';
import { Migration } from '@yizhan/kernel/migration';

const scope = `nullif(current_setting('${SCOPE_SETTING}', true), '')::ltree`;

/**
 * 份号 per issue (issue 18): a copy number identifies one copy of the whole issue, so it is allocated per document
 * across all its recipients, without gaps: one counter row per document, incremented inside the print's transaction
 * (like the 发文字号's), so a rolled-back print gives its number back and concurrent prints queue on the row. Each
 * print keeps its document, and a number is unique within the document. Copies printed before this migration keep
 * the numbers they carry on paper (each recipient's own count): they are marked as such, and the document's counter
 * starts above the highest of them, so no number of the issue is given twice.
 */
export class CopyNumbers extends Migration {
  override up(): void {
    const sql = [
      `CREATE TABLE documents.copy_counters (
        document_id uuid PRIMARY KEY REFERENCES documents.documents (id),
        sender_path ltree NOT NULL,
        last_seq integer NOT NULL CHECK (last_seq > 0)
      )`,
      // The sending unit (and those above it) and every unit the document was delivered to count its copies; a
      // recipient sees the counter only of documents delivered to it (through its own deliveries' row-level security).
      'ALTER TABLE documents.copy_counters ENABLE ROW LEVEL SECURITY',
      'ALTER TABLE documents.copy_counters FORCE ROW LEVEL SECURITY',
      `CREATE POLICY copy_counter_parties ON documents.copy_counters
        USING (sender_path <@ ${scope}
          OR EXISTS (SELECT 1 FROM documents.deliveries d WHERE d.document_id = copy_counters.document_id AND d.recipient_path <@ ${scope}))
        WITH CHECK (sender_path <@ ${scope}
          OR EXISTS (SELECT 1 FROM documents.deliveries d WHERE d.document_id = copy_counters.document_id AND d.recipient_path <@ ${scope}))`,

      'ALTER TABLE documents.prints ADD COLUMN document_id uuid',
      'UPDATE documents.prints p SET document_id = d.document_id FROM documents.deliveries d WHERE d.id = p.delivery_id',
      'ALTER TABLE documents.prints ALTER COLUMN document_id SET NOT NULL',
      // true: numbered per issue; false: a copy numbered by its recipient's own count before this migration.
      'ALTER TABLE documents.prints ADD COLUMN per_issue boolean NOT NULL DEFAULT true',
      'UPDATE documents.prints SET per_issue = false',
      'CREATE UNIQUE INDEX prints_issue_copy ON documents.prints (document_id, copy_number) WHERE per_issue',
      `INSERT INTO documents.copy_counters (document_id, sender_path, last_seq)
        SELECT p.document_id, min(p.sender_path::text)::ltree, max(p.copy_number) FROM documents.prints p GROUP BY p.document_id`,
    ];
    for (const s of sql) this.addSql(s);
  }
}

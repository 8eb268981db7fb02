import { tenantTableSql } from '@yizhan/kernel';
import { Migration } from '@yizhan/kernel/migration';

/**
 * 纸质补录 (issue 20; seed 003 §45, 001 §31): documents that travelled on paper while the platform was down, recorded
 * afterwards by the unit's clerk so its registers and the statistics stay whole — what it received (来文单位, 文号,
 * 标题, 收到时间) and what it sent (主送单位, 文号, 标题, 发出时间), with a scan if there is one. A paper document
 * received also takes the unit's next 收文编号 and an entry in its 收文登记簿, marked as paper (no delivery behind it).
 * Read by the unit and the units above it (supervision); written by the unit's own clerk (the application says so).
 */
export class PaperRecords extends Migration {
  override up(): void {
    const sql = [
      `CREATE TABLE documents.paper_records (
        id uuid PRIMARY KEY,
        org_id uuid NOT NULL,
        org_path ltree NOT NULL,
        direction text NOT NULL CHECK (direction IN ('RECEIVED', 'SENT')),
        counterpart_name text NOT NULL CHECK (length(counterpart_name) BETWEEN 1 AND 100),
        doc_number text NOT NULL CHECK (length(doc_number) BETWEEN 1 AND 60),
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
        doc_type text NOT NULL,
        paper_at timestamptz NOT NULL,
        scan_sha256 text CHECK (scan_sha256 ~ '^[0-9a-f]{64}$'),
        scan_name text,
        outage_note text,
        recorded_by uuid NOT NULL,
        recorded_by_name text NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((scan_sha256 IS NULL) = (scan_name IS NULL)),
        CHECK (paper_at <= recorded_at)
      )`,
      'CREATE INDEX paper_records_unit ON documents.paper_records (org_id, paper_at DESC)',
      'CREATE INDEX paper_records_path ON documents.paper_records USING gist (org_path)',
      ...tenantTableSql('documents.paper_records', 'subtree'),
      // The 收文登记簿 also holds what came on paper: an entry has a delivery or a paper record, never both.
      'ALTER TABLE documents.intake_register ALTER COLUMN delivery_id DROP NOT NULL',
      'ALTER TABLE documents.intake_register ALTER COLUMN document_id DROP NOT NULL',
      'ALTER TABLE documents.intake_register ALTER COLUMN sender_org_id DROP NOT NULL',
      'ALTER TABLE documents.intake_register ADD COLUMN paper_record_id uuid UNIQUE REFERENCES documents.paper_records (id)',
      'ALTER TABLE documents.intake_register ADD CONSTRAINT intake_source CHECK ((delivery_id IS NULL) <> (paper_record_id IS NULL))',
      'ALTER TABLE documents.intake_register ADD CONSTRAINT intake_delivered CHECK (paper_record_id IS NOT NULL OR (document_id IS NOT NULL AND sender_org_id IS NOT NULL))',
    ];
    for (const s of sql) this.addSql(s);
  }
}

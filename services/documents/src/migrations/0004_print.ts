import { SCOPE_SETTING } from '@yizhan/kernel';
import { Migration } from '@yizhan/kernel/migration';

const scope = `nullif(current_setting('${SCOPE_SETTING}', true), '')::ltree`;

/** Printing: each delivery's print count, and every print with its 份号 and whether it was within the quota. */
export class Print extends Migration {
  override up(): void {
    const sql = [
      'ALTER TABLE documents.deliveries ADD COLUMN print_count integer NOT NULL DEFAULT 0',
      `CREATE TABLE documents.prints (
        id bigserial PRIMARY KEY,
        delivery_id uuid NOT NULL REFERENCES documents.deliveries (id),
        sender_path ltree NOT NULL,
        recipient_path ltree NOT NULL,
        copy_number integer NOT NULL,
        within_quota boolean NOT NULL,
        pdf_sha256 text NOT NULL,
        printed_by uuid NOT NULL,
        printed_by_name text NOT NULL,
        printed_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        UNIQUE (delivery_id, copy_number)
      )`,
      'ALTER TABLE documents.prints ENABLE ROW LEVEL SECURITY',
      'ALTER TABLE documents.prints FORCE ROW LEVEL SECURITY',
      `CREATE POLICY print_parties ON documents.prints
        USING (sender_path <@ ${scope} OR recipient_path <@ ${scope})
        WITH CHECK (recipient_path <@ ${scope})`,
    ];
    for (const s of sql) this.addSql(s);
  }
}

import { Migration } from '@yizhan/kernel/migration';

/**
 * 不同意调阅 says why: the archivist's or head's reason is kept with the refused request, and the one who asked reads
 * it beside the record (they were not told at all before). Requests decided before keep none.
 */
export class AccessRefusalReasons extends Migration {
  override up(): void {
    this.addSql('ALTER TABLE archive.access_requests ADD COLUMN decision_note text');
    this.addSql(
      "ALTER TABLE archive.access_requests ADD CONSTRAINT access_requests_refusal_reason CHECK (decision_note IS NULL OR (status = 'REJECTED' AND length(decision_note) BETWEEN 2 AND 200))",
    );
  }
}

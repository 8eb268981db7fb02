import { Migration } from '@yizhan/kernel/migration';
import { linkEvidenceFunction } from './evidence-linker-sql.ts';

/**
 * 追加列印份数 (seed 001 §10): a receiving unit asks its sender for more copies it may print with the red header and
 * seal, saying how many and why; the request waits on the delivery until the sender raises the quota (or answers it).
 * The request is the receiving unit's act, so its event goes to that unit's evidence chain (the linker's list).
 */
export class PrintCopiesRequested extends Migration {
  override up(): void {
    this.addSql('ALTER TABLE documents.deliveries ADD COLUMN copies_requested integer CHECK (copies_requested BETWEEN 1 AND 100)');
    this.addSql('ALTER TABLE documents.deliveries ADD COLUMN copies_request_note text');
    this.addSql(linkEvidenceFunction('0045'));
  }
}

import { Migration } from '@yizhan/kernel/migration';

/**
 * 代拟稿 (seed 001 §12): a document drafted from the Word draft a unit submitted for it to issue in its own name. What
 * the link shows of the received document and the file it was drafted from, copied when drafted (app/proxy-draft.ts).
 */
export class DraftedFrom extends Migration {
  override up(): void {
    this.addSql('ALTER TABLE documents.documents ADD COLUMN drafted_from jsonb');
  }
}

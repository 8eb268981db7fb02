import { Migration } from '@yizhan/kernel/migration';

/** A bulletin keeps its printable PDF. */
export class BulletinPdf extends Migration {
  override up(): void {
    this.addSql('ALTER TABLE documents.bulletins ADD COLUMN pdf_sha256 text');
  }
}

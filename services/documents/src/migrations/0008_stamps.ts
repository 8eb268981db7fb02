import { Migration } from '@yizhan/kernel/migration';

/** The seal's stamp a document was sent with (issue 6): recorded at the send, verified at every print. */
export class Stamps extends Migration {
  override up(): void {
    this.addSql('ALTER TABLE documents.documents ADD COLUMN stamp jsonb');
  }
}

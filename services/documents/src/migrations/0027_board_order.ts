import { Migration } from '@yizhan/kernel/migration';

/**
 * The delivery board a page at a time (issue 19, app/board.ts): a document's deliveries in the org tree's order, by
 * keyset (recipient_path, id). The index by document alone made every page sort all of a broadcast's 10,000 rows by
 * path; this one, in that order, replaces it (every query by document still uses it), so a broadcast writes no more
 * index entries than before.
 */
export class BoardOrder extends Migration {
  override up(): void {
    this.addSql('CREATE INDEX deliveries_document_order ON documents.deliveries (document_id, recipient_path, id)');
    this.addSql('DROP INDEX documents.deliveries_document');
  }
}

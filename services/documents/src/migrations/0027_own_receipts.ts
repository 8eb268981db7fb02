import { Migration } from '@yizhan/kernel/migration';

/**
 * Receipts a clerk also signs with their own identity certificate (issue 17: "or the clerk's own signing certificate
 * where they log in with one"; seed 003 §3): the clerk's signature over the same canonical JSON the unit signs (which
 * names them as `signer`) and their certificate, beside the unit's. Both or neither; the table stays append-only.
 */
export class OwnReceipts extends Migration {
  override up(): void {
    this.addSql(`ALTER TABLE documents.receipts
      ADD COLUMN person_signature bytea,
      ADD COLUMN person_certificate bytea,
      ADD CONSTRAINT receipt_person_both CHECK ((person_signature IS NULL) = (person_certificate IS NULL))`);
  }
}

import { Migration } from '@yizhan/kernel/migration';

/**
 * Approvals an approver also signs with their own identity certificate (issue 17; seed 003 §3: a signature given
 * online counts as handwritten): their signature over the same canonical JSON the unit signs (which names them as
 * `signer`) and their certificate, beside the unit's. Both or neither; the table stays append-only.
 */
export class OwnApprovals extends Migration {
  override up(): void {
    this.addSql(`ALTER TABLE documents.approval_signatures
      ADD COLUMN person_signature bytea,
      ADD COLUMN person_certificate bytea,
      ADD CONSTRAINT approval_person_both CHECK ((person_signature IS NULL) = (person_certificate IS NULL))`);
  }
}

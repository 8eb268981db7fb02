import { tenantTableSql } from '@yizhan/kernel';
import { Migration } from '@yizhan/kernel/migration';

/**
 * Each unit's receipt-signing key (issue 17: signed receipts), one per suite, made by the CA on the unit's first
 * receipt: its certificate is an ordinary SIGNING certificate of the unit (holder UNIT, the unit's id as the subject's
 * serialNumber) in certificates.certificates; its private key is kept here encrypted under the CA's key-encryption
 * secret (`ca-master`, outside the database), bound to the unit and suite. Only the unit's own callers reach its row.
 */
export class UnitKeys extends Migration {
  override up(): void {
    const sql = [
      `CREATE TABLE certificates.unit_keys (
        org_id uuid NOT NULL,
        suite text NOT NULL CHECK (suite IN ('RSA', 'SM2')),
        org_path ltree NOT NULL,
        certificate_id uuid NOT NULL REFERENCES certificates.certificates (id),
        private_key_enc text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (org_id, suite)
      )`,
      ...tenantTableSql('certificates.unit_keys', 'unit'),
    ];
    for (const s of sql) this.addSql(s);
  }
}

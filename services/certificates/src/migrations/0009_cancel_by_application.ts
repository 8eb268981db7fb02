import { Migration } from '@yizhan/kernel/migration';

/**
 * 注销 by application (seed 003 §25: a person's new, changed or cancelled certificate is applied for in writing and
 * approved by the head of the unit). An application may now ask to cancel a certificate (reason CANCEL): it names
 * the certificate and why (the revocation reason it will carry), needs neither a request nor a key, and once the
 * head approves it the certificate is revoked and the application is DONE. One such application waits per
 * certificate at a time.
 */
export class CancelByApplication extends Migration {
  override up(): void {
    // The checks written inline in 0001 have names PostgreSQL chose: found by what they check.
    this.addSql(`DO $$
      DECLARE c record;
      BEGIN
        FOR c IN
          SELECT conname FROM pg_constraint
          WHERE conrelid = 'certificates.applications'::regclass AND contype = 'c'
            AND (pg_get_constraintdef(oid) ~ '\\m(reason|status|server_key)\\M')
        LOOP
          EXECUTE format('ALTER TABLE certificates.applications DROP CONSTRAINT %I', c.conname);
        END LOOP;
      END $$`);
    this.addSql(`ALTER TABLE certificates.applications
      ADD COLUMN revocation_reason text CHECK (revocation_reason IN ('AFFILIATION_CHANGED', 'CESSATION_OF_OPERATION')),
      ADD CONSTRAINT applications_reason_check CHECK (reason IN ('NEW', 'RENEW', 'CHANGE', 'CANCEL')),
      ADD CONSTRAINT applications_status_check CHECK (status IN ('PENDING', 'APPROVED', 'REJECTED', 'ISSUED', 'DONE')),
      ADD CONSTRAINT applications_key_check CHECK (csr IS NOT NULL OR server_key OR reason = 'CANCEL'),
      ADD CONSTRAINT applications_cancel_check CHECK ((reason = 'CANCEL') = (revocation_reason IS NOT NULL AND replaces_id IS NOT NULL))`);
    this.addSql(
      `CREATE UNIQUE INDEX applications_one_cancel_waiting ON certificates.applications (replaces_id) WHERE reason = 'CANCEL' AND status = 'PENDING'`,
    );
  }
}

import { Migration } from '@yizhan/kernel/migration';

/** The time-stamping authority (RFC 3161) of each suite joins the CA's own keys: a TSA certificate from the issuing CA. */
export class TimeStamping extends Migration {
  override up(): void {
    this.addSql('ALTER TABLE certificates.authorities DROP CONSTRAINT IF EXISTS authorities_role_check');
    this.addSql("ALTER TABLE certificates.authorities ADD CONSTRAINT authorities_role_check CHECK (role IN ('ROOT', 'ISSUING', 'SEAL_MAKER', 'TSA'))");
  }
}

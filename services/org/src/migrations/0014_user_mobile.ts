import { Migration } from '@yizhan/kernel/migration';

/**
 * A person's own mobile (issue 16): optional on the account, 11 digits as domain/mobile.ts keeps it. Documents'
 * automatic 催办 texts a unit's leaders at it (org publishes it in `org.escalation-reach`); the person and the
 * administrators of the person's unit see it.
 */
export class UserMobile extends Migration {
  override up(): void {
    this.addSql(`ALTER TABLE org.users ADD COLUMN mobile text CHECK (mobile ~ '^1[3-9][0-9]{9}$')`);
  }
}

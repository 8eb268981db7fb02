import { Migration } from '@yizhan/kernel/migration';

/**
 * Whether an application is decided by the heads of the unit above. A unit's head decides its people's applications
 * (seed 003 §25) and never their own; when no other head of the unit could decide one (the applicant is its only
 * head, or the unit has no head's account at all), the heads of the unit directly above do, so that it can be
 * decided at all.
 */
export class DecidedAbove extends Migration {
  override up(): void {
    this.addSql('ALTER TABLE certificates.applications ADD COLUMN decided_above boolean NOT NULL DEFAULT false');
  }
}

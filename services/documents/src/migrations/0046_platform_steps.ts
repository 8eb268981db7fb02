import { Migration } from '@yizhan/kernel/migration';

/**
 * A step in a delivery's history the platform takes, not a person: a delivery withdrawn because its unit was dissolved
 * or merged away (seed 003 §9; app/closed-recipients.ts). Its actor is named (驿站平台) and has no account.
 */
export class PlatformSteps extends Migration {
  override up(): void {
    this.addSql('ALTER TABLE documents.delivery_history ALTER COLUMN actor_id DROP NOT NULL');
  }
}

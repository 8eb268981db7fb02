import { Migration } from '@yizhan/kernel/migration';

/**
 * 上岗须经培训考核 (seed 004 六(一): 按规定接受培训，考核合格后方能上岗): a unit that requires it gives its people a post (a
 * role they did not hold) only once the day they passed is recorded. Off until an administrator of the unit, or of a unit
 * above it for its whole subtree, turns it on.
 */
export class TrainingRequired extends Migration {
  override up(): void {
    this.addSql('ALTER TABLE org.unit_settings ADD COLUMN training_required boolean NOT NULL DEFAULT false');
  }
}

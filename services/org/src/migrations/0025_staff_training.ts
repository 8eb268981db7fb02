import { Migration } from '@yizhan/kernel/migration';

/**
 * 培训考核 (seed 004: 使用人员…按规定接受培训，考核合格后方能上岗; seed 002 二: 人员培训): the day a person passed the
 * platform's training and its assessment, and what it was, as the unit's administrators record it.
 */
export class StaffTraining extends Migration {
  override up(): void {
    this.addSql('ALTER TABLE org.users ADD COLUMN trained_on date, ADD COLUMN training_note text');
  }
}

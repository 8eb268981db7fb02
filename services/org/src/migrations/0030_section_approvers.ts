import { Migration } from '@yizhan/kernel/migration';

/**
 * 处室主要负责人 and 分管领导 of a section (seed 000 §11: 拟稿…必须征得处(室)主要负责人和分管领导同意): the person who
 * approves the 审核 steps of what the section's people draft, and the leader who approves its leader steps before the
 * 签发. Either may be left unset: the unit's approvers and leaders then approve as before.
 */
export class SectionApprovers extends Migration {
  override up(): void {
    this.addSql('ALTER TABLE org.sections ADD COLUMN head_id uuid REFERENCES org.users (id), ADD COLUMN leader_id uuid REFERENCES org.users (id)');
  }
}

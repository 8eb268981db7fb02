import { Migration } from '@yizhan/kernel/migration';

/**
 * 职务: a person's post (省长, 市长, 办公厅主任), set by the unit's administrators. A 命令（令） carries its 签发人's 职务
 * beside the 签名章 (GB/T 9704 §7.3.5.3, §10.2): documents records the named leader's post when an order is
 * submitted, from the `leaders` call. One line of at most 30 characters.
 */
export class UserPosts extends Migration {
  override up(): void {
    this.addSql('ALTER TABLE org.users ADD COLUMN post text CHECK (post IS NULL OR char_length(post) BETWEEN 1 AND 30)');
  }
}

import { Migration } from '@yizhan/kernel/migration';

/**
 * 公开属性: a document's disclosure is decided as it is drafted (政府信息公开条例, 源头认定): 主动公开, 依申请公开, or
 * 不予公开 with its reason. Nullable: documents drafted before were never marked, and are shown as 未标注.
 */
export class Disclosure extends Migration {
  override up(): void {
    this.addSql("ALTER TABLE documents.documents ADD COLUMN disclosure text CHECK (disclosure IN ('ACTIVE', 'ON_REQUEST', 'NOT_PUBLIC'))");
    this.addSql('ALTER TABLE documents.documents ADD COLUMN disclosure_reason text');
  }
}

import { Migration } from '@yizhan/kernel/migration';

/**
 * 通报 reaches the units it names (domain/notices.ts, kind BULLETINED): a notice about a bulletin, as one about a 考核评比
 * is about the assessment (migration 0050), rather than about a delivery.
 */
export class BulletinNotices extends Migration {
  override up(): void {
    const sql = [
      'ALTER TABLE documents.notifications ADD COLUMN bulletin_id uuid',
      'ALTER TABLE documents.notifications DROP CONSTRAINT notification_about',
      `ALTER TABLE documents.notifications ADD CONSTRAINT notification_about
        CHECK (delivery_id IS NOT NULL OR assessment_id IS NOT NULL OR bulletin_id IS NOT NULL)`,
      'ALTER TABLE documents.notifications DROP CONSTRAINT notifications_kind_check',
      `ALTER TABLE documents.notifications ADD CONSTRAINT notifications_kind_check
        CHECK (kind IN ('ARRIVED', 'REPORT_REQUESTED', 'REPORT_RETURNED', 'REPORT_REMINDED', 'URGED', 'AUTO_URGED', 'ASSESSED', 'BULLETINED'))`,
    ];
    for (const s of sql) this.addSql(s);
  }
}

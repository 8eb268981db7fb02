import { Migration } from '@yizhan/kernel/migration';

/**
 * 通报 reaches the units it names (domain/notices.ts, kind BULLETINED): a notice about a bulletin, as one about a 考核评比
 * is about the assessment (migration 0050), rather than about a delivery; and the database, not only the service, holds
 * such a notice to the units below the writer's.
 */
export class BulletinNotices extends Migration {
  override up(): void {
    const scope = "(SELECT nullif(current_setting('yizhan.org_path', true), '')::ltree)";
    const sql = [
      'ALTER TABLE documents.notifications ADD COLUMN bulletin_id uuid',
      'ALTER TABLE documents.notifications DROP CONSTRAINT notification_about',
      `ALTER TABLE documents.notifications ADD CONSTRAINT notification_about
        CHECK (delivery_id IS NOT NULL OR assessment_id IS NOT NULL OR bulletin_id IS NOT NULL)`,
      // A notice about a delivery goes to whichever unit it was sent to; one about a bulletin or an assessment only to a
      // unit below the one writing it (a county does not 通报 the province).
      'DROP POLICY notification_create ON documents.notifications',
      `CREATE POLICY notification_create ON documents.notifications FOR INSERT
        WITH CHECK (${scope} IS NOT NULL AND (delivery_id IS NOT NULL OR org_path <@ ${scope}))`,
      'ALTER TABLE documents.notifications DROP CONSTRAINT notifications_kind_check',
      `ALTER TABLE documents.notifications ADD CONSTRAINT notifications_kind_check
        CHECK (kind IN ('ARRIVED', 'REPORT_REQUESTED', 'REPORT_RETURNED', 'REPORT_REMINDED', 'URGED', 'AUTO_URGED', 'ASSESSED', 'BULLETINED'))`,
    ];
    for (const s of sql) this.addSql(s);
  }
}

import { loadConfig } from '@yizhan/common';
import { orgEvents } from '@yizhan/contracts/org';
import { Migration } from '@yizhan/kernel/migration';

/**
 * Outage notices that reach people (issue 20; seed 003 §45, 001 §31). A fault unresolved and not escalated two hours
 * after its report gets an outage notice from the platform itself, to the part of the tree of the office that answers
 * it; every outage notice, the platform's or an office's, is texted once to the registered contacts of each unit it
 * reaches, through documents' alert dispatcher (an `announcement.outage-texted` event per unit). One statement each,
 * as the owner, run by the relay role's job (`jobs/outage-notices.ts`); each marks what it did, so a second run, or a
 * second replica, does nothing twice.
 */
export class OutageNotices extends Migration {
  override up(): void {
    const relay = loadConfig().relayRole.name;
    const payload = orgEvents.sqlPayload('announcement.outage-texted', {
      announcementId: 'told.id',
      orgId: 'told.org_id',
      text: "'【驿站】' || told.title || '。恢复前公文、信息和材料以纸质书面方式传递，恢复后另行通知。（' || told.publisher || '）'",
      contacts: 'told.contacts',
    });
    const sql = [
      // When the fault's outage notice was published (by the platform after two hours, or with the office's escalation).
      'ALTER TABLE org.fault_reports ADD COLUMN outage_notice_at timestamptz',
      // Published by the platform itself, not by a person; when its texts were handed to the alert dispatcher.
      'ALTER TABLE org.announcements ADD COLUMN automatic boolean NOT NULL DEFAULT false',
      'ALTER TABLE org.announcements ADD COLUMN texted_at timestamptz',
      // What was published before texting existed is not texted now, hours or days late.
      "UPDATE org.announcements SET texted_at = published_at WHERE kind = 'OUTAGE'",
      "UPDATE org.fault_reports f SET outage_notice_at = f.escalated_at WHERE EXISTS (SELECT 1 FROM org.announcements a WHERE a.fault_report_id = f.id AND a.kind = 'OUTAGE')",
      "CREATE INDEX announcements_untexted ON org.announcements (published_at) WHERE kind = 'OUTAGE' AND texted_at IS NULL",
      'CREATE INDEX fault_reports_unnoticed ON org.fault_reports (reported_at) WHERE resolved_at IS NULL AND escalated_at IS NULL AND outage_notice_at IS NULL',
      `DO $$ BEGIN
        EXECUTE format('CREATE POLICY outage_notices ON org.fault_reports TO %I USING (true) WITH CHECK (true)', current_user);
        EXECUTE format('CREATE POLICY outage_notices ON org.announcements TO %I USING (true) WITH CHECK (true)', current_user);
        EXECUTE format('CREATE POLICY outage_notices ON org.outbox FOR INSERT TO %I WITH CHECK (true)', current_user);
      END $$`,
      `CREATE FUNCTION org.notify_outages(p_after interval) RETURNS TABLE (notices integer, texted integer)
        LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, org, public AS $f$
        DECLARE
          n_notices integer;
          n_texted integer;
        BEGIN
          -- 003 §45: two hours without a fix and no escalation: the platform tells the units of the answering office's
          -- part of the tree (the reporting unit's parent; the top unit's own) to pass documents on paper.
          WITH due AS (
            UPDATE org.fault_reports f SET outage_notice_at = now()
             WHERE f.resolved_at IS NULL AND f.escalated_at IS NULL AND f.outage_notice_at IS NULL AND f.reported_at <= now() - p_after
            RETURNING f.id, f.org_id, f.reported_at),
          placed AS (
            SELECT due.id AS fault_id, due.reported_at, r.name AS reporter, o.id AS scope_id, o.path AS scope_path, o.name AS scope_name
              FROM due JOIN org.orgs r ON r.id = due.org_id JOIN org.orgs o ON o.id = coalesce(r.parent_id, r.id)
             WHERE NOT EXISTS (SELECT 1 FROM org.announcements a WHERE a.fault_report_id = due.id AND a.kind = 'OUTAGE'))
          INSERT INTO org.announcements (id, org_id, org_path, scope_org_id, scope_path, kind, title, body, fault_report_id, published_by_name, automatic)
          SELECT gen_random_uuid(), scope_id, scope_path, scope_id, scope_path, 'OUTAGE',
                 left(reporter || '电子公文传输系统故障，请改用纸质公文传递', 100),
                 format('%s于%s报告的电子公文传输系统故障已超过2小时未排除。在恢复之前，请以纸质书面方式传递公文、信息和材料；恢复后另行通知，纸质收发的公文请补录登记。处置方案由%s的电子政务办公室另行通知。',
                        reporter, to_char(reported_at AT TIME ZONE 'Asia/Shanghai', 'MM月DD日HH24:MI'), scope_name),
                 fault_id, '驿站平台（自动）', true
            FROM placed;
          GET DIAGNOSTICS n_notices = ROW_COUNT;

          -- Every outage notice showing and not yet texted: one event per unit it reaches with contacts to text.
          WITH pending AS (
            UPDATE org.announcements a SET texted_at = now()
             WHERE a.kind = 'OUTAGE' AND a.texted_at IS NULL AND a.withdrawn_at IS NULL AND (a.ends_at IS NULL OR a.ends_at > now())
            RETURNING a.id, a.org_id, a.org_path, a.scope_path, a.title),
          told AS (
            SELECT p.id, p.org_path AS publisher_path, p.title, pub.name AS publisher, o.id AS org_id, o.path,
                   jsonb_agg(jsonb_build_object('name', c.name, 'mobile', btrim(c.mobile)) ORDER BY c.name, c.mobile) AS contacts
              FROM pending p
              JOIN org.orgs pub ON pub.id = p.org_id
              JOIN org.orgs o ON o.path <@ p.scope_path AND o.status = 'ACTIVE'
              JOIN org.contacts c ON c.org_id = o.id AND c.mobile IS NOT NULL AND btrim(c.mobile) <> ''
             GROUP BY p.id, p.org_path, p.title, pub.name, o.id, o.path)
          INSERT INTO org.outbox (type, org_path, other_path, payload)
          SELECT 'announcement.outage-texted', told.path, told.publisher_path, ${payload} FROM told;
          GET DIAGNOSTICS n_texted = ROW_COUNT;
          RETURN QUERY SELECT n_notices, n_texted;
        END $f$`,
      'REVOKE ALL ON FUNCTION org.notify_outages(interval) FROM PUBLIC',
      `GRANT EXECUTE ON FUNCTION org.notify_outages(interval) TO "${relay}"`,
    ];
    for (const s of sql) this.addSql(s);
  }
}

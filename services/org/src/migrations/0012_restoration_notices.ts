import { loadConfig } from '@yizhan/common';
import { orgEvents } from '@yizhan/contracts/org';
import { Migration } from '@yizhan/kernel/migration';

/**
 * 恢复后另行通知 (seed 003 §45): when an outage notice that was texted is withdrawn — its fault resolved, or withdrawn
 * by the office — the platform publishes a restoration notice to the same part of the tree, for three days, telling
 * the units to pass documents electronically again and to record what travelled on paper (纸质补录); it is texted to
 * the same contacts like the outage notice. org.notify_outages gains this step (and counts it); one restoration per
 * outage notice (unique `restores_id`), so a second run or replica publishes none twice.
 */
export class RestorationNotices extends Migration {
  override up(): void {
    const relay = loadConfig().relayRole.name;
    const payload = orgEvents.sqlPayload('announcement.outage-texted', {
      announcementId: 'told.id',
      orgId: 'told.org_id',
      text: `'【驿站】' || told.title || CASE WHEN told.restores_id IS NULL
               THEN '。恢复前公文、信息和材料以纸质书面方式传递，恢复后另行通知。（'
               ELSE '。请恢复电子公文传输，故障期间纸质收发的公文请补录登记。（' END || told.publisher || '）'`,
      contacts: 'told.contacts',
    });
    const sql = [
      'ALTER TABLE org.announcements ADD COLUMN restores_id uuid UNIQUE REFERENCES org.announcements (id)',
      "ALTER TABLE org.announcements ADD CONSTRAINT announcements_restores CHECK (restores_id IS NULL OR kind = 'NOTICE')",
      // Withdrawn outage notices texted before this migration are not followed by a restoration now.
      `CREATE INDEX announcements_to_restore ON org.announcements (withdrawn_at) WHERE kind = 'OUTAGE' AND texted_at IS NOT NULL AND withdrawn_at IS NOT NULL`,
      'DROP FUNCTION org.notify_outages(interval)',
      `CREATE FUNCTION org.notify_outages(p_after interval) RETURNS TABLE (notices integer, restored integer, texted integer)
        LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, org, public AS $f$
        DECLARE
          n_notices integer;
          n_restored integer;
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

          -- 恢复后另行通知: a texted outage notice withdrawn gets its restoration notice, to the same reach, for three days.
          INSERT INTO org.announcements (id, org_id, org_path, scope_org_id, scope_path, kind, title, body, fault_report_id, published_by_name,
                                         automatic, ends_at, restores_id)
          SELECT gen_random_uuid(), a.org_id, a.org_path, a.scope_org_id, a.scope_path, 'NOTICE',
                 left(CASE WHEN a.title LIKE '%故障，请改用纸质公文传递' THEN replace(a.title, '故障，请改用纸质公文传递', '已恢复')
                           ELSE '电子公文传输已恢复：' || a.title END, 100),
                 '电子公文传输系统已恢复正常，请恢复以电子方式传递公文、信息和材料。故障期间以纸质方式收发的公文，请在“纸质补录”中补录登记，使收文登记簿和统计完整。',
                 a.fault_report_id, '驿站平台（自动）', true, now() + interval '3 days', a.id
            FROM org.announcements a
           WHERE a.kind = 'OUTAGE' AND a.texted_at IS NOT NULL AND a.withdrawn_at IS NOT NULL
             AND NOT EXISTS (SELECT 1 FROM org.announcements r WHERE r.restores_id = a.id)
          ON CONFLICT (restores_id) DO NOTHING;
          GET DIAGNOSTICS n_restored = ROW_COUNT;

          -- Every outage or restoration notice showing and not yet texted: one event per unit it reaches with contacts.
          WITH pending AS (
            UPDATE org.announcements a SET texted_at = now()
             WHERE (a.kind = 'OUTAGE' OR a.restores_id IS NOT NULL) AND a.texted_at IS NULL AND a.withdrawn_at IS NULL
               AND (a.ends_at IS NULL OR a.ends_at > now())
            RETURNING a.id, a.org_id, a.org_path, a.scope_path, a.title, a.restores_id),
          told AS (
            SELECT p.id, p.org_path AS publisher_path, p.title, p.restores_id, pub.name AS publisher, o.id AS org_id, o.path,
                   jsonb_agg(jsonb_build_object('name', c.name, 'mobile', btrim(c.mobile)) ORDER BY c.name, c.mobile) AS contacts
              FROM pending p
              JOIN org.orgs pub ON pub.id = p.org_id
              JOIN org.orgs o ON o.path <@ p.scope_path AND o.status = 'ACTIVE'
              JOIN org.contacts c ON c.org_id = o.id AND c.mobile IS NOT NULL AND btrim(c.mobile) <> ''
             GROUP BY p.id, p.org_path, p.title, p.restores_id, pub.name, o.id, o.path)
          INSERT INTO org.outbox (type, org_path, other_path, payload)
          SELECT 'announcement.outage-texted', told.path, told.publisher_path, ${payload} FROM told;
          GET DIAGNOSTICS n_texted = ROW_COUNT;
          RETURN QUERY SELECT n_notices, n_restored, n_texted;
        END $f$`,
      'REVOKE ALL ON FUNCTION org.notify_outages(interval) FROM PUBLIC',
      `GRANT EXECUTE ON FUNCTION org.notify_outages(interval) TO "${relay}"`,
    ];
    for (const s of sql) this.addSql(s);
  }
}

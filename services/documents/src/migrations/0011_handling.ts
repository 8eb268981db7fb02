import { loadConfig } from '@yizhan/common';
import { tenantTableSql } from '@yizhan/kernel';
import { Migration } from '@yizhan/kernel/migration';

/**
 * The unit's handling of what it signed for (issue 15; 条例 第二十四条 承办、传阅、催办): one handling per entry of the
 * 收文登记簿 (拟办, 批示, 办结), its 承办 tasks per section (主办 and 协办, each with its deadline), its readers (传阅,
 * 已阅), and its history (every step: who by name, when, what, 催办 included). All the unit's own rows. The reminder
 * job (jobs/handling-reminders.ts) runs as the relay role through one function, like the overdue marker.
 */
export class Handling extends Migration {
  override up(): void {
    const relay = loadConfig().relayRole.name;
    const sql = [
      `CREATE TABLE documents.handlings (
        delivery_id uuid PRIMARY KEY REFERENCES documents.intake_register (delivery_id),
        org_id uuid NOT NULL,
        org_path ltree NOT NULL,
        status text NOT NULL DEFAULT 'REGISTERED'
          CHECK (status IN ('REGISTERED', 'PROPOSED', 'INSTRUCTED', 'HANDLING', 'CONCLUDED')),
        proposal text,
        proposed_by uuid,
        proposed_by_name text,
        proposed_at timestamptz,
        instruction text,
        instructed_by uuid,
        instructed_by_name text,
        instructed_at timestamptz,
        deadline timestamptz,
        result text,
        concluded_by uuid,
        concluded_by_name text,
        concluded_at timestamptz,
        changed_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`,
      'CREATE INDEX handlings_unit ON documents.handlings (org_id, status)',
      ...tenantTableSql('documents.handlings', 'unit'),

      // 承办: one task per section the 批示 named; the 主办 section's 办结 concludes the handling.
      `CREATE TABLE documents.handling_tasks (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        delivery_id uuid NOT NULL REFERENCES documents.handlings (delivery_id),
        org_id uuid NOT NULL,
        org_path ltree NOT NULL,
        section_id uuid NOT NULL,
        section_name text NOT NULL,
        section_mobile text,
        role text NOT NULL CHECK (role IN ('LEAD', 'ASSIST')),
        deadline timestamptz,
        status text NOT NULL DEFAULT 'ASSIGNED' CHECK (status IN ('ASSIGNED', 'ACCEPTED', 'DONE')),
        accepted_by uuid,
        accepted_by_name text,
        accepted_at timestamptz,
        result text,
        done_by uuid,
        done_by_name text,
        done_at timestamptz,
        reminded_before_at timestamptz,
        reminded_due_at timestamptz,
        UNIQUE (delivery_id, section_id)
      )`,
      "CREATE UNIQUE INDEX handling_tasks_one_lead ON documents.handling_tasks (delivery_id) WHERE role = 'LEAD'",
      "CREATE INDEX handling_tasks_due ON documents.handling_tasks (deadline) WHERE status <> 'DONE' AND deadline IS NOT NULL",
      'CREATE INDEX handling_tasks_section ON documents.handling_tasks (section_id, status)',
      ...tenantTableSql('documents.handling_tasks', 'unit'),

      // 传阅: the people a document was distributed to (named, or through their section), and their 已阅.
      `CREATE TABLE documents.handling_readers (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        delivery_id uuid NOT NULL REFERENCES documents.intake_register (delivery_id),
        org_id uuid NOT NULL,
        org_path ltree NOT NULL,
        user_id uuid NOT NULL,
        user_name text NOT NULL,
        section_name text,
        sent_by_name text NOT NULL,
        sent_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        read_at timestamptz,
        comment text,
        UNIQUE (delivery_id, user_id)
      )`,
      'CREATE INDEX handling_readers_user ON documents.handling_readers (user_id, read_at)',
      ...tenantTableSql('documents.handling_readers', 'unit'),

      // Every step of the handling, 催办 included: who (by name), when, what, how.
      `CREATE TABLE documents.handling_history (
        id bigserial PRIMARY KEY,
        delivery_id uuid NOT NULL REFERENCES documents.intake_register (delivery_id),
        org_path ltree NOT NULL,
        action text NOT NULL,
        actor_id uuid,
        actor_name text NOT NULL,
        note text,
        channel text,
        at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`,
      'CREATE INDEX handling_history_delivery ON documents.handling_history (delivery_id, id)',
      ...tenantTableSql('documents.handling_history', 'unit'),

      // Reminders before and at a handling deadline: one statement, as the owner, for the relay role's job. Each is
      // recorded in the history, announced to the handling section (live), and sent by SMS to its duty mobile.
      `DO $$ BEGIN
        EXECUTE format('CREATE POLICY handling_reminders ON documents.handling_tasks TO %I USING (true) WITH CHECK (true)', current_user);
        EXECUTE format('CREATE POLICY handling_reminders ON documents.handling_history FOR INSERT TO %I WITH CHECK (true)', current_user);
        EXECUTE format('CREATE POLICY handling_reminders ON documents.alerts FOR INSERT TO %I WITH CHECK (true)', current_user);
        EXECUTE format('CREATE POLICY handling_reminders ON documents.intake_register FOR SELECT TO %I USING (true)', current_user);
      END $$`,
      `CREATE FUNCTION documents.remind_handling(p_before interval) RETURNS integer
        LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, documents AS $f$
          WITH due AS (
            UPDATE documents.handling_tasks t
               SET reminded_due_at = CASE WHEN t.deadline <= now() THEN now() ELSE t.reminded_due_at END,
                   reminded_before_at = CASE WHEN t.deadline > now() THEN now() ELSE coalesce(t.reminded_before_at, now()) END
             WHERE t.status <> 'DONE' AND t.deadline IS NOT NULL
               AND ((t.deadline <= now() AND t.reminded_due_at IS NULL)
                 OR (t.deadline > now() AND t.deadline - p_before <= now() AND t.reminded_before_at IS NULL))
            RETURNING t.id, t.delivery_id, t.org_id, t.org_path, t.section_id, t.section_name, t.section_mobile, t.deadline,
                      CASE WHEN t.deadline <= now() THEN 'DUE' ELSE 'BEFORE' END AS kind),
          described AS (
            SELECT due.*, r.title, r.doc_number,
                   format('【驿站】催办：%s《%s》（%s）%s，请%s按时办结。', due.section_name, r.title, r.doc_number,
                          CASE WHEN due.kind = 'DUE' THEN '已到办理期限' ELSE '办理期限将至' END,
                          to_char(due.deadline AT TIME ZONE 'Asia/Shanghai', 'MM月DD日HH24:MI前')) AS text
            FROM due JOIN documents.intake_register r ON r.delivery_id = due.delivery_id),
          recorded AS (
            INSERT INTO documents.handling_history (delivery_id, org_path, action, actor_id, actor_name, note, channel)
            SELECT delivery_id, org_path, 'URGE', NULL, '系统（期限提醒）',
                   section_name || CASE WHEN kind = 'DUE' THEN '：已到办理期限' ELSE '：办理期限将至' END,
                   CASE WHEN section_mobile IS NULL THEN 'IN_APP' ELSE 'IN_APP,SMS' END
            FROM described RETURNING 1),
          texted AS (
            INSERT INTO documents.alerts (delivery_id, sender_path, recipient_path, channel, target, target_name, text, payload)
            SELECT delivery_id, org_path, org_path, 'SMS', section_mobile, section_name, text,
                   jsonb_build_object('deliveryId', delivery_id, 'taskId', id, 'kind', kind)
            FROM described WHERE section_mobile IS NOT NULL RETURNING 1),
          announced AS (
            INSERT INTO documents.outbox (type, org_path, other_path, payload)
            SELECT 'handling.changed', org_path, NULL,
                   jsonb_build_object('deliveryId', delivery_id, 'orgId', org_id, 'action', 'URGE', 'kind', kind,
                                      'sectionIds', jsonb_build_array(section_id), 'userIds', '[]'::jsonb)
            FROM described RETURNING 1)
          SELECT (SELECT count(*)::int FROM announced) + 0 * (SELECT count(*) FROM recorded) + 0 * (SELECT count(*) FROM texted)
        $f$`,
      'REVOKE ALL ON FUNCTION documents.remind_handling(interval) FROM PUBLIC',
      `GRANT EXECUTE ON FUNCTION documents.remind_handling(interval) TO "${relay}"`,
    ];
    for (const s of sql) this.addSql(s);
  }
}

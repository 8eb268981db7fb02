import { loadConfig } from '@yizhan/common';
import { partiesTableSql, tenantTableSql } from '@yizhan/kernel';
import { Migration } from '@yizhan/kernel/migration';

/**
 * 自动催办 (issue 16): units urged by the platform itself, by rules as data. Org owns the rules (a unit's own or
 * inherited) and who they reach; documents follows them (`org.escalation-reach`) into `escalation_reach`, one row per
 * unit. The escalation job (jobs/escalation.ts, every replica) finds the deliveries still waiting for 签收 whose
 * steps came due and records each step once (`escalations`, primary key delivery and step: a second replica, a
 * restart or a second run adds nothing) as a 催办 in the delivery's history with its in-app notice and its SMS, as a
 * manual one is. The job runs as the relay role through these two functions only, which run as the table owner.
 */
export class Escalation extends Migration {
  override up(): void {
    const relay = loadConfig().relayRole.name;
    const sql = [
      `CREATE TABLE documents.escalation_reach (
        org_id uuid NOT NULL,
        org_path ltree NOT NULL,
        steps jsonb NOT NULL DEFAULT '[]',
        source_org_id uuid,
        source_org_name text,
        contacts jsonb NOT NULL DEFAULT '[]',
        leaders jsonb NOT NULL DEFAULT '[]',
        updated_at timestamptz NOT NULL DEFAULT now(),
        -- Keyed by the unit where it stands: a unit moved (机构调整) gets a row under its new path; the newest counts.
        PRIMARY KEY (org_id, org_path)
      )`,
      ...tenantTableSql('documents.escalation_reach', 'unit'),
      `CREATE TABLE documents.escalations (
        delivery_id uuid NOT NULL REFERENCES documents.deliveries (id),
        step integer NOT NULL CHECK (step >= 0),
        sender_path ltree NOT NULL,
        recipient_path ltree NOT NULL,
        to_whom text NOT NULL CHECK (to_whom IN ('CONTACTS', 'LEADERS')),
        after_minutes integer NOT NULL,
        urge_id bigint REFERENCES documents.delivery_history (id),
        at timestamptz NOT NULL,
        PRIMARY KEY (delivery_id, step)
      )`,
      ...partiesTableSql('documents.escalations'),
      // The deliveries still waiting for 签收, by due time: the job's candidates.
      "CREATE INDEX deliveries_waiting_due ON documents.deliveries (due_at) WHERE status IN ('DELIVERED', 'RECEIVED', 'PRINTED')",
      `DO $$ BEGIN
        EXECUTE format('CREATE POLICY escalation ON documents.escalation_reach FOR SELECT TO %I USING (true)', current_user);
        EXECUTE format('CREATE POLICY escalation ON documents.escalations FOR ALL TO %I USING (true) WITH CHECK (true)', current_user);
        EXECUTE format('CREATE POLICY escalation ON documents.delivery_history FOR INSERT TO %I WITH CHECK (true)', current_user);
        EXECUTE format('CREATE POLICY escalation ON documents.notifications FOR INSERT TO %I WITH CHECK (true)', current_user);
      END $$`,
      // Deliveries waiting for 签收 whose unit has steps not all taken, due within the last eight days (a step comes
      // at most a week after the due time), oldest first, with what the job needs to word and address each step.
      `CREATE FUNCTION documents.escalation_candidates(p_at timestamptz, p_limit integer)
        RETURNS TABLE (delivery_id uuid, due_at timestamptz, sender_name text, title text, doc_number text,
                       steps jsonb, contacts jsonb, leaders jsonb, done integer[])
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, documents AS $f$
          SELECT d.id, d.due_at, d.sender_name, d.title, d.doc_number, r.steps, r.contacts, r.leaders,
                 coalesce((SELECT array_agg(e.step ORDER BY e.step) FROM documents.escalations e WHERE e.delivery_id = d.id), '{}')
            FROM documents.deliveries d
            JOIN LATERAL (SELECT x.steps, x.contacts, x.leaders FROM documents.escalation_reach x
                           WHERE x.org_id = d.recipient_org_id ORDER BY x.updated_at DESC LIMIT 1) r ON true
           WHERE d.status IN ('DELIVERED', 'RECEIVED', 'PRINTED')
             AND d.due_at <= p_at AND d.due_at > p_at - interval '8 days'
             AND jsonb_array_length(r.steps) > 0
             AND (SELECT count(*) FROM documents.escalations e WHERE e.delivery_id = d.id) < jsonb_array_length(r.steps)
           ORDER BY d.due_at
           LIMIT p_limit
        $f$`,
      // One step of one delivery, once: false when the delivery no longer waits, is locked by another replica, or the
      // step was taken. Else the 催办 in the delivery's history, its in-app notice and one SMS per target.
      `CREATE FUNCTION documents.record_escalation(p_delivery uuid, p_step integer, p_to text, p_after integer, p_at timestamptz,
                                                   p_note text, p_text text, p_in_app boolean, p_sms jsonb)
        RETURNS boolean
        LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, documents AS $f$
        DECLARE
          d record;
          hid bigint;
        BEGIN
          SELECT id, document_id, status, sender_path, recipient_path, recipient_org_id INTO d
            FROM documents.deliveries
           WHERE id = p_delivery AND status IN ('DELIVERED', 'RECEIVED', 'PRINTED')
             FOR UPDATE SKIP LOCKED;
          IF NOT FOUND THEN RETURN false; END IF;
          INSERT INTO documents.escalations (delivery_id, step, sender_path, recipient_path, to_whom, after_minutes, at)
          VALUES (d.id, p_step, d.sender_path, d.recipient_path, p_to, p_after, p_at)
          ON CONFLICT DO NOTHING;
          IF NOT FOUND THEN RETURN false; END IF;
          -- The actor of an automatic 催办 (domain/escalation.ts AUTOMATIC_URGER_ID): no person.
          hid := nextval(pg_get_serial_sequence('documents.delivery_history', 'id'));
          INSERT INTO documents.delivery_history (id, delivery_id, sender_path, recipient_path, action, from_status, to_status,
                                                  actor_id, actor_name, note)
          VALUES (hid, d.id, d.sender_path, d.recipient_path, 'URGE', d.status, d.status,
                  '00000000-0000-0000-0000-000000000000', '自动催办', p_note);
          UPDATE documents.escalations SET urge_id = hid WHERE delivery_id = d.id AND step = p_step;
          IF p_in_app THEN
            INSERT INTO documents.notifications (org_id, org_path, delivery_id, text)
            VALUES (d.recipient_org_id, d.recipient_path, d.id, p_text);
          END IF;
          INSERT INTO documents.alerts (delivery_id, sender_path, recipient_path, channel, target, target_name, text, payload)
          SELECT d.id, d.sender_path, d.recipient_path, 'SMS', t->>'mobile', t->>'name', p_text,
                 jsonb_build_object('deliveryId', d.id, 'documentId', d.document_id, 'kind', 'URGE', 'urgeId', hid::text,
                                    'automatic', true, 'step', p_step + 1)
            FROM jsonb_array_elements(p_sms) t;
          RETURN true;
        END
        $f$`,
      'REVOKE ALL ON FUNCTION documents.escalation_candidates(timestamptz, integer) FROM PUBLIC',
      `GRANT EXECUTE ON FUNCTION documents.escalation_candidates(timestamptz, integer) TO "${relay}"`,
      'REVOKE ALL ON FUNCTION documents.record_escalation(uuid, integer, text, integer, timestamptz, text, text, boolean, jsonb) FROM PUBLIC',
      `GRANT EXECUTE ON FUNCTION documents.record_escalation(uuid, integer, text, integer, timestamptz, text, text, boolean, jsonb) TO "${relay}"`,
    ];
    for (const s of sql) this.addSql(s);
  }
}

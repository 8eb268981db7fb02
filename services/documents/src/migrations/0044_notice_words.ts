import { loadConfig } from '@yizhan/common';
import { documentsEvents } from '@yizhan/contracts/documents';
import { Migration } from '@yizhan/kernel/migration';

/**
 * A notice kept as its kind and words beside its Chinese sentence (domain/notices.ts), so the inbox can say it in the
 * reader's language. Nullable: notices made before carry only their sentence, and are shown as it. The escalation
 * job's function takes the notice with its text (its signature changes, so it is dropped and made again, with the
 * grant to the relay role alone that 0022 gave), and announces each automatic 催办 as a manual one is
 * (`delivery.urge`), so the urged unit's inbox shows it live.
 */
export class NoticeWords extends Migration {
  override up(): void {
    const relay = loadConfig().relayRole.name;
    const urged = documentsEvents.sqlPayload('delivery.urge', {
      deliveryId: 'd.id',
      documentId: 'd.document_id',
      recipientOrgId: 'd.recipient_org_id',
      recipientName: 'd.recipient_name',
      status: 'd.status',
      from: 'd.status',
      reason: 'NULL',
      note: 'p_note',
      by: "'自动催办'",
    });
    const sql = [
      `ALTER TABLE documents.notifications ADD COLUMN kind text CHECK (kind IN ('ARRIVED', 'REPORT_REQUESTED', 'REPORT_RETURNED', 'REPORT_REMINDED', 'URGED', 'AUTO_URGED'))`,
      'ALTER TABLE documents.notifications ADD COLUMN words jsonb',
      'DROP FUNCTION documents.record_escalation(uuid, integer, text, integer, timestamptz, text, text, boolean, jsonb)',
      `CREATE FUNCTION documents.record_escalation(p_delivery uuid, p_step integer, p_to text, p_after integer, p_at timestamptz,
                                                   p_note text, p_text text, p_notice jsonb, p_in_app boolean, p_sms jsonb)
        RETURNS boolean
        LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, documents AS $f$
        DECLARE
          d record;
          hid bigint;
        BEGIN
          SELECT id, document_id, status, sender_path, recipient_path, recipient_org_id, recipient_name INTO d
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
            INSERT INTO documents.notifications (org_id, org_path, delivery_id, text, kind, words)
            VALUES (d.recipient_org_id, d.recipient_path, d.id, p_text, p_notice->>'kind', p_notice->'words');
          END IF;
          INSERT INTO documents.alerts (delivery_id, sender_path, recipient_path, channel, target, target_name, text, payload)
          SELECT d.id, d.sender_path, d.recipient_path, 'SMS', t->>'mobile', t->>'name', p_text,
                 jsonb_build_object('deliveryId', d.id, 'documentId', d.document_id, 'kind', 'URGE', 'urgeId', hid::text,
                                    'automatic', true, 'step', p_step + 1)
            FROM jsonb_array_elements(p_sms) t;
          INSERT INTO documents.outbox (type, org_path, other_path, payload)
          VALUES ('delivery.urge', d.sender_path, d.recipient_path, ${urged});
          RETURN true;
        END
        $f$`,
      'REVOKE ALL ON FUNCTION documents.record_escalation(uuid, integer, text, integer, timestamptz, text, text, jsonb, boolean, jsonb) FROM PUBLIC',
      `GRANT EXECUTE ON FUNCTION documents.record_escalation(uuid, integer, text, integer, timestamptz, text, text, jsonb, boolean, jsonb) TO "${relay}"`,
    ];
    for (const s of sql) this.addSql(s);
  }
}

import { loadConfig } from '@yizhan/common';
import { partiesTableSql, SCOPE_SETTING } from '@yizhan/kernel';
import { Migration } from '@yizhan/kernel/migration';

const scope = `nullif(current_setting('${SCOPE_SETTING}', true), '')::ltree`;

/** Urgent alerts (seed 002 §8): in-app notifications, and SMS and webhook alerts retried until delivered. */
export class Alerts extends Migration {
  override up(): void {
    const sql = [
      `CREATE TABLE documents.notifications (
        id bigserial PRIMARY KEY,
        org_id uuid NOT NULL,
        org_path ltree NOT NULL,
        delivery_id uuid NOT NULL REFERENCES documents.deliveries (id),
        text text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        read_at timestamptz
      )`,
      'CREATE INDEX notifications_unit ON documents.notifications (org_id, created_at DESC)',
      // A unit reads and marks its own notifications; a sender creates them for the units it sends to.
      'ALTER TABLE documents.notifications ENABLE ROW LEVEL SECURITY',
      'ALTER TABLE documents.notifications FORCE ROW LEVEL SECURITY',
      `CREATE POLICY notification_read ON documents.notifications FOR SELECT USING (org_path = ${scope})`,
      `CREATE POLICY notification_mark ON documents.notifications FOR UPDATE USING (org_path = ${scope}) WITH CHECK (org_path = ${scope})`,
      `CREATE POLICY notification_create ON documents.notifications FOR INSERT WITH CHECK (${scope} IS NOT NULL)`,

      `CREATE TABLE documents.alerts (
        id bigserial PRIMARY KEY,
        delivery_id uuid NOT NULL REFERENCES documents.deliveries (id),
        sender_path ltree NOT NULL,
        recipient_path ltree NOT NULL,
        channel text NOT NULL CHECK (channel IN ('SMS', 'WEBHOOK')),
        target text NOT NULL,
        target_name text NOT NULL,
        text text NOT NULL,
        -- What a webhook receives besides the text: the delivery, document, 发文字号, urgency.
        payload jsonb NOT NULL,
        status text NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'SENT')),
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        last_error text,
        sent_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`,
      "CREATE INDEX alerts_due ON documents.alerts (next_attempt_at) WHERE status = 'PENDING'",
      ...partiesTableSql('documents.alerts'),
      // The dispatcher runs as the relay role: it reads the alerts due and marks them, nothing else.
      `DO $$ BEGIN
        EXECUTE format('CREATE POLICY alert_dispatcher ON documents.alerts TO %I USING (true) WITH CHECK (true)', '${loadConfig().relayRole.name}');
        EXECUTE format('GRANT SELECT, UPDATE ON documents.alerts TO %I', '${loadConfig().relayRole.name}');
      END $$`,
    ];
    for (const s of sql) this.addSql(s);
  }
}

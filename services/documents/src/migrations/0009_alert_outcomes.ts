import { Migration } from '@yizhan/kernel/migration';

/**
 * Alerts that stop (issue 14): an alert is given up (FAILED, with the reason) after its last attempt or a day after it
 * was queued, or refused at once when its webhook is not a public address; and CANCELLED when its unit changes or
 * clears the webhook. Documents learns of that change from org's events, keeping its position in `event_offsets`.
 */
export class AlertOutcomes extends Migration {
  override up(): void {
    const sql = [
      'ALTER TABLE documents.alerts DROP CONSTRAINT alerts_status_check',
      "ALTER TABLE documents.alerts ADD CONSTRAINT alerts_status_check CHECK (status IN ('PENDING', 'SENT', 'FAILED', 'CANCELLED'))",
      // A changed webhook cancels the unit's pending webhook alerts.
      "CREATE INDEX alerts_pending_webhooks ON documents.alerts (recipient_path) WHERE status = 'PENDING' AND channel = 'WEBHOOK'",
      'CREATE TABLE documents.event_offsets (source text PRIMARY KEY, seq bigint NOT NULL)',
      // Not a unit's data but the service's own reading position; under row-level security like every table of the
      // schema, with a policy that says so.
      'ALTER TABLE documents.event_offsets ENABLE ROW LEVEL SECURITY',
      'ALTER TABLE documents.event_offsets FORCE ROW LEVEL SECURITY',
      'CREATE POLICY event_offsets_service ON documents.event_offsets USING (true) WITH CHECK (true)',
    ];
    for (const s of sql) this.addSql(s);
  }
}

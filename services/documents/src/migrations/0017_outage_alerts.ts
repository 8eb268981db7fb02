import { Migration } from '@yizhan/kernel/migration';

/**
 * Outage texts (issue 20; seed 003 §45): an outage notice of org's reaches each unit's registered contacts by SMS
 * through the same alert dispatcher as urgent documents and 催办. Such an alert belongs to an announcement, not to a
 * delivery; each mobile is texted once per announcement however often the event arrives.
 */
export class OutageAlerts extends Migration {
  override up(): void {
    const sql = [
      'ALTER TABLE documents.alerts ALTER COLUMN delivery_id DROP NOT NULL',
      'ALTER TABLE documents.alerts ADD COLUMN announcement_id uuid',
      'ALTER TABLE documents.alerts ADD CONSTRAINT alerts_subject CHECK ((delivery_id IS NULL) <> (announcement_id IS NULL))',
      'CREATE UNIQUE INDEX alerts_announcement_target ON documents.alerts (announcement_id, target) WHERE announcement_id IS NOT NULL',
    ];
    for (const s of sql) this.addSql(s);
  }
}

import { Migration } from '@yizhan/kernel/migration';

/** Where a unit wants urgent alerts: a webhook of its own, and the mobiles in its contact register (seed 002 §8). */
export class AlertTargets extends Migration {
  override up(): void {
    const sql = [
      "ALTER TABLE org.unit_settings ADD COLUMN alert_webhook_url text CHECK (alert_webhook_url ~ '^https?://')",
      // A sender may alert any unit it is allowed to send to, also one whose contacts it may not read: this returns
      // only what an alert needs (name and mobile of contacts marked for urgent alerts), nothing else.
      `DO $$ BEGIN
        EXECUTE format('CREATE POLICY alert_targets ON org.contacts FOR SELECT TO %I USING (true)', current_user);
        EXECUTE format('CREATE POLICY alert_targets ON org.unit_settings FOR SELECT TO %I USING (true)', current_user);
      END $$`,
      `CREATE FUNCTION org.alert_targets(p_orgs uuid[])
        RETURNS TABLE (org_id uuid, kind text, name text, target text)
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, org AS $f$
          SELECT c.org_id, 'SMS', c.name, c.mobile FROM org.contacts c
          WHERE c.org_id = ANY (p_orgs) AND c.urgent_alerts AND c.mobile IS NOT NULL
          UNION ALL
          SELECT s.org_id, 'WEBHOOK', 'webhook', s.alert_webhook_url FROM org.unit_settings s
          WHERE s.org_id = ANY (p_orgs) AND s.alert_webhook_url IS NOT NULL
        $f$`,
      'REVOKE ALL ON FUNCTION org.alert_targets(uuid[]) FROM PUBLIC',
    ];
    for (const s of sql) this.addSql(s);
  }
}

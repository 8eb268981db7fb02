import { loadConfig } from '@yizhan/common';
import { rerootPoliciesSql, tenantTableSql } from '@yizhan/kernel';
import { Migration } from '@yizhan/kernel/migration';

/**
 * 定期通报 (seed 000 §24, seed 001 §16; domain/bulletin-schedule.ts): a unit's schedule of bulletins — its cadence, the
 * moment its next one is due, who set it — and, on each bulletin, the cadence that published it (null when a person
 * did). The job (jobs/scheduled-bulletins.ts) finds the units due through `documents.bulletin_schedules_due`, granted
 * to the relay role alone, and publishes each in the unit's own scope.
 */
export class BulletinSchedules extends Migration {
  override up(): void {
    const relay = loadConfig().relayRole.name.replaceAll('"', '""');
    const cadence = "CHECK (cadence IN ('WEEKLY', 'MONTHLY', 'QUARTERLY'))";
    const sql = [
      `CREATE TABLE documents.bulletin_schedules (
        org_id uuid PRIMARY KEY,
        org_path ltree NOT NULL,
        -- The unit's name as its bulletins' PDF prints it: as org said when the schedule was set, then as renamed.
        org_name text NOT NULL,
        cadence text NOT NULL ${cadence},
        next_at timestamptz NOT NULL,
        set_by uuid NOT NULL,
        set_by_name text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`,
      'CREATE INDEX bulletin_schedules_next ON documents.bulletin_schedules (next_at)',
      ...tenantTableSql('documents.bulletin_schedules', 'unit'),
      // The due function (the owner's) reads every unit's row by a policy of its own.
      `DO $$ BEGIN
        EXECUTE format('CREATE POLICY schedules_due ON documents.bulletin_schedules FOR SELECT TO %I USING (true)', current_user);
      END $$`,
      `ALTER TABLE documents.bulletins ADD COLUMN cadence text ${cadence}`,
      // One bulletin per unit, cadence and period: a second replica's turn publishing the same period changes nothing.
      'CREATE UNIQUE INDEX bulletins_scheduled_once ON documents.bulletins (org_id, cadence, period_from) WHERE cadence IS NOT NULL',
      `CREATE FUNCTION documents.bulletin_schedules_due(p_at timestamptz, p_limit integer)
        RETURNS TABLE (org_id uuid, org_path public.ltree)
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, documents AS $f$
          SELECT s.org_id, s.org_path FROM documents.bulletin_schedules s WHERE s.next_at <= p_at ORDER BY s.next_at LIMIT p_limit
        $f$`,
      'REVOKE ALL ON FUNCTION documents.bulletin_schedules_due(timestamptz, integer) FROM PUBLIC',
      `GRANT EXECUTE ON FUNCTION documents.bulletin_schedules_due(timestamptz, integer) TO "${relay}"`,
      rerootPoliciesSql('documents', ['outbox', 'inbox_totals', 'inbox_totals_pending', 'board_figures', 'board_figures_pending']),
    ];
    for (const s of sql) this.addSql(s);
  }
}

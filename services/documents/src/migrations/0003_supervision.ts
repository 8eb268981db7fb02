import { tenantTableSql } from '@yizhan/kernel';
import { Migration } from '@yizhan/kernel/migration';

/** Supervision: each delivery's due time, the province's check times and working-day calendar, and bulletins. */
export class Supervision extends Migration {
  override up(): void {
    const sql = [
      'ALTER TABLE documents.deliveries ADD COLUMN due_at timestamptz',
      "UPDATE documents.deliveries SET due_at = coalesce(deadline, delivered_at + interval '1 day') WHERE due_at IS NULL",
      'ALTER TABLE documents.deliveries ALTER COLUMN due_at SET NOT NULL',
      "CREATE INDEX deliveries_overdue ON documents.deliveries (due_at) WHERE status = 'DELIVERED'",

      // Per province (its root path): check times, and the days that break the weekday rule.
      `CREATE TABLE documents.supervision_settings (
        org_path ltree PRIMARY KEY,
        check_times text[] NOT NULL DEFAULT '{09:00,15:00}',
        updated_at timestamptz NOT NULL DEFAULT now()
      )`,
      ...tenantTableSql('documents.supervision_settings', 'directory'),
      `CREATE TABLE documents.work_calendar (
        org_path ltree NOT NULL,
        day date NOT NULL,
        working boolean NOT NULL,
        note text,
        PRIMARY KEY (org_path, day)
      )`,
      ...tenantTableSql('documents.work_calendar', 'directory'),

      `CREATE TABLE documents.bulletins (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        org_id uuid NOT NULL,
        org_path ltree NOT NULL,
        title text NOT NULL,
        period_from timestamptz NOT NULL,
        period_to timestamptz NOT NULL,
        rows jsonb NOT NULL,
        created_by uuid NOT NULL,
        created_by_name text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (period_to > period_from)
      )`,
      ...tenantTableSql('documents.bulletins', 'subtree'),
    ];
    for (const s of sql) this.addSql(s);
  }
}

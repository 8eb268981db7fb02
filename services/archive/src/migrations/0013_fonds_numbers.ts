import { rerootPoliciesSql, tenantTableSql } from '@yizhan/kernel';
import { Migration } from '@yizhan/kernel/migration';

/**
 * 全宗号 (DA/T 22-2015): the number the archives (档案馆) gave a unit, set by its archivist or administrator, which new
 * 档号 begin with (Z109-WS·2026-D30-FW-0001); until a unit sets one, its code stands in as before. The unit's own row
 * only.
 *
 * A 档号 was unique across the platform while every fonds was a unit's code. A 全宗号 is unique only within the
 * archives that gave it, and two units under different archives may hold the same: a 档号 is unique within its unit's
 * fonds, as an archives keeps it. Records keep the 档号 they were given.
 */
export class FondsNumbers extends Migration {
  override up(): void {
    const sql = [
      `CREATE TABLE archive.fonds_numbers (
        org_id uuid PRIMARY KEY,
        org_path ltree NOT NULL,
        fonds_number text NOT NULL CHECK (fonds_number ~ '^[A-Z0-9]{1,16}$'),
        set_by_name text NOT NULL,
        set_at timestamptz NOT NULL DEFAULT now()
      )`,
      ...tenantTableSql('archive.fonds_numbers', 'unit'),
      // A unit moved under another superior takes its row with it (kernel db/reroot.ts).
      rerootPoliciesSql('archive', ['outbox']),
      'ALTER TABLE archive.records DROP CONSTRAINT records_archival_number_key',
      'ALTER TABLE archive.records ADD CONSTRAINT records_archival_number_in_fonds UNIQUE (org_id, archival_number)',
    ];
    for (const s of sql) this.addSql(s);
  }
}

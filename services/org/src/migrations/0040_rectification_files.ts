import { SCOPE_SETTING } from '@yizhan/kernel';
import { Migration } from '@yizhan/kernel/migration';

/**
 * 整改材料: the files an inspected unit sends with a report of what it put right (photos, the scanned or Word 整改报告,
 * its 台账), kept with that round (org.inspection_finding_steps) and never changed or removed after: each report keeps
 * its own. A step says how many it carried (`file_count`), so whoever reads the round knows there were some.
 *
 * Row-level security, read through the round (a file has no path of its own, so a move of the unit, which re-roots
 * the rounds, takes the files with it): written only by the inspected unit, with a report of its own; read by the
 * inspected unit and by the unit that decides the item — the inspecting unit while it stands above the inspected one,
 * after a move the unit now directly above it (domain/inspection.ts decidingUnitPath) — and by no other unit above.
 */
export class RectificationFiles extends Migration {
  override up(): void {
    const scope = `(select nullif(current_setting('${SCOPE_SETTING}', true), '')::ltree)`;
    const sql = [
      `ALTER TABLE org.inspection_finding_steps ADD COLUMN file_count smallint NOT NULL DEFAULT 0
         CHECK (file_count BETWEEN 0 AND 5 AND (action = 'REPORT' OR file_count = 0))`,
      `CREATE TABLE org.inspection_finding_files (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        step_id uuid NOT NULL REFERENCES org.inspection_finding_steps (id),
        seq smallint NOT NULL CHECK (seq BETWEEN 1 AND 5),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
        content_type text NOT NULL,
        sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        content bytea NOT NULL CHECK (octet_length(content) BETWEEN 1 AND 10485760),
        UNIQUE (step_id, seq)
      )`,
      'ALTER TABLE org.inspection_finding_files ENABLE ROW LEVEL SECURITY',
      'ALTER TABLE org.inspection_finding_files FORCE ROW LEVEL SECURITY',
      // The round's unit (the inspected one) or the deciding unit, whose path decidingUnitPath states from the
      // inspector's path now (org.orgs, the directory every unit reads).
      `CREATE POLICY rectification_files_read ON org.inspection_finding_files FOR SELECT USING (
        EXISTS (
          SELECT 1 FROM org.inspection_finding_steps s
            JOIN org.inspection_findings f ON f.id = s.finding_id
            JOIN org.inspections i ON i.id = f.inspection_id
            JOIN org.orgs o ON o.id = i.inspector_org_id
           WHERE s.id = inspection_finding_files.step_id
             AND (s.org_path = ${scope}
                  OR ${scope} = CASE WHEN o.path @> s.org_path AND o.path <> s.org_path THEN o.path
                                     WHEN nlevel(s.org_path) > 1 THEN subpath(s.org_path, 0, nlevel(s.org_path) - 1) END)))`,
      `CREATE POLICY rectification_files_report ON org.inspection_finding_files FOR INSERT WITH CHECK (
        EXISTS (SELECT 1 FROM org.inspection_finding_steps s WHERE s.id = step_id AND s.action = 'REPORT' AND s.org_path = ${scope}))`,
      // Kept as sent, underneath the application too: no policy lets a row change or go, and this refuses it to anyone.
      `CREATE FUNCTION org.rectification_files_kept() RETURNS trigger LANGUAGE plpgsql AS $f$
        BEGIN
          RAISE EXCEPTION 'a report''s files are kept as they were sent' USING ERRCODE = 'insufficient_privilege';
        END
      $f$`,
      `CREATE TRIGGER rectification_files_kept BEFORE UPDATE OR DELETE ON org.inspection_finding_files
         FOR EACH ROW EXECUTE FUNCTION org.rectification_files_kept()`,
    ];
    for (const s of sql) this.addSql(s);
  }
}

import { Migration } from '@yizhan/kernel/migration';

/**
 * 0038's carry-over again, as it was meant to run: it read org.inspection_findings under FORCE ROW LEVEL SECURITY with no
 * unit set, so it saw no item and carried over no round. Here the migrator, which owns both tables, reads past the
 * policies for the statements' length. Only items with no round yet are carried (an item reported or decided since
 * has its rounds from then on; what its row held before was overwritten by them).
 */
export class FindingStepsCarried extends Migration {
  override up(): void {
    const none = 'NOT EXISTS (SELECT 1 FROM org.inspection_finding_steps s WHERE s.finding_id = f.id)';
    const sql = [
      'ALTER TABLE org.inspection_findings NO FORCE ROW LEVEL SECURITY',
      'ALTER TABLE org.inspection_finding_steps NO FORCE ROW LEVEL SECURITY',
      // Both statements' rows chosen before either writes (one statement), so the second still sees no round.
      `WITH untouched AS (SELECT f.* FROM org.inspection_findings f WHERE ${none}),
       reports AS (
         INSERT INTO org.inspection_finding_steps (finding_id, org_path, action, words, by_name, at)
         SELECT id, org_path, 'REPORT', rectification, reported_by_name, reported_at
           FROM untouched WHERE reported_at IS NOT NULL AND rectification IS NOT NULL AND reported_by_name IS NOT NULL)
       INSERT INTO org.inspection_finding_steps (finding_id, org_path, action, words, by_name, at)
       SELECT id, org_path, CASE WHEN status = 'ACCEPTED' THEN 'ACCEPT' ELSE 'RETURN' END,
              CASE WHEN status = 'ACCEPTED' THEN NULL ELSE returned_reason END, decided_by_name, decided_at
         FROM untouched
        WHERE decided_at IS NOT NULL AND decided_by_name IS NOT NULL AND (status = 'ACCEPTED' OR returned_reason IS NOT NULL)`,
      'ALTER TABLE org.inspection_findings FORCE ROW LEVEL SECURITY',
      'ALTER TABLE org.inspection_finding_steps FORCE ROW LEVEL SECURITY',
    ];
    for (const s of sql) this.addSql(s);
  }
}

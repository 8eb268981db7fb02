import { tenantTableSql } from '@yizhan/kernel';
import { Migration } from '@yizhan/kernel/migration';

/**
 * 限期整改's rounds kept: each report of what an inspected unit put right, each 退回 with its reason (and new deadline)
 * and the 验收, one row each with who and when. An item's own row holds only its latest (a second report overwrote
 * the first, and the reason it was sent back went with it). Read as the items are (subtree of the inspected unit);
 * appended by the use case that moves the item, in its transaction. What the items held before is carried over as
 * their first steps.
 */
export class FindingSteps extends Migration {
  override up(): void {
    const sql = [
      `CREATE TABLE org.inspection_finding_steps (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        finding_id uuid NOT NULL REFERENCES org.inspection_findings (id),
        org_path ltree NOT NULL,
        action text NOT NULL CHECK (action IN ('REPORT', 'RETURN', 'ACCEPT')),
        words text CHECK (length(words) <= 2000),
        rectify_by date,
        by_name text NOT NULL,
        at timestamptz NOT NULL DEFAULT now(),
        CHECK ((action = 'ACCEPT') = (words IS NULL))
      )`,
      'CREATE INDEX inspection_finding_steps_finding ON org.inspection_finding_steps (finding_id, at)',
      ...tenantTableSql('org.inspection_finding_steps', 'subtree'),
      `INSERT INTO org.inspection_finding_steps (finding_id, org_path, action, words, by_name, at)
         SELECT id, org_path, 'REPORT', rectification, reported_by_name, reported_at
           FROM org.inspection_findings WHERE reported_at IS NOT NULL AND rectification IS NOT NULL AND reported_by_name IS NOT NULL`,
      `INSERT INTO org.inspection_finding_steps (finding_id, org_path, action, words, by_name, at)
         SELECT id, org_path, CASE WHEN status = 'ACCEPTED' THEN 'ACCEPT' ELSE 'RETURN' END,
                CASE WHEN status = 'ACCEPTED' THEN NULL ELSE returned_reason END, decided_by_name, decided_at
           FROM org.inspection_findings
          WHERE decided_at IS NOT NULL AND decided_by_name IS NOT NULL AND (status = 'ACCEPTED' OR returned_reason IS NOT NULL)`,
    ];
    for (const s of sql) this.addSql(s);
  }
}

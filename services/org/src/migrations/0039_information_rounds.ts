import { tenantTableSql } from '@yizhan/kernel';
import { Migration } from '@yizhan/kernel/migration';

/**
 * 信息管理's rounds kept: each submission, 退回 with its reason, 修改后重新报送, approval and 撤下 with its reason, one row
 * each with who and when. An item's own row holds only its latest decision (a resubmission clears the 退回 it answered),
 * so the reason it was sent back lives on here. 撤下 now says why (`withdrawn_reason`; items taken down before did not).
 * Read as the items are by their unit (subtree of the publishing unit); appended by the use case that moves the item,
 * in its transaction. What the items held before is carried over as their first steps. The partial index serves the
 * count on every page of what was sent back to each author.
 */
export class InformationRounds extends Migration {
  override up(): void {
    const sql = [
      'ALTER TABLE org.information_items ADD COLUMN withdrawn_reason text CHECK (length(withdrawn_reason) BETWEEN 1 AND 200)',
      `CREATE INDEX information_items_returned ON org.information_items (author_id) WHERE status = 'REJECTED'`,
      `CREATE TABLE org.information_steps (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        item_id uuid NOT NULL REFERENCES org.information_items (id) ON DELETE CASCADE,
        org_path ltree NOT NULL,
        action text NOT NULL CHECK (action IN ('SUBMIT', 'RETURN', 'RESUBMIT', 'APPROVE', 'WITHDRAW')),
        words text CHECK (length(words) BETWEEN 1 AND 500),
        by_name text NOT NULL,
        at timestamptz NOT NULL DEFAULT now(),
        CHECK ((action = 'RETURN') <= (words IS NOT NULL)),
        CHECK ((action IN ('SUBMIT', 'RESUBMIT', 'APPROVE')) <= (words IS NULL))
      )`,
      'CREATE INDEX information_steps_item ON org.information_steps (item_id, at)',
      ...tenantTableSql('org.information_steps', 'subtree'),
      // The carry-over reads and writes every unit's rows: the migrator owns both tables, and under FORCE it would see
      // none (no unit is set) and carry nothing, silently.
      'ALTER TABLE org.information_items NO FORCE ROW LEVEL SECURITY',
      'ALTER TABLE org.information_steps NO FORCE ROW LEVEL SECURITY',
      `INSERT INTO org.information_steps (item_id, org_path, action, by_name, at)
         SELECT id, org_path, 'SUBMIT', author_name, submitted_at FROM org.information_items`,
      // Before this, an item sent back was never taken down: one decided and later taken down had been published.
      `INSERT INTO org.information_steps (item_id, org_path, action, words, by_name, at)
         SELECT id, org_path, CASE WHEN published_at IS NOT NULL THEN 'APPROVE' ELSE 'RETURN' END,
                CASE WHEN published_at IS NOT NULL THEN NULL ELSE decision_note END, decided_by_name, decided_at
           FROM org.information_items
          WHERE decided_at IS NOT NULL AND decided_by_name IS NOT NULL AND (published_at IS NOT NULL OR decision_note IS NOT NULL)`,
      `INSERT INTO org.information_steps (item_id, org_path, action, by_name, at)
         SELECT id, org_path, 'WITHDRAW', withdrawn_by_name, withdrawn_at
           FROM org.information_items WHERE withdrawn_at IS NOT NULL AND withdrawn_by_name IS NOT NULL`,
      'ALTER TABLE org.information_items FORCE ROW LEVEL SECURITY',
      'ALTER TABLE org.information_steps FORCE ROW LEVEL SECURITY',
    ];
    for (const s of sql) this.addSql(s);
  }
}

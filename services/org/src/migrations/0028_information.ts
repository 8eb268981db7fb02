import { SCOPE_SETTING, USER_SETTING } from '@yizhan/kernel';
import { Migration } from '@yizhan/kernel/migration';

/**
 * 信息管理 (seed 003 第八章): information a unit's people publish in a 栏目 once approved, to the unit, to the unit and
 * those below it, or to named people of the unit. Row-level security: the publishing unit and the units above it
 * read and write its items (as a subtree); another unit reads only what is published to it — an item for the
 * publisher's subtree from within it, one for named people only as one of them.
 */
export class Information extends Migration {
  override up(): void {
    const scope = `(select nullif(current_setting('${SCOPE_SETTING}', true), '')::ltree)`;
    const user = `(select nullif(current_setting('${USER_SETTING}', true), '')::uuid)`;
    const sql = [
      `CREATE TABLE org.information_items (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        org_id uuid NOT NULL REFERENCES org.orgs (id),
        org_path ltree NOT NULL,
        column_key text NOT NULL CHECK (column_key IN ('WORK_NEWS', 'NOTICES', 'POLICIES', 'EXPERIENCE')),
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 100),
        body text NOT NULL CHECK (length(body) BETWEEN 1 AND 10000),
        audience text NOT NULL CHECK (audience IN ('UNIT', 'SUBTREE', 'PEOPLE')),
        viewer_ids uuid[] NOT NULL DEFAULT '{}',
        status text NOT NULL CHECK (status IN ('PENDING', 'PUBLISHED', 'REJECTED', 'WITHDRAWN')),
        author_id uuid NOT NULL,
        author_name text NOT NULL,
        submitted_at timestamptz NOT NULL DEFAULT now(),
        decided_by_name text,
        decided_at timestamptz,
        decision_note text CHECK (length(decision_note) <= 500),
        published_at timestamptz,
        withdrawn_by_name text,
        withdrawn_at timestamptz,
        CHECK ((audience = 'PEOPLE') = (cardinality(viewer_ids) BETWEEN 1 AND 200)),
        CHECK ((status = 'PUBLISHED') <= (published_at IS NOT NULL))
      )`,
      'CREATE INDEX information_items_path ON org.information_items USING gist (org_path)',
      "CREATE INDEX information_items_published ON org.information_items (published_at DESC) WHERE status = 'PUBLISHED'",
      'ALTER TABLE org.information_items ENABLE ROW LEVEL SECURITY',
      'ALTER TABLE org.information_items FORCE ROW LEVEL SECURITY',
      `CREATE POLICY information_own ON org.information_items USING (org_path <@ ${scope}) WITH CHECK (org_path <@ ${scope})`,
      `CREATE POLICY information_published ON org.information_items FOR SELECT USING (status = 'PUBLISHED' AND (
         (audience = 'SUBTREE' AND ${scope} <@ org_path)
         OR (audience = 'UNIT' AND ${scope} = org_path)
         OR (audience = 'PEOPLE' AND ${scope} = org_path AND ${user} = ANY (viewer_ids))))`,
    ];
    for (const s of sql) this.addSql(s);
  }
}

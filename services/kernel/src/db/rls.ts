// Row-level security, declared by each service for its tables. The application filters by the caller's scope;
// these policies enforce the same again inside PostgreSQL, so a forgotten filter leaks nothing.
//
// The scope is the caller's org path, set per transaction with set_config(..., true) (see tenancy.ts).
// `nullif(..., '')` matters: an unset setting reads as '', and ''::ltree is the root, which contains every path.

export const SCOPE_SETTING = 'yizhan.org_path';
export const USER_SETTING = 'yizhan.user_id';
/**
 * The caller's unit id, beside its path: lets a policy find the caller's own row by an index on the unit id (a
 * recipient's delivery among a broadcast's ten thousand) where the path has none. Always with the scope, never alone.
 */
export const ORG_SETTING = 'yizhan.org_id';
// A scalar subquery: PostgreSQL reads the setting once per statement (an init plan), not once per row for each test
// of it (scopeOncePerStatementSql below).
const scope = `(select nullif(current_setting('${SCOPE_SETTING}', true), '')::ltree)`;

export type TenantPolicy =
  /** Rows of the caller's own unit only. */
  | 'unit'
  /** Rows of the caller's unit and of every unit below it: a supervising unit sees and manages its subtree. */
  | 'subtree'
  /** Readable by any authenticated unit (a directory, like the list of units); written only within the subtree. */
  | 'directory';

const qualified = (table: string) => {
  if (!/^[a-z_][a-z0-9_]*\.[a-z_][a-z0-9_]*$/.test(table)) throw new Error(`Expected schema.table, got ${table}`);
  return table;
};

/** Row-level security for a table about two units at once (a delivery's sender and recipient): visible to the units
 * above either end; written by either end. */
export function partiesTableSql(table: string, columns: [string, string] = ['sender_path', 'recipient_path']): string[] {
  const t = qualified(table);
  const either = `${columns[0]} <@ ${scope} OR ${columns[1]} <@ ${scope}`;
  return [
    `ALTER TABLE ${t} ENABLE ROW LEVEL SECURITY`,
    `ALTER TABLE ${t} FORCE ROW LEVEL SECURITY`,
    `CREATE POLICY parties ON ${t} USING (${either}) WITH CHECK (${either})`,
  ];
}

/**
 * Row-level security for a notice a unit addresses to a part of the tree (a 系统公告): read by every unit within its
 * reach and by the publisher and the units above it; written only by a unit whose subtree holds both the publisher
 * and the reach.
 */
export function reachTableSql(table: string, columns: { owner: string; reach: string } = { owner: 'org_path', reach: 'scope_path' }): string[] {
  const t = qualified(table);
  const read = `${columns.reach} @> ${scope} OR ${columns.owner} <@ ${scope}`;
  const write = `${columns.owner} <@ ${scope} AND ${columns.reach} <@ ${scope}`;
  return [
    `ALTER TABLE ${t} ENABLE ROW LEVEL SECURITY`,
    `ALTER TABLE ${t} FORCE ROW LEVEL SECURITY`,
    `CREATE POLICY reach_read ON ${t} FOR SELECT USING (${read})`,
    `CREATE POLICY reach_insert ON ${t} FOR INSERT WITH CHECK (${write})`,
    `CREATE POLICY reach_update ON ${t} FOR UPDATE USING (${write}) WITH CHECK (${write})`,
  ];
}

/** SQL statements that put a table under row-level security. `column` holds the owning unit's ltree path. */
export function tenantTableSql(table: string, policy: TenantPolicy, column = 'org_path'): string[] {
  const t = qualified(table);
  const own = `${column} = ${scope}`;
  const subtree = `${column} <@ ${scope}`;
  const stmts = [`ALTER TABLE ${t} ENABLE ROW LEVEL SECURITY`, `ALTER TABLE ${t} FORCE ROW LEVEL SECURITY`];
  switch (policy) {
    case 'unit':
      stmts.push(`CREATE POLICY tenant_unit ON ${t} USING (${own}) WITH CHECK (${own})`);
      break;
    case 'subtree':
      stmts.push(`CREATE POLICY tenant_subtree ON ${t} USING (${subtree}) WITH CHECK (${subtree})`);
      break;
    case 'directory':
      stmts.push(
        `CREATE POLICY directory_read ON ${t} FOR SELECT USING (${scope} IS NOT NULL)`,
        `CREATE POLICY directory_insert ON ${t} FOR INSERT WITH CHECK (${subtree})`,
        `CREATE POLICY directory_update ON ${t} FOR UPDATE USING (${subtree}) WITH CHECK (${subtree})`,
        `CREATE POLICY directory_delete ON ${t} FOR DELETE USING (${subtree})`,
      );
      break;
  }
  return stmts;
}

/**
 * Restates every policy of `schema` so that each `yizhan.*` setting it reads is read once per statement. Written inline,
 * `nullif(current_setting(…))::ltree` is evaluated for every row a policy tests, twice for a policy of two paths: a
 * broadcast's board read 10,000 rows and parsed the scope 20,000 times, 30 % of its time (bench/README "Data for
 * years"). As a scalar subquery PostgreSQL evaluates it once, before the first row, and uses it in index conditions
 * as before. What a policy admits does not change. Policies written after this (migrations that state the scope
 * inline) are restated by running it again; services/documents/test/documents.test.ts finds any left reading per row.
 */
export function scopeOncePerStatementSql(schema: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`Unsafe schema ${schema}`);
  // As pg_policies prints the inline form, not already inside a subquery.
  const inline = String.raw`(?<!SELECT )\(NULLIF\(current_setting\('(yizhan\.[a-z_]+)'::text, true\), ''::text\)\)::(ltree|uuid)`;
  const once = String.raw`( SELECT (NULLIF(current_setting('\1'::text, true), ''::text))::\2 )`;
  return `DO $do$
    DECLARE p record; q text; w text;
    BEGIN
      FOR p IN SELECT tablename, policyname, qual, with_check FROM pg_policies WHERE schemaname = '${schema}' LOOP
        q := regexp_replace(p.qual, '${inline.replaceAll("'", "''")}', '${once.replaceAll("'", "''")}', 'g');
        w := regexp_replace(p.with_check, '${inline.replaceAll("'", "''")}', '${once.replaceAll("'", "''")}', 'g');
        IF q IS DISTINCT FROM p.qual THEN
          EXECUTE format('ALTER POLICY %I ON ${schema}.%I USING (%s)', p.policyname, p.tablename, q);
        END IF;
        IF w IS DISTINCT FROM p.with_check THEN
          EXECUTE format('ALTER POLICY %I ON ${schema}.%I WITH CHECK (%s)', p.policyname, p.tablename, w);
        END IF;
      END LOOP;
    END
  $do$`;
}

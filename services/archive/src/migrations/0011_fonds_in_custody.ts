import { rerootPoliciesSql, SCOPE_SETTING } from '@yizhan/kernel';
import { Migration } from '@yizhan/kernel/migration';

/**
 * A closed unit's archive (its 全宗) is kept by another unit (seed 003 §9(2)): the unit it was merged into, or the one
 * its dissolution named. `archive.custody` says who keeps which; the records stay as they were archived, under the
 * closed unit's path, numbering and evidence chain, as a fonds received stays whole in an archives.
 *
 * Row-level security: each unit reads and writes the rows of the fonds it keeps, its own and those in its custody
 * (`archive.fonds_kept()`, read once per statement), in the tables an archivist works in: the records, their metadata
 * versions, the access register, disposals and the chain. What waits to be archived, the numbering and the retention
 * table stay the unit's own: nothing new is archived into a closed unit's fonds. The custody table is read by the units
 * at either end and those above them, written by a unit above both (org's event follower).
 */
export class FondsInCustody extends Migration {
  override up(): void {
    const scope = `(select nullif(current_setting('${SCOPE_SETTING}', true), '')::ltree)`;
    const kept = `org_path = ANY ((select archive.fonds_kept())::ltree[])`;
    const sql = [
      `CREATE TABLE archive.custody (
        fonds_org_id uuid PRIMARY KEY,
        fonds_path ltree NOT NULL,
        fonds_name text NOT NULL,
        fonds_code text NOT NULL,
        closed_as text NOT NULL CHECK (closed_as IN ('DISSOLVED', 'MERGED')),
        closed_reason text NOT NULL,
        closed_at timestamptz NOT NULL,
        custodian_org_id uuid NOT NULL,
        custodian_path ltree NOT NULL,
        custodian_name text NOT NULL,
        since timestamptz NOT NULL DEFAULT now(),
        CHECK (fonds_org_id <> custodian_org_id)
      )`,
      'CREATE INDEX custody_by_custodian ON archive.custody (custodian_path)',
      'ALTER TABLE archive.custody ENABLE ROW LEVEL SECURITY',
      'ALTER TABLE archive.custody FORCE ROW LEVEL SECURITY',
      `CREATE POLICY custody_read ON archive.custody FOR SELECT USING (custodian_path <@ ${scope} OR fonds_path <@ ${scope})`,
      `CREATE POLICY custody_insert ON archive.custody FOR INSERT WITH CHECK (custodian_path <@ ${scope} AND fonds_path <@ ${scope})`,
      // Passed on when the keeping unit closes in turn: the fonds may lie anywhere, the two keepers within the scope.
      `CREATE POLICY custody_update ON archive.custody FOR UPDATE USING (custodian_path <@ ${scope}) WITH CHECK (custodian_path <@ ${scope})`,
      `CREATE FUNCTION archive.fonds_kept() RETURNS ltree[] LANGUAGE sql STABLE SET search_path = pg_catalog, public AS $f$
        SELECT array_append(coalesce(array_agg(c.fonds_path) FILTER (WHERE c.fonds_path IS NOT NULL), '{}'::ltree[]), s.scope)
          FROM (SELECT nullif(current_setting('${SCOPE_SETTING}', true), '')::ltree AS scope) s
          LEFT JOIN archive.custody c ON c.custodian_path = s.scope
         GROUP BY s.scope
      $f$`,
      ...['records', 'metadata_versions', 'access_requests', 'access_log', 'disposals', 'chain'].flatMap((t) => [
        `DROP POLICY tenant_unit ON archive.${t}`,
        `CREATE POLICY tenant_unit ON archive.${t} USING (${kept}) WITH CHECK (${kept})`,
      ]),
      // A keeper moved under another superior takes its custody with it (kernel db/reroot.ts).
      rerootPoliciesSql('archive', ['outbox']),
    ];
    for (const s of sql) this.addSql(s);
  }
}

import { loadConfig } from '@yizhan/common';
import { Migration } from '@yizhan/kernel/migration';
import { BOARD_FIGURES_0034, keptCountsFunctions, WAITING } from './kept-counts-sql.ts';

/**
 * Counts kept rather than counted (issue 19, bench/README "Data for years": at 10 million deliveries a clerk's inbox
 * counted every delivery of the unit, some 500 heap rows under the policy, for its total, and a broadcast's board read
 * its 10,000 deliveries once for its figures and once for its page):
 *
 * - `inbox_totals`: how many deliveries each unit has, by its path and the year they are kept under (their document's
 *   year, Beijing, as the partitions).
 * - `board_figures`: a document's deliveries counted per board group (each city; the province's own units) and due
 *   time — live, signed for, replaced, not received, not signed for, returned — and the group's city's name when the
 *   city is itself a recipient. Not signed for and due before now is overdue, so the due time is part of the key.
 *
 * Statement triggers on the deliveries append to a queue what each statement changed (`*_pending`): an insert adds, a
 * delete takes away, an update takes away the rows as they were and adds them as they are. Appending takes no lock
 * anyone waits on: two broadcasts to the same units, or a storm of 签收 of one broadcast, do not queue behind one
 * counter row. `fold_kept_counts()` (jobs/kept-counts.ts, every few seconds, as the relay role) moves the queues into
 * the kept rows; a read sums both, so every figure is exact in every transaction, folded or not. Only the years still
 * attached count (`deliveries_kept_from()`), and the fold drops the rows of years detached.
 * `recount_kept_counts()` counts both again from the deliveries, for the owner (this migration, a load of history
 * with its triggers off, an operator in doubt). What waits for 签收 in an inbox changes with every 签收 and with the
 * clock and is few rows: it is counted, by a partial index of the deliveries still waiting.
 *
 * A delivery's document, recipient, paths and document year are never changed once written (nothing updates them).
 * An inbox total is read by the unit alone, by its id and its path together, as the deliveries' policy shows it those
 * delivered at its path; a board's figures by the sender and the units above it. Nobody but these functions writes them.
 */
export class KeptCounts extends Migration {
  override up(): void {
    const relay = loadConfig().relayRole.name;
    const scope = "nullif(current_setting('yizhan.org_path', true), '')::ltree";
    const unit = "nullif(current_setting('yizhan.org_id', true), '')::uuid";
    const counted = BOARD_FIGURES_0034;
    const { queueAdded, queueRemoved, queueChanged, fold, recount } = keptCountsFunctions(counted);
    const sql = [
      `CREATE TABLE documents.inbox_totals (
        recipient_org_id uuid NOT NULL,
        recipient_path ltree NOT NULL,
        year_start timestamptz NOT NULL,
        deliveries bigint NOT NULL,
        PRIMARY KEY (recipient_org_id, recipient_path, year_start)
      )`,
      `CREATE TABLE documents.inbox_totals_pending (
        recipient_org_id uuid NOT NULL,
        recipient_path ltree NOT NULL,
        year_start timestamptz NOT NULL,
        deliveries bigint NOT NULL
      )`,
      'CREATE INDEX inbox_totals_pending_unit ON documents.inbox_totals_pending (recipient_org_id)',
      ...['board_figures', 'board_figures_pending'].map(
        (t) => `CREATE TABLE documents.${t} (
        document_id uuid NOT NULL,
        sender_path ltree NOT NULL,
        group_key text NOT NULL,
        due_at timestamptz,
        year_start timestamptz NOT NULL,
        group_name text,
        ${counted.map((c) => `${c} bigint NOT NULL`).join(', ')}
      )`,
      ),
      'CREATE UNIQUE INDEX board_figures_key ON documents.board_figures (document_id, sender_path, group_key, due_at) NULLS NOT DISTINCT',
      'CREATE INDEX board_figures_pending_document ON documents.board_figures_pending (document_id)',
      ...['inbox_totals', 'inbox_totals_pending', 'board_figures', 'board_figures_pending'].flatMap((t) => [
        `ALTER TABLE documents.${t} ENABLE ROW LEVEL SECURITY`,
        `ALTER TABLE documents.${t} FORCE ROW LEVEL SECURITY`,
        `DO $$ BEGIN EXECUTE format('CREATE POLICY ${t}_owner ON documents.${t} FOR ALL TO %I USING (true) WITH CHECK (true)', current_user); END $$`,
        t.startsWith('inbox')
          ? `CREATE POLICY ${t}_own_unit ON documents.${t} FOR SELECT USING (recipient_org_id = ${unit} AND recipient_path = ${scope})`
          : `CREATE POLICY ${t}_sender ON documents.${t} FOR SELECT USING (sender_path <@ ${scope})`,
      ]),
      queueAdded,
      queueRemoved,
      queueChanged,
      `CREATE TRIGGER deliveries_counts_added AFTER INSERT ON documents.deliveries
        REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION documents.queue_counts_added()`,
      `CREATE TRIGGER deliveries_counts_removed AFTER DELETE ON documents.deliveries
        REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION documents.queue_counts_removed()`,
      `CREATE TRIGGER deliveries_counts_changed AFTER UPDATE ON documents.deliveries
        REFERENCING OLD TABLE AS before_rows NEW TABLE AS after_rows FOR EACH STATEMENT EXECUTE FUNCTION documents.queue_counts_changed()`,
      // The first year still attached (-infinity while the partition of everything before is).
      `CREATE FUNCTION documents.deliveries_kept_from() RETURNS timestamptz LANGUAGE sql STABLE
        SET search_path = pg_catalog, public, documents AS $f$
        SELECT CASE WHEN bool_or(lower_bound IS NULL) THEN '-infinity'::timestamptz ELSE coalesce(min(lower_bound), '-infinity') END
          FROM documents.partitions WHERE table_name = 'deliveries' AND detached_at IS NULL
      $f$`,
      fold,
      recount,
      ...['fold_kept_counts()', 'recount_kept_counts()'].map((f) => `REVOKE ALL ON FUNCTION documents.${f} FROM PUBLIC`),
      `GRANT EXECUTE ON FUNCTION documents.fold_kept_counts() TO "${relay}"`,
      'ALTER TABLE documents.deliveries NO FORCE ROW LEVEL SECURITY',
      'SELECT documents.recount_kept_counts()',
      'ALTER TABLE documents.deliveries FORCE ROW LEVEL SECURITY',
      // What waits for the clerk's 签收, by unit, newest first.
      `CREATE INDEX deliveries_waiting ON documents.deliveries (recipient_org_id, delivered_at DESC, id DESC) WHERE signed_at IS NULL AND ${WAITING}`,
    ];
    for (const s of sql) this.addSql(s);
  }
}

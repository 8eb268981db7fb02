import { loadConfig } from '@yizhan/common';
import { PARTITION_TIME_ZONE } from '@yizhan/kernel';
import { Migration } from '@yizhan/kernel/migration';

/**
 * Each unit's inbox total, kept (issue 19: at 10 million deliveries the inbox page's counts read every delivery of the
 * unit, some 500 heap rows under the policy, and its p99 missed 20 ms; bench/README "Data for years").
 *
 * - A statement trigger on the deliveries adds, per recipient and year the delivery is kept under (its document's
 *   year, Beijing, as the partitions), how many the statement inserted (or removed) to a queue,
 *   `inbox_totals_pending`. Appending takes no lock another sender waits on: two broadcasts to the same 10,000 units
 *   do not queue behind each other, as an update of one counter row per unit would make them.
 * - `fold_inbox_totals()` (jobs/inbox-totals.ts, every few seconds, as the relay role) moves the queue into
 *   `inbox_totals`, one row per unit and year. A read sums the unit's rows of both: the total is exact in every
 *   transaction, folded or not.
 * - A year whose partition the keeper detached is no longer in the inbox, so a read counts only the years still
 *   attached (`inbox_kept_from()`), and the fold drops the rows of years before them.
 * - What waits for 签收 (unread, unsigned, overdue) is read, not kept: it changes with every 签收 and with the clock,
 *   and it is few rows, found by a partial index of the deliveries still waiting, by unit, in the inbox's order
 *   (which also serves the 待签收 page).
 *
 * A delivery's recipient, its path and its document's year are never changed once written; nothing updates them.
 * Totals are kept by the recipient's path as well as its id: a unit reads the rows of its id at its own path only, as
 * the deliveries' policy shows it those delivered at its path (a unit moved elsewhere sees what came after the move).
 * Nobody but these functions writes them.
 */
export class InboxTotals extends Migration {
  override up(): void {
    const scope = "nullif(current_setting('yizhan.org_path', true), '')::ltree";
    const unit = "nullif(current_setting('yizhan.org_id', true), '')::uuid";
    const year = (column: string) => `date_trunc('year', ${column}, '${PARTITION_TIME_ZONE}')`;
    const relay = loadConfig().relayRole.name;
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
        deliveries integer NOT NULL
      )`,
      'CREATE INDEX inbox_totals_pending_unit ON documents.inbox_totals_pending (recipient_org_id)',
      ...['inbox_totals', 'inbox_totals_pending'].flatMap((t) => [
        `ALTER TABLE documents.${t} ENABLE ROW LEVEL SECURITY`,
        `ALTER TABLE documents.${t} FORCE ROW LEVEL SECURITY`,
        `CREATE POLICY ${t}_own_unit ON documents.${t} FOR SELECT USING (recipient_org_id = ${unit} AND recipient_path = ${scope})`,
        `DO $$ BEGIN EXECUTE format('CREATE POLICY ${t}_owner ON documents.${t} FOR ALL TO %I USING (true) WITH CHECK (true)', current_user); END $$`,
      ]),
      `CREATE FUNCTION documents.queue_inbox_added() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
        SET search_path = pg_catalog, public, documents AS $f$
        BEGIN
          INSERT INTO documents.inbox_totals_pending (recipient_org_id, recipient_path, year_start, deliveries)
            SELECT recipient_org_id, recipient_path, ${year('document_sent_at')}, count(*) FROM added GROUP BY 1, 2, 3;
          RETURN NULL;
        END
      $f$`,
      `CREATE FUNCTION documents.queue_inbox_removed() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
        SET search_path = pg_catalog, public, documents AS $f$
        BEGIN
          INSERT INTO documents.inbox_totals_pending (recipient_org_id, recipient_path, year_start, deliveries)
            SELECT recipient_org_id, recipient_path, ${year('document_sent_at')}, -count(*) FROM removed GROUP BY 1, 2, 3;
          RETURN NULL;
        END
      $f$`,
      `CREATE TRIGGER deliveries_inbox_added AFTER INSERT ON documents.deliveries
        REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION documents.queue_inbox_added()`,
      `CREATE TRIGGER deliveries_inbox_removed AFTER DELETE ON documents.deliveries
        REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION documents.queue_inbox_removed()`,
      // The first year still attached (-infinity while the partition of everything before is): a detached year's
      // deliveries are no longer in the inbox.
      `CREATE FUNCTION documents.inbox_kept_from() RETURNS timestamptz LANGUAGE sql STABLE
        SET search_path = pg_catalog, public, documents AS $f$
        SELECT CASE WHEN bool_or(lower_bound IS NULL) THEN '-infinity'::timestamptz ELSE coalesce(min(lower_bound), '-infinity') END
          FROM documents.partitions WHERE table_name = 'deliveries' AND detached_at IS NULL
      $f$`,
      // Moves the queue into the totals; answers how many unit-years it changed. One folder at a time (replicas each
      // run it), in the totals' key order.
      `CREATE FUNCTION documents.fold_inbox_totals() RETURNS integer LANGUAGE plpgsql SECURITY DEFINER
        SET search_path = pg_catalog, public, documents AS $f$
        DECLARE n integer;
        BEGIN
          IF NOT EXISTS (SELECT 1 FROM documents.inbox_totals_pending) THEN
            RETURN 0;
          END IF;
          PERFORM pg_advisory_xact_lock(hashtext('documents.inbox_totals'));
          WITH moved AS (
            DELETE FROM documents.inbox_totals_pending RETURNING *
          )
          INSERT INTO documents.inbox_totals AS t (recipient_org_id, recipient_path, year_start, deliveries)
            SELECT recipient_org_id, recipient_path, year_start, sum(deliveries) FROM moved GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
            ON CONFLICT (recipient_org_id, recipient_path, year_start) DO UPDATE SET deliveries = t.deliveries + excluded.deliveries;
          GET DIAGNOSTICS n = ROW_COUNT;
          DELETE FROM documents.inbox_totals WHERE year_start < documents.inbox_kept_from();
          RETURN n;
        END
      $f$`,
      'REVOKE ALL ON FUNCTION documents.fold_inbox_totals() FROM PUBLIC',
      `GRANT EXECUTE ON FUNCTION documents.fold_inbox_totals() TO "${relay}"`,
      // The deliveries made so far (as the owner: the policies would show it none).
      'ALTER TABLE documents.deliveries NO FORCE ROW LEVEL SECURITY',
      `INSERT INTO documents.inbox_totals (recipient_org_id, recipient_path, year_start, deliveries)
        SELECT recipient_org_id, recipient_path, ${year('document_sent_at')}, count(*) FROM documents.deliveries GROUP BY 1, 2, 3`,
      'ALTER TABLE documents.deliveries FORCE ROW LEVEL SECURITY',
      // What waits for the clerk's 签收, by unit, newest first (domain/delivery.ts UNSIGNED_STATUSES).
      `CREATE INDEX deliveries_waiting ON documents.deliveries (recipient_org_id, delivered_at DESC, id DESC)
        WHERE signed_at IS NULL AND status IN ('DELIVERED', 'RECEIVED', 'PRINTED')`,
    ];
    for (const s of sql) this.addSql(s);
  }
}

import { loadConfig } from '@yizhan/common';
import { PARTITION_TIME_ZONE } from '@yizhan/kernel';
import { Migration } from '@yizhan/kernel/migration';

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
    const year = `date_trunc('year', document_sent_at, '${PARTITION_TIME_ZONE}')`;
    // domain/delivery.ts UNSIGNED_STATUSES and REPLACED_STATUSES; domain/board.ts boardGroupOf and PROVINCE_GROUP.
    const waiting = "status IN ('DELIVERED', 'RECEIVED', 'PRINTED')";
    const replaced = "status IN ('RESENT', 'RECALLED')";
    const group = "CASE WHEN split_part(recipient_path::text, '.', 2) LIKE 'c%' THEN subpath(recipient_path, 0, 2)::text ELSE 'province' END";
    const counted = ['live', 'signed', 'replaced', 'not_received', 'not_signed', 'returned'];
    /** One delivery's part in its board group's figures, times `sign`, from the rows of `rows`. */
    const figuresOf = (rows: string, sign: 1 | -1) => `
      SELECT document_id, sender_path, ${group} AS group_key, due_at, ${year} AS year_start,
             max(recipient_name) FILTER (WHERE recipient_path::text = ${group}) AS group_name,
             ${sign} * count(*) FILTER (WHERE NOT ${replaced}) AS live,
             ${sign} * count(*) FILTER (WHERE NOT ${replaced} AND signed_at IS NOT NULL) AS signed,
             ${sign} * count(*) FILTER (WHERE ${replaced}) AS replaced,
             ${sign} * count(*) FILTER (WHERE ${waiting} AND received_at IS NULL) AS not_received,
             ${sign} * count(*) FILTER (WHERE ${waiting}) AS not_signed,
             ${sign} * count(*) FILTER (WHERE status IN ('RETURNED', 'RESEND_REQUESTED')) AS returned
        FROM ${rows} GROUP BY 1, 2, 3, 4, 5`;
    const figureColumns = `document_id, sender_path, group_key, due_at, year_start, group_name, ${counted.join(', ')}`;
    // A statement's deliveries go to as many units as it has rows (one live delivery per unit and document), so its
    // queue rows are not grouped: the read and the fold sum them anyway.
    const inboxOf = (rows: string, sign: 1 | -1) => `SELECT recipient_org_id, recipient_path, ${year}, ${sign} FROM ${rows}`;
    /** A statement trigger's function: queues what its statement changed, as the owner. */
    const queueing = (name: string, body: string) => `CREATE FUNCTION documents.${name}() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
        SET search_path = pg_catalog, public, documents AS $f$
        BEGIN
          ${body}
          RETURN NULL;
        END
      $f$`;
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
      queueing(
        'queue_counts_added',
        `INSERT INTO documents.inbox_totals_pending ${inboxOf('added', 1)};
          INSERT INTO documents.board_figures_pending (${figureColumns}) ${figuresOf('added', 1)};`,
      ),
      queueing(
        'queue_counts_removed',
        `INSERT INTO documents.inbox_totals_pending ${inboxOf('removed', -1)};
          INSERT INTO documents.board_figures_pending (${figureColumns}) ${figuresOf('removed', -1)};`,
      ),
      // An update moves a delivery between figures (a 签收, a 退回, a recall): the rows as they were taken away and as
      // they are added, netted per group, and only what changed queued.
      queueing(
        'queue_counts_changed',
        `INSERT INTO documents.board_figures_pending (${figureColumns})
            SELECT document_id, sender_path, group_key, due_at, year_start, max(group_name), ${counted.map((c) => `sum(${c})`).join(', ')}
              FROM (${figuresOf('before_rows', -1)} UNION ALL ${figuresOf('after_rows', 1)}) d
             GROUP BY 1, 2, 3, 4, 5
            HAVING ${counted.map((c) => `sum(${c}) <> 0`).join(' OR ')};`,
      ),
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
      // Moves the queues into the kept rows; answers how many kept rows it changed. One folder at a time (replicas
      // each run it), in key order.
      `CREATE FUNCTION documents.fold_kept_counts() RETURNS integer LANGUAGE plpgsql SECURITY DEFINER
        SET search_path = pg_catalog, public, documents AS $f$
        DECLARE n integer; m integer;
        BEGIN
          IF NOT EXISTS (SELECT 1 FROM documents.inbox_totals_pending) AND NOT EXISTS (SELECT 1 FROM documents.board_figures_pending) THEN
            RETURN 0;
          END IF;
          PERFORM pg_advisory_xact_lock(hashtext('documents.kept_counts'));
          WITH moved AS (
            DELETE FROM documents.inbox_totals_pending RETURNING *
          )
          INSERT INTO documents.inbox_totals AS t (recipient_org_id, recipient_path, year_start, deliveries)
            SELECT recipient_org_id, recipient_path, year_start, sum(deliveries) FROM moved GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
            ON CONFLICT (recipient_org_id, recipient_path, year_start) DO UPDATE SET deliveries = t.deliveries + excluded.deliveries;
          GET DIAGNOSTICS n = ROW_COUNT;
          WITH moved AS (
            DELETE FROM documents.board_figures_pending RETURNING *
          )
          INSERT INTO documents.board_figures AS t (${figureColumns})
            SELECT document_id, sender_path, group_key, due_at, year_start, max(group_name), ${counted.map((c) => `sum(${c})`).join(', ')}
              FROM moved GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4
            ON CONFLICT (document_id, sender_path, group_key, due_at) DO UPDATE SET
              group_name = coalesce(t.group_name, excluded.group_name),
              ${counted.map((c) => `${c} = t.${c} + excluded.${c}`).join(', ')};
          GET DIAGNOSTICS m = ROW_COUNT;
          DELETE FROM documents.inbox_totals WHERE year_start < documents.deliveries_kept_from();
          DELETE FROM documents.board_figures WHERE year_start < documents.deliveries_kept_from();
          RETURN n + m;
        END
      $f$`,
      // Everything counted again from the deliveries, as whoever runs it (the owner, with the deliveries' policies
      // lifted, or a superuser): the kept rows are then exactly the rows underneath.
      `CREATE FUNCTION documents.recount_kept_counts() RETURNS void LANGUAGE plpgsql
        SET search_path = pg_catalog, public, documents AS $f$
        BEGIN
          PERFORM pg_advisory_xact_lock(hashtext('documents.kept_counts'));
          DELETE FROM documents.inbox_totals_pending;
          DELETE FROM documents.inbox_totals;
          INSERT INTO documents.inbox_totals SELECT recipient_org_id, recipient_path, ${year}, count(*) FROM documents.deliveries GROUP BY 1, 2, 3;
          DELETE FROM documents.board_figures_pending;
          DELETE FROM documents.board_figures;
          INSERT INTO documents.board_figures (${figureColumns}) ${figuresOf('documents.deliveries', 1)};
        END
      $f$`,
      ...['fold_kept_counts()', 'recount_kept_counts()'].map((f) => `REVOKE ALL ON FUNCTION documents.${f} FROM PUBLIC`),
      `GRANT EXECUTE ON FUNCTION documents.fold_kept_counts() TO "${relay}"`,
      'ALTER TABLE documents.deliveries NO FORCE ROW LEVEL SECURITY',
      'SELECT documents.recount_kept_counts()',
      'ALTER TABLE documents.deliveries FORCE ROW LEVEL SECURITY',
      // What waits for the clerk's 签收, by unit, newest first.
      `CREATE INDEX deliveries_waiting ON documents.deliveries (recipient_org_id, delivered_at DESC, id DESC) WHERE signed_at IS NULL AND ${waiting}`,
    ];
    for (const s of sql) this.addSql(s);
  }
}

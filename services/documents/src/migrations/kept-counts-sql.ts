import { PARTITION_TIME_ZONE } from '@yizhan/kernel';

// The kept counts' functions (0034_kept_counts), built from the figures a board keeps, so that a migration adding a
// figure (0039_board_keeps_received) redefines them from the same text with one column more.

/** A delivery's document year, Beijing, as the partitions cut them. */
export const KEPT_YEAR = `date_trunc('year', document_sent_at, '${PARTITION_TIME_ZONE}')`;

/** The figures 0034 kept, each counted per document, board group and due time. */
export const BOARD_FIGURES_0034 = ['live', 'signed', 'replaced', 'not_received', 'not_signed', 'returned'] as const;

// domain/delivery.ts UNSIGNED_STATUSES and REPLACED_STATUSES; domain/board.ts boardGroupOf and PROVINCE_GROUP.
export const WAITING = "status IN ('DELIVERED', 'RECEIVED', 'PRINTED')";
const REPLACED = "status IN ('RESENT', 'RECALLED')";
const GROUP = "CASE WHEN split_part(recipient_path::text, '.', 2) LIKE 'c%' THEN subpath(recipient_path, 0, 2)::text ELSE 'province' END";

/** Which deliveries each figure counts. */
const FIGURE_RULES: Record<string, string> = {
  live: `NOT ${REPLACED}`,
  signed: `NOT ${REPLACED} AND signed_at IS NOT NULL`,
  replaced: REPLACED,
  not_received: `${WAITING} AND received_at IS NULL`,
  not_signed: WAITING,
  returned: "status IN ('RETURNED', 'RESEND_REQUESTED')",
  // 已接收 as the live board counts it: live, and opened (a 签收 opens it too).
  received: `NOT ${REPLACED} AND received_at IS NOT NULL`,
};

/**
 * The statements that (re)define the counts' functions for `counted` figures: the three statement triggers'
 * queueing functions, the fold and the recount. Every one is CREATE OR REPLACE.
 */
export function keptCountsFunctions(counted: readonly string[]) {
  for (const c of counted) if (!FIGURE_RULES[c]) throw new Error(`no rule for the kept figure ${c}`);
  /** One delivery's part in its board group's figures, times `sign`, from the rows of `rows`. */
  const figuresOf = (rows: string, sign: 1 | -1) => `
      SELECT document_id, sender_path, ${GROUP} AS group_key, due_at, ${KEPT_YEAR} AS year_start,
             max(recipient_name) FILTER (WHERE recipient_path::text = ${GROUP}) AS group_name,
             ${counted.map((c) => `${sign} * count(*) FILTER (WHERE ${FIGURE_RULES[c]}) AS ${c}`).join(',\n             ')}
        FROM ${rows} GROUP BY 1, 2, 3, 4, 5`;
  const figureColumns = `document_id, sender_path, group_key, due_at, year_start, group_name, ${counted.join(', ')}`;
  // A statement's deliveries go to as many units as it has rows (one live delivery per unit and document), so its
  // queue rows are not grouped: the read and the fold sum them anyway.
  const inboxOf = (rows: string, sign: 1 | -1) => `SELECT recipient_org_id, recipient_path, ${KEPT_YEAR}, ${sign} FROM ${rows}`;
  /** A statement trigger's function: queues what its statement changed, as the owner. */
  const queueing = (name: string, body: string) => `CREATE OR REPLACE FUNCTION documents.${name}() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
        SET search_path = pg_catalog, public, documents AS $f$
        BEGIN
          ${body}
          RETURN NULL;
        END
      $f$`;
  return {
    queueAdded: queueing(
      'queue_counts_added',
      `INSERT INTO documents.inbox_totals_pending ${inboxOf('added', 1)};
          INSERT INTO documents.board_figures_pending (${figureColumns}) ${figuresOf('added', 1)};`,
    ),
    queueRemoved: queueing(
      'queue_counts_removed',
      `INSERT INTO documents.inbox_totals_pending ${inboxOf('removed', -1)};
          INSERT INTO documents.board_figures_pending (${figureColumns}) ${figuresOf('removed', -1)};`,
    ),
    // An update moves a delivery between figures (a 签收, a 退回, a recall): the rows as they were taken away and as
    // they are added, netted per group, and only what changed queued.
    queueChanged: queueing(
      'queue_counts_changed',
      `INSERT INTO documents.board_figures_pending (${figureColumns})
            SELECT document_id, sender_path, group_key, due_at, year_start, max(group_name), ${counted.map((c) => `sum(${c})`).join(', ')}
              FROM (${figuresOf('before_rows', -1)} UNION ALL ${figuresOf('after_rows', 1)}) d
             GROUP BY 1, 2, 3, 4, 5
            HAVING ${counted.map((c) => `sum(${c}) <> 0`).join(' OR ')};`,
    ),
    // Moves the queues into the kept rows; answers how many kept rows it changed. One folder at a time (replicas
    // each run it), in key order.
    fold: `CREATE OR REPLACE FUNCTION documents.fold_kept_counts() RETURNS integer LANGUAGE plpgsql SECURITY DEFINER
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
    recount: `CREATE OR REPLACE FUNCTION documents.recount_kept_counts() RETURNS void LANGUAGE plpgsql
        SET search_path = pg_catalog, public, documents AS $f$
        BEGIN
          PERFORM pg_advisory_xact_lock(hashtext('documents.kept_counts'));
          DELETE FROM documents.inbox_totals_pending;
          DELETE FROM documents.inbox_totals;
          INSERT INTO documents.inbox_totals SELECT recipient_org_id, recipient_path, ${KEPT_YEAR}, count(*) FROM documents.deliveries GROUP BY 1, 2, 3;
          DELETE FROM documents.board_figures_pending;
          DELETE FROM documents.board_figures;
          INSERT INTO documents.board_figures (${figureColumns}) ${figuresOf('documents.deliveries', 1)};
        END
      $f$`,
  };
}

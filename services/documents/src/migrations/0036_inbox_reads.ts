import { Migration } from '@yizhan/kernel/migration';

/**
 * The inbox's two reads without a filter (and 待签收 alone) as functions, so that each connection plans them once
 * (PL/pgSQL keeps its statements' plans) instead of at every page: planned across every year's partition and its
 * indexes, the counts and the page took 4–5 ms a page to plan and 1 ms to run (bench/README "Data for years"). Both run
 * as the caller, under the deliveries' and the kept totals' policies: given another unit, they find nothing.
 * The page walks the inbox index newest first, sorting nothing (store/inbox.ts `readInbox` says why).
 */
export class InboxReads extends Migration {
  override up(): void {
    const waiting = "signed_at IS NULL AND status IN ('DELIVERED', 'RECEIVED', 'PRINTED')";
    const sql = [
      // The unit's kept total, and what waits for 签收: not opened, not signed for, overdue.
      `CREATE FUNCTION documents.inbox_counts(p_unit uuid) RETURNS TABLE (total integer, unread integer, unsigned integer, overdue integer)
        LANGUAGE plpgsql STABLE SET search_path = pg_catalog, public, documents AS $f$
        BEGIN
          RETURN QUERY
            SELECT (SELECT coalesce(sum(k.n), 0)::integer FROM (
                      SELECT t.deliveries AS n FROM documents.inbox_totals t WHERE t.recipient_org_id = p_unit AND t.year_start >= documents.deliveries_kept_from()
                      UNION ALL
                      SELECT q.deliveries FROM documents.inbox_totals_pending q WHERE q.recipient_org_id = p_unit AND q.year_start >= documents.deliveries_kept_from()) k),
                   (count(*) FILTER (WHERE d.status = 'DELIVERED'))::integer, count(*)::integer, (count(*) FILTER (WHERE d.due_at < now()))::integer
              FROM documents.deliveries d WHERE d.recipient_org_id = p_unit AND d.${waiting.replace('status', 'd.status')};
        END
      $f$`,
      // A page of the unit's deliveries (or of those waiting), newest first, before (p_before_at, p_before_id).
      `CREATE FUNCTION documents.inbox_newest(p_unit uuid, p_waiting boolean, p_before_at timestamptz, p_before_id uuid, p_limit integer)
        RETURNS SETOF documents.deliveries LANGUAGE plpgsql STABLE SET enable_sort = off SET search_path = pg_catalog, public, documents AS $f$
        BEGIN
          IF p_waiting THEN
            RETURN QUERY SELECT * FROM documents.deliveries
              WHERE recipient_org_id = p_unit AND ${waiting} AND (delivered_at, id) < (p_before_at, p_before_id)
              ORDER BY delivered_at DESC, id DESC LIMIT p_limit;
          ELSE
            RETURN QUERY SELECT * FROM documents.deliveries
              WHERE recipient_org_id = p_unit AND (delivered_at, id) < (p_before_at, p_before_id)
              ORDER BY delivered_at DESC, id DESC LIMIT p_limit;
          END IF;
        END
      $f$`,
    ];
    for (const s of sql) this.addSql(s);
  }
}

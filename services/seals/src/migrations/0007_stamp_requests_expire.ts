import { loadConfig } from '@yizhan/common';
import { Migration } from '@yizhan/kernel/migration';

/**
 * A stamp request's first custodian's share (wrapped under the service's secret while it waits for the second) is kept
 * no longer than the request is open. A request asked again, cancelled because its document changed, or left to
 * expire kept it: with the database and the service's secret, only the other custodian's PIN was then missing. Shares
 * already left behind are erased here; requests past their time are closed, their share erased, by this function, run
 * by the seals service's job (jobs/stamp-requests-expiry.ts) as the table's owner.
 */
export class StampRequestsExpire extends Migration {
  override up(): void {
    const relay = loadConfig().relayRole.name;
    // The expiry (and the erasure here) run as the table's owner, which row-level security holds to units too.
    this.addSql(`DO $$ BEGIN
        EXECUTE format('CREATE POLICY stamp_requests_expiry ON seals.stamp_requests TO %I USING (true) WITH CHECK (true)', current_user);
      END $$`);
    this.addSql("UPDATE seals.stamp_requests SET first_share = NULL WHERE status <> 'PENDING' AND first_share IS NOT NULL");
    this.addSql(
      `CREATE FUNCTION seals.expire_stamp_requests() RETURNS integer
        LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, seals AS $f$
          WITH closed AS (
            UPDATE seals.stamp_requests SET status = 'CANCELLED', status_reason = 'expired', first_share = NULL
            WHERE status = 'PENDING' AND expires_at < now() RETURNING 1)
          SELECT count(*)::int FROM closed
        $f$`,
    );
    this.addSql('REVOKE ALL ON FUNCTION seals.expire_stamp_requests() FROM PUBLIC');
    this.addSql(`GRANT EXECUTE ON FUNCTION seals.expire_stamp_requests() TO "${relay}"`);
  }
}

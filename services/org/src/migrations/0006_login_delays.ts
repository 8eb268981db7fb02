import { loadConfig } from '@yizhan/common';
import { Migration } from '@yizhan/kernel/migration';

/**
 * Login abuse (issue 14, finding 4): no lock a stranger can cause. Wrong passwords delay an account for a growing
 * while instead of locking it, counted for unknown user names alike (so the answers never tell which names exist),
 * and a table for the limit per client address that every replica shares (rate-limiter-flexible's PostgreSQL store).
 */
export class LoginDelays extends Migration {
  override up(): void {
    const app = loadConfig().appRole.name;
    const sql = [
      // When the last of the account's failures in a row was: the delay runs from there.
      'ALTER TABLE org.users ADD COLUMN last_failed_login_at timestamptz',
      // The same count for names that are no account: an unknown name must be answered exactly as a real one.
      `CREATE TABLE org.unknown_login_failures (
        username text PRIMARY KEY,
        failed_logins integer NOT NULL,
        last_failed_login_at timestamptz NOT NULL
      )`,
      'CREATE INDEX unknown_login_failures_at ON org.unknown_login_failures (last_failed_login_at)',
      'ALTER TABLE org.unknown_login_failures ENABLE ROW LEVEL SECURITY',
      'ALTER TABLE org.unknown_login_failures FORCE ROW LEVEL SECURITY',
      // No tenant owns an unknown name: only the login functions below (the owner) reach these rows.
      `DO $$ BEGIN
        EXECUTE format('CREATE POLICY login_functions ON org.unknown_login_failures TO %I USING (true) WITH CHECK (true)', current_user);
      END $$`,

      // rate-limiter-flexible's PostgreSQL store, created here and never by the library at run time: failed logins
      // per client address. Its rows are keyed by address, not by unit, and are read before anyone has logged in:
      // row-level security is on and forced, and lets only the org service's own role through (no other role sees it).
      `CREATE TABLE org.login_address_limits (
        key varchar(255) PRIMARY KEY,
        points integer NOT NULL DEFAULT 0,
        expire bigint
      )`,
      'ALTER TABLE org.login_address_limits ENABLE ROW LEVEL SECURITY',
      'ALTER TABLE org.login_address_limits FORCE ROW LEVEL SECURITY',
      `CREATE POLICY login_address_limits ON org.login_address_limits TO "${app.replaceAll('"', '""')}" USING (true) WITH CHECK (true)`,

      // The old rule (lock after too many failures) is gone with its function.
      'DROP FUNCTION org.auth_record_failure(uuid, integer)',
      // A name's failures in a row, whether or not it is an account's; a day without failures starts the count again.
      `CREATE FUNCTION org.auth_failed_logins(p_username text)
        RETURNS TABLE (failed_logins integer, ms_since_failure double precision)
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, org AS $f$
          SELECT CASE WHEN f.at IS NULL OR f.at < now() - interval '1 day' THEN 0 ELSE f.n END,
                 coalesce(extract(epoch FROM now() - f.at) * 1000, 0)::double precision
          FROM (
            SELECT u.failed_logins AS n, u.last_failed_login_at AS at FROM org.users u WHERE u.username = lower(p_username)
            UNION ALL
            SELECT x.failed_logins, x.last_failed_login_at FROM org.unknown_login_failures x
            WHERE x.username = left(lower(p_username), 200)
              AND NOT EXISTS (SELECT 1 FROM org.users u WHERE u.username = lower(p_username))
          ) f
        $f$`,
      // Counts a failure against the name: the account's, or the unknown name's (old unknown names are forgotten).
      `CREATE FUNCTION org.auth_record_failed_login(p_username text)
        RETURNS TABLE (failed_logins integer, ms_since_failure double precision)
        LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, org AS $f$
        #variable_conflict use_column
        DECLARE
          v_name text := lower(p_username);
          v_count integer;
        BEGIN
          UPDATE org.users u
             SET failed_logins = CASE WHEN u.last_failed_login_at IS NULL OR u.last_failed_login_at < now() - interval '1 day'
                                      THEN 1 ELSE u.failed_logins + 1 END,
                 last_failed_login_at = now()
           WHERE u.username = v_name
          RETURNING u.failed_logins INTO v_count;
          IF NOT FOUND THEN
            DELETE FROM org.unknown_login_failures x WHERE x.last_failed_login_at < now() - interval '1 day';
            INSERT INTO org.unknown_login_failures AS x (username, failed_logins, last_failed_login_at)
            VALUES (left(v_name, 200), 1, now())
            ON CONFLICT (username) DO UPDATE SET failed_logins = x.failed_logins + 1, last_failed_login_at = now()
            RETURNING x.failed_logins INTO v_count;
          END IF;
          failed_logins := v_count;
          ms_since_failure := 0;
          RETURN NEXT;
        END
        $f$`,
      'REVOKE ALL ON FUNCTION org.auth_failed_logins(text), org.auth_record_failed_login(text) FROM PUBLIC',
    ];
    for (const s of sql) this.addSql(s);
  }
}

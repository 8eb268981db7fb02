import { Migration } from '@yizhan/kernel/migration';

/**
 * 多次输错密码后用户名将被禁用 (seed 003 §14): a unit may choose to lock an account after N wrong passwords in a row
 * (3–20), until an administrator unlocks it. Off by default: a lock is a door a stranger who knows a user name can
 * close (issue 14, finding 4), so the wait that grows with each failure (migration 0006) stays the rule for every unit,
 * and a lock is a unit's own decision. The failure function locks the account at its unit's threshold and says so
 * (`locked`), for the audit log; the answer to the person stays the same as for any wrong password.
 */
export class LockAfterFailures extends Migration {
  override up(): void {
    const sql = [
      'ALTER TABLE org.unit_settings ADD COLUMN lock_after_failures integer CHECK (lock_after_failures BETWEEN 3 AND 20)',
      // The login functions (the owner) read a unit's threshold before any scope exists.
      `DO $$ BEGIN
        EXECUTE format('CREATE POLICY login_functions ON org.unit_settings FOR SELECT TO %I USING (true)', current_user);
      END $$`,
      'DROP FUNCTION org.auth_record_failed_login(text)',
      `CREATE FUNCTION org.auth_record_failed_login(p_username text)
        RETURNS TABLE (failed_logins integer, ms_since_failure double precision, locked boolean)
        LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, org AS $f$
        #variable_conflict use_column
        DECLARE
          v_name text := lower(p_username);
          v_id uuid;
          v_was_locked boolean;
          v_limit integer;
          v_count integer;
        BEGIN
          locked := false;
          SELECT u.id, u.locked_at IS NOT NULL, s.lock_after_failures INTO v_id, v_was_locked, v_limit
            FROM org.users u LEFT JOIN org.unit_settings s ON s.org_id = u.org_id
           WHERE u.username = v_name
             FOR UPDATE OF u;
          IF FOUND THEN
            UPDATE org.users u
               SET failed_logins = CASE WHEN u.last_failed_login_at IS NULL OR u.last_failed_login_at < now() - interval '1 day'
                                        THEN 1 ELSE u.failed_logins + 1 END,
                   last_failed_login_at = now()
             WHERE u.id = v_id
            RETURNING u.failed_logins INTO v_count;
            IF NOT v_was_locked AND v_limit IS NOT NULL AND v_count >= v_limit THEN
              UPDATE org.users u SET locked_at = now() WHERE u.id = v_id;
              locked := true;
            END IF;
          ELSE
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
      'REVOKE ALL ON FUNCTION org.auth_record_failed_login(text) FROM PUBLIC',
    ];
    for (const s of sql) this.addSql(s);
  }
}

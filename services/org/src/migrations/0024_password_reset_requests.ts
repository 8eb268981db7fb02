import { Migration } from '@yizhan/kernel/migration';

/**
 * 忘记密码: a person who forgot their password asks from the login page; the request waits on their account for the
 * unit's administrators, who reset it (and hand over the one-time password) as they do. Before login there is no
 * scope: the request is recorded only through this function, for an active account of an open unit, at most once in
 * ten minutes, and it answers nothing the caller is told (an unknown name is answered alike).
 */
export class PasswordResetRequests extends Migration {
  override up(): void {
    const sql = [
      'ALTER TABLE org.users ADD COLUMN reset_requested_at timestamptz',
      `CREATE FUNCTION org.auth_request_password_reset(p_username text) RETURNS boolean
        LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, org AS $f$
          WITH asked AS (
            UPDATE org.users u SET reset_requested_at = now()
              FROM org.orgs o
             WHERE u.username = lower(p_username) AND o.id = u.org_id AND u.status = 'ACTIVE' AND o.status = 'ACTIVE'
               AND (u.reset_requested_at IS NULL OR u.reset_requested_at < now() - interval '10 minutes')
            RETURNING 1
          )
          SELECT EXISTS (SELECT 1 FROM asked)
        $f$`,
      'REVOKE ALL ON FUNCTION org.auth_request_password_reset(text) FROM PUBLIC',
      // Logged in after all (the password remembered), or a new one set: the request is answered.
      `CREATE OR REPLACE FUNCTION org.auth_record_success(p_user uuid) RETURNS void
        LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, org AS $f$
          UPDATE org.users SET failed_logins = 0, last_login_at = now(), reset_requested_at = NULL WHERE id = p_user
        $f$`,
      `CREATE OR REPLACE FUNCTION org.auth_set_password(p_user uuid, p_hash text) RETURNS void
        LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, org AS $f$
          UPDATE org.users SET password_hash = p_hash, must_change_password = false, password_changed_at = now(),
                 failed_logins = 0, last_login_at = now(), reset_requested_at = NULL
          WHERE id = p_user
        $f$`,
    ];
    for (const s of sql) this.addSql(s);
  }
}

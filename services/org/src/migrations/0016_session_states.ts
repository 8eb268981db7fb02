import { Migration } from '@yizhan/kernel/migration';

/**
 * Whether many sessions still stand, in one statement (issue 13): after a gateway restarts, every client connects
 * again at once and each session is checked; one check per session, each under its own unit's scope, was most of
 * the storm. The gateway asks for a batch on its own behalf; this function answers for exactly the (session, account)
 * pairs named, and only what the check needs: no tenant's rows are opened wider than that.
 */
export class SessionStates extends Migration {
  override up(): void {
    const sql = [
      // The function runs as the owner, which row-level security (forced) holds to the tenant rule too: it reads the
      // sessions as the login functions read the accounts and units (0001), through a policy for the owner alone.
      `DO $$ BEGIN
        EXECUTE format('CREATE POLICY session_states ON org.sessions FOR SELECT TO %I USING (true)', current_user);
      END $$`,
      `CREATE FUNCTION org.session_states(p_sessions uuid[], p_users uuid[])
        RETURNS TABLE (session_id uuid, user_id uuid, user_status text, roles text[], org_path text, org_status text,
                       ended_at timestamptz, end_reason text, expires_at timestamptz)
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, org AS $f$
          SELECT s.id, s.user_id, u.status, u.roles, u.org_path::text, o.status, s.ended_at, s.end_reason, s.expires_at
          FROM unnest(p_sessions, p_users) AS q(session_id, user_id)
          JOIN org.sessions s ON s.id = q.session_id AND s.user_id = q.user_id
          JOIN org.users u ON u.id = s.user_id
          JOIN org.orgs o ON o.id = u.org_id
        $f$`,
      'REVOKE ALL ON FUNCTION org.session_states(uuid[], uuid[]) FROM PUBLIC',
    ];
    for (const s of sql) this.addSql(s);
  }
}

import { loadConfig } from '@yizhan/common';
import { Migration } from '@yizhan/kernel/migration';

/**
 * The audit log (issue 14; seed 003 §42): logins (success and failure, with the address), session ends, every
 * mutation of every service, downloads and exports. Kept per unit — the actor's (org_path) and, where it differs, the
 * unit acted on (other_path) — and append-only below the application: no UPDATE or DELETE privilege (migrateService
 * revokes them for the tables a service declares append-only), no policy that would let one through, and a trigger
 * that refuses them even to the table's owner.
 */
export class AuditLog extends Migration {
  override up(): void {
    const app = loadConfig().appRole.name.replaceAll('"', '""');
    const scope = "nullif(current_setting('yizhan.org_path', true), '')::ltree";
    const sql = [
      `CREATE TABLE org.audit_log (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        source text NOT NULL,
        category text NOT NULL CHECK (category IN ('LOGIN', 'SESSION', 'ADMIN', 'DOCUMENT', 'DOWNLOAD', 'EXPORT')),
        action text NOT NULL CHECK (length(action) BETWEEN 1 AND 100),
        outcome text NOT NULL CHECK (outcome IN ('OK', 'REFUSED')),
        actor_id uuid,
        actor_username text,
        org_id uuid,
        org_path ltree,
        other_path ltree,
        target_type text,
        target_id text,
        client_address text,
        detail jsonb NOT NULL DEFAULT '{}'::jsonb
      )`,
      'CREATE INDEX audit_log_path_at ON org.audit_log USING gist (org_path)',
      'CREATE INDEX audit_log_other_path ON org.audit_log USING gist (other_path) WHERE other_path IS NOT NULL',
      'CREATE INDEX audit_log_at ON org.audit_log (at DESC)',
      'CREATE INDEX audit_log_actor ON org.audit_log (actor_id, at DESC)',
      'ALTER TABLE org.audit_log ENABLE ROW LEVEL SECURITY',
      'ALTER TABLE org.audit_log FORCE ROW LEVEL SECURITY',
      // Read by the units above either end; failed logins of names that are no account's belong to no unit and are
      // read by the top-level units' administrators.
      `CREATE POLICY audit_read ON org.audit_log FOR SELECT USING (
        org_path <@ ${scope} OR other_path <@ ${scope} OR (org_path IS NULL AND other_path IS NULL AND nlevel(${scope}) = 1)
      )`,
      `CREATE POLICY audit_append ON org.audit_log FOR INSERT WITH CHECK (org_path <@ ${scope} OR other_path <@ ${scope})`,
      `CREATE FUNCTION org.audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $f$
        BEGIN
          RAISE EXCEPTION 'the audit log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
        END
        $f$`,
      `CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON org.audit_log
        FOR EACH ROW EXECUTE FUNCTION org.audit_log_is_append_only()`,
      `CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON org.audit_log
        FOR EACH STATEMENT EXECUTE FUNCTION org.audit_log_is_append_only()`,
      // A login, before any scope exists: the account's unit comes from the account itself (none for unknown names).
      `CREATE FUNCTION org.audit_login(p_username text, p_action text, p_outcome text, p_address text, p_detail jsonb)
        RETURNS void LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, org AS $f$
          INSERT INTO org.audit_log (source, category, action, outcome, actor_id, actor_username, org_id, org_path, client_address, detail)
          SELECT 'org', 'LOGIN', p_action, p_outcome, u.id, left(lower(p_username), 100), u.org_id, u.org_path, left(p_address, 100), p_detail
          FROM (SELECT 1) one LEFT JOIN org.users u ON u.username = lower(p_username)
        $f$`,
      'REVOKE ALL ON FUNCTION org.audit_login(text, text, text, text, jsonb) FROM PUBLIC',
      // The function's owner inserts rows of any unit (only this function runs as the owner).
      `DO $$ BEGIN
        EXECUTE format('CREATE POLICY audit_login ON org.audit_log FOR INSERT TO %I WITH CHECK (category = ''LOGIN'')', current_user);
      END $$`,
      // The followers of other services' audit events keep their position here (source = the service's schema).
      'CREATE TABLE org.event_offsets (source text PRIMARY KEY, seq bigint NOT NULL)',
      'ALTER TABLE org.event_offsets ENABLE ROW LEVEL SECURITY',
      'ALTER TABLE org.event_offsets FORCE ROW LEVEL SECURITY',
      `CREATE POLICY event_offsets_service ON org.event_offsets TO "${app}" USING (true) WITH CHECK (true)`,
    ];
    for (const s of sql) this.addSql(s);
  }
}

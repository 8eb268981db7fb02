import { loadConfig } from '@yizhan/common';
import { outboxTableSql, tenantTableSql } from '@yizhan/kernel';
import { Migration } from '@yizhan/kernel/migration';

/** Units, their name history, people, transmission contacts, and the login functions. */
export class OrgInitial extends Migration {
  override up(): void {
    const sql = [
      `CREATE TABLE org.orgs (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code text NOT NULL UNIQUE,
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
        short_name text NOT NULL CHECK (length(short_name) BETWEEN 1 AND 30),
        level text NOT NULL CHECK (level IN ('PROVINCE', 'CITY', 'COUNTY')),
        kind text NOT NULL CHECK (kind IN ('GOVERNMENT', 'OFFICE', 'DEPARTMENT', 'INSTITUTION', 'ENTERPRISE', 'CENTRAL_AGENCY')),
        parent_id uuid REFERENCES org.orgs (id),
        path ltree NOT NULL UNIQUE,
        status text NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE', 'MERGED', 'DISSOLVED')),
        closed_at timestamptz,
        closed_reason text,
        merged_into_id uuid REFERENCES org.orgs (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (parent_id IS DISTINCT FROM id)
      )`,
      'CREATE INDEX orgs_path_gist ON org.orgs USING gist (path)',
      'CREATE INDEX orgs_parent ON org.orgs (parent_id)',
      // Name search: trigram-free on purpose (ltree is the only extension we ask for); prefix and infix via ILIKE.
      'CREATE INDEX orgs_name ON org.orgs (name text_pattern_ops)',
      ...tenantTableSql('org.orgs', 'directory', 'path'),

      `CREATE TABLE org.org_names (
        id bigserial PRIMARY KEY,
        org_id uuid NOT NULL REFERENCES org.orgs (id),
        org_path ltree NOT NULL,
        name text NOT NULL,
        short_name text NOT NULL,
        valid_from timestamptz NOT NULL,
        valid_to timestamptz,
        reason text
      )`,
      'CREATE INDEX org_names_org ON org.org_names (org_id, valid_from)',
      ...tenantTableSql('org.org_names', 'directory'),

      `CREATE TABLE org.users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        org_id uuid NOT NULL REFERENCES org.orgs (id),
        org_path ltree NOT NULL,
        username text NOT NULL UNIQUE CHECK (username ~ '^[a-z0-9][a-z0-9._-]{2,63}$'),
        display_name text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 50),
        roles text[] NOT NULL DEFAULT '{}',
        password_hash text NOT NULL,
        must_change_password boolean NOT NULL DEFAULT true,
        password_changed_at timestamptz,
        failed_logins integer NOT NULL DEFAULT 0,
        locked_at timestamptz,
        last_login_at timestamptz,
        status text NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE', 'DISABLED')),
        created_at timestamptz NOT NULL DEFAULT now()
      )`,
      'CREATE INDEX users_org_path ON org.users USING gist (org_path)',
      'CREATE INDEX users_org ON org.users (org_id)',
      ...tenantTableSql('org.users', 'subtree'),

      `CREATE TABLE org.contacts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        org_id uuid NOT NULL REFERENCES org.orgs (id),
        org_path ltree NOT NULL,
        name text NOT NULL,
        post text NOT NULL,
        phone text NOT NULL,
        mobile text,
        urgent_alerts boolean NOT NULL DEFAULT true,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`,
      'CREATE INDEX contacts_org ON org.contacts (org_id)',
      ...tenantTableSql('org.contacts', 'subtree'),

      ...outboxTableSql('org', loadConfig().relayRole.name),

      // Login happens before any scope exists. These functions are the only way around row-level security: they
      // run as the table owner, do one narrow thing each, and a policy lets the owner role (and only it) through.
      `DO $$ BEGIN
        EXECUTE format('CREATE POLICY login_functions ON org.users TO %I USING (true) WITH CHECK (true)', current_user);
        EXECUTE format('CREATE POLICY login_functions ON org.orgs TO %I USING (true) WITH CHECK (true)', current_user);
      END $$`,
      `CREATE FUNCTION org.auth_lookup(p_username text)
        RETURNS TABLE (id uuid, org_id uuid, org_path ltree, username text, roles text[], password_hash text,
                       must_change_password boolean, password_changed_at timestamptz, failed_logins integer,
                       locked_at timestamptz, last_login_at timestamptz, status text, org_status text)
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, org AS $f$
          SELECT u.id, u.org_id, u.org_path, u.username, u.roles, u.password_hash, u.must_change_password,
                 u.password_changed_at, u.failed_logins, u.locked_at, u.last_login_at, u.status, o.status
          FROM org.users u JOIN org.orgs o ON o.id = u.org_id
          WHERE u.username = lower(p_username)
        $f$`,
      `CREATE FUNCTION org.auth_record_failure(p_user uuid, p_max integer)
        RETURNS TABLE (failed_logins integer, locked boolean)
        LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, org AS $f$
          UPDATE org.users SET failed_logins = users.failed_logins + 1,
                 locked_at = CASE WHEN users.failed_logins + 1 >= p_max THEN coalesce(users.locked_at, now()) ELSE users.locked_at END
          WHERE id = p_user
          RETURNING users.failed_logins, users.locked_at IS NOT NULL
        $f$`,
      `CREATE FUNCTION org.auth_record_success(p_user uuid) RETURNS void
        LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, org AS $f$
          UPDATE org.users SET failed_logins = 0, last_login_at = now() WHERE id = p_user
        $f$`,
      `CREATE FUNCTION org.auth_set_password(p_user uuid, p_hash text) RETURNS void
        LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, org AS $f$
          UPDATE org.users SET password_hash = p_hash, must_change_password = false, password_changed_at = now(),
                 failed_logins = 0, last_login_at = now()
          WHERE id = p_user
        $f$`,
      'REVOKE ALL ON FUNCTION org.auth_lookup(text), org.auth_record_failure(uuid, integer), org.auth_record_success(uuid), org.auth_set_password(uuid, text) FROM PUBLIC',
    ];
    for (const s of sql) this.addSql(s);
  }
}

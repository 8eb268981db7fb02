import { tenantTableSql } from '@yizhan/kernel';
import { Migration } from '@yizhan/kernel/migration';

/** Applications for seals, the seals (public data, key under dual custody), stamp requests, stamps, and the log. */
export class SealsInitial extends Migration {
  override up(): void {
    const sql = [
      `CREATE TABLE seals.applications (
        id uuid PRIMARY KEY,
        org_id uuid NOT NULL,
        org_path ltree NOT NULL,
        org_name text NOT NULL,
        suite text NOT NULL CHECK (suite IN ('RSA', 'SM2')),
        kind text NOT NULL DEFAULT 'NEW' CHECK (kind IN ('NEW', 'REPLACEMENT', 'CHANGE')),
        replaces_seal_id uuid,
        statement text NOT NULL CHECK (length(statement) BETWEEN 1 AND 2000),
        below_text text,
        applicant_id uuid NOT NULL,
        applicant_name text NOT NULL,
        status text NOT NULL DEFAULT 'SUBMITTED' CHECK (status IN ('SUBMITTED', 'CONSENTED', 'APPROVED', 'REJECTED', 'MADE')),
        consent_by uuid,
        consent_by_name text,
        consent_at timestamptz,
        approved_by uuid,
        approved_by_name text,
        approved_at timestamptz,
        decision_note text,
        seal_id uuid,
        created_at timestamptz NOT NULL DEFAULT now()
      )`,
      ...tenantTableSql('seals.applications', 'subtree'),
      // A seal's public part is a directory entry: anyone logged in may read it to verify a stamp.
      `CREATE TABLE seals.seals (
        id uuid PRIMARY KEY,
        org_id uuid NOT NULL,
        org_path ltree NOT NULL,
        org_name text NOT NULL,
        suite text NOT NULL CHECK (suite IN ('RSA', 'SM2')),
        status text NOT NULL DEFAULT 'PENDING_CUSTODY' CHECK (status IN ('PENDING_CUSTODY', 'ACTIVE', 'SUSPENDED', 'REVOKED', 'DESTROYED')),
        status_reason text,
        image_svg text NOT NULL,
        image_png bytea NOT NULL,
        image_sha256 text NOT NULL,
        certificate_id uuid NOT NULL,
        certificate_der bytea NOT NULL,
        seal_record jsonb NOT NULL,
        valid_from timestamptz NOT NULL,
        valid_to timestamptz NOT NULL,
        custodian_a uuid NOT NULL,
        custodian_a_name text NOT NULL,
        custodian_b uuid NOT NULL,
        custodian_b_name text NOT NULL,
        CHECK (custodian_a <> custodian_b),
        made_by uuid NOT NULL,
        made_by_name text NOT NULL,
        application_id uuid,
        replaced_by uuid,
        created_at timestamptz NOT NULL DEFAULT now()
      )`,
      'CREATE INDEX ON seals.seals USING gist (org_path)',
      ...tenantTableSql('seals.seals', 'directory'),
      // The key, encrypted under a data key whose two shares are each wrapped under one custodian's PIN. Until a
      // custodian accepts custody, their share is wrapped under the service's secret instead.
      `CREATE TABLE seals.seal_keys (
        seal_id uuid PRIMARY KEY REFERENCES seals.seals (id),
        org_path ltree NOT NULL,
        private_key_enc text NOT NULL,
        share_a text NOT NULL,
        share_a_held boolean NOT NULL DEFAULT false,
        share_b text NOT NULL,
        share_b_held boolean NOT NULL DEFAULT false
      )`,
      ...tenantTableSql('seals.seal_keys', 'subtree'),
      `CREATE TABLE seals.stamp_requests (
        id uuid PRIMARY KEY,
        seal_id uuid NOT NULL REFERENCES seals.seals (id),
        org_path ltree NOT NULL,
        document_id uuid NOT NULL,
        document_title text NOT NULL,
        canonical text NOT NULL,
        requested_by uuid NOT NULL,
        requested_by_name text NOT NULL,
        status text NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'COMPLETED', 'CANCELLED')),
        status_reason text,
        first_custodian uuid,
        first_custodian_name text,
        first_share text,
        first_at timestamptz,
        stamp_id uuid,
        expires_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`,
      ...tenantTableSql('seals.stamp_requests', 'subtree'),
      `CREATE TABLE seals.stamps (
        id uuid PRIMARY KEY,
        seal_id uuid NOT NULL REFERENCES seals.seals (id),
        org_path ltree NOT NULL,
        document_id uuid NOT NULL,
        content_digest text NOT NULL,
        stamp jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`,
      'CREATE INDEX ON seals.stamps (document_id)',
      ...tenantTableSql('seals.stamps', 'subtree'),
      // The seal's register: applications, making, custody, every use and every refused use, status changes, and
      // destruction with the parties present. Times here decide whether a seal was usable at a past moment.
      `CREATE TABLE seals.seal_events (
        id bigserial PRIMARY KEY,
        seal_id uuid,
        application_id uuid,
        org_path ltree NOT NULL,
        action text NOT NULL,
        actor_id uuid,
        actor_name text NOT NULL,
        detail jsonb NOT NULL DEFAULT '{}',
        at timestamptz NOT NULL DEFAULT now()
      )`,
      'CREATE INDEX ON seals.seal_events (seal_id, at)',
      ...tenantTableSql('seals.seal_events', 'subtree'),
      // Verifying a stamp of another unit asks when its seal was usable: only the changes of state, nothing of its
      // uses. The function runs as the table's owner, whom row-level security binds too (FORCE): hence the policy.
      `DO $$ BEGIN
        EXECUTE format('CREATE POLICY state_lookup ON seals.seal_events FOR SELECT TO %I USING (true)', current_user);
      END $$`,
      `CREATE FUNCTION seals.seal_state_changes(p_seal uuid)
        RETURNS TABLE (action text, at timestamptz)
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, seals AS $f$
          SELECT e.action, e.at FROM seals.seal_events e
          WHERE e.seal_id = p_seal AND e.action IN ('ACTIVATED', 'SUSPENDED', 'RESUMED', 'REVOKED', 'LOST', 'REPLACED', 'DESTROYED')
          ORDER BY e.at
        $f$`,
      'REVOKE ALL ON FUNCTION seals.seal_state_changes(uuid) FROM PUBLIC',
      'CREATE TABLE seals.event_offsets (source text PRIMARY KEY, seq bigint NOT NULL)',
    ];
    for (const s of sql) this.addSql(s);
  }
}

import { tenantTableSql } from '@yizhan/kernel';
import { Migration } from '@yizhan/kernel/migration';

/**
 * The internal CA (its keys encrypted), applications for certificates and their approval, the certificates issued
 * with every status change, the CRL of each suite, and certificate-login challenges.
 */
export class CertificatesInitial extends Migration {
  override up(): void {
    const sql = [
      // Platform-wide, not a tenant's: the CA hierarchy of each suite and the seal maker. Keys are AES-GCM
      // envelopes under a secret kept outside the database.
      `CREATE TABLE certificates.authorities (
        suite text NOT NULL CHECK (suite IN ('RSA', 'SM2')),
        role text NOT NULL CHECK (role IN ('ROOT', 'ISSUING', 'SEAL_MAKER')),
        certificate bytea NOT NULL,
        private_key_enc text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (suite, role)
      )`,
      `CREATE TABLE certificates.crls (
        suite text PRIMARY KEY CHECK (suite IN ('RSA', 'SM2')),
        number integer NOT NULL,
        der bytea NOT NULL,
        this_update timestamptz NOT NULL
      )`,
      `CREATE TABLE certificates.applications (
        id uuid PRIMARY KEY,
        org_id uuid NOT NULL,
        org_path ltree NOT NULL,
        org_name text NOT NULL,
        applicant_id uuid NOT NULL,
        applicant_name text NOT NULL,
        holder_kind text NOT NULL CHECK (holder_kind IN ('PERSON', 'UNIT')),
        holder_user_id uuid,
        holder_username text,
        holder_name text NOT NULL,
        usage text NOT NULL CHECK (usage IN ('IDENTITY', 'SIGNING', 'ENCRYPTION')),
        suite text NOT NULL CHECK (suite IN ('RSA', 'SM2')),
        csr text,
        server_key boolean NOT NULL DEFAULT false,
        reason text NOT NULL DEFAULT 'NEW' CHECK (reason IN ('NEW', 'RENEW', 'CHANGE')),
        replaces_id uuid,
        status text NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'APPROVED', 'REJECTED', 'ISSUED')),
        decided_by uuid,
        decided_by_name text,
        decided_at timestamptz,
        decision_note text,
        certificate_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (csr IS NOT NULL OR server_key),
        CHECK (holder_kind = 'UNIT' OR holder_user_id IS NOT NULL)
      )`,
      ...tenantTableSql('certificates.applications', 'subtree'),
      // Certificates are public: anyone logged in may read one to verify a signature (a directory); only the
      // holder's unit and the units above it change them.
      `CREATE TABLE certificates.certificates (
        id uuid PRIMARY KEY,
        serial text NOT NULL UNIQUE,
        fingerprint text NOT NULL UNIQUE,
        suite text NOT NULL CHECK (suite IN ('RSA', 'SM2')),
        usage text NOT NULL CHECK (usage IN ('IDENTITY', 'SIGNING', 'ENCRYPTION', 'SEAL')),
        org_id uuid NOT NULL,
        org_path ltree NOT NULL,
        holder_kind text NOT NULL CHECK (holder_kind IN ('PERSON', 'UNIT', 'SEAL')),
        holder_user_id uuid,
        holder_username text,
        holder_name text NOT NULL,
        seal_id uuid,
        subject text NOT NULL,
        der bytea NOT NULL,
        not_before timestamptz NOT NULL,
        not_after timestamptz NOT NULL,
        status text NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE', 'SUSPENDED', 'REVOKED')),
        revoked_at timestamptz,
        revocation_reason text,
        application_id uuid,
        created_at timestamptz NOT NULL DEFAULT now()
      )`,
      'CREATE INDEX ON certificates.certificates (holder_username) WHERE holder_username IS NOT NULL',
      'CREATE INDEX ON certificates.certificates USING gist (org_path)',
      ...tenantTableSql('certificates.certificates', 'directory'),
      // Every suspension, resumption and revocation, with its time: the status at any past moment is read from it.
      `CREATE TABLE certificates.status_changes (
        id bigserial PRIMARY KEY,
        certificate_id uuid NOT NULL REFERENCES certificates.certificates (id),
        org_path ltree NOT NULL,
        action text NOT NULL CHECK (action IN ('SUSPEND', 'RESUME', 'REVOKE')),
        reason text,
        actor_id uuid,
        actor_name text NOT NULL,
        at timestamptz NOT NULL DEFAULT now()
      )`,
      'CREATE INDEX ON certificates.status_changes (certificate_id, at)',
      ...tenantTableSql('certificates.status_changes', 'directory'),
      // Login challenges are asked for before anyone is logged in: no tenant, single use, two minutes.
      `CREATE TABLE certificates.login_challenges (
        id uuid PRIMARY KEY,
        username text NOT NULL,
        challenge text NOT NULL,
        expires_at timestamptz NOT NULL,
        used_at timestamptz
      )`,
      // Certificate login reads the identity certificates of one user name before the caller has a scope: only
      // those, and only what verifying a login needs. The function runs as the table's owner, which row-level
      // security binds too (FORCE): this policy lets the owner read, and nobody else gains anything by it.
      `DO $$ BEGIN
        EXECUTE format('CREATE POLICY identity_lookup ON certificates.certificates FOR SELECT TO %I USING (true)', current_user);
      END $$`,
      `CREATE FUNCTION certificates.identity_certificates(p_username text)
        RETURNS TABLE (id uuid, serial text, suite text, der bytea, holder_user_id uuid, org_path ltree)
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, certificates AS $f$
          SELECT c.id, c.serial, c.suite, c.der, c.holder_user_id, c.org_path FROM certificates.certificates c
          WHERE c.holder_username = p_username AND c.usage = 'IDENTITY' AND c.status = 'ACTIVE'
            AND now() BETWEEN c.not_before AND c.not_after
        $f$`,
      'REVOKE ALL ON FUNCTION certificates.identity_certificates(text) FROM PUBLIC',
      // How far this service has followed other services' events (org: units dissolved or merged).
      'CREATE TABLE certificates.event_offsets (source text PRIMARY KEY, seq bigint NOT NULL)',
    ];
    for (const s of sql) this.addSql(s);
  }
}

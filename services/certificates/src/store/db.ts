// Generated from the certificates schema as its migrations leave it (npm run db-types); do not edit.
import type { Generated } from 'kysely';

export interface ApplicationsTable {
  id: string;
  org_id: string;
  org_path: string;
  org_name: string;
  applicant_id: string;
  applicant_name: string;
  holder_kind: string;
  holder_user_id: string | null;
  holder_username: string | null;
  holder_name: string;
  usage: string;
  suite: string;
  csr: string | null;
  server_key: Generated<boolean>;
  reason: Generated<string>;
  replaces_id: string | null;
  status: Generated<string>;
  decided_by: string | null;
  decided_by_name: string | null;
  decided_at: Date | null;
  decision_note: string | null;
  certificate_id: string | null;
  created_at: Generated<Date>;
}

export interface AuthoritiesTable {
  suite: string;
  role: string;
  certificate: Buffer;
  private_key_enc: string;
  created_at: Generated<Date>;
}

export interface CertificatesTable {
  id: string;
  serial: string;
  fingerprint: string;
  suite: string;
  usage: string;
  org_id: string;
  org_path: string;
  holder_kind: string;
  holder_user_id: string | null;
  holder_username: string | null;
  holder_name: string;
  seal_id: string | null;
  subject: string;
  der: Buffer;
  not_before: Date;
  not_after: Date;
  status: Generated<string>;
  revoked_at: Date | null;
  revocation_reason: string | null;
  application_id: string | null;
  created_at: Generated<Date>;
}

export interface CrlsTable {
  suite: string;
  number: number;
  der: Buffer;
  this_update: Date;
}

export interface EventOffsetsTable {
  source: string;
  seq: string;
}

export interface LoginChallengesTable {
  id: string;
  username: string;
  challenge: string;
  expires_at: Date;
  used_at: Date | null;
}

export interface SchemaMigrationsTable {
  id: Generated<number>;
  name: string;
  executed_at: Generated<Date>;
}

export interface StatusChangesTable {
  id: Generated<string>;
  certificate_id: string;
  org_path: string;
  action: string;
  reason: string | null;
  actor_id: string | null;
  actor_name: string;
  at: Generated<Date>;
}

/** Every table of the schema, by its qualified name, for `em.getKysely<DB>()`. */
export interface DB {
  'certificates.applications': ApplicationsTable;
  'certificates.authorities': AuthoritiesTable;
  'certificates.certificates': CertificatesTable;
  'certificates.crls': CrlsTable;
  'certificates.event_offsets': EventOffsetsTable;
  'certificates.login_challenges': LoginChallengesTable;
  'certificates.schema_migrations': SchemaMigrationsTable;
  'certificates.status_changes': StatusChangesTable;
}

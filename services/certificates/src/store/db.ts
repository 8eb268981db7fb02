// Generated from the certificates schema as its migrations leave it (npm run db-types); do not edit.
import type { ColumnType, Generated } from 'kysely';

// Dates and times read back as text (the pool's parsers keep them so) and are written as a Date or text; JSON reads
// back parsed and is written as JSON text.

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
  decided_at: ColumnType<string | null, Date | string | null, Date | string | null>;
  decision_note: string | null;
  certificate_id: string | null;
  created_at: ColumnType<string, Date | string | undefined, Date | string>;
  decided_above: Generated<boolean>;
  revocation_reason: string | null;
}

export interface AuthoritiesTable {
  suite: string;
  role: string;
  certificate: Buffer;
  private_key_enc: string;
  created_at: ColumnType<string, Date | string | undefined, Date | string>;
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
  not_before: ColumnType<string, Date | string, Date | string>;
  not_after: ColumnType<string, Date | string, Date | string>;
  status: Generated<string>;
  revoked_at: ColumnType<string | null, Date | string | null, Date | string | null>;
  revocation_reason: string | null;
  application_id: string | null;
  created_at: ColumnType<string, Date | string | undefined, Date | string>;
}

export interface CrlsTable {
  suite: string;
  number: number;
  der: Buffer;
  this_update: ColumnType<string, Date | string, Date | string>;
}

export interface EventOffsetsTable {
  source: string;
  seq: string;
}

export interface LoginChallengesTable {
  id: string;
  username: string;
  challenge: string;
  expires_at: ColumnType<string, Date | string, Date | string>;
  used_at: ColumnType<string | null, Date | string | null, Date | string | null>;
}

export interface OutboxTable {
  id: Generated<string>;
  type: string;
  org_path: string;
  other_path: string | null;
  payload: ColumnType<unknown, string, string>;
  occurred_at: ColumnType<string, Date | string | undefined, Date | string>;
  published_at: ColumnType<string | null, Date | string | null, Date | string | null>;
  publish_seq: string | null;
}

export interface PartitionedTablesTable {
  table_name: string;
  column_name: string;
  period: string;
  ahead: number;
  keep: number;
}

export interface PartitionsTable {
  partition_name: string;
  table_name: string;
  lower_bound: ColumnType<string | null, Date | string | null, Date | string | null>;
  upper_bound: ColumnType<string, Date | string, Date | string>;
  created_at: ColumnType<string, Date | string | undefined, Date | string>;
  detached_at: ColumnType<string | null, Date | string | null, Date | string | null>;
}

export interface SchemaMigrationsTable {
  id: Generated<number>;
  name: string;
  executed_at: ColumnType<string, Date | string | undefined, Date | string>;
}

export interface StatusChangesTable {
  id: Generated<string>;
  certificate_id: string;
  org_path: string;
  action: string;
  reason: string | null;
  actor_id: string | null;
  actor_name: string;
  at: ColumnType<string, Date | string | undefined, Date | string>;
}

export interface UnitKeysTable {
  org_id: string;
  suite: string;
  org_path: string;
  certificate_id: string;
  private_key_enc: string;
  created_at: ColumnType<string, Date | string | undefined, Date | string>;
}

/** Every table of the schema, by its qualified name, for `em.getKysely<DB>()`. */
export interface DB {
  'certificates.applications': ApplicationsTable;
  'certificates.authorities': AuthoritiesTable;
  'certificates.certificates': CertificatesTable;
  'certificates.crls': CrlsTable;
  'certificates.event_offsets': EventOffsetsTable;
  'certificates.login_challenges': LoginChallengesTable;
  'certificates.outbox': OutboxTable;
  'certificates.partitioned_tables': PartitionedTablesTable;
  'certificates.partitions': PartitionsTable;
  'certificates.schema_migrations': SchemaMigrationsTable;
  'certificates.status_changes': StatusChangesTable;
  'certificates.unit_keys': UnitKeysTable;
}

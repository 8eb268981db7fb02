// Generated from the seals schema as its migrations leave it (npm run db-types); do not edit.
import type { ColumnType, Generated } from 'kysely';

// Dates and times read back as text (the pool's parsers keep them so) and are written as a Date or text; JSON reads
// back parsed and is written as JSON text.

export interface ApplicationsTable {
  id: string;
  org_id: string;
  org_path: string;
  org_name: string;
  suite: string;
  kind: Generated<string>;
  replaces_seal_id: string | null;
  statement: string;
  below_text: string | null;
  applicant_id: string;
  applicant_name: string;
  status: Generated<string>;
  consent_by: string | null;
  consent_by_name: string | null;
  consent_at: ColumnType<string | null, Date | string | null, Date | string | null>;
  approved_by: string | null;
  approved_by_name: string | null;
  approved_at: ColumnType<string | null, Date | string | null, Date | string | null>;
  decision_note: string | null;
  seal_id: string | null;
  created_at: ColumnType<string, Date | string | undefined, Date | string>;
}

export interface EventOffsetsTable {
  source: string;
  seq: string;
}

export interface ImpressionsTable {
  application_id: string;
  org_path: string;
  content_type: string;
  content: Buffer;
  sha256: string;
  created_at: ColumnType<string, Date | string | undefined, Date | string>;
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

export interface SealEventsTable {
  id: Generated<string>;
  seal_id: string | null;
  application_id: string | null;
  org_path: string;
  action: string;
  actor_id: string | null;
  actor_name: string;
  detail: ColumnType<unknown, string | undefined, string>;
  at: ColumnType<string, Date | string | undefined, Date | string>;
}

export interface SealKeysTable {
  seal_id: string;
  org_path: string;
  private_key_enc: string;
  share_a: string;
  share_a_held: Generated<boolean>;
  share_b: string;
  share_b_held: Generated<boolean>;
}

export interface SealsTable {
  id: string;
  org_id: string;
  org_path: string;
  org_name: string;
  suite: string;
  status: Generated<string>;
  status_reason: string | null;
  image_svg: string;
  image_png: Buffer;
  image_sha256: string;
  certificate_id: string;
  certificate_der: Buffer;
  seal_record: ColumnType<unknown, string, string>;
  valid_from: ColumnType<string, Date | string, Date | string>;
  valid_to: ColumnType<string, Date | string, Date | string>;
  custodian_a: string;
  custodian_a_name: string;
  custodian_b: string;
  custodian_b_name: string;
  made_by: string;
  made_by_name: string;
  application_id: string | null;
  replaced_by: string | null;
  created_at: ColumnType<string, Date | string | undefined, Date | string>;
  seseal_der: Buffer | null;
  terminal_only: Generated<boolean>;
}

export interface StampRequestsTable {
  id: string;
  seal_id: string;
  org_path: string;
  document_id: string;
  document_title: string;
  canonical: string;
  requested_by: string;
  requested_by_name: string;
  status: Generated<string>;
  status_reason: string | null;
  first_custodian: string | null;
  first_custodian_name: string | null;
  first_share: string | null;
  first_at: ColumnType<string | null, Date | string | null, Date | string | null>;
  stamp_id: string | null;
  expires_at: ColumnType<string, Date | string, Date | string>;
  created_at: ColumnType<string, Date | string | undefined, Date | string>;
}

export interface StampsTable {
  id: string;
  seal_id: string;
  org_path: string;
  document_id: string;
  content_digest: string;
  stamp: ColumnType<unknown, string, string>;
  created_at: ColumnType<string, Date | string | undefined, Date | string>;
  ses_signature: Buffer | null;
}

export interface TerminalsTable {
  id: Generated<string>;
  org_id: string;
  org_path: string;
  name: string;
  keeper_id: string;
  keeper_name: string;
  public_key: Buffer;
  fingerprint: string;
  registered_by_name: string;
  registered_at: ColumnType<string, Date | string | undefined, Date | string>;
  last_used_at: ColumnType<string | null, Date | string | null, Date | string | null>;
  revoked_at: ColumnType<string | null, Date | string | null, Date | string | null>;
  revoked_by_name: string | null;
  revoked_reason: string | null;
}

/** Every table of the schema, by its qualified name, for `em.getKysely<DB>()`. */
export interface DB {
  'seals.applications': ApplicationsTable;
  'seals.event_offsets': EventOffsetsTable;
  'seals.impressions': ImpressionsTable;
  'seals.outbox': OutboxTable;
  'seals.partitioned_tables': PartitionedTablesTable;
  'seals.partitions': PartitionsTable;
  'seals.schema_migrations': SchemaMigrationsTable;
  'seals.seal_events': SealEventsTable;
  'seals.seal_keys': SealKeysTable;
  'seals.seals': SealsTable;
  'seals.stamp_requests': StampRequestsTable;
  'seals.stamps': StampsTable;
  'seals.terminals': TerminalsTable;
}

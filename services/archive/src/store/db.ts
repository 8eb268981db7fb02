// Generated from the archive schema as its migrations leave it (npm run db-types); do not edit.
import type { ColumnType, Generated } from 'kysely';

// Dates and times read back as text (the pool's parsers keep them so) and are written as a Date or text; JSON reads
// back parsed and is written as JSON text.

export interface AccessLogTable {
  id: Generated<string>;
  record_id: string;
  org_path: string;
  request_id: string | null;
  user_id: string;
  user_name: string;
  action: string;
  component: string | null;
  at: ColumnType<string, Date | string | undefined, Date | string>;
}

export interface AccessRequestsTable {
  id: string;
  record_id: string;
  org_path: string;
  requester_id: string;
  requester_name: string;
  purpose: string;
  status: Generated<string>;
  decided_by_name: string | null;
  decided_at: ColumnType<string | null, Date | string | null, Date | string | null>;
  expires_at: ColumnType<string | null, Date | string | null, Date | string | null>;
  created_at: ColumnType<string, Date | string | undefined, Date | string>;
  decision_note: string | null;
}

export interface ChainTable {
  org_id: string;
  org_path: string;
  seq: string;
  kind: string;
  record_id: string | null;
  payload: ColumnType<unknown, string, string>;
  at: string;
  prev_hash: string;
  hash: string;
}

export interface CustodyTable {
  fonds_org_id: string;
  fonds_path: string;
  fonds_name: string;
  fonds_code: string;
  closed_as: string;
  closed_reason: string;
  closed_at: ColumnType<string, Date | string, Date | string>;
  custodian_org_id: string;
  custodian_path: string;
  custodian_name: string;
  since: ColumnType<string, Date | string | undefined, Date | string>;
}

export interface DisposalsTable {
  id: string;
  record_id: string;
  org_path: string;
  decision: string;
  extend_to: string | null;
  reason: string;
  requested_by_name: string;
  status: Generated<string>;
  decided_by_name: string | null;
  decided_at: ColumnType<string | null, Date | string | null, Date | string | null>;
  created_at: ColumnType<string, Date | string | undefined, Date | string>;
}

export interface EventOffsetsTable {
  source: string;
  seq: string;
}

export interface FondsNumbersTable {
  org_id: string;
  org_path: string;
  fonds_number: string;
  set_by_name: string;
  set_at: ColumnType<string, Date | string | undefined, Date | string>;
}

export interface MetadataVersionsTable {
  record_id: string;
  org_path: string;
  version: number;
  metadata: ColumnType<unknown, string, string>;
  reason: string;
  changed_by_name: string;
  at: ColumnType<string, Date | string | undefined, Date | string>;
}

export interface NumberingTable {
  org_id: string;
  org_path: string;
  year: number;
  last_item: number;
  category: Generated<string>;
  fonds: Generated<string>;
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

export interface PendingTable {
  org_id: string;
  org_path: string;
  document_id: string;
  role: string;
  title: string | null;
  doc_number: string | null;
  reason: string;
  record_id: string | null;
  created_at: ColumnType<string, Date | string | undefined, Date | string>;
}

export interface RecordsTable {
  id: string;
  org_id: string;
  org_path: string;
  org_name: string;
  document_id: string;
  role: string;
  fonds: string;
  year: number;
  item_no: number;
  retention: string;
  retention_until: ColumnType<string | null, Date | string | null, Date | string | null>;
  archival_number: string;
  title: string;
  doc_type: string;
  doc_number: string | null;
  metadata: ColumnType<unknown, string, string>;
  metadata_version: Generated<number>;
  components: ColumnType<unknown, string, string>;
  canonical: string | null;
  stamp: ColumnType<unknown | null, string | null, string | null>;
  events: ColumnType<unknown, string, string>;
  fixity: string;
  check_report: ColumnType<unknown, string, string>;
  status: string;
  hold: Generated<boolean>;
  hold_reason: string | null;
  archived_by: string | null;
  archived_by_name: string;
  archived_at: ColumnType<string, Date | string | undefined, Date | string>;
  imported_from: string | null;
  numbered_in: Generated<string>;
}

export interface RetentionRulesTable {
  org_id: string;
  org_path: string;
  doc_type: string;
  retention: string;
}

export interface SchemaMigrationsTable {
  id: Generated<number>;
  name: string;
  executed_at: ColumnType<string, Date | string | undefined, Date | string>;
}

/** Every table of the schema, by its qualified name, for `em.getKysely<DB>()`. */
export interface DB {
  'archive.access_log': AccessLogTable;
  'archive.access_requests': AccessRequestsTable;
  'archive.chain': ChainTable;
  'archive.custody': CustodyTable;
  'archive.disposals': DisposalsTable;
  'archive.event_offsets': EventOffsetsTable;
  'archive.fonds_numbers': FondsNumbersTable;
  'archive.metadata_versions': MetadataVersionsTable;
  'archive.numbering': NumberingTable;
  'archive.outbox': OutboxTable;
  'archive.partitioned_tables': PartitionedTablesTable;
  'archive.partitions': PartitionsTable;
  'archive.pending': PendingTable;
  'archive.records': RecordsTable;
  'archive.retention_rules': RetentionRulesTable;
  'archive.schema_migrations': SchemaMigrationsTable;
}

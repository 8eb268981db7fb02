// Generated from the documents schema as its migrations leave it (npm run db-types); do not edit.
import type { ColumnType, Generated } from 'kysely';

/** A json/jsonb column: read back parsed, written as JSON text. */
type Json = ColumnType<unknown, string, string>;

export interface AlertsTable {
  id: Generated<string>;
  delivery_id: string;
  sender_path: string;
  recipient_path: string;
  channel: string;
  target: string;
  target_name: string;
  text: string;
  payload: Json;
  status: Generated<string>;
  attempts: Generated<number>;
  next_attempt_at: Generated<Date>;
  last_error: string | null;
  sent_at: Date | null;
  created_at: Generated<Date>;
}

export interface ApprovalStepsTable {
  id: Generated<string>;
  document_id: string;
  org_path: string;
  step: number;
  role: string | null;
  action: string;
  user_id: string;
  user_name: string;
  comment: string | null;
  at: Generated<Date>;
}

export interface BulletinsTable {
  id: Generated<string>;
  org_id: string;
  org_path: string;
  title: string;
  period_from: Date;
  period_to: Date;
  rows: Json;
  created_by: string;
  created_by_name: string;
  created_at: Generated<Date>;
  pdf_sha256: string | null;
}

export interface DeliveriesTable {
  id: Generated<string>;
  document_id: string;
  sender_org_id: string;
  sender_path: string;
  sender_name: string;
  recipient_org_id: string;
  recipient_path: string;
  recipient_name: string;
  role: string;
  print_quota: number;
  doc_type: string;
  doc_number: string;
  title: string;
  urgency: string;
  deadline: Date | null;
  status: Generated<string>;
  delivered_at: Date;
  received_at: Date | null;
  received_by: string | null;
  received_by_name: string | null;
  receipt_action: string | null;
  parent_delivery_id: string | null;
  state_reason: string | null;
  state_note: string | null;
  state_changed_at: Date | null;
  due_at: Date;
  print_count: Generated<number>;
  overdue_at: Date | null;
}

export interface DeliveryHistoryTable {
  id: Generated<string>;
  delivery_id: string;
  sender_path: string;
  recipient_path: string;
  action: string;
  from_status: string;
  to_status: string;
  actor_id: string;
  actor_name: string;
  reason: string | null;
  note: string | null;
  at: Generated<Date>;
}

export interface DocumentVersionsTable {
  id: Generated<string>;
  document_id: string;
  org_path: string;
  version: number;
  snapshot: Json;
  edited_by: string;
  edited_by_name: string;
  edited_at: Generated<Date>;
}

export interface DocumentsTable {
  id: string;
  org_id: string;
  org_path: string;
  org_name: string;
  co_issuer_ids: Generated<string[]>;
  doc_type: string;
  doc_prefix: string | null;
  doc_year: number | null;
  doc_seq: number | null;
  doc_number: string | null;
  title: string;
  signer: string | null;
  main_to: string | null;
  cc_to: string | null;
  recipients: Json;
  body_sha256: string;
  body_size: number;
  attachments: Json;
  attachments_on_paper: Generated<boolean>;
  paper_note: string | null;
  signature_line: string | null;
  doc_date: Date | null;
  notes: string | null;
  printing_org: string | null;
  printing_date: Date | null;
  urgency: Generated<string>;
  is_telegram: Generated<boolean>;
  deadline: Date | null;
  classification: string | null;
  status: Generated<string>;
  approval_chain: string[] | null;
  approval_step: Generated<number>;
  version: Generated<number>;
  author_id: string;
  author_name: string;
  send_key: string | null;
  sent_at: Date | null;
  sent_by: string | null;
  recipient_count: number | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  stamp: Json | null;
}

export interface NotificationsTable {
  id: Generated<string>;
  org_id: string;
  org_path: string;
  delivery_id: string;
  text: string;
  created_at: Generated<Date>;
  read_at: Date | null;
}

export interface NumberCountersTable {
  org_id: string;
  org_path: string;
  prefix: string;
  year: number;
  last_seq: number;
}

export interface OutboxTable {
  id: Generated<string>;
  type: string;
  org_path: string;
  other_path: string | null;
  payload: Json;
  occurred_at: Generated<Date>;
  published_at: Date | null;
  publish_seq: string | null;
}

export interface PrintsTable {
  id: Generated<string>;
  delivery_id: string;
  sender_path: string;
  recipient_path: string;
  copy_number: number;
  within_quota: boolean;
  pdf_sha256: string;
  printed_by: string;
  printed_by_name: string;
  printed_at: Generated<Date>;
}

export interface SchemaMigrationsTable {
  id: Generated<number>;
  name: string;
  executed_at: Generated<Date>;
}

export interface SupervisionSettingsTable {
  org_path: string;
  check_times: Generated<string[]>;
  updated_at: Generated<Date>;
}

export interface UploadsTable {
  org_id: string;
  org_path: string;
  sha256: string;
  size: number;
  content_type: string;
  filename: string;
  uploaded_by: string;
  uploaded_at: Generated<Date>;
}

export interface WorkCalendarTable {
  org_path: string;
  day: Date;
  working: boolean;
  note: string | null;
}

/** Every table of the schema, by its qualified name, for `em.getKysely<DB>()`. */
export interface DB {
  'documents.alerts': AlertsTable;
  'documents.approval_steps': ApprovalStepsTable;
  'documents.bulletins': BulletinsTable;
  'documents.deliveries': DeliveriesTable;
  'documents.delivery_history': DeliveryHistoryTable;
  'documents.document_versions': DocumentVersionsTable;
  'documents.documents': DocumentsTable;
  'documents.notifications': NotificationsTable;
  'documents.number_counters': NumberCountersTable;
  'documents.outbox': OutboxTable;
  'documents.prints': PrintsTable;
  'documents.schema_migrations': SchemaMigrationsTable;
  'documents.supervision_settings': SupervisionSettingsTable;
  'documents.uploads': UploadsTable;
  'documents.work_calendar': WorkCalendarTable;
}

// Generated from the documents schema as its migrations leave it (npm run db-types); do not edit.
import type { ColumnType, Generated } from 'kysely';

// Dates and times read back as text (the pool's parsers keep them so) and are written as a Date or text; JSON reads
// back parsed and is written as JSON text.

export interface AlertsTable {
  id: Generated<string>;
  delivery_id: string | null;
  sender_path: string;
  recipient_path: string;
  channel: string;
  target: string;
  target_name: string;
  text: string;
  payload: ColumnType<unknown, string, string>;
  status: Generated<string>;
  attempts: Generated<number>;
  next_attempt_at: ColumnType<string, Date | string | undefined, Date | string>;
  last_error: string | null;
  sent_at: ColumnType<string | null, Date | string | null, Date | string | null>;
  created_at: ColumnType<string, Date | string | undefined, Date | string>;
  announcement_id: string | null;
}

export interface ApprovalSignaturesTable {
  id: Generated<string>;
  document_id: string;
  approval_step_id: string;
  org_path: string;
  step: number;
  approval: ColumnType<unknown, string, string>;
  signature: Buffer;
  certificate: Buffer;
  suite: string;
  timestamp_token: Buffer;
  signed_at: ColumnType<string, Date | string, Date | string>;
  person_signature: Buffer | null;
  person_certificate: Buffer | null;
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
  at: ColumnType<string, Date | string | undefined, Date | string>;
}

export interface AssessmentsTable {
  id: Generated<string>;
  org_id: string;
  org_path: string;
  org_name: string;
  title: string;
  period_from: ColumnType<string, Date | string, Date | string>;
  period_to: ColumnType<string, Date | string, Date | string>;
  weights: ColumnType<unknown, string, string>;
  units: ColumnType<unknown, string, string>;
  adjustments: ColumnType<unknown, string | undefined, string>;
  computed_at: ColumnType<string, Date | string, Date | string>;
  created_by: string;
  created_by_name: string;
  created_at: ColumnType<string, Date | string | undefined, Date | string>;
  published_at: ColumnType<string | null, Date | string | null, Date | string | null>;
  published_by: string | null;
  published_by_name: string | null;
  pdf_sha256: string | null;
}

export interface BoardFiguresTable {
  document_id: string;
  sender_path: string;
  group_key: string;
  due_at: ColumnType<string | null, Date | string | null, Date | string | null>;
  year_start: ColumnType<string, Date | string, Date | string>;
  group_name: string | null;
  live: string;
  signed: string;
  replaced: string;
  not_received: string;
  not_signed: string;
  returned: string;
  received: string;
}

export interface BoardFiguresPendingTable {
  document_id: string;
  sender_path: string;
  group_key: string;
  due_at: ColumnType<string | null, Date | string | null, Date | string | null>;
  year_start: ColumnType<string, Date | string, Date | string>;
  group_name: string | null;
  live: string;
  signed: string;
  replaced: string;
  not_received: string;
  not_signed: string;
  returned: string;
  received: string;
}

export interface BulletinSchedulesTable {
  org_id: string;
  org_path: string;
  org_name: string;
  cadence: string;
  next_at: ColumnType<string, Date | string, Date | string>;
  set_by: string;
  set_by_name: string;
  updated_at: ColumnType<string, Date | string | undefined, Date | string>;
}

export interface BulletinsTable {
  id: Generated<string>;
  org_id: string;
  org_path: string;
  title: string;
  period_from: ColumnType<string, Date | string, Date | string>;
  period_to: ColumnType<string, Date | string, Date | string>;
  rows: ColumnType<unknown, string, string>;
  created_by: string;
  created_by_name: string;
  created_at: ColumnType<string, Date | string | undefined, Date | string>;
  pdf_sha256: string | null;
  cadence: string | null;
}

export interface CoIssuersTable {
  document_id: string;
  position: number;
  lead_path: string;
  org_id: string;
  org_path: string;
  org_name: string;
  status: Generated<string>;
  decided_by: string | null;
  decided_by_name: string | null;
  decided_at: ColumnType<string | null, Date | string | null, Date | string | null>;
  comment: string | null;
  stamp: ColumnType<unknown | null, string | null, string | null>;
}

export interface CopyCountersTable {
  document_id: string;
  sender_path: string;
  last_seq: number;
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
  deadline: ColumnType<string | null, Date | string | null, Date | string | null>;
  status: Generated<string>;
  delivered_at: ColumnType<string, Date | string, Date | string>;
  received_at: ColumnType<string | null, Date | string | null, Date | string | null>;
  received_by: string | null;
  received_by_name: string | null;
  receipt_action: string | null;
  parent_delivery_id: string | null;
  state_reason: string | null;
  state_note: string | null;
  state_changed_at: ColumnType<string | null, Date | string | null, Date | string | null>;
  due_at: ColumnType<string, Date | string, Date | string>;
  print_count: Generated<number>;
  overdue_at: ColumnType<string | null, Date | string | null, Date | string | null>;
  signed_at: ColumnType<string | null, Date | string | null, Date | string | null>;
  signed_by: string | null;
  signed_by_name: string | null;
  document_sent_at: ColumnType<string, Date | string, Date | string>;
  from_peer: string | null;
  direction: string | null;
  copies_requested: number | null;
  copies_request_note: string | null;
}

export interface DeliveryEvidenceTable {
  org_id: string;
  org_path: string;
  seq: string;
  kind: string;
  document_id: string | null;
  delivery_id: string | null;
  event: ColumnType<unknown, string, string>;
  digest: string;
  at: ColumnType<string, Date | string, Date | string>;
  prev_hash: string;
  hash: string;
  outbox_id: string;
}

export interface DeliveryHistoryTable {
  id: Generated<string>;
  delivery_id: string;
  sender_path: string;
  recipient_path: string;
  action: string;
  from_status: string;
  to_status: string;
  actor_id: string | null;
  actor_name: string;
  reason: string | null;
  note: string | null;
  at: ColumnType<string, Date | string | undefined, Date | string>;
}

export interface DocumentVersionsTable {
  id: Generated<string>;
  document_id: string;
  org_path: string;
  version: number;
  snapshot: ColumnType<unknown, string, string>;
  edited_by: string;
  edited_by_name: string;
  edited_at: ColumnType<string, Date | string | undefined, Date | string>;
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
  recipients: ColumnType<unknown, string | undefined, string>;
  body_sha256: string;
  body_size: number;
  attachments: ColumnType<unknown, string | undefined, string>;
  attachments_on_paper: Generated<boolean>;
  paper_note: string | null;
  signature_line: string | null;
  doc_date: ColumnType<string | null, Date | string | null, Date | string | null>;
  notes: string | null;
  printing_org: string | null;
  printing_date: ColumnType<string | null, Date | string | null, Date | string | null>;
  urgency: Generated<string>;
  is_telegram: Generated<boolean>;
  deadline: ColumnType<string | null, Date | string | null, Date | string | null>;
  classification: string | null;
  status: Generated<string>;
  approval_chain: string[] | null;
  approval_step: Generated<number>;
  version: Generated<number>;
  author_id: string;
  author_name: string;
  send_key: string | null;
  sent_at: ColumnType<string | null, Date | string | null, Date | string | null>;
  sent_by: string | null;
  recipient_count: number | null;
  created_at: ColumnType<string, Date | string | undefined, Date | string>;
  updated_at: ColumnType<string, Date | string | undefined, Date | string>;
  stamp: ColumnType<unknown | null, string | null, string | null>;
  reply_to_document_id: string | null;
  reply_to_delivery_id: string | null;
  reply_to_org_id: string | null;
  reply_to: ColumnType<unknown | null, string | null, string | null>;
  forward_of_document_id: string | null;
  forward_of_delivery_id: string | null;
  forward_of: ColumnType<unknown | null, string | null, string | null>;
  report_deadline: ColumnType<string | null, Date | string | null, Date | string | null>;
  report_note: string | null;
  report_requested_at: ColumnType<string | null, Date | string | null, Date | string | null>;
  joint_issuers: ColumnType<unknown, string | undefined, string>;
  correction_of_document_id: string | null;
  correction_of: ColumnType<unknown | null, string | null, string | null>;
  ofd_sha256: string | null;
  content_sha256: string | null;
  peer_origin: ColumnType<unknown | null, string | null, string | null>;
  disclosure: string | null;
  disclosure_reason: string | null;
  drafted_from: ColumnType<unknown | null, string | null, string | null>;
  signer_post: string | null;
}

export interface EscalationReachTable {
  org_id: string;
  org_path: string;
  steps: ColumnType<unknown, string | undefined, string>;
  source_org_id: string | null;
  source_org_name: string | null;
  contacts: ColumnType<unknown, string | undefined, string>;
  leaders: ColumnType<unknown, string | undefined, string>;
  updated_at: ColumnType<string, Date | string | undefined, Date | string>;
}

export interface EscalationsTable {
  delivery_id: string;
  step: number;
  sender_path: string;
  recipient_path: string;
  to_whom: string;
  after_minutes: number;
  urge_id: string | null;
  at: ColumnType<string, Date | string, Date | string>;
}

export interface EventOffsetsTable {
  source: string;
  seq: string;
}

export interface EvidenceAnchorsTable {
  id: Generated<string>;
  timestamp_id: string;
  receipt_id: string | null;
  org_id: string | null;
  chain_seq: string | null;
  chain_hash: string | null;
  reader_path: string;
  sender_path: string | null;
  path: ColumnType<unknown, string, string>;
}

export interface EvidenceHeadsTable {
  org_id: string;
  org_path: string;
  seq: string;
  hash: string;
  changed_at: ColumnType<string, Date | string, Date | string>;
  anchored_seq: Generated<string>;
}

export interface EvidencePendingTable {
  outbox_id: string;
}

export interface EvidenceTimestampsTable {
  id: Generated<string>;
  suite: string;
  root: string;
  token: Buffer;
  gen_time: ColumnType<string, Date | string, Date | string>;
  leaves: number;
}

export interface EvidenceUnanchoredTable {
  receipt_id: string;
  queued_at: ColumnType<string, Date | string | undefined, Date | string>;
}

export interface HandlingHistoryTable {
  id: Generated<string>;
  delivery_id: string;
  org_path: string;
  action: string;
  actor_id: string | null;
  actor_name: string;
  note: string | null;
  channel: string | null;
  at: ColumnType<string, Date | string | undefined, Date | string>;
}

export interface HandlingReadersTable {
  id: Generated<string>;
  delivery_id: string;
  org_id: string;
  org_path: string;
  user_id: string;
  user_name: string;
  section_name: string | null;
  sent_by_name: string;
  sent_at: ColumnType<string, Date | string | undefined, Date | string>;
  read_at: ColumnType<string | null, Date | string | null, Date | string | null>;
  comment: string | null;
}

export interface HandlingTasksTable {
  id: Generated<string>;
  delivery_id: string;
  org_id: string;
  org_path: string;
  section_id: string;
  section_name: string;
  section_mobile: string | null;
  role: string;
  deadline: ColumnType<string | null, Date | string | null, Date | string | null>;
  status: Generated<string>;
  accepted_by: string | null;
  accepted_by_name: string | null;
  accepted_at: ColumnType<string | null, Date | string | null, Date | string | null>;
  result: string | null;
  done_by: string | null;
  done_by_name: string | null;
  done_at: ColumnType<string | null, Date | string | null, Date | string | null>;
  reminded_before_at: ColumnType<string | null, Date | string | null, Date | string | null>;
  reminded_due_at: ColumnType<string | null, Date | string | null, Date | string | null>;
}

export interface HandlingsTable {
  delivery_id: string;
  org_id: string;
  org_path: string;
  status: Generated<string>;
  proposal: string | null;
  proposed_by: string | null;
  proposed_by_name: string | null;
  proposed_at: ColumnType<string | null, Date | string | null, Date | string | null>;
  instruction: string | null;
  instructed_by: string | null;
  instructed_by_name: string | null;
  instructed_at: ColumnType<string | null, Date | string | null, Date | string | null>;
  deadline: ColumnType<string | null, Date | string | null, Date | string | null>;
  result: string | null;
  concluded_by: string | null;
  concluded_by_name: string | null;
  concluded_at: ColumnType<string | null, Date | string | null, Date | string | null>;
  changed_at: ColumnType<string, Date | string | undefined, Date | string>;
}

export interface InboxTotalsTable {
  recipient_org_id: string;
  recipient_path: string;
  year_start: ColumnType<string, Date | string, Date | string>;
  deliveries: string;
}

export interface InboxTotalsPendingTable {
  recipient_org_id: string;
  recipient_path: string;
  year_start: ColumnType<string, Date | string, Date | string>;
  deliveries: string;
}

export interface IntakeCountersTable {
  org_id: string;
  org_path: string;
  year: number;
  last_seq: number;
}

export interface IntakeRegisterTable {
  id: Generated<string>;
  org_id: string;
  org_path: string;
  delivery_id: string | null;
  document_id: string | null;
  year: number;
  seq: number;
  sender_org_id: string | null;
  sender_name: string;
  doc_number: string;
  title: string;
  doc_type: string;
  urgency: string;
  copies: number;
  received_at: ColumnType<string, Date | string, Date | string>;
  signed_at: ColumnType<string, Date | string, Date | string>;
  signed_by: string;
  signed_by_name: string;
  handler_name: string | null;
  handling_status: Generated<string>;
  handling_changed_at: ColumnType<string, Date | string | undefined, Date | string>;
  paper_record_id: string | null;
}

export interface NotificationsTable {
  id: Generated<string>;
  org_id: string;
  org_path: string;
  delivery_id: string | null;
  text: string;
  created_at: ColumnType<string, Date | string | undefined, Date | string>;
  read_at: ColumnType<string | null, Date | string | null, Date | string | null>;
  kind: string | null;
  words: ColumnType<unknown | null, string | null, string | null>;
  assessment_id: string | null;
  bulletin_id: string | null;
}

export interface NumberCountersTable {
  org_id: string;
  org_path: string;
  prefix: string;
  year: number;
  last_seq: number;
}

export interface NumberReservationsTable {
  id: string;
  org_id: string;
  org_path: string;
  document_id: string;
  title: string;
  prefix: string;
  year: number;
  seq: number;
  doc_number: string;
  status: Generated<string>;
  reserved_at: ColumnType<string, Date | string | undefined, Date | string>;
  reserved_by_name: string;
  voided_at: ColumnType<string | null, Date | string | null, Date | string | null>;
  voided_by_name: string | null;
  void_reason: string | null;
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

export interface PaperRecordsTable {
  id: string;
  org_id: string;
  org_path: string;
  direction: string;
  counterpart_name: string;
  doc_number: string;
  title: string;
  doc_type: string;
  paper_at: ColumnType<string, Date | string, Date | string>;
  scan_sha256: string | null;
  scan_name: string | null;
  outage_note: string | null;
  recorded_by: string;
  recorded_by_name: string;
  recorded_at: ColumnType<string, Date | string | undefined, Date | string>;
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
  printed_at: ColumnType<string, Date | string | undefined, Date | string>;
  document_id: string;
  per_issue: Generated<boolean>;
}

export interface ReceiptsTable {
  id: Generated<string>;
  delivery_id: string;
  document_id: string;
  recipient_org_id: string;
  sender_path: string;
  recipient_path: string;
  action: string;
  receipt: ColumnType<unknown, string, string>;
  signature: Buffer;
  certificate: Buffer;
  suite: string;
  timestamp_token: Buffer | null;
  signed_at: ColumnType<string, Date | string, Date | string>;
  person_signature: Buffer | null;
  person_certificate: Buffer | null;
}

export interface ReportsTable {
  id: Generated<string>;
  request_document_id: string;
  request_delivery_id: string;
  sender_path: string;
  recipient_path: string;
  reporter_org_id: string;
  reporter_name: string;
  deadline: ColumnType<string, Date | string, Date | string>;
  status: Generated<string>;
  report_document_id: string | null;
  report_doc_number: string | null;
  report_title: string | null;
  reported_at: ColumnType<string | null, Date | string | null, Date | string | null>;
  submissions: Generated<number>;
  returned_at: ColumnType<string | null, Date | string | null, Date | string | null>;
  returned_by_name: string | null;
  return_reason: string | null;
  reminded_at: ColumnType<string | null, Date | string | null, Date | string | null>;
  reminders: Generated<number>;
  changed_at: ColumnType<string, Date | string | undefined, Date | string>;
}

export interface SchemaMigrationsTable {
  id: Generated<number>;
  name: string;
  executed_at: ColumnType<string, Date | string | undefined, Date | string>;
}

export interface SupervisionSettingsTable {
  org_path: string;
  check_times: Generated<string[]>;
  updated_at: ColumnType<string, Date | string | undefined, Date | string>;
}

export interface UploadsTable {
  org_id: string;
  org_path: string;
  sha256: string;
  size: number;
  content_type: string;
  filename: string;
  uploaded_by: string;
  uploaded_at: ColumnType<string, Date | string | undefined, Date | string>;
}

export interface WorkCalendarTable {
  org_path: string;
  day: ColumnType<string, Date | string, Date | string>;
  working: boolean;
  note: string | null;
}

/** Every table of the schema, by its qualified name, for `em.getKysely<DB>()`. */
export interface DB {
  'documents.alerts': AlertsTable;
  'documents.approval_signatures': ApprovalSignaturesTable;
  'documents.approval_steps': ApprovalStepsTable;
  'documents.assessments': AssessmentsTable;
  'documents.board_figures': BoardFiguresTable;
  'documents.board_figures_pending': BoardFiguresPendingTable;
  'documents.bulletin_schedules': BulletinSchedulesTable;
  'documents.bulletins': BulletinsTable;
  'documents.co_issuers': CoIssuersTable;
  'documents.copy_counters': CopyCountersTable;
  'documents.deliveries': DeliveriesTable;
  'documents.delivery_evidence': DeliveryEvidenceTable;
  'documents.delivery_history': DeliveryHistoryTable;
  'documents.document_versions': DocumentVersionsTable;
  'documents.documents': DocumentsTable;
  'documents.escalation_reach': EscalationReachTable;
  'documents.escalations': EscalationsTable;
  'documents.event_offsets': EventOffsetsTable;
  'documents.evidence_anchors': EvidenceAnchorsTable;
  'documents.evidence_heads': EvidenceHeadsTable;
  'documents.evidence_pending': EvidencePendingTable;
  'documents.evidence_timestamps': EvidenceTimestampsTable;
  'documents.evidence_unanchored': EvidenceUnanchoredTable;
  'documents.handling_history': HandlingHistoryTable;
  'documents.handling_readers': HandlingReadersTable;
  'documents.handling_tasks': HandlingTasksTable;
  'documents.handlings': HandlingsTable;
  'documents.inbox_totals': InboxTotalsTable;
  'documents.inbox_totals_pending': InboxTotalsPendingTable;
  'documents.intake_counters': IntakeCountersTable;
  'documents.intake_register': IntakeRegisterTable;
  'documents.notifications': NotificationsTable;
  'documents.number_counters': NumberCountersTable;
  'documents.number_reservations': NumberReservationsTable;
  'documents.outbox': OutboxTable;
  'documents.paper_records': PaperRecordsTable;
  'documents.partitioned_tables': PartitionedTablesTable;
  'documents.partitions': PartitionsTable;
  'documents.prints': PrintsTable;
  'documents.receipts': ReceiptsTable;
  'documents.reports': ReportsTable;
  'documents.schema_migrations': SchemaMigrationsTable;
  'documents.supervision_settings': SupervisionSettingsTable;
  'documents.uploads': UploadsTable;
  'documents.work_calendar': WorkCalendarTable;
}

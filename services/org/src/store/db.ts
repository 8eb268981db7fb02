// Generated from the org schema as its migrations leave it (npm run db-types); do not edit.
import type { ColumnType, Generated } from 'kysely';

// Dates and times read back as text (the pool's parsers keep them so) and are written as a Date or text; JSON reads
// back parsed and is written as JSON text.

export interface AnnouncementsTable {
  id: string;
  org_id: string;
  org_path: string;
  scope_org_id: string;
  scope_path: string;
  kind: string;
  title: string;
  body: string;
  fault_report_id: string | null;
  published_by_name: string;
  published_at: ColumnType<string, Date | string | undefined, Date | string>;
  ends_at: ColumnType<string | null, Date | string | null, Date | string | null>;
  withdrawn_at: ColumnType<string | null, Date | string | null, Date | string | null>;
  withdrawn_by_name: string | null;
  automatic: Generated<boolean>;
  texted_at: ColumnType<string | null, Date | string | null, Date | string | null>;
  restores_id: string | null;
  words: ColumnType<unknown | null, string | null, string | null>;
}

export interface ApiTokensTable {
  id: string;
  org_id: string;
  org_path: string;
  name: string;
  roles: string[];
  created_by: string;
  created_at: ColumnType<string, Date | string | undefined, Date | string>;
  expires_at: ColumnType<string, Date | string, Date | string>;
  revoked_at: ColumnType<string | null, Date | string | null, Date | string | null>;
  created_by_name: string | null;
}

export interface AuditLogTable {
  id: Generated<string>;
  at: ColumnType<string, Date | string | undefined, Date | string>;
  source: string;
  category: string;
  action: string;
  outcome: string;
  actor_id: string | null;
  actor_username: string | null;
  org_id: string | null;
  org_path: string | null;
  other_path: string | null;
  target_type: string | null;
  target_id: string | null;
  client_address: string | null;
  detail: ColumnType<unknown, string | undefined, string>;
  target_name: string | null;
}

export interface ContactsTable {
  id: Generated<string>;
  org_id: string;
  org_path: string;
  name: string;
  post: string;
  phone: string;
  mobile: string | null;
  urgent_alerts: Generated<boolean>;
  updated_at: ColumnType<string, Date | string | undefined, Date | string>;
}

export interface DistributionListsTable {
  id: Generated<string>;
  org_id: string;
  org_path: string;
  name: string;
  member_ids: string[];
  created_at: ColumnType<string, Date | string | undefined, Date | string>;
  updated_at: ColumnType<string, Date | string | undefined, Date | string>;
}

export interface EventOffsetsTable {
  source: string;
  seq: string;
}

export interface FaultReportsTable {
  id: string;
  org_id: string;
  org_path: string;
  kind: string;
  description: string;
  contact_phone: string | null;
  reported_by: string;
  reported_by_name: string;
  reported_at: ColumnType<string, Date | string | undefined, Date | string>;
  responded_at: ColumnType<string | null, Date | string | null, Date | string | null>;
  responded_by_name: string | null;
  response: string | null;
  escalated_at: ColumnType<string | null, Date | string | null, Date | string | null>;
  escalated_by_name: string | null;
  escalation_plan: string | null;
  resolved_at: ColumnType<string | null, Date | string | null, Date | string | null>;
  resolved_by_name: string | null;
  resolution: string | null;
  outage_notice_at: ColumnType<string | null, Date | string | null, Date | string | null>;
}

export interface ForumRepliesTable {
  id: Generated<string>;
  topic_id: string;
  body: string;
  author_id: string;
  author_name: string;
  author_org_name: string;
  posted_at: ColumnType<string, Date | string | undefined, Date | string>;
  removed_at: ColumnType<string | null, Date | string | null, Date | string | null>;
  removed_by_name: string | null;
  removed_reason: string | null;
}

export interface ForumTopicsTable {
  id: Generated<string>;
  org_id: string;
  org_path: string;
  org_name: string;
  title: string;
  body: string;
  audience: string;
  viewer_ids: Generated<string[]>;
  author_id: string;
  author_name: string;
  posted_at: ColumnType<string, Date | string | undefined, Date | string>;
  last_reply_at: ColumnType<string | null, Date | string | null, Date | string | null>;
  removed_at: ColumnType<string | null, Date | string | null, Date | string | null>;
  removed_by_name: string | null;
  removed_reason: string | null;
}

export interface InformationImagesTable {
  id: Generated<string>;
  item_id: string;
  org_path: string;
  seq: number;
  name: string;
  content_type: string;
  sha256: string;
  content: Buffer;
}

export interface InformationItemsTable {
  id: Generated<string>;
  org_id: string;
  org_path: string;
  column_key: string;
  title: string;
  body: string;
  audience: string;
  viewer_ids: Generated<string[]>;
  status: string;
  author_id: string;
  author_name: string;
  submitted_at: ColumnType<string, Date | string | undefined, Date | string>;
  decided_by_name: string | null;
  decided_at: ColumnType<string | null, Date | string | null, Date | string | null>;
  decision_note: string | null;
  published_at: ColumnType<string | null, Date | string | null, Date | string | null>;
  withdrawn_by_name: string | null;
  withdrawn_at: ColumnType<string | null, Date | string | null, Date | string | null>;
  withdrawn_reason: string | null;
}

export interface InformationStepsTable {
  id: Generated<string>;
  item_id: string;
  org_path: string;
  action: string;
  words: string | null;
  by_name: string;
  at: ColumnType<string, Date | string | undefined, Date | string>;
}

export interface InspectionFindingFilesTable {
  id: Generated<string>;
  step_id: string;
  seq: number;
  name: string;
  content_type: string;
  sha256: string;
  content: Buffer;
}

export interface InspectionFindingStepsTable {
  id: Generated<string>;
  finding_id: string;
  org_path: string;
  action: string;
  words: string | null;
  rectify_by: ColumnType<string | null, Date | string | null, Date | string | null>;
  by_name: string;
  at: ColumnType<string, Date | string | undefined, Date | string>;
  file_count: Generated<number>;
}

export interface InspectionFindingsTable {
  id: Generated<string>;
  inspection_id: string;
  org_path: string;
  position: number;
  item: string;
  finding: string;
  status: string;
  rectify_by: ColumnType<string | null, Date | string | null, Date | string | null>;
  rectification: string | null;
  reported_at: ColumnType<string | null, Date | string | null, Date | string | null>;
  reported_by_name: string | null;
  decided_at: ColumnType<string | null, Date | string | null, Date | string | null>;
  decided_by_name: string | null;
  returned_reason: string | null;
}

export interface InspectionsTable {
  id: Generated<string>;
  org_id: string;
  org_path: string;
  inspector_org_id: string;
  inspected_on: ColumnType<string, Date | string, Date | string>;
  inspectors: string;
  summary: string | null;
  recorded_by: string;
  recorded_by_name: string;
  recorded_at: ColumnType<string, Date | string | undefined, Date | string>;
}

export interface LoginAddressLimitsTable {
  key: string;
  points: Generated<number>;
  expire: string | null;
}

export interface MailAttachmentsTable {
  id: string;
  message_id: string;
  sender_id: string;
  position: number;
  name: string;
  content_type: string;
  size: number;
  sha256: string;
  content: Buffer;
}

export interface MailMessagesTable {
  id: string;
  sender_id: string;
  sender_name: string;
  sender_org_id: string;
  sender_org_name: string;
  subject: string;
  body: string;
  attachment_bytes: Generated<string>;
  sent_at: ColumnType<string, Date | string | undefined, Date | string>;
  sender_deleted_at: ColumnType<string | null, Date | string | null, Date | string | null>;
}

export interface MailRecipientsTable {
  message_id: string;
  user_id: string;
  user_name: string;
  org_name: string;
  sender_id: string;
  kind: string;
  sent_at: ColumnType<string, Date | string, Date | string>;
  read_at: ColumnType<string | null, Date | string | null, Date | string | null>;
  deleted_at: ColumnType<string | null, Date | string | null, Date | string | null>;
}

export interface OrgNamesTable {
  id: Generated<string>;
  org_id: string;
  org_path: string;
  name: string;
  short_name: string;
  valid_from: ColumnType<string, Date | string, Date | string>;
  valid_to: ColumnType<string | null, Date | string | null, Date | string | null>;
  reason: string | null;
}

export interface OrgsTable {
  id: Generated<string>;
  code: string;
  name: string;
  short_name: string;
  level: string;
  kind: string;
  parent_id: string | null;
  path: string;
  status: Generated<string>;
  closed_at: ColumnType<string | null, Date | string | null, Date | string | null>;
  closed_reason: string | null;
  merged_into_id: string | null;
  created_at: ColumnType<string, Date | string | undefined, Date | string>;
  updated_at: ColumnType<string, Date | string | undefined, Date | string>;
  archive_custodian_id: string | null;
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

export interface PeerPlatformsTable {
  stand_in_org_id: string;
  org_path: string;
  platform: string;
  roots: Buffer[];
  created_by: string;
  created_at: ColumnType<string, Date | string | undefined, Date | string>;
}

export interface RoutingRuleAuditTable {
  id: Generated<string>;
  rule_id: string;
  org_path: string;
  action: string;
  actor_id: string;
  actor_username: string;
  at: ColumnType<string, Date | string | undefined, Date | string>;
  before: ColumnType<unknown | null, string | null, string | null>;
  after: ColumnType<unknown | null, string | null, string | null>;
  actor_name: string | null;
}

export interface RoutingRulesTable {
  id: Generated<string>;
  org_id: string;
  org_path: string;
  name: string;
  side: string;
  direction: string;
  effect: string;
  sender_levels: string[] | null;
  sender_kinds: string[] | null;
  receiver_levels: string[] | null;
  receiver_kinds: string[] | null;
  doc_types: string[] | null;
  max_depth: number | null;
  created_at: ColumnType<string, Date | string | undefined, Date | string>;
  updated_at: ColumnType<string, Date | string | undefined, Date | string>;
}

export interface SchemaMigrationsTable {
  id: Generated<number>;
  name: string;
  executed_at: ColumnType<string, Date | string | undefined, Date | string>;
}

export interface SectionMembersTable {
  user_id: string;
  section_id: string;
  org_id: string;
  org_path: string;
}

export interface SectionsTable {
  id: Generated<string>;
  org_id: string;
  org_path: string;
  name: string;
  mobile: string | null;
  created_at: ColumnType<string, Date | string | undefined, Date | string>;
  head_id: string | null;
  leader_id: string | null;
}

export interface SessionsTable {
  id: string;
  user_id: string;
  org_id: string;
  org_path: string;
  method: string;
  client_address: string | null;
  started_at: ColumnType<string, Date | string | undefined, Date | string>;
  expires_at: ColumnType<string, Date | string, Date | string>;
  ended_at: ColumnType<string | null, Date | string | null, Date | string | null>;
  end_reason: string | null;
  client_agent: string | null;
}

export interface UnitSettingsTable {
  org_id: string;
  org_path: string;
  doc_prefixes: Generated<string[]>;
  approval_chain: Generated<string[]>;
  updated_at: ColumnType<string, Date | string | undefined, Date | string>;
  alert_webhook_url: string | null;
  escalation_steps: ColumnType<unknown | null, string | null, string | null>;
  briefing_titles: Generated<string[]>;
  training_required: Generated<boolean>;
  lock_after_failures: number | null;
}

export interface UnknownLoginFailuresTable {
  username: string;
  failed_logins: number;
  last_failed_login_at: ColumnType<string, Date | string, Date | string>;
}

export interface UsersTable {
  id: Generated<string>;
  org_id: string;
  org_path: string;
  username: string;
  display_name: string;
  roles: Generated<string[]>;
  password_hash: string;
  must_change_password: Generated<boolean>;
  password_changed_at: ColumnType<string | null, Date | string | null, Date | string | null>;
  failed_logins: Generated<number>;
  locked_at: ColumnType<string | null, Date | string | null, Date | string | null>;
  last_login_at: ColumnType<string | null, Date | string | null, Date | string | null>;
  status: Generated<string>;
  created_at: ColumnType<string, Date | string | undefined, Date | string>;
  last_failed_login_at: ColumnType<string | null, Date | string | null, Date | string | null>;
  mobile: string | null;
  reset_requested_at: ColumnType<string | null, Date | string | null, Date | string | null>;
  trained_on: ColumnType<string | null, Date | string | null, Date | string | null>;
  training_note: string | null;
  post: string | null;
}

/** Every table of the schema, by its qualified name, for `em.getKysely<DB>()`. */
export interface DB {
  'org.announcements': AnnouncementsTable;
  'org.api_tokens': ApiTokensTable;
  'org.audit_log': AuditLogTable;
  'org.contacts': ContactsTable;
  'org.distribution_lists': DistributionListsTable;
  'org.event_offsets': EventOffsetsTable;
  'org.fault_reports': FaultReportsTable;
  'org.forum_replies': ForumRepliesTable;
  'org.forum_topics': ForumTopicsTable;
  'org.information_images': InformationImagesTable;
  'org.information_items': InformationItemsTable;
  'org.information_steps': InformationStepsTable;
  'org.inspection_finding_files': InspectionFindingFilesTable;
  'org.inspection_finding_steps': InspectionFindingStepsTable;
  'org.inspection_findings': InspectionFindingsTable;
  'org.inspections': InspectionsTable;
  'org.login_address_limits': LoginAddressLimitsTable;
  'org.mail_attachments': MailAttachmentsTable;
  'org.mail_messages': MailMessagesTable;
  'org.mail_recipients': MailRecipientsTable;
  'org.org_names': OrgNamesTable;
  'org.orgs': OrgsTable;
  'org.outbox': OutboxTable;
  'org.partitioned_tables': PartitionedTablesTable;
  'org.partitions': PartitionsTable;
  'org.peer_platforms': PeerPlatformsTable;
  'org.routing_rule_audit': RoutingRuleAuditTable;
  'org.routing_rules': RoutingRulesTable;
  'org.schema_migrations': SchemaMigrationsTable;
  'org.section_members': SectionMembersTable;
  'org.sections': SectionsTable;
  'org.sessions': SessionsTable;
  'org.unit_settings': UnitSettingsTable;
  'org.unknown_login_failures': UnknownLoginFailuresTable;
  'org.users': UsersTable;
}

// Generated from the org schema as its migrations leave it (npm run db-types); do not edit.
import type { ColumnType, Generated } from 'kysely';

/** A json/jsonb column: read back parsed, written as JSON text. */
type Json = ColumnType<unknown, string, string>;

export interface ApiTokensTable {
  id: string;
  org_id: string;
  org_path: string;
  name: string;
  roles: string[];
  created_by: string;
  created_at: Generated<Date>;
  expires_at: Date;
  revoked_at: Date | null;
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
  updated_at: Generated<Date>;
}

export interface DistributionListsTable {
  id: Generated<string>;
  org_id: string;
  org_path: string;
  name: string;
  member_ids: string[];
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface OrgNamesTable {
  id: Generated<string>;
  org_id: string;
  org_path: string;
  name: string;
  short_name: string;
  valid_from: Date;
  valid_to: Date | null;
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
  closed_at: Date | null;
  closed_reason: string | null;
  merged_into_id: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
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

export interface RoutingRuleAuditTable {
  id: Generated<string>;
  rule_id: string;
  org_path: string;
  action: string;
  actor_id: string;
  actor_username: string;
  at: Generated<Date>;
  before: Json | null;
  after: Json | null;
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
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface SchemaMigrationsTable {
  id: Generated<number>;
  name: string;
  executed_at: Generated<Date>;
}

export interface UnitSettingsTable {
  org_id: string;
  org_path: string;
  doc_prefixes: Generated<string[]>;
  approval_chain: Generated<string[]>;
  updated_at: Generated<Date>;
  alert_webhook_url: string | null;
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
  password_changed_at: Date | null;
  failed_logins: Generated<number>;
  locked_at: Date | null;
  last_login_at: Date | null;
  status: Generated<string>;
  created_at: Generated<Date>;
}

/** Every table of the schema, by its qualified name, for `em.getKysely<DB>()`. */
export interface DB {
  'org.api_tokens': ApiTokensTable;
  'org.contacts': ContactsTable;
  'org.distribution_lists': DistributionListsTable;
  'org.org_names': OrgNamesTable;
  'org.orgs': OrgsTable;
  'org.outbox': OutboxTable;
  'org.routing_rule_audit': RoutingRuleAuditTable;
  'org.routing_rules': RoutingRulesTable;
  'org.schema_migrations': SchemaMigrationsTable;
  'org.unit_settings': UnitSettingsTable;
  'org.users': UsersTable;
}

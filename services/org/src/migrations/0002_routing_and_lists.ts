import { tenantTableSql } from '@yizhan/kernel';
import { Migration } from '@yizhan/kernel/migration';

/** Routing rules with their audit trail, and saved distribution lists. */
export class RoutingAndLists extends Migration {
  override up(): void {
    const levels = "ARRAY['PROVINCE', 'CITY', 'COUNTY']::text[]";
    const sql = [
      `CREATE TABLE org.routing_rules (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        org_id uuid NOT NULL REFERENCES org.orgs (id),
        org_path ltree NOT NULL,
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        side text NOT NULL CHECK (side IN ('SENDER', 'RECEIVER')),
        direction text NOT NULL CHECK (direction IN ('DOWN', 'UP', 'LATERAL')),
        effect text NOT NULL CHECK (effect IN ('ALLOW', 'DENY')),
        sender_levels text[] CHECK (sender_levels <@ ${levels}),
        sender_kinds text[],
        receiver_levels text[] CHECK (receiver_levels <@ ${levels}),
        receiver_kinds text[],
        doc_types text[],
        max_depth integer CHECK (max_depth BETWEEN 0 AND 3),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`,
      'CREATE INDEX routing_rules_path ON org.routing_rules USING gist (org_path)',
      // Rules are public within the platform: any unit may see why a send was refused.
      ...tenantTableSql('org.routing_rules', 'directory'),

      `CREATE TABLE org.routing_rule_audit (
        id bigserial PRIMARY KEY,
        rule_id uuid NOT NULL,
        org_path ltree NOT NULL,
        action text NOT NULL CHECK (action IN ('CREATE', 'UPDATE', 'DELETE')),
        actor_id uuid NOT NULL,
        actor_username text NOT NULL,
        at timestamptz NOT NULL DEFAULT now(),
        before jsonb,
        after jsonb
      )`,
      'CREATE INDEX routing_rule_audit_rule ON org.routing_rule_audit (rule_id, at)',
      ...tenantTableSql('org.routing_rule_audit', 'directory'),

      `CREATE TABLE org.distribution_lists (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        org_id uuid NOT NULL REFERENCES org.orgs (id),
        org_path ltree NOT NULL,
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
        member_ids uuid[] NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (org_id, name)
      )`,
      ...tenantTableSql('org.distribution_lists', 'subtree'),
    ];
    for (const s of sql) this.addSql(s);
  }
}

import { reachTableSql, tenantTableSql } from '@yizhan/kernel';
import { Migration } from '@yizhan/kernel/migration';

/**
 * The seeds' emergency procedures (issue 20; seed 003 §44–45, 001 §31). A 故障报告 is a unit's report that the
 * platform fails it: read by the unit and the units above (the 电子政务办公室 that answers it), answered within an
 * hour, escalated with a plan after two hours unresolved. A 系统公告 is a notice from a unit's administrator to the
 * units within a part of the tree; an outage notice tells them to pass documents on paper until it is withdrawn.
 */
export class Emergency extends Migration {
  override up(): void {
    const sql = [
      `CREATE TABLE org.fault_reports (
        id uuid PRIMARY KEY,
        org_id uuid NOT NULL REFERENCES org.orgs (id),
        org_path ltree NOT NULL,
        kind text NOT NULL CHECK (kind IN ('PLATFORM_DOWN', 'CANNOT_SEND', 'CANNOT_RECEIVE', 'CERTIFICATE', 'SEAL', 'OTHER')),
        description text NOT NULL CHECK (length(description) BETWEEN 1 AND 2000),
        contact_phone text,
        reported_by uuid NOT NULL,
        reported_by_name text NOT NULL,
        reported_at timestamptz NOT NULL DEFAULT now(),
        responded_at timestamptz,
        responded_by_name text,
        response text,
        escalated_at timestamptz,
        escalated_by_name text,
        escalation_plan text,
        resolved_at timestamptz,
        resolved_by_name text,
        resolution text,
        CHECK ((responded_at IS NULL) = (response IS NULL)),
        CHECK ((escalated_at IS NULL) = (escalation_plan IS NULL)),
        CHECK ((resolved_at IS NULL) = (resolution IS NULL))
      )`,
      'CREATE INDEX fault_reports_open ON org.fault_reports USING gist (org_path) WHERE resolved_at IS NULL',
      'CREATE INDEX fault_reports_org ON org.fault_reports (org_id, reported_at DESC)',
      ...tenantTableSql('org.fault_reports', 'subtree'),
      `CREATE TABLE org.announcements (
        id uuid PRIMARY KEY,
        org_id uuid NOT NULL REFERENCES org.orgs (id),
        org_path ltree NOT NULL,
        scope_org_id uuid NOT NULL REFERENCES org.orgs (id),
        scope_path ltree NOT NULL,
        kind text NOT NULL CHECK (kind IN ('NOTICE', 'OUTAGE')),
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 100),
        body text NOT NULL CHECK (length(body) BETWEEN 1 AND 2000),
        fault_report_id uuid REFERENCES org.fault_reports (id),
        published_by_name text NOT NULL,
        published_at timestamptz NOT NULL DEFAULT now(),
        ends_at timestamptz,
        withdrawn_at timestamptz,
        withdrawn_by_name text,
        CHECK (scope_path <@ org_path),
        CHECK (ends_at IS NULL OR ends_at > published_at)
      )`,
      'CREATE INDEX announcements_scope ON org.announcements USING gist (scope_path) WHERE withdrawn_at IS NULL',
      'CREATE INDEX announcements_org ON org.announcements USING gist (org_path)',
      ...reachTableSql('org.announcements'),
    ];
    for (const s of sql) this.addSql(s);
  }
}

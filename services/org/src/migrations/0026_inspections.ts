import { tenantTableSql } from '@yizhan/kernel';
import { Migration } from '@yizhan/kernel/migration';

/**
 * 检查指导与限期整改 (seed 000 §5, §23; seed 001 §5, §16): a superior unit inspects a unit's electronic document work —
 * its rules (制度建设), equipment (设备配置), people (人员管理), security (安全措施), how it receives (收文情况) — and
 * sets a deadline for each item found wanting; the unit reports what it put right, the inspecting unit accepts it or
 * sends it back. The rows carry the inspected unit's path: read by that unit and the units above it (subtree), so
 * the inspecting unit, always above, reads and decides; a sibling reads nothing.
 */
export class Inspections extends Migration {
  override up(): void {
    const sql = [
      `CREATE TABLE org.inspections (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        org_id uuid NOT NULL REFERENCES org.orgs (id),
        org_path ltree NOT NULL,
        inspector_org_id uuid NOT NULL REFERENCES org.orgs (id),
        inspected_on date NOT NULL,
        inspectors text NOT NULL CHECK (length(inspectors) BETWEEN 1 AND 200),
        summary text CHECK (length(summary) <= 2000),
        recorded_by uuid NOT NULL,
        recorded_by_name text NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        CHECK (org_id <> inspector_org_id)
      )`,
      'CREATE INDEX inspections_path ON org.inspections USING gist (org_path)',
      'CREATE INDEX inspections_unit ON org.inspections (org_id, inspected_on DESC)',
      ...tenantTableSql('org.inspections', 'subtree'),
      `CREATE TABLE org.inspection_findings (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        inspection_id uuid NOT NULL REFERENCES org.inspections (id),
        org_path ltree NOT NULL,
        position smallint NOT NULL CHECK (position BETWEEN 1 AND 20),
        item text NOT NULL CHECK (item IN ('SYSTEMS', 'EQUIPMENT', 'STAFF', 'SECURITY', 'RECEIVING', 'OTHER')),
        finding text NOT NULL CHECK (length(finding) BETWEEN 1 AND 1000),
        status text NOT NULL CHECK (status IN ('CONFORMS', 'DUE', 'REPORTED', 'ACCEPTED')),
        rectify_by date,
        rectification text CHECK (length(rectification) <= 2000),
        reported_at timestamptz,
        reported_by_name text,
        decided_at timestamptz,
        decided_by_name text,
        returned_reason text CHECK (length(returned_reason) <= 500),
        UNIQUE (inspection_id, position),
        -- An item found wanting has a deadline; one that conforms has nothing to put right.
        CHECK ((status = 'CONFORMS') = (rectify_by IS NULL)),
        CHECK (status NOT IN ('REPORTED', 'ACCEPTED') OR (rectification IS NOT NULL AND reported_at IS NOT NULL))
      )`,
      "CREATE INDEX inspection_findings_open ON org.inspection_findings (org_path) WHERE status IN ('DUE', 'REPORTED')",
      ...tenantTableSql('org.inspection_findings', 'subtree'),
    ];
    for (const s of sql) this.addSql(s);
  }
}

import { tenantTableSql } from '@yizhan/kernel';
import { Migration } from '@yizhan/kernel/migration';

/**
 * 内设机构 (issue 15): a unit's internal sections (办公室, 综合科 …). A section is part of a unit, not a tenant: its
 * rows carry the unit's path and are read, like the unit's people, by the unit and the units above it. A person
 * belongs to at most one section (the member row's key is the person). A section may file a duty mobile, where the
 * reminders (催办) of the handling it is given go by SMS.
 */
export class Sections extends Migration {
  override up(): void {
    const sql = [
      `CREATE TABLE org.sections (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        org_id uuid NOT NULL REFERENCES org.orgs (id),
        org_path ltree NOT NULL,
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 50),
        mobile text CHECK (mobile ~ '^1[0-9]{10}$'),
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (org_id, name)
      )`,
      ...tenantTableSql('org.sections', 'subtree'),
      `CREATE TABLE org.section_members (
        user_id uuid PRIMARY KEY REFERENCES org.users (id),
        section_id uuid NOT NULL REFERENCES org.sections (id),
        org_id uuid NOT NULL REFERENCES org.orgs (id),
        org_path ltree NOT NULL
      )`,
      'CREATE INDEX section_members_section ON org.section_members (section_id)',
      ...tenantTableSql('org.section_members', 'subtree'),
    ];
    for (const s of sql) this.addSql(s);
  }
}

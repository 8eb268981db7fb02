import { tenantTableSql } from '@yizhan/kernel';
import { Migration } from '@yizhan/kernel/migration';

/** A unit's document settings, set by its administrator (seed 003 §12): 机关代字 and the approval chain. */
export class UnitSettings extends Migration {
  override up(): void {
    const sql = [
      `CREATE TABLE org.unit_settings (
        org_id uuid PRIMARY KEY REFERENCES org.orgs (id),
        org_path ltree NOT NULL,
        doc_prefixes text[] NOT NULL DEFAULT '{}',
        approval_chain text[] NOT NULL DEFAULT '{APPROVER,LEADER}'
          CHECK (approval_chain <@ ARRAY['APPROVER', 'LEADER']::text[] AND cardinality(approval_chain) BETWEEN 1 AND 4),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`,
      ...tenantTableSql('org.unit_settings', 'directory'),
    ];
    for (const s of sql) this.addSql(s);
  }
}

import { rerootPoliciesSql, tenantTableSql } from '@yizhan/kernel';
import { Migration } from '@yizhan/kernel/migration';

/**
 * 印模 (seed 001 §19: 按规定格式提报纸质印模; §28: 妥善保管各单位报送的纸制印模，建立电子印章档案): the scan of the
 * physical seal's impression a unit sends with its application, kept with it — the issuing authority compares it with
 * the seal it makes, and the seal's file shows it for as long as the seal is kept. Under the applications' own policy:
 * the unit and the units above it (its issuing authority), nobody beside them.
 */
export class SealImpressions extends Migration {
  override up(): void {
    const sql = [
      `CREATE TABLE seals.impressions (
        application_id uuid PRIMARY KEY REFERENCES seals.applications (id),
        org_path ltree NOT NULL,
        content_type text NOT NULL CHECK (content_type IN ('image/png', 'image/jpeg')),
        content bytea NOT NULL,
        sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        created_at timestamptz NOT NULL DEFAULT now()
      )`,
      ...tenantTableSql('seals.impressions', 'subtree'),
      // A unit moved under another superior takes its applications' impressions with it (seals.reroot_unit, migration 0008).
      rerootPoliciesSql('seals', ['outbox']),
    ];
    for (const s of sql) this.addSql(s);
  }
}

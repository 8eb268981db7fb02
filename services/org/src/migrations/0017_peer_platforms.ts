import { tenantTableSql } from '@yizhan/kernel';
import { Migration } from '@yizhan/kernel/migration';

/**
 * 对端平台 (issue 19): another deployment of the platform this one exchanges documents with — the national platform
 * for a province (seed 000 §1: 国家局 and the province's departments). The peer is represented here by a stand-in unit
 * registered under the unit that exchanges with it (its documents are delivered to that unit); the stand-in's only
 * account is the exchange's API token. The peer's CA roots are pinned here: what arrives from it is verified against
 * them and nothing else. Which units stand in for a peer is directory knowledge, like the units themselves: every
 * caller reads it (routing keeps stand-ins out of selections); only administrators above a stand-in write it.
 */
export class PeerPlatforms extends Migration {
  override up(): void {
    const sql = [
      `CREATE TABLE org.peer_platforms (
        stand_in_org_id uuid PRIMARY KEY REFERENCES org.orgs (id),
        org_path ltree NOT NULL,
        platform text NOT NULL CHECK (length(platform) BETWEEN 2 AND 60),
        roots bytea[] NOT NULL CHECK (cardinality(roots) BETWEEN 1 AND 8),
        created_by uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`,
      'CREATE INDEX peer_platforms_path ON org.peer_platforms USING gist (org_path)',
      ...tenantTableSql('org.peer_platforms', 'directory'),
    ];
    for (const s of sql) this.addSql(s);
  }
}

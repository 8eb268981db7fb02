import { tenantTableSql } from '@yizhan/kernel';
import { Migration } from '@yizhan/kernel/migration';

/** API tokens issued to a unit for its own OA system: listed, expiring, revocable. */
export class ApiTokens extends Migration {
  override up(): void {
    const sql = [
      `CREATE TABLE org.api_tokens (
        id uuid PRIMARY KEY,
        org_id uuid NOT NULL REFERENCES org.orgs (id),
        org_path ltree NOT NULL,
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 50),
        roles text[] NOT NULL,
        created_by uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz
      )`,
      'CREATE INDEX api_tokens_org ON org.api_tokens (org_id)',
      ...tenantTableSql('org.api_tokens', 'subtree'),
    ];
    for (const s of sql) this.addSql(s);
  }
}

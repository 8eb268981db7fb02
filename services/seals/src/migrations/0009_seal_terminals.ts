import { rerootPoliciesSql, tenantTableSql } from '@yizhan/kernel';
import { Migration } from '@yizhan/kernel/migration';

/**
 * 用印专用终端 (seed 000 §18: 电子印章由指定人员在…专用计算机上使用; seed 002 六: 计算机设备要专机专用、专人管理): the
 * computers a unit registered for using its seal, each with the person who looks after it and the public key the
 * computer made for itself (ECDSA P-256; its private key never leaves the browser that made it). A seal marked
 * terminal_only is used only with a proof from one of them. The unit's own: nobody else reads its terminals.
 */
export class SealTerminals extends Migration {
  override up(): void {
    const sql = [
      `CREATE TABLE seals.terminals (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        org_id uuid NOT NULL,
        org_path ltree NOT NULL,
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 60),
        keeper_id uuid NOT NULL,
        keeper_name text NOT NULL,
        public_key bytea NOT NULL,
        fingerprint text NOT NULL,
        registered_by_name text NOT NULL,
        registered_at timestamptz NOT NULL DEFAULT now(),
        last_used_at timestamptz,
        revoked_at timestamptz,
        revoked_by_name text,
        revoked_reason text CHECK (length(revoked_reason) <= 500),
        -- One computer is one terminal of a unit; whether another unit registered the same key is not this unit's to learn.
        UNIQUE (org_id, fingerprint)
      )`,
      ...tenantTableSql('seals.terminals', 'unit'),
      // A unit moved under another superior takes its terminals with it (seals.reroot_unit, migration 0008).
      rerootPoliciesSql('seals', ['outbox']),
      'ALTER TABLE seals.seals ADD COLUMN terminal_only boolean NOT NULL DEFAULT false',
    ];
    for (const s of sql) this.addSql(s);
  }
}

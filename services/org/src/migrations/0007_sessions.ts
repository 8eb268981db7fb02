import { tenantTableSql } from '@yizhan/kernel';
import { Migration } from '@yizhan/kernel/migration';

/**
 * Login sessions (issue 14, finding 3): each login is a row, its id in the token (`sid`). Ending a session — logout,
 * "log out everywhere", a password changed or reset, the account disabled, its roles changed, its unit closed — marks
 * the row, and the gateways are told at once; a token whose session has ended is refused.
 */
export class Sessions extends Migration {
  override up(): void {
    const sql = [
      `CREATE TABLE org.sessions (
        id uuid PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES org.users (id),
        org_id uuid NOT NULL REFERENCES org.orgs (id),
        org_path ltree NOT NULL,
        method text NOT NULL CHECK (method IN ('PASSWORD', 'CERTIFICATE')),
        client_address text,
        started_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        ended_at timestamptz,
        end_reason text CHECK (end_reason IN ('LOGOUT', 'LOGOUT_EVERYWHERE', 'PASSWORD_CHANGED', 'PASSWORD_RESET', 'DISABLED', 'ROLES_CHANGED', 'UNIT_CLOSED', 'ENDED_BY_ADMIN')),
        CHECK ((ended_at IS NULL) = (end_reason IS NULL))
      )`,
      'CREATE INDEX sessions_user_open ON org.sessions (user_id) WHERE ended_at IS NULL',
      'CREATE INDEX sessions_org ON org.sessions (org_id, started_at DESC)',
      ...tenantTableSql('org.sessions', 'subtree'),
    ];
    for (const s of sql) this.addSql(s);
  }
}

// The org service's own settings (what only login and accounts read), from the environment.
import { int } from '@yizhan/common';

export interface OrgSettings {
  accessTokenTtlSeconds: number;
  /** Wrong passwords in a row that lock an account until an administrator unlocks it. */
  maxFailedLogins: number;
  /** A password older than this must be changed at the next login (seed 003 §14). */
  passwordMaxAgeDays: number;
  /**
   * TEST ONLY: accept alert webhooks on loopback and private addresses (a local test server). Honoured only when
   * NODE_ENV is `test` and YIZHAN_ALLOW_PRIVATE_WEBHOOKS is `1`; never set it in production.
   */
  allowPrivateWebhooks: boolean;
}

export function loadOrgSettings(): OrgSettings {
  return {
    accessTokenTtlSeconds: int('YIZHAN_TOKEN_TTL_SECONDS', 8 * 3600),
    maxFailedLogins: int('YIZHAN_MAX_FAILED_LOGINS', 5),
    passwordMaxAgeDays: int('YIZHAN_PASSWORD_MAX_AGE_DAYS', 90),
    allowPrivateWebhooks: process.env.NODE_ENV === 'test' && process.env.YIZHAN_ALLOW_PRIVATE_WEBHOOKS === '1',
  };
}

// The org service's own settings (what only login and accounts read), from the environment.
import { int } from '@yizhan/common';

export interface OrgSettings {
  accessTokenTtlSeconds: number;
  /**
   * Wrong passwords in a row (for a user name, whether or not it is an account's) after which the name must wait
   * before the next attempt: `loginDelayMs`, doubled at each further failure, at most `loginDelayMaxMs`. Never a lock.
   */
  maxFailedLogins: number;
  loginDelayMs: number;
  loginDelayMaxMs: number;
  /** Failed logins from one client address, across all accounts, within `loginAddressWindowSeconds`, before it waits. */
  loginAddressLimit: number;
  loginAddressWindowSeconds: number;
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
    loginDelayMs: int('YIZHAN_LOGIN_DELAY_MS', 60_000),
    loginDelayMaxMs: int('YIZHAN_LOGIN_DELAY_MAX_MS', 30 * 60_000),
    loginAddressLimit: int('YIZHAN_LOGIN_ADDRESS_LIMIT', 20),
    loginAddressWindowSeconds: int('YIZHAN_LOGIN_ADDRESS_WINDOW_SECONDS', 60),
    passwordMaxAgeDays: int('YIZHAN_PASSWORD_MAX_AGE_DAYS', 90),
    allowPrivateWebhooks: process.env.NODE_ENV === 'test' && process.env.YIZHAN_ALLOW_PRIVATE_WEBHOOKS === '1',
  };
}

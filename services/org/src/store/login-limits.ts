// Failed logins per client address, shared by every replica: rate-limiter-flexible's PostgreSQL store on the org
// service's own pool, in the table migration 0006 creates (org.login_address_limits; never created at run time).
import type { MikroORM } from '@mikro-orm/postgresql';
import { CompiledQuery } from 'kysely';
import { RateLimiterPostgres } from 'rate-limiter-flexible';
import type { OrgSettings } from '../settings.ts';

export interface AddressLimiter {
  /** Seconds to wait before the next login from this address, or 0 when it may try. */
  waitSeconds(address: string): Promise<number>;
  /** Counts a failed login from this address. */
  recordFailure(address: string): Promise<void>;
}

export function addressLimiter(orm: MikroORM, settings: Pick<OrgSettings, 'loginAddressLimit' | 'loginAddressWindowSeconds'>): AddressLimiter {
  const db = orm.em.getConnection().getClient();
  // The store speaks node-postgres: `query({ text, values })`, answered with `rows` and `rowCount`. The pool's Kysely
  // runs the statement as given.
  const storeClient = {
    async query(q: { text: string; values?: unknown[] }) {
      const { rows } = await db.executeQuery(CompiledQuery.raw(q.text, q.values ?? []));
      return { rows, rowCount: rows.length };
    },
  };
  const limiter = new RateLimiterPostgres({
    storeClient,
    storeType: 'client',
    schemaName: 'org',
    tableName: 'login_address_limits',
    tableCreated: true,
    keyPrefix: 'login',
    points: settings.loginAddressLimit,
    duration: settings.loginAddressWindowSeconds,
  });
  return {
    async waitSeconds(address) {
      const res = await limiter.get(address);
      return res && res.consumedPoints >= settings.loginAddressLimit ? Math.max(1, Math.ceil(res.msBeforeNext / 1000)) : 0;
    },
    async recordFailure(address) {
      await limiter.penalty(address, 1);
    },
  };
}

// The audit log's SQL: appending (org's own entries and those other services hand over), reading a unit's part of it
// with the people's names, and the two reports of seed 003 §42 (accounts unused for long, suspicious patterns).
import type { EntityManager } from '@mikro-orm/postgresql';
import type { AuditCategory, AuditEntry } from '@yizhan/common';
import { type Kysely, sql } from 'kysely';
import type { DB } from './db.ts';
import { withDb } from './sql.ts';

export interface AuditRow {
  id: string;
  at: string;
  source: string;
  category: AuditCategory;
  action: string;
  outcome: 'OK' | 'REFUSED';
  actorId: string | null;
  actorName: string | null;
  actorUsername: string | null;
  unitName: string | null;
  targetType: string | null;
  targetId: string | null;
  targetName: string | null;
  clientAddress: string | null;
  detail: Record<string, unknown>;
}

export interface AuditFilter {
  /** The unit whose part of the log is read: entries of its subtree, at either end. */
  path: string;
  from?: Date | null;
  to?: Date | null;
  category?: AuditCategory | null;
  outcome?: 'OK' | 'REFUSED' | null;
  actorId?: string | null;
  /** Entries older than this id (the page cursor). */
  before?: string | null;
  limit: number;
}

/** Appends entries of one source; `paths` gives each entry's actor unit and the unit acted on. */
export async function appendAudit(em: EntityManager, source: string, entries: { entry: AuditEntry; orgPath: string | null; otherPath?: string | null }[]) {
  if (!entries.length) return;
  await withDb(em, (db) =>
    db
      .insertInto('org.audit_log')
      .values(
        entries.map(({ entry, orgPath, otherPath }) => ({
          source,
          category: entry.category,
          action: entry.action,
          outcome: entry.outcome,
          actor_id: entry.actorId,
          actor_username: entry.actorUsername,
          org_id: entry.orgId,
          org_path: orgPath,
          other_path: otherPath ?? null,
          target_type: entry.targetType,
          target_id: entry.targetId,
          target_name: entry.targetName ?? null,
          client_address: entry.clientAddress,
          detail: JSON.stringify(entry.detail),
        })),
      )
      .execute(),
  );
}

/** A login's entry, before any scope exists (org.audit_login finds the account's unit). */
export async function appendLogin(em: EntityManager, username: string, action: string, outcome: 'OK' | 'REFUSED', address: string | undefined, detail: object) {
  await em.execute('select org.audit_login(?, ?, ?, ?, ?::jsonb)', [username.slice(0, 100), action, outcome, address ?? null, JSON.stringify(detail)]);
}

const within = (path: string) => sql<boolean>`(a.org_path <@ ${path}::ltree or a.other_path <@ ${path}::ltree)`;

function filtered(db: Kysely<DB>, f: AuditFilter) {
  let q = db.selectFrom('org.audit_log as a').where(within(f.path));
  if (f.from) q = q.where('a.at', '>=', f.from.toISOString());
  if (f.to) q = q.where('a.at', '<', f.to.toISOString());
  if (f.category) q = q.where('a.category', '=', f.category);
  if (f.outcome) q = q.where('a.outcome', '=', f.outcome);
  if (f.actorId) q = q.where('a.actor_id', '=', f.actorId);
  if (f.before) q = q.where('a.id', '<', f.before);
  return q;
}

/** Newest first, with the acting person's name and unit as they are now. */
export async function readAudit(em: EntityManager, f: AuditFilter): Promise<AuditRow[]> {
  const rows = await withDb(em, (db) =>
    filtered(db, f)
      .leftJoin('org.users as u', 'u.id', 'a.actor_id')
      .leftJoin('org.orgs as o', 'o.id', 'a.org_id')
      .select([
        'a.id',
        'a.at',
        'a.source',
        'a.category',
        'a.action',
        'a.outcome',
        'a.actor_id',
        'a.actor_username',
        'u.display_name',
        'o.name as unit_name',
        'a.target_type',
        'a.target_id',
        'a.target_name',
        'a.client_address',
        'a.detail',
      ])
      .$narrowType<{ category: AuditCategory; outcome: 'OK' | 'REFUSED'; detail: Record<string, unknown> }>()
      .orderBy('a.id', 'desc')
      .limit(f.limit)
      .execute(),
  );
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    source: r.source,
    category: r.category,
    action: r.action,
    outcome: r.outcome,
    actorId: r.actor_id,
    actorName: r.display_name,
    actorUsername: r.actor_username,
    unitName: r.unit_name,
    targetType: r.target_type,
    targetId: r.target_id,
    targetName: r.target_name,
    clientAddress: r.client_address,
    detail: r.detail ?? {},
  }));
}

export interface UnusedAccount {
  id: string;
  displayName: string;
  username: string;
  unitName: string;
  lastLoginAt: string | null;
  createdAt: string;
}

/** Active accounts of the subtree not logged in for `days` days (never, and older than that, counts too). */
export async function unusedAccounts(em: EntityManager, path: string, days: number): Promise<UnusedAccount[]> {
  const since = new Date(Date.now() - days * 86400_000).toISOString();
  const rows = await withDb(em, (db) =>
    db
      .selectFrom('org.users as u')
      .innerJoin('org.orgs as o', 'o.id', 'u.org_id')
      .select(['u.id', 'u.display_name', 'u.username', 'o.name as unit_name', 'u.last_login_at', 'u.created_at'])
      .where(sql<boolean>`u.org_path <@ ${path}::ltree`)
      .where('u.status', '=', 'ACTIVE')
      .where('u.created_at', '<', since)
      .where((eb) => eb.or([eb('u.last_login_at', 'is', null), eb('u.last_login_at', '<', since)]))
      .orderBy('u.last_login_at', (ob) => ob.asc().nullsFirst())
      .orderBy('u.username')
      .limit(1000)
      .execute(),
  );
  return rows.map((r) => ({
    id: r.id,
    displayName: r.display_name,
    username: r.username,
    unitName: r.unit_name,
    lastLoginAt: r.last_login_at,
    createdAt: r.created_at,
  }));
}

export interface SuspiciousPattern {
  kind: 'FAILED_LOGINS' | 'ADDRESS_TRYING_MANY_ACCOUNTS' | 'MANY_ADDRESSES';
  /** The account (null for an address trying many names). */
  actorId: string | null;
  actorName: string | null;
  clientAddress: string | null;
  count: number;
  firstAt: string;
  lastAt: string;
}

/**
 * Seed 003 §42 (一)(五) — accounts used by others, passwords guessed: an account with many failed logins; an address
 * whose failures span several accounts; an account that logged in from many addresses. Over the last `days` days.
 */
export async function suspiciousPatterns(em: EntityManager, path: string, days: number, threshold = { failures: 5, accounts: 3, addresses: 3 }) {
  const since = new Date(Date.now() - days * 86400_000).toISOString();
  return withDb(em, async (db) => {
    const logins = () =>
      db
        .selectFrom('org.audit_log as a')
        .where('a.category', '=', 'LOGIN')
        // Logins only: a 忘记密码 request is filed beside them (anyone may make one for any name) and proves nothing.
        .where('a.action', 'in', ['login', 'login.refused'])
        .where('a.at', '>=', since)
        .where(sql<boolean>`(a.org_path <@ ${path}::ltree or (a.org_path is null and nlevel(${path}::ltree) = 1))`);
    const failures = await logins()
      .leftJoin('org.users as u', 'u.id', 'a.actor_id')
      .where('a.outcome', '=', 'REFUSED')
      .where('a.actor_id', 'is not', null)
      .select((eb) => ['a.actor_id', 'u.display_name', eb.fn.countAll<string>().as('n'), eb.fn.min('a.at').as('first_at'), eb.fn.max('a.at').as('last_at')])
      .groupBy(['a.actor_id', 'u.display_name'])
      .having((eb) => eb.fn.countAll(), '>=', threshold.failures)
      .execute();
    const sweeping = await logins()
      .where('a.outcome', '=', 'REFUSED')
      .where('a.client_address', 'is not', null)
      .select((eb) => [
        'a.client_address',
        sql<string>`count(distinct a.actor_username)`.as('n'),
        eb.fn.min('a.at').as('first_at'),
        eb.fn.max('a.at').as('last_at'),
      ])
      .groupBy('a.client_address')
      .having(sql`count(distinct a.actor_username)`, '>=', threshold.accounts)
      .execute();
    const roaming = await logins()
      .leftJoin('org.users as u', 'u.id', 'a.actor_id')
      .where('a.outcome', '=', 'OK')
      .where('a.actor_id', 'is not', null)
      .select((eb) => [
        'a.actor_id',
        'u.display_name',
        sql<string>`count(distinct a.client_address)`.as('n'),
        eb.fn.min('a.at').as('first_at'),
        eb.fn.max('a.at').as('last_at'),
      ])
      .groupBy(['a.actor_id', 'u.display_name'])
      .having(sql`count(distinct a.client_address)`, '>=', threshold.addresses)
      .execute();
    const out: SuspiciousPattern[] = [
      ...failures.map((r) => ({
        kind: 'FAILED_LOGINS' as const,
        actorId: r.actor_id,
        actorName: r.display_name,
        clientAddress: null,
        count: Number(r.n),
        firstAt: String(r.first_at),
        lastAt: String(r.last_at),
      })),
      ...sweeping.map((r) => ({
        kind: 'ADDRESS_TRYING_MANY_ACCOUNTS' as const,
        actorId: null,
        actorName: null,
        clientAddress: r.client_address,
        count: Number(r.n),
        firstAt: String(r.first_at),
        lastAt: String(r.last_at),
      })),
      ...roaming.map((r) => ({
        kind: 'MANY_ADDRESSES' as const,
        actorId: r.actor_id,
        actorName: r.display_name,
        clientAddress: null,
        count: Number(r.n),
        firstAt: String(r.first_at),
        lastAt: String(r.last_at),
      })),
    ];
    return out.sort((a, b) => b.count - a.count);
  });
}

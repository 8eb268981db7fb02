// The SQL of 用印专用终端: a unit's registered terminals, under row-level security (the unit's own only). Instants are
// read as text.
import type { EntityManager } from '@mikro-orm/postgresql';
import { sql } from 'kysely';
import { withDb } from './sql.ts';

export interface TerminalRow {
  id: string;
  org_id: string;
  name: string;
  keeper_id: string;
  keeper_name: string;
  public_key: Buffer;
  fingerprint: string;
  registered_by_name: string;
  registered_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
  revoked_by_name: string | null;
  revoked_reason: string | null;
}

const COLUMNS = [
  'id',
  'org_id',
  'name',
  'keeper_id',
  'keeper_name',
  'public_key',
  'fingerprint',
  'registered_by_name',
  sql<string>`registered_at::text`.as('registered_at'),
  sql<string | null>`last_used_at::text`.as('last_used_at'),
  sql<string | null>`revoked_at::text`.as('revoked_at'),
  'revoked_by_name',
  'revoked_reason',
] as const;

/** The unit's terminals, those in use first, then by name. */
export function terminalsOf(em: EntityManager, orgId: string): Promise<TerminalRow[]> {
  return withDb(em, (db) =>
    db.selectFrom('seals.terminals').select(COLUMNS).where('org_id', '=', orgId).orderBy(sql`revoked_at IS NOT NULL`).orderBy('name').execute(),
  );
}

export function terminalOf(em: EntityManager, id: string, orgId: string, forUpdate = false): Promise<TerminalRow | undefined> {
  return withDb(em, (db) => {
    const q = db.selectFrom('seals.terminals').select(COLUMNS).where('id', '=', id).where('org_id', '=', orgId);
    return (forUpdate ? q.forUpdate() : q).executeTakeFirst();
  });
}

/** The unit's terminal of a key, if it registered the key already (row-level security: the unit's own only). */
export function terminalByFingerprint(em: EntityManager, fingerprint: string): Promise<{ id: string; name: string } | undefined> {
  return withDb(em, (db) => db.selectFrom('seals.terminals').select(['id', 'name']).where('fingerprint', '=', fingerprint).executeTakeFirst());
}

export async function insertTerminal(
  em: EntityManager,
  t: { orgId: string; orgPath: string; name: string; keeperId: string; keeperName: string; publicKey: Buffer; fingerprint: string; by: string },
): Promise<string> {
  const row = await withDb(em, (db) =>
    db
      .insertInto('seals.terminals')
      .values({
        org_id: t.orgId,
        org_path: sql<string>`${t.orgPath}::ltree`,
        name: t.name,
        keeper_id: t.keeperId,
        keeper_name: t.keeperName,
        public_key: t.publicKey,
        fingerprint: t.fingerprint,
        registered_by_name: t.by,
      })
      .returning('id')
      .executeTakeFirstOrThrow(),
  );
  return row.id;
}

export async function revokeTerminal(em: EntityManager, id: string, by: string, reason: string): Promise<void> {
  await withDb(em, (db) =>
    db.updateTable('seals.terminals').set({ revoked_at: sql<Date>`now()`, revoked_by_name: by, revoked_reason: reason }).where('id', '=', id).execute(),
  );
}

export async function touchTerminal(em: EntityManager, id: string): Promise<void> {
  await withDb(em, (db) => db.updateTable('seals.terminals').set({ last_used_at: sql<Date>`now()` }).where('id', '=', id).execute());
}

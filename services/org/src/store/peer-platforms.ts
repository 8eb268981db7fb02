// 对端平台: the org.peer_platforms rows (migration 0017) — each peer's stand-in unit and pinned CA roots.
import type { EntityManager } from '@mikro-orm/postgresql';
import { sql } from 'kysely';
import { Org } from '../entities/Org.ts';
import { withDb } from './sql.ts';

const COLUMNS = ['stand_in_org_id', 'platform', 'roots', 'created_at'] as const;

/** Whether a unit stands in for a peer platform. */
export const isStandIn = async (em: EntityManager, orgId: string): Promise<boolean> =>
  !!(await withDb(em, (db) => db.selectFrom('org.peer_platforms').select('stand_in_org_id').where('stand_in_org_id', '=', orgId).executeTakeFirst()));

export const insertPeerPlatform = (em: EntityManager, p: { standIn: Org; platform: string; roots: Uint8Array[]; createdBy: string }) =>
  withDb(em, (db) =>
    db
      .insertInto('org.peer_platforms')
      .values({
        stand_in_org_id: p.standIn.id,
        org_path: p.standIn.path,
        platform: p.platform,
        roots: p.roots.map((r) => Buffer.from(r)),
        created_by: p.createdBy,
      })
      .execute(),
  );

/** The peers whose stand-ins sit at or below a unit, oldest first. */
export const peerPlatformsWithin = (em: EntityManager, path: string) =>
  withDb(em, (db) => db.selectFrom('org.peer_platforms').select(COLUMNS).where(sql<boolean>`org_path <@ ${path}::ltree`).orderBy('created_at').execute());

/** The peer a unit stands in for, if it is a stand-in. */
export const peerPlatformOf = (em: EntityManager, standInOrgId: string) =>
  withDb(em, (db) => db.selectFrom('org.peer_platforms').select(COLUMNS).where('stand_in_org_id', '=', standInOrgId).executeTakeFirst());

/** Units by id, in one query. */
export const orgsById = async (em: EntityManager, ids: string[]): Promise<Map<string, Org>> =>
  new Map(ids.length ? (await em.find(Org, { id: { $in: [...new Set(ids)] } })).map((o) => [o.id, o]) : []);

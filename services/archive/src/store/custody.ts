// The fonds a unit keeps besides its own (archive.custody, migration 0011): closed units' archives in its custody.
import type { EntityManager } from '@mikro-orm/postgresql';
import { sql } from 'kysely';
import { withDb } from './sql.ts';

/** A closed unit's fonds in the custody of the unit `keeperId`, with where it stands; undefined when it keeps none such. */
export const keptFonds = (em: EntityManager, keeperId: string, fondsId: string) =>
  withDb(em, (db) =>
    db
      .selectFrom('archive.custody')
      .select(['fonds_org_id', 'fonds_path'])
      .where('fonds_org_id', '=', fondsId)
      .where('custodian_org_id', '=', keeperId)
      .executeTakeFirst(),
  );

/** Whether the unit `keeperId` keeps the fonds of `fondsId`: its own, or a closed unit's in its custody. */
export async function keeps(em: EntityManager, keeperId: string, fondsId: string): Promise<boolean> {
  return keeperId === fondsId || !!(await keptFonds(em, keeperId, fondsId));
}

/** The closed units' fonds in the unit's custody, with how many records each holds (destroyed ones counted apart). */
export function fondsInCustodyOf(em: EntityManager, keeperId: string) {
  return withDb(em, (db) =>
    db
      .selectFrom('archive.custody as c')
      .select((eb) => [
        'c.fonds_org_id',
        'c.fonds_path',
        'c.fonds_name',
        'c.fonds_code',
        'c.closed_as',
        'c.closed_reason',
        'c.closed_at',
        'c.since',
        eb
          .selectFrom('archive.records as r')
          .select((r) => r.fn.countAll<string>().as('n'))
          .whereRef('r.org_id', '=', 'c.fonds_org_id')
          .where('r.status', '<>', 'DESTROYED')
          .as('records'),
      ])
      .where('c.custodian_org_id', '=', keeperId)
      .orderBy('c.since')
      .orderBy('c.fonds_name')
      .execute(),
  );
}

/** How many records (not destroyed) the unit's own fonds holds. */
export async function ownRecordCount(em: EntityManager, orgId: string): Promise<number> {
  const row = await withDb(em, (db) =>
    db
      .selectFrom('archive.records')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('org_id', '=', orgId)
      .where('status', '<>', 'DESTROYED')
      .executeTakeFirst(),
  );
  return Number(row?.n ?? 0);
}

export interface CustodyTaken {
  fonds: { orgId: string; path: string; name: string; code: string };
  closedAs: 'DISSOLVED' | 'MERGED';
  reason: string;
  closedAt: Date;
  custodian: { orgId: string; path: string; name: string };
}

/**
 * The custodian takes the closed unit's fonds, and every fonds the closed unit kept: it answers the fonds that changed
 * keeper (the closed unit's first), for their chains. Run again for the same event, it changes nothing and answers none.
 */
export async function takeCustody(em: EntityManager, t: CustodyTaken): Promise<{ orgId: string; orgPath: string; from: string | null }[]> {
  return withDb(em, async (db) => {
    const own = await db
      .insertInto('archive.custody')
      .values({
        fonds_org_id: t.fonds.orgId,
        fonds_path: t.fonds.path,
        fonds_name: t.fonds.name,
        fonds_code: t.fonds.code,
        closed_as: t.closedAs,
        closed_reason: t.reason,
        closed_at: t.closedAt,
        custodian_org_id: t.custodian.orgId,
        custodian_path: t.custodian.path,
        custodian_name: t.custodian.name,
      })
      .onConflict((oc) => oc.column('fonds_org_id').doNothing())
      .returning(['fonds_org_id', 'fonds_path'])
      .execute();
    const passedOn = await db
      .updateTable('archive.custody')
      .set({ custodian_org_id: t.custodian.orgId, custodian_path: t.custodian.path, custodian_name: t.custodian.name, since: sql`now()` })
      .where('custodian_org_id', '=', t.fonds.orgId)
      .returning(['fonds_org_id', 'fonds_path'])
      .execute();
    return [
      ...own.map((r) => ({ orgId: r.fonds_org_id, orgPath: r.fonds_path, from: null })),
      ...passedOn.map((r) => ({ orgId: r.fonds_org_id, orgPath: r.fonds_path, from: t.fonds.name })),
    ];
  });
}

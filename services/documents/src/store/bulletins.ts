// 通报's rows: the bulletins a unit published, by a person or by its schedule, and the schedule itself (定期通报).
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Insertable, Selectable } from 'kysely';
import type { BulletinCadence } from '../domain/bulletin-schedule.ts';
import type { UnitPerformance } from '../domain/supervision.ts';
import type { DB } from './db.ts';
import { withDb } from './sql.ts';

/** A published bulletin. */
export interface PublishedBulletin {
  id: string;
  title: string;
  periodFrom: Date;
  periodTo: Date;
  rows: UnitPerformance[];
  pdfSha256: string | null;
  createdByName: string;
  createdAt: Date;
  /** The schedule's cadence when the schedule published it; null when a person did. */
  cadence: BulletinCadence | null;
}

type BulletinRow = Selectable<DB['documents.bulletins']>;

const toBulletin = (r: BulletinRow): PublishedBulletin => ({
  id: r.id,
  title: r.title,
  periodFrom: new Date(r.period_from),
  periodTo: new Date(r.period_to),
  // A jsonb column: what was stored, the performance rows of the period.
  rows: r.rows as UnitPerformance[],
  pdfSha256: r.pdf_sha256,
  createdByName: r.created_by_name,
  createdAt: new Date(r.created_at),
  cadence: r.cadence as BulletinCadence | null,
});

/** Stores a bulletin; null when its schedule's bulletin of the same period is there already (another replica's turn). */
export async function insertBulletin(em: EntityManager, row: Insertable<DB['documents.bulletins']>): Promise<PublishedBulletin | null> {
  const stored = await withDb(em, (db) =>
    db
      .insertInto('documents.bulletins')
      .values(row)
      .onConflict((oc) => oc.columns(['org_id', 'cadence', 'period_from']).where('cadence', 'is not', null).doNothing())
      .returningAll()
      .executeTakeFirst(),
  );
  return stored ? toBulletin(stored) : null;
}

/** Whether the unit published a bulletin of the same period before this one (its units were told then). */
export async function publishedBefore(em: EntityManager, orgId: string, from: Date, to: Date, thisOne: string): Promise<boolean> {
  const found = await withDb(em, (db) =>
    db
      .selectFrom('documents.bulletins')
      .select('id')
      .where('org_id', '=', orgId)
      .where('period_from', '=', from.toISOString())
      .where('period_to', '=', to.toISOString())
      .where('id', '<>', thisOne)
      .limit(1)
      .executeTakeFirst(),
  );
  return Boolean(found);
}

/** The bulletins of a unit, newest first. */
export async function bulletinsOf(em: EntityManager, orgId: string): Promise<PublishedBulletin[]> {
  const found = await withDb(em, (db) => db.selectFrom('documents.bulletins').selectAll().where('org_id', '=', orgId).orderBy('created_at', 'desc').execute());
  return found.map(toBulletin);
}

/** A bulletin visible under row-level security, of one unit when `orgId` is given. */
export async function findBulletin(em: EntityManager, id: string, orgId?: string): Promise<PublishedBulletin | null> {
  const row = await withDb(em, (db) => {
    const q = db.selectFrom('documents.bulletins').selectAll().where('id', '=', id);
    return (orgId ? q.where('org_id', '=', orgId) : q).executeTakeFirst();
  });
  return row ? toBulletin(row) : null;
}

/** A unit's schedule of bulletins. */
export interface BulletinSchedule {
  orgId: string;
  orgPath: string;
  orgName: string;
  cadence: BulletinCadence;
  /** When its next bulletin is published: the start of the period after the one it covers. */
  nextAt: Date;
  setBy: string;
  setByName: string;
  updatedAt: Date;
}

type ScheduleRow = {
  org_id: string;
  org_path: string;
  org_name: string;
  cadence: string;
  next_at: string;
  set_by: string;
  set_by_name: string;
  updated_at: string;
};

const toSchedule = (r: ScheduleRow): BulletinSchedule => ({
  orgId: r.org_id,
  orgPath: r.org_path,
  orgName: r.org_name,
  cadence: r.cadence as BulletinCadence,
  nextAt: new Date(r.next_at),
  setBy: r.set_by,
  setByName: r.set_by_name,
  updatedAt: new Date(r.updated_at),
});

const scheduleColumns = `org_id, org_path::text, org_name, cadence, next_at::text, set_by, set_by_name, updated_at::text`;

/** The unit's schedule; with `dueAt`, only when a bulletin is due by then, its row locked (a replica at the same turn
 * skips it). */
export async function scheduleOf(em: EntityManager, orgId: string, dueAt?: Date): Promise<BulletinSchedule | null> {
  const [row] = dueAt
    ? await em.execute<ScheduleRow[]>(`select ${scheduleColumns} from documents.bulletin_schedules where org_id = ? and next_at <= ? for update skip locked`, [
        orgId,
        dueAt,
      ])
    : await em.execute<ScheduleRow[]>(`select ${scheduleColumns} from documents.bulletin_schedules where org_id = ?`, [orgId]);
  return row ? toSchedule(row) : null;
}

/** Sets (or replaces) the unit's schedule. */
export async function writeSchedule(em: EntityManager, s: Omit<BulletinSchedule, 'updatedAt'>): Promise<BulletinSchedule> {
  const [row] = await em.execute<ScheduleRow[]>(
    `insert into documents.bulletin_schedules (org_id, org_path, org_name, cadence, next_at, set_by, set_by_name)
     values (?, ?::ltree, ?, ?, ?, ?, ?)
     on conflict (org_id) do update set org_path = excluded.org_path, org_name = excluded.org_name, cadence = excluded.cadence,
       next_at = excluded.next_at, set_by = excluded.set_by, set_by_name = excluded.set_by_name, updated_at = now()
     returning ${scheduleColumns}`,
    [s.orgId, s.orgPath, s.orgName, s.cadence, s.nextAt, s.setBy, s.setByName],
  );
  return toSchedule(row as ScheduleRow);
}

/** When the unit's next bulletin is due, after it published the ones before. */
export async function advanceSchedule(em: EntityManager, orgId: string, nextAt: Date): Promise<void> {
  await em.execute('update documents.bulletin_schedules set next_at = ? where org_id = ?', [nextAt, orgId]);
}

/** Takes the unit's schedule away: no more bulletins are published for it. */
export async function clearSchedule(em: EntityManager, orgId: string): Promise<void> {
  await em.execute('delete from documents.bulletin_schedules where org_id = ?', [orgId]);
}

/** A unit renamed: its scheduled bulletins print its new name. */
export async function renameScheduledUnit(em: EntityManager, orgId: string, name: string): Promise<void> {
  await em.execute('update documents.bulletin_schedules set org_name = ? where org_id = ?', [name, orgId]);
}

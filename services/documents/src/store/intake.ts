// The 收文登记簿's reads and writes: a unit's entries by year, period and text; one delivery's entry; its 办理情况.
// Row-level security keeps every unit to its own register (the table's policy is the unit's own rows).
import type { EntityManager } from '@mikro-orm/postgresql';
import { type Expression, type ExpressionBuilder, type Selectable, type SqlBool, sql } from 'kysely';
import type { HandlingStatus } from '../domain/intake.ts';
import type { DB } from './db.ts';
import { likeEscape } from './documents.ts';
import { withDb } from './sql.ts';

export type IntakeRow = Selectable<DB['documents.intake_register']>;

/** What the register may be narrowed by. */
export interface RegisterFilter {
  year: number;
  /** Text in the title, the 文号 or the 来文单位. */
  search?: string | null;
  /** 收文时间 from (inclusive) and to (exclusive). */
  from?: Date | null;
  to?: Date | null;
}

/** The filter as one condition, for the page, its count and the export alike. */
function matching(orgId: string, f: RegisterFilter) {
  const like = f.search?.trim() ? `%${likeEscape(f.search.trim().slice(0, 100))}%` : null;
  return (eb: ExpressionBuilder<DB, 'documents.intake_register'>) => {
    const where: Expression<SqlBool>[] = [eb('org_id', '=', orgId), eb('year', '=', f.year)];
    if (f.from) where.push(eb('signed_at', '>=', f.from.toISOString()));
    if (f.to) where.push(eb('signed_at', '<', f.to.toISOString()));
    if (like) where.push(eb.or([eb('title', 'ilike', like), eb('doc_number', 'ilike', like), eb('sender_name', 'ilike', like)]));
    return eb.and(where);
  };
}

/** A page of a unit's register, newest 收文编号 first, below the cursor's number; and how many match in all. */
export async function registerPage(
  em: EntityManager,
  orgId: string,
  f: RegisterFilter,
  first: number,
  beforeSeq: number | null,
): Promise<{ rows: IntakeRow[]; total: number }> {
  const where = matching(orgId, f);
  const rows = await withDb(em, (db) =>
    db
      .selectFrom('documents.intake_register')
      .selectAll()
      .where(where)
      .$if(beforeSeq !== null, (qb) => qb.where('seq', '<', beforeSeq as number))
      .orderBy('seq', 'desc')
      .limit(first + 1)
      .execute(),
  );
  const count = await withDb(em, (db) =>
    db
      .selectFrom('documents.intake_register')
      .select((eb) => eb.cast<number>(eb.fn.countAll(), 'integer').as('n'))
      .where(where)
      .executeTakeFirstOrThrow(),
  );
  return { rows, total: count.n };
}

/** Every entry that matches, in 收文编号 order (an export: at most `limit`). */
export function registerRows(em: EntityManager, orgId: string, f: RegisterFilter, limit: number): Promise<IntakeRow[]> {
  const where = matching(orgId, f);
  return withDb(em, (db) => db.selectFrom('documents.intake_register').selectAll().where(where).orderBy('seq', 'asc').limit(limit).execute());
}

/** A delivery's register entry, if the caller's unit signed for it (a sender sees none of its recipients'). */
export function intakeOf(em: EntityManager, deliveryId: string): Promise<IntakeRow | undefined> {
  return withDb(em, (db) => db.selectFrom('documents.intake_register').selectAll().where('delivery_id', '=', deliveryId).executeTakeFirst());
}

/** Keeps the register's 办理情况 current as the delivery's handling moves on. */
export async function setHandlingStatus(em: EntityManager, deliveryId: string, status: HandlingStatus): Promise<void> {
  await withDb(em, (db) =>
    db
      .updateTable('documents.intake_register')
      .set({ handling_status: status, handling_changed_at: sql<Date>`clock_timestamp()` })
      .where('delivery_id', '=', deliveryId)
      .execute(),
  );
}

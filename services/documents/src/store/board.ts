// The SQL of the sender's delivery board (app/board.ts): one page of a document's deliveries under a filter chip and
// a search, and the figures of all of them (each chip's count, each group's signed and live units). Run in the
// caller's transaction and row-level-security scope; a recipient unit reading the board is narrowed to its own row.
import type { EntityManager } from '@mikro-orm/postgresql';
import { isUuid, likeEscape } from '@yizhan/kernel';
import { type Expression, type ExpressionBuilder, type Kysely, type SqlBool, sql } from 'kysely';
import { BOARD_FILTERS, type BoardFilter, type BoardPosition, PROVINCE_GROUP } from '../domain/board.ts';
import { REPLACED_STATUSES, UNSIGNED_STATUSES } from '../domain/delivery.ts';
import type { DB } from './db.ts';
import { withDb } from './sql.ts';

type Eb = ExpressionBuilder<DB, 'documents.deliveries'>;

export interface BoardScope {
  documentId: string;
  /** A recipient unit sees only its own delivery; null for the sender and the units above it. */
  onlyRecipient: string | null;
}

export interface BoardSearch {
  /** Part of the unit's name. */
  text: string | null;
  /** Units whose registered contacts match the text (asked of org). */
  orgIds: readonly string[];
}

/** A chip's rule (domain/board.ts inBoardFilter) as SQL. */
function chip(eb: Eb, f: BoardFilter): Expression<SqlBool> {
  const unsigned = eb('status', 'in', UNSIGNED_STATUSES);
  switch (f) {
    case 'ALL':
      return eb('status', 'not in', REPLACED_STATUSES);
    case 'REPLACED':
      return eb('status', 'in', REPLACED_STATUSES);
    case 'NOT_RECEIVED':
      return eb.and([unsigned, eb('received_at', 'is', null)]);
    case 'NOT_SIGNED':
      return unsigned;
    case 'OVERDUE':
      return eb.and([unsigned, eb('due_at', '<', sql<string>`now()`)]);
    case 'RETURNED':
      return eb('status', 'in', ['RETURNED', 'RESEND_REQUESTED']);
    case 'REPORTED':
      // 已报送: the report asked for by this delivery is in, in time or late (domain/reply.ts reportState).
      return eb.exists(
        eb
          .selectFrom('documents.reports as r')
          .select(sql.lit(1).as('one'))
          .whereRef('r.request_delivery_id', '=', 'documents.deliveries.id')
          .where('r.status', '=', 'REPORTED')
          .where('r.reported_at', 'is not', null),
      );
  }
}

const scoped = (eb: Eb, s: BoardScope): Expression<SqlBool> =>
  eb.and([eb('document_id', '=', s.documentId), ...(s.onlyRecipient ? [eb('recipient_org_id', '=', s.onlyRecipient)] : [])]);

function searched(eb: Eb, q: BoardSearch): Expression<SqlBool> {
  const matches: Expression<SqlBool>[] = [];
  if (q.text) matches.push(eb('recipient_name', 'like', `%${likeEscape(q.text)}%`));
  const ids = q.orgIds.filter(isUuid);
  if (ids.length) matches.push(eb('recipient_org_id', '=', sql<string>`any(${ids}::uuid[])`));
  return matches.length ? eb.or(matches) : eb.val(false);
}

const under = (scope: BoardScope, filter: BoardFilter, search: BoardSearch | null) => (eb: Eb) =>
  eb.and([scoped(eb, scope), chip(eb, filter), ...(search ? [searched(eb, search)] : [])]);

/** One page of rows under a chip and a search, in the board's order, after `after`; one row more tells of a next page. */
export const boardRows = (em: EntityManager, scope: BoardScope, filter: BoardFilter, search: BoardSearch | null, after: BoardPosition | null, limit: number) =>
  withDb(em, (db) =>
    db
      .selectFrom('documents.deliveries')
      .selectAll()
      .where(under(scope, filter, search))
      .$if(after !== null, (qb) => qb.where(sql<boolean>`(recipient_path, id) > (${after?.path}::ltree, ${after?.id}::uuid)`))
      .orderBy('recipient_path')
      .orderBy('id')
      .limit(limit)
      .execute(),
  );

/** How many rows a chip and a search hold. */
export const boardCount = (em: EntityManager, scope: BoardScope, filter: BoardFilter, search: BoardSearch | null) =>
  withDb(em, (db) =>
    db
      .selectFrom('documents.deliveries')
      .select((eb) => eb.cast<number>(eb.fn.countAll(), 'integer').as('n'))
      .where(under(scope, filter, search))
      .executeTakeFirstOrThrow(),
  ).then((r) => r.n);

/** The group of a row, as domain/board.ts boardGroupOf decides it, in SQL (a literal, not a parameter: the same
 * expression stands in the select list and the group by). */
const groupKey = sql<string>`case when split_part(recipient_path::text, '.', 2) like 'c%' then subpath(recipient_path, 0, 2)::text else ${sql.lit(PROVINCE_GROUP)} end`;

/** A group's figures and the chips' parts in it, as both ways of counting them answer. */
type GroupFigures = { key: string; name: string | null; live: number; signed: number } & Record<BoardFilter, number>;

/**
 * Every chip's count, and per group its live units, those signed for, and the city's name when it is a recipient.
 * The sender and the units above it read the document's kept figures (migration 0034: folded and queued, its years
 * still attached), a few rows whatever the broadcast's size, and its 已报送 from the reports; a recipient unit counts
 * its own delivery.
 */
export async function boardFigures(em: EntityManager, scope: BoardScope) {
  const groups = scope.onlyRecipient ? await countedFigures(em, scope) : await keptFigures(em, scope.documentId);
  const chips = Object.fromEntries(BOARD_FILTERS.map((f) => [f, groups.reduce((n, g) => n + g[f], 0)])) as Record<BoardFilter, number>;
  return { chips, groups: groups.map((g) => ({ key: g.key, name: g.name, live: g.live, signed: g.signed })) };
}

/** The figures counted from the deliveries under the scope: one pass, counted per group. */
const countedFigures = (em: EntityManager, scope: BoardScope): Promise<GroupFigures[]> =>
  withDb(em, (db) =>
    db
      .selectFrom('documents.deliveries')
      .select((eb) => [
        groupKey.as('key'),
        eb.cast<number>(eb.fn.countAll().filterWhere('status', 'not in', REPLACED_STATUSES), 'integer').as('live'),
        eb
          .cast<number>(
            eb.fn.countAll().filterWhere((w) => w.and([w('status', 'not in', REPLACED_STATUSES), w('signed_at', 'is not', null)])),
            'integer',
          )
          .as('signed'),
        sql<string | null>`max(recipient_name) filter (where recipient_path::text = ${groupKey})`.as('name'),
        ...BOARD_FILTERS.map((f) => eb.cast<number>(eb.fn.countAll().filterWhere(chip(eb, f)), 'integer').as(f)),
      ])
      .where((eb) => scoped(eb, scope))
      .groupBy(groupKey)
      .orderBy(sql`${groupKey} = ${sql.lit(PROVINCE_GROUP)}`, 'desc')
      .orderBy(groupKey)
      .execute(),
  ) as Promise<GroupFigures[]>;

/** A kept figure's column (migrations 0034, 0039), as the generated types know the table. */
type KeptFigure = Exclude<keyof DB['documents.board_figures'], 'document_id' | 'sender_path' | 'group_key' | 'due_at' | 'year_start' | 'group_name'>;
const sum = (c: KeptFigure) => sql<number>`coalesce(sum(${sql.ref(c)}), 0)::integer`;

/** A document's kept figure rows, folded and still queued (migration 0034), of the years still attached. */
const keptRows = (db: Kysely<DB>, documentId: string) => {
  const kept = (table: 'documents.board_figures' | 'documents.board_figures_pending') =>
    db
      .selectFrom(table)
      .select(['group_key', 'group_name', 'due_at', 'live', 'signed', 'replaced', 'not_received', 'not_signed', 'returned', 'received'])
      .where('document_id', '=', documentId)
      .where(sql<boolean>`year_start >= documents.deliveries_kept_from()`);
  return kept('documents.board_figures').unionAll(kept('documents.board_figures_pending')).as('k');
};

/**
 * The live board's counts (live deliveries; of them opened, and signed for) from the kept figures: a few rows
 * whatever the broadcast's size. For the sender and the units above it; the figures' policy shows a recipient none.
 */
export const keptBoardCounts = (em: EntityManager, documentId: string) =>
  withDb(em, (db) =>
    db
      .selectFrom(keptRows(db, documentId))
      .select([sum('live').as('total'), sum('received').as('received'), sum('signed').as('signed')])
      .executeTakeFirstOrThrow(),
  ).then((r) => ({ ...r, pending: r.total - r.signed }));

/** The document's kept figures, per group, and its 已报送 (reports in), which the reports table counts. */
async function keptFigures(em: EntityManager, documentId: string): Promise<GroupFigures[]> {
  const { rows, reported } = await withDb(em, async (db) => {
    const rows = await db
      .selectFrom(keptRows(db, documentId))
      .select([
        'group_key as key',
        sql<string | null>`max(group_name)`.as('name'),
        sum('live').as('live'),
        sum('signed').as('signed'),
        sum('replaced').as('replaced'),
        sum('not_received').as('not_received'),
        sum('not_signed').as('not_signed'),
        sql<number>`coalesce(sum(not_signed) filter (where due_at < now()), 0)::integer`.as('overdue'),
        sum('returned').as('returned'),
      ])
      .groupBy('group_key')
      .orderBy(sql`group_key = ${sql.lit(PROVINCE_GROUP)}`, 'desc')
      .orderBy('group_key')
      .execute();
    const reported = await db
      .selectFrom('documents.reports')
      .select((eb) => eb.cast<number>(eb.fn.countAll(), 'integer').as('n'))
      .where('request_document_id', '=', documentId)
      .where('status', '=', 'REPORTED')
      .where('reported_at', 'is not', null)
      .executeTakeFirstOrThrow();
    return { rows, reported: reported.n };
  });
  // 已报送 is the document's, not a group's: it stands in the first group, so that the chips' sums hold it once.
  return rows.map((g, i) => ({
    key: g.key,
    name: g.name,
    live: g.live,
    signed: g.signed,
    ALL: g.live,
    REPLACED: g.replaced,
    NOT_RECEIVED: g.not_received,
    NOT_SIGNED: g.not_signed,
    OVERDUE: g.overdue,
    RETURNED: g.returned,
    REPORTED: i === 0 ? reported : 0,
  }));
}

/** The units a document was delivered to (for matching a search against their contacts). */
export const recipientUnits = (em: EntityManager, scope: BoardScope) =>
  withDb(em, (db) =>
    db
      .selectFrom('documents.deliveries')
      .select('recipient_org_id')
      .distinct()
      .where((eb) => scoped(eb, scope))
      .execute(),
  ).then((rs) => rs.map((r) => r.recipient_org_id));

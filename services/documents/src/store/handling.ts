// The unit's handling of what it signed for: its row (拟办, 批示, 办结), its tasks per section (承办), its readers
// (传阅), its history. Every table is the unit's own (row-level security): another unit reads none of it.
import type { EntityManager } from '@mikro-orm/postgresql';
import { notFound, YizhanError } from '@yizhan/common';
import { DocumentsErrorCode } from '@yizhan/contracts/documents';
import { type Selectable, sql } from 'kysely';
import type { HandlingStep, TaskState } from '../domain/handling.ts';
import type { DB } from './db.ts';
import { isUuid } from './documents.ts';
import { withDb } from './sql.ts';

export type HandlingRow = Selectable<DB['documents.handlings']> & { status: HandlingStep };
export type TaskRow = Selectable<DB['documents.handling_tasks']> & { status: TaskState };
export type ReaderRow = Selectable<DB['documents.handling_readers']>;
export type HistoryRow = Selectable<DB['documents.handling_history']>;

/** The register entry a handling belongs to, with what the rules need of the document. */
export interface EntryRow {
  delivery_id: string;
  document_id: string;
  org_id: string;
  org_path: string;
  title: string;
  doc_number: string;
  urgency: string;
  is_telegram: boolean;
  handling_status: string;
}

/** The caller's unit's register entry of a delivery (NOT_FOUND for any other unit's, or one not signed for). */
export async function entryOf(em: EntityManager, deliveryId: string, steppedBy?: { orgId: string }): Promise<EntryRow> {
  const row = isUuid(deliveryId)
    ? await withDb(em, (db) =>
        db
          .selectFrom('documents.intake_register as r')
          .innerJoin('documents.documents as d', 'd.id', 'r.document_id')
          .select(['r.delivery_id', 'r.document_id', 'r.org_id', 'r.org_path', 'r.title', 'r.doc_number', 'r.urgency', 'd.is_telegram', 'r.handling_status'])
          .where('r.delivery_id', '=', deliveryId)
          .$narrowType<{ delivery_id: string; document_id: string }>()
          .executeTakeFirst(),
      )
    : undefined;
  if (!row) {
    // A step on the unit's own delivery that is not yet registered: said so, rather than that it does not exist.
    if (steppedBy && isUuid(deliveryId)) {
      const own = await withDb(em, (db) =>
        db
          .selectFrom('documents.deliveries')
          .select(['signed_at', 'status'])
          .where('id', '=', deliveryId)
          .where('recipient_org_id', '=', steppedBy.orgId)
          .executeTakeFirst(),
      );
      if (own && !own.signed_at)
        throw new YizhanError(
          DocumentsErrorCode.NOT_SIGNED_FOR,
          `Your unit’s clerk signs for a document (签收) before it is handled (拟办, 批示, 承办, 传阅); it is ${own.status.toLowerCase().replace('_', ' ')}`,
          { status: own.status },
        );
    }
    throw notFound('Delivery', deliveryId);
  }
  return row;
}

/** The handling of a register entry, made on first use and locked for the step (one step at a time per document). */
export async function lockHandling(em: EntityManager, entry: EntryRow): Promise<HandlingRow> {
  await withDb(em, (db) =>
    db
      .insertInto('documents.handlings')
      .values({ delivery_id: entry.delivery_id, org_id: entry.org_id, org_path: sql<string>`${entry.org_path}::ltree` })
      .onConflict((oc) => oc.column('delivery_id').doNothing())
      .execute(),
  );
  const row = await withDb(em, (db) =>
    db
      .selectFrom('documents.handlings')
      .selectAll()
      .where('delivery_id', '=', entry.delivery_id)
      .forUpdate()
      .$narrowType<{ status: HandlingStep }>()
      .executeTakeFirstOrThrow(),
  );
  return row;
}

/** The handling as it stands (null before anyone acted on it). */
export function handlingOf(em: EntityManager, deliveryId: string): Promise<HandlingRow | undefined> {
  return withDb(em, (db) =>
    db.selectFrom('documents.handlings').selectAll().where('delivery_id', '=', deliveryId).$narrowType<{ status: HandlingStep }>().executeTakeFirst(),
  );
}

export function tasksOf(em: EntityManager, deliveryId: string): Promise<TaskRow[]> {
  return withDb(em, (db) =>
    db
      .selectFrom('documents.handling_tasks')
      .selectAll()
      .where('delivery_id', '=', deliveryId)
      .orderBy(sql`role = 'LEAD'`, 'desc')
      .orderBy('section_name')
      .$narrowType<{ status: TaskState }>()
      .execute(),
  );
}

export function readersOf(em: EntityManager, deliveryId: string): Promise<ReaderRow[]> {
  return withDb(em, (db) =>
    db.selectFrom('documents.handling_readers').selectAll().where('delivery_id', '=', deliveryId).orderBy('sent_at').orderBy('user_name').execute(),
  );
}

export function historyOf(em: EntityManager, deliveryId: string): Promise<HistoryRow[]> {
  return withDb(em, (db) => db.selectFrom('documents.handling_history').selectAll().where('delivery_id', '=', deliveryId).orderBy('id').execute());
}

/** One step in the handling's history: who (by name), what, how. */
export async function recordStep(
  em: EntityManager,
  entry: Pick<EntryRow, 'delivery_id' | 'org_path'>,
  step: { action: string; actorId: string | null; actorName: string; note?: string | null; channel?: string | null },
): Promise<void> {
  await withDb(em, (db) =>
    db
      .insertInto('documents.handling_history')
      .values({
        delivery_id: entry.delivery_id,
        org_path: sql<string>`${entry.org_path}::ltree`,
        action: step.action,
        actor_id: step.actorId,
        actor_name: step.actorName,
        note: step.note ?? null,
        channel: step.channel ?? null,
      })
      .execute(),
  );
}

/** The register's 承办 and 办理情况, kept current. */
export async function setRegisterHandling(em: EntityManager, deliveryId: string, status: string, handlerName?: string): Promise<void> {
  await withDb(em, (db) =>
    db
      .updateTable('documents.intake_register')
      .set({ handling_status: status, handling_changed_at: sql<Date>`clock_timestamp()`, ...(handlerName !== undefined ? { handler_name: handlerName } : {}) })
      .where('delivery_id', '=', deliveryId)
      .execute(),
  );
}

// 待办 and a document's handling as it stands: what waits for the caller (拟办 for the office, 批示 for leaders, 承办
// for their section, 传阅 to read), the handling of one document with its tasks, readers (who has not read) and history,
// and the live feed that tells a 待办 list to refresh.
import { requireCaller } from '@yizhan/common';
import type { DocumentsContext } from '../deps.ts';
import { HANDLING_STEP_WORDS, type HandlingStep, isOverdue, type TaskState } from '../domain/handling.ts';
import { formatIntakeNumber } from '../domain/intake.ts';
import { entryOf, handlingOf, historyOf, readersOf, tasksOf } from '../store/handling.ts';
import { withDb } from '../store/sql.ts';
import { sectionOfCaller } from './handling.ts';

const date = (v: string | Date | null) => (v ? new Date(v) : null);

/** One document's handling: readable by the unit's people (any role: a reader reads where it stands). */
export async function handlingView(ctx: DocumentsContext, deliveryId: string) {
  requireCaller(ctx);
  const entry = await entryOf(ctx.em, deliveryId);
  const h = await handlingOf(ctx.em, deliveryId);
  const tasks = await tasksOf(ctx.em, deliveryId);
  const readers = await readersOf(ctx.em, deliveryId);
  const history = await historyOf(ctx.em, deliveryId);
  const status = (h?.status ?? 'REGISTERED') as HandlingStep;
  return {
    deliveryId,
    documentId: entry.document_id,
    title: entry.title,
    docNumber: entry.doc_number,
    urgency: entry.urgency,
    status,
    statusText: entry.handling_status === 'CLOSED' ? '已办结' : HANDLING_STEP_WORDS[status],
    proposal: h?.proposal ?? null,
    proposedByName: h?.proposed_by_name ?? null,
    proposedAt: date(h?.proposed_at ?? null),
    instruction: h?.instruction ?? null,
    instructedByName: h?.instructed_by_name ?? null,
    instructedAt: date(h?.instructed_at ?? null),
    deadline: date(h?.deadline ?? null),
    result: h?.result ?? null,
    concludedByName: h?.concluded_by_name ?? null,
    concludedAt: date(h?.concluded_at ?? null),
    tasks: tasks.map((t) => ({
      id: t.id,
      sectionId: t.section_id,
      sectionName: t.section_name,
      role: t.role,
      deadline: date(t.deadline),
      status: t.status,
      overdue: isOverdue({ deadline: date(t.deadline), status: t.status as TaskState }),
      acceptedByName: t.accepted_by_name,
      acceptedAt: date(t.accepted_at),
      result: t.result,
      doneByName: t.done_by_name,
      doneAt: date(t.done_at),
    })),
    readers: readers.map((r) => ({
      userId: r.user_id,
      name: r.user_name,
      sectionName: r.section_name,
      sentByName: r.sent_by_name,
      sentAt: new Date(r.sent_at),
      readAt: date(r.read_at),
      comment: r.comment,
    })),
    unread: readers.filter((r) => !r.read_at).map((r) => r.user_name),
    history: history.map((s) => ({ action: s.action, actorName: s.actor_name, note: s.note, channel: s.channel, at: new Date(s.at) })),
  };
}

export interface TodoItem {
  deliveryId: string;
  kind: 'PROPOSE' | 'INSTRUCT' | 'HANDLE' | 'READ' | 'REPORT';
  title: string;
  docNumber: string;
  intakeNumber: string;
  urgency: string;
  deadline: Date | null;
  sectionName: string | null;
  since: Date;
}

/** What waits for the caller: 拟办 (clerks), 批示 (leaders), 承办 for their section, 传阅 for them to read, 报送 (drafters). */
export async function todo(ctx: DocumentsContext): Promise<TodoItem[]> {
  const caller = requireCaller(ctx);
  const items: TodoItem[] = [];
  const base = (db: Parameters<Parameters<typeof withDb>[1]>[0]) =>
    db
      .selectFrom('documents.intake_register as r')
      .leftJoin('documents.handlings as h', 'h.delivery_id', 'r.delivery_id')
      .select(['r.delivery_id', 'r.title', 'r.doc_number', 'r.year', 'r.seq', 'r.urgency', 'r.signed_at', 'h.changed_at', 'h.deadline'])
      .where('r.org_id', '=', caller.orgId)
      // A 纸质补录 entry has no delivery: it was handled on paper.
      .where('r.delivery_id', 'is not', null)
      .$narrowType<{ delivery_id: string }>();
  const item = (
    kind: TodoItem['kind'],
    r: {
      delivery_id: string;
      title: string;
      doc_number: string;
      year: number;
      seq: number;
      urgency: string;
      signed_at: string | Date;
      changed_at: string | Date | null;
    },
    deadline: string | Date | null = null,
    sectionName: string | null = null,
  ): TodoItem => ({
    deliveryId: r.delivery_id,
    kind,
    title: r.title,
    docNumber: r.doc_number,
    intakeNumber: formatIntakeNumber(r.year, r.seq),
    urgency: r.urgency,
    deadline: date(deadline),
    sectionName,
    since: new Date(r.changed_at ?? r.signed_at),
  });
  if (caller.roles.includes('CLERK')) {
    const rows = await withDb(ctx.em, (db) =>
      base(db)
        .where('r.handling_status', '=', 'REGISTERED')
        .where((eb) => eb.or([eb('h.status', 'is', null), eb('h.status', '=', 'REGISTERED')]))
        .orderBy('r.seq', 'desc')
        .limit(200)
        .execute(),
    );
    items.push(...rows.map((r) => item('PROPOSE', r)));
  }
  if (caller.roles.includes('LEADER')) {
    const rows = await withDb(ctx.em, (db) => base(db).where('h.status', '=', 'PROPOSED').orderBy('r.seq', 'desc').limit(200).execute());
    items.push(...rows.map((r) => item('INSTRUCT', r)));
  }
  const section = await sectionOfCaller(ctx, caller);
  if (section) {
    const rows = await withDb(ctx.em, (db) =>
      db
        .selectFrom('documents.handling_tasks as t')
        .innerJoin('documents.intake_register as r', 'r.delivery_id', 't.delivery_id')
        .innerJoin('documents.handlings as h', 'h.delivery_id', 't.delivery_id')
        .select(['t.delivery_id', 'r.title', 'r.doc_number', 'r.year', 'r.seq', 'r.urgency', 'r.signed_at', 'h.changed_at', 't.deadline'])
        .where('t.section_id', '=', section.id)
        .where('t.status', '<>', 'DONE')
        .orderBy('t.deadline')
        .limit(200)
        .execute(),
    );
    items.push(...rows.map((r) => item('HANDLE', r, r.deadline, section.name)));
  }
  const reading = await withDb(ctx.em, (db) =>
    db
      .selectFrom('documents.handling_readers as x')
      .innerJoin('documents.intake_register as r', 'r.delivery_id', 'x.delivery_id')
      .select(['x.delivery_id', 'r.title', 'r.doc_number', 'r.year', 'r.seq', 'r.urgency', 'r.signed_at', 'x.sent_at as changed_at'])
      .where('x.user_id', '=', caller.userId)
      .where('x.read_at', 'is', null)
      .orderBy('x.sent_at', 'desc')
      .limit(200)
      .execute(),
  );
  items.push(...reading.map((r) => item('READ', r)));
  // 报送: a report asked of the unit (征集) and not yet given, or given back for correction, once the unit signed for it:
  // the drafters write it (答复（报送）), and may not otherwise hear of it when the handling went to another section.
  if (caller.roles.includes('DRAFTER')) {
    const asked = await withDb(ctx.em, (db) =>
      db
        .selectFrom('documents.reports as x')
        .innerJoin('documents.intake_register as r', 'r.delivery_id', 'x.request_delivery_id')
        .select([
          'x.request_delivery_id as delivery_id',
          'r.title',
          'r.doc_number',
          'r.year',
          'r.seq',
          'r.urgency',
          'r.signed_at',
          'x.changed_at',
          'x.deadline',
        ])
        .where('x.reporter_org_id', '=', caller.orgId)
        .where('x.status', 'in', ['MISSING', 'RETURNED'])
        .orderBy('x.deadline')
        .limit(200)
        .execute(),
    );
    items.push(...asked.map((r) => item('REPORT', r, r.deadline)));
  }
  return items;
}

// The unit's handling of a document it signed for (条例 第二十四条 承办; issue 15): 拟办 by the office (a clerk), 批示 by
// a leader (the 主办 section, any 协办 sections, each with its deadline, and who reads it), 承办 by each named
// section's people, 办结 by the 主办 section with the 办理结果, which closes the delivery and archives the unit's copy
// with its handling history. Each step in one transaction: the rule, the change, the history (who by name, when,
// what), the register's 承办 and 办理情况, and a `handling.changed` event for the live 待办. A refusal writes nothing.
import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput, type Caller, notFound, personName, requireCaller, requireRole, YizhanError } from '@yizhan/common';
import { DocumentsErrorCode, documentsEvents } from '@yizhan/contracts/documents';
import type { Section } from '@yizhan/contracts/org';
import { emit } from '@yizhan/kernel';
import { sql } from 'kysely';
import type { DocumentsContext } from '../deps.ts';
import {
  closeNote,
  deadlineProblem,
  HANDLING_ROLES,
  type HandlingAction,
  type HandlingStep,
  handlerWords,
  handlingStepProblem,
  instructionNote,
  sectionPart,
  stepText,
  taskProblem,
} from '../domain/handling.ts';
import {
  type EntryRow,
  entryOf,
  type HandlingRow,
  handlingOf,
  lockHandling,
  recordStep,
  setRegisterHandling,
  type TaskRow,
  tasksOf,
} from '../store/handling.ts';
import { withDb } from '../store/sql.ts';
import { applyAction } from './delivery-life.ts';

export const stateError = (message: string) => new YizhanError(DocumentsErrorCode.HANDLING_STATE, message);

/** The step's rule: the caller's role, then the handling's step. */
export function checkStep(caller: Caller, handling: Pick<HandlingRow, 'status'>, entry: EntryRow, action: HandlingAction): void {
  const roles = HANDLING_ROLES[action];
  if (roles) requireRole(caller, ...roles);
  if (entry.handling_status === 'CLOSED' && action !== 'READ') throw stateError('The delivery is closed (办结): its handling is over');
  const problem = handlingStepProblem(handling.status as HandlingStep, action);
  if (problem) throw stateError(problem);
}

/** Announces a step to the unit, naming whose 待办 it changes. */
export async function announce(
  em: EntityManager,
  entry: Pick<EntryRow, 'delivery_id' | 'org_id' | 'org_path'>,
  action: string,
  sectionIds: string[] = [],
  userIds: string[] = [],
  kind?: string,
): Promise<void> {
  await emit(
    em,
    documentsEvents.event(
      'handling.changed',
      { deliveryId: entry.delivery_id, orgId: entry.org_id, action, sectionIds, userIds, ...(kind ? { kind } : {}) },
      { orgPath: entry.org_path, otherPath: null },
    ),
  );
}

/** The caller's section in their unit (at most one), as org knows it. */
export async function sectionOfCaller(ctx: DocumentsContext, caller: Caller): Promise<Section | null> {
  const all = await ctx.deps.org.call('sections', ctx.callerHeader, {});
  return all.find((s) => s.members.some((m) => m.id === caller.userId)) ?? null;
}

/** The step's rule checked before org is asked anything, writing nothing (the step checks again under its lock). */
export async function precheck(ctx: DocumentsContext, caller: Caller, deliveryId: string, action: HandlingAction): Promise<void> {
  const roles = HANDLING_ROLES[action];
  if (roles) requireRole(caller, ...roles);
  const entry = await entryOf(ctx.em, deliveryId, caller);
  const h = await handlingOf(ctx.em, deliveryId);
  checkStep(caller, h ?? { status: 'REGISTERED' }, entry, action);
}

async function step<T>(ctx: DocumentsContext, deliveryId: string, fn: (em: EntityManager, entry: EntryRow, h: HandlingRow) => Promise<T>): Promise<T> {
  return ctx.em.transactional(async (tx) => {
    const em = tx as EntityManager;
    const entry = await entryOf(em, deliveryId, requireCaller(ctx));
    const h = await lockHandling(em, entry);
    return fn(em, entry, h);
  });
}

/** 拟办: the office's proposed handling (may be revised until a leader instructs). */
export async function proposeHandling(ctx: DocumentsContext, deliveryId: string, proposal: string): Promise<void> {
  const caller = requireCaller(ctx);
  const { text, problem } = stepText(proposal, 'The proposal (拟办意见)', true);
  await step(ctx, deliveryId, async (em, entry, h) => {
    checkStep(caller, h, entry, 'PROPOSE');
    if (problem) throw badInput(problem.message, 'proposal', problem.rule);
    await withDb(em, (db) =>
      db
        .updateTable('documents.handlings')
        .set({
          status: 'PROPOSED',
          proposal: text,
          proposed_by: caller.userId,
          proposed_by_name: personName(caller),
          proposed_at: sql<Date>`clock_timestamp()`,
          changed_at: sql<Date>`clock_timestamp()`,
        })
        .where('delivery_id', '=', entry.delivery_id)
        .execute(),
    );
    await recordStep(em, entry, { action: 'PROPOSE', actorId: caller.userId, actorName: personName(caller), note: text });
    await setRegisterHandling(em, entry.delivery_id, 'PROPOSED');
    await announce(em, entry, 'PROPOSE');
  });
}

export interface InstructionInput {
  instruction: string;
  leadSectionId: string;
  deadline?: Date | null;
  assistSections?: { sectionId: string; deadline?: Date | null }[] | null;
  readerIds?: string[] | null;
  readerSectionIds?: string[] | null;
}

/** 批示: a leader names who handles it (主办, 协办) by when, and who reads it. Once, and only on a proposal. */
export async function instructHandling(ctx: DocumentsContext, deliveryId: string, input: InstructionInput): Promise<void> {
  const caller = requireCaller(ctx);
  const { text, problem } = stepText(input.instruction, 'The instruction (批示)', true);
  const assists = input.assistSections ?? [];
  if (assists.length > 20) throw badInput('At most 20 协办 sections', 'assistSections');
  if (assists.some((a) => a.sectionId === input.leadSectionId)) throw badInput('The 主办 section is not also a 协办 one', 'assistSections');
  if (new Set(assists.map((a) => a.sectionId)).size !== assists.length) throw badInput('A 协办 section is named twice', 'assistSections');
  if ((input.readerIds?.length ?? 0) > 200 || (input.readerSectionIds?.length ?? 0) > 50) throw badInput('Too many readers', 'readerIds');
  // Checked before anything is asked of org: the role, the unit's entry and its step (read again under the lock below).
  await precheck(ctx, caller, deliveryId, 'INSTRUCT');
  if (problem) throw badInput(problem.message, 'instruction', problem.rule);
  const wanted = [input.leadSectionId, ...assists.map((a) => a.sectionId), ...(input.readerSectionIds ?? [])];
  const sections = await ctx.deps.org.call('sections', ctx.callerHeader, { ids: [...new Set(wanted)] });
  const byId = new Map(sections.map((s) => [s.id, s]));
  for (const id of wanted) if (!byId.has(id)) throw notFound('Section', id);
  const people = input.readerIds?.length ? await ctx.deps.org.call('people', ctx.callerHeader, { ids: input.readerIds }) : [];
  for (const id of input.readerIds ?? []) if (!people.some((p) => p.id === id)) throw notFound('User', id);
  await step(ctx, deliveryId, async (em, entry, h) => {
    checkStep(caller, h, entry, 'INSTRUCT');
    const leadDeadline = input.deadline ?? null;
    const due = (d: Date | null | undefined) => {
      const p = deadlineProblem(d ?? null, { urgency: entry.urgency, isTelegram: entry.is_telegram });
      if (p?.code === 'DEADLINE_REQUIRED') throw new YizhanError(DocumentsErrorCode.DEADLINE_REQUIRED, p.message);
      if (p) throw badInput(p.message, 'deadline');
    };
    due(leadDeadline);
    for (const a of assists) due(a.deadline ?? leadDeadline);
    const lead = byId.get(input.leadSectionId) as Section;
    const tasks = [
      { section: lead, role: 'LEAD' as const, deadline: leadDeadline },
      ...assists.map((a) => ({ section: byId.get(a.sectionId) as Section, role: 'ASSIST' as const, deadline: a.deadline ?? leadDeadline })),
    ];
    await withDb(em, (db) =>
      db
        .insertInto('documents.handling_tasks')
        .values(
          tasks.map((t) => ({
            delivery_id: entry.delivery_id,
            org_id: entry.org_id,
            org_path: sql<string>`${entry.org_path}::ltree`,
            section_id: t.section.id,
            section_name: t.section.name,
            section_mobile: t.section.mobile,
            role: t.role,
            deadline: t.deadline?.toISOString() ?? null,
          })),
        )
        .execute(),
    );
    await withDb(em, (db) =>
      db
        .updateTable('documents.handlings')
        .set({
          status: 'INSTRUCTED',
          instruction: text,
          instructed_by: caller.userId,
          instructed_by_name: personName(caller),
          instructed_at: sql<Date>`clock_timestamp()`,
          deadline: leadDeadline?.toISOString() ?? null,
          changed_at: sql<Date>`clock_timestamp()`,
        })
        .where('delivery_id', '=', entry.delivery_id)
        .execute(),
    );
    const readers = [
      ...people.map((p) => ({ id: p.id, name: p.displayName, section: byId.get(p.sectionId ?? '')?.name ?? null })),
      ...(input.readerSectionIds ?? []).flatMap((id) =>
        (byId.get(id) as Section).members.map((m) => ({ id: m.id, name: m.displayName, section: byId.get(id)?.name ?? null })),
      ),
    ];
    await addReaders(em, entry, readers, personName(caller));
    const parts = tasks.map((t) => ({ section: t.section.name, role: t.role }));
    const handler = handlerWords(parts);
    await recordStep(em, entry, {
      action: 'INSTRUCT',
      actorId: caller.userId,
      actorName: personName(caller),
      note: instructionNote(text ?? '', parts, leadDeadline),
    });
    await setRegisterHandling(em, entry.delivery_id, 'INSTRUCTED', handler);
    await announce(
      em,
      entry,
      'INSTRUCT',
      tasks.map((t) => t.section.id),
      readers.map((r) => r.id),
    );
  });
}

/** Readers of a 传阅, once each (a second distribution to the same person adds nothing). Answers those added. */
export async function addReaders(
  em: EntityManager,
  entry: EntryRow,
  readers: { id: string; name: string; section: string | null }[],
  by: string,
): Promise<string[]> {
  const unique = [...new Map(readers.map((r) => [r.id, r])).values()];
  if (!unique.length) return [];
  const added = await withDb(em, (db) =>
    db
      .insertInto('documents.handling_readers')
      .values(
        unique.map((r) => ({
          delivery_id: entry.delivery_id,
          org_id: entry.org_id,
          org_path: sql<string>`${entry.org_path}::ltree`,
          user_id: r.id,
          user_name: r.name,
          section_name: r.section,
          sent_by_name: by,
        })),
      )
      .onConflict((oc) => oc.columns(['delivery_id', 'user_id']).doNothing())
      .returning('user_id')
      .execute(),
  );
  return added.map((a) => a.user_id);
}

/** The caller's section's task on this document: NOT_IN_SECTION if the caller's section has none. */
async function myTask(em: EntityManager, entry: EntryRow, section: Section | null): Promise<TaskRow> {
  const tasks = await tasksOf(em, entry.delivery_id);
  const mine = section ? tasks.find((t) => t.section_id === section.id) : undefined;
  if (!mine) {
    if (!tasks.length) throw stateError('No section has been instructed to handle it yet');
    throw new YizhanError(DocumentsErrorCode.NOT_IN_SECTION, `Handled by ${tasks.map((t) => t.section_name).join(', ')}: you are not in those sections`);
  }
  return mine;
}

/** 承办: the caller's section takes up its part. */
export async function acceptHandling(ctx: DocumentsContext, deliveryId: string): Promise<void> {
  const caller = requireCaller(ctx);
  const section = await sectionOfCaller(ctx, caller);
  await step(ctx, deliveryId, async (em, entry, h) => {
    const task = await myTask(em, entry, section);
    checkStep(caller, h, entry, 'ACCEPT');
    const problem = taskProblem(task.status, 'ACCEPT');
    if (problem) throw stateError(problem);
    await withDb(em, (db) =>
      db
        .updateTable('documents.handling_tasks')
        .set({ status: 'ACCEPTED', accepted_by: caller.userId, accepted_by_name: personName(caller), accepted_at: sql<Date>`clock_timestamp()` })
        .where('id', '=', task.id)
        .execute(),
    );
    if (h.status !== 'HANDLING') {
      await withDb(em, (db) =>
        db
          .updateTable('documents.handlings')
          .set({ status: 'HANDLING', changed_at: sql<Date>`clock_timestamp()` })
          .where('delivery_id', '=', entry.delivery_id)
          .execute(),
      );
      await setRegisterHandling(em, entry.delivery_id, 'HANDLING');
    }
    await recordStep(em, entry, {
      action: 'ACCEPT',
      actorId: caller.userId,
      actorName: personName(caller),
      note: sectionPart(task.section_name, task.role),
    });
    await announce(em, entry, 'ACCEPT', [task.section_id]);
  });
}

/**
 * 办结: the caller's section records its 办理结果. The 主办 section's concludes the handling: the delivery is closed
 * and the unit's copy archived with the handling history. A 协办 section's finishes its part.
 */
export async function concludeHandling(ctx: DocumentsContext, deliveryId: string, result: string): Promise<{ concluded: boolean; documentId: string }> {
  const caller = requireCaller(ctx);
  const { text, problem } = stepText(result, 'The result (办理结果)', true);
  const section = await sectionOfCaller(ctx, caller);
  const out = await step(ctx, deliveryId, async (em, entry, h) => {
    const task = await myTask(em, entry, section);
    checkStep(caller, h, entry, 'CONCLUDE');
    const tp = taskProblem(task.status, 'CONCLUDE');
    if (tp) throw stateError(tp);
    if (problem) throw badInput(problem.message, 'result', problem.rule);
    await withDb(em, (db) =>
      db
        .updateTable('documents.handling_tasks')
        .set({ status: 'DONE', result: text, done_by: caller.userId, done_by_name: personName(caller), done_at: sql<Date>`clock_timestamp()` })
        .where('id', '=', task.id)
        .execute(),
    );
    const lead = task.role === 'LEAD';
    await recordStep(em, entry, {
      action: lead ? 'CONCLUDE' : 'ASSIST_DONE',
      actorId: caller.userId,
      actorName: personName(caller),
      note: `${task.section_name}：${text}`,
    });
    if (lead) {
      await withDb(em, (db) =>
        db
          .updateTable('documents.handlings')
          .set({
            status: 'CONCLUDED',
            result: text,
            concluded_by: caller.userId,
            concluded_by_name: personName(caller),
            concluded_at: sql<Date>`clock_timestamp()`,
            changed_at: sql<Date>`clock_timestamp()`,
          })
          .where('delivery_id', '=', entry.delivery_id)
          .execute(),
      );
      await applyAction(em, caller, entry.delivery_id, 'CLOSE', null, closeNote(text ?? ''));
      await setRegisterHandling(em, entry.delivery_id, 'CONCLUDED');
    }
    // 办结 by the lead ends the handling: a co-handling section still open has nothing left to act on (its page
    // offers no step), so its task closes with it, said so, and leaves that section's 待办.
    const closed = lead
      ? await withDb(em, (db) =>
          db
            .updateTable('documents.handling_tasks')
            .set({
              status: 'DONE',
              result: '主办机构已办结，随之办结',
              done_by: caller.userId,
              done_by_name: personName(caller),
              done_at: sql<Date>`clock_timestamp()`,
            })
            .where('delivery_id', '=', entry.delivery_id)
            .where('status', '<>', 'DONE')
            .returning(['section_id', 'section_name'])
            .execute(),
        )
      : [];
    for (const c of closed)
      await recordStep(em, entry, {
        action: 'ASSIST_DONE',
        actorId: caller.userId,
        actorName: personName(caller),
        note: `${c.section_name}：主办机构已办结，随之办结`,
      });
    await announce(em, entry, lead ? 'CONCLUDE' : 'ASSIST_DONE', [task.section_id, ...closed.map((c) => c.section_id)]);
    return { concluded: lead, documentId: entry.document_id };
  });
  // As at the clerk's 办结: the unit's copy goes to the archive now; should that fail, the archive's queue has it.
  if (out.concluded && ctx.deps.archive) {
    await ctx.deps.archive
      .call('ingest', ctx.callerHeader, { documentId: out.documentId })
      .catch((err) => ctx.log.warn({ err, deliveryId }, 'archiving on 办结 failed; the document waits in the archive queue'));
  }
  return out;
}

/** The clerk's 办结 of a delivery whose handling a leader instructed waits for the 主办 section's (handling.ts). */
export async function requireNoOpenHandling(em: EntityManager, deliveryId: string): Promise<void> {
  const h = await withDb(em, (db) => db.selectFrom('documents.handlings').select('status').where('delivery_id', '=', deliveryId).executeTakeFirst());
  if (h && (h.status === 'INSTRUCTED' || h.status === 'HANDLING')) {
    throw stateError('A leader instructed its handling: the 主办 section concludes it (办结) with the result');
  }
}

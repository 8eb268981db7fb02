// 传阅 (条例 第二十四条): the office distributes a signed-for document to chosen people or sections of the unit; each
// reader marks 已阅, with an optional comment; the office sees at any time where it is and who has not read it (no
// 漏传). A 批示's readers are distributed to the same way (handling.ts).
import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput, notFound, personName, requireCaller, YizhanError } from '@yizhan/common';
import { DocumentsErrorCode } from '@yizhan/contracts/documents';
import { sql } from 'kysely';
import type { DocumentsContext } from '../deps.ts';
import { stepText } from '../domain/handling.ts';
import { entryOf, lockHandling, recordStep } from '../store/handling.ts';
import { withDb } from '../store/sql.ts';
import { addReaders, announce, checkStep, precheck } from './handling.ts';

/** Distributes to people and the members of sections of the caller's unit. Answers how many were added. */
export async function distributeDelivery(ctx: DocumentsContext, deliveryId: string, userIds: string[], sectionIds: string[]): Promise<number> {
  const caller = requireCaller(ctx);
  if (!userIds.length && !sectionIds.length) throw badInput('Name at least one person or section', 'userIds', { zh: '至少选择一名人员或一个处室' });
  if (userIds.length > 200 || sectionIds.length > 50) throw badInput('Too many readers at once', 'userIds');
  // The role, the unit's entry and its step before org is asked anything (and again under the lock).
  await precheck(ctx, caller, deliveryId, 'DISTRIBUTE');
  const sections = sectionIds.length ? await ctx.deps.org.call('sections', ctx.callerHeader, { ids: [...new Set(sectionIds)] }) : [];
  for (const id of sectionIds) if (!sections.some((s) => s.id === id)) throw notFound('Section', id);
  const people = userIds.length ? await ctx.deps.org.call('people', ctx.callerHeader, { ids: [...new Set(userIds)] }) : [];
  for (const id of userIds) if (!people.some((p) => p.id === id)) throw notFound('User', id);
  const all = sectionIds.length ? sections : await ctx.deps.org.call('sections', ctx.callerHeader, {});
  const sectionName = (id: string | null) => all.find((s) => s.id === id)?.name ?? null;
  const readers = [
    ...people.map((p) => ({ id: p.id, name: p.displayName, section: sectionName(p.sectionId) })),
    ...sections.flatMap((s) => s.members.map((m) => ({ id: m.id, name: m.displayName, section: s.name }))),
  ];
  return ctx.em.transactional(async (tx) => {
    const em = tx as EntityManager;
    const entry = await entryOf(em, deliveryId, caller);
    checkStep(caller, await lockHandling(em, entry), entry, 'DISTRIBUTE');
    const added = await addReaders(em, entry, readers, personName(caller));
    if (added.length) {
      const names = readers.filter((r) => added.includes(r.id)).map((r) => r.name);
      await recordStep(em, entry, {
        action: 'DISTRIBUTE',
        actorId: caller.userId,
        actorName: personName(caller),
        note: `传阅：${[...new Set(names)].join('、')}`,
      });
      await announce(em, entry, 'DISTRIBUTE', [], added);
    }
    return added.length;
  });
}

/** 已阅: a reader the document was distributed to marks it read, once, with an optional comment. */
export async function markRead(ctx: DocumentsContext, deliveryId: string, comment: string | null | undefined): Promise<void> {
  const caller = requireCaller(ctx);
  const { text, problem } = stepText(comment, 'The comment', false);
  await ctx.em.transactional(async (tx) => {
    const em = tx as EntityManager;
    const entry = await entryOf(em, deliveryId, caller);
    const h = await lockHandling(em, entry);
    checkStep(caller, h, entry, 'READ');
    const mine = await withDb(em, (db) =>
      db
        .selectFrom('documents.handling_readers')
        .select(['id', 'read_at'])
        .where('delivery_id', '=', entry.delivery_id)
        .where('user_id', '=', caller.userId)
        .executeTakeFirst(),
    );
    if (!mine) throw new YizhanError(DocumentsErrorCode.NOT_A_READER, 'It was not distributed to you');
    if (mine.read_at) throw new YizhanError(DocumentsErrorCode.HANDLING_STATE, 'You have marked it read already');
    if (problem) throw badInput(problem.message, 'comment', problem.rule);
    await withDb(em, (db) =>
      db.updateTable('documents.handling_readers').set({ read_at: sql<Date>`clock_timestamp()`, comment: text }).where('id', '=', mine.id).execute(),
    );
    await recordStep(em, entry, { action: 'READ', actorId: caller.userId, actorName: personName(caller), note: text });
    await announce(em, entry, 'READ', [], [caller.userId]);
  });
}

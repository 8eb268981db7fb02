// 催办: handling deadlines are watched (jobs/handling-reminders.ts reminds each section before and at its deadline,
// in-app and by SMS to its duty mobile); the office or a leader may urge a section at any time (in-app, and SMS where
// the section filed a mobile). Every 催办 is in the history: who, when, how. The unit's overdue handling is listed
// for its office and its leaders.
import type { EntityManager } from '@mikro-orm/postgresql';
import { notFound, requireCaller, requireRole } from '@yizhan/common';
import { sql } from 'kysely';
import type { DocumentsContext } from '../deps.ts';
import { personName } from '../domain/person.ts';
import { entryOf, lockHandling, recordStep, tasksOf } from '../store/handling.ts';
import { withDb } from '../store/sql.ts';
import { announce, checkStep, stateError } from './handling.ts';

/** Urges the sections still handling it (or the one named). Answers the sections urged. */
export async function urgeHandling(
  ctx: DocumentsContext,
  deliveryId: string,
  sectionId: string | null | undefined,
  note: string | null | undefined,
): Promise<string[]> {
  const caller = requireCaller(ctx);
  return ctx.em.transactional(async (tx) => {
    const em = tx as EntityManager;
    const entry = await entryOf(em, deliveryId);
    checkStep(caller, await lockHandling(em, entry), entry, 'URGE');
    const open = (await tasksOf(em, entry.delivery_id)).filter((t) => t.status !== 'DONE');
    const urged = sectionId ? open.filter((t) => t.section_id === sectionId) : open;
    if (sectionId && !urged.length) {
      if ((await tasksOf(em, entry.delivery_id)).some((t) => t.section_id === sectionId)) throw stateError('That section has concluded its part');
      throw notFound('Section', sectionId);
    }
    const who = personName(caller);
    const words = note?.trim().slice(0, 200) || '请抓紧办理';
    for (const t of urged) {
      const how = t.section_mobile ? 'IN_APP,SMS' : 'IN_APP';
      await recordStep(em, entry, { action: 'URGE', actorId: caller.userId, actorName: who, note: `${t.section_name}：${words}`, channel: how });
      if (t.section_mobile) {
        await withDb(em, (db) =>
          db
            .insertInto('documents.alerts')
            .values({
              delivery_id: entry.delivery_id,
              sender_path: sql<string>`${entry.org_path}::ltree`,
              recipient_path: sql<string>`${entry.org_path}::ltree`,
              channel: 'SMS',
              target: t.section_mobile as string,
              target_name: t.section_name,
              text: `【驿站】催办：${t.section_name}《${entry.title}》（${entry.doc_number}）${words}。${who}`,
              payload: JSON.stringify({ deliveryId: entry.delivery_id, taskId: t.id, kind: 'MANUAL' }),
            })
            .execute(),
        );
      }
    }
    await announce(
      em,
      entry,
      'URGE',
      urged.map((t) => t.section_id),
      [],
      'MANUAL',
    );
    return urged.map((t) => t.section_name);
  });
}

/** The unit's handling past its deadline and not concluded, most overdue first: for its office and its leaders. */
export async function overdueHandling(ctx: DocumentsContext) {
  const caller = requireCaller(ctx);
  requireRole(caller, 'CLERK', 'LEADER', 'SUPERVISOR');
  const rows = await withDb(ctx.em, (db) =>
    db
      .selectFrom('documents.handling_tasks as t')
      .innerJoin('documents.intake_register as r', 'r.delivery_id', 't.delivery_id')
      .select(['t.id', 't.delivery_id', 't.section_id', 't.section_name', 't.role', 't.deadline', 't.status', 'r.title', 'r.doc_number', 'r.seq', 'r.year'])
      .where('t.org_id', '=', caller.orgId)
      .where('t.status', '<>', 'DONE')
      .where('t.deadline', '<', sql<string>`now()`)
      .orderBy('t.deadline')
      .limit(500)
      .execute(),
  );
  return rows;
}

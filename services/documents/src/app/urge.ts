// 催办, two kinds. Inside a unit: handling deadlines are watched (jobs/handling-reminders.ts reminds each section before
// and at its deadline, in-app and by SMS to its duty mobile); the office or a leader may urge a section at any time
// (in-app, and SMS where the section filed a mobile). Every 催办 is in the handling's history: who, when, how. The
// unit's overdue handling is listed for its office and its leaders.
// Between units (DESIGN §3.5): the sender of a document, or a unit supervising the recipient (督办), urges a unit that
// has not signed for a delivery, in-app and by SMS to the unit's registered contacts (org's `contacts`) through the
// alert dispatcher; the 催办 is a step of the delivery's history (who, when, how), each SMS's outcome is the alert's,
// and the board shows both beside the unit's contacts.
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  beijingDateTime,
  type Caller,
  forbidden,
  hasRole,
  isBelow,
  notFound,
  optionalText,
  personName,
  requireCaller,
  requiredText,
  requireRole,
  telephoneNumber,
  YizhanError,
} from '@yizhan/common';
import { DocumentsErrorCode } from '@yizhan/contracts/documents';
import type { UnitContact } from '@yizhan/contracts/org';
import { emitAll, isUuid } from '@yizhan/kernel';
import { sql } from 'kysely';
import type { DocumentsContext } from '../deps.ts';
import { AUTOMATIC_URGER_ID } from '../domain/escalation.ts';
import { noticeText } from '../domain/notices.ts';
import { supervisesSubtree } from '../domain/supervision.ts';
import { PHONE_URGE, phoneUrgeNote, type UrgeAnswer, urgeAnswer, urgeableAgainAt, urgeChannels, urgeNote, urgeNotice, urgeProblem } from '../domain/urging.ts';
import { type Due, lockUnsignedToUrge, reachesDocumentDeliveries, seesDocumentDeliveries, type UrgeReach, unsignedToUrge } from '../store/due-soon.ts';
import { entryOf, lockHandling, recordStep, tasksOf } from '../store/handling.ts';
import { withDb } from '../store/sql.ts';
import { lockForUrge, notifyUrged, queueUrgeSms, recordUrge, recordUrges, urgeSmsOf, urgesOfDeliveries } from '../store/urges.ts';
import { announceStep, stepEvent } from './delivery-life.ts';
import { announce, checkStep, stateError } from './handling.ts';
import { batched } from './request-batch.ts';

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
    const entry = await entryOf(em, deliveryId, caller);
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

/** One 催办 of a delivery as the board and the history show it. */
export interface DeliveryUrge {
  id: string;
  deliveryId: string;
  recipientName: string;
  byName: string;
  /** By the unit's escalation rules (自动催办), not by a person. */
  automatic: boolean;
  at: Date;
  channels: string[];
  note: string | null;
  sms: { name: string; status: string; attempts: number; lastError: string | null; sentAt: Date | null }[];
  /** What the unit did after it: signed for it, opened it, or nothing yet. */
  answer: UrgeAnswer;
}

/** Who on the sending side urges its recipients: those who send and watch the board. */
const URGERS = ['CLERK', 'DRAFTER', 'LEADER', 'SUPERVISOR', 'ADMIN'] as const;

/** The sending unit's people urge its recipients; a supervising unit the units below it. */
const mayUrge = (caller: Caller, d: { sender_org_id: string; recipient_path: string }) =>
  (d.sender_org_id === caller.orgId && hasRole(caller, ...URGERS)) || (supervisesSubtree(caller) && isBelow(d.recipient_path, caller.orgPath));

/** The same rule as the SQL of a document's units (store/due-soon.ts): never the caller's own unit's. */
export const urgeReach = (caller: Caller): UrgeReach => ({
  orgId: caller.orgId,
  orgPath: caller.orgPath,
  sent: hasRole(caller, ...URGERS),
  below: supervisesSubtree(caller),
});

/** 催办 of deliveries not yet signed for: each unit gets an in-app notice and an SMS to each registered contact with a
 * mobile; recorded in each delivery's history. All or nothing: a delivery the caller may not urge, one with nothing
 * to urge, or one urged a moment ago refuses the whole request, naming the unit. Answers the urges made. */
/** A 催办's own words (附言): at most 200 characters, no control characters; none when empty. */
const urgeWords = (note: string | null | undefined) => optionalText(note, 'note', { max: 200 });

export async function urgeDeliveries(ctx: DocumentsContext, ids: string[], given: string | null): Promise<DeliveryUrge[]> {
  const caller = requireCaller(ctx);
  const note = urgeWords(given);
  const unique = [...new Set(ids)];
  const bad = unique.find((id) => !isUuid(id));
  if (bad) throw notFound('Delivery', bad);
  // Who to reach, asked of org before the transaction: the contacts of the units the caller's unit sent to, and of
  // those below it that it supervises.
  const seen = await lockForUrge(ctx.em, unique);
  const reached = (sent: boolean) => {
    const ids = seen.filter((d) => (d.sender_org_id === caller.orgId) === sent).map((d) => d.recipient_org_id);
    return unitContacts(ctx, ids, sent);
  };
  const contacts = (await Promise.all([reached(true), reached(false)])).flat();
  const byName = personName(caller);
  // The urging unit is named in the words: the sender, or the supervising unit above.
  const byUnit = seen.length ? (await ctx.deps.org.call('unit', ctx.callerHeader, {})).name : '';
  const urged = await ctx.em.transactional(async (tx) => {
    const em = tx as EntityManager;
    const rows = await lockForUrge(em, unique);
    const missing = unique.find((id) => !rows.some((r) => r.id === id));
    if (missing) throw notFound('Delivery', missing);
    const now = new Date();
    for (const d of rows) {
      if (!mayUrge(caller, d)) throw forbidden('The sending unit urges its recipients; a supervising unit the units below it');
      const problem = urgeProblem(d.status);
      if (problem) throw new YizhanError(DocumentsErrorCode.NOTHING_TO_URGE, `${d.recipient_name}: nothing to urge (${problem})`, { deliveryId: d.id });
      const again = urgeableAgainAt(d.last_urged_at ? new Date(d.last_urged_at) : null, now);
      if (again)
        throw new YizhanError(
          DocumentsErrorCode.URGED_RECENTLY,
          `${d.recipient_name} was urged a moment ago; urge again after ${beijingDateTime(again).slice(0, 16)} (Beijing time)`,
          {
            deliveryId: d.id,
            urgeableAt: again.toISOString(),
          },
        );
    }
    const out: string[] = [];
    for (const d of rows) {
      const reach = contacts.filter((c): c is UnitContact & { mobile: string } => c.orgId === d.recipient_org_id && !!c.mobile);
      const notice = urgeNotice({ senderName: d.sender_name, title: d.title, docNumber: d.doc_number, byUnit, byName, note });
      const text = noticeText(notice);
      const how = urgeNote(
        reach.map((c) => c.name),
        note,
      );
      const urgeId = await recordUrge(em, d, { id: caller.userId, name: byName }, how);
      await notifyUrged(em, d, notice);
      // Announced as a step of the delivery, its status unchanged: the urged inbox shows the notice at once.
      await announceStep(em, 'delivery.urge', d, { to: d.status, reason: null, note: how, by: byName });
      for (const c of reach) await queueUrgeSms(em, d, urgeId, c, text);
      out.push(d.id);
    }
    return out;
  });
  return urgesOf(ctx, urged, true);
}

/** What a 催办 of a document's units did: how many were urged, and how many were left for now, urged a moment ago. */
export interface DocumentUrge {
  documentId: string;
  title: string;
  docNumber: string;
  urged: number;
  urgedRecently: number;
  /** When those left may be urged again (the latest of them), or null when none was left. */
  urgeableAt: Date | null;
}

/** What a group 催办 found nothing to urge in, in the words of its list. */
const nothingWaiting = (due: Due, documentId: string) =>
  new YizhanError(
    DocumentsErrorCode.NOTHING_TO_URGE,
    due === 'PAST'
      ? 'No unit you may urge is past its time limit for the 签收 of this document'
      : 'No unit you may urge waits for its 签收 of this document before its time limit',
    { documentId },
  );

/**
 * 催办 of every unit of one document that waits for its 签收 — past its time limit (`PAST`: 督办's overdue list) or
 * not yet (`AHEAD`: 临期; a province's broadcast is thousands of units) — and that the caller may urge: the same units
 * as urgeDeliveries, never its own unit's, each in-app and by SMS as there, in one transaction. A unit urged a moment
 * ago (URGE_INTERVAL_MS) is left for now and counted; only when every one was is the request refused (URGED_RECENTLY).
 * NOT_FOUND when the caller sees no delivery of the document, FORBIDDEN when it may urge none, NOTHING_TO_URGE when
 * none of them waits as asked.
 */
async function urgeUnsignedOfDocument(ctx: DocumentsContext, due: Due, documentId: string, given: string | null): Promise<DocumentUrge> {
  const caller = requireCaller(ctx);
  const note = urgeWords(given);
  if (!isUuid(documentId)) throw notFound('Document', documentId);
  const reach = urgeReach(caller);
  // Who to reach, asked of org before the transaction (as urgeDeliveries does), in the pages org answers.
  const seen = await unsignedToUrge(ctx.em, documentId, reach, due);
  if (!seen.length) {
    if (!(await seesDocumentDeliveries(ctx.em, documentId))) throw notFound('Document', documentId);
    if (!(await reachesDocumentDeliveries(ctx.em, documentId, reach)))
      throw forbidden('The sending unit urges its recipients; a supervising unit the units below it');
    throw nothingWaiting(due, documentId);
  }
  const reached = async (sent: boolean) => {
    const ids = [...new Set(seen.filter((d) => (d.sender_org_id === caller.orgId) === sent).map((d) => d.recipient_org_id))];
    const pages = [];
    for (let i = 0; i < ids.length; i += 2000) pages.push(unitContacts(ctx, ids.slice(i, i + 2000), sent));
    return (await Promise.all(pages)).flat();
  };
  const contacts = (await Promise.all([reached(true), reached(false)])).flat();
  const byOrg = new Map<string, (UnitContact & { mobile: string })[]>();
  for (const c of contacts) if (c.mobile) byOrg.set(c.orgId, [...(byOrg.get(c.orgId) ?? []), c as UnitContact & { mobile: string }]);
  const byName = personName(caller);
  const byUnit = (await ctx.deps.org.call('unit', ctx.callerHeader, {})).name;
  const known = new Set(seen.map((d) => d.id));
  return ctx.em.transactional(async (tx) => {
    const em = tx as EntityManager;
    // Locked and read again: a unit that signed for it since is not urged; one that arrived since has no contacts read.
    const rows = (await lockUnsignedToUrge(em, documentId, reach, due)).filter((d) => known.has(d.id));
    const now = new Date();
    const later = rows.map((d) => urgeableAgainAt(d.last_urged_at ? new Date(d.last_urged_at) : null, now));
    const urged = rows.filter((_, i) => !later[i]);
    const left = later.filter((t): t is Date => !!t);
    const until = left.reduce<Date | null>((a, t) => (a && a.getTime() >= t.getTime() ? a : t), null);
    const first = rows[0];
    if (!first) throw nothingWaiting(due, documentId);
    if (!urged.length)
      throw new YizhanError(
        DocumentsErrorCode.URGED_RECENTLY,
        `Every unit of it was urged a moment ago; urge again after ${beijingDateTime(until as Date).slice(0, 16)} (Beijing time)`,
        { documentId, urgeableAt: (until as Date).toISOString() },
      );
    const notice = urgeNotice({ senderName: first.sender_name, title: first.title, docNumber: first.doc_number, byUnit, byName, note });
    const writes = urged.map((d) => {
      const sms = byOrg.get(d.recipient_org_id) ?? [];
      return {
        d,
        note: urgeNote(
          sms.map((c) => c.name),
          note,
        ),
        sms,
      };
    });
    await recordUrges(em, writes, notice, { id: caller.userId, name: byName });
    // Announced as steps of the deliveries, their status unchanged: each urged inbox shows its notice at once.
    for (let i = 0; i < writes.length; i += 1000)
      await emitAll(
        em,
        writes.slice(i, i + 1000).map((w) => stepEvent('delivery.urge', w.d, { to: w.d.status, reason: null, note: w.note, by: byName })),
      );
    return { documentId, title: first.title, docNumber: first.doc_number, urged: urged.length, urgedRecently: left.length, urgeableAt: until };
  });
}

/** 催办 of a document's units waiting for their 签收 and not yet past due (督办's 临期). */
export const urgeDueSoonOfDocument = (ctx: DocumentsContext, documentId: string, note: string | null) => urgeUnsignedOfDocument(ctx, 'AHEAD', documentId, note);

/** 催办 of a document's units past their time limit and still not signed for (督办's overdue list). */
export const urgeOverdueOfDocument = (ctx: DocumentsContext, documentId: string, note: string | null) => urgeUnsignedOfDocument(ctx, 'PAST', documentId, note);

/**
 * 电话催办: the call the caller made to a delivery's unit, recorded as a 催办 of the delivery (who was called, at which
 * number, what was said). The same units urge as by SMS, and only a delivery still waiting for its 签收; nothing is
 * sent. Answers the urge as the board shows it.
 */
export async function recordPhoneUrge(
  ctx: DocumentsContext,
  deliveryId: string,
  input: { calledName: string; phone?: string | null; note?: string | null },
): Promise<DeliveryUrge> {
  const caller = requireCaller(ctx);
  const called = { name: requiredText(input.calledName, 'calledName', { max: 50, line: true }), phone: telephoneNumber(input.phone, 'phone') };
  const note = optionalText(input.note, 'note', { max: 200 });
  if (!isUuid(deliveryId)) throw notFound('Delivery', deliveryId);
  const byName = personName(caller);
  await ctx.em.transactional(async (tx) => {
    const em = tx as EntityManager;
    const [d] = await lockForUrge(em, [deliveryId]);
    if (!d) throw notFound('Delivery', deliveryId);
    if (!mayUrge(caller, d)) throw forbidden('The sending unit urges its recipients; a supervising unit the units below it');
    const problem = urgeProblem(d.status);
    if (problem) throw new YizhanError(DocumentsErrorCode.NOTHING_TO_URGE, `${d.recipient_name}: nothing to urge (${problem})`, { deliveryId: d.id });
    const how = phoneUrgeNote(called, note);
    await recordUrge(em, d, { id: caller.userId, name: byName }, how, PHONE_URGE);
    // Announced as a step of the delivery, its status unchanged: the board of every sender's page shows it at once.
    await announceStep(em, 'delivery.urge', d, { to: d.status, reason: PHONE_URGE, note: how, by: byName });
  });
  const urges = await urgesOf(ctx, [deliveryId]);
  return urges[urges.length - 1] as DeliveryUrge;
}

/** The urges of these deliveries the caller may see (all of them, or the last of each), each SMS with its outcome. */
export async function urgesOf(ctx: DocumentsContext, deliveryIds: string[], lastOnly = false): Promise<DeliveryUrge[]> {
  const ids = deliveryIds.filter(isUuid);
  if (!ids.length) return [];
  const [urges, sms] = await Promise.all([urgesOfDeliveries(ctx.em, ids), urgeSmsOf(ctx.em, ids)]);
  const all = urges.map((u) => {
    const texts = sms.filter((m) => m.urge_id === u.id);
    const at = new Date(u.at);
    return {
      id: u.id,
      deliveryId: u.delivery_id,
      recipientName: u.recipient_name,
      byName: u.actor_name,
      automatic: u.actor_id === AUTOMATIC_URGER_ID,
      at,
      channels: urgeChannels(texts.length, u.reason === PHONE_URGE),
      note: u.note,
      sms: texts.map((m) => ({
        name: m.target_name,
        status: m.status,
        attempts: m.attempts,
        lastError: m.last_error,
        sentAt: m.sent_at ? new Date(m.sent_at) : null,
      })),
      answer: urgeAnswer(at, u.received_at ? new Date(u.received_at) : null, u.signed_at ? new Date(u.signed_at) : null),
    };
  });
  return lastOnly ? all.filter((u, i) => !all.slice(i + 1).some((v) => v.deliveryId === u.deliveryId)) : all;
}

/**
 * The registered contacts of units, as the caller may see them: those org lets it read (its own unit's and those
 * below it), and, where `sent` (the caller's unit sent to these units: the caller of this function has checked it),
 * those of the units reached wherever they stand, for the sender telephones and texts the units it sent to. The
 * provincial office sits beside the cities, not above them: this service asks for those on its own authority.
 */
export async function unitContacts(ctx: DocumentsContext, orgIds: string[], sent: boolean): Promise<UnitContact[]> {
  requireCaller(ctx);
  const ids = [...new Set(orgIds.filter(isUuid))];
  if (!ids.length) return [];
  if (sent && ctx.deps.authority) return ctx.deps.org.call('contacts-of-recipients', await ctx.deps.authority(), { orgIds: ids });
  return ctx.deps.org.call('contacts', ctx.callerHeader, { orgIds: ids });
}

/** A delivery's unit's contacts, asked of org with every other delivery of the request. */
export function contactsOfUnit(ctx: DocumentsContext, d: { senderOrgId: string; recipientOrgId: string }) {
  const sent = d.senderOrgId === requireCaller(ctx).orgId;
  return batched(ctx, sent ? 'contacts-sent' : 'contacts', d.recipientOrgId, async (ids) =>
    (await unitContacts(ctx, ids, sent)).map((c) => ({ key: c.orgId, value: c })),
  );
}

/** A delivery's urges, read with every other delivery's of the request. */
export const urgesOfDelivery = (ctx: DocumentsContext, deliveryId: string) =>
  batched(ctx, 'urges', deliveryId, async (ids) => (await urgesOf(ctx, ids)).map((u) => ({ key: u.deliveryId, value: u })));

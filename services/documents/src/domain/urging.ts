// 催办 of a delivery (DESIGN §3.5, seed 000 §10): the sender or a supervising unit urges a unit that has not signed for
// a document, in-app and by SMS to the unit's registered contacts through the alert dispatcher. Plain rules: which
// deliveries may be urged, how often, the words sent, and what became of an urge.

import { type Notice, ownWords } from './notices.ts';

/** Still waiting for the unit's 签收 (or 退回): the only deliveries worth urging. */
export const URGEABLE = ['DELIVERED', 'RECEIVED', 'PRINTED'] as const;

/** The same delivery is urged again only after this long: one click, one SMS per contact, never a flood. */
export const URGE_INTERVAL_MS = 10 * 60_000;

/** Why a delivery in this status cannot be urged, or null when it can. */
export function urgeProblem(status: string): string | null {
  if ((URGEABLE as readonly string[]).includes(status)) return null;
  if (status === 'SIGNED' || status === 'CLOSED') return 'already signed for';
  if (status === 'RETURNED' || status === 'RESEND_REQUESTED') return 'returned or waiting for a resend: answer it instead of urging';
  return 'recalled or resent: this delivery no longer waits for the unit';
}

/** When the delivery may be urged again after its last 催办 at `lastAt`, or null if it may be urged now. */
export function urgeableAgainAt(lastAt: Date | null, now: Date): Date | null {
  if (!lastAt) return null;
  const next = new Date(lastAt.getTime() + URGE_INTERVAL_MS);
  return next.getTime() > now.getTime() ? next : null;
}

/** The in-app notice of a 催办, whose words its SMS carries too (at most 200 characters of the urger's own note). */
export function urgeNotice(u: { senderName: string; title: string; docNumber: string; byUnit: string; byName: string; note?: string | null }): Notice {
  const { note, ...about } = u;
  return { kind: 'URGED', words: { ...about, note: ownWords(note) } };
}

/** What the unit did after the 催办: signed for it, opened it (接收) without signing, or nothing yet. */
export type UrgeAnswer = 'SIGNED' | 'RECEIVED' | 'NONE';

export function urgeAnswer(urgedAt: Date, receivedAt: Date | null, signedAt: Date | null): UrgeAnswer {
  if (signedAt && signedAt.getTime() >= urgedAt.getTime()) return 'SIGNED';
  if (receivedAt && receivedAt.getTime() >= urgedAt.getTime()) return 'RECEIVED';
  return 'NONE';
}

/** The history's note of a 催办: the channels and the contacts reached, in words (the board shows it as it is). */
export function urgeNote(smsTo: string[], note: string | null | undefined): string {
  const how = smsTo.length ? `站内通知、短信（${smsTo.join('、')}）` : '站内通知（无登记手机号，未发短信）';
  const words = note?.trim().slice(0, 200);
  return words ? `${how}：${words}` : how;
}

/** The channels of a 催办: a telephone call the urger recorded; else always in-app, SMS where a contact filed a mobile. */
export const urgeChannels = (smsCount: number, byPhone = false): string[] => (byPhone ? ['PHONE'] : smsCount ? ['IN_APP', 'SMS'] : ['IN_APP']);

/**
 * 电话催办 (seed 000: 遇有紧急或突发事项…电话通知): a call the sending side made to the unit, recorded by the one who
 * made it as a 催办 of its own kind (the history's reason). It sends nothing; it is not held to the interval between
 * urges, which stops floods of SMS, and does not start it.
 */
export const PHONE_URGE = 'PHONE';

/** The history's note of a 电话催办: who was called, at which number, and what was said or agreed. */
export function phoneUrgeNote(called: { name: string; phone: string | null }, note: string | null | undefined): string {
  const who = called.phone ? `${called.name}，${called.phone}` : called.name;
  const words = note?.trim().slice(0, 200);
  return words ? `电话（${who}）：${words}` : `电话（${who}）`;
}

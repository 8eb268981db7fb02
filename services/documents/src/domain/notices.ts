// The notices a unit finds in its inbox (站内通知), whose words its contacts' SMS also carry: an urgent document
// arrived, a report asked for, returned or reminded, a 催办 by a person or by the unit's escalation rules. Each is
// kept as its kind and its words, not only as a sentence, so that a reader sees it in their own language (the web
// says it in English from the words); the Chinese sentence made here is what an SMS says and a Chinese reader sees.

import { beijingDateTime, urgencyMark } from '@yizhan/common';

interface AboutDocument {
  /** The sending unit's name (of REPORT_RETURNED, the unit that returned the report). */
  senderName: string;
  title: string;
  docNumber: string;
}

export type Notice =
  | { kind: 'ARRIVED'; words: AboutDocument & { urgency: string; telegram: boolean } }
  | { kind: 'REPORT_REQUESTED'; words: AboutDocument & { deadline: string; note: string | null } }
  /** The report's own title and number; `deadline` only while it is still ahead (else: as soon as possible). */
  | { kind: 'REPORT_RETURNED'; words: AboutDocument & { deadline: string | null; note: string } }
  | { kind: 'REPORT_REMINDED'; words: AboutDocument & { deadline: string; note: string | null } }
  | { kind: 'URGED'; words: AboutDocument & { note: string | null; byUnit: string; byName: string } }
  | { kind: 'AUTO_URGED'; words: AboutDocument & { afterMinutes: number; to: 'CONTACTS' | 'LEADERS'; names: string[] } };

export type NoticeKind = Notice['kind'];

export const NOTICE_KINDS: readonly NoticeKind[] = ['ARRIVED', 'REPORT_REQUESTED', 'REPORT_RETURNED', 'REPORT_REMINDED', 'URGED', 'AUTO_URGED'];

/** A moment in China time to the minute, as notices (and the report sheet) print it: 12月05日17:00. */
export function monthDayMinute(t: Date | string): string {
  const c = beijingDateTime(new Date(t));
  return `${c.slice(5, 7)}月${c.slice(8, 10)}日${c.slice(11, 16)}`;
}

/** When a step of 自动催办 comes, in words: 到期时, 到期后2小时, 到期后90分钟. */
export function stepWhen(afterMinutes: number): string {
  if (afterMinutes === 0) return '到期时';
  if (afterMinutes % 60 === 0) return `到期后${afterMinutes / 60}小时`;
  return `到期后${afterMinutes}分钟`;
}

/** A person's own words in a notice: trimmed, at most 200 characters, null when there are none. */
export const ownWords = (note: string | null | undefined): string | null => note?.trim().slice(0, 200) || null;

/** The notice in Chinese, as the inbox shows it and an SMS sends it. */
export function noticeText(n: Notice): string {
  const w = n.words;
  const doc = `${w.senderName}《${w.title}》（${w.docNumber}）`;
  switch (n.kind) {
    case 'ARRIVED': {
      const label = [n.words.telegram ? '明传电报' : '', urgencyMark(n.words.urgency) ?? ''].filter(Boolean).join('·');
      return `【驿站】${label}公文：${doc}已送达，请立即签收办理。`;
    }
    case 'REPORT_REQUESTED':
      return `【驿站】征集：${doc}请于${monthDayMinute(n.words.deadline)}前报送${n.words.note ? `：${n.words.note}` : '。'}`;
    case 'REPORT_RETURNED': {
      const due = n.words.deadline ? `，请于${monthDayMinute(n.words.deadline)}前重新报送` : '，请尽快重新报送';
      return `【驿站】退回修改：你单位报送的《${w.title}》（${w.docNumber}）已被${w.senderName}退回修改，原因：${n.words.note}${due}。`;
    }
    case 'REPORT_REMINDED':
      return `【驿站】催报：${doc}要求于${monthDayMinute(n.words.deadline)}前报送，${n.words.note ?? '请抓紧报送'}。`;
    case 'URGED':
      return `【驿站】催办：${doc}你单位尚未签收，${n.words.note ?? '请尽快接收并签收'}。${n.words.byUnit} ${n.words.byName}`;
    case 'AUTO_URGED': {
      const { to, names } = n.words;
      const ask = to === 'LEADERS' ? `请${names.length ? names.join('、') : '单位领导'}督促及时签收` : '请尽快接收并签收';
      return `【驿站】自动催办：${doc}${stepWhen(n.words.afterMinutes)}你单位尚未签收，${ask}。`;
    }
  }
}

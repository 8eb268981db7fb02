// The notices a unit finds in its inbox (站内通知), whose words its contacts' SMS also carry: an urgent document
// arrived, a report asked for, returned or reminded, a 催办 by a person or by the unit's escalation rules; and, with no
// SMS, the result of a 考核评比 a unit above published, or a 通报 that names the unit's late and missing receipts. Each is
// kept as its kind and its words, not only as a sentence, so that a reader sees it in their own language (the web
// says it in English from the words); the Chinese sentence made here is what an SMS says and a Chinese reader sees.

import { beijingDateTime, urgencyMark } from '@yizhan/common';
import { GRADE_NAMES, type Grade } from './assessment.ts';

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
  | { kind: 'AUTO_URGED'; words: AboutDocument & { afterMinutes: number; to: 'CONTACTS' | 'LEADERS'; names: string[] } }
  /** 考核评比: the unit's score, grade (domain/assessment.ts Grade) and place among `of` units scored; `tied` when
   * another unit holds the same place (并列; absent from notices kept before 2026-12-08). */
  | { kind: 'ASSESSED'; words: { byUnit: string; title: string; score: number; grade: Grade; rank: number; of: number; tied?: boolean } }
  /** 通报: a bulletin of late and missing receipts names the unit, with its own figures. */
  | { kind: 'BULLETINED'; words: { byUnit: string; title: string; late: number; missing: number } };

export type NoticeKind = Notice['kind'];

export const NOTICE_KINDS: readonly NoticeKind[] = [
  'ARRIVED',
  'REPORT_REQUESTED',
  'REPORT_RETURNED',
  'REPORT_REMINDED',
  'URGED',
  'AUTO_URGED',
  'ASSESSED',
  'BULLETINED',
];

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
  if (n.kind === 'ASSESSED') {
    const a = n.words;
    return `【驿站】考核评比：${a.byUnit}公布了《${a.title}》，你单位得分${a.score.toFixed(1)}分，等次${GRADE_NAMES[a.grade]}，名次${a.tied ? '并列' : ''}第${a.rank}名（共${a.of}个单位）。`;
  }
  if (n.kind === 'BULLETINED') {
    const b = n.words;
    const counts = [b.late ? `迟签${b.late}件` : '', b.missing ? `未签收${b.missing}件` : ''].filter(Boolean).join('、');
    return `【驿站】通报：${b.byUnit}在《${b.title}》中通报你单位电子公文${counts}，请切实做好电子公文按时签收工作。`;
  }
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

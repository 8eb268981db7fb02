// A notice in the reader's language (web/lib/notices.ts): in Chinese the sentence the platform kept, in English each
// kind said again from its words — the names, titles and numbers as they are, no other Chinese; a notice kept
// without its words (before they were kept) is shown as its sentence in either language.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { en } from '../web/lib/i18n-en.ts';
import { noticeHref, noticeLine, stepWhenEn } from '../web/lib/notices.ts';

const tEn = (zh: string) => en[zh] ?? zh;
const tZh = (zh: string) => zh;
const about = { senderName: '陕西省人民政府办公厅', title: '关于做好防汛工作的通知', docNumber: '陕政办发〔2026〕9号' };
const none = { urgency: null, telegram: null, deadline: null, note: null, byUnit: null, byName: null, afterMinutes: null, to: null, names: null };
const kept = (kind: string, words: Record<string, unknown>) => ({ text: '【驿站】中文原文', kind, words: { ...none, ...about, ...words } });

const cases = [
  kept('ARRIVED', { urgency: 'EXTRA_URGENT', telegram: false }),
  kept('ARRIVED', { urgency: 'FLASH', telegram: true }),
  kept('REPORT_REQUESTED', { deadline: '2026-12-05T09:00:00.000Z', note: '附汛情统计表' }),
  kept('REPORT_RETURNED', { deadline: null, note: '缺少统计表' }),
  kept('REPORT_REMINDED', { deadline: '2026-12-05T09:00:00.000Z' }),
  kept('URGED', { byUnit: '陕西省人民政府办公厅', byName: '张敏' }),
  kept('AUTO_URGED', { afterMinutes: 120, to: 'LEADERS', names: ['王五', '赵六'] }),
  kept('AUTO_URGED', { afterMinutes: 0, to: 'CONTACTS', names: ['李四'] }),
];

test('in Chinese, the sentence the platform kept', () => {
  // On screen without the SMS's signature.
  for (const n of cases) assert.equal(noticeLine(n, 'zh', tZh), '中文原文');
});

test('in English, each kind from its words: names, titles and numbers as they are, no other Chinese', () => {
  for (const n of cases) {
    const line = noticeLine(n, 'en', tEn);
    assert.ok(line.includes(`“${about.title}” (${about.docNumber})`), line);
    const words = [about.senderName, about.title, about.docNumber, n.words.note, n.words.byUnit, n.words.byName, ...((n.words.names as string[] | null) ?? [])];
    let rest = line;
    for (const w of words) if (typeof w === 'string') rest = rest.split(w).join('');
    assert.doesNotMatch(rest, /\p{Script=Han}/u, `${n.kind}: ${line}`);
  }
  assert.equal(
    noticeLine(cases[2] as (typeof cases)[number], 'en', tEn),
    'Report asked for: 陕西省人民政府办公厅’s “关于做好防汛工作的通知” (陕政办发〔2026〕9号). Please report by 2026-12-05 17:00 (Beijing time): 附汛情统计表',
  );
  assert.match(noticeLine(cases[0] as (typeof cases)[number], 'en', tEn), /^Extra urgent document from 陕西省人民政府办公厅: /);
  assert.match(noticeLine(cases[6] as (typeof cases)[number], 'en', tEn), /2 hours after the due time\. 王五, 赵六: please see that it is signed for/);
  assert.match(noticeLine(cases[3] as (typeof cases)[number], 'en', tEn), /Reason: 缺少统计表\. Please report again as soon as possible\.$/);
});

test('a notice kept without its words is its sentence in English too', () => {
  assert.equal(noticeLine({ text: '【驿站】特急公文：…', kind: null, words: null }, 'en', tEn), '特急公文：…');
});

test('when an automatic 催办 came, in English', () => {
  assert.equal(stepWhenEn(0), 'at the due time');
  assert.equal(stepWhenEn(60), '1 hour after the due time');
  assert.equal(stepWhenEn(90), '90 minutes after the due time');
});

test('a 考核评比’s result and a 通报 naming the unit, in English from their words', () => {
  const assessed = {
    text: '【驿站】考核评比：…',
    kind: 'ASSESSED',
    words: { byUnit: '西安市人民政府', title: '2026年11月电子公文工作考核评比', score: 92.5, grade: 'EXCELLENT', rank: 2, of: 14 },
  };
  assert.equal(
    noticeLine(assessed, 'en', tEn),
    'Assessment: 西安市人民政府 published “2026年11月电子公文工作考核评比”. Your unit scored 92.5, graded Excellent, placed 2 of 14.',
  );
  const bulletined = {
    text: '【驿站】通报：…',
    kind: 'BULLETINED',
    words: { byUnit: '西安市人民政府', title: '2026年11月电子公文接收情况通报', late: 1, missing: 2 },
  };
  assert.equal(
    noticeLine(bulletined, 'en', tEn),
    'Bulletin: 西安市人民政府’s “2026年11月电子公文接收情况通报” names your unit: 1 document signed for late, 2 not signed for. Please see that documents are signed for in time.',
  );
  assert.equal(noticeLine(bulletined, 'zh', tZh), '通报：…');
});

test('where a notice leads: its delivery, the assessment it tells of, or nowhere (a 通报 is its publisher’s to read)', () => {
  assert.equal(noticeHref({ text: '', deliveryId: 'd1', assessmentId: null }), '/inbox/d1');
  assert.equal(noticeHref({ text: '', deliveryId: null, assessmentId: 'a1' }), '/assessment?id=a1');
  assert.equal(noticeHref({ text: '', deliveryId: null, assessmentId: null }), null);
});

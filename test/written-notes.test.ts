// The notes the platform writes into a history, said in English (web/lib/written-notes.ts), checked against the
// functions that write them (documents' domain/urging.ts and domain/escalation.ts) and the handling reminders' words
// (documents' migration 0011): every variant is recognised, and what is left after the names and a person's own words
// are taken out has no Chinese in it. A person's own note is left as written.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type EscalationStep, escalationNote } from '../services/documents/src/domain/escalation.ts';
import { handlerWords, instructionNote, sectionPart } from '../services/documents/src/domain/handling.ts';
import { phoneUrgeNote, urgeNote } from '../services/documents/src/domain/urging.ts';
import { en } from '../web/lib/i18n-en.ts';
import { handlerWordsEn, handlingNoteEn, PLATFORM_ACTORS, urgeNoteEn } from '../web/lib/written-notes.ts';

const names = ['李四', '王五', '张三', '新城区值班员', '罗文彬', '办公室', '综合科'];
const own = ['请于今日下班前签收', '今天务必签收：急'];
const noChineseLeft = (en: string, zh: string) => {
  let rest = en;
  for (const w of [...names, ...own]) rest = rest.split(w).join('');
  assert.doesNotMatch(rest, /\p{Script=Han}/u, `${zh} → ${en}`);
};

test('a 催办 by hand: how it went out, to whom, and the urger’s words', () => {
  for (const sms of [[], ['李四'], ['李四', '王五']])
    for (const note of [null, ...own]) {
      const zh = urgeNote(sms, note);
      const en = urgeNoteEn(zh);
      assert.ok(en, `recognised: ${zh}`);
      noChineseLeft(en, zh);
      if (note) assert.ok(en.endsWith(`: ${note}`), en);
    }
  assert.equal(urgeNoteEn(urgeNote(['李四', '王五'], '请于今日下班前签收')), 'In-app notice and SMS (李四, 王五): 请于今日下班前签收');
  assert.equal(urgeNoteEn(urgeNote([], null)), 'In-app notice (no mobile registered, no SMS)');
});

test('电话催办: who was called, the number, and the words', () => {
  for (const phone of [null, '029-87654321'])
    for (const note of [null, ...own]) {
      const zh = phoneUrgeNote({ name: '张三', phone }, note);
      const en = urgeNoteEn(zh);
      assert.ok(en, `recognised: ${zh}`);
      noChineseLeft(en, zh);
      if (note) assert.ok(en.endsWith(`: ${note}`), en);
    }
  assert.equal(urgeNoteEn(phoneUrgeNote({ name: '张三', phone: '029-87654321' }, '请于今日下班前签收')), 'Phone call (张三, 029-87654321): 请于今日下班前签收');
});

test('an automatic 催办: its step, when, to whom, and how', () => {
  const steps: EscalationStep[] = [
    { afterMinutes: 0, to: 'CONTACTS', channels: ['IN_APP', 'SMS'] },
    { afterMinutes: 60, to: 'LEADERS', channels: ['IN_APP'] },
    { afterMinutes: 90, to: 'CONTACTS', channels: ['SMS'] },
  ];
  const reaches = [
    { names: ['张三', '李四'], sms: [{ name: '张三' }] },
    { names: ['王五'], sms: [] },
    { names: [], sms: [] },
  ];
  for (const [i, step] of steps.entries())
    for (const reach of reaches) {
      const zh = escalationNote(i, step, reach);
      const en = urgeNoteEn(zh);
      assert.ok(en, `recognised: ${zh}`);
      noChineseLeft(en, zh);
    }
  assert.equal(
    urgeNoteEn(escalationNote(0, steps[0] as EscalationStep, reaches[0] as (typeof reaches)[number])),
    'Automatic urging (step 1 · at the due time · the unit’s contacts): 张三, 李四; in-app notice, SMS (张三)',
  );
  assert.equal(
    urgeNoteEn(escalationNote(1, steps[1] as EscalationStep, reaches[2] as (typeof reaches)[number])),
    'Automatic urging (step 2 · 1 hour after the due time · the unit’s leaders): the unit has no leader’s account, in-app notice sent',
  );
});

test('a handling reminder and a 催办 of a section', () => {
  // documents' migration 0011 (remind_handling) and app/urge.ts urgeHandling write these.
  assert.equal(handlingNoteEn('综合科：已到办理期限'), '综合科: its handling deadline has come');
  assert.equal(handlingNoteEn('综合科：办理期限将至'), '综合科: its handling deadline is near');
  assert.equal(handlingNoteEn('综合科：请抓紧办理'), '综合科: please press on with it');
});

test('a 批示 and a section taking its part, as the handling history and the register write them', () => {
  const parts = [
    { section: '办公室', role: 'LEAD' as const },
    { section: '综合科', role: 'ASSIST' as const },
  ];
  const due = new Date('2026-12-18T09:00:00Z');
  assert.equal(handlingNoteEn(instructionNote('请抓紧办理', parts, due)), '请抓紧办理 (lead: 办公室; assisting: 综合科; to be closed by 2026-12-18 17:00)');
  assert.equal(handlingNoteEn(instructionNote('同意', parts.slice(0, 1), null)), '同意 (lead: 办公室)');
  assert.equal(handlingNoteEn(sectionPart('办公室', 'LEAD')), '办公室 (lead)');
  assert.equal(handlerWordsEn(handlerWords(parts)), '办公室 (lead), 综合科 (assisting)');
  assert.equal(handlerWordsEn('张三'), null, 'a person as the handler stays as written');
});

test('a reply or report the unit sent, as its handling history names it', () => {
  // app/collection.ts writes these.
  assert.equal(handlingNoteEn('报送：《关于人员名单的报告》（市政发〔2026〕1号）'), 'Report sent: 《关于人员名单的报告》 (市政发〔2026〕1号)');
  assert.equal(handlingNoteEn('重新报送：《关于人员名单的报告》（市政发〔2026〕2号）'), 'Report sent again: 《关于人员名单的报告》 (市政发〔2026〕2号)');
  assert.equal(handlingNoteEn('答复：《关于某事的复函》（市政函〔2026〕3号）'), 'Reply sent: 《关于某事的复函》 (市政函〔2026〕3号)');
  assert.equal(handlingNoteEn('报送材料已收到'), null, 'a person’s own words');
});

test('a person’s own note is not taken for one the platform wrote', () => {
  for (const note of ['请于今日下班前签收', '站内通知已看到', '综合科：今天办完']) {
    assert.equal(urgeNoteEn(note), null, note);
    assert.equal(handlingNoteEn(note), null, note);
  }
});

test('the platform’s own actors have their English words', () => {
  for (const actor of PLATFORM_ACTORS) assert.doesNotMatch(en[actor] ?? actor, /\p{Script=Han}/u, actor);
});

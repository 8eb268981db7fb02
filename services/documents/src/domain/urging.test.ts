import assert from 'node:assert/strict';
import { test } from 'node:test';
import { noticeText } from './notices.ts';
import { phoneUrgeNote, URGE_INTERVAL_MS, urgeAnswer, urgeableAgainAt, urgeChannels, urgeNote, urgeNotice, urgeProblem } from './urging.ts';

test('only a delivery waiting for 签收 is urged', () => {
  for (const s of ['DELIVERED', 'RECEIVED', 'PRINTED']) assert.equal(urgeProblem(s), null, s);
  assert.match(urgeProblem('SIGNED') ?? '', /signed/);
  assert.match(urgeProblem('CLOSED') ?? '', /signed/);
  assert.match(urgeProblem('RETURNED') ?? '', /returned/);
  assert.match(urgeProblem('RECALLED') ?? '', /recalled/);
  assert.match(urgeProblem('RESENT') ?? '', /resent/);
});

test('a delivery is urged again only after the interval', () => {
  const now = new Date('2026-11-30T10:00:00Z');
  assert.equal(urgeableAgainAt(null, now), null);
  assert.deepEqual(urgeableAgainAt(new Date(now.getTime() - 60_000), now), new Date(now.getTime() - 60_000 + URGE_INTERVAL_MS));
  assert.equal(urgeableAgainAt(new Date(now.getTime() - URGE_INTERVAL_MS), now), null);
});

test('the words of a 催办 and its record', () => {
  const text = noticeText(
    urgeNotice({ senderName: '西安市人民政府', title: '关于X的通知', docNumber: '市政发〔2026〕1号', byUnit: '西安市人民政府', byName: '张三' }),
  );
  assert.equal(text, '【驿站】催办：西安市人民政府《关于X的通知》（市政发〔2026〕1号）你单位尚未签收，请尽快接收并签收。西安市人民政府 张三');
  assert.match(
    noticeText(urgeNotice({ senderName: 'a', title: 'b', docNumber: 'c', byUnit: 'd', byName: 'e', note: ' 今天下班前签收 ' })),
    /今天下班前签收。d e$/,
  );
  assert.equal(urgeNote(['李四', '王五'], null), '站内通知、短信（李四、王五）');
  assert.equal(urgeNote([], '请速签收'), '站内通知（无登记手机号，未发短信）：请速签收');
  assert.deepEqual(urgeChannels(0), ['IN_APP']);
  assert.deepEqual(urgeChannels(2), ['IN_APP', 'SMS']);
});

test('what the unit did after the 催办', () => {
  const at = new Date('2026-11-30T10:00:00Z');
  const before = new Date('2026-11-30T09:00:00Z');
  const after = new Date('2026-11-30T11:00:00Z');
  assert.equal(urgeAnswer(at, null, null), 'NONE');
  assert.equal(urgeAnswer(at, before, null), 'NONE', 'opened before the 催办 is no answer to it');
  assert.equal(urgeAnswer(at, after, null), 'RECEIVED');
  assert.equal(urgeAnswer(at, before, after), 'SIGNED');
});

test('电话催办: its note names who was called and the number, then what was said; its channel is the telephone', () => {
  assert.equal(phoneUrgeNote({ name: '宋佳', phone: '029-87654321' }, ' 已通知 '), '电话（宋佳，029-87654321）：已通知');
  assert.equal(phoneUrgeNote({ name: '碑林区值班员', phone: null }, null), '电话（碑林区值班员）');
  assert.deepEqual(urgeChannels(2, true), ['PHONE']);
  assert.deepEqual(urgeChannels(0), ['IN_APP']);
});

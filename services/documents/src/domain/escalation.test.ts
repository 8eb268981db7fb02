import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dueSteps, type EscalationStep, escalationNote, escalationNotice, stepReach } from './escalation.ts';
import { noticeText, stepWhen } from './notices.ts';

const rules: EscalationStep[] = [
  { afterMinutes: 0, to: 'CONTACTS', channels: ['IN_APP', 'SMS'] },
  { afterMinutes: 120, to: 'LEADERS', channels: ['IN_APP', 'SMS'] },
];
const due = new Date('2026-12-01T09:00:00Z');
const at = (minutes: number) => new Date(due.getTime() + minutes * 60_000);

test('no step before the due time; the contacts at it; the leaders two hours later', () => {
  assert.deepEqual(dueSteps(rules, due, at(-1), []), []);
  assert.deepEqual(dueSteps(rules, due, at(0), []), [0]);
  assert.deepEqual(dueSteps(rules, due, at(119), [0]), []);
  assert.deepEqual(dueSteps(rules, due, at(120), [0]), [1]);
});

test('each step once: a step taken is never due again; steps missed come together', () => {
  assert.deepEqual(dueSteps(rules, due, at(500), [0, 1]), []);
  assert.deepEqual(dueSteps(rules, due, at(500), []), [0, 1]);
  assert.deepEqual(dueSteps(rules, due, at(500), [1]), [0]);
  assert.deepEqual(dueSteps([], due, at(500), []), []);
});

test('a step reaches its people; SMS only to those with a mobile, and only when it texts', () => {
  const people = {
    contacts: [
      { name: '张三', mobile: '13800000001' },
      { name: '李四', mobile: null },
    ],
    leaders: [{ name: '王五', mobile: null }],
  };
  assert.deepEqual(stepReach(rules[0] as EscalationStep, people), { names: ['张三', '李四'], sms: [{ name: '张三', mobile: '13800000001' }] });
  assert.deepEqual(stepReach(rules[1] as EscalationStep, people), { names: ['王五'], sms: [] });
  assert.deepEqual(stepReach({ afterMinutes: 0, to: 'CONTACTS', channels: ['IN_APP'] }, people).sms, []);
});

test('the words name the step, whom it reached and how', () => {
  assert.equal(stepWhen(0), '到期时');
  assert.equal(stepWhen(120), '到期后2小时');
  assert.equal(stepWhen(90), '到期后90分钟');
  const note = escalationNote(0, rules[0] as EscalationStep, { names: ['张三', '李四'], sms: [{ name: '张三' }] });
  assert.equal(note, '自动催办（第1步·到期时·单位联系人）：张三、李四；站内通知、短信（张三）');
  assert.match(escalationNote(1, rules[1] as EscalationStep, { names: ['王五'], sms: [] }), /第2步·到期后2小时·单位领导.*王五.*无登记手机号/);
  assert.match(escalationNote(1, rules[1] as EscalationStep, { names: [], sms: [] }), /单位无领导账号/);
  const text = noticeText(
    escalationNotice({ senderName: '陕西省人民政府', title: '通知', docNumber: '陕政发〔2026〕1号' }, rules[1] as EscalationStep, ['王五']),
  );
  assert.match(text, /^【驿站】自动催办：陕西省人民政府《通知》（陕政发〔2026〕1号）到期后2小时你单位尚未签收，请王五督促及时签收。$/);
});

// The official document's plain rules: which 紧急程度 a document and a 明传电报 may carry (条例 第九条(三),
// GB/T 9704-2012 §7.2.3), and that a graded document or telegram needs a handling deadline.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { URGENCY_WORDS, YizhanError } from '@yizhan/common';
import {
  checkRecipientSpecs,
  checkUrgency,
  cleanDraft,
  counterYear,
  docTypeProblem,
  formatDocNumber,
  numberStyleOf,
  prefixesFor,
  prefixProblem,
  sectionApprover,
  TELEGRAM_GRADES,
  upwardBriefingProblem,
} from './document.ts';
import { urgencyLabel } from './gbt9704.ts';

const field = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    assert.ok(e instanceof YizhanError);
    return (e.extensions.field as string | undefined) ?? null;
  }
  return null;
};

test('a document is 特急, 加急 or neither; a telegram 特提, 特急, 加急 or 平急, never ungraded', () => {
  for (const u of ['NORMAL', 'URGENT', 'EXTRA_URGENT']) assert.equal(checkUrgency(u, false), u);
  for (const u of ['FLASH', 'EXTRA_URGENT', 'URGENT', 'PLAIN_URGENT']) assert.equal(checkUrgency(u, true), u);
  assert.equal(
    field(() => checkUrgency('FLASH', false)),
    'urgency',
    '特提 only on a telegram',
  );
  assert.equal(
    field(() => checkUrgency('PLAIN_URGENT', false)),
    'urgency',
    '平急 only on a telegram',
  );
  assert.equal(
    field(() => checkUrgency('NORMAL', true)),
    'urgency',
    'a telegram carries a grade',
  );
  assert.equal(
    field(() => checkUrgency('SOON', false)),
    'urgency',
  );
  assert.deepEqual(
    TELEGRAM_GRADES.map((g) => URGENCY_WORDS[g]),
    ['特提', '特急', '加急', '平急'],
    'highest first',
  );
});

test('the print states each grade as the standard writes it, and nothing for an ungraded document', () => {
  assert.deepEqual(['FLASH', 'EXTRA_URGENT', 'URGENT', 'PLAIN_URGENT', 'NORMAL'].map(urgencyLabel), ['特提', '特急', '加急', '平急', null]);
});

test('a graded telegram needs its handling deadline', () => {
  const base = { docType: '通知', title: '明传电报', body: '正文', isTelegram: true };
  assert.equal(
    field(() => cleanDraft({ ...base, urgency: 'FLASH' })),
    'deadline',
  );
  const ok = cleanDraft({ ...base, urgency: 'PLAIN_URGENT', deadline: new Date(Date.now() + 3600_000) });
  assert.equal(ok.urgency, 'PLAIN_URGENT');
  assert.equal(ok.isTelegram, true);
});

test('a 成文日期 or 印发日期 the calendar does not have is refused naming its field', () => {
  const base = { docType: '通知', title: '通知', body: '正文' };
  for (const wrong of ['2026-02-30', '2026-13-01', '2026-04-31', 'not a date', '2026-1-5']) {
    assert.equal(
      field(() => cleanDraft({ ...base, docDate: wrong })),
      'docDate',
      wrong,
    );
  }
  const now = new Date('2027-06-01T00:00:00Z');
  assert.equal(cleanDraft({ ...base, docDate: '2028-02-29' }, now).docDate, '2028-02-29', 'a leap day is a day');
  // A day no document of the platform's has: before 2000, or beyond next year.
  for (const far of ['0001-01-01', '1999-12-31', '2029-01-01', '9999-12-31']) {
    assert.equal(
      field(() => cleanDraft({ ...base, docDate: far }, now)),
      'docDate',
      far,
    );
    assert.equal(
      field(() => cleanDraft({ ...base, printingDate: far }, now)),
      'printingDate',
      far,
    );
  }
});

test('a title, a name or a body that shows nothing (zero-width characters) is empty; control characters and overrides are refused', () => {
  const base = { docType: '通知', title: '通知', body: '正文' };
  for (const [fields, name] of [
    [{ title: '\u200b\u200c\u2060' }, 'title'],
    [{ body: '\u200b \u200d' }, 'body'],
    [{ title: 'a\u0007\u001b[31mb' }, 'title'],
    [{ title: 'abc\u202egnp.exe' }, 'title'],
    [{ title: '关于\t通知' }, 'title'],
    [{ signer: '胡\n建华' }, 'signer'],
    [{ body: '<p>正文\u0001\u001b[31m</p>' }, 'body'],
  ] as const)
    assert.equal(
      field(() => cleanDraft({ ...base, ...fields })),
      name,
      JSON.stringify(fields),
    );
  assert.equal(cleanDraft({ ...base, signer: '\u200b' }).signer, null, 'an invisible optional element is none');
  assert.equal(cleanDraft({ ...base, body: '<p>第一段</p>\n\t<p>第二段</p>' }).body, '<p>第一段</p>\n\t<p>第二段</p>', 'a body has lines');
});

test('a handling deadline within the year ahead', () => {
  const now = new Date('2026-12-05T08:00:00Z');
  const base = { docType: '通知', title: '通知', body: '正文', urgency: 'URGENT' as const };
  assert.equal(
    field(() => cleanDraft({ ...base, deadline: new Date('9999-12-31T23:59:59Z') }, now)),
    'deadline',
  );
  assert.ok(cleanDraft({ ...base, deadline: new Date('2027-06-01T00:00:00Z') }, now).deadline);
});

test('征集 in 拟稿: a deadline within the year ahead, a request never without its deadline', () => {
  const base = { docType: '通知', title: '通知', body: '正文' };
  const now = new Date('2026-12-05T08:00:00Z');
  const day = 86_400_000;
  assert.equal(
    field(() => cleanDraft({ ...base, reportDeadline: new Date(now.getTime() - 60_000) }, now)),
    'reportDeadline',
  );
  assert.equal(
    field(() => cleanDraft({ ...base, reportDeadline: new Date(now.getTime() + 400 * day) }, now)),
    'reportDeadline',
  );
  assert.equal(
    field(() => cleanDraft({ ...base, reportNote: '报送落实情况' }, now)),
    'reportDeadline',
  );
  assert.equal(
    field(() => cleanDraft({ ...base, reportDeadline: new Date(now.getTime() + day), reportNote: '长'.repeat(501) }, now)),
    'reportNote',
  );
  const asked = cleanDraft({ ...base, reportDeadline: new Date(now.getTime() + 7 * day), reportNote: ' 报送落实情况 ' }, now);
  assert.deepEqual([asked.reportDeadline?.getTime(), asked.reportNote], [now.getTime() + 7 * day, '报送落实情况']);
  assert.deepEqual([cleanDraft(base, now).reportDeadline, cleanDraft(base, now).reportNote], [null, null]);
});

test('公开属性: 主动公开 or 依申请公开 alone; 不予公开 with its reason; a reason given with another is not kept', () => {
  const base = { docType: '通知', title: '通知', body: '正文' };
  assert.deepEqual(
    (({ disclosure, disclosureReason }) => ({ disclosure, disclosureReason }))(cleanDraft(base)),
    { disclosure: null, disclosureReason: null },
    'not marked',
  );
  assert.equal(cleanDraft({ ...base, disclosure: 'ACTIVE' }).disclosure, 'ACTIVE');
  assert.equal(
    field(() => cleanDraft({ ...base, disclosure: 'NOT_PUBLIC' })),
    'disclosureReason',
    '不予公开 without its reason',
  );
  assert.equal(
    field(() => cleanDraft({ ...base, disclosure: 'NOT_PUBLIC', disclosureReason: '   ' })),
    'disclosureReason',
  );
  const closed = cleanDraft({ ...base, disclosure: 'NOT_PUBLIC', disclosureReason: ' 内部事务信息 ' });
  assert.deepEqual([closed.disclosure, closed.disclosureReason], ['NOT_PUBLIC', '内部事务信息']);
  assert.equal(cleanDraft({ ...base, disclosure: 'ON_REQUEST', disclosureReason: '内部事务信息' }).disclosureReason, null);
  assert.equal(
    field(() => cleanDraft({ ...base, disclosure: 'SECRET' as never })),
    'disclosure',
  );
  assert.equal(
    field(() => cleanDraft({ ...base, disclosure: 'NOT_PUBLIC', disclosureReason: '理'.repeat(201) })),
    'disclosureReason',
  );
});

test('a draft names at most 500 recipient groups (each of many units, a selection or a list), refused before any is read', () => {
  const group = { orgIds: ['22222222-2222-4222-8222-222222222222'] };
  checkRecipientSpecs(Array.from({ length: 500 }, () => group));
  assert.throws(
    () => checkRecipientSpecs(Array.from({ length: 501 }, () => group)),
    (e: YizhanError) => e.extensions.field === 'recipients' && /501 recipient groups: at most 500/.test(e.message),
  );
});

test('a 密级 marking in the title or body refuses the draft whatever its classification field says; the words alone do not', () => {
  const draft = (title: string, body: string) => () => cleanDraft({ docType: '通知', title, body });
  for (const [title, body, where] of [
    ['关于保密工作的通知', '<p>机密★1年</p><p>正文</p>', 'body'],
    ['绝密 ★ 关于某事项的通知', '<p>正文</p>', 'title'],
    ['关于某事项的通知', '秘密★\n正文', 'body'],
  ] as const) {
    try {
      draft(title, body)();
      assert.fail(`${title} / ${body} was accepted`);
    } catch (e) {
      assert.equal((e as YizhanError).code, 'CLASSIFIED_REFUSED');
      assert.equal((e as YizhanError).extensions.field, where);
    }
  }
  assert.doesNotThrow(draft('关于加强国家秘密保护工作的通知', '<p>严防商业秘密和工作秘密泄露。</p>'), 'the words alone are no marking');
});

test('seed 000 §4: a unit sends upward one kind of 简报, the first 刊名 it lists; a unit without 刊名 has one kind only', () => {
  const xian = { docPrefixes: ['市政发'], briefingTitles: ['西安政务信息', '西安要情'] };
  assert.equal(upwardBriefingProblem(xian, '简报', '西安政务信息'), null);
  assert.match(upwardBriefingProblem(xian, '简报', '西安要情') ?? '', /《西安政务信息》/);
  assert.equal(upwardBriefingProblem(xian, '简报', '市政发'), null, 'a 简报 under a 机关代字 is numbered as any document: no second publication');
  assert.equal(upwardBriefingProblem(xian, '通知', '市政发'), null, 'only 简报 are counted');
  assert.equal(upwardBriefingProblem({ docPrefixes: ['新政发'] }, '简报', '新政发'), null);
});

test('seed 000 §11: a section’s head approves its drafts’ 审核 steps, its leader in charge the leader steps before the 签发', () => {
  const head = { id: 'h', displayName: '孙科长' };
  const leader = { id: 'l', displayName: '钱副区长' };
  const section = { name: '综合科', head, leader };
  assert.equal(sectionApprover(section, 'APPROVER', false), head);
  assert.equal(sectionApprover(section, 'LEADER', false), leader);
  assert.equal(sectionApprover(section, 'LEADER', true), null, 'the 签发 is the named 签发人’s');
  assert.equal(sectionApprover({ ...section, head: null }, 'APPROVER', false), null, 'none named: any approver');
  assert.equal(sectionApprover(null, 'APPROVER', false), null, 'a drafter in no section');
});

test('GB/T 9704 §10.2: a people’s government’s 命令 is numbered by its 令号 (第N号) on one count across years; others issue none', () => {
  const government = { name: '西安市人民政府', kind: 'GOVERNMENT', docPrefixes: ['市政发', '市政函'], briefingTitles: ['西安政务信息'] };
  const office = { name: '陕西省人民政府办公厅', kind: 'OFFICE', docPrefixes: ['陕政办发'], briefingTitles: [] };
  assert.deepEqual(prefixesFor(government, '命令'), ['令'], 'an order is numbered under 令 alone, never a 机关代字');
  assert.deepEqual(prefixesFor(office, '命令'), []);
  assert.deepEqual(prefixesFor(government, '通知'), ['市政发', '市政函'], 'other documents as before');
  assert.equal(numberStyleOf(government, '命令', '令'), 'ORDER');
  assert.equal(numberStyleOf(government, '简报', '西安政务信息'), 'BRIEFING');
  assert.equal(numberStyleOf(government, '简报', '市政发'), 'PLAIN', 'a 简报 under a 机关代字 takes a 发文字号');
  assert.equal(formatDocNumber('令', 2026, 12, 'ORDER'), '第12号');
  assert.equal(formatDocNumber('市政发', 2026, 12), '市政发〔2026〕12号');
  assert.equal(formatDocNumber('西安政务信息', 2026, 12, 'BRIEFING'), '《西安政务信息》2026年第12期');
  assert.equal(counterYear('命令', 2026), counterYear('命令', 2027), 'one count of orders whatever the year');
  assert.equal(counterYear('通知', 2026), 2026, 'a 发文字号 starts again each year');
  assert.equal(docTypeProblem(government, '命令'), null);
  assert.match(docTypeProblem(office, '命令')?.en ?? '', /陕西省人民政府办公厅 does not issue a 命令/);
  assert.equal(docTypeProblem(office, '命令')?.zh, '陕西省人民政府办公厅不能发布命令（令）：命令由人民政府或中央机关发布', 'said in Chinese too');
  assert.equal(docTypeProblem(office, '通知'), null);
  assert.equal(prefixProblem(government, '命令', '令'), null);
  assert.match(prefixProblem(government, '命令', '市政发')?.en ?? '', /令号.*not 市政发/, 'a 机关代字 does not number an order');
  assert.match(prefixProblem(government, '命令', '市政发')?.zh ?? '', /应选“令”，不能用“市政发”/);
  assert.match(prefixProblem(office, '命令', '令')?.en ?? '', /does not issue a 命令/);
});

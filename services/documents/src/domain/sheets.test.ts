// The 收文处理单 and the 发文稿纸 as a records clerk reads them: each box with what was done in it, by whom and when;
// only the last round of approval in 签发 and 核稿, every step in 审批过程; a long opinion carried over to the next page
// with nothing lost; pages numbered.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readPdf } from '../../../../test/support/pdf-text.ts';
import { type FormSheet, renderFormSheet } from './form-sheet-pdf.ts';
import { type DraftSheetApproval, type DraftSheetFacts, draftSheet, type HandlingSheetFacts, handlingSheet } from './sheets.ts';

const box = (s: FormSheet, label: string) =>
  s.rows.flatMap((r) => r.cells).find((c) => c.label === label)?.value ??
  assert.fail(`no box ${label} in ${s.rows.flatMap((r) => r.cells.map((c) => c.label))}`);

const received: HandlingSheetFacts = {
  orgName: '西安市新城区人民政府办公室',
  intakeNumber: '收〔2026〕12号',
  senderName: '西安市人民政府',
  docNumber: '市政发〔2026〕8号',
  title: '关于做好冬季安全生产工作的通知',
  docType: '通知',
  urgency: 'URGENT',
  isTelegram: false,
  copies: 3,
  signedAt: '2026-12-06T01:05:00Z',
  signedByName: '王芳',
  senderDeadline: '2026-12-20T09:00:00Z',
  handling: {
    proposal: '拟请综合科办理，办公室协办。',
    proposedByName: '王芳',
    proposedAt: '2026-12-06T01:30:00Z',
    instruction: '同意，请综合科抓紧落实。',
    instructedByName: '李建国',
    instructedAt: '2026-12-06T02:00:00Z',
    deadline: '2026-12-15T09:00:00Z',
    result: '已部署各街道开展排查。',
    concludedByName: '赵强',
    concludedAt: '2026-12-08T08:00:00Z',
  },
  tasks: [
    {
      sectionName: '综合科',
      role: 'LEAD',
      status: 'DONE',
      acceptedByName: '赵强',
      acceptedAt: '2026-12-06T03:00:00Z',
      result: '已部署',
      doneByName: '赵强',
      doneAt: '2026-12-08T08:00:00Z',
    },
    { sectionName: '办公室', role: 'ASSIST', status: 'ASSIGNED', acceptedByName: null, acceptedAt: null, result: null, doneByName: null, doneAt: null },
  ],
  readers: [
    { userName: '孙丽', sectionName: '办公室', readAt: '2026-12-06T04:00:00Z', comment: '已知悉' },
    { userName: '周涛', sectionName: null, readAt: null, comment: null },
  ],
  history: [
    { action: 'PROPOSE', actorName: '王芳', channel: null, at: '2026-12-06T01:30:00Z' },
    { action: 'URGE', actorName: '王芳', channel: 'SMS', at: '2026-12-07T01:00:00Z' },
  ],
  printedBy: '王芳',
  printedAt: new Date('2026-12-08T09:00:00Z'),
};

test('the 收文处理单 fills each box with what was done, by whom and when (Beijing time)', () => {
  const s = handlingSheet(received);
  assert.equal(s.title, '西安市新城区人民政府办公室收文处理单');
  assert.equal(box(s, '收文编号'), '收〔2026〕12号');
  assert.equal(box(s, '收文时间'), '2026-12-06 09:05');
  assert.equal(box(s, '紧急程度'), '加急');
  assert.equal(box(s, '密级'), '非密');
  assert.equal(box(s, '来文时限'), '2026-12-20 17:00');
  assert.equal(box(s, '拟办意见'), '拟请综合科办理，办公室协办。\n拟办人：王芳　2026-12-06 09:30');
  assert.equal(box(s, '领导批示'), '同意，请综合科抓紧落实。\n办理时限：2026-12-15 17:00\n批示人：李建国　2026-12-06 10:00');
  assert.match(box(s, '承办情况'), /^主办：综合科（已完成）\n已部署\n承办人：赵强　2026-12-06 11:00\n完成时间：2026-12-08 16:00\n\n协办：办公室（待承办）$/);
  assert.equal(box(s, '传阅情况'), '孙丽（办公室）：已阅 2026-12-06 12:00　已知悉\n周涛：未阅');
  assert.equal(box(s, '办理结果'), '已部署各街道开展排查。\n办结人：赵强　2026-12-08 16:00');
  assert.equal(box(s, '备注'), '催办：王芳　2026-12-07 09:00（短信）', 'the 拟办 is in its own box, not the 备注');
});

test('a 收文处理单 before anyone handled it has the 收文 facts and empty boxes to write in', () => {
  const s = handlingSheet({ ...received, handling: null, tasks: [], readers: [], history: [], senderDeadline: null });
  assert.equal(box(s, '来文单位'), '西安市人民政府');
  assert.equal(box(s, '来文时限'), '—');
  // A 征集 without a handling deadline: its 报送截止 is the time the sender set.
  const asked = handlingSheet({
    ...received,
    handling: null,
    tasks: [],
    readers: [],
    history: [],
    senderDeadline: null,
    reportDeadline: '2026-12-20T09:00:00Z',
  });
  assert.equal(box(asked, '来文时限'), '报送截止 2026-12-20 17:00');
  for (const label of ['拟办意见', '领导批示', '承办情况', '传阅情况', '办理结果']) assert.equal(box(s, label), '', label);
  assert.ok((s.rows.find((r) => r.cells[0]?.label === '领导批示')?.minMm ?? 0) >= 30, 'the 批示 box is tall enough to write in');
});

test('a delivery the unit closed itself, without a leader’s instruction, has its 办理结果 with who closed it and when', () => {
  const s = handlingSheet({
    ...received,
    handling: null,
    tasks: [],
    readers: [],
    history: [],
    closed: { result: '已按要求报送本区情况', byName: '马晓燕', at: '2026-12-08T03:11:00Z' },
  });
  assert.equal(box(s, '办理结果'), '已按要求报送本区情况\n办结人：马晓燕　2026-12-08 11:11');
  // Closed with no words: still who and when.
  const bare = handlingSheet({
    ...received,
    handling: null,
    tasks: [],
    readers: [],
    history: [],
    closed: { result: null, byName: '马晓燕', at: '2026-12-08T03:11:00Z' },
  });
  assert.equal(box(bare, '办理结果'), '办结人：马晓燕　2026-12-08 11:11');
  // An instruction concluded by its section is what the box says, whatever else closed the delivery.
  assert.equal(
    box(handlingSheet({ ...received, closed: { result: '另一结果', byName: '马晓燕', at: '2026-12-09T03:11:00Z' } }), '办理结果'),
    '已部署各街道开展排查。\n办结人：赵强　2026-12-08 16:00',
  );
});

const approval = (a: Partial<DraftSheetApproval> & Pick<DraftSheetApproval, 'action' | 'userName' | 'at'>): DraftSheetApproval => ({
  step: 0,
  role: null,
  comment: null,
  signature: null,
  ...a,
});

const drafted: DraftSheetFacts = {
  orgName: '陕西省人民政府办公厅',
  docType: '通知',
  docNumber: '陕政办发〔2026〕21号',
  title: '关于开展年度安全检查的通知',
  urgency: 'NORMAL',
  isTelegram: false,
  disclosure: 'ACTIVE',
  disclosureReason: null,
  mainTo: '各市人民政府',
  ccTo: null,
  signer: null,
  attachments: ['检查表.pdf'],
  authorName: '刘洋',
  createdAt: '2026-12-01T01:00:00Z',
  chainLength: 2,
  approvals: [
    approval({ action: 'SUBMITTED', userName: '刘洋', at: '2026-12-01T02:00:00Z' }),
    approval({ action: 'REJECTED', step: 0, userName: '马军', comment: '请补充检查范围', at: '2026-12-01T03:00:00Z' }),
    approval({ action: 'SUBMITTED', userName: '刘洋', at: '2026-12-02T02:00:00Z' }),
    approval({
      action: 'APPROVED',
      step: 0,
      role: 'APPROVER',
      userName: '马军',
      comment: '已核',
      at: '2026-12-02T03:00:00Z',
      signature: { valid: true, byPerson: false },
    }),
    approval({
      action: 'APPROVED',
      step: 1,
      role: 'LEADER',
      userName: '陈志刚',
      comment: '同意印发',
      at: '2026-12-02T05:00:00Z',
      signature: { valid: true, byPerson: true },
    }),
  ],
  coIssuers: [],
  sealNote: '电子印章验证通过（签章时间 2026-12-02 14:00:00）',
  docDate: '2026-12-02',
  printingOrg: '陕西省人民政府办公厅',
  printingDate: '2026-12-02',
  status: 'SENT',
  sentAt: '2026-12-02T07:00:00Z',
  sentByName: '张静',
  recipientCount: 12,
  printedBy: '张静',
};

test('the 发文稿纸: the 签发 at the chain’s end and the 核稿 of the last round, each with its signature’s check; every step in 审批过程', () => {
  const s = draftSheet(drafted);
  assert.equal(s.title, '陕西省人民政府办公厅发文稿纸');
  assert.equal(box(s, '签发'), '同意印发\n签发人：陈志刚　2026-12-02 13:00\n电子签名验证有效（本人数字证书签名）');
  assert.equal(box(s, '核稿'), '已核\n核稿人：马军　2026-12-02 11:00\n电子签名验证有效（单位签名）', 'the rejected first round is not a 核稿');
  assert.equal(box(s, '拟稿'), '刘洋　2026-12-01 09:00');
  assert.equal(box(s, '签发人'), '陈志刚');
  assert.equal(box(s, '公开属性'), '主动公开');
  assert.equal(box(s, '附件'), '1. 检查表.pdf');
  assert.equal(box(s, '发出'), '2026-12-02 15:00　张静\n共发 12 个单位');
  assert.equal(box(s, '用印'), '电子印章验证通过（签章时间 2026-12-02 14:00:00）');
  assert.equal(
    box(draftSheet({ ...drafted, sealedBy: ['杨丽', '黄海燕'] }), '用印'),
    '电子印章验证通过（签章时间 2026-12-02 14:00:00）\n印章保管人：杨丽、黄海燕',
  );
  const steps = box(s, '审批过程').split('\n');
  assert.equal(steps.length, 5);
  assert.equal(steps[1], '2026-12-01 11:00　马军　退回修改：请补充检查范围');
  assert.match(steps[4] as string, /^2026-12-02 13:00　陈志刚　签发：同意印发/, 'the chain’s last approval is the 签发');
  assert.match(steps[3] as string, /　马军　同意：已核/, 'a 核稿 is 同意');
  assert.ok(!s.rows.some((r) => r.cells.some((c) => c.label === '会签')), 'no 会签 box for a document of one unit');
});

test('a draft in approval: no 签发 yet, its status where 发出 goes, a signature that fails says so', () => {
  const s = draftSheet({
    ...drafted,
    docNumber: null,
    status: 'IN_APPROVAL',
    sentAt: null,
    sentByName: null,
    recipientCount: null,
    sealNote: null,
    approvals: [
      approval({ action: 'SUBMITTED', userName: '刘洋', at: '2026-12-02T02:00:00Z' }),
      approval({ action: 'APPROVED', step: 0, userName: '马军', at: '2026-12-02T03:00:00Z', signature: { valid: false, byPerson: false } }),
    ],
    coIssuers: [{ orgName: '陕西省财政厅', status: 'PENDING', decidedByName: null, decidedAt: null, comment: null }],
  });
  assert.equal(box(s, '签发'), '');
  assert.equal(box(s, '发文字号'), '（未编号）');
  assert.equal(box(s, '发出'), '审批中');
  assert.equal(box(s, '用印'), '未用印');
  assert.equal(box(s, '会签'), '陕西省财政厅：待会签');
  assert.match(box(s, '核稿'), /电子签名验证未通过/);
});

test('printed: the boxes in order, a long 批示 carried over under its label （续） with nothing lost, pages numbered', async () => {
  const long = Array.from({ length: 3000 }, (_, i) => '落实责任到人'[i % 6]).join('');
  const sheet = handlingSheet({ ...received, handling: { ...(received.handling as NonNullable<HandlingSheetFacts['handling']>), instruction: long } });
  const pages = await readPdf(await renderFormSheet(sheet));
  assert.ok(pages.length >= 2, `${pages.length} pages`);
  const text = pages.map((p) => p.lines.join('')).join('');
  assert.ok(pages[0]?.lines.join('').includes('西安市新城区人民政府办公室收文处理单'));
  const overleaf = pages[1]?.lines.join('') ?? '';
  assert.ok(overleaf.includes('领导批示') && overleaf.includes('（续）'), 'the 批示 goes on overleaf under its label');
  const written = text.replace(/[^落实责任到人]/g, '');
  assert.ok(written.includes(long), 'every character of the 批示 printed, in order');
  assert.ok(text.indexOf('拟办意见') < text.indexOf('领导批示') && text.indexOf('领导批示') < text.indexOf('办理结果'));
  for (const [i, p] of pages.entries()) assert.ok(p.lines.join('').includes(`第 ${i + 1} 页 共 ${pages.length} 页`), `page ${i + 1} numbered`);
  assert.ok(text.includes('打印人：王芳'), 'who printed it, by name');
});

// The office's two forms, filled in from what the platform recorded: the 收文处理单 of a document the unit signed for
// (来文 and 收文, then 拟办, 批示, 承办, 传阅 and 办结, each with who and when: 条例 第二十四条) and the 发文稿纸 of a
// document it drafted (拟稿, 核稿, 会签, 签发 — each approval with its electronic signature's check, which counts as
// the handwritten one: seed 003 §3 — then 用印 and 发出). Plain functions of their inputs: the app gathers the facts
// (app/sheets.ts), form-sheet-pdf.ts draws the rows.

import { beijingMinute, DISCLOSURE_WORDS, type Disclosure, URGENCY_WORDS, type Urgency } from '@yizhan/common';
import type { FormSheet, SheetRow } from './form-sheet-pdf.ts';
import { TASK_ROLE_WORDS } from './handling.ts';

const at = (t: Date | string | null | undefined) => (t ? beijingMinute(new Date(t)) : '');
const urgencyWords = (u: string, telegram = false) => `${URGENCY_WORDS[u as Urgency] ?? u}${telegram ? '（明传电报）' : ''}`;
/** The platform carries only non-classified documents (domain/document.ts refuseClassified). */
const UNCLASSIFIED = '非密';
/** A box's signature line: 拟办人：王芳　2026-12-06 10:05. */
const signed = (who: string, name: string | null, when: Date | string | null) => (name ? `${who}：${name}　${at(when)}` : '');
const lines = (...xs: (string | null | undefined | false)[]) => xs.filter((x): x is string => !!x).join('\n');

export interface HandlingSheetFacts {
  orgName: string;
  /** 收〔2026〕12号. */
  intakeNumber: string;
  senderName: string;
  docNumber: string;
  title: string;
  docType: string;
  urgency: string;
  isTelegram: boolean;
  copies: number;
  signedAt: Date | string;
  signedByName: string;
  /** The sender's 办理时限, if it set one. */
  senderDeadline: Date | string | null;
  /** 征集: when the sender asked its recipients to report by (the 来文时限 where it set no handling deadline). */
  reportDeadline?: Date | string | null;
  handling: {
    proposal: string | null;
    proposedByName: string | null;
    proposedAt: Date | string | null;
    instruction: string | null;
    instructedByName: string | null;
    instructedAt: Date | string | null;
    deadline: Date | string | null;
    result: string | null;
    concludedByName: string | null;
    concludedAt: Date | string | null;
  } | null;
  tasks: {
    sectionName: string;
    role: string;
    status: string;
    acceptedByName: string | null;
    acceptedAt: Date | string | null;
    result: string | null;
    doneByName: string | null;
    doneAt: Date | string | null;
  }[];
  readers: { userName: string; sectionName: string | null; readAt: Date | string | null; comment: string | null }[];
  /** The unit's own 办结 of the delivery, where no instruction was concluded (its 办理结果, who and when). */
  closed?: { result: string | null; byName: string; at: Date | string } | null;
  /** The handling's history: 催办, 答复 and 报送 go into 备注. */
  history: { action: string; actorName: string; channel: string | null; at: Date | string }[];
  printedBy: string;
  printedAt?: Date;
}

const TASK_STATE_WORDS: Record<string, string> = { ASSIGNED: '待承办', ACCEPTED: '承办中', DONE: '已完成' };
const NOTED: Record<string, string> = { URGE: '催办', REPLY: '答复', REPORT: '报送' };
const CHANNEL_WORDS: Record<string, string> = { IN_APP: '站内', SMS: '短信' };

/** The 收文处理单 of a delivery as the unit handled it. */
export function handlingSheet(f: HandlingSheetFacts): FormSheet {
  const h = f.handling;
  const tasks = f.tasks.map((t) =>
    lines(
      `${TASK_ROLE_WORDS[t.role as keyof typeof TASK_ROLE_WORDS] ?? t.role}：${t.sectionName}（${TASK_STATE_WORDS[t.status] ?? t.status}）`,
      t.result,
      signed('承办人', t.acceptedByName, t.acceptedAt),
      t.doneByName && t.doneByName !== t.acceptedByName ? signed('完成人', t.doneByName, t.doneAt) : t.doneAt ? `完成时间：${at(t.doneAt)}` : null,
    ),
  );
  const readers = f.readers.map(
    (r) => `${r.userName}${r.sectionName ? `（${r.sectionName}）` : ''}：${r.readAt ? `已阅 ${at(r.readAt)}${r.comment ? `　${r.comment}` : ''}` : '未阅'}`,
  );
  const noted = f.history
    .filter((s) => NOTED[s.action])
    .map((s) => `${NOTED[s.action]}：${s.actorName}　${at(s.at)}${s.channel ? `（${CHANNEL_WORDS[s.channel] ?? s.channel}）` : ''}`);
  // An instruction's conclusion by its 主办 section; else the unit's own 办结 of the delivery.
  const concluded =
    h && (h.concludedAt || h.result)
      ? lines(h.result, signed('办结人', h.concludedByName, h.concludedAt))
      : f.closed
        ? lines(f.closed.result, signed('办结人', f.closed.byName, f.closed.at))
        : '';
  const rows: SheetRow[] = [
    {
      cells: [
        { label: '来文单位', value: f.senderName },
        { label: '来文字号', value: f.docNumber || '—' },
      ],
    },
    {
      cells: [
        { label: '收文编号', value: f.intakeNumber },
        { label: '收文时间', value: at(f.signedAt) },
      ],
    },
    {
      cells: [
        { label: '文种', value: f.docType },
        { label: '紧急程度', value: urgencyWords(f.urgency, f.isTelegram) },
        { label: '密级', value: UNCLASSIFIED },
      ],
    },
    {
      cells: [
        { label: '份数', value: `${f.copies} 份` },
        { label: '签收人', value: f.signedByName },
        { label: '来文时限', value: at(f.senderDeadline) || (f.reportDeadline ? `报送截止 ${at(f.reportDeadline)}` : '—') },
      ],
    },
    { cells: [{ label: '文件标题', value: f.title }], minMm: 14 },
    { cells: [{ label: '拟办意见', value: lines(h?.proposal, signed('拟办人', h?.proposedByName ?? null, h?.proposedAt ?? null)) }], minMm: 28 },
    {
      cells: [
        {
          label: '领导批示',
          value: lines(
            h?.instruction,
            h?.deadline ? `办理时限：${at(h.deadline)}` : null,
            signed('批示人', h?.instructedByName ?? null, h?.instructedAt ?? null),
          ),
        },
      ],
      minMm: 36,
    },
    { cells: [{ label: '承办情况', value: tasks.join('\n\n') }], minMm: 28 },
    { cells: [{ label: '传阅情况', value: readers.join('\n') }], minMm: 20 },
    { cells: [{ label: '办理结果', value: concluded }], minMm: 24 },
    { cells: [{ label: '备注', value: noted.join('\n') }], minMm: 14 },
  ];
  return {
    title: `${f.orgName}收文处理单`,
    reference: `收文编号：${f.intakeNumber}`,
    rows,
    notes: ['本单由驿站电子公文平台依据本单位的签收与办理记录生成；拟办、批示、承办、传阅、办结各栏的人员与时间均为平台所记。'],
    printedBy: f.printedBy,
    printedAt: f.printedAt,
    author: f.orgName,
  };
}

/** One recorded step of a draft's approval, with its signature as checked now (null: a submission, a rejection, or an approval made without the CA). */
export interface DraftSheetApproval {
  action: 'SUBMITTED' | 'APPROVED' | 'REJECTED';
  step: number;
  role: string | null;
  userName: string;
  comment: string | null;
  at: Date | string;
  signature: { valid: boolean; byPerson: boolean } | null;
}

export interface DraftSheetFacts {
  orgName: string;
  docType: string;
  docNumber: string | null;
  title: string;
  urgency: string;
  isTelegram: boolean;
  disclosure: string | null;
  disclosureReason: string | null;
  mainTo: string | null;
  ccTo: string | null;
  signer: string | null;
  attachments: string[];
  authorName: string;
  createdAt: Date | string;
  /** The approval chain's length: its last approval is the 签发. */
  chainLength: number;
  approvals: DraftSheetApproval[];
  coIssuers: { orgName: string; status: string; decidedByName: string | null; decidedAt: Date | string | null; comment: string | null }[];
  /** What the seal's check said (print.ts's words), null before any stamp was asked. */
  sealNote: string | null;
  /** The two custodians who stamped it, by name (the seal's register), none where unknown. */
  sealedBy?: string[];
  docDate: string | null;
  printingOrg: string | null;
  printingDate: string | null;
  status: string;
  sentAt: Date | string | null;
  sentByName: string | null;
  recipientCount: number | null;
  printedBy: string;
  printedAt?: Date;
}

const STATUS_WORDS: Record<string, string> = {
  DRAFT: '拟稿中',
  IN_APPROVAL: '审批中',
  REJECTED: '已退回修改',
  APPROVED: '已签发，待发出',
  SENT: '已发出',
};
const SIGNATURE_WORDS = (s: DraftSheetApproval['signature']) =>
  s === null ? '' : `电子签名${s.valid ? '验证有效' : '验证未通过'}${s.byPerson ? '（本人数字证书签名）' : '（单位签名）'}`;
const ACTION_WORDS: Record<DraftSheetApproval['action'], string> = { SUBMITTED: '送审', APPROVED: '同意', REJECTED: '退回修改' };
const COSIGN_WORDS: Record<string, string> = { PENDING: '待会签', COUNTERSIGNED: '已会签', DECLINED: '不同意会签' };

/**
 * The 发文稿纸 of a document as its unit drafted and approved it. Only the last round of approval counts (a rejection
 * sends the draft back; its next submission starts again): its last approval at the chain's end is the 签发, the ones
 * before it the 核稿. Every step, rejections too, is listed in 审批过程.
 */
export function draftSheet(f: DraftSheetFacts): FormSheet {
  const lastSubmission = f.approvals.map((a) => a.action).lastIndexOf('SUBMITTED');
  const round = f.approvals.slice(lastSubmission + 1);
  const issued = round.find((a) => a.action === 'APPROVED' && a.step === f.chainLength - 1) ?? null;
  const reviews = round.filter((a) => a.action === 'APPROVED' && a !== issued);
  const opinion = (a: DraftSheetApproval, who: string) => lines(a.comment, `${who}：${a.userName}　${at(a.at)}`, SIGNATURE_WORDS(a.signature));
  // The chain's last approval is the 签发, named so (a 核稿's is 同意).
  const actionWords = (a: DraftSheetApproval) => (a.action === 'APPROVED' && a.step === f.chainLength - 1 ? '签发' : ACTION_WORDS[a.action]);
  const process = f.approvals.map(
    (a) => `${at(a.at)}　${a.userName}　${actionWords(a)}${a.comment ? `：${a.comment}` : ''}${a.signature ? `（${SIGNATURE_WORDS(a.signature)}）` : ''}`,
  );
  const sent =
    f.status === 'SENT' && f.sentAt
      ? lines(`${at(f.sentAt)}${f.sentByName ? `　${f.sentByName}` : ''}`, f.recipientCount !== null ? `共发 ${f.recipientCount} 个单位` : null)
      : (STATUS_WORDS[f.status] ?? f.status);
  const rows: SheetRow[] = [
    { cells: [{ label: '签发', value: issued ? opinion(issued, '签发人') : '' }], minMm: 32 },
    ...(f.coIssuers.length
      ? [
          {
            cells: [
              {
                label: '会签',
                value: f.coIssuers
                  .map((c) =>
                    lines(`${c.orgName}：${COSIGN_WORDS[c.status] ?? c.status}`, c.comment, c.decidedByName ? `${c.decidedByName}　${at(c.decidedAt)}` : null),
                  )
                  .join('\n\n'),
              },
            ],
            minMm: 24,
          },
        ]
      : []),
    { cells: [{ label: '核稿', value: reviews.map((a) => opinion(a, '核稿人')).join('\n\n') }], minMm: 24 },
    {
      cells: [
        { label: '拟稿', value: `${f.authorName}　${at(f.createdAt)}` },
        { label: '签发人', value: f.signer ?? (issued ? issued.userName : '—') },
      ],
    },
    {
      cells: [
        { label: '发文字号', value: f.docNumber ?? '（未编号）' },
        { label: '文种', value: f.docType },
      ],
    },
    {
      cells: [
        { label: '紧急程度', value: urgencyWords(f.urgency, f.isTelegram) },
        { label: '密级', value: UNCLASSIFIED },
        {
          label: '公开属性',
          value: f.disclosure ? `${DISCLOSURE_WORDS[f.disclosure as Disclosure] ?? f.disclosure}${f.disclosureReason ? `（${f.disclosureReason}）` : ''}` : '—',
        },
      ],
    },
    { cells: [{ label: '标题', value: f.title }], minMm: 14 },
    { cells: [{ label: '主送', value: f.mainTo ?? '—' }] },
    { cells: [{ label: '抄送', value: f.ccTo ?? '—' }] },
    { cells: [{ label: '附件', value: f.attachments.length ? f.attachments.map((a, i) => `${i + 1}. ${a}`).join('\n') : '无' }] },
    {
      cells: [
        { label: '成文日期', value: f.docDate ?? '—' },
        { label: '印发', value: lines(f.printingOrg, f.printingDate) || '—' },
      ],
    },
    { cells: [{ label: '用印', value: lines(f.sealNote ?? '未用印', f.sealedBy?.length ? `印章保管人：${f.sealedBy.join('、')}` : null) }] },
    { cells: [{ label: '发出', value: sent }] },
    { cells: [{ label: '审批过程', value: process.join('\n') || '尚未送审' }], minMm: 20 },
  ];
  return {
    title: `${f.orgName}发文稿纸`,
    reference: `发文字号：${f.docNumber ?? '（未编号）'}`,
    rows,
    notes: [
      '本稿纸由驿站电子公文平台依据本单位的审批记录生成；签发、核稿意见及其电子签名于打印时对照公文现状重新验证，在线签署的意见、签名和日期与手写同等有效。',
    ],
    printedBy: f.printedBy,
    printedAt: f.printedAt,
    author: f.orgName,
  };
}

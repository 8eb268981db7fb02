'use client';
// Small pieces every page uses. Status is always an icon and a word, never colour alone.
import { type ReactNode, useEffect, useState } from 'react';
import type { PlatformError } from '../lib/client';
import { errorDetail, errorWords, fieldWords, isChinese } from '../lib/errors';
import { type T, useLang, useT } from '../lib/i18n';
import { URGENCY } from '../lib/urgency';
import { handlingNoteEn, PLATFORM_ACTORS, urgeNoteEn } from '../lib/written-notes';

/** A delivery's state in words; `sender` where the sending side says it otherwise (its board's chip 未接收 lists them). */
export const STATUS: Record<string, { icon: string; zh: string; tone: string; sender?: string }> = {
  DELIVERED: { icon: '○', zh: '待签收', tone: 'pending', sender: '已送达（未接收）' },
  OVERDUE: { icon: '⚠', zh: '超期未签收', tone: 'bad' },
  RECEIVED: { icon: '◐', zh: '已接收（待签收）', tone: 'pending' },
  PRINTED: { icon: '◐', zh: '已打印（待签收）', tone: 'pending' },
  SIGNED: { icon: '✓', zh: '已签收', tone: 'good' },
  RETURNED: { icon: '↩', zh: '已退回', tone: 'bad' },
  RESEND_REQUESTED: { icon: '⟳', zh: '请求重发', tone: 'warn' },
  RESENT: { icon: '↻', zh: '已重发', tone: 'muted' },
  // Shown, not stored: a RESENT delivery answered by a corrected version of the document (修改后重发).
  CORRECTED: { icon: '✎', zh: '已修改重发', tone: 'muted' },
  RECALLED: { icon: '⊘', zh: '已撤回', tone: 'muted' },
  CLOSED: { icon: '■', zh: '已办结', tone: 'good' },
};

/** Arrived and waiting for the clerk's 签收 (or 退回). */
export const UNSIGNED = ['DELIVERED', 'RECEIVED', 'PRINTED'];

/** A delivery not signed for and past its due time shows as overdue (supervision counts 签收, not the first open). */
export const effectiveStatus = (d: { status: string; dueAt?: string | null }) =>
  UNSIGNED.includes(d.status) && d.dueAt && new Date(d.dueAt) < new Date() ? 'OVERDUE' : d.status;

export function StatusBadge({ status, sender }: { status: string; sender?: boolean }) {
  const t = useT();
  const s = STATUS[status] ?? { icon: '?', zh: status, tone: 'muted' };
  return (
    <span className={`badge ${s.tone}`} data-status={status}>
      <span aria-hidden="true">{s.icon}</span> {t((sender && s.sender) || s.zh)}
    </span>
  );
}

export function UrgencyTag({ urgency, telegram }: { urgency: string; telegram?: boolean }) {
  const t = useT();
  if (urgency === 'NORMAL' && !telegram) return null;
  return (
    <span className={`urgency ${urgency.toLowerCase()}`}>
      {telegram ? `${t('明传电报')} · ` : ''}
      {t(URGENCY[urgency] ?? urgency)}
    </span>
  );
}

/**
 * A refusal in the interface's language, from the one error catalogue (lib/errors.ts): the words for its code, the
 * field it concerns (marked in the form too), and the code to quote to the help desk. The platform's own message
 * follows when it speaks the same language; an English one stays under 详细信息 in the Chinese interface.
 */
export function ErrorNote({ error }: { error: PlatformError | null | undefined }) {
  const t = useT();
  const { lang } = useLang();
  const field = typeof error?.extensions?.field === 'string' ? error.extensions.field : null;
  // The refusal the person has since answered by editing its field: it is no longer shown as if still standing.
  const [answered, setAnswered] = useState<PlatformError | null>(null);
  // The field concerned is marked in its form (aria-invalid) until the error goes or the field is edited.
  useEffect(() => {
    if (!field || !error) return;
    const inputs = [...document.querySelectorAll<HTMLElement>(`[name="${CSS.escape(field)}"]`)];
    const unmark = () => {
      for (const el of inputs) el.removeAttribute('aria-invalid');
    };
    const edited = () => {
      unmark();
      setAnswered(error);
    };
    for (const el of inputs) {
      el.setAttribute('aria-invalid', 'true');
      el.addEventListener('input', edited, { once: true });
    }
    return () => {
      unmark();
      for (const el of inputs) el.removeEventListener('input', edited);
    };
  }, [field, error]);
  if (!error || answered === error) return null;
  const words = errorWords(error.code, lang);
  const named = field ? fieldWords(field, lang) : null;
  const detail = errorDetail(error.code, error.extensions, lang);
  const message = t(error.message);
  const sameLanguage = lang === 'zh' ? isChinese(message) : !isChinese(message);
  const extra = message && message !== words ? message : null;
  // The stable code is for whoever helps the clerk (the operators' runbook names each): under 详细信息, labelled, beside
  // the platform's own words when they are in another language; the clerk reads the catalogue's sentence.
  return (
    <div className="error" role="alert" data-code={error.code}>
      {words ?? (sameLanguage ? message : t('操作未成功'))}
      {named && <span data-testid="error-field">{t('（涉及：{f}）', { f: named })}</span>}
      {detail && <span data-testid="error-detail">{lang === 'zh' ? `：${detail}` : `: ${detail}`}</span>}
      {words && extra && sameLanguage && <span> {extra}</span>}
      <details>
        <summary>{t('详细信息')}</summary>
        {t('错误代码')}
        {t('：')}
        <code>{error.code}</code>
        {extra && !sameLanguage && (
          <>
            <br />
            <span lang={isChinese(extra) ? 'zh-CN' : 'en'}>{extra}</span>
          </>
        )}
      </details>
    </div>
  );
}

export function Section({ title, actions, children }: { title: string; actions?: ReactNode; children: ReactNode }) {
  return (
    <section className="card">
      <header className="card-head">
        <h2>{title}</h2>
        {actions}
      </header>
      {children}
    </section>
  );
}

/** A figure's card class for a count of what went wrong (超期, 退回 …): red only when there is any, a 0 is good news. */
export function alarmKpi(n: number | null | undefined): string {
  return n ? 'kpi bad' : 'kpi';
}

export function Empty({ text }: { text: string }) {
  return <p className="empty">{text}</p>;
}

/** 退回 reasons: the findings of 初审. */
export const RETURN_REASONS = ['NOT_OURS', 'AGAINST_ROUTING', 'WRONG_FORMAT', 'INCOMPLETE', 'NOT_COSIGNED', 'OTHER'] as const;
const RETURN_REASON_WORDS: Record<string, string> = {
  NOT_OURS: '非本单位',
  AGAINST_ROUTING: '不符合行文规则',
  WRONG_FORMAT: '文种或格式不符',
  INCOMPLETE: '内容不全',
  NOT_COSIGNED: '未会签',
  OTHER: '其他',
  // 请求重发's reason.
  CANNOT_RECEIVE: '无法接收',
  // 撤回's: by the sender, or by the platform for a recipient unit dissolved (its note: why) or merged (the unit it joined).
  RECALLED_BY_SENDER: '发文单位撤回',
  UNIT_DISSOLVED: '收文单位已撤销',
  UNIT_MERGED: '收文单位已并入',
  // Recorded before the 初审 categories.
  WRONG_ADDRESSEE: '非本单位',
  NOT_OUR_BUSINESS: '非本单位',
};
export const returnReasonLabel = (t: T, r: string) => t(RETURN_REASON_WORDS[r] ?? r);

/** A history step's reason in words: a return's or resend request's, or a print beyond the quota. */
const STEP_REASON_WORDS: Record<string, string> = { ...RETURN_REASON_WORDS, BEYOND_QUOTA: '超出份数', PHONE: '电话催办' };
const historyReason = (t: T, r: string) => t(STEP_REASON_WORDS[r] ?? r);

/** How a delivery was first received: the note of a RECEIVE step in its history (opened, printed, downloaded, or at 签收). */
const RECEIPT_WAY: Record<string, string> = { OPEN: '打开', PRINT: '打印', DOWNLOAD: '下载', SIGN: '签收' };

/** The notes the service writes itself, by the step they belong to: a fixed label before a value (its number, the result). */
const WRITTEN_NOTE: Record<string, { prefix: string; words: string }> = {
  SIGN: { prefix: '收文编号 ', words: '收文编号 {value}' },
  PRINT: { prefix: '份号 ', words: '份号 {value}' },
  REQUEST_COPIES: { prefix: '追加份数 ', words: '追加份数 {value}' },
  CLOSE: { prefix: '办理结果：', words: '办理结果：{value}' },
};

/** A history step's note in words: for 接收, the way it was received; a note the service wrote, its label in the
 * reader's language; any other note as the person wrote it. */
const historyNote = (t: T, action: string, note: string, lang: 'zh' | 'en') => {
  if (action === 'RECEIVE' && RECEIPT_WAY[note]) return t(RECEIPT_WAY[note]);
  if (action === 'URGE' && lang === 'en') return urgeNoteEn(note) ?? note;
  const written = WRITTEN_NOTE[action];
  return written && note.startsWith(written.prefix) ? t(written.words, { value: note.slice(written.prefix.length) }) : note;
};

/** A delivery's latest note as the board shows it beside its state: one the service wrote (办理结果：…) in the reader's
 * language, a person's as written. */
export const deliveryStateNote = (t: T, status: string, note: string | null | undefined) =>
  note ? historyNote(t, status === 'CLOSED' ? 'CLOSE' : status, note, 'zh') : '';

/** Who did a step: a person by name as recorded; the platform's own actors (自动催办 …) in the reader's language. */
export const actorWords = (t: T, name: string) => (PLATFORM_ACTORS.includes(name) ? t(name) : name);

/** A handling history's note in the reader's language: one the platform wrote said in English, a person's as written. */
export const handlingNote = (note: string | null | undefined, lang: 'zh' | 'en') => (note && lang === 'en' ? (handlingNoteEn(note) ?? note) : (note ?? ''));

/** A delivery's history step in words, as every screen shows it: 签收 · 收文编号 …, 退回 · 非本单位 · the note. */
export const historyStep = (t: T, step: { action: string; reason?: string | null; note?: string | null }, lang: 'zh' | 'en' = 'zh') =>
  [
    (lang === 'en' && ACTION_DONE_EN[step.action]) || t(ACTION[step.action] ?? step.action),
    step.reason ? historyReason(t, step.reason) : '',
    step.note ? historyNote(t, step.action, step.note, lang) : '',
  ]
    .filter(Boolean)
    .join(' · ');

export const LEVEL: Record<string, string> = { PROVINCE: '省级', CITY: '市级', COUNTY: '县级' };
/** Which way a document goes between two units. */
export const DIRECTION: Record<string, string> = { DOWN: '下行', UP: '上行', LATERAL: '平行' };
/** A unit's kind, as the directory names it. */
export const KIND: Record<string, string> = {
  GOVERNMENT: '政府',
  OFFICE: '办公厅（室）',
  DEPARTMENT: '部门',
  INSTITUTION: '事业单位',
  ENTERPRISE: '企业',
  CENTRAL_AGENCY: '中央驻地单位',
};
export const ROLE: Record<string, string> = {
  CLERK: '收文员',
  DRAFTER: '拟稿人',
  APPROVER: '处室负责人',
  LEADER: '分管领导',
  SEAL_KEEPER: '印章保管人',
  ADMIN: '系统管理员',
  SUPERVISOR: '督办人员',
  ARCHIVIST: '档案管理员',
};
/** What a step of the approval history did, as a record (已同意, or 已签发 at the chain's last step; 已退回修改; the
 * submission), not as the button that did it. */
export const approvalActionWords = (a: { action: string; step: number }, chain: readonly string[] | null | undefined) =>
  a.action === 'APPROVED' ? (chain && a.step === chain.length - 1 ? '已签发' : '已同意') : a.action === 'REJECTED' ? '已退回修改' : '已提交审批';

export const DOC_TYPES = [
  '通知',
  '通报',
  '报告',
  '请示',
  '批复',
  '意见',
  '函',
  '纪要',
  '决定',
  '决议',
  '命令',
  '公报',
  '公告',
  '通告',
  '议案',
  '简报',
  '会议通知',
];

/** A 文种 in English, its Chinese name beside it (the name the regulations and the print use). */
const DOC_TYPE_EN: Record<string, string> = {
  通知: 'Notice',
  通报: 'Circular',
  报告: 'Report',
  请示: 'Request for instructions',
  批复: 'Official reply',
  意见: 'Opinions',
  函: 'Letter',
  纪要: 'Minutes',
  决定: 'Decision',
  决议: 'Resolution',
  命令: 'Order',
  公报: 'Communiqué',
  公告: 'Announcement',
  通告: 'Public notice',
  议案: 'Motion',
  简报: 'Briefing',
  会议通知: 'Meeting notice',
  // The archive files published 信息 beside the documents, under its own retention.
  信息: 'Information',
};
export const docTypeName = (docType: string, lang: 'zh' | 'en') => (lang === 'en' && DOC_TYPE_EN[docType] ? `${DOC_TYPE_EN[docType]} (${docType})` : docType);

/** What each step in a delivery's history was. */
export const ACTION: Record<string, string> = {
  OPEN: '接收（打开）',
  RECEIVE: '接收',
  SIGN: '签收',
  PRINT: '打印',
  DOWNLOAD: '下载',
  RETURN: '退回',
  REQUEST_RESEND: '请求重发',
  RECALL: '撤回',
  RESEND: '重发',
  CORRECT_RESEND: '修改后重发',
  CLOSE: '办结',
  RAISE_QUOTA: '调整打印份数',
  REQUEST_COPIES: '申请追加份数',
  URGE: '催办',
  UNIT_CLOSED: '收文单位撤并',
  // A merged unit's work in hand, gone on to the unit it joined (its note: that unit).
  HANDED_ON: '转并入单位办理',
};

/** A step of the history in English, as done (the Chinese words are the same as the acts' buttons: 签收, 打印 …). */
const ACTION_DONE_EN: Record<string, string> = {
  OPEN: 'Received (opened)',
  RECEIVE: 'Received',
  SIGN: 'Signed for',
  PRINT: 'Printed',
  DOWNLOAD: 'Downloaded',
  RETURN: 'Returned',
  REQUEST_RESEND: 'Resend requested',
  RECALL: 'Recalled',
  RESEND: 'Resent',
  CORRECT_RESEND: 'Corrected and resent',
  CLOSE: 'Closed',
  RAISE_QUOTA: 'Print quota changed',
  REQUEST_COPIES: 'More copies asked for',
  URGE: 'Urged',
  UNIT_CLOSED: 'Withdrawn: the recipient unit was closed',
  HANDED_ON: 'Handed on to the unit it was merged into',
};

/** 公开属性 in words. */
export const DISCLOSURE: Record<string, string> = { ACTIVE: '主动公开', ON_REQUEST: '依申请公开', NOT_PUBLIC: '不予公开' };

/** 公开属性 beside the document (decided as it was drafted; not part of the printed page): 未标注 stands out. */
export function DisclosureLine({ disclosure, reason }: { disclosure?: string | null; reason?: string | null }) {
  const t = useT();
  return (
    <p className="muted" data-testid="disclosure">
      {t('公开属性')}
      {t('：')}
      {disclosure ? (
        <strong>
          {t(DISCLOSURE[disclosure] ?? disclosure)}
          {reason ? t('（{r}）', { r: reason }) : ''}
        </strong>
      ) : (
        <span className="badge warn">{t('未标注')}</span>
      )}
    </p>
  );
}

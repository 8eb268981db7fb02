'use client';
// Small pieces every page uses. Status is always an icon and a word, never colour alone.
import type { ReactNode } from 'react';
import type { PlatformError } from '../lib/client';
import { type T, useT } from '../lib/i18n';

export const STATUS: Record<string, { icon: string; zh: string; tone: string }> = {
  DELIVERED: { icon: '○', zh: '待签收', tone: 'pending' },
  OVERDUE: { icon: '⚠', zh: '超期未签收', tone: 'bad' },
  RECEIVED: { icon: '✓', zh: '已签收', tone: 'good' },
  PRINTED: { icon: '✓', zh: '已打印', tone: 'good' },
  RETURNED: { icon: '↩', zh: '已退回', tone: 'bad' },
  RESEND_REQUESTED: { icon: '⟳', zh: '请求重发', tone: 'warn' },
  RESENT: { icon: '↻', zh: '已重发', tone: 'muted' },
  RECALLED: { icon: '⊘', zh: '已撤回', tone: 'muted' },
  CLOSED: { icon: '■', zh: '已办结', tone: 'good' },
};

/** A delivery not signed for and past its due time shows as overdue. */
export const effectiveStatus = (d: { status: string; dueAt?: string | null }) =>
  d.status === 'DELIVERED' && d.dueAt && new Date(d.dueAt) < new Date() ? 'OVERDUE' : d.status;

export function StatusBadge({ status }: { status: string }) {
  const t = useT();
  const s = STATUS[status] ?? { icon: '?', zh: status, tone: 'muted' };
  return (
    <span className={`badge ${s.tone}`} data-status={status}>
      <span aria-hidden="true">{s.icon}</span> {t(s.zh)}
    </span>
  );
}

export const URGENCY: Record<string, string> = { NORMAL: '平件', URGENT: '加急', EXTRA_URGENT: '特急' };

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

/** An error as the platform said it, with its code, so a clerk can quote it to the help desk. */
export function ErrorNote({ error }: { error: PlatformError | null | undefined }) {
  const t = useT();
  if (!error) return null;
  return (
    <p className="error" role="alert">
      {t(error.message)} <code>{error.code}</code>
    </p>
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

export function Empty({ text }: { text: string }) {
  return <p className="empty">{text}</p>;
}

export const RETURN_REASONS = ['WRONG_ADDRESSEE', 'WRONG_FORMAT', 'INCOMPLETE', 'NOT_OUR_BUSINESS', 'OTHER'] as const;
export const returnReasonLabel = (t: T, r: string) =>
  t(
    (
      { WRONG_ADDRESSEE: '误投（非本单位）', WRONG_FORMAT: '格式不符', INCOMPLETE: '内容不全', NOT_OUR_BUSINESS: '非本单位职责', OTHER: '其他' } as Record<
        string,
        string
      >
    )[r] ?? r,
  );

export const LEVEL: Record<string, string> = { PROVINCE: '省级', CITY: '市级', COUNTY: '县级' };
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

/** What each step in a delivery's history was. */
export const ACTION: Record<string, string> = {
  OPEN: '签收（打开）',
  PRINT: '打印',
  DOWNLOAD: '下载',
  RETURN: '退回',
  REQUEST_RESEND: '请求重发',
  RECALL: '撤回',
  RESEND: '重发',
  CLOSE: '办结',
  RAISE_QUOTA: '调整打印份数',
};

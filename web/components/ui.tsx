'use client';
// Small pieces every page uses. Status is always an icon and a word, never colour alone.
import type { ReactNode } from 'react';
import type { PlatformError } from '../lib/client';
import { type T, useLang, useT } from '../lib/i18n';

export const STATUS: Record<string, { icon: string; zh: string; tone: string }> = {
  DELIVERED: { icon: '○', zh: '待签收', tone: 'pending' },
  OVERDUE: { icon: '⚠', zh: '超期未签收', tone: 'bad' },
  RECEIVED: { icon: '◐', zh: '已接收（待签收）', tone: 'pending' },
  PRINTED: { icon: '◐', zh: '已打印（待签收）', tone: 'pending' },
  SIGNED: { icon: '✓', zh: '已签收', tone: 'good' },
  RETURNED: { icon: '↩', zh: '已退回', tone: 'bad' },
  RESEND_REQUESTED: { icon: '⟳', zh: '请求重发', tone: 'warn' },
  RESENT: { icon: '↻', zh: '已重发', tone: 'muted' },
  RECALLED: { icon: '⊘', zh: '已撤回', tone: 'muted' },
  CLOSED: { icon: '■', zh: '已办结', tone: 'good' },
};

/** Arrived and waiting for the clerk's 签收 (or 退回). */
export const UNSIGNED = ['DELIVERED', 'RECEIVED', 'PRINTED'];

/** A delivery not signed for and past its due time shows as overdue (supervision counts 签收, not the first open). */
export const effectiveStatus = (d: { status: string; dueAt?: string | null }) =>
  UNSIGNED.includes(d.status) && d.dueAt && new Date(d.dueAt) < new Date() ? 'OVERDUE' : d.status;

export function StatusBadge({ status }: { status: string }) {
  const t = useT();
  const s = STATUS[status] ?? { icon: '?', zh: status, tone: 'muted' };
  return (
    <span className={`badge ${s.tone}`} data-status={status}>
      <span aria-hidden="true">{s.icon}</span> {t(s.zh)}
    </span>
  );
}

/** 紧急程度: 平件, 加急, 特急; a 明传电报's grades 特提, 特急, 加急, 平急 (条例 第九条). */
export const URGENCY: Record<string, string> = { NORMAL: '平件', URGENT: '加急', EXTRA_URGENT: '特急', FLASH: '特提', PLAIN_URGENT: '平急' };
export const DOCUMENT_GRADES = ['NORMAL', 'URGENT', 'EXTRA_URGENT'] as const;
export const TELEGRAM_GRADES = ['FLASH', 'EXTRA_URGENT', 'URGENT', 'PLAIN_URGENT'] as const;

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

/** What the common refusals mean, in the clerk's words; the platform's own message follows. */
export const CODE_MESSAGES: Record<string, string> = {
  INVALID_CREDENTIALS: '用户名或密码错误',
  ACCOUNT_LOCKED: '账号已锁定，请联系本单位系统管理员解锁',
  RATE_LIMITED: '登录失败次数过多，请稍后再试',
  ACCOUNT_DISABLED: '账号已停用',
  FORBIDDEN: '无权进行此操作',
  NOT_FOUND: '不存在，或您无权查看',
  ROUTING_REFUSED: '有收文单位被发送规则拒绝',
  SEAL_REQUIRED: '本单位已启用电子印章：须申请用印，并经两名印章保管人确认后方可发送',
  SEAL_NOT_ACTIVE: '印章未在使用中',
  WRONG_PIN: '保管口令错误',
  CUSTODY_INCOMPLETE: '须另一名印章保管人确认',
  WITNESSES_REQUIRED: '销毁印章须三方人员同时在场',
  INVALID_CSR: '证书请求无效',
  SIGNATURE_INVALID: '签名验证未通过',
  NOT_APPROVED: '公文尚未审批通过',
  ILLEGAL_TRANSITION: '当前状态下不能进行此操作',
  BAD_REQUEST: '请求格式有误',
  BAD_INPUT: '填写的内容有误',
  TOO_LARGE: '内容或文件超过大小限制',
  CONFLICT: '与已有记录重复，或记录已被他人修改',
  UNAUTHENTICATED: '请先登录',
  UNTRUSTED_DOCUMENT: '本页面的请求未经核准',
  UNKNOWN_TRUSTED_DOCUMENT: '本页面版本已过期，请刷新后重试',
  INTERNAL: '系统内部错误，请联系运维人员',
  UNAVAILABLE: '所需服务暂时不可用，请稍后再试',
  CLASSIFIED_REFUSED: '本平台不传输涉密公文',
  ALREADY_SENT: '公文已发送，不重复发送',
  PASSWORD_CHANGE_REQUIRED: '须先修改密码',
  WEAK_PASSWORD: '密码强度不足',
  RULE_WOULD_WIDEN: '下级规则不得放宽上级规则',
  CERTIFICATE_NOT_VALID: '证书无效或已失效',
  ALREADY_SIGNED: '该公文已签收，不能重复签收，也不能再退回',
  NOT_SIGNED_FOR: '该公文尚未签收：签收前仅本单位收文员可以打开、下载或打印',
  HANDLING_STATE: '办理尚未到这一步，或这一步已经办过（须先拟办再批示，先承办再办结；批示、已阅只能一次）',
  NOT_IN_SECTION: '您不在批示指定的承办机构（主办或协办）中',
  NOT_A_READER: '该公文未分送给您传阅',
  DEADLINE_REQUIRED: '紧急公文批示时须规定办理期限',
  REPORT_STATE: '报送尚未到这一步（只有已报送的材料可以退回修改；全部报送后无需催报）',
  NOTHING_TO_URGE: '该单位已签收，或公文已退回、撤回、重发：无需催办',
  URGED_RECENTLY: '刚刚催办过该单位，请稍后再催办',
  NOT_COUNTERSIGNED: '联合行文须各联署单位会签后方可发送（会签在主办单位审批通过后开始，每个单位只办理一次）',
};

/** An error as the platform said it, with its code, so a clerk can quote it to the help desk. */
export function ErrorNote({ error }: { error: PlatformError | null | undefined }) {
  const t = useT();
  const { lang } = useLang();
  if (!error) return null;
  const plain = lang === 'zh' ? CODE_MESSAGES[error.code] : undefined;
  return (
    <p className="error" role="alert">
      {plain ? `${plain}。` : ''}
      {plain ? <span className="muted">{error.message}</span> : t(error.message)} <code>{error.code}</code>
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

/** 退回 reasons: the findings of 初审. */
export const RETURN_REASONS = ['NOT_OURS', 'AGAINST_ROUTING', 'WRONG_FORMAT', 'INCOMPLETE', 'NOT_COSIGNED', 'OTHER'] as const;
const RETURN_REASON_WORDS: Record<string, string> = {
  NOT_OURS: '非本单位',
  AGAINST_ROUTING: '不符合行文规则',
  WRONG_FORMAT: '文种或格式不符',
  INCOMPLETE: '内容不全',
  NOT_COSIGNED: '未会签',
  OTHER: '其他',
  // Recorded before the 初审 categories.
  WRONG_ADDRESSEE: '非本单位',
  NOT_OUR_BUSINESS: '非本单位',
};
export const returnReasonLabel = (t: T, r: string) => t(RETURN_REASON_WORDS[r] ?? r);

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
  OPEN: '接收（打开）',
  RECEIVE: '接收',
  SIGN: '签收',
  PRINT: '打印',
  DOWNLOAD: '下载',
  RETURN: '退回',
  REQUEST_RESEND: '请求重发',
  RECALL: '撤回',
  RESEND: '重发',
  CLOSE: '办结',
  RAISE_QUOTA: '调整打印份数',
  URGE: '催办',
};

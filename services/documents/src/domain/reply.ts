// 答复, 转发 and 征集/报送 as plain rules (issue 15; 条例 第二十四条 答复): which 文种 answers which, how a reply's and a
// 转发's title read, and where each recipient of a report request stands (reported, late, missing, returned for
// correction). No database, no GraphQL.
import { badInput, YizhanError } from '@yizhan/common';
import { DocumentsErrorCode } from '@yizhan/contracts/documents';

/** The 文种 a reply to a document of each type may take, the usual one first (请示 → 批复, 通知 → 报告 or 复函, 函 → 复函). */
const REPLY_TYPES: Record<string, readonly string[]> = {
  请示: ['批复', '函'],
  函: ['函'],
  通知: ['报告', '函'],
  会议通知: ['报告', '函'],
  意见: ['报告', '函'],
  通报: ['报告', '函'],
  决定: ['报告', '函'],
  议案: ['函'],
};
const DEFAULT_REPLY_TYPES = ['报告', '函'] as const;

export const replyTypesFor = (originalType: string): readonly string[] => REPLY_TYPES[originalType] ?? DEFAULT_REPLY_TYPES;

/** The reply's 文种: the one asked for if a reply to the original's type may take it, else the usual one. */
export function replyType(originalType: string, asked: string | null | undefined): string {
  const allowed = replyTypesFor(originalType);
  if (!asked) return allowed[0] as string;
  if (!allowed.includes(asked)) throw badInput(`A reply to a ${originalType} is a ${allowed.join(' or ')}, not a ${asked}`, 'docType');
  return asked;
}

/** The 发文机关 names a title may open with before its 关于 (“陕西省人民政府办公厅关于…”, “省财政厅 省教育厅关于…”): text
 * ending as an organ's name ends. */
const ISSUER_BEFORE_ABOUT = /^[\p{Script=Han}（）()\s、·]{2,60}?(?:厅|办公室|政府|委员会|局|委|部|院|署|室|处|会|所|中心|办|队|站)\s*关于/u;

/** What a title is about: without the issuing units it opens with, its leading 关于 and its trailing 的 + 文种
 * (“陕西省人民政府办公厅关于做好冬季防火工作的通知” → “做好冬季防火工作”), and without a bracketed note after it. */
export function subjectOf(title: string): string {
  let t = title.trim();
  const issuer = ISSUER_BEFORE_ABOUT.exec(t);
  if (issuer) t = t.slice(issuer[0].length);
  else if (t.startsWith('关于')) t = t.slice(2);
  // A trailing note in full-width brackets (“…的通知（第二批）”) belongs to the original, not to what it is about.
  const m = /^(.*)的(通知|请示|函|复函|报告|意见|通报|决定|批复|纪要|公告|通告|简报|议案|决议|命令|公报)(?:（[^（）]*）)?$/.exec(t);
  return (m ? m[1] : t) || title.trim();
}

/** A reply's title, as 公文 answer: 关于…的批复, 关于…的报告, 关于…的复函. */
export function replyTitle(originalTitle: string, type: string): string {
  const word = type === '函' ? '复函' : type;
  return `关于${subjectOf(originalTitle)}的${word}`;
}

/** A 转发's title: 关于转发《…》的通知 (the original's full title inside the 书名号). */
export const forwardTitle = (originalTitle: string) => `关于转发《${originalTitle.trim()}》的通知`;

/**
 * A reply's prefilled body, in plain lines as a drafter types them: the salutation to the original's sender and the
 * customary opening, in the words of its direction — a 批复 answers a unit below (你单位《…》收悉), a 复函 a peer
 * (贵单位《…》收悉), a 报告 goes up and names the document alone (《…》收悉).
 */
export function replyBody(senderName: string, originalTitle: string, docNumber: string, type: string): string {
  const cited = `《${originalTitle}》（${docNumber}）`;
  const opening =
    type === '批复' ? `你单位${cited}收悉。经研究，现批复如下：` : type === '函' ? `贵单位${cited}收悉。现函复如下：` : `${cited}收悉。现将有关情况报告如下：`;
  return `${senderName}：\n${opening}\n`;
}

/** A 转发's prefilled body: the usual one-line notice. */
export const forwardBody = (senderName: string, originalTitle: string, docNumber: string) =>
  `现将${senderName}《${originalTitle}》（${docNumber}）转发给你们，请结合实际认真贯彻执行。`;

/** Where one recipient of a report request stands. */
export type ReportState = 'PENDING' | 'MISSING' | 'REPORTED' | 'LATE' | 'RETURNED' | 'WITHDRAWN';

export interface ReportRecord {
  status: 'MISSING' | 'REPORTED' | 'RETURNED';
  deadline: Date;
  reportedAt: Date | null;
  /**
   * The unit holds the request as a live delivery: false when it returned it (退回) or asked for it again (请求重发) and
   * nothing answered that yet, or when the sender recalled it or answered with a correction (修改后重发, which asks
   * for its own reports). Unknown (undefined) counts as held.
   */
  held?: boolean;
}

/** REPORTED in time, LATE after the deadline, RETURNED for correction (waiting to be resubmitted); with nothing
 * reported, WITHDRAWN where the unit no longer holds the request (nothing to report on until it is sent again),
 * PENDING before the deadline, MISSING after it. */
export function reportState(r: ReportRecord, now = new Date()): ReportState {
  if (r.status === 'RETURNED') return 'RETURNED';
  if (r.status === 'REPORTED' && r.reportedAt) return r.reportedAt.getTime() > r.deadline.getTime() ? 'LATE' : 'REPORTED';
  if (r.held === false) return 'WITHDRAWN';
  return now.getTime() > r.deadline.getTime() ? 'MISSING' : 'PENDING';
}

/** Counts of a collection board, one per state. */
export function reportCounts(records: ReportRecord[], now = new Date()): Record<ReportState, number> & { total: number } {
  const out = { total: records.length, PENDING: 0, MISSING: 0, REPORTED: 0, LATE: 0, RETURNED: 0, WITHDRAWN: 0 };
  for (const r of records) out[reportState(r, now)]++;
  return out;
}

/** Who a reminder goes to: those with nothing reported yet (before or after the deadline) and those asked to correct;
 * not a unit that returned the request (the sender answers it first: 重发 or 修改后重发). */
export const needsReminder = (r: ReportRecord, now = new Date()) => ['PENDING', 'MISSING', 'RETURNED'].includes(reportState(r, now));

/**
 * A document that asks no reports: a reply (答复, 报送), which answers its original's sender, and one sent up (上行文: it
 * names a 签发人), whose recipients are above it — in 拟稿 or after the send.
 */
export function refuseReportsOf(doc: { replyToOrgId?: string | null; signer?: string | null }, field?: string): void {
  const at = field ? { field } : {};
  if (doc.replyToOrgId)
    throw new YizhanError(DocumentsErrorCode.REPLY_ASKS_NO_REPORTS, 'A reply asks no reports of the unit it answers: ask them from a document of your own', at);
  if (doc.signer?.trim())
    throw new YizhanError(
      DocumentsErrorCode.UPWARD_ASKS_NO_REPORTS,
      'A document sent up (it names a 签发人) asks no reports of the units above it: ask them from a document sent down',
      at,
    );
}

/** How far ahead a deadline a sender sets may be: a year (a 征集's, a document's handling deadline). */
export const DEADLINE_AHEAD_MS = 366 * 86_400_000;

/** A report request's deadline: in the future, within a year. */
export function checkReportDeadline(deadline: Date, now = new Date(), field = 'deadline'): void {
  if (Number.isNaN(deadline.getTime())) throw badInput('The reporting deadline is not a date', field);
  if (deadline.getTime() <= now.getTime()) throw badInput('The reporting deadline is in the past', field);
  if (deadline.getTime() > now.getTime() + DEADLINE_AHEAD_MS) throw badInput('The reporting deadline is more than a year away', field);
}

/** A unit's reporting timeliness over requests whose deadline has passed (or which it answered already). */
export interface ReportingPerformance {
  reportsDue: number;
  reportsOnTime: number;
  reportsLate: number;
  reportsMissing: number;
}

export function reportingPerformance(records: ReportRecord[], now = new Date()): ReportingPerformance {
  const out = { reportsDue: 0, reportsOnTime: 0, reportsLate: 0, reportsMissing: 0 };
  for (const r of records) {
    const s = reportState(r, now);
    if (s === 'PENDING') continue; // not yet due
    out.reportsDue++;
    if (s === 'REPORTED') out.reportsOnTime++;
    else if (s === 'LATE') out.reportsLate++;
    else out.reportsMissing++; // missing, or returned and not resubmitted
  }
  return out;
}

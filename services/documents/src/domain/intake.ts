// 登记 (条例 第二十四条): what 签收 enters in the unit's 收文登记簿, as plain rules. The 收文编号 is the unit's own number
// for what it signed for, counted per unit and (Beijing) year from 1 without gaps; the register shows for each entry
// 来文单位, 文号, 标题, 文种, 紧急程度, 份数, 收文时间, 承办 and 办理情况, the last kept current as handling goes on.

import { beijingMinute, beijingYear, type Role, URGENCY_WORDS, type Urgency } from '@yizhan/common';
import { HANDLING_STEP_WORDS } from './handling.ts';
import { markedTitle } from './paper-records.ts';

/**
 * Who reads the register: the unit's clerks (who keep it; an OA token acts as one), its leaders (who instruct on
 * what it holds), its supervisors (who chase handling) and its administrators. Not its drafters, approvers, seal
 * keepers or archivists: the register lists every document the unit received, and a person reads what is
 * distributed to them (传阅), not the whole of the unit's incoming mail.
 */
export const REGISTER_READERS: Role[] = ['CLERK', 'LEADER', 'SUPERVISOR', 'ADMIN'];
export const mayReadRegister = (roles: readonly string[]) => REGISTER_READERS.some((r) => roles.includes(r));

/** The year whose 收文编号 a 签收 at `signedAt` takes: the Beijing year, whatever the server's zone. */
export const intakeYear = (signedAt: Date) => beijingYear(signedAt);

/** 收文编号 as printed in the register and on the document: 〔2026〕12号 style, the unit's own sequence. */
export const formatIntakeNumber = (year: number, seq: number) => `收〔${year}〕${seq}号`;

/** Years a register may be asked for: from the platform's first to next year (a clerk on New Year's Eve). */
export function registerYearProblem(year: number, now = new Date()): string | null {
  if (!Number.isInteger(year) || year < 2000 || year > beijingYear(now) + 1) return `No register for the year ${year}`;
  return null;
}

/** The handling state of an entry, as the register's 办理情况 column words it: the handling's steps (domain/handling.ts)
 * and CLOSED, the clerk's 办结 of the delivery (its copy archived). */
export const HANDLING_STATUSES = ['REGISTERED', 'PROPOSED', 'INSTRUCTED', 'HANDLING', 'CONCLUDED', 'CLOSED'] as const;
export type HandlingStatus = (typeof HANDLING_STATUSES)[number];
// The handling's own words (the 办理 panel says the same), and the clerk's 办结.
export const HANDLING_WORDS: Record<HandlingStatus, string> = { ...HANDLING_STEP_WORDS, CLOSED: '已办结' };

/** One entry of the register as it is exported. */
export interface RegisterRow {
  year: number;
  seq: number;
  senderName: string;
  docNumber: string;
  title: string;
  docType: string;
  urgency: string;
  copies: number;
  signedAt: Date;
  signedByName: string;
  handlerName: string | null;
  handlingStatus: string;
  /** 纸质补录: received on paper; its title is printed marked. */
  paper?: boolean;
}

export const REGISTER_COLUMNS = ['收文编号', '来文单位', '文号', '标题', '文种', '紧急程度', '份数', '收文时间', '签收人', '承办', '办理情况'];

/** The cells of one row, in REGISTER_COLUMNS order. */
export function registerCells(r: RegisterRow): string[] {
  return [
    formatIntakeNumber(r.year, r.seq),
    r.senderName,
    r.docNumber,
    markedTitle(r.title, r.paper === true),
    r.docType,
    URGENCY_WORDS[r.urgency as Urgency] ?? r.urgency,
    String(r.copies),
    beijingMinute(r.signedAt),
    r.signedByName,
    r.handlerName ?? '',
    HANDLING_WORDS[r.handlingStatus as HandlingStatus] ?? r.handlingStatus,
  ];
}

/** A cell as CSV: quoted when needed; a leading =, +, - or @ is quoted off so a spreadsheet does not run it. */
export function csvCell(v: string): string {
  const s = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** The register as CSV for Excel: UTF-8 with a byte-order mark (so Excel reads Chinese), CRLF line ends. */
export function registerCsv(rows: RegisterRow[]): string {
  const lines = [REGISTER_COLUMNS, ...rows.map(registerCells)].map((cells) => cells.map(csvCell).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

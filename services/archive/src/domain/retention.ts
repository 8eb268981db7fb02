// Retention periods (保管期限, seed 003 ch. 9; DA/T 22): permanent, 30 years, 10 years. A unit's retention table says
// what each document type is kept for; where it is silent, these defaults do.
import { badInput } from '@yizhan/common';

export type Retention = 'PERMANENT' | 'Y30' | 'Y10';
export const RETENTIONS: Retention[] = ['PERMANENT', 'Y30', 'Y10'];

const DEFAULTS: Record<string, Retention> = {
  决议: 'PERMANENT',
  决定: 'PERMANENT',
  命令: 'PERMANENT',
  公报: 'PERMANENT',
  公告: 'PERMANENT',
  议案: 'PERMANENT',
  通知: 'Y30',
  通报: 'Y30',
  意见: 'Y30',
  报告: 'Y30',
  请示: 'Y30',
  批复: 'Y30',
  通告: 'Y30',
  函: 'Y10',
  纪要: 'Y10',
  简报: 'Y10',
  会议通知: 'Y10',
  // The 信息 a unit published (seed 003 §34), as 简报 and 信息 are kept on paper.
  信息: 'Y10',
};

export const defaultRetention = (docType: string): Retention => DEFAULTS[docType] ?? 'Y30';

/** The document types the defaults name, with their retention: the start of every unit's table. */
export const defaultRetentions = (): [string, Retention][] => Object.entries(DEFAULTS);

/** The retention code in an archival number (DA/T 22): 永久 Y, 30年 D30, 10年 D10. */
export const retentionCode = (r: Retention) => ({ PERMANENT: 'Y', Y30: 'D30', Y10: 'D10' })[r];

/** When a record's retention ends: 31 December of the year it belongs to, plus the period; never for permanent. */
export function retentionUntil(year: number, r: Retention): string | null {
  if (r === 'PERMANENT') return null;
  return `${year + (r === 'Y30' ? 30 : 10)}-12-31`;
}

/** Whose record it is: the unit's copy of a document it sent (发文) or received (收文), or a 信息 it published (seed 003
 * §34; its document_id is the item's id). */
export type RecordRole = 'SENDER' | 'RECIPIENT' | 'INFORMATION';
export const RECORD_ROLES: RecordRole[] = ['SENDER', 'RECIPIENT', 'INFORMATION'];

/** Each role's series (FW 发文, SW 收文, XX 信息) and its name. The units do not sort their records by 机构(问题), so
 * these series stand in the 档号 where DA/T 22 puts the 机构(问题) code: the class a 件号 counts within. */
export const ROLE_SERIES: Record<RecordRole, { code: string; zh: string }> = {
  SENDER: { code: 'FW', zh: '发文' },
  RECIPIENT: { code: 'SW', zh: '收文' },
  INFORMATION: { code: 'XX', zh: '信息' },
};

/** The class a record's 件号 counts within (DA/T 22): its 保管期限 and its series (FW, SW, XX), e.g. D30-SW. */
export const itemCategory = (r: Retention, role: RecordRole) => `${retentionCode(r)}-${ROLE_SERIES[role].code}`;

/** 档案门类代码 (DA/T 22-2015): every record here is 文书 (WS). */
export const ARCHIVE_CLASS = 'WS';

/**
 * 档号 (DA/T 22-2015): 全宗号-档案门类代码·年度-保管期限-机构(问题)-件号, e.g. Z109-WS·2026-D30-SW-0007, with our series
 * in the 机构(问题) place; the 件号 counts within its class. Records numbered before 0013 keep theirs as written on them
 * (610100-2026-D30-SW-0007: no 门类代码, the unit's code for the 全宗号): a 档号 is never given again.
 */
export function archivalNumber(fonds: string, year: number, r: Retention, role: RecordRole, item: number): string {
  return `${fonds}-${ARCHIVE_CLASS}·${year}-${itemCategory(r, role)}-${String(item).padStart(4, '0')}`;
}

/**
 * 全宗号: the number the archives (档案馆) gave the unit, as its archivist types it: letters and digits, at most 16
 * (full-width ones read as the same characters, letters in capitals as DA/T 22 writes them: z109 is Z109). A hyphen or
 * a dot would run into the 档号's own separators. BAD_INPUT naming `fondsNumber` otherwise.
 */
export function checkFondsNumber(input: string): string {
  const s = input.normalize('NFKC').trim().toUpperCase();
  if (!/^[A-Z0-9]{1,16}$/.test(s)) throw badInput('A 全宗号 is letters and digits, at most 16', 'fondsNumber');
  return s;
}

/** The 全宗号 a new 档号 begins with: the unit's own once set, until then the unit's code (as every 档号 before 0013). */
export const fondsForNumbers = (fondsNumber: string | null | undefined, unitCode: string): string => fondsNumber ?? unitCode;

/** A year a record is filed in, as its 档号 writes it (four digits); BAD_INPUT naming `year` otherwise. */
export function checkArchiveYear(year: number): number {
  if (!Number.isInteger(year) || year < 1000 || year > 9999) throw badInput(`${year} is not a year of four digits`, 'year');
  return year;
}

/** The states a record is in (kept, quarantined by its checks, destroyed after appraisal). */
export const RECORD_STATUSES = ['ARCHIVED', 'QUARANTINED', 'DESTROYED'];

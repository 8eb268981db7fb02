// The sender's delivery board (发文 → 签收情况) read a page at a time: a province broadcast has 10,000 recipients, and
// the board shows the figures of all of them but the rows of one page. These are its rules: which deliveries each
// filter chip counts, the group (province-level units, or one city with everything under it) a recipient shows under,
// and the page cursor.
import { badInput, isWithin } from '@yizhan/common';
import { REPLACED_STATUSES, UNSIGNED_STATUSES } from './delivery.ts';

/** The board's filter chips (the dashboard's 全部, 未接收, 未签收, 超期, 已退回, 已报送, 已重发或撤回). */
export const BOARD_FILTERS = ['ALL', 'NOT_RECEIVED', 'NOT_SIGNED', 'OVERDUE', 'RETURNED', 'REPORTED', 'REPLACED'] as const;
export type BoardFilter = (typeof BOARD_FILTERS)[number];

/** What a chip asks of a delivery; REPORTED is the collection's (征集/报送) answer, looked up by delivery. */
export interface BoardFilterRow {
  status: string;
  receivedAt: Date | string | null;
  dueAt: Date | string | null;
  reported: boolean;
}

/** Whether a delivery shows under a chip, at `now`. A replaced delivery (resent, recalled) shows only under its own. */
export function inBoardFilter(r: BoardFilterRow, f: BoardFilter, now: Date): boolean {
  const unsigned = (UNSIGNED_STATUSES as string[]).includes(r.status);
  switch (f) {
    case 'ALL':
      return !(REPLACED_STATUSES as string[]).includes(r.status);
    case 'REPLACED':
      return (REPLACED_STATUSES as string[]).includes(r.status);
    case 'NOT_RECEIVED':
      return unsigned && !r.receivedAt;
    case 'NOT_SIGNED':
      return unsigned;
    case 'OVERDUE':
      return unsigned && r.dueAt !== null && new Date(r.dueAt) < now;
    case 'RETURNED':
      return r.status === 'RETURNED' || r.status === 'RESEND_REQUESTED';
    case 'REPORTED':
      return r.reported;
  }
}

/** The province-level units' group. */
export const PROVINCE_GROUP = 'province';

/**
 * The sender and the units above it see a document's whole board (every delivery, the kept figures); any other unit
 * that sees the document at all is a recipient and sees its own delivery.
 */
export const seesWholeBoard = (documentPath: string, callerPath: string): boolean => isWithin(documentPath, callerPath);

/**
 * The group a recipient shows under, from its unit's path (p61.c6101.k610102): everything of a city (its government,
 * office, departments and counties) under the city's path, and the province's own units together.
 */
export function boardGroupOf(recipientPath: string): string {
  const [province, second] = recipientPath.split('.');
  return second?.startsWith('c') ? `${province}.${second}` : PROVINCE_GROUP;
}

/** Rows are ordered by the recipient's path (so a city's units follow each other), then by delivery. */
export interface BoardPosition {
  path: string;
  id: string;
}

export const encodeBoardCursor = (p: BoardPosition): string => Buffer.from(`${p.path}|${p.id}`).toString('base64url');

export function decodeBoardCursor(cursor: string): BoardPosition {
  const [path, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  if (!path || !id || !/^[a-z0-9_]+(\.[a-z0-9_]+)*$/.test(path) || !/^[0-9a-f-]{36}$/.test(id)) throw badInput('Malformed cursor', 'after');
  return { path, id };
}

/** How many rows a page may hold. */
export const BOARD_PAGE_MAX = 500;

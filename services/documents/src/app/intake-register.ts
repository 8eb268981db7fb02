// 收文登记簿: a unit's register of what it signed for (条例 第二十四条 登记), read by its clerks, leaders, supervisors and
// administrators (domain/intake.ts says why not by everyone), searched by title, 文号 and 来文单位, and exported as
// CSV for Excel or as a printable PDF for a period (http/intake-register.ts serves both).
import { badInput, checkPeriod, personName, requireCaller, requireRole } from '@yizhan/common';
import type { DocumentsContext } from '../deps.ts';
import {
  formatIntakeNumber,
  HANDLING_WORDS,
  type HandlingStatus,
  REGISTER_READERS,
  type RegisterRow,
  registerCsv,
  registerYearProblem,
} from '../domain/intake.ts';
import { renderIntakeRegister } from '../domain/register-pdf.ts';
import { type IntakeRow, intakeOf, type RegisterFilter, registerPage, registerRows } from '../store/intake.ts';

/** One entry of the register, as the API shows it. */
export interface IntakeEntryView {
  id: string;
  deliveryId: string | null;
  documentId: string | null;
  paper: boolean;
  paperRecordId: string | null;
  year: number;
  intakeNumber: number;
  number: string;
  senderOrgId: string | null;
  senderName: string;
  docNumber: string;
  title: string;
  docType: string;
  urgency: string;
  copies: number;
  receivedAt: Date;
  signedAt: Date;
  signedByName: string;
  handlerName: string | null;
  handlingStatus: string;
  handling: string;
}

const view = (r: IntakeRow): IntakeEntryView => ({
  id: r.id,
  deliveryId: r.delivery_id,
  documentId: r.document_id,
  paper: r.paper_record_id !== null,
  paperRecordId: r.paper_record_id,
  year: r.year,
  intakeNumber: r.seq,
  number: formatIntakeNumber(r.year, r.seq),
  senderOrgId: r.sender_org_id,
  senderName: r.sender_name,
  docNumber: r.doc_number,
  title: r.title,
  docType: r.doc_type,
  urgency: r.urgency,
  copies: r.copies,
  receivedAt: new Date(r.received_at),
  signedAt: new Date(r.signed_at),
  signedByName: r.signed_by_name,
  handlerName: r.handler_name,
  handlingStatus: r.handling_status,
  handling: HANDLING_WORDS[r.handling_status as HandlingStatus] ?? r.handling_status,
});

/** The filter checked: a year there can be a register of, a period inside it, at most 100 characters of text. */
export function checkedFilter(f: RegisterFilter): RegisterFilter {
  const problem = registerYearProblem(f.year);
  if (problem) throw badInput(problem, 'year');
  checkPeriod(f.from, f.to);
  if (f.search && f.search.length > 100) throw badInput('Search text is at most 100 characters', 'search', { length: { max: 100 } });
  return f;
}

export interface IntakeRegisterPage {
  nodes: IntakeEntryView[];
  totalCount: number;
  pageInfo: { endCursor: string | null; hasNextPage: boolean };
}

const encode = (seq: number) => Buffer.from(`intake:${seq}`).toString('base64url');
function decode(cursor: string): number {
  const m = /^intake:(\d{1,9})$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!m) throw badInput('Malformed cursor: pass back a cursor this API gave you', 'after');
  return Number(m[1]);
}

/** A page of the caller's unit's register, newest first. */
export async function intakeRegister(
  ctx: DocumentsContext,
  filter: RegisterFilter,
  first: number,
  after: string | null | undefined,
): Promise<IntakeRegisterPage> {
  const caller = requireCaller(ctx);
  requireRole(caller, ...REGISTER_READERS);
  const f = checkedFilter(filter);
  if (!Number.isInteger(first) || first < 1 || first > 200) throw badInput('first must be between 1 and 200', 'first');
  const { rows, total } = await registerPage(ctx.em, caller.orgId, f, first, after ? decode(after) : null);
  const nodes = rows.slice(0, first).map(view);
  const last = nodes.at(-1);
  return { nodes, totalCount: total, pageInfo: { endCursor: last ? encode(last.intakeNumber) : null, hasNextPage: rows.length > first } };
}

/** A delivery's register entry: for the unit that signed for it, to those who read its register; otherwise null. */
export async function intakeOfDelivery(ctx: DocumentsContext, deliveryId: string): Promise<IntakeEntryView | null> {
  const caller = requireCaller(ctx);
  if (!REGISTER_READERS.some((r) => caller.roles.includes(r))) return null;
  const row = await intakeOf(ctx.em, deliveryId);
  return row ? view(row) : null;
}

/** The most a single export holds: a busy unit's year (a county government signs for a few thousand a year). */
export const EXPORT_LIMIT = 20_000;

export type RegisterFormat = 'csv' | 'pdf';

/** The register as a file: CSV (UTF-8 with BOM, for Excel) or a printable PDF, named by unit, year and period. */
export async function exportIntakeRegister(
  ctx: DocumentsContext,
  filter: RegisterFilter,
  format: RegisterFormat,
): Promise<{ content: Buffer; contentType: string; filename: string; rows: number }> {
  const caller = requireCaller(ctx);
  requireRole(caller, ...REGISTER_READERS);
  const f = checkedFilter(filter);
  const found = await registerRows(ctx.em, caller.orgId, f, EXPORT_LIMIT);
  const rows: RegisterRow[] = found.map((r) => ({
    year: r.year,
    seq: r.seq,
    senderName: r.sender_name,
    docNumber: r.doc_number,
    title: r.title,
    docType: r.doc_type,
    urgency: r.urgency,
    copies: r.copies,
    signedAt: new Date(r.signed_at),
    signedByName: r.signed_by_name,
    handlerName: r.handler_name,
    handlingStatus: r.handling_status,
    paper: r.paper_record_id !== null,
  }));
  const period = f.from || f.to ? `-${(f.from ?? new Date(`${f.year}-01-01T00:00:00+08:00`)).toISOString().slice(0, 10)}` : '';
  const base = `收文登记簿-${f.year}${period}`;
  if (format === 'csv') {
    return { content: Buffer.from(registerCsv(rows), 'utf8'), contentType: 'text/csv; charset=utf-8', filename: `${base}.csv`, rows: rows.length };
  }
  const unit = await ctx.deps.org.call('unit', ctx.callerHeader, {});
  const pdf = await renderIntakeRegister({
    orgName: unit.name,
    year: f.year,
    from: f.from ?? null,
    to: f.to ?? null,
    search: f.search ?? null,
    rows,
    printedBy: personName(caller),
  });
  return { content: pdf, contentType: 'application/pdf', filename: `${base}.pdf`, rows: rows.length };
}

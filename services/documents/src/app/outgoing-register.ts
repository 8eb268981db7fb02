// The 发文登记簿 as a printable PDF (GET /blobs?register=outgoing&year=2026[&prefix=…]&format=pdf, served by
// http/intake-register.ts beside the 收文登记簿's): every 发文字号 the caller's unit took in the year, in order — sent,
// reserved for a stamped document not yet sent, or voided (作废) with the reason — with its title, 主送, when it was
// numbered and sent, and who handled it by name. The same readers as the register on screen (app/numbering.ts:
// clerks, administrators, leaders), the caller's own unit only; drawn by domain/register-pdf.ts as the intake one.
import { personName, requireCaller } from '@yizhan/common';
import type { DocumentsContext } from '../deps.ts';
import { type OutgoingRegisterRow, renderOutgoingRegister } from '../domain/register-pdf.ts';
import { docNumberRegister } from './numbering.ts';

export async function exportOutgoingRegister(
  ctx: DocumentsContext,
  year: number,
  prefix: string | null,
): Promise<{ content: Buffer; contentType: string; filename: string; rows: number }> {
  const caller = requireCaller(ctx);
  // The register as the screen reads it: its roles, its year's bounds, the caller's unit.
  const entries = await docNumberRegister(ctx, year, prefix);
  const rows: OutgoingRegisterRow[] = entries.map((e) => ({
    docNumber: e.docNumber,
    title: e.title,
    mainTo: e.mainTo,
    status: e.status,
    numberedAt: e.numberedAt,
    sentAt: e.sentAt,
    at: e.at,
    voidReason: e.voidReason,
    handlerName: e.handlerName,
  }));
  const unit = await ctx.deps.org.call('unit', ctx.callerHeader, {});
  const content = await renderOutgoingRegister({ orgName: unit.name, year, prefix: prefix?.trim() || null, rows, printedBy: personName(caller) });
  const filename = `发文登记簿-${year}${prefix?.trim() ? `-${prefix.trim()}` : ''}.pdf`;
  return { content, contentType: 'application/pdf', filename, rows: rows.length };
}

// 全宗号 (DA/T 22-2015): the number the archives (档案馆) gave the unit, which the 档号 of what it archives from then on
// begin with; set by the unit's archivist or administrator, read by whoever reads its catalogue. Until it is set the
// unit's code stands in, as it did in every 档号 before; a record keeps the 档号 it was given.

import type { EntityManager } from '@mikro-orm/postgresql';
import { beijingYear, personName, requireCaller, requireRole } from '@yizhan/common';
import type { ArchiveContext } from '../deps.ts';
import { archivalNumber, checkFondsNumber, fondsForNumbers } from '../domain/retention.ts';
import type { ArchiveFondsNumber } from '../resolvers/types.ts';
import { fondsNumberOf, saveFondsNumber } from '../store/fonds-number.ts';
import { appendChain } from '../store/records.ts';
import { callerUnit } from './peers.ts';

type Row = Awaited<ReturnType<typeof fondsNumberOf>>;

const shown = (unitCode: string, row: Row): ArchiveFondsNumber => {
  const inUse = fondsForNumbers(row?.fonds_number, unitCode);
  return {
    fondsNumber: row?.fonds_number ?? null,
    unitCode,
    inUse,
    // The form a reader recognises, by the rule that numbers the records: this year's first 30-year 收文.
    example: archivalNumber(inUse, beijingYear(), 'Y30', 'RECIPIENT', 1),
    setByName: row?.set_by_name ?? null,
    setAt: row ? new Date(row.set_at) : null,
  };
};

export async function archiveFondsNumber(ctx: ArchiveContext): Promise<ArchiveFondsNumber> {
  const caller = requireCaller(ctx);
  const [unit, row] = await Promise.all([callerUnit(ctx), fondsNumberOf(ctx.em, caller.orgId)]);
  return shown(unit.code, row);
}

export async function setArchiveFondsNumber(fondsNumber: string, ctx: ArchiveContext): Promise<ArchiveFondsNumber> {
  const caller = requireCaller(ctx);
  requireRole(caller, 'ARCHIVIST', 'ADMIN');
  const number = checkFondsNumber(fondsNumber);
  const unit = await callerUnit(ctx);
  const own = { orgId: caller.orgId, orgPath: caller.orgPath };
  // The caller's own unit only: the row is written under its row-level security. The change is a link of the unit's
  // evidence chain too, beside the records it numbers from then on: which number, the one before, by whom.
  return ctx.em.transactional(async (tx) => {
    const em = tx as EntityManager;
    const before = await fondsNumberOf(em, caller.orgId);
    const saved = await saveFondsNumber(em, own, number, personName(caller));
    if (before?.fonds_number !== number)
      await appendChain(em, own, 'FONDS_NUMBER', null, { fondsNumber: number, before: before?.fonds_number ?? null, by: personName(caller) });
    return shown(unit.code, saved);
  });
}

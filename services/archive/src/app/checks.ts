// 四性检测 (authenticity, integrity, usability, security) run on a record as the archive holds it, and a fonds'
// evidence chain verified.

import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput, personName, requireCaller, requireRole } from '@yizhan/common';
import type { ArchiveContext } from '../deps.ts';
import { type CheckReport, type Component, fourPropertyCheck } from '../domain/checks.ts';
import { ArchiveRecord } from '../entities/ArchiveRecord.ts';
import type { ChainVerification } from '../resolvers/types.ts';
import { appendChain, chainOf, correctionsOf, getRecord, itemsOf, verifyChain } from '../store/records.ts';
import { fondsOf } from './fonds.ts';
import { type Verification, verifyStamp } from './peers.ts';

export async function runCheck(
  ctx: ArchiveContext,
  em: EntityManager,
  r: Pick<
    ArchiveRecord,
    'id' | 'orgId' | 'orgPath' | 'fonds' | 'year' | 'numberedIn' | 'metadata' | 'metadataVersion' | 'components' | 'canonical' | 'importedFrom'
  >,
  stamp: Verification | null,
): Promise<CheckReport> {
  // The content against the metadata as archived, the metadata now against that one as corrected (更正元数据).
  const { archived, changes } = await correctionsOf(em, r);
  return fourPropertyCheck({
    metadata: r.metadata as never,
    archived: archived as never,
    changes,
    components: r.components as unknown as Component[],
    read: (c) => ctx.deps.store.get(c.sha256),
    canonical: r.canonical,
    stamp,
    items: r.importedFrom ? null : await itemsOf(em, r.orgId, r.fonds, r.year, r.numberedIn),
    scan: ctx.deps.scan,
  });
}

export const unitOf = (r: { orgId: string; orgPath: string }) => ({ orgId: r.orgId, orgPath: r.orgPath });

export async function checkArchiveRecord(id: string, ctx: ArchiveContext): Promise<ArchiveRecord> {
  const caller = requireCaller(ctx);
  requireRole(caller, 'ARCHIVIST');
  const r = await getRecord(ctx.em, id, caller.orgId);
  if (r.status === 'DESTROYED') throw badInput('A destroyed record has no content left to check', 'id');
  const stamp = r.stamp as { stamp: Record<string, unknown> } | null;
  const verification = await verifyStamp(ctx, r.documentId, r.canonical, stamp?.stamp ?? null);
  return ctx.em.transactional(async (tx) => {
    const em = tx as EntityManager;
    const record = await getRecord(em, id, caller.orgId);
    const report = await runCheck(ctx, em, record, verification);
    record.checkReport = report as unknown as Record<string, unknown>;
    record.status = report.passed ? 'ARCHIVED' : 'QUARANTINED';
    await em.flush();
    await appendChain(em, unitOf(record), 'CHECK', record.id, { passed: report.passed, by: personName(caller) });
    return record;
  });
}

export async function archiveEvidenceChain(fondsId: string | null, ctx: ArchiveContext): Promise<ChainVerification> {
  const fonds = await fondsOf(ctx, fondsId);
  const v = verifyChain(await chainOf(ctx.em, fonds.orgId));
  return { length: v.length, whole: !v.firstBroken, brokenAt: v.firstBroken?.seq ?? null, reason: v.firstBroken?.reason ?? null };
}

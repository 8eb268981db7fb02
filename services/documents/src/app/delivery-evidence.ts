// The evidence log of delivery events (issue 17): the unit's own hash chain, verified link by link, for its clerks
// and administrators; and the unit's links about one document. PostgreSQL queues each event in its transaction and
// links the queue (migrations 0014, 0016) in batches or before a read; this only reads and checks it.
import { badInput, requireCaller, requireRole } from '@yizhan/common';
import type { DocumentsContext } from '../deps.ts';
import { type ChainVerdict, type EvidenceLink, verifyEvidenceChain } from '../domain/evidence.ts';
import { getDocument } from '../store/documents.ts';
import { evidenceChainOf, evidenceOfDocument } from '../store/evidence.ts';

/** The events still queued are linked into their chains before a chain is read (the job links them in batches). */
export async function linkQueued(ctx: DocumentsContext): Promise<void> {
  await ctx.deps.evidence?.link();
}

/** Who reads the unit's evidence: its clerks and administrators. */
export const EVIDENCE_READERS = ['CLERK', 'ADMIN'] as const;

export interface EvidenceChainView extends ChainVerdict {
  /** The links, newest last; only the last `last` when asked (the verdict always covers the whole chain). */
  links: EvidenceLink[];
}

/** The caller's unit's chain with its verdict: whole, or the first link that does not hold. */
export async function deliveryEvidenceChain(ctx: DocumentsContext, last: number | null): Promise<EvidenceChainView> {
  const caller = requireCaller(ctx);
  requireRole(caller, ...EVIDENCE_READERS);
  if (last !== null && (!Number.isInteger(last) || last < 0 || last > 1000)) throw badInput('last is 0 to 1000 links', 'last');
  await linkQueued(ctx);
  const links = await evidenceChainOf(ctx.em, caller.orgId);
  const verdict = verifyEvidenceChain(links);
  return { ...verdict, links: last === null ? links : links.slice(Math.max(0, links.length - last)) };
}

/** The caller's unit's links about one document (its sending or its receiving), in order. */
export async function documentEvidence(ctx: DocumentsContext, documentId: string): Promise<EvidenceLink[]> {
  const caller = requireCaller(ctx);
  requireRole(caller, ...EVIDENCE_READERS);
  // A document the unit may not read is not found, as everywhere else (not an empty chain that says it exists).
  await getDocument(ctx.em, documentId);
  await linkQueued(ctx);
  return evidenceOfDocument(ctx.em, caller.orgId, documentId);
}

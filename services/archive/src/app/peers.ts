// Calls to the other services that several archive use cases make: the caller's unit (org), a stamp verified now
// (seals).
import { type CallOutput } from '@yizhan/common';
import { type sealsApi, stamp as stampSchema } from '@yizhan/contracts/seals';
import type { ArchiveContext } from '../deps.ts';

/** What the archive keeps of a stamp's verification. */
export type Verification = Pick<CallOutput<typeof sealsApi, 'verify'>, 'valid' | 'checks'> & { signedAt?: string; sealOrgName?: string };

/** The stamp verified now by the seals service (null when the document carries none). */
export async function verifyStamp(
  ctx: ArchiveContext,
  documentId: string,
  canonical: string | null,
  stamp: Record<string, unknown> | null,
): Promise<Verification | null> {
  if (!stamp || !canonical) return null;
  // Kept as the documents service holds it; read by the seals contract's schema, which the seals service checks again.
  const v = await ctx.deps.seals.call('verify', ctx.callerHeader, { documentId, canonical, stamp: stampSchema.parse(stamp) });
  return { valid: v.valid, checks: v.checks, signedAt: v.signedAt, sealOrgName: v.sealOrgName };
}

/** The caller's unit as the org service describes it: its code stands in for the 全宗号 until the unit sets one. */
export const callerUnit = (ctx: ArchiveContext) => ctx.deps.org.call('unit', ctx.callerHeader, {});

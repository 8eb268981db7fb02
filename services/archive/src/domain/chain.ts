// The evidence chain: each unit's archive events (ingest, check, access, correction, disposal, export, import) form
// a hash chain, each link hashing the one before and its own canonical content. Changing, removing or reordering any
// event breaks the chain at that link, and the verification names the first broken one.
import { createHash } from 'node:crypto';
import { canonicalJson } from '@yizhan/common';

export interface ChainLink {
  seq: number;
  kind: string;
  recordId: string | null;
  payload: unknown;
  at: string;
  prevHash: string;
  hash: string;
}

export const GENESIS = '0'.repeat(64);

export function linkHash(prevHash: string, link: { seq: number; kind: string; recordId: string | null; payload: unknown; at: string }): string {
  return createHash('sha256')
    .update(prevHash)
    .update(canonicalJson({ seq: link.seq, kind: link.kind, recordId: link.recordId, payload: link.payload, at: link.at }))
    .digest('hex');
}

/** The first link whose hash or back-reference does not hold, or null when the chain is whole. */
export function firstBrokenLink(links: ChainLink[]): { seq: number; reason: string } | null {
  let prev = GENESIS;
  let expectedSeq = 1;
  for (const l of [...links].sort((a, b) => a.seq - b.seq)) {
    if (l.seq !== expectedSeq) return { seq: expectedSeq, reason: `link ${expectedSeq} is missing` };
    if (l.prevHash !== prev) return { seq: l.seq, reason: 'it does not refer to the link before it' };
    if (linkHash(prev, l) !== l.hash) return { seq: l.seq, reason: 'its content does not match its hash' };
    prev = l.hash;
    expectedSeq++;
  }
  return null;
}

// The evidence log's rule (issue 17): a unit's delivery events form a hash chain, each link naming the hash of the
// one before and hashing itself as lib/crypto's `chainHash` does (the one link function the offline verifier uses
// too); each link also carries the digest of its event's canonical JSON, and the event itself. The chain is whole
// when its links follow each other from the genesis with consecutive numbers, every hash is its own and every
// digest is its event's. A changed link fails at itself, a removed or reordered one at the link after the gap.
import crypto from 'node:crypto';
import { CHAIN_GENESIS, canonicalJson, chainHash, firstBrokenLink } from '@yizhan/crypto';

/** One link as the log keeps it. */
export interface EvidenceLink {
  seq: number;
  unit: string;
  kind: string;
  documentId: string | null;
  deliveryId: string | null;
  /** SHA-256 (hex) of the canonical JSON of `event`. */
  digest: string;
  /** ISO 8601 with milliseconds, UTC: as hashed. */
  at: string;
  prev: string;
  hash: string;
  /** The event recorded: its type and payload. */
  event: unknown;
}

/** What the chain hashes of a link: everything but the event itself (its digest stands for it). */
export const chainEntry = (l: EvidenceLink) => ({
  seq: l.seq,
  unit: l.unit,
  kind: l.kind,
  documentId: l.documentId,
  deliveryId: l.deliveryId,
  digest: l.digest,
  at: l.at,
  prev: l.prev,
  hash: l.hash,
});

export const eventDigest = (event: unknown): string => crypto.createHash('sha256').update(canonicalJson(event), 'utf8').digest('hex');

export type BreakReason = 'MISSING' | 'NOT_LINKED' | 'HASH' | 'DIGEST';

export interface ChainVerdict {
  length: number;
  whole: boolean;
  /** The hash of the last link (the genesis for an empty chain). */
  head: string;
  /** The seq of the first link that does not hold. */
  brokenAt: number | null;
  reason: BreakReason | null;
  explanation: string | null;
}

const EXPLAIN: Record<BreakReason, (seq: number) => string> = {
  MISSING: (seq) => `link ${seq} is missing: the links are not numbered one after another (a link was removed or renumbered)`,
  NOT_LINKED: (seq) => `link ${seq} does not follow the link before it (one was removed, inserted or reordered)`,
  HASH: (seq) => `link ${seq} was changed: its content does not match its hash`,
  DIGEST: (seq) => `link ${seq}'s event was changed: it does not match the digest the link holds`,
};

/** Checks a unit's chain, links in seq order as read; names the first link that does not hold. */
export function verifyEvidenceChain(links: EvidenceLink[]): ChainVerdict {
  const broken = (i: number, reason: BreakReason): ChainVerdict => {
    const seq = links[i]?.seq ?? i + 1;
    return { length: links.length, whole: false, head: links.at(-1)?.hash ?? CHAIN_GENESIS, brokenAt: seq, reason, explanation: EXPLAIN[reason](seq) };
  };
  const link = firstBrokenLink(links.map(chainEntry));
  for (let i = 0; i < links.length; i++) {
    const l = links[i] as EvidenceLink;
    if (l.seq !== i + 1) return { ...broken(i, 'MISSING'), brokenAt: i + 1, explanation: EXPLAIN.MISSING(i + 1) };
    if (link?.index === i) return broken(i, link.why === 'prev' ? 'NOT_LINKED' : 'HASH');
    if (eventDigest(l.event) !== l.digest) return broken(i, 'DIGEST');
  }
  return { length: links.length, whole: true, head: links.at(-1)?.hash ?? CHAIN_GENESIS, brokenAt: null, reason: null, explanation: null };
}

/** Links events after `prev` as the log's trigger does (for tests and for checking the trigger against this rule). */
export function linkEvents(
  unit: string,
  events: { kind: string; documentId: string | null; deliveryId: string | null; at: string; event: unknown }[],
  prev = CHAIN_GENESIS,
  firstSeq = 1,
): EvidenceLink[] {
  return events.map((e, i) => {
    const entry = { seq: firstSeq + i, unit, kind: e.kind, documentId: e.documentId, deliveryId: e.deliveryId, digest: eventDigest(e.event), at: e.at, prev };
    const link = { ...entry, hash: chainHash(entry), event: e.event };
    prev = link.hash;
    return link;
  });
}

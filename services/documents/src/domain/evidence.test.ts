// The evidence chain's rule: whole when untouched; the first changed, removed or reordered link is named.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { chainHash } from '@yizhan/crypto';
import { type EvidenceLink, eventDigest, linkEvents, verifyEvidenceChain } from './evidence.ts';

const UNIT = '0b6c2f8e-4a53-4f0e-9c55-8d1f3f2a9e01';
const chain = (): EvidenceLink[] =>
  linkEvents(
    UNIT,
    ['document.sent', 'delivery.delivered', 'delivery.delivered', 'delivery.recall', 'delivery.resend'].map((kind, i) => ({
      kind,
      documentId: 'd0000000-0000-4000-8000-000000000001',
      deliveryId: i === 0 ? null : `e000000${i}-0000-4000-8000-000000000001`,
      at: new Date(Date.UTC(2026, 10, 30, 9, 0, i)).toISOString(),
      event: { type: kind, payload: { n: i, note: `第${i}条`, nested: { z: 1, a: [true, null] } } },
    })),
  );

test('an untouched chain is whole; its head is the last hash; each hash is lib/crypto’s chainHash of its entry', () => {
  const links = chain();
  const v = verifyEvidenceChain(links);
  assert.deepEqual([v.whole, v.length, v.brokenAt, v.head], [true, 5, null, links[4]?.hash]);
  const { hash, event: _e, ...entry } = links[2] as EvidenceLink;
  assert.equal(chainHash(entry), hash);
  assert.equal(links[0]?.prev, '0'.repeat(64));
  assert.deepEqual(verifyEvidenceChain([]), { length: 0, whole: true, head: '0'.repeat(64), brokenAt: null, reason: null, explanation: null });
});

test('the event digest is over canonical JSON: key order does not matter, content does', () => {
  assert.equal(eventDigest({ b: 1, a: { d: 2, c: 3 } }), eventDigest({ a: { c: 3, d: 2 }, b: 1 }));
  assert.notEqual(eventDigest({ a: 1 }), eventDigest({ a: 2 }));
});

test('a changed event, a changed link, a removed and a reordered link are each named at their link', () => {
  const changedEvent = chain();
  (changedEvent[2] as EvidenceLink).event = { type: 'delivery.delivered', payload: { n: 99 } };
  assert.deepEqual(pick(verifyEvidenceChain(changedEvent)), [false, 3, 'DIGEST']);

  const changedLink = chain();
  (changedLink[3] as EvidenceLink).kind = 'delivery.resend';
  assert.deepEqual(pick(verifyEvidenceChain(changedLink)), [false, 4, 'HASH']);

  const removed = chain();
  removed.splice(1, 1);
  assert.deepEqual(pick(verifyEvidenceChain(removed)), [false, 2, 'MISSING']);

  // Reordered and renumbered to look consecutive: the link no longer follows the one before.
  const reordered = chain();
  const [a, b] = [reordered[1] as EvidenceLink, reordered[2] as EvidenceLink];
  [a.seq, b.seq] = [b.seq, a.seq];
  reordered.splice(1, 2, b, a);
  assert.deepEqual(pick(verifyEvidenceChain(reordered)), [false, 2, 'NOT_LINKED']);

  // A last link cut off leaves a whole, shorter chain: only the time-stamped head shows it (issue 17, trusted time).
  assert.equal(verifyEvidenceChain(chain().slice(0, 4)).whole, true);
});

const pick = (v: ReturnType<typeof verifyEvidenceChain>) => [v.whole, v.brokenAt, v.reason];

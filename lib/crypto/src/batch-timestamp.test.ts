// Time stamps in batches: every leaf's path climbs to the one root, for any number of leaves (odd levels carried up);
// a changed leaf or path step misses it; a leaf never passes for an inner node. A receipt time-stamped in a batch
// verifies with its path and the batch's token, and fails TIMESTAMP with another receipt's path or a changed step.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { describe, test } from 'node:test';
import { chainHeadLeaf, merkleRoot, merkleTree } from './batch-timestamp.ts';
import { type Receipt, signReceipt, verifyReceipt } from './receipt.ts';
import { generateKeyPair } from './suites.ts';
import { tsaWorld } from './testing/tsa-world.ts';
import { type HashAlgorithm, issueTimestamp } from './tsp.ts';
import { issueCertificate } from './x509.ts';

const leaf = (i: number) => new Uint8Array(Buffer.from(`leaf ${i}`));
const sha = (s: string) => crypto.createHash('sha256').update(s).digest('hex');

describe('batch time stamps (Merkle paths)', () => {
  for (const h of ['SM3', 'SHA-256'] as HashAlgorithm[]) {
    test(`every leaf's path leads to the root, 1 to 17 leaves (${h})`, () => {
      for (let n = 1; n <= 17; n++) {
        const leaves = Array.from({ length: n }, (_, i) => leaf(i));
        const { root, paths } = merkleTree(h, leaves);
        assert.equal(paths.length, n);
        for (let i = 0; i < n; i++) assert.equal(merkleRoot(h, leaves[i] as Uint8Array, paths[i] ?? []), root, `leaf ${i} of ${n}`);
        if (n > 1) {
          assert.notEqual(merkleRoot(h, leaf(99), paths[0] ?? []), root, 'another leaf misses the root');
          const bent = (paths[n - 1] ?? []).map((s, k) => (k === 0 ? { ...s, side: s.side === 'L' ? ('R' as const) : ('L' as const) } : s));
          assert.notEqual(merkleRoot(h, leaves[n - 1] as Uint8Array, bent), root, 'a changed step misses the root');
        }
      }
    });
  }

  test('a leaf is hashed apart from inner nodes: two leaves’ hashes as one leaf do not give their parent', () => {
    const { root, paths } = merkleTree('SHA-256', [leaf(0), leaf(1)]);
    const l0 = (paths[1] as { hash: string }[])[0]?.hash as string;
    const l1 = (paths[0] as { hash: string }[])[0]?.hash as string;
    assert.notEqual(merkleRoot('SHA-256', new Uint8Array(Buffer.from(l0 + l1, 'hex')), []), root);
  });

  test('a receipt time-stamped in a batch verifies with its path and the batch token; not with another’s path', () => {
    const w = tsaWorld('SM2');
    const key = generateKeyPair('SM2');
    const ORG = '7b0d5c1e-2f4a-4b7c-9d3e-1a2b3c4d5e6f';
    const certificate = issueCertificate({
      suite: 'SM2',
      subject: { commonName: '新城区人民政府', organization: '新城区人民政府', serialNumber: ORG },
      subjectPublicKey: key.publicKey,
      profile: 'SIGNING',
      notBefore: new Date(Date.now() - 60_000),
      notAfter: new Date(Date.now() + 86_400_000),
      issuer: { certificate: w.issuing, privateKey: w.issuingKey.privateKey },
    });
    const receipt = (action: Receipt['action']): Receipt => ({
      format: 'yizhan-receipt',
      version: 1,
      deliveryId: 'd1',
      documentId: 'doc1',
      unit: { orgId: ORG, name: '新城区人民政府' },
      action,
      contentDigest: sha('content'),
      stampDigest: null,
      at: new Date().toISOString(),
    });
    const rs = [receipt('RECEIVED'), receipt('SIGNED')];
    const sigs = rs.map((r) => signReceipt('SM2', key.privateKey, r));
    const tree = merkleTree('SM3', [...sigs, chainHeadLeaf(ORG, 7, sha('head'))]);
    const token = issueTimestamp({ suite: 'SM2', tsa: w.key, hashAlgorithm: 'SM3', digest: tree.root, nonce: null, certReq: true, genTime: new Date() }).token;
    const check = (i: number, path = tree.paths[i]) =>
      verifyReceipt({ receipt: rs[i] as Receipt, signature: sigs[i] as Uint8Array, certificate, timestamp: token, timestampPath: path, trust: w.trust });
    assert.equal(check(0).valid, true, JSON.stringify(check(0).checks));
    assert.equal(check(1).valid, true);
    assert.ok(check(1).signedAt instanceof Date);
    const failed = (v: ReturnType<typeof verifyReceipt>) => v.checks.filter((c) => !c.ok).map((c) => c.check);
    assert.deepEqual(failed(check(0, tree.paths[1])), ['TIMESTAMP']);
    assert.deepEqual(failed(check(0, [])), ['TIMESTAMP']);
  });
});

// Signed approvals: an approval verifies with its unit's certificate and time stamp, and against the document's
// content digest; one the approver signed too (it names them as `signer`) verifies only with their own signature and
// identity certificate: none, another person's certificate, a signature over other bytes or a certificate from
// another CA each fail their named person check.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { describe, test } from 'node:test';
import { type Approval, approvalProblem, approvalTimestampDigest, signApproval, verifyApproval } from './approval.ts';
import { generateKeyPair, type Suite } from './suites.ts';
import { tsaWorld } from './testing/tsa-world.ts';
import { hashAlgorithmOf, issueTimestamp } from './tsp.ts';
import { issueCertificate } from './x509.ts';

const sha = (s: string) => crypto.createHash('sha256').update(s).digest('hex');
const ORG = '7b0d5c1e-2f4a-4b7c-9d3e-1a2b3c4d5e6f';
const HOUR = 3_600_000;

function world(suite: Suite) {
  const w = tsaWorld(suite);
  const unitKey = generateKeyPair(suite);
  const valid = { notBefore: new Date(Date.now() - HOUR), notAfter: new Date(Date.now() + 24 * HOUR) };
  const certificate = issueCertificate({
    suite,
    subject: { commonName: '西安市人民政府', organization: '西安市人民政府', serialNumber: ORG },
    subjectPublicKey: unitKey.publicKey,
    profile: 'SIGNING',
    ...valid,
    issuer: { certificate: w.issuing, privateKey: w.issuingKey.privateKey },
  });
  const personKey = generateKeyPair(suite);
  /** An identity certificate naming `username`, with the approver's key unless told, from this CA unless told. */
  const identity = (username: string, key = personKey, ca = w) =>
    issueCertificate({
      suite,
      subject: { commonName: '王建国', organization: '西安市人民政府', serialNumber: username },
      subjectPublicKey: key.publicKey,
      profile: 'IDENTITY',
      ...valid,
      issuer: { certificate: ca.issuing, privateKey: ca.issuingKey.privateKey },
    });
  const approval: Approval = {
    format: 'yizhan-approval',
    version: 1,
    documentId: 'doc1',
    unit: { orgId: ORG, name: '西安市人民政府' },
    approver: { userId: 'u1', name: '王建国' },
    step: 1,
    role: 'LEADER',
    issued: true,
    comment: '同意，签发',
    contentDigest: sha('content'),
    at: new Date().toISOString(),
  };
  /** The unit's signature over `a` and its time stamp, as documents keeps them. */
  const unitSigned = (a: Approval) => {
    const signature = signApproval(suite, unitKey.privateKey, a);
    const timestamp = issueTimestamp({
      suite,
      tsa: w.key,
      hashAlgorithm: hashAlgorithmOf(suite),
      digest: approvalTimestampDigest(suite, signature),
      nonce: null,
      certReq: true,
      genTime: new Date(),
    }).token;
    return { approval: a, signature, certificate, timestamp, trust: w.trust, expected: { contentDigest: sha('content') } };
  };
  return { w, personKey, identity, approval, unitSigned };
}

const failed = (v: ReturnType<typeof verifyApproval>) => v.checks.filter((c) => !c.ok).map((c) => c.check);

for (const suite of ['SM2', 'RSA'] as Suite[]) {
  describe(`signed approvals (${suite})`, () => {
    const x = world(suite);

    test('the unit’s signature alone verifies as before: no person checks; a changed document fails CONTENT', () => {
      const base = x.unitSigned(x.approval);
      assert.deepEqual(failed(verifyApproval(base)), []);
      assert.ok(!verifyApproval(base).checks.some((c) => c.check.startsWith('PERSON')));
      assert.deepEqual(failed(verifyApproval({ ...base, expected: { contentDigest: sha('content!') } })), ['CONTENT']);
    });

    test('an approval that names its approver verifies only with their own signature and identity certificate', () => {
      const approval: Approval = { ...x.approval, signer: { username: 'xa.leader', name: '王建国' } };
      assert.equal(approvalProblem(approval), null);
      const own = { signature: signApproval(suite, x.personKey.privateKey, approval), certificate: x.identity('xa.leader') };
      const signed = { ...x.unitSigned(approval), person: own };
      const v = verifyApproval(signed);
      assert.deepEqual(failed(v), []);
      assert.deepEqual(
        v.checks.map((c) => c.check).filter((c) => c.startsWith('PERSON')),
        ['PERSON', 'PERSON_CHAIN'],
      );
      // Named but unsigned: both fail, and say so.
      const unsigned = verifyApproval({ ...signed, person: null });
      assert.deepEqual(failed(unsigned), ['PERSON', 'PERSON_CHAIN']);
      assert.match(unsigned.checks.find((c) => !c.ok)?.reason ?? '', /approval names 王建国 .* no signature/);
      // Another person's certificate (the same key, another user name): not theirs.
      const another = verifyApproval({ ...signed, person: { ...own, certificate: x.identity('xa.drafter') } });
      assert.deepEqual(failed(another), ['PERSON']);
      assert.match(another.checks.find((c) => !c.ok)?.reason ?? '', /not 王建国’s/);
      // Their key over other bytes: the approval without its signer, or with another comment.
      assert.deepEqual(failed(verifyApproval({ ...signed, person: { ...own, signature: signApproval(suite, x.personKey.privateKey, x.approval) } })), [
        'PERSON',
      ]);
      const otherComment = signApproval(suite, x.personKey.privateKey, { ...approval, comment: '不同意' });
      assert.deepEqual(failed(verifyApproval({ ...signed, person: { ...own, signature: otherComment } })), ['PERSON']);
      // Another key under their name.
      const stranger = generateKeyPair(suite);
      assert.deepEqual(failed(verifyApproval({ ...signed, person: { ...own, signature: signApproval(suite, stranger.privateKey, approval) } })), ['PERSON']);
      // A certificate naming them, with their key, from a CA the trust does not know.
      const foreign = x.identity('xa.leader', x.personKey, tsaWorld(suite));
      assert.deepEqual(failed(verifyApproval({ ...signed, person: { ...own, certificate: foreign } })), ['PERSON_CHAIN']);
      // The signer taken out of the kept approval: the unit's signature no longer holds.
      const { signer: _s, ...stripped } = approval;
      assert.deepEqual(failed(verifyApproval({ ...signed, approval: stripped as Approval })), ['SIGNATURE']);
    });

    test('only the approver signs beside the unit', () => {
      assert.match(approvalProblem({ ...x.approval, signer: { username: 'xa.drafter', name: '李拟稿' } }) ?? '', /signer is the approver/);
      assert.match(approvalProblem({ ...x.approval, signer: { name: '王建国' } as Approval['signer'] }) ?? '', /user name/);
    });
  });
}

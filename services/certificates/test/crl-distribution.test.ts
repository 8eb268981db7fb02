// The CRL distribution point (RFC 5280 §4.2.1.13): each certificate the CA issues names where its CRL is published,
// under the platform's public address, and the gateway answers that CRL there to anyone, without logging in — so a
// verifier holding a signed document and its certificate alone can see that it was revoked.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { internalClient } from '@yizhan/common';
import { certificatesApi } from '@yizhan/contracts/certificates';
import { createCsr, fromPem, generateKeyPair, readCertificate, readCrl, type Suite } from '@yizhan/crypto';
import { callerContextOf } from '../../../test/support/caller-context.ts';
import { asDemoUsers, eventually, ok, type Platform, startPlatform } from '../../../test/support/harness.ts';

const PUBLIC_URL = 'https://yizhan.example.gov.cn';
let p: Platform;
const { gql } = asDemoUsers(() => p);
let base: string;

before(async () => {
  process.env.YIZHAN_PUBLIC_URL = PUBLIC_URL;
  p = await startPlatform({ services: ['certificates'] });
  base = p.gatewayUrl.replace(/\/graphql$/, '');
});
after(async () => {
  delete process.env.YIZHAN_PUBLIC_URL;
  await p?.close();
});

async function issued(suite: Suite): Promise<{ id: string; der: Uint8Array }> {
  const applied = await gql('xc.drafter', 'mutation($i: CertificateApplicationInput!) { applyForCertificate(input: $i) { id } }', {
    i: { usage: 'IDENTITY', suite, csr: createCsr(generateKeyPair(suite), { commonName: 'xc.drafter' }) },
  });
  const decided = await gql('xc.leader', 'mutation($id: ID!) { decideCertificateApplication(id: $id, approve: true) { certificateId } }', {
    id: ok<{ id: string }>(applied, 'applyForCertificate').id,
  });
  const id = ok<{ certificateId: string }>(decided, 'decideCertificateApplication').certificateId;
  const { pem } = ok<{ pem: string }>(await gql('xc.drafter', 'query($id: ID!) { certificate(id: $id) { pem } }', { id }), 'certificate');
  return { id, der: fromPem(pem, 'CERTIFICATE') as Uint8Array };
}

const issuingCa = async (suite: Suite) => {
  const cas = ok<{ suite: string; role: string; pem: string }[]>(await gql('xc.drafter', '{ caCertificates { suite role pem } }'), 'caCertificates');
  return fromPem(cas.find((c) => c.suite === suite && c.role === 'ISSUING')?.pem ?? '', 'CERTIFICATE') as Uint8Array;
};

/** The CRL as anyone fetches it: no token, no cookie. */
const published = async (suite: Suite) => {
  const res = await fetch(`${base}/pki/crl/${suite}.crl`);
  return { status: res.status, type: res.headers.get('content-type'), der: new Uint8Array(await res.arrayBuffer()) };
};

for (const suite of ['SM2', 'RSA'] as const) {
  test(`${suite}: the certificate names its CRL under the public address; the gateway publishes it, and a revocation reaches it`, async () => {
    const cert = await issued(suite);
    const { serial, crlUrls } = readCertificate(cert.der);
    assert.deepEqual(crlUrls, [`${PUBLIC_URL}/pki/crl/${suite}.crl`]);

    const ca = await issuingCa(suite);
    const first = await published(suite);
    assert.equal(first.status, 200);
    assert.equal(first.type, 'application/pkix-crl');
    const list = readCrl(first.der, ca);
    assert.ok(list, 'the CRL served is signed by the issuing CA');
    assert.ok(!list.entries.some((e) => e.serial === serial), 'not revoked yet');

    ok(await gql('xc.drafter', 'mutation($id: ID!) { revokeCertificate(id: $id, reason: KEY_COMPROMISE) { status } }', { id: cert.id }), 'revokeCertificate');
    // The gateway reuses a CRL for a few seconds at most: the new one is served after that.
    const after = await eventually(
      async () => readCrl((await published(suite)).der, ca),
      (l) => !!l?.entries.some((e) => e.serial === serial),
      () => new Promise((r) => setTimeout(r, 200)),
    );
    assert.ok(
      after?.entries.some((e) => e.serial === serial),
      'the revoked certificate is listed at its distribution point',
    );
    assert.ok((after?.number ?? 0) > (list.number ?? 0));
  });
}

test('only the two suites are published, read with GET; the CA’s call is the gateway’s alone', async () => {
  const missing = await fetch(`${base}/pki/crl/DSA.crl`);
  assert.equal(missing.status, 404);
  assert.equal(((await missing.json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code, 'NOT_FOUND');
  const posted = await fetch(`${base}/pki/crl/SM2.crl`, { method: 'POST', body: 'x' });
  assert.equal(posted.status, 405);
  // A person's caller context may not ask the CA's internal call (it is no secret, but the call is the gateway's).
  const ca = internalClient(certificatesApi, p.certificatesUrl);
  const refused = await ca.call('public-crl', await callerContextOf(gql, 'xc.clerk'), { suite: 'SM2' }).then(
    () => null,
    (e: { code?: string }) => e.code,
  );
  assert.equal(refused, 'FORBIDDEN');
});

// Certificate and CRL expiry (issue 20): the operators (the top unit's administrators) see the certificates that end
// within N days — a person's here, its end moved near by the test — and each suite's CRL against its next update, as
// GraphQL, as metrics on the operations console, and the hourly watch signs a new CRL before the old one's next
// update (time moved by the test). Other administrators and roles are refused.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createCsr, generateKeyPair } from '@yizhan/crypto';
import { codeOf, ok, type Platform, startPlatform } from '../../../test/support/harness.ts';

let p: Platform;
const tokens: Record<string, string> = {};
const token = async (user: string) => (tokens[user] ??= await p.login(user));
const gql = async (user: string, query: string, variables: Record<string, unknown> = {}) => p.gql(query, variables, await token(user));
before(async () => {
  p = await startPlatform({ services: ['certificates'] });
});
after(() => p?.close());

const EXPIRY = `query($d: Int) { certificateExpiry(withinDays: $d) { withinDays warningDays urgentDays crlWarningHours
  certificates { kind id serial holderName usage notAfter daysLeft state }
  crls { suite number nextUpdate hoursLeft state } } }`;

async function personCertificate(user: string): Promise<string> {
  const applied = await gql(user, 'mutation($i: CertificateApplicationInput!) { applyForCertificate(input: $i) { id } }', {
    i: { usage: 'IDENTITY', suite: 'RSA', csr: createCsr(generateKeyPair('RSA'), { commonName: user }) },
  });
  const decided = await gql('xc.leader', 'mutation($id: ID!) { decideCertificateApplication(id: $id, approve: true) { certificateId } }', {
    id: ok<{ id: string }>(applied, 'applyForCertificate').id,
  });
  return ok<{ certificateId: string }>(decided, 'decideCertificateApplication').certificateId;
}

test('the operators see what ends within N days and the CRLs, on the console and in the metrics; the watch renews a CRL before its next update', async () => {
  const id = await personCertificate('xc.drafter');
  const before = ok(await gql('sx.admin', EXPIRY, {}), 'certificateExpiry');
  assert.equal(before.withinDays, 30);
  assert.ok(!before.certificates.some((c: { id: string }) => c.id === id), 'a new certificate does not end within 30 days');
  assert.deepEqual(
    before.crls.map((c: { suite: string; state: string }) => [c.suite, c.state]),
    [
      ['RSA', 'OK'],
      ['SM2', 'OK'],
    ],
  );

  // Its end moves to five days from now.
  await p.superQuery("update certificates.certificates set not_after = now() + interval '5 days' where id = $1", [id]);
  const soon = ok(await gql('sx.admin', EXPIRY, { d: 30 }), 'certificateExpiry');
  const mine = soon.certificates.find((c: { id: string }) => c.id === id);
  assert.equal(mine?.kind, 'PERSON');
  assert.equal(mine?.state, 'URGENT');
  assert.equal(Math.round(mine?.daysLeft), 5);
  assert.ok(!soon.certificates.some((c: { kind: string }) => c.kind === 'CA' || c.kind === 'TSA'), 'the CA’s and TSA’s end years away');
  const tenYears = ok(await gql('sx.admin', EXPIRY, { d: 3660 }), 'certificateExpiry');
  assert.ok(tenYears.certificates.some((c: { kind: string }) => c.kind === 'TSA'));
  assert.ok(tenYears.certificates.some((c: { kind: string }) => c.kind === 'CA'));

  // The console's figures (the certificates service's /metrics through the gateway) say the same.
  const res = await fetch(p.gatewayUrl.replace('/graphql', '/operations'), { headers: { authorization: `Bearer ${await token('sx.admin')}` } });
  assert.equal(res.status, 200);
  const figures = (await res.json()) as {
    subgraphs: { name: string; metrics: { name: string; values: { labels: Record<string, string>; value: number }[] }[] }[];
  };
  const metrics = figures.subgraphs.find((s) => s.name === 'certificates')?.metrics ?? [];
  const value = (name: string, labels: Record<string, string>) =>
    metrics.find((m) => m.name === name)?.values.find((v) => Object.entries(labels).every(([k, l]) => v.labels[k] === l))?.value;
  assert.equal(value('yizhan_certificates_expiring', { kind: 'PERSON', within_days: '7' }), 1);
  assert.equal(value('yizhan_certificates_expiring', { kind: 'CA', within_days: '30' }), 0);
  assert.ok((value('yizhan_certificate_soonest_expiry_seconds', { kind: 'PERSON' }) ?? 0) < 5 * 86_400 + 60);
  assert.ok((value('yizhan_crl_next_update_seconds', { suite: 'SM2' }) ?? 0) > 20 * 3600);

  // Twenty-three hours on, each CRL is within six hours of its next update: the watch signs it anew, once.
  const numbers = before.crls.map((c: { number: number }) => c.number);
  const turn = await p.watchExpiry(new Date(Date.now() + 23 * 3600_000));
  assert.deepEqual(turn.renewedCrls.sort(), ['RSA', 'SM2']);
  assert.equal(turn.urgent, 1, 'the person’s certificate is named in the warning');
  assert.deepEqual((await p.watchExpiry()).renewedCrls, [], 'now fresh: not renewed again');
  const after = ok(await gql('sx.admin', EXPIRY, {}), 'certificateExpiry');
  assert.deepEqual(
    after.crls.map((c: { number: number }) => c.number),
    numbers.map((n: number) => n + 1),
  );
  assert.ok(after.crls.every((c: { hoursLeft: number }) => c.hoursLeft > 23));
});

test('only the top unit’s administrators read it; bad input is refused naming the field', async () => {
  for (const user of ['xa.admin', 'sxb.admin', 'xc.admin', '610000.clerk', 'xc.drafter']) {
    const r = await gql(user, EXPIRY, {});
    assert.equal(codeOf(r), 'FORBIDDEN', user);
    assert.equal(r.data?.certificateExpiry ?? null, null);
  }
  assert.equal(codeOf(await p.gql(EXPIRY, {})), 'UNAUTHENTICATED');
  for (const d of [0, 4000]) {
    const r = await gql('sx.admin', EXPIRY, { d });
    assert.equal(codeOf(r), 'BAD_INPUT');
    assert.equal(r.errors?.[0]?.extensions?.field, 'withinDays');
  }
});

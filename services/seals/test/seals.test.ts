// Seals through the real gateway and services: the written application, the head's consent, the issuing
// authority's approval, making, dual custody, stamping by both custodians, the send that requires the stamp, the
// verified seal at print, verification failing for every kind of tampering, loss, destruction before the three
// parties, a dissolved unit's seals, and the wrong unit.
import assert from 'node:assert/strict';
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { canonicalBytes, loadConfig } from '@yizhan/common';
import { fromPem, generateKeyPair, issueCertificate, readSesSignature, verifySesSignature } from '@yizhan/crypto';
import { asDemoUsers, codeOf, eventually, ok, type Platform, startPlatform } from '../../../test/support/harness.ts';
import { ringPng } from '../../../test/support/png.ts';
import { approvedOfficeDocument, MAKING_WITNESSES, makeOfficeSeal as makeSeal, OFFICE_PINS } from '../../../test/support/seals.ts';

let p: Platform;
const { gql, tokens } = asDemoUsers(() => p);

const PINS = OFFICE_PINS;
const VERIFY =
  'query($id: ID!) { documentSeal(documentId: $id) { stamped valid sealOrgName signedAt checks { check label ok reason } imageSvg sesSignature } }';
let sealId: string;
const makeOfficeSeal = () => makeSeal(gql);
const approvedDocument = (title: string, attachment?: Buffer) => approvedOfficeDocument(p, gql, tokens, title, attachment);

async function stamp(documentId: string): Promise<string> {
  const req = ok(await gql('sxb.drafter', 'mutation($d: ID!) { requestStamp(documentId: $d) { id status } }', { d: documentId }), 'requestStamp');
  ok(
    await gql('sxb.seal', 'mutation($r: ID!, $p: String!) { presentSealPin(requestId: $r, pin: $p) { status } }', { r: req.id, p: PINS['sxb.seal'] }),
    'presentSealPin',
  );
  const done = ok(
    await gql('sxb.seal2', 'mutation($r: ID!, $p: String!) { presentSealPin(requestId: $r, pin: $p) { status stampId } }', { r: req.id, p: PINS['sxb.seal2'] }),
    'presentSealPin',
  );
  assert.equal(done.status, 'COMPLETED');
  return done.stampId;
}

const send = (documentId: string) =>
  gql('sxb.clerk', 'mutation($id: ID!, $k: String!) { sendDocument(id: $id, sendKey: $k) { status docNumber } }', { id: documentId, k: randomUUID() });
const checksOf = async (user: string, documentId: string) => ok<any>(await gql(user, VERIFY, { id: documentId }), 'documentSeal');
const failed = (v: { checks: { check: string; ok: boolean }[] }) => v.checks.filter((c) => !c.ok).map((c) => c.check);

before(async () => {
  p = await startPlatform();
  sealId = await makeOfficeSeal();
});
after(() => p?.close());

describe('seals', () => {
  test('a unit with a seal sends only what both custodians stamped; the recipient verifies it and prints it with the seal', async () => {
    const doc = await approvedDocument('关于用印测试的通知');
    const refused = await send(doc);
    assert.equal(codeOf(refused), 'SEAL_REQUIRED');
    assert.equal(await p.superCount('select count(*) n from documents.deliveries where document_id = $1', [doc]), 0, 'nothing sent');

    const req = ok(await gql('sxb.drafter', 'mutation($d: ID!) { requestStamp(documentId: $d) { id } }', { d: doc }), 'requestStamp');
    const pin = (user: keyof typeof PINS | 'sxb.admin', value: string) =>
      gql(user, 'mutation($r: ID!, $p: String!) { presentSealPin(requestId: $r, pin: $p) { status firstCustodianName stampId } }', { r: req.id, p: value });
    assert.equal(codeOf(await pin('sxb.admin', '000000')), 'FORBIDDEN', 'only the custodians');
    assert.equal(codeOf(await pin('sxb.seal', '999999')), 'WRONG_PIN');
    const first = ok(await pin('sxb.seal', PINS['sxb.seal']), 'presentSealPin');
    assert.equal(first.status, 'PENDING', 'one custodian alone does not stamp');
    assert.equal(codeOf(await pin('sxb.seal', PINS['sxb.seal'])), 'CUSTODY_INCOMPLETE');
    assert.equal(codeOf(await send(doc)), 'SEAL_REQUIRED', 'still not stamped');
    const done = ok(await pin('sxb.seal2', PINS['sxb.seal2']), 'presentSealPin');
    assert.equal(done.status, 'COMPLETED');
    const sent = ok(await send(doc), 'sendDocument');
    assert.equal(sent.status, 'SENT');

    const v = await checksOf('xa.clerk', doc);
    assert.equal(v.stamped, true);
    assert.equal(v.valid, true, JSON.stringify(v.checks));
    assert.deepEqual(
      v.checks.map((c: { check: string }) => c.check),
      [
        'STAMP_SIGNATURE',
        'SIGNER_LISTED_BY_SEAL',
        'SEAL_SIGNATURE',
        'SEAL_VALID_AT_SIGNING',
        'CERTIFICATE_CHAIN',
        'CERTIFICATE_VALID_AT_SIGNING',
        'CERTIFICATE_NOT_REVOKED_AT_SIGNING',
        'CONTENT_DIGEST',
        'TIMESTAMP',
      ],
      'the full order of DESIGN §2, then the time stamp of the GB/T 38540 stamp',
    );
    assert.deepEqual(v.checks.map((c: { label: string }) => c.label).slice(0, 2), ['签章签名', '签章证书属于该印章'], 'each check in the words a clerk reads');
    // The stamp in GB/T 38540's encoding, as the GraphQL API hands it out: verified offline from the DER alone with
    // the CA's published certificates and CRLs (the time stamp included); the seal's own SESeal is the one inside it.
    const der = new Uint8Array(Buffer.from(v.sesSignature, 'base64'));
    const ca = ok<{ pem: string }[]>(await gql('xa.clerk', '{ caCertificates { pem role } }'), 'caCertificates');
    const crls = [ok<{ pem: string }>(await gql('xa.clerk', '{ crl(suite: SM2) { pem } }'), 'crl').pem];
    const pems = (roles: string[]) => ca.filter((c: any) => roles.includes(c.role)).map((c) => fromPem(c.pem, 'CERTIFICATE') as Uint8Array);
    const trust = { roots: pems(['ROOT']), intermediates: pems(['ISSUING']), crls: crls.map((c) => fromPem(c, 'X509 CRL') as Uint8Array) };
    const offline = verifySesSignature(der, { trust, requireTimeStamp: true, dataHash: readSesSignature(der).dataHash });
    assert.equal(offline.valid, true, JSON.stringify(offline.checks));
    const sealDer = ok<{ sesealDer: string }>(await gql('sxb.admin', 'query($id: ID!) { seal(id: $id) { sesealDer } }', { id: sealId }), 'seal').sesealDer;
    assert.deepEqual(readSesSignature(der).seal.der, new Uint8Array(Buffer.from(sealDer, 'base64')));
    assert.equal(readSesSignature(der).seal.esID, sealId);
    assert.equal(v.sealOrgName, '陕西省人民政府办公厅');
    assert.match(v.imageSvg, /<svg/);

    const delivery = ok(await gql('xa.clerk', '{ inbox(filter: {search: "关于用印测试的通知"}) { nodes { id } } }'), 'inbox').nodes[0].id;
    const printed = ok(await gql('xa.clerk', 'mutation($id: ID!) { printDelivery(id: $id) { pdfSha256 withinQuota } }', { id: delivery }), 'printDelivery');
    const pdf = Buffer.from(
      await (
        await fetch(`${p.gatewayUrl.replace('/graphql', '/blobs')}/${printed.pdfSha256}`, { headers: { authorization: `Bearer ${tokens['xa.clerk']}` } })
      ).arrayBuffer(),
    ).toString('latin1');
    assert.match(pdf, /verified-seal/, 'the verified seal is on the official copy');
    assert.match(pdf, /\/Subtype \/Image/, 'drawn from the seal’s image');

    // Every use and every refused use is in the seal's register.
    const log = ok<{ action: string; actorName: string; detail: string }[]>(
      await gql('sxb.admin', 'query($s: ID!) { sealLog(sealId: $s) { action actorName detail } }', { s: sealId }),
      'sealLog',
    );
    assert.ok(log.some((e) => e.action === 'USE_REFUSED' && e.detail.includes('wrong PIN')));
    const used = log.find((e) => e.action === 'USED' && e.detail.includes(doc));
    assert.ok(used?.detail.includes('黄海燕'), 'both custodians, by name');
    assert.ok(!JSON.stringify(log).includes('sxb.seal'), 'a person by name, never by user name');
    assert.ok(['杨丽', '黄海燕'].includes(used?.actorName as string));
  });

  test('both custodians at the same moment: the stamp still signs the OFD; a PIN that is no PIN is not a wrong guess; a request leaves no share behind', async () => {
    const PIN = 'mutation($r: ID!, $p: String!) { presentSealPin(requestId: $r, pin: $p) { status stampId } }';
    const refusals = () => p.superCount("select count(*) n from seals.seal_events where action = 'USE_REFUSED' and seal_id = $1", [sealId]);
    const doc = await approvedDocument('关于两名保管人同时用印的通知');
    const req = ok<{ id: string }>(await gql('sxb.drafter', 'mutation($d: ID!) { requestStamp(documentId: $d) { id } }', { d: doc }), 'requestStamp');
    const before = await refusals();
    for (const pin of ['', '12ab56', '1'.repeat(100_000)]) {
      const r = await gql('sxb.seal', PIN, { r: req.id, p: pin });
      assert.equal(codeOf(r), 'BAD_INPUT');
      assert.equal(r.errors?.[0]?.extensions?.field, 'pin');
    }
    assert.equal(await refusals(), before, 'not counted towards the hour’s lock');
    // Not the unit's to ask by any member: a supervisor neither asks nor withdraws.
    assert.equal(codeOf(await gql('sxb.supervisor', 'mutation($d: ID!) { requestStamp(documentId: $d) { id } }', { d: doc })), 'FORBIDDEN');
    assert.equal(codeOf(await gql('sxb.supervisor', 'mutation($r: ID!) { cancelStampRequest(id: $r, reason: "撤回") { id } }', { r: req.id })), 'FORBIDDEN');

    const both = await Promise.all([gql('sxb.seal', PIN, { r: req.id, p: PINS['sxb.seal'] }), gql('sxb.seal2', PIN, { r: req.id, p: PINS['sxb.seal2'] })]);
    // One of them may be asked again (the other's PIN came in at the same moment); asked again, it completes.
    for (const [i, r] of both.entries()) {
      if (codeOf(r) === 'CONFLICT') {
        assert.equal(r.errors?.[0]?.extensions?.retry, true);
        const user = i === 0 ? 'sxb.seal' : 'sxb.seal2';
        ok(await gql(user, PIN, { r: req.id, p: PINS[user] }), 'presentSealPin again');
      } else ok(r, 'presentSealPin');
    }
    const [row] = await p.superQuery<{ status: string; first_share: string | null; ofd: boolean }>(
      "select r.status, r.first_share, s.stamp ? 'ofd' as ofd from seals.stamp_requests r join seals.stamps s on s.id = r.stamp_id where r.id = $1",
      [req.id],
    );
    assert.deepEqual(row, { status: 'COMPLETED', first_share: null, ofd: true }, 'the seal signed the OFD too');

    // A request asked again after one custodian's PIN, and one left to expire: neither keeps the waiting share.
    const again = await approvedDocument('关于重新申请用印的通知');
    const first = ok<{ id: string }>(await gql('sxb.drafter', 'mutation($d: ID!) { requestStamp(documentId: $d) { id } }', { d: again }), 'requestStamp');
    ok(await gql('sxb.seal', PIN, { r: first.id, p: PINS['sxb.seal'] }), 'presentSealPin');
    const second = ok<{ id: string }>(await gql('sxb.drafter', 'mutation($d: ID!) { requestStamp(documentId: $d) { id } }', { d: again }), 'requestStamp');
    ok(await gql('sxb.seal', PIN, { r: second.id, p: PINS['sxb.seal'] }), 'presentSealPin');
    await p.superQuery("update seals.stamp_requests set expires_at = now() - interval '1 minute' where id = $1", [second.id]);
    await p.expireStampRequests();
    const shares = await p.superQuery<{ id: string; status: string; status_reason: string; first_share: string | null }>(
      'select id, status, status_reason, first_share from seals.stamp_requests where id = any($1) order by created_at',
      [[first.id, second.id]],
    );
    assert.deepEqual(
      shares.map((r) => [r.status, r.status_reason, r.first_share]),
      [
        ['CANCELLED', 'asked again', null],
        ['CANCELLED', 'expired', null],
      ],
    );
  });

  test('ten requests for one document’s stamp asked at once: one stays pending, the others cancelled as asked again', async () => {
    const doc = await approvedDocument('关于同时申请用印的通知');
    const asked = await Promise.all(
      Array.from({ length: 10 }, () => gql('sxb.drafter', 'mutation($d: ID!) { requestStamp(documentId: $d) { id } }', { d: doc })),
    );
    assert.ok(
      asked.every((r) => !r.errors),
      JSON.stringify(asked.map((r) => r.errors)),
    );
    const rows = await p.superQuery<{ status: string }>('select status from seals.stamp_requests where document_id = $1', [doc]);
    assert.equal(rows.filter((r) => r.status === 'PENDING').length, 1, JSON.stringify(rows));
    assert.equal(rows.filter((r) => r.status === 'CANCELLED').length, 9);
  });

  test('a custodian changes their own PIN: the present one counted as any PIN, the new one held to the rules, the register says so', async () => {
    const CHANGE = 'mutation($s: ID!, $c: String!, $n: String!) { changeCustodyPin(sealId: $s, currentPin: $c, newPin: $n) { id } }';
    const NEW = '864209';
    // The wrong tries of the tests before, out of the hour.
    await p.superQuery("update seals.seal_events set at = at - interval '2 hours' where action = 'USE_REFUSED'");
    for (const [c, n, field] of [
      ['abc', NEW, 'currentPin'],
      [PINS['sxb.seal'], '123456', 'newPin'],
      [PINS['sxb.seal'], PINS['sxb.seal'], 'newPin'],
    ] as const) {
      const r = await gql('sxb.seal', CHANGE, { s: sealId, c, n });
      assert.equal(r.errors?.[0]?.extensions?.field, field, `${c} → ${n}`);
    }
    assert.equal(codeOf(await gql('sxb.admin', CHANGE, { s: sealId, c: PINS['sxb.seal'], n: NEW })), 'FORBIDDEN', 'a custodian’s own');
    const wrong = await gql('sxb.seal', CHANGE, { s: sealId, c: '999999', n: NEW });
    assert.equal(codeOf(wrong), 'WRONG_PIN');
    assert.equal(wrong.errors?.[0]?.extensions?.attemptsLeft, 4, 'counted as any PIN presented');
    ok(await gql('sxb.seal', CHANGE, { s: sealId, c: PINS['sxb.seal'], n: NEW }), 'changeCustodyPin');
    // The old PIN no longer opens the share; the new one stamps.
    const doc = await approvedDocument('关于修改保管口令后用印的通知');
    const req = ok<{ id: string }>(await gql('sxb.drafter', 'mutation($d: ID!) { requestStamp(documentId: $d) { id } }', { d: doc }), 'requestStamp');
    const PIN = 'mutation($r: ID!, $p: String!) { presentSealPin(requestId: $r, pin: $p) { status } }';
    assert.equal(codeOf(await gql('sxb.seal', PIN, { r: req.id, p: PINS['sxb.seal'] })), 'WRONG_PIN');
    ok(await gql('sxb.seal', PIN, { r: req.id, p: NEW }), 'presentSealPin');
    assert.equal(ok<{ status: string }>(await gql('sxb.seal2', PIN, { r: req.id, p: PINS['sxb.seal2'] }), 'presentSealPin').status, 'COMPLETED');
    const log = ok<{ action: string; actorName: string }[]>(
      await gql('sxb.admin', 'query($s: ID!) { sealLog(sealId: $s) { action actorName } }', { s: sealId }),
      'sealLog',
    );
    assert.ok(
      log.some((e) => e.action === 'PIN_CHANGED' && e.actorName === '杨丽'),
      JSON.stringify(log.slice(-5)),
    );
    // Back to the PIN the other tests use, and the wrong tries of this test aged out of the hour.
    ok(await gql('sxb.seal', CHANGE, { s: sealId, c: NEW, n: PINS['sxb.seal'] }), 'changeCustodyPin');
    await p.superQuery("update seals.seal_events set at = at - interval '2 hours' where action = 'USE_REFUSED'");
  });

  test('交接: a custodian hands their share to another seal keeper with their PIN and the reason; the seal waits for the new keeper’s PIN; the register names both', async () => {
    const HAND =
      'mutation($s: ID!, $c: String!, $to: ID!, $r: String!) { handOverSealCustody(sealId: $s, currentPin: $c, toUserId: $to, reason: $r) { status custodianAName custodianBName } }';
    const SEAL = 'query($s: ID!) { seal(id: $s) { status custodianA custodianB custodianAName custodianBName } }';
    const PIN = 'mutation($r: ID!, $p: String!) { presentSealPin(requestId: $r, pin: $p) { status } }';
    // A third seal keeper of the office, who takes over.
    const officeId = ok<{ orgId: string }>(await gql('sxb.admin', '{ me { orgId } }'), 'me').orgId;
    const created = ok<{ user: { id: string }; oneTimePassword: string }>(
      await gql('sxb.admin', 'mutation($in: CreateUserInput!) { createUser(input: $in) { user { id } oneTimePassword } }', {
        in: { orgId: officeId, username: 'sxb.seal3', displayName: '刘敏', roles: ['SEAL_KEEPER'] },
      }),
      'createUser',
    );
    tokens['sxb.seal3'] = ok<{ token: string }>(
      await p.gql('mutation($u: String!, $n: String!, $c: String!) { changeInitialPassword(username: $u, newPassword: $n, currentPassword: $c) { token } }', {
        u: 'sxb.seal3',
        n: 'Keeper@2026x',
        c: created.oneTimePassword,
      }),
      'changeInitialPassword',
    ).token;
    const [clerk] = await p.superQuery<{ id: string }>("select id from org.users where username = 'sxb.clerk'");
    const [seal2] = await p.superQuery<{ id: string }>("select id from org.users where username = 'sxb.seal2'");
    const before = ok<Record<string, string>>(await gql('sxb.admin', SEAL, { s: sealId }), 'seal');
    const unchanged = async (why: string) => assert.deepEqual(ok(await gql('sxb.admin', SEAL, { s: sealId }), 'seal'), before, why);

    // Refused, each naming what is wrong, and nothing changes.
    for (const [who, c, to, r, code, field] of [
      ['sxb.seal', '12ab', created.user.id, '岗位调整', 'BAD_INPUT', 'currentPin'],
      ['sxb.seal', PINS['sxb.seal'], created.user.id, '  ', 'BAD_INPUT', 'reason'],
      ['sxb.seal', PINS['sxb.seal'], seal2?.id, '岗位调整', 'BAD_INPUT', 'toUserId'],
      ['sxb.seal', PINS['sxb.seal'], clerk?.id, '岗位调整', 'BAD_INPUT', 'toUserId'],
      ['sxb.seal3', '135790', created.user.id, '岗位调整', 'FORBIDDEN', undefined],
      ['sxb.admin', PINS['sxb.seal'], created.user.id, '岗位调整', 'FORBIDDEN', undefined],
    ] as const) {
      const r2 = await gql(who, HAND, { s: sealId, c, to, r });
      assert.equal(codeOf(r2), code, `${who} ${c} ${to} ${r}: ${JSON.stringify(r2.errors)}`);
      assert.equal(r2.errors?.[0]?.extensions?.field, field);
    }
    const wrong = await gql('sxb.seal', HAND, { s: sealId, c: '999999', to: created.user.id, r: '岗位调整' });
    assert.equal(codeOf(wrong), 'WRONG_PIN', 'counted as any PIN presented');
    await unchanged('nothing handed over');
    await p.superQuery("update seals.seal_events set at = at - interval '2 hours' where action = 'USE_REFUSED'");

    // A stamp half presented holds a share: the handover withdraws it.
    const doc = await approvedDocument('关于保管交接后用印的通知');
    const half = ok<{ id: string }>(await gql('sxb.drafter', 'mutation($d: ID!) { requestStamp(documentId: $d) { id } }', { d: doc }), 'requestStamp');
    ok(await gql('sxb.seal2', PIN, { r: half.id, p: PINS['sxb.seal2'] }), 'presentSealPin');

    const handed = ok<{ status: string; custodianAName: string; custodianBName: string }>(
      await gql('sxb.seal', HAND, { s: sealId, c: PINS['sxb.seal'], to: created.user.id, r: '岗位调整，交刘敏保管' }),
      'handOverSealCustody',
    );
    assert.equal(handed.status, 'PENDING_CUSTODY', 'it stamps nothing until the new keeper takes custody');
    assert.deepEqual([handed.custodianAName, handed.custodianBName].sort(), ['刘敏', '黄海燕'].sort());
    const [withdrawn] = await p.superQuery<{ status: string; status_reason: string; first_share: string | null }>(
      'select status, status_reason, first_share from seals.stamp_requests where id = $1',
      [half.id],
    );
    assert.deepEqual(withdrawn, { status: 'CANCELLED', status_reason: 'custody handed over', first_share: null });
    assert.equal(codeOf(await gql('sxb.drafter', 'mutation($d: ID!) { requestStamp(documentId: $d) { id } }', { d: doc })), 'SEAL_NOT_ACTIVE');

    // The new keeper takes custody with a PIN of their own; the seal stamps again, with them and the other custodian.
    const NEW_PIN = '582046';
    assert.equal(
      ok<{ status: string }>(
        await gql('sxb.seal3', 'mutation($s: ID!, $p: String!) { acceptSealCustody(sealId: $s, pin: $p) { status } }', { s: sealId, p: NEW_PIN }),
        'acceptSealCustody',
      ).status,
      'ACTIVE',
    );
    const req = ok<{ id: string }>(await gql('sxb.drafter', 'mutation($d: ID!) { requestStamp(documentId: $d) { id } }', { d: doc }), 'requestStamp');
    assert.equal(codeOf(await gql('sxb.seal', PIN, { r: req.id, p: PINS['sxb.seal'] })), 'FORBIDDEN', 'who handed over holds nothing');
    ok(await gql('sxb.seal3', PIN, { r: req.id, p: NEW_PIN }), 'presentSealPin');
    assert.equal(ok<{ status: string }>(await gql('sxb.seal2', PIN, { r: req.id, p: PINS['sxb.seal2'] }), 'presentSealPin').status, 'COMPLETED');

    // The register: who handed over to whom, and why, by name.
    const log = ok<{ action: string; actorName: string; detail: string }[]>(
      await gql('sxb.admin', 'query($s: ID!) { sealLog(sealId: $s) { action actorName detail } }', { s: sealId }),
      'sealLog',
    );
    const entry = log.find((e) => e.action === 'CUSTODY_HANDED_OVER');
    assert.equal(entry?.actorName, '杨丽');
    assert.deepEqual([JSON.parse(entry?.detail ?? '{}').to, JSON.parse(entry?.detail ?? '{}').reason], ['刘敏', '岗位调整，交刘敏保管']);

    // Handed back, for the tests after this one.
    ok(
      await gql('sxb.seal3', HAND, { s: sealId, c: NEW_PIN, to: before.custodianA === seal2?.id ? before.custodianB : before.custodianA, r: '交还' }),
      'handOverSealCustody',
    );
    ok(
      await gql('sxb.seal', 'mutation($s: ID!, $p: String!) { acceptSealCustody(sealId: $s, pin: $p) { status } }', { s: sealId, p: PINS['sxb.seal'] }),
      'acceptSealCustody',
    );
    await unchanged('back as it was');
  });

  test('tampering with the title, the body file, an attachment file, or moving the stamp, fails verification by content digest', async () => {
    const doc = await approvedDocument('关于篡改检测的通知', Buffer.from('附件原文'));
    await stamp(doc);
    ok(await send(doc), 'sendDocument');
    assert.equal((await checksOf('xa.clerk', doc)).valid, true);

    // An element, in the database.
    await p.superQuery("update documents.documents set title = title || '（改）' where id = $1", [doc]);
    assert.deepEqual(failed(await checksOf('xa.clerk', doc)), ['CONTENT_DIGEST']);
    await p.superQuery("update documents.documents set title = replace(title, '（改）', '') where id = $1", [doc]);
    assert.equal((await checksOf('xa.clerk', doc)).valid, true, 'restored, it verifies again');

    // One byte of the stored body file, and of the attachment file, on disk.
    const [row] = await p.superQuery<{ body_sha256: string; attachments: { sha256: string }[] }>(
      'select body_sha256, attachments from documents.documents where id = $1',
      [doc],
    );
    const blobDir = loadConfig().files.blobDir;
    for (const sha of [row?.body_sha256 as string, row?.attachments[0]?.sha256 as string]) {
      const file = path.join(blobDir, sha.slice(0, 2), sha.slice(2));
      const original = fs.readFileSync(file);
      const changed = Buffer.from(original);
      changed[changed.length - 1] = (changed[changed.length - 1] as number) ^ 1;
      fs.writeFileSync(file, changed);
      try {
        assert.deepEqual(failed(await checksOf('xa.clerk', doc)), ['CONTENT_DIGEST']);
      } finally {
        fs.writeFileSync(file, original);
      }
    }

    // The stamp moved onto another sent document of the same unit.
    const other = await approvedDocument('关于另一份的通知');
    await stamp(other);
    ok(await send(other), 'sendDocument');
    await p.superQuery('update documents.documents set stamp = (select stamp from documents.documents where id = $1) where id = $2', [doc, other]);
    const moved = await checksOf('xa.clerk', other);
    assert.deepEqual(failed(moved), ['CONTENT_DIGEST']);
    assert.match(moved.checks.find((c: { check: string }) => c.check === 'CONTENT_DIGEST').reason, /another document/);
  });

  test('a forged stamp: another key and a certificate from another CA fail the seal and chain checks', async () => {
    const doc = await approvedDocument('关于伪造检测的通知');
    await stamp(doc);
    ok(await send(doc), 'sendDocument');
    const [row] = await p.superQuery<{ stamp: any }>('select stamp from documents.documents where id = $1', [doc]);
    const forgedKey = generateKeyPair('SM2');
    const foreign = issueCertificate({
      suite: 'SM2',
      subject: { commonName: '陕西省人民政府办公厅电子印章' },
      subjectPublicKey: forgedKey.publicKey,
      profile: 'SEAL',
      notBefore: new Date(Date.now() - 1e6),
      notAfter: new Date(Date.now() + 1e9),
      selfKey: forgedKey,
    });
    const { sign } = await import('@yizhan/crypto');
    const data = { ...row?.stamp.data };
    const forged = {
      ...row?.stamp,
      certificate: Buffer.from(foreign).toString('base64'),
      signature: Buffer.from(sign('SM2', forgedKey.privateKey, canonicalBytes(data))).toString('base64'),
    };
    await p.superQuery('update documents.documents set stamp = $1 where id = $2', [JSON.stringify(forged), doc]);
    const v = await checksOf('xa.clerk', doc);
    assert.equal(v.valid, false);
    assert.ok(failed(v).includes('SIGNER_LISTED_BY_SEAL'));
    assert.ok(failed(v).includes('CERTIFICATE_CHAIN'));
    assert.ok(!failed(v).includes('STAMP_SIGNATURE'), 'the forger’s own signature checks against the forger’s certificate…');
    assert.equal(v.imageSvg, null, '…but no seal is shown');
  });

  test('five wrong PINs within the hour stop a custodian until the hour is up, each wrong one saying how many are left, even with the right PIN afterwards', async () => {
    const doc = await approvedDocument('关于口令锁定的通知');
    const req = ok(await gql('sxb.drafter', 'mutation($d: ID!) { requestStamp(documentId: $d) { id } }', { d: doc }), 'requestStamp');
    const pin = (value: string) =>
      gql('sxb.seal2', 'mutation($r: ID!, $p: String!) { presentSealPin(requestId: $r, pin: $p) { status } }', { r: req.id, p: value });
    for (let i = 0; i < 5; i++) {
      const wrong = await pin(`00000${i}`);
      assert.equal(codeOf(wrong), 'WRONG_PIN');
      assert.equal(wrong.errors?.[0]?.extensions?.attemptsLeft, 4 - i);
    }
    const [row] = await p.superQuery<{ first: Date }>(
      "select min(at) as first from seals.seal_events where action = 'USE_REFUSED' and detail->>'documentId' = $1",
      [doc],
    );
    const locked = await pin(PINS['sxb.seal2']);
    assert.equal(codeOf(locked), 'PIN_LOCKED', 'the right PIN too is refused, and said to be locked, not wrong');
    // Until the first of the five is an hour old.
    assert.equal(locked.errors?.[0]?.extensions?.until, new Date(new Date(row?.first as Date).getTime() + 3_600_000).toISOString());
    // The other custodian is not affected; the lock lifts with the hour (here: the refusals are aged underneath).
    ok(
      await gql('sxb.seal', 'mutation($r: ID!, $p: String!) { presentSealPin(requestId: $r, pin: $p) { status } }', { r: req.id, p: PINS['sxb.seal'] }),
      'presentSealPin',
    );
    await p.superQuery("update seals.seal_events set at = at - interval '2 hours' where action = 'USE_REFUSED'");
    assert.equal(ok(await pin(PINS['sxb.seal2']), 'presentSealPin').status, 'COMPLETED');
  });

  test('a suspended seal stamps nothing until resumed; the suspension is in its register', async () => {
    const doc = await approvedDocument('关于暂停用印的通知');
    assert.equal(codeOf(await gql('xa.admin', 'mutation($s: ID!) { suspendSeal(id: $s, reason: "x") { status } }', { s: sealId })), 'FORBIDDEN');
    ok(await gql('sxb.admin', 'mutation($s: ID!) { suspendSeal(id: $s, reason: "保管人调整，暂停使用") { status } }', { s: sealId }), 'suspendSeal');
    assert.equal(codeOf(await gql('sxb.drafter', 'mutation($d: ID!) { requestStamp(documentId: $d) { id } }', { d: doc })), 'SEAL_NOT_ACTIVE');
    // With no seal in use, the unit sends unstamped meanwhile.
    const cert = ok(await gql('sxb.admin', 'query($s: ID!) { seal(id: $s) { certificateId } }', { s: sealId }), 'seal');
    const held = ok(await gql('xa.clerk', 'query($id: ID!) { certificateStatus(id: $id) { status } }', { id: cert.certificateId }), 'certificateStatus');
    assert.equal(held.status, 'SUSPENDED', 'the seal’s certificate is on hold with it');
    ok(await gql('sxb.admin', 'mutation($s: ID!) { resumeSeal(id: $s) { status } }', { s: sealId }), 'resumeSeal');
    await stamp(doc);
    assert.equal(ok(await send(doc), 'sendDocument').status, 'SENT');
    assert.equal((await checksOf('xa.clerk', doc)).valid, true);
    const log = ok<{ action: string }[]>(await gql('sxb.admin', 'query($s: ID!) { sealLog(sealId: $s) { action } }', { s: sealId }), 'sealLog');
    assert.ok(log.some((e) => e.action === 'SUSPENDED') && log.some((e) => e.action === 'RESUMED'));
  });

  test('lost: the seal stops at once, earlier stamps still verify, a replacement takes over; destruction needs all three parties', async () => {
    const before = await approvedDocument('关于挂失前用印的通知');
    await stamp(before);
    ok(await send(before), 'sendDocument');
    const doc = await approvedDocument('关于挂失后用印的通知');
    const req = ok(await gql('sxb.drafter', 'mutation($d: ID!) { requestStamp(documentId: $d) { id } }', { d: doc }), 'requestStamp');
    // A CRL names the revocation's time to the second, and a stamp in the same second as the loss counts as after it
    // (the safe reading): the loss is reported in a later second than the stamp, as it would be in life.
    await new Promise((r) => setTimeout(r, 1100));
    const lost = ok(await gql('sxb.seal', 'mutation($s: ID!) { reportSealLost(id: $s, note: "U盾遗失") { status } }', { s: sealId }), 'reportSealLost');
    assert.equal(lost.status, 'REVOKED');
    assert.equal(await p.superCount('select count(*) n from seals.seal_keys where seal_id = $1', [sealId]), 0, 'its key is erased');
    const tryIt = await gql('sxb.seal', 'mutation($r: ID!, $p: String!) { presentSealPin(requestId: $r, pin: $p) { status } }', {
      r: req.id,
      p: PINS['sxb.seal'],
    });
    assert.equal(codeOf(tryIt), 'SEAL_NOT_ACTIVE');
    // Made before the loss: still valid, the certificate was good then.
    assert.equal((await checksOf('xa.clerk', before)).valid, true);
    // The unit now sends unstamped until its replacement is in use.
    assert.equal(ok(await send(doc), 'sendDocument').status, 'SENT');

    const destroy = (witnesses: { party: string; name: string; post: string }[]) =>
      gql('sx.admin', 'mutation($s: ID!, $w: [WitnessInput!]!) { destroySeal(id: $s, witnesses: $w) { status } }', { s: sealId, w: witnesses });
    const two = await destroy([
      { party: 'GOVERNMENT_OFFICE', name: '王五', post: '省政府办公厅秘书处处长' },
      { party: 'EGOV_OFFICE', name: '赵六', post: '省电子政务办公室主任' },
    ]);
    assert.equal(codeOf(two), 'WITNESSES_REQUIRED');
    assert.deepEqual(two.errors?.[0]?.extensions?.missing, ['OWNING_UNIT']);
    const done = await destroy([
      { party: 'GOVERNMENT_OFFICE', name: '王五', post: '省政府办公厅秘书处处长' },
      { party: 'EGOV_OFFICE', name: '赵六', post: '省电子政务办公室主任' },
      { party: 'OWNING_UNIT', name: '钱七', post: '办公厅印章管理员' },
    ]);
    assert.equal(ok(done, 'destroySeal').status, 'DESTROYED');
    assert.equal(codeOf(await destroy([])), 'WITNESSES_REQUIRED');

    // A replacement: applied for, consented, approved, made, and in custody again.
    const lostSeal = sealId;
    sealId = await makeOfficeSeal();
    // The lost seal is not replaced now, beside the new one in use: the unit would hold two.
    const again = await gql('sxb.admin', 'mutation($i: SealApplicationInput!) { applyForSeal(input: $i) { id } }', {
      i: { statement: '再次补办', suite: 'SM2', replacesSealId: lostSeal },
    });
    assert.equal(codeOf(again), 'SEAL_IN_USE');
    assert.equal(again.errors?.[0]?.extensions?.sealId, sealId);
    const after = await approvedDocument('关于新印章用印的通知');
    await stamp(after);
    ok(await send(after), 'sendDocument');
    const afterCheck = await checksOf('xa.clerk', after);
    assert.equal(afterCheck.valid, true, failed(afterCheck).join(', '));
  });

  test('a unit holds one seal: no second one applied for, a seal replaced once; another unit cannot consent, approve, make, stamp or read the register', async () => {
    const APPLY = 'mutation($i: SealApplicationInput!) { applyForSeal(input: $i) { id } }';
    const second = await gql('sxb.admin', APPLY, { i: { statement: '再申请一枚', suite: 'RSA' } });
    assert.equal(codeOf(second), 'SEAL_IN_USE', 'the office holds a seal in use');
    assert.equal(second.errors?.[0]?.extensions?.sealId, sealId);
    const app = ok(await gql('sxb.admin', APPLY, { i: { statement: '测试越权', suite: 'RSA', kind: 'CHANGE', replacesSealId: sealId } }), 'applyForSeal');
    assert.equal(
      codeOf(await gql('sxb.admin', APPLY, { i: { statement: '重复变更', suite: 'RSA', kind: 'CHANGE', replacesSealId: sealId } })),
      'SEAL_IN_USE',
      'a seal already being changed is not changed twice',
    );
    assert.equal(codeOf(await gql('xa.leader', 'mutation($id: ID!) { consentToSealApplication(id: $id) { id } }', { id: app.id })), 'NOT_FOUND');
    assert.equal(codeOf(await gql('bj.admin', 'mutation($id: ID!) { decideSealApplication(id: $id, approve: true) { id } }', { id: app.id })), 'NOT_FOUND');
    const office = ok<{ orgId: string }>(await gql('sxb.admin', '{ me { orgId } }'), 'me').orgId;
    const applicationIds = async (user: string) => ok<{ id: string }[]>(await gql(user, '{ sealApplications { id } }'), 'sealApplications').map((a) => a.id);
    assert.ok((await applicationIds('sxb.admin')).includes(app.id), 'the applying unit sees its application');
    for (const user of ['xa.leader', 'bj.admin']) assert.ok(!(await applicationIds(user)).includes(app.id), `${user} does not`);
    const sealsOf = async (user: string) => ok<{ id: string }[]>(await gql(user, 'query($o: ID!) { seals(orgId: $o) { id } }', { o: office }), 'seals');
    assert.ok(
      (await sealsOf('sxb.admin')).some((s) => s.id === sealId),
      'the office lists its seal',
    );
    assert.deepEqual(await sealsOf('xa.admin'), [], 'a unit below does not list the office’s seals');
    assert.deepEqual(await sealsOf('bj.admin'), [], 'nor does another city');
    assert.equal(codeOf(await gql('xa.admin', 'query($s: ID!) { sealLog(sealId: $s) { action } }', { s: sealId })), 'FORBIDDEN');
    const doc = await approvedDocument('关于越权用印的通知');
    assert.equal(
      codeOf(await gql('xa.clerk', 'mutation($d: ID!) { requestStamp(documentId: $d) { id } }', { d: doc })),
      'NOT_FOUND',
      'xa cannot even see the draft',
    );
    assert.deepEqual(ok(await gql('bl.clerk', '{ stampRequests { id } }'), 'stampRequests'), []);
    assert.equal(codeOf(await gql('bl.clerk', VERIFY, { id: doc })), 'NOT_FOUND', 'nor verify a document it cannot see');
  });

  test('who holds the seal’s key shares, and who made it, is for its own unit and the issuing authority’s admin only', async () => {
    const SEAL = 'query($s: ID!) { seal(id: $s) { id orgName custodianA custodianAName custodianB custodianBName madeByName } }';
    const sealAs = async (user: string, id = sealId) => ok<Record<string, string | null>>(await gql(user, SEAL, { s: id }), 'seal');
    const keeperNames = ['杨丽', '黄海燕'];
    // The seal's own unit, any role (its keepers take custody by them), and the province's admin, who made it.
    for (const user of ['sxb.seal', 'sxb.clerk', 'sx.admin']) {
      const s = await sealAs(user);
      assert.deepEqual([s.custodianAName, s.custodianBName].sort(), keeperNames, `${user} sees the custodians`);
      assert.ok(s.custodianA && s.custodianB, `${user} sees the custodians’ ids`);
      assert.equal(s.madeByName, '赵建国', `${user} sees who made it`);
    }
    // Another county, sibling cities: the seal's public part, nothing of the people holding it.
    for (const user of ['bl.admin', 'bj.admin', 'xa.admin']) {
      const s = await sealAs(user);
      assert.equal(s.orgName, '陕西省人民政府办公厅', `${user} reads the seal’s public part`);
      assert.deepEqual(
        [s.custodianA, s.custodianAName, s.custodianB, s.custodianBName, s.madeByName],
        [null, null, null, null, null],
        `${user} learns no person`,
      );
    }
    // The seal's register names the same people: for the same readers only.
    const actors = ok<{ actorName: string }[]>(await gql('sx.admin', 'query($s: ID!) { sealLog(sealId: $s) { actorName } }', { s: sealId }), 'sealLog');
    assert.ok(
      actors.some((e) => e.actorName === '赵建国'),
      'who made it, by name',
    );
    for (const user of ['bl.admin', 'bj.admin', 'xa.admin', 'xa.clerk']) {
      assert.equal(codeOf(await gql(user, 'query($s: ID!) { sealLog(sealId: $s) { actorName } }', { s: sealId })), 'FORBIDDEN', `${user} reads no register`);
    }
    // A recipient of a stamped document verifies it, and the seal it names, without learning its custodians.
    const doc = await approvedDocument('关于印章保管人不外露的通知');
    await stamp(doc);
    ok(await send(doc), 'sendDocument');
    const v = ok<{ valid: boolean; sealId: string }>(
      await gql('xa.clerk', 'query($id: ID!) { documentSeal(documentId: $id) { valid sealId } }', { id: doc }),
      'documentSeal',
    );
    assert.equal(v.valid, true);
    assert.equal(v.sealId, sealId);
    const seen = await sealAs('xa.clerk', v.sealId);
    assert.equal(seen.orgName, '陕西省人民政府办公厅');
    assert.deepEqual([seen.custodianA, seen.custodianAName, seen.custodianB, seen.custodianBName, seen.madeByName], [null, null, null, null, null]);
  });

  test('印模 with the application, kept in the seal’s file for its unit and the one above; then the unit is dissolved and its seals are revoked', async () => {
    // 新城区 gets two seal keepers, a seal, then is dissolved.
    const xc = await p.orgId('610102');
    const keepers: string[] = [];
    for (const name of ['xc.seal', 'xc.seal2']) {
      const made = ok(
        await gql('xc.admin', 'mutation($i: CreateUserInput!) { createUser(input: $i) { user { id } oneTimePassword } }', {
          i: { orgId: xc, username: name, displayName: name, roles: ['SEAL_KEEPER'] },
        }),
        'createUser',
      );
      keepers.push(made.user.id);
      const logged = await p.gql(
        'mutation($u: String!, $c: String!, $n: String!) { changeInitialPassword(username: $u, currentPassword: $c, newPassword: $n) { token } }',
        {
          u: name,
          c: made.oneTimePassword,
          n: 'Yinzhang#2026',
        },
      );
      tokens[name] = ok(logged, 'changeInitialPassword').token;
    }
    // 印模 (seed 001 §19): a scan that is no PNG or JPEG, one cut short, and one over 500 KB are refused by name, and
    // nothing is applied for.
    const APPLY = 'mutation($i: SealApplicationInput!) { applyForSeal(input: $i) { id impression { contentType sha256 } } }';
    const scan = ringPng(120);
    const applications = () => p.superCount('select count(*) n from seals.applications where org_id = $1', [xc]);
    for (const [bad, code] of [
      [Buffer.from('%PDF-1.7\n%%EOF\n').toString('base64'), 'BAD_INPUT'],
      [scan.subarray(0, scan.length - 12).toString('base64'), 'BAD_INPUT'],
      ['not base64!', 'BAD_INPUT'],
      [Buffer.concat([scan, Buffer.alloc(600 * 1024)]).toString('base64'), 'TOO_LARGE'],
    ] as const) {
      const refused = await gql('xc.admin', APPLY, { i: { statement: '申请', suite: 'RSA', impression: bad } });
      assert.equal(codeOf(refused), code);
      assert.equal(refused.errors?.[0]?.extensions?.field, 'impression');
    }
    assert.equal(await applications(), 0, 'nothing applied for');
    const app = ok(await gql('xc.admin', APPLY, { i: { statement: '申请', suite: 'RSA', impression: scan.toString('base64') } }), 'applyForSeal');
    const digest = createHash('sha256').update(scan).digest('hex');
    assert.deepEqual(app.impression, { contentType: 'image/png', sha256: digest });
    // The issuing authority above sees it as it decides; a sibling county's administrator lists nothing of it.
    const IMPRESSIONS = '{ sealApplications { id impression { sha256 } } }';
    const seen = ok<{ id: string; impression: { sha256: string } }[]>(await gql('xa.admin', IMPRESSIONS), 'sealApplications').find((a) => a.id === app.id);
    assert.equal(seen?.impression.sha256, digest);
    const BYTES = 'query($a: ID!) { sealImpression(applicationId: $a) { contentType base64 } }';
    const bytes = ok<{ base64: string }>(await gql('xa.admin', BYTES, { a: app.id }), 'sealImpression');
    assert.ok(Buffer.from(bytes.base64, 'base64').equals(scan), 'the scan as sent');
    assert.equal(codeOf(await gql('bl.admin', BYTES, { a: app.id })), 'NOT_FOUND', 'not to a sibling county');
    assert.ok(!ok<{ id: string }[]>(await gql('bl.admin', IMPRESSIONS), 'sealApplications').some((a) => a.id === app.id));
    ok(await gql('xc.leader', 'mutation($id: ID!) { consentToSealApplication(id: $id) { id } }', { id: app.id }), 'consentToSealApplication');
    ok(await gql('xa.admin', 'mutation($id: ID!) { decideSealApplication(id: $id, approve: true) { id } }', { id: app.id }), 'decideSealApplication');
    const seal = ok(
      await gql(
        'xa.admin',
        'mutation($a: ID!, $c: [ID!]!, $w: [WitnessInput!]) { makeSeal(applicationId: $a, custodianIds: $c, witnesses: $w) { id certificateId } }',
        {
          a: app.id,
          c: keepers,
          w: MAKING_WITNESSES,
        },
      ),
      'makeSeal',
    );
    // The seal's file (seed 001 §28): its unit and the issuing authority see the impression; another unit reading the
    // seal (a directory entry, to verify its stamps) does not.
    const SEAL_IMPRESSION = 'query($s: ID!) { seal(id: $s) { impression { sha256 } } }';
    for (const who of ['xc.admin', 'xa.admin']) assert.equal(ok(await gql(who, SEAL_IMPRESSION, { s: seal.id }), 'seal').impression?.sha256, digest, who);
    assert.equal(ok(await gql('bj.clerk', SEAL_IMPRESSION, { s: seal.id }), 'seal').impression, null);
    ok(await gql('xa.admin', 'mutation($id: ID!) { dissolveOrg(id: $id, reason: "区划调整") { status } }', { id: xc }), 'dissolveOrg');
    const status = await eventually(
      async () => ok(await gql('bj.clerk', 'query($s: ID!) { seal(id: $s) { status } }', { s: seal.id }), 'seal').status,
      (s) => s === 'REVOKED',
      p.drainSealEvents,
    );
    assert.equal(status, 'REVOKED');
    assert.equal(await p.superCount('select count(*) n from seals.seal_keys where seal_id = $1', [seal.id]), 0);
  });
});

describe('a replacement made under a fault', () => {
  test('a making that fails leaves the seal it was to replace in use, its certificate unchanged; made again, the old one is revoked as superseded', async () => {
    const certificate = async (seal: string) =>
      (
        await p.superQuery<{ status: string; revocation_reason: string | null }>(
          'select c.status, c.revocation_reason from certificates.certificates c join seals.seals s on s.certificate_id = c.id where s.id = $1',
          [seal],
        )
      )[0];
    // 省政府办公厅 changes its seal (an application already open from the tests above, or a new one), approved.
    const open = ok<{ id: string; status: string; replacesSealId: string | null }[]>(
      await gql('sxb.admin', '{ sealApplications { id status replacesSealId } }'),
      'sealApplications',
    ).find((a) => a.replacesSealId === sealId && !['MADE', 'REJECTED'].includes(a.status));
    const appId =
      open?.id ??
      ok<{ id: string }>(
        await gql('sxb.admin', 'mutation($i: SealApplicationInput!) { applyForSeal(input: $i) { id } }', {
          i: { statement: '单位更名，申请变更电子印章', suite: 'SM2', kind: 'CHANGE', replacesSealId: sealId },
        }),
        'applyForSeal',
      ).id;
    if (!open || open.status === 'SUBMITTED')
      ok(await gql('sxb.leader', 'mutation($id: ID!) { consentToSealApplication(id: $id) { id } }', { id: appId }), 'consent');
    ok(await gql('sx.admin', 'mutation($id: ID!) { decideSealApplication(id: $id, approve: true) { id } }', { id: appId }), 'decideSealApplication');
    const office = ok<{ orgId: string }>(await gql('sxb.admin', '{ me { orgId } }'), 'me').orgId;
    const users = ok<{ id: string; username: string }[]>(await gql('sx.admin', 'query($o: ID!) { users(orgId: $o) { id username } }', { o: office }), 'users');
    const keepers = ['sxb.seal', 'sxb.seal2'].map((u) => users.find((x) => x.username === u)?.id);
    const make = () =>
      gql('sx.admin', 'mutation($a: ID!, $c: [ID!]!, $w: [WitnessInput!]) { makeSeal(applicationId: $a, custodianIds: $c, witnesses: $w) { id } }', {
        a: appId,
        c: keepers,
        w: MAKING_WITNESSES,
      });
    const certificatesBefore = await p.superCount('select count(*) n from certificates.certificates');

    // The seals service's own write fails after the certificates service has issued the new seal's certificate.
    await p.superQuery(`create function seals.refuse_for_test() returns trigger language plpgsql as $f$
      begin raise exception 'the disk is full (a fault made by the test)'; end $f$`);
    await p.superQuery('create trigger refuse_for_test before insert on seals.seal_keys for each row execute function seals.refuse_for_test()');
    try {
      const failedMaking = await make();
      assert.ok(failedMaking.errors?.length, 'the making fails');
    } finally {
      await p.superQuery('drop trigger refuse_for_test on seals.seal_keys');
      await p.superQuery('drop function seals.refuse_for_test()');
    }
    const still = ok<{ status: string }>(await gql('sxb.admin', 'query($s: ID!) { seal(id: $s) { status } }', { s: sealId }), 'seal');
    assert.equal(still.status, 'ACTIVE', 'the old seal is still in use');
    assert.deepEqual(await certificate(sealId), { status: 'ACTIVE', revocation_reason: null }, 'its certificate back in use, never revoked');
    const issued = await p.superQuery<{ status: string }>('select status from certificates.certificates order by created_at desc limit 1');
    assert.equal(await p.superCount('select count(*) n from certificates.certificates'), certificatesBefore + 1);
    assert.equal(issued[0]?.status, 'REVOKED', 'the certificate issued for the seal never stored is revoked');
    const doc = await approvedDocument('关于印章更换失败后用印的通知');
    await stamp(doc);
    assert.equal(ok(await send(doc), 'sendDocument').status, 'SENT', 'the unit goes on stamping with it');

    // Asked again, without the fault: made, and the old seal and its certificate end as superseded.
    const made = ok<{ id: string }>(await make(), 'makeSeal');
    assert.equal(ok<{ status: string }>(await gql('sxb.admin', 'query($s: ID!) { seal(id: $s) { status } }', { s: sealId }), 'seal').status, 'REVOKED');
    assert.deepEqual(await certificate(sealId), { status: 'REVOKED', revocation_reason: 'SUPERSEDED' });
    for (const keeper of ['sxb.seal', 'sxb.seal2'] as const)
      ok(
        await gql(keeper, 'mutation($s: ID!, $p: String!) { acceptSealCustody(sealId: $s, pin: $p) { status } }', { s: made.id, p: PINS[keeper] }),
        'acceptSealCustody',
      );
    sealId = made.id;
  });
});

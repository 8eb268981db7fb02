// 联合行文 signed in its OFD by every issuer (issue 18), through the real gateway and services: 省政府办公厅 leads a
// joint document with 西安市 (each with a seal in use). The document takes the lead's 发文字号 when the lead's chain
// approves it, so the co-issuer's seal may sign first; each issuer's seal signs the same OFD as a signature of its own
// (Sign_0 the lead's, Sign_1 the co-issuer's, each StampAnnot over its own 署名), each with the TSA's RFC 3161 time
// stamp of its signature value in the SES_Signature's timeStamp field (GB/T 38540), decoded here with independent
// ASN.1 parsers (node-forge's and @peculiar's). The send verifies every signature and refuses (OFD_CHANGED, naming the
// issuer) what a seal did not sign: a co-issuer's signature of another layout, or one with another TSA's time stamp.
// A changed byte breaks the signature it covers, named. The co-issuer reads the lead's number, never another unit.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { ContentInfo, SignedData } from '@peculiar/asn1-cms';
import { AsnConvert } from '@peculiar/asn1-schema';
import { TSTInfo } from '@peculiar/asn1-tsp';
import { internalClient } from '@yizhan/common';
import { documentsApi } from '@yizhan/contracts/documents';
import { digest, issueTimestamp, readSesSignature, withTimeStamp } from '@yizhan/crypto';
import forge from 'node-forge';
import { tsaWorld } from '../../../lib/crypto/src/testing/tsa-world.ts';
import { callerContextOf } from '../../../test/support/caller-context.ts';
import { codeOf, ok, type Platform, startPlatform } from '../../../test/support/harness.ts';
import { MAKING_WITNESSES, makeOfficeSeal, stampOfficeDocument } from '../../../test/support/seals.ts';
import { ofdToSignFromWrongUnits } from '../../../test/wrong-tenant/documents-ofd.ts';
import { OFD_FILES, signFiles, unpackOfd, verifyOfdSignatures } from '../src/domain/ofd/index.ts';

let p: Platform;
const tokens: Record<string, string> = {};
const passwords: Record<string, string> = {};
const gql = async (user: string, query: string, variables: Record<string, unknown> = {}) => {
  tokens[user] ??= await p.login(user, passwords[user]);
  return p.gql(query, variables, tokens[user]);
};
const XIAN_PINS = { 'xa.seal': '314159', 'xa.seal2': '271828' } as const;
const REGISTER = 'query($y: Int!, $p: String) { docNumberRegister(year: $y, prefix: $p) { docNumber status documentId numberedByName } }';
const year = () => new Date(Date.now() + 8 * 3600_000).getUTCFullYear();
let xian: string;
let baoji: string;

/** Two seal keepers for 西安市 and its seal (applied for, consented, approved and made above it, in their custody). */
async function makeXianSeal(): Promise<void> {
  const ids: string[] = [];
  for (const [username, name] of [
    ['xa.seal', '西安市政府印章保管人'],
    ['xa.seal2', '西安市政府印章保管人（二）'],
  ] as const) {
    const made = ok(
      await gql('xa.admin', 'mutation($in: CreateUserInput!) { createUser(input: $in) { user { id } oneTimePassword } }', {
        in: { orgId: xian, username, displayName: name, roles: ['SEAL_KEEPER'] },
      }),
      'createUser',
    );
    ids.push(made.user.id);
    passwords[username] = 'Keeper#2026-Xian';
    const changed = ok(
      await p.gql('mutation($u: String!, $n: String!, $c: String!) { changeInitialPassword(username: $u, newPassword: $n, currentPassword: $c) { token } }', {
        u: username,
        n: passwords[username],
        c: made.oneTimePassword,
      }),
      'changeInitialPassword',
    );
    tokens[username] = changed.token;
  }
  const app = ok(
    await gql('xa.admin', 'mutation($i: SealApplicationInput!) { applyForSeal(input: $i) { id } }', {
      i: { statement: '我市已具备规范实物印章，申请制作电子公文专用电子印章。', suite: 'SM2', belowText: '电子公文专用章' },
    }),
    'applyForSeal',
  );
  ok(await gql('xa.leader', 'mutation($id: ID!) { consentToSealApplication(id: $id) { status } }', { id: app.id }), 'consentToSealApplication');
  ok(await gql('sx.admin', 'mutation($id: ID!) { decideSealApplication(id: $id, approve: true) { status } }', { id: app.id }), 'decideSealApplication');
  const seal = ok(
    await gql('sx.admin', 'mutation($a: ID!, $c: [ID!]!, $w: [WitnessInput!]) { makeSeal(applicationId: $a, custodianIds: $c, witnesses: $w) { id } }', {
      a: app.id,
      c: ids,
      w: MAKING_WITNESSES,
    }),
    'makeSeal',
  );
  for (const who of ['xa.seal', 'xa.seal2'] as const)
    ok(
      await gql(who, 'mutation($s: ID!, $p: String!) { acceptSealCustody(sealId: $s, pin: $p) { status } }', { s: seal.id, p: XIAN_PINS[who] }),
      'acceptSealCustody',
    );
}

/** 西安市's custodians stamp the joint document (its keeper asks, both present their PINs). */
async function stampAsXian(documentId: string) {
  const req = await gql('xa.seal', 'mutation($d: ID!) { requestStamp(documentId: $d) { id } }', { d: documentId });
  if (req.errors) return req;
  for (const who of ['xa.seal', 'xa.seal2'] as const)
    ok(
      await gql(who, 'mutation($r: ID!, $p: String!) { presentSealPin(requestId: $r, pin: $p) { status } }', {
        r: req.data?.requestStamp.id,
        p: XIAN_PINS[who],
      }),
      'presentSealPin',
    );
  return req;
}

/** A joint document of 省政府办公厅 with 西安市 to 宝鸡市, through the office's chain: approved, hence numbered. */
async function approvedJointDocument(title: string, withDocPrefix = true): Promise<string> {
  const id = ok(
    await gql('sxb.drafter', 'mutation($in: DraftInput!) { createDraft(input: $in) { id } }', {
      in: { docType: '通知', title, body: '<p>联合发文，各方用印。</p>', docPrefix: '陕政办发', recipients: [{ orgIds: [baoji] }], coIssuerIds: [xian] },
    }),
    'createDraft',
  ).id as string;
  ok(await gql('sxb.drafter', 'mutation($id: ID!) { submitForApproval(id: $id) { id } }', { id }), 'submitForApproval');
  ok(await gql('sxb.approver', 'mutation($id: ID!) { approveDocument(id: $id) { id } }', { id }), 'approveDocument');
  // Without a 机关代字 at its 签发: a document submitted before a submission needed one (2026-12-04) is so still.
  if (!withDocPrefix) await p.superQuery('update documents.documents set doc_prefix = null where id = $1', [id]);
  ok(await gql('sxb.leader', 'mutation($id: ID!) { approveDocument(id: $id) { status } }', { id }), 'approveDocument');
  return id;
}

const countersign = async (id: string) =>
  ok(await gql('xa.leader', 'mutation($id: ID!) { countersignDocument(id: $id, comment: "同意") { id } }', { id }), 'countersignDocument');
const send = (id: string) =>
  gql('sxb.clerk', 'mutation($id: ID!, $k: String!) { sendDocument(id: $id, sendKey: $k) { status docNumber ofdSha256 } }', { id, k: randomUUID() });
const download = async (sha256: string) => {
  const res = await fetch(`${p.gatewayUrl.replace('/graphql', '/blobs')}/${sha256}`, { headers: { authorization: `Bearer ${tokens['sxb.clerk']}` } });
  assert.equal(res.status, 200);
  return unpackOfd(Buffer.from(await res.arrayBuffer()));
};

before(async () => {
  p = await startPlatform({ services: ['documents', 'seals'] });
  [xian, baoji] = [await p.orgId('610100'), await p.orgId('610300')];
  await makeOfficeSeal(gql);
  await makeXianSeal();
});
after(() => p?.close());

test('each issuer’s seal signs the joint OFD, the co-issuer first: two signatures over their own 署名, each time-stamped, each verified', async () => {
  const title = `陕西省人民政府办公厅 西安市人民政府关于联合签章版式文件的通知（${Date.now().toString(36)}）`;
  const id = await approvedJointDocument(title);
  // Numbered at the lead's 签发, by the approver: the co-issuer's seal signs the OFD with that number.
  const numbered = ok<{ docNumber: string; status: string; documentId: string; numberedByName: string }[]>(
    await gql('sxb.clerk', REGISTER, { y: year(), p: '陕政办发' }),
    'docNumberRegister',
  ).find((e) => e.documentId === id);
  assert.equal(numbered?.status, 'RESERVED');
  assert.equal(numbered?.numberedByName, '陈志刚');

  // The co-issuer stamps before the lead has asked for its own stamp, then countersigns; the lead stamps, and sends.
  ok(await stampAsXian(id), 'requestStamp');
  await countersign(id);
  await stampOfficeDocument(gql, id);
  const sent = ok(await send(id), 'sendDocument');
  assert.equal(sent.docNumber, numbered?.docNumber, 'sent with the number taken at the approval');
  const register = ok<{ docNumber: string; status: string; documentId: string }[]>(
    await gql('sxb.clerk', REGISTER, { y: year(), p: '陕政办发' }),
    'docNumberRegister',
  );
  assert.deepEqual(
    register.filter((e) => e.documentId === id).map((e) => [e.docNumber, e.status]),
    [[sent.docNumber, 'SENT']],
    'one number, sent: the 发文登记簿 stays true',
  );
  const xianRegister = ok<{ documentId: string }[]>(await gql('xa.clerk', REGISTER, { y: year(), p: null }), 'docNumberRegister');
  assert.ok(!xianRegister.some((e) => e.documentId === id), 'the co-issuer’s own register does not list the lead’s number');

  const files = await download(sent.ofdSha256);
  const list = files.get(OFD_FILES.signatures)?.toString('utf8') ?? '';
  assert.match(list, /<ofd:MaxSignId>2<\/ofd:MaxSignId>/);
  assert.match(list, /BaseLoc="\/Doc_0\/Signs\/Sign_0\/Signature.xml"/);
  assert.match(list, /BaseLoc="\/Doc_0\/Signs\/Sign_1\/Signature.xml"/);
  const checked = verifyOfdSignatures(files);
  assert.ok(checked.valid, JSON.stringify(checked.signatures));
  assert.deepEqual(
    checked.signatures.map((s) => s.index),
    [0, 1],
  );
  assert.match(checked.signatures[0]?.signer ?? '', /陕西省人民政府办公厅/);
  assert.match(checked.signatures[1]?.signer ?? '', /西安市人民政府/);

  // Each StampAnnot stands over its own issuer's 署名: two different places on the page the print puts them.
  const annots = [0, 1].map((i) =>
    /<ofd:StampAnnot ID="1" PageRef="(\d+)" Boundary="([\d.]+) ([\d.]+) 42 42"\/>/.exec(files.get(signFiles(i).signature)?.toString('utf8') ?? ''),
  );
  assert.ok(annots[0] && annots[1], 'both signatures carry a 42 mm StampAnnot');
  assert.equal(annots[0]?.[1], annots[1]?.[1], 'on the same page (the 署名 rows of §7.3.5.1)');
  assert.ok(Number(annots[1]?.[2]) > Number(annots[0]?.[2]), 'the co-issuer’s seal to the right of the lead’s, in the banner’s order');

  // GB/T 38540 SES_Signature read with node-forge's ASN.1 parser: five fields, the fifth the [0] timeStamp.
  for (const i of [0, 1]) {
    const der = files.get(signFiles(i).value) as Buffer;
    // BIT STRINGs kept as bytes (forge would otherwise decode the ones that hold DER: the SM2 signature, the token).
    const ses = forge.asn1.fromDer(forge.util.createBuffer(der.toString('binary')), { decodeBitStrings: false } as never);
    const fields = ses.value as forge.asn1.Asn1[];
    assert.equal(fields.length, 5, 'toSign, cert, signatureAlgID, signature, timeStamp');
    const [, , , signature, timeStamp] = fields as [forge.asn1.Asn1, forge.asn1.Asn1, forge.asn1.Asn1, forge.asn1.Asn1, forge.asn1.Asn1];
    assert.equal(signature.type, forge.asn1.Type.BITSTRING);
    assert.equal(timeStamp.tagClass, forge.asn1.Class.CONTEXT_SPECIFIC);
    assert.equal(timeStamp.type, 0);
    const inner = (timeStamp.value as forge.asn1.Asn1[])[0] as forge.asn1.Asn1;
    assert.equal(inner.type, forge.asn1.Type.BITSTRING, 'timeStamp [0] EXPLICIT BIT STRING');
    // The BIT STRING's bytes after the unused-bits octet (0): the signature value; the token.
    const bits = (a: forge.asn1.Asn1) => Buffer.from((a.value as string).slice(1), 'binary');
    const signatureValue = bits(signature);
    const token = bits(inner);
    // The token, an RFC 3161 TimeStampToken, read with @peculiar's CMS and TSP schemas: its imprint is the SM3 of the
    // signature value (the seals are SM2 seals), the same value our own reader finds.
    const info = AsnConvert.parse(token, ContentInfo);
    assert.equal(info.contentType, '1.2.840.113549.1.7.2', 'a CMS SignedData');
    const signedData = AsnConvert.parse(info.content, SignedData);
    assert.equal(signedData.encapContentInfo.eContentType, '1.2.840.113549.1.9.16.1.4', 'id-ct-TSTInfo');
    const tst = AsnConvert.parse(signedData.encapContentInfo.eContent?.single?.buffer as ArrayBuffer, TSTInfo);
    assert.equal(tst.messageImprint.hashAlgorithm.algorithm, '1.2.156.10197.1.401', 'SM3');
    assert.equal(Buffer.from(tst.messageImprint.hashedMessage.buffer).toString('hex'), digest('SM2', signatureValue), 'over the signature value');
    assert.ok(Math.abs(tst.genTime.getTime() - Date.now()) < 10 * 60_000, 'made just now');
    const ours = readSesSignature(new Uint8Array(der));
    assert.deepEqual(Buffer.from(ours.timeStamp ?? []), token);
    assert.deepEqual(Buffer.from(ours.signature), signatureValue);
  }

  // A token from another TSA (a CA the platform does not trust) where the platform's stood: the signature still
  // verifies, its time stamp does not — checked against that other CA's trust, the seal's certificates fail instead.
  const other = tsaWorld('SM2');
  const otherCheck = verifyOfdSignatures(files, { trust: other.trust });
  assert.equal(otherCheck.valid, false);
  assert.ok(
    otherCheck.signatures.every((s) => s.checks.some((c) => c.check === 'TIME_STAMP' && !c.ok)),
    'the platform TSA is not that CA’s',
  );

  // A changed byte: of a page, both signatures fail; of one issuer's Signature.xml or SignedValue.dat, only that one.
  const flip = (name: string) => {
    const copy = new Map(files);
    const bytes = Buffer.from(copy.get(name) as Buffer);
    const at = Math.min(80, bytes.length - 1);
    bytes[at] = (bytes[at] as number) ^ 0x01;
    copy.set(name, bytes);
    return verifyOfdSignatures(copy)
      .signatures.filter((s) => !s.valid)
      .map((s) => s.index);
  };
  assert.deepEqual(flip('Doc_0/Pages/Page_0/Content.xml'), [0, 1]);
  assert.deepEqual(flip(signFiles(1).signature), [1], 'the co-issuer’s Signature.xml: its signature, named');
  assert.deepEqual(flip(signFiles(0).value), [0], 'the lead’s SignedValue.dat: its signature, named');
});

test('the co-issuer’s signature of another layout, or time-stamped by another TSA, is not sent: OFD_CHANGED naming 西安市', async () => {
  const id = await approvedJointDocument(`关于联合行文签章不符的通知（${Date.now().toString(36)}）`);
  ok(await stampAsXian(id), 'requestStamp');
  await countersign(id);
  await stampOfficeDocument(gql, id);
  type Kept = { stamp: { ofd: { signatureXml: string; signedValue: string; docNumber: string } } };
  const [kept] = await p.superQuery<Kept>('select stamp from documents.co_issuers where document_id = $1', [id]);
  assert.ok(kept?.stamp.ofd, 'the co-issuer’s stamp carries its OFD signature');

  // Its signature's time stamp replaced by another TSA's token over the same signature value.
  const other = tsaWorld('SM2');
  const value = new Uint8Array(Buffer.from(kept.stamp.ofd.signedValue, 'base64'));
  const foreign = issueTimestamp({
    tsa: other.key,
    suite: 'SM2',
    hashAlgorithm: 'SM3',
    digest: digest('SM2', readSesSignature(value).signature),
    genTime: new Date(),
  });
  const swapped = { ...kept.stamp, ofd: { ...kept.stamp.ofd, signedValue: Buffer.from(withTimeStamp(value, foreign.token)).toString('base64') } };
  await p.superQuery('update documents.co_issuers set stamp = $2 where document_id = $1', [id, JSON.stringify(swapped)]);
  const refusedTs = await send(id);
  assert.equal(codeOf(refusedTs), 'OFD_CHANGED', JSON.stringify(refusedTs.errors));
  const ext = refusedTs.errors?.[0]?.extensions as { issuers?: string[]; changed?: string[] };
  assert.deepEqual(ext.issuers, ['西安市人民政府']);
  assert.ok(
    ext.changed?.some((c) => c.startsWith('西安市人民政府') && /time stamp/.test(c)),
    JSON.stringify(ext.changed),
  );

  // Its signature of a layout laid out another day (as if signed for another OFD): refused, naming it.
  const xml = Buffer.from(kept.stamp.ofd.signatureXml, 'base64').toString('utf8');
  const otherLayout = {
    ...kept.stamp,
    ofd: { ...kept.stamp.ofd, signatureXml: Buffer.from(xml.replace(/<ofd:CheckValue>[^<]{4}/, '<ofd:CheckValue>AAAA')).toString('base64') },
  };
  await p.superQuery('update documents.co_issuers set stamp = $2 where document_id = $1', [id, JSON.stringify(otherLayout)]);
  const refusedLayout = await send(id);
  assert.equal(codeOf(refusedLayout), 'OFD_CHANGED');
  assert.deepEqual((refusedLayout.errors?.[0]?.extensions as { issuers?: string[] }).issuers, ['西安市人民政府']);
  assert.equal(await p.superCount('select count(*) n from documents.deliveries where document_id = $1', [id]), 0, 'nothing sent');

  // Put back as the seal signed it: sent.
  await p.superQuery('update documents.co_issuers set stamp = $2 where document_id = $1', [id, JSON.stringify(kept.stamp)]);
  ok(await send(id), 'sendDocument');
});

test('a joint document without a number: the co-issuer’s stamp waits (NOT_NUMBERED); the co-issuer reads the lead’s number, no other unit does', async () => {
  // No 机关代字 chosen yet: nothing is numbered at the approval, so the co-issuer's seal has nothing to sign.
  const id = await approvedJointDocument(`关于联合行文尚未编号的通知（${Date.now().toString(36)}）`, false);
  const waiting = await stampAsXian(id);
  assert.equal(codeOf(waiting), 'NOT_NUMBERED', JSON.stringify(waiting.errors));
  assert.equal(await p.superCount("select count(*) n from seals.stamp_requests where document_id = $1 and status = 'PENDING'", [id]), 0, 'no request made');

  // A numbered one: the co-issuer is answered the lead's number (no new one), and its own signature's place; other units nothing.
  const numbered = await approvedJointDocument(`关于联合行文内部接口的通知（${Date.now().toString(36)}）`);
  // The lead's stamp request and the co-issuer's at once: one number between them, the one the approval took.
  const asks = await Promise.all([
    gql('sxb.drafter', 'mutation($d: ID!) { requestStamp(documentId: $d) { id } }', { d: numbered }),
    gql('xa.seal', 'mutation($d: ID!) { requestStamp(documentId: $d) { id } }', { d: numbered }),
  ]);
  for (const a of asks) ok(a, 'requestStamp');
  assert.equal(await p.superCount('select count(*) n from documents.number_reservations where document_id = $1', [numbered]), 1, 'one number');
  const docs = internalClient(documentsApi, p.documentsUrl);
  const as = (username: string) => callerContextOf(gql, username);
  const before = await p.superCount('select count(*) n from documents.number_reservations');
  const number = await docs.call('reserve-number', await as('xa.seal'), { documentId: numbered });
  const [lead] = await p.superQuery<{ doc_number: string }>(
    "select doc_number from documents.number_reservations where document_id = $1 and status = 'RESERVED'",
    [numbered],
  );
  assert.equal(number.docNumber, lead?.doc_number, 'the lead’s number');
  assert.equal(await p.superCount('select count(*) n from documents.number_reservations'), before, 'none taken');
  const mine = await docs.call('ofd-to-sign', await as('xa.seal'), { documentId: numbered, suite: 'SM2', signedAt: new Date().toISOString() });
  assert.match(Buffer.from(mine?.signatureXml ?? '', 'base64').toString('utf8'), /Sign_1\/SignedValue\.dat/);
  assert.equal(mine?.propertyInfo, '/Doc_0/Signs/Sign_1/Signature.xml');
  await ofdToSignFromWrongUnits(numbered, async (username) => {
    try {
      const answer = await docs.call('ofd-to-sign', await as(username), { documentId: numbered, suite: 'SM2', signedAt: new Date().toISOString() });
      return { answer };
    } catch (e) {
      return { code: (e as { code?: string }).code };
    }
  });
});

// 联合行文 in the OFD without a server: each issuer's seal signs the same package as a signature of its own (GB/T 33190
// §18.1: Signatures lists Sign_0, the lead's, and Sign_1, the co-issuer's), its StampAnnot over its own 署名 where the
// print lays the seals out; each SES_Signature carries its TSA time stamp (GB/T 38540 timeStamp: an RFC 3161 token over
// the signature value). With the CA's trust every signature verifies with its time stamp; a token from another TSA,
// or none where one is required, fails that signature alone, by name; a changed byte fails the signatures it breaks.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  digest,
  generateKeyPair,
  issueCertificate,
  issueTimestamp,
  makeSesSeal,
  makeSesSignature,
  readSesSignature,
  SES_EXT_UNIT_ID,
  type Suite,
  withTimeStamp,
} from '@yizhan/crypto';
import { tsaWorld } from '../../../../../lib/crypto/src/testing/tsa-world.ts';
import { ringPng } from '../../../../../test/support/png.ts';
import type { PrintableDocument } from '../print-layout.ts';
import { OFD_FILES, type OfdInfo, renderOfd, signatureToSign, signFiles, verifyOfdSignatures, withSignatures } from './index.ts';

const DAY = 86_400_000;
const suite: Suite = 'SM2';

const doc: PrintableDocument = {
  orgName: '陕西省人民政府办公厅',
  docType: '通知',
  docNumber: '陕政办发〔2026〕31号',
  title: '陕西省人民政府办公厅 西安市人民政府关于联合开展公文规范检查的通知',
  mainTo: '各设区市人民政府',
  ccTo: null,
  bodyText: '现将有关事项通知如下。\n一、检查范围。各单位近一年的发文。',
  signatureLine: '陕西省人民政府办公厅',
  docDate: '2026-11-30',
  notes: null,
  printingOrg: '陕西省人民政府办公厅',
  printingDate: '2026-11-30',
  urgency: 'NORMAL',
  signer: null,
  attachments: [],
  stamped: true,
  coIssuerNames: ['西安市人民政府'],
};
const info: OfdInfo = {
  documentId: '5c2d1e8f-3a4b-4c6d-8e9f-0a1b2c3d4e5f',
  title: doc.title,
  author: '陕西省人民政府办公厅、西安市人民政府',
  subject: doc.docNumber,
  createdAt: new Date('2026-11-30T02:00:00Z'),
};

/** The platform's CA as tsaWorld makes it, with a seal maker and a seal of each issuer under its issuing CA. */
function world() {
  const w = tsaWorld(suite);
  const now = Date.now();
  const issued = (profile: 'SEAL' | 'SEAL_MAKER', key: string, cn: string) =>
    issueCertificate({
      suite,
      subject: { commonName: cn },
      subjectPublicKey: key,
      profile,
      notBefore: new Date(now - DAY),
      notAfter: new Date(now + 365 * DAY),
      issuer: { certificate: w.issuing, privateKey: w.issuingKey.privateKey },
    });
  const makerKey = generateKeyPair(suite);
  const maker = issued('SEAL_MAKER', makerKey.publicKey, '驿站制章者');
  const sealOf = (name: string) => {
    const key = generateKeyPair(suite);
    const certificate = issued('SEAL', key.publicKey, `${name}电子印章`);
    const seal = makeSesSeal(
      {
        esID: crypto.randomUUID(),
        type: 1,
        name,
        certificates: [certificate],
        createDate: new Date(now - 1000),
        validStart: new Date(now - 1000),
        validEnd: new Date(now + 365 * DAY),
        picture: { type: 'PNG', data: ringPng(64), widthMm: 42, heightMm: 42 },
        extDatas: [{ oid: SES_EXT_UNIT_ID, critical: false, value: new TextEncoder().encode(name) }],
      },
      { suite, certificate: maker, privateKey: makerKey.privateKey },
    );
    return { seal, certificate, privateKey: key.privateKey };
  };
  return { ...w, sealOf };
}

/** The joint OFD signed by each issuer's seal as the seals service signs it: its Signature.xml, the SES_Signature, the token. */
async function jointSigned(w: ReturnType<typeof world>, tsa = w.key) {
  const rendered = await renderOfd(doc, info, { sealPng: ringPng(), signed: true, coSeals: 1 });
  assert.equal(rendered.sealBoxes.length, 2, 'a place for each issuer’s seal');
  const signed = ['陕西省人民政府办公厅', '西安市人民政府'].map((name, index) => {
    const s = w.sealOf(name);
    const box = rendered.sealBoxes[index];
    assert.ok(box);
    const signedAt = new Date();
    const toSign = signatureToSign(rendered.files, { suite, signedAt, box, pageId: rendered.pageIds[box.page] as number, index });
    const ses = makeSesSignature(
      { seal: s.seal, timeInfo: signedAt, dataHash: toSign.dataHash, propertyInfo: toSign.propertyInfo },
      { suite, certificate: s.certificate, privateKey: s.privateKey },
    );
    const token = issueTimestamp({ suite, tsa, hashAlgorithm: 'SM3', digest: digest(suite, readSesSignature(ses).signature), genTime: new Date() }).token;
    return { index, signatureXml: toSign.signatureXml, signedValue: withTimeStamp(ses, token), plain: ses };
  });
  return { rendered, signed, files: withSignatures(rendered.files, signed) };
}

test('each issuer’s seal signs the joint OFD as its own signature, over its own 署名, time-stamped; all verify', async () => {
  const w = world();
  const { rendered, files } = await jointSigned(w);
  const list = files.get(OFD_FILES.signatures)?.toString('utf8') ?? '';
  assert.match(list, /<ofd:MaxSignId>2<\/ofd:MaxSignId>/);
  assert.match(list, /<ofd:Signature ID="1" Type="Seal" BaseLoc="\/Doc_0\/Signs\/Sign_0\/Signature.xml"\/>/);
  assert.match(list, /<ofd:Signature ID="2" Type="Seal" BaseLoc="\/Doc_0\/Signs\/Sign_1\/Signature.xml"\/>/);
  for (const i of [0, 1]) {
    const xml = files.get(signFiles(i).signature)?.toString('utf8') ?? '';
    assert.ok(xml.includes(`<ofd:SignedValue>/${signFiles(i).value}</ofd:SignedValue>`), `Sign_${i} names its own value`);
    assert.equal(readSesSignature(files.get(signFiles(i).value) as Buffer).propertyInfo, `/${signFiles(i).signature}`);
  }
  // The boxes are the print's: the lead's seal left of the co-issuer's on the same row (§7.3.5.1).
  const [lead, co] = rendered.sealBoxes;
  assert.equal(lead?.page, co?.page);
  assert.equal(lead?.y, co?.y);
  assert.ok((co?.x ?? 0) > (lead?.x ?? 0) + (lead?.size ?? 0), 'apart, never touching');

  const checked = verifyOfdSignatures(files, { trust: w.trust, requireTimeStamp: true });
  assert.ok(checked.valid, JSON.stringify(checked.signatures));
  assert.deepEqual(
    checked.signatures.map((s) => [s.index, s.signer, s.checks.find((c) => c.check === 'TIME_STAMP')?.ok]),
    [
      [0, '陕西省人民政府办公厅', true],
      [1, '西安市人民政府', true],
    ],
  );
});

test('a token from another TSA, or none where one is required, fails that signature alone; a changed byte, those it covers', async () => {
  const w = world();
  const { signed, rendered } = await jointSigned(w);
  const other = tsaWorld(suite);
  const [lead, co] = signed as [(typeof signed)[0], (typeof signed)[0]];
  const foreign = issueTimestamp({
    suite,
    tsa: other.key,
    hashAlgorithm: 'SM3',
    digest: digest(suite, readSesSignature(co.plain).signature),
    genTime: new Date(),
  }).token;
  const swapped = withSignatures(rendered.files, [lead, { ...co, signedValue: withTimeStamp(co.plain, foreign) }]);
  const r = verifyOfdSignatures(swapped, { trust: w.trust });
  assert.equal(r.valid, false);
  assert.deepEqual(
    r.signatures.map((s) => [s.index, s.valid]),
    [
      [0, true],
      [1, false],
    ],
  );
  assert.deepEqual(
    r.signatures[1]?.checks.filter((c) => !c.ok).map((c) => c.check),
    ['TIME_STAMP'],
    'the signature holds; its time stamp is not the trusted TSA’s',
  );
  // A token over another value (the lead's signature's) does not cover this signature.
  const misplaced = issueTimestamp({
    suite,
    tsa: w.key,
    hashAlgorithm: 'SM3',
    digest: digest(suite, readSesSignature(lead.plain).signature),
    genTime: new Date(),
  }).token;
  const wrongImprint = verifyOfdSignatures(withSignatures(rendered.files, [lead, { ...co, signedValue: withTimeStamp(co.plain, misplaced) }]), {
    trust: w.trust,
  });
  assert.match(wrongImprint.signatures[1]?.checks.find((c) => c.check === 'TIME_STAMP')?.reason ?? '', /MESSAGE_IMPRINT/);
  // Without its time stamp: valid unless one is required.
  const bare = withSignatures(rendered.files, [lead, { ...co, signedValue: co.plain }]);
  assert.equal(verifyOfdSignatures(bare, { trust: w.trust }).valid, true);
  assert.equal(verifyOfdSignatures(bare, { trust: w.trust, requireTimeStamp: true }).signatures[1]?.valid, false);

  // A changed byte of the co-issuer's Signature.xml fails its signature only; of a page, both.
  const files = withSignatures(rendered.files, signed);
  const flip = (name: string) => {
    const copy = new Map(files);
    const bytes = Buffer.from(copy.get(name) as Buffer);
    bytes[90] = (bytes[90] as number) ^ 0x01;
    copy.set(name, bytes);
    return verifyOfdSignatures(copy, { trust: w.trust })
      .signatures.filter((s) => !s.valid)
      .map((s) => s.index);
  };
  assert.deepEqual(flip(signFiles(1).signature), [1]);
  assert.deepEqual(flip('Doc_0/Pages/Page_0/Content.xml'), [0, 1]);
});

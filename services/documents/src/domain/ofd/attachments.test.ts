// The document's attachments inside its OFD 版式 file (GB/T 33190 §20): each original file carried byte for byte under
// Doc_0/Attachs/, listed in Attachments.xml (Attachment: ID, Name, Format, CreationDate, Size in KB, Visible; FileLoc),
// which Document.xml names; the seal's signature covers every one (a Reference with its digest), so a changed byte of
// an attachment breaks it; and the same document with the same files gives the same package.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { makeSesSignature } from '@yizhan/crypto';
import { ringPng } from '../../../../../test/support/png.ts';
import { sealOf } from '../../../test/ofd-seal.ts';
import { ofdElements, parseOfdXml } from '../../../test/ofd-xml.ts';
import type { PrintableDocument } from '../print-layout.ts';
import {
  OFD_FILES,
  type OfdAttachment,
  type OfdInfo,
  packOfd,
  renderOfd,
  SIGN_FILES,
  signatureToSign,
  unpackOfd,
  verifyOfdSignature,
  withSignature,
} from './index.ts';
import { OFD_NS } from './xml.ts';

const doc: PrintableDocument = {
  orgName: '西安市人民政府',
  docType: '通知',
  docNumber: '市政发〔2026〕12号',
  title: '西安市人民政府关于报送电子公文传输联系人的通知',
  mainTo: '各区县人民政府',
  ccTo: null,
  bodyText: '请于本月底前报送联系人。',
  signatureLine: '西安市人民政府',
  docDate: '2026-11-30',
  notes: null,
  printingOrg: '西安市人民政府办公厅',
  printingDate: '2026-11-30',
  urgency: 'NORMAL',
  signer: null,
  attachments: [
    { name: '联系人.txt', size: 40, contentType: 'text/plain', sha256: 'b'.repeat(64), text: '王五，电话 029-12345678。' },
    { name: '单位名单.PDF', size: 3000, contentType: 'application/pdf', sha256: 'c'.repeat(64) },
    { name: '说明', size: 5, contentType: 'application/octet-stream', sha256: 'd'.repeat(64) },
  ],
  stamped: true,
};
const files: OfdAttachment[] = [
  { name: '联系人.txt', bytes: Buffer.from('王五，电话 029-12345678。', 'utf8') },
  { name: '单位名单.PDF', bytes: Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(3000 - 9, 0x20)]) },
  { name: '说明', bytes: Buffer.from([0, 1, 2, 3, 255]) },
];
const info: OfdInfo = {
  documentId: '0b6d2f8e-3c1a-4d2b-9e5f-7a8b9c0d1e2f',
  title: doc.title,
  author: doc.orgName,
  subject: doc.docNumber,
  createdAt: new Date('2026-11-30T02:00:00Z'),
};

const parse = parseOfdXml;
const all = ofdElements;

/** The package signed as the seal signs it at the send. */
async function signed(attachments: OfdAttachment[]) {
  const s = sealOf('SM2', doc.orgName);
  const rendered = await renderOfd(doc, info, { sealPng: ringPng(), signed: true, attachments });
  const box = rendered.sealBox as NonNullable<typeof rendered.sealBox>;
  const signedAt = new Date();
  const { signatureXml, dataHash, propertyInfo } = signatureToSign(rendered.files, {
    suite: 'SM2',
    signedAt,
    box,
    pageId: rendered.pageIds[box.page] as number,
  });
  const ses = makeSesSignature(
    { seal: s.seal, timeInfo: signedAt, dataHash, propertyInfo },
    { suite: 'SM2', certificate: s.certificate, privateKey: s.privateKey },
  );
  return withSignature(rendered.files, signatureXml, ses);
}

test('each attachment’s original is in the package, listed in Attachments.xml as GB/T 33190 has it, named by Document.xml', async () => {
  const { files: out } = await renderOfd(doc, info, { attachments: files });
  const document = parse(out.get(OFD_FILES.document));
  const named = all(document, 'Attachments');
  assert.equal(named.length, 1);
  assert.equal(named[0]?.textContent, 'Attachs/Attachments.xml');
  assert.equal(named[0]?.parentNode, document, 'a child of Document, after Pages');
  assert.equal((named[0]?.previousSibling as Element | null)?.localName, 'Pages');

  const list = parse(out.get(OFD_FILES.attachments));
  assert.equal(list.localName, 'Attachments');
  assert.equal(list.namespaceURI, OFD_NS);
  const entries = all(list, 'Attachment');
  assert.equal(entries.length, 3);
  const maxUnitId = Number(all(document, 'MaxUnitID')[0]?.textContent);
  const ids = new Set<number>();
  for (const [i, e] of entries.entries()) {
    const want = files[i] as OfdAttachment;
    assert.equal(e.getAttribute('Name'), want.name);
    const id = Number(e.getAttribute('ID'));
    assert.ok(Number.isInteger(id) && id > 0 && id <= maxUnitId, `ID ${id} within MaxUnitID ${maxUnitId}`);
    ids.add(id);
    assert.equal(e.getAttribute('CreationDate'), '2026-11-30T10:00:00', 'the package’s own date, Beijing time');
    assert.equal(Number(e.getAttribute('Size')), Math.round((want.bytes.length / 1024) * 1000) / 1000, 'its size in KB');
    assert.equal(e.getAttribute('Visible'), 'true');
    const loc = all(e, 'FileLoc')[0]?.textContent as string;
    assert.match(loc, /^attach_\d+(\.[a-z0-9]+)?$/, 'a plain file name beside Attachments.xml');
    assert.deepEqual(out.get(`Doc_0/Attachs/${loc}`), want.bytes, `${want.name}: the original, byte for byte`);
  }
  assert.equal(ids.size, 3, 'IDs unique');
  assert.deepEqual(
    entries.map((e) => (e.hasAttribute('Format') ? e.getAttribute('Format') : null)),
    ['txt', 'pdf', null],
    'the format from the name; none without an extension',
  );

  // Without attachments, neither the list nor Document.xml's reference.
  const bare = (await renderOfd(doc, info)).files;
  assert.equal(bare.has(OFD_FILES.attachments), false);
  assert.equal(all(parse(bare.get(OFD_FILES.document)), 'Attachments').length, 0);
});

test('the seal’s signature covers every attachment: a changed byte of one breaks it, named', async () => {
  const pkg = await signed(files);
  assert.equal(verifyOfdSignature(pkg).valid, true, JSON.stringify(verifyOfdSignature(pkg).checks));
  const refs = [...(pkg.get(SIGN_FILES.signature) as Buffer).toString('utf8').matchAll(/FileRef="\/([^"]+)"/g)].map((m) => m[1]);
  for (const name of [OFD_FILES.attachments, ...[...pkg.keys()].filter((n) => n.startsWith('Doc_0/Attachs/attach_'))])
    assert.ok(refs.includes(name), `${name} is referenced`);

  const pdf = [...pkg.keys()].find((n) => n.endsWith('.pdf')) as string;
  const changed = new Map(pkg);
  const bytes = Buffer.from(pkg.get(pdf) as Buffer);
  bytes[100] = (bytes[100] as number) ^ 0x01;
  changed.set(pdf, bytes);
  const v = verifyOfdSignature(changed);
  assert.equal(v.valid, false);
  const refsCheck = v.checks.find((c) => c.check === 'REFERENCES');
  assert.equal(refsCheck?.ok, false);
  assert.match(refsCheck?.reason ?? '', new RegExp(pdf.replace(/\./g, '\\.')));

  // An attachment added after the seal signed is not covered.
  const added = new Map(pkg);
  added.set('Doc_0/Attachs/attach_99.txt', Buffer.from('后加的附件'));
  assert.equal(verifyOfdSignature(added).checks.find((c) => c.check === 'ALL_FILES_REFERENCED')?.ok, false);
  // One taken out: its reference no longer finds it.
  const removed = new Map(pkg);
  removed.delete(pdf);
  assert.equal(verifyOfdSignature(removed).checks.find((c) => c.check === 'REFERENCES')?.ok, false);
});

test('the same document with the same files gives the same package, byte for byte, and the zip opens back to them', async () => {
  const a = packOfd((await renderOfd(doc, info, { sealPng: ringPng(), signed: true, attachments: files })).files, info.createdAt);
  const b = packOfd((await renderOfd(doc, info, { sealPng: ringPng(), signed: true, attachments: files })).files, info.createdAt);
  assert.deepEqual(a, b);
  const back = unpackOfd(a);
  for (const f of files)
    assert.ok(
      [...back.values()].some((v) => v.equals(f.bytes)),
      f.name,
    );

  // A large attachment already compressed (here: random bytes) is stored as it is, not deflated; it reads back whole.
  const big = { name: '操作手册.docx', bytes: randomBytes(300 * 1024) };
  const packed = packOfd((await renderOfd(doc, info, { attachments: [big] })).files, info.createdAt);
  const entry = [...unpackOfd(packed).keys()].find((k) => k.endsWith('.docx')) as string;
  // Its local header: the first occurrence of its name, 30 bytes after the header's start; the method at offset 8.
  const local = packed.indexOf(Buffer.from(entry, 'utf8')) - 30;
  assert.equal(packed.readUInt32LE(local), 0x04034b50, 'a local header');
  assert.equal(packed.readUInt16LE(local + 8), 0, 'method 0: stored');
  assert.ok(unpackOfd(packed).get(entry)?.equals(big.bytes));
});

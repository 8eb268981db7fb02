// The OFD 版式 file read back without a server: the package's structure per GB/T 33190 (OFD.xml, Document.xml,
// resources, pages) parsed with an XML parser (@xmldom/xmldom), the fonts embedded as subsets that map each
// character drawn to a glyph, the pages' text where the PDF of the same layout has it, and the seal's signature:
// valid as made, broken by a changed byte in any file it covers, in Signature.xml or by a file added.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { makeSesSignature } from '@yizhan/crypto';
import { readPdf } from '../../../../../test/support/pdf-text.ts';
import { ringPng } from '../../../../../test/support/png.ts';
import { sealOf } from '../../../test/ofd-seal.ts';
import { ofdElements, parseOfdXml } from '../../../test/ofd-xml.ts';
import { MM, TYPE_AREA } from '../gbt9704.ts';
import { renderOfficialDocument } from '../official-document-pdf.ts';
import { openFont } from '../print-fonts.ts';
import type { PrintableDocument } from '../print-layout.ts';
import { layoutOfficialDocument } from '../print-layout.ts';
import { readTables } from './font-subset.ts';
import {
  OFD_FILES,
  type OfdInfo,
  packOfd,
  pageFile,
  renderOfd,
  SIGN_FILES,
  signatureToSign,
  unpackOfd,
  verifyOfdSignature,
  withSignature,
  writeOfdFiles,
} from './index.ts';
import { OFD_NS } from './xml.ts';

const doc: PrintableDocument = {
  orgName: '西安市人民政府',
  docType: '通知',
  docNumber: '市政发〔2026〕12号',
  title: '西安市人民政府关于进一步做好电子公文传输工作的通知',
  mainTo: '各区县人民政府，市人民政府各工作部门',
  ccTo: '市委办公厅，市人大常委会办公厅',
  bodyText: [
    '一、总体要求。坚持统一规范。',
    '（一）明确职责。各单位办公室负责收发。',
    ...Array.from({ length: 12 }, (_, i) => `第${i + 1}段：全面贯彻落实关于电子公文传输的各项要求，切实提高公文处理质量和效率，确保各项工作落到实处。`),
  ].join('\n'),
  signatureLine: '西安市人民政府',
  docDate: '2026-11-30',
  notes: '此件公开发布',
  printingOrg: '西安市人民政府办公厅',
  printingDate: '2026-11-30',
  urgency: 'URGENT',
  signer: null,
  attachments: [{ name: '联系人.txt', size: 40, contentType: 'text/plain', sha256: 'b'.repeat(64), text: '王五，电话 029-12345678。' }],
  stamped: true,
};
const info: OfdInfo = {
  documentId: '0b6d2f8e-3c1a-4d2b-9e5f-7a8b9c0d1e2f',
  title: doc.title,
  author: doc.orgName,
  subject: doc.docNumber,
  createdAt: new Date('2026-11-30T02:00:00Z'),
  custom: [['发文字号', doc.docNumber as string]],
};

const parse = parseOfdXml;
const all = ofdElements;
const one = (e: Element, name: string) => {
  const found = all(e, name)[0];
  assert.ok(found, `ofd:${name}`);
  return found;
};
const text = (e: Element, name: string) => one(e, name).textContent ?? '';
const box = (s: string | null) => (s ?? '').split(/\s+/).map(Number);

test('the package has the structure of GB/T 33190: OFD.xml, Document.xml, resources with the fonts, one Content.xml per page', async () => {
  const { files, pageIds } = await renderOfd(doc, info);
  const ofd = parse(files.get('OFD.xml'));
  assert.equal(ofd.localName, 'OFD');
  assert.equal(ofd.namespaceURI, OFD_NS);
  assert.equal(ofd.getAttribute('DocType'), 'OFD');
  assert.equal(text(ofd, 'DocID'), '0b6d2f8e3c1a4d2b9e5f7a8b9c0d1e2f');
  assert.equal(text(ofd, 'Title'), doc.title);
  assert.equal(text(ofd, 'Author'), '西安市人民政府');
  assert.equal(text(ofd, 'CreationDate'), '2026-11-30');
  assert.match(text(ofd, 'Creator'), /Yizhan/);
  assert.equal(text(ofd, 'DocRoot'), 'Doc_0/Document.xml');
  assert.equal(all(ofd, 'Signatures').length, 0, 'unsigned: no signatures named');

  const document = parse(files.get(OFD_FILES.document));
  assert.deepEqual(box(text(document, 'PhysicalBox')), [0, 0, 210, 297], 'A4 in millimetres');
  assert.equal(text(document, 'PublicRes'), 'PublicRes.xml');
  assert.equal(text(document, 'DocumentRes'), 'DocumentRes.xml');
  const pages = all(one(document, 'Pages'), 'Page');
  assert.ok(pages.length >= 2, `${pages.length} pages`);
  assert.deepEqual(
    pages.map((p) => Number(p.getAttribute('ID'))),
    pageIds,
  );
  pages.forEach((p, i) => {
    assert.equal(p.getAttribute('BaseLoc'), `Pages/Page_${i}/Content.xml`);
    assert.ok(files.has(pageFile(i)));
  });
  // The same pages as the print of the same layout.
  const pdf = await readPdf(await renderOfficialDocument(doc, { withinQuota: true }));
  assert.equal(pages.length, pdf.length, 'as many pages as the PDF');

  // Every ID in the package is unique and no greater than MaxUnitID.
  const ids = [...files].filter(([n]) => n.endsWith('.xml')).flatMap(([, b]) => [...b.toString('utf8').matchAll(/ ID="(\d+)"/g)].map((m) => Number(m[1])));
  assert.equal(new Set(ids).size, ids.length, 'IDs unique');
  assert.equal(Math.max(...ids), Number(text(document, 'MaxUnitID')));

  // Fonts: the faces used, each a subset in Res/ that maps the characters drawn to glyphs.
  const res = parse(files.get(OFD_FILES.publicRes));
  assert.equal(res.getAttribute('BaseLoc'), 'Res');
  const fonts = all(res, 'Font');
  const names = fonts.map((f) => f.getAttribute('FontName'));
  for (const face of ['NotoSerifSC-Bold', 'NotoSerifSC-Regular', 'NotoSansSC-Regular']) assert.ok(names.includes(face), `${face} in ${names.join(', ')}`);
  for (const f of fonts) {
    const bytes = files.get(`Doc_0/Res/${text(f, 'FontFile')}`);
    assert.ok(bytes, 'the font file is embedded');
    assert.ok(bytes.length < 400_000, `a subset, not the whole face (${bytes.length} bytes)`);
    const tables = [...readTables(bytes).keys()];
    for (const t of ['cmap', 'glyf', 'head', 'hmtx', 'loca', 'maxp', 'name', 'post', 'OS/2']) assert.ok(tables.includes(t), `${t} in the subset`);
  }
  const serifBold = fonts.find((f) => f.getAttribute('FontName') === 'NotoSerifSC-Bold') as Element;
  const subset = openFont({ name: 'ofd-test-bold', file: files.get(`Doc_0/Res/${text(serifBold, 'FontFile')}`) as Buffer });
  for (const c of '西安市人民政府文件') assert.ok(subset.glyphForCodePoint(c.codePointAt(0) as number).id > 0, `${c} has its glyph in the subset`);
});

test('the pages carry the text of the print where the print has it: banner in red, the 发文字号, the rule, page numbers', async () => {
  const { files } = await renderOfd(doc, info);
  const page = parse(files.get(pageFile(0)));
  const texts = all(page, 'TextObject');
  const codeOf = (t: Element) => one(t, 'TextCode').textContent ?? '';
  const banner = texts.find((t) => codeOf(t) === '西安市人民政府文件');
  assert.ok(banner, 'the banner is one run');
  assert.equal(one(banner, 'FillColor').getAttribute('Value'), '200 22 29', 'red');
  // Its top edge 35 mm below the 版心's top (the box's top is an em above the baseline, the glyphs' top 0.88 em).
  const [, top, , ,] = box(banner.getAttribute('Boundary'));
  const size = Number(banner.getAttribute('Size'));
  const code = one(banner, 'TextCode');
  const baseline = (top as number) + Number(code.getAttribute('Y'));
  assert.ok(Math.abs(baseline - 0.88 * size - (TYPE_AREA.top / MM + 35)) < 1, `banner top ${baseline - 0.88 * size} mm`);
  // DeltaX: one advance between each pair of characters.
  assert.equal((code.getAttribute('DeltaX') ?? '').split(' ').length, [...'西安市人民政府文件'].length - 1);

  // Where the PDF of the same layout has the 发文字号, the OFD has it (points to millimetres).
  const [pdfFirst] = await readPdf(await renderOfficialDocument(doc, { withinQuota: true }));
  const inPdf = pdfFirst?.pieces.find((p) => p.str.includes('市政发'));
  const inOfd = texts.find((t) => codeOf(t).includes('市政发'));
  assert.ok(inPdf && inOfd);
  const [x] = box(inOfd.getAttribute('Boundary'));
  assert.ok(Math.abs((x as number) - (inPdf.x * 25.4) / 72) < 0.2, `发文字号 x ${x} mm vs ${(inPdf.x * 25.4) / 72} mm`);

  const red = all(page, 'PathObject').filter((p) => one(p, 'StrokeColor').getAttribute('Value') === '200 22 29');
  assert.equal(red.length, 1, 'the red rule under the 发文字号');
  assert.ok(Math.abs(Number(red[0]?.getAttribute('LineWidth')) - 0.35) < 0.01, '0.35 mm');

  const count = all(parse(files.get(OFD_FILES.document)), 'Page').length;
  for (let i = 0; i < count; i++) {
    const codes = all(parse(files.get(pageFile(i))), 'TextCode').map((c) => c.textContent);
    assert.ok(codes.includes(`— ${i + 1} —`), `page ${i + 1} is numbered`);
  }
  const last = all(parse(files.get(pageFile(count - 1))), 'TextCode')
    .map((c) => c.textContent)
    .join('');
  assert.match(last, /西安市人民政府办公厅/, 'the 版记 on the last page');
  assert.match(last, /王五/, 'the attachment printed');
});

test('the same document gives the same package; the zip opens back to the same files', async () => {
  const a = await renderOfd(doc, info);
  const b = await renderOfd(doc, info);
  const zipped = packOfd(a.files, info.createdAt);
  assert.deepEqual(zipped, packOfd(b.files, info.createdAt));
  const back = unpackOfd(zipped);
  assert.deepEqual([...back.keys()], [...a.files.keys()]);
  assert.equal([...back.keys()][0], 'OFD.xml');
});

test('an image of the layout is a MultiMedia of DocumentRes, drawn by an ImageObject at its place', async () => {
  const laid = await layoutOfficialDocument(doc, { withinQuota: true, seal: { png: ringPng(), note: '' } });
  const { files } = writeOfdFiles(laid, info);
  const res = parse(files.get(OFD_FILES.documentRes));
  const media = one(res, 'MultiMedia');
  assert.equal(media.getAttribute('Type'), 'Image');
  assert.equal(media.getAttribute('Format'), 'PNG');
  assert.deepEqual(files.get(`Doc_0/Res/${text(media, 'MediaFile')}`), ringPng(), 'the PNG as drawn');
  const seal = laid.sealBoxes[0];
  assert.ok(seal);
  const image = one(parse(files.get(pageFile(seal.page))), 'ImageObject');
  assert.equal(image.getAttribute('ResourceID'), media.getAttribute('ID'));
  const [x, y, w, h] = box(image.getAttribute('Boundary'));
  const pt = 25.4 / 72;
  assert.ok(Math.abs((x as number) - seal.x * pt) < 0.01 && Math.abs((y as number) - seal.y * pt) < 0.01, 'where the print draws the seal');
  assert.ok(Math.abs((w as number) - 42) < 0.01 && Math.abs((h as number) - 42) < 0.01, '42 mm across');
  assert.equal(image.getAttribute('CTM'), `${w} 0 0 ${h} 0 0`);
});

for (const suite of ['SM2', 'RSA'] as const) {
  test(`${suite}: the seal signs the package (Signatures.xml, Signature.xml, SignedValue.dat); a changed byte breaks it`, async () => {
    const s = sealOf(suite);
    const rendered = await renderOfd(doc, info, { sealPng: ringPng(), signed: true });
    assert.ok(rendered.sealBox, 'the seal has its place on the page');
    const pageIndex = rendered.sealBox.page;
    const signedAt = new Date();
    const { signatureXml, dataHash, propertyInfo } = signatureToSign(rendered.files, {
      suite,
      signedAt,
      box: rendered.sealBox,
      pageId: rendered.pageIds[pageIndex] as number,
    });
    const ses = makeSesSignature({ seal: s.seal, timeInfo: signedAt, dataHash, propertyInfo }, { suite, certificate: s.certificate, privateKey: s.privateKey });
    const files = unpackOfd(packOfd(withSignature(rendered.files, signatureXml, ses)));

    // The structure: OFD.xml names the list, the list the signature, the signature its value and the stamp's place.
    assert.equal(text(parse(files.get('OFD.xml')), 'Signatures'), OFD_FILES.signatures);
    const list = parse(files.get(OFD_FILES.signatures));
    assert.equal(one(list, 'Signature').getAttribute('BaseLoc'), `/${SIGN_FILES.signature}`);
    assert.equal(one(list, 'Signature').getAttribute('Type'), 'Seal');
    const signature = parse(files.get(SIGN_FILES.signature));
    assert.equal(text(signature, 'SignatureMethod'), suite === 'SM2' ? '1.2.156.10197.1.501' : '1.2.840.113549.1.1.11');
    assert.match(text(signature, 'SignatureDateTime'), /^\d{14}Z$/);
    assert.ok(all(signature, 'Reference').some((r) => r.getAttribute('FileRef') === `/${pageFile(0)}`));
    const stamp = one(signature, 'StampAnnot');
    assert.equal(Number(stamp.getAttribute('PageRef')), rendered.pageIds[pageIndex]);
    const [, , w, h] = box(stamp.getAttribute('Boundary'));
    assert.ok(Math.abs((w as number) - 42) < 0.01 && Math.abs((h as number) - 42) < 0.01, 'the seal 42 mm across, as printed');
    assert.equal(text(signature, 'SignedValue'), `/${SIGN_FILES.value}`);
    assert.equal(all(parse(files.get(pageFile(pageIndex))), 'ImageObject').length, 0, 'the seal is the signature’s, not an image on the page');

    const ok = verifyOfdSignature(files);
    assert.ok(ok.valid, JSON.stringify(ok.checks));

    const changed = (name: string, at = 60) => {
      const copy = new Map(files);
      const bytes = Buffer.from(copy.get(name) as Buffer);
      bytes[at] = (bytes[at] as number) ^ 0x01;
      copy.set(name, bytes);
      return verifyOfdSignature(copy);
    };
    const failing = (r: ReturnType<typeof verifyOfdSignature>) => r.checks.filter((c) => !c.ok).map((c) => c.check);
    assert.deepEqual(failing(changed(pageFile(0))), ['REFERENCES'], 'a page changed');
    const font = [...files.keys()].find((n) => n.endsWith('.ttf')) as string;
    assert.deepEqual(failing(changed(font, 200)), ['REFERENCES'], 'a font changed');
    assert.deepEqual(failing(changed('OFD.xml')), ['REFERENCES'], 'OFD.xml changed');
    assert.deepEqual(failing(changed(SIGN_FILES.signature, 120)), ['SIGNED_VALUE'], 'Signature.xml changed');
    assert.ok(failing(changed(SIGN_FILES.value, 40)).includes('SIGNED_VALUE'), 'the stamp changed');
    const added = new Map(files).set('Doc_0/Res/extra.png', ringPng());
    assert.deepEqual(failing(verifyOfdSignature(added)), ['ALL_FILES_REFERENCED'], 'a file slipped in');
    assert.deepEqual(failing(verifyOfdSignature(rendered.files)), ['SIGNED'], 'no signature at all');
  });
}

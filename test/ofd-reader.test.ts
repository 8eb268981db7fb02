// The OFD 版式 file opened by an OFD reader that is not ours (issue 18): ofd.js (npm, Apache-2.0, 0.2.6: the
// self-contained browser build; 1.5.0 opens nothing without a licence code from its vendor) parses the package in
// Debian's Chromium (the browser tests' Chromium), draws page 1 (saved as docs/screenshots/print/ofd-page1.png beside
// the print's pictures) and checks the seal's signature its own way: it reads our GB/T 38540 SES_Signature (its
// seal's picture drawn at the StampAnnot's place, its SM2 signature verified: VerifyRet) and compares every file's
// digest with the References (digestCheck). A byte changed in a page of the package fails that check. And the OFD a
// real sealed send stored (登记 before 用印: numbered at the stamp's request, signed at the second custodian's PIN),
// as its recipient downloads it: ofd.js finds the office's seal, verifies its SM2 signature and every file's digest.
// A joint document signed by each issuer's seal (联合行文, Sign_0 and Sign_1): ofd.js finds both and verifies each.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { repoRoot } from '@yizhan/common';
import { makeSesSignature } from '@yizhan/crypto';
import type { Browser, Page } from 'playwright-core';
import { packOfd, pageFile, renderOfd, signatureToSign, unpackOfd, withSignatures } from '../services/documents/src/domain/ofd/index.ts';
import type { PrintableDocument } from '../services/documents/src/domain/print-layout.ts';
import { sealOf, signedOfd } from '../services/documents/test/ofd-seal.ts';
import { launchChromium } from './support/browser.ts';
import { startPlatform } from './support/harness.ts';
import { ringPng } from './support/png.ts';
import { makeOfficeSeal, sealedSend } from './support/seals.ts';
import { type StaticPage, serveStaticPage } from './support/static-page.ts';

const outDir = path.join(repoRoot, 'docs', 'screenshots', 'print');
/** The page's width in CSS pixels: A4 at 96 dpi. */
const WIDTH = 794;

let browser: Browser;
let page: Page;
let server: StaticPage;

before(async () => {
  const executablePath = process.env.YIZHAN_TEST_CHROMIUM;
  if (!executablePath) throw new Error('Run the tests with `npm test`: it installs Chromium for the browser tests');
  fs.mkdirSync(outDir, { recursive: true });
  // ofd.js's browser build as npm ships it, served from this machine (nothing is fetched from elsewhere).
  const reader = path.join(repoRoot, 'node_modules', 'ofd.js', 'lib', 'ofd.umd.min.js');
  server = await serveStaticPage('<div id="out"></div><script src="/ofd.js"></script>', { '/ofd.js': [reader, 'text/javascript'] });
  browser = await launchChromium(executablePath);
  page = await browser.newPage({ viewport: { width: WIDTH + 20, height: 1200 } });
  page.on('pageerror', (e) => console.error(`[ofd.js page] ${e.message}`));
  await page.goto(server.url);
});
after(async () => {
  await browser?.close();
  await server?.close();
});

const doc: PrintableDocument = {
  orgName: '西安市人民政府',
  docType: '通知',
  docNumber: '市政发〔2026〕12号',
  title: '西安市人民政府关于进一步做好电子公文传输工作的通知',
  mainTo: '各区县人民政府，市人民政府各工作部门',
  ccTo: '市委办公厅，市人大常委会办公厅，市政协办公厅',
  bodyText: ['一、总体要求。坚持统一规范。', '（一）明确职责。各单位办公室负责收发。', '各单位要全面贯彻落实关于电子公文传输的各项要求。'].join('\n'),
  signatureLine: '西安市人民政府',
  docDate: '2026-11-30',
  notes: null,
  printingOrg: '西安市人民政府办公厅',
  printingDate: '2026-11-30',
  urgency: 'URGENT',
  signer: null,
  attachments: [],
  stamped: true,
};
const info = { documentId: '0b6d2f8e-3c1a-4d2b-9e5f-7a8b9c0d1e2f', title: doc.title, author: doc.orgName, subject: doc.docNumber, createdAt: new Date() };

interface Opened {
  pages: number;
  seals: { signatureID: string; VerifyRet: boolean; SignatureMethod: string }[];
  digestOk: boolean | string;
}

/** Opens the package with ofd.js in the page: its pages drawn into #out, the seals it found, its digest check. */
async function open(ofd: Buffer): Promise<Opened> {
  return page.evaluate(
    async ({ data, width }) => {
      const reader = (window as unknown as { ofd: Record<string, (...a: unknown[]) => unknown> }).ofd;
      const out = document.getElementById('out') as HTMLElement;
      out.innerHTML = '';
      const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
      const parsed = await new Promise<unknown[]>((resolve, reject) =>
        reader.parseOfdDocument?.({ ofd: new File([bytes], 'document.ofd'), success: resolve, fail: reject }),
      );
      const divs = reader.renderOfd?.(width, parsed[0]) as HTMLElement[];
      for (const d of divs) out.appendChild(d);
      // The seal's picture is an <image> inside an <svg name="seal_img_div">: wait until it has loaded.
      await new Promise((r) => setTimeout(r, 500));
      const seals = [...document.querySelectorAll('[name=seal_img_div]')].map((e) => JSON.parse((e as HTMLElement).dataset.signedInfo ?? '{}'));
      let digestOk: boolean | string;
      try {
        const pending = (window as unknown as { toBeChecked: Map<string, unknown> }).toBeChecked;
        digestOk = Boolean(reader.digestCheck?.(pending.get(String(seals[0]?.signatureID))));
      } catch (e) {
        digestOk = String(e);
      }
      return { pages: divs.length, seals, digestOk };
    },
    { data: ofd.toString('base64'), width: WIDTH },
  ) as Promise<Opened>;
}

/** Red and dark pixels of regions (millimetres from the page's top left) of a picture of the page. */
async function measure(png: Buffer, regions: Record<string, { x: number; y: number; w: number; h: number }>) {
  return page.evaluate(
    async ({ data, regions }) => {
      const img = new Image();
      img.src = `data:image/png;base64,${data}`;
      await img.decode();
      // ofd.js draws the page a little narrower than the width asked for: its pixels per millimetre, as drawn.
      const scale = img.width / 210;
      const canvas = document.createElement('canvas');
      canvas.width = img.width;
      canvas.height = img.height;
      const ctx = canvas.getContext('2d', { willReadFrequently: true }) as CanvasRenderingContext2D;
      ctx.drawImage(img, 0, 0);
      const out: Record<string, { red: number; dark: number; total: number }> = {};
      for (const [k, r] of Object.entries(regions)) {
        const d = ctx.getImageData(Math.round(r.x * scale), Math.round(r.y * scale), Math.round(r.w * scale), Math.round(r.h * scale)).data;
        let red = 0;
        let dark = 0;
        for (let i = 0; i < d.length; i += 4) {
          const [R, G, B] = [d[i] as number, d[i + 1] as number, d[i + 2] as number];
          if (R > 150 && G < 90 && B < 90) red++;
          else if (R < 110 && G < 110 && B < 110) dark++;
        }
        out[k] = { red, dark, total: d.length / 4 };
      }
      return out;
    },
    { data: png.toString('base64'), regions },
  );
}

test('ofd.js opens the signed OFD, draws page 1 with the red banner, the text and the seal where the print has them', async () => {
  const signed = await signedOfd(doc, info, 'SM2');
  const opened = await open(packOfd(signed.files));
  assert.ok(opened.pages >= 1, `${opened.pages} pages drawn`);
  assert.equal(opened.seals.length, 1, 'one seal found in the package');
  assert.equal(opened.seals[0]?.VerifyRet, true, 'ofd.js verifies the SES_Signature (SM2) itself');
  assert.equal(opened.seals[0]?.SignatureMethod, '1.2.156.10197.1.501');
  assert.equal(opened.digestOk, true, 'every referenced file’s digest as signed');

  const png = await page
    .locator('#out > div')
    .first()
    .screenshot({ path: path.join(outDir, 'ofd-page1.png') });
  const box = signed.sealBox as { page: number; x: number; y: number; size: number };
  assert.equal(box.page, 0, 'the 署名 and its seal on page 1');
  const pt = 25.4 / 72;
  const m = await measure(png, {
    // The banner 35 mm below the 版心's top (37 mm), 初号 high; the 版心 28 mm from the left, 156 mm wide.
    banner: { x: 28, y: 72, w: 156, h: 16 },
    seal: { x: box.x * pt, y: box.y * pt, w: box.size * pt, h: box.size * pt },
    body: { x: 28, y: 150, w: 156, h: 40 },
    leftMargin: { x: 0, y: 0, w: 20, h: 297 },
  });
  assert.ok((m.banner?.red ?? 0) > 0.08 * (m.banner?.total ?? 1), `the banner is red: ${JSON.stringify(m.banner)}`);
  assert.ok((m.seal?.red ?? 0) > 0.03 * (m.seal?.total ?? 1), `the seal's ring is drawn at its place: ${JSON.stringify(m.seal)}`);
  assert.ok((m.body?.dark ?? 0) > 0.02 * (m.body?.total ?? 1), `the text in the 版心: ${JSON.stringify(m.body)}`);
  assert.equal((m.leftMargin?.dark ?? 0) + (m.leftMargin?.red ?? 0), 0, 'nothing in the left margin');
});

test('a byte changed in a page of the signed package fails ofd.js’s digest check', async () => {
  const signed = await signedOfd(doc, info, 'SM2');
  const files = new Map(signed.files);
  // One digit of the first coordinate of page 1: still a well-formed page, no longer the page that was signed.
  const xml = (files.get(pageFile(0)) as Buffer).toString('utf8');
  const at = xml.indexOf('Boundary="') + 'Boundary="'.length;
  const digit = xml[at] as string;
  files.set(pageFile(0), Buffer.from(`${xml.slice(0, at)}${digit === '9' ? '8' : String(Number(digit) + 1)}${xml.slice(at + 1)}`, 'utf8'));
  const opened = await open(packOfd(files));
  assert.equal(opened.pages >= 1, true, 'still opens');
  assert.equal(opened.digestOk, false, 'the changed page no longer matches its signed digest');
});

test('with the attachments’ originals inside (Attachs/), it still opens with the seal verified; a changed attachment byte fails the digest check', async () => {
  const attachments = [
    { name: '联系人.txt', bytes: Buffer.from('王五，电话 029-12345678。\n', 'utf8') },
    { name: '单位名单.pdf', bytes: Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(4096, 0x2a)]) },
  ];
  const signed = await signedOfd(doc, info, 'SM2', { attachments });
  assert.ok(signed.files.has('Doc_0/Attachs/Attachments.xml'));
  const opened = await open(packOfd(signed.files));
  assert.ok(opened.pages >= 1, `${opened.pages} pages drawn`);
  assert.equal(opened.seals[0]?.VerifyRet, true, 'ofd.js verifies the SES_Signature (SM2)');
  assert.equal(opened.digestOk, true, 'every referenced file’s digest as signed, the attachments’ too');

  const files = new Map(signed.files);
  const pdf = [...files.keys()].find((n) => n.startsWith('Doc_0/Attachs/') && n.endsWith('.pdf')) as string;
  const bytes = Buffer.from(files.get(pdf) as Buffer);
  bytes[20] = (bytes[20] as number) ^ 0x01;
  files.set(pdf, bytes);
  const changed = await open(packOfd(files));
  assert.ok(changed.pages >= 1, 'still opens');
  assert.equal(changed.digestOk, false, 'the changed attachment no longer matches its signed digest');
});

test('the OFD a sealed send stored, downloaded by its recipient, opens in ofd.js with the office’s seal verified', async () => {
  const p = await startPlatform();
  try {
    const tokens: Record<string, string> = {};
    const gql = async (user: string, query: string, variables: Record<string, unknown> = {}) => {
      tokens[user] ??= await p.login(user);
      return p.gql(query, variables, tokens[user]);
    };
    await makeOfficeSeal(gql);
    const sent = await sealedSend(p, gql, tokens, '关于版式文件阅读器验章的通知');
    const opened = await open(sent.ofd);
    assert.ok(opened.pages >= 1, `${opened.pages} pages drawn`);
    assert.equal(opened.seals.length, 1, 'the office’s seal found in the package');
    assert.equal(opened.seals[0]?.VerifyRet, true, 'ofd.js verifies the seal’s SES_Signature (SM2)');
    assert.equal(opened.digestOk, true, 'every referenced file’s digest as signed');
    const text = await page.locator('#out').innerText();
    assert.ok(text.replace(/\s/g, '').includes(sent.docNumber), `the 发文字号 ${sent.docNumber} drawn`);

    const files = unpackOfd(sent.ofd);
    const xml = (files.get(pageFile(0)) as Buffer).toString('utf8');
    const at = xml.indexOf('Boundary="') + 'Boundary="'.length;
    const digit = xml[at] as string;
    files.set(pageFile(0), Buffer.from(`${xml.slice(0, at)}${digit === '9' ? '8' : String(Number(digit) + 1)}${xml.slice(at + 1)}`, 'utf8'));
    assert.equal((await open(packOfd(files))).digestOk, false, 'a byte changed in its page fails ofd.js’s digest check');
  } finally {
    await p.close();
  }
});

test('a joint document signed by each issuer’s seal (Sign_0, Sign_1): ofd.js finds both seals and verifies each', async () => {
  const joint: PrintableDocument = { ...doc, coIssuerNames: ['西安市新城区人民政府'] };
  const info = {
    documentId: '1c7e3f9a-4d2b-4e3c-8f6a-8b9c0d1e2f3a',
    title: joint.title,
    author: '西安市人民政府、西安市新城区人民政府',
    createdAt: new Date(),
  };
  const rendered = await renderOfd(joint, info, { sealPng: ringPng(), signed: true, coSeals: 1 });
  const signed = ['西安市人民政府', '西安市新城区人民政府'].map((name, index) => {
    const s = sealOf('SM2', name);
    const box = rendered.sealBoxes[index];
    if (!box) throw new Error('each issuer’s seal has its place');
    const signedAt = new Date();
    const t = signatureToSign(rendered.files, { suite: 'SM2', signedAt, box, pageId: rendered.pageIds[box.page] as number, index });
    const ses = makeSesSignature(
      { seal: s.seal, timeInfo: signedAt, dataHash: t.dataHash, propertyInfo: t.propertyInfo },
      { suite: 'SM2', certificate: s.certificate, privateKey: s.privateKey },
    );
    return { index, signatureXml: t.signatureXml, signedValue: ses };
  });
  const opened = await open(packOfd(withSignatures(rendered.files, signed)));
  assert.equal(opened.seals.length, 2, 'both issuers’ seals found');
  assert.ok(
    opened.seals.every((s) => s.VerifyRet === true),
    `ofd.js verifies each SES_Signature: ${JSON.stringify(opened.seals.map((s) => s.VerifyRet))}`,
  );
  // ofd.js keeps the References to check by the signature's id, but makes its map anew for each signature it reads
  // (0.2.6): only the last one's are left to check — as signed. (Each one's files are checked by verifyOfdSignatures.)
  const digests = await page.evaluate(() => {
    const w = window as unknown as { toBeChecked: Map<string, unknown>; ofd: { digestCheck: (r: unknown) => unknown } };
    return [...w.toBeChecked.entries()].map(([id, refs]) => {
      try {
        return [id, Boolean(w.ofd.digestCheck(refs))];
      } catch (e) {
        return [id, String(e)];
      }
    });
  });
  assert.deepEqual(digests, [['2', true]], `the last signature’s files as signed: ${JSON.stringify(digests)}`);
});

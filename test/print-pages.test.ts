// The printed document as a person sees it (issue 18): each format's PDF, made by the print's own renderer, is drawn
// page by page by pdf.js in Debian's Chromium (the browser tests' Chromium, with the page's embedded fonts) and saved
// as PNG under docs/screenshots/print/ for a person to look at. The pictures are checked too, by their pixels: the
// red banner where GB/T 9704 puts it, every issuer's red seal over its 署名 on a joint document, none beyond the
// print quota, black text in the 版心 and nothing outside the page's margins but the page number and the trail.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { repoRoot } from '@yizhan/common';
import type { Browser, Page } from 'playwright-core';
import { MM, PAGE, TYPE_AREA } from '../services/documents/src/domain/gbt9704.ts';
import { type PrintableDocument, type PrintCopy, renderOfficialDocument } from '../services/documents/src/domain/official-document-pdf.ts';
import { launchChromium } from './support/browser.ts';
import { readImages, readPdf } from './support/pdf-text.ts';
import { ringPng } from './support/png.ts';
import { type StaticPage, serveStaticPage } from './support/static-page.ts';

/** Beside the dashboard's screenshots (test/support/browser.ts), in a folder of their own. */
const outDir = path.join(repoRoot, 'docs', 'screenshots', 'print');
/** Device pixels per PDF point of the pictures (A4 at 1.5 × 72 dpi: 893 × 1263 pixels). */
const SCALE = 1.5;

let browser: Browser;
let page: Page;
let server: StaticPage;

before(async () => {
  const executablePath = process.env.YIZHAN_TEST_CHROMIUM;
  if (!executablePath) throw new Error('Run the tests with `npm test`: it installs Chromium for the browser tests');
  fs.mkdirSync(outDir, { recursive: true });
  // pdf.js as npm ships it, served from this machine to the page (nothing is fetched from elsewhere).
  const pdfjs = path.join(repoRoot, 'node_modules', 'pdfjs-dist', 'build');
  server = await serveStaticPage('<canvas id="page"></canvas>', {
    '/pdf.mjs': [path.join(pdfjs, 'pdf.min.mjs'), 'text/javascript'],
    '/pdf.worker.mjs': [path.join(pdfjs, 'pdf.worker.min.mjs'), 'text/javascript'],
  });
  browser = await launchChromium(executablePath);
  page = await browser.newPage({ viewport: { width: 1000, height: 1300 } });
  page.on('pageerror', (e) => console.error(`[pdf.js page] ${e.message}`));
  await page.goto(server.url);
});
after(async () => {
  await browser?.close();
  await server?.close();
});

/** Colour counts of a region of the drawn page (points from the page's top left). */
interface Region {
  red: number;
  dark: number;
  total: number;
}

/**
 * Draws page `n` of the PDF on the page's canvas with pdf.js, saves it as `name`.png, and measures the regions asked
 * for: how many pixels are red (the banner's and seals' 0.78/0.09/0.11) and how many dark (text).
 */
async function draw(pdf: Buffer, n: number, name: string, regions: Record<string, { x: number; y: number; w: number; h: number }> = {}) {
  const measured = await page.evaluate(
    async ({ data, n, scale, regions }) => {
      // @ts-expect-error a module of the page's own server
      const pdfjs = await import('/pdf.mjs');
      pdfjs.GlobalWorkerOptions.workerSrc = '/pdf.worker.mjs';
      const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
      const doc = await pdfjs.getDocument({ data: bytes, isEvalSupported: false }).promise;
      const p = await doc.getPage(n);
      const viewport = p.getViewport({ scale });
      const canvas = document.getElementById('page') as HTMLCanvasElement;
      canvas.width = Math.round(viewport.width);
      canvas.height = Math.round(viewport.height);
      const ctx = canvas.getContext('2d', { willReadFrequently: true }) as CanvasRenderingContext2D;
      ctx.fillStyle = 'white';
      ctx.fillRect(0, 0, canvas.width, canvas.height);
      await p.render({ canvasContext: ctx, viewport }).promise;
      const out: Record<string, { red: number; dark: number; total: number }> = {};
      for (const [k, r] of Object.entries(regions)) {
        const img = ctx.getImageData(
          Math.round(r.x * scale),
          Math.round(r.y * scale),
          Math.max(1, Math.round(r.w * scale)),
          Math.max(1, Math.round(r.h * scale)),
        );
        let red = 0;
        let dark = 0;
        for (let i = 0; i < img.data.length; i += 4) {
          const [R, G, B] = [img.data[i] as number, img.data[i + 1] as number, img.data[i + 2] as number];
          if (R > 150 && G < 90 && B < 90) red++;
          else if (R < 110 && G < 110 && B < 110) dark++;
        }
        out[k] = { red, dark, total: img.data.length / 4 };
      }
      return { pages: doc.numPages as number, width: canvas.width, height: canvas.height, out };
    },
    { data: pdf.toString('base64'), n, scale: SCALE, regions },
  );
  await page.locator('#page').screenshot({ path: path.join(outDir, `${name}.png`) });
  return measured as { pages: number; width: number; height: number; out: Record<string, Region> };
}

const paragraphs = (n: number) =>
  Array.from({ length: n }, (_, i) => `第${i + 1}段：全面贯彻落实关于电子公文传输的各项要求，切实提高公文处理质量和效率，确保各项工作落到实处。`);

const base: PrintableDocument = {
  orgName: '西安市人民政府',
  docType: '通知',
  docNumber: '市政发〔2026〕12号',
  title: '西安市人民政府关于进一步做好电子公文传输工作的通知',
  mainTo: '各区县人民政府，市人民政府各工作部门',
  ccTo: '市委办公厅，市人大常委会办公厅，市政协办公厅',
  bodyText: ['一、总体要求。坚持统一规范。', '（一）明确职责。各单位办公室负责收发。', ...paragraphs(4), '特此通知。'].join('\n'),
  signatureLine: '西安市人民政府',
  docDate: '2026-11-30',
  notes: '此件公开发布',
  printingOrg: '西安市人民政府办公厅',
  printingDate: '2026-11-30',
  urgency: 'NORMAL',
  signer: null,
  attachments: [],
  stamped: true,
};
const sealed: PrintCopy = {
  copyNumber: 3,
  withinQuota: true,
  recipientName: '西安市新城区人民政府',
  seal: { png: ringPng(128), note: '电子印章验证通过（签章时间 2026年11月30日 21:55:36（北京时间））' },
};

/** The 版心 as a region, in points. */
const typeArea = { x: TYPE_AREA.left, y: TYPE_AREA.top, w: TYPE_AREA.width, h: TYPE_AREA.height };
const bannerBand = { x: TYPE_AREA.left, y: TYPE_AREA.top + 30 * MM, w: TYPE_AREA.width, h: 20 * MM };
const leftMargin = { x: 0, y: 0, w: TYPE_AREA.left - 2 * MM, h: PAGE.height };

test('a notice (通知), its first and last pages: the red banner 35 mm below the 版心’s top, text inside the 版心, the seal over the date', async () => {
  const pdf = await renderOfficialDocument(base, sealed);
  const first = await draw(pdf, 1, 'notice-page1', { banner: bannerBand, typeArea, leftMargin });
  assert.equal(first.width, Math.round(PAGE.width * SCALE), 'A4 wide');
  assert.ok((first.out.banner as Region).red > 2000, `the red banner where §7.2.4 puts it (${first.out.banner?.red} red pixels)`);
  assert.ok((first.out.typeArea as Region).dark > 5000, 'text in the 版心');
  assert.equal((first.out.leftMargin as Region).dark + (first.out.leftMargin as Region).red, 0, 'nothing in the 订口');
  const [seal] = await readImages(pdf);
  assert.ok(seal, 'a seal on the print');
  const last = await draw(pdf, seal.page, `notice-page${seal.page}`, { seal: { x: seal.x, y: seal.y, w: seal.width, h: seal.height } });
  assert.ok((last.out.seal as Region).red > 1000, 'the seal drawn red over the 署名 and date');
});

test('a 明传电报 graded 特提, an upward 请示 with its 签发人, and a copy beyond the quota', async () => {
  const telegram = await draw(
    await renderOfficialDocument({ ...base, urgency: 'FLASH', title: '西安市人民政府关于做好强降雨防范应对工作的紧急通知' }, sealed),
    1,
    'telegram-flash-page1',
    { grade: { x: TYPE_AREA.left, y: TYPE_AREA.top + 29, w: 40, h: 29 } },
  );
  assert.ok((telegram.out.grade as Region).dark > 200, '特提 in the top left');
  await draw(
    await renderOfficialDocument(
      { ...base, docType: '请示', title: '西安市人民政府关于申请电子公文试点经费的请示', mainTo: '陕西省人民政府', signer: '张三' },
      sealed,
    ),
    1,
    'request-upward-page1',
  );
  const copy = await draw(await renderOfficialDocument(base, { ...sealed, copyNumber: 4, withinQuota: false }), 1, 'notice-beyond-quota-page1', {
    page: { x: 0, y: 0, w: PAGE.width, h: PAGE.height },
  });
  assert.equal((copy.out.page as Region).red, 0, 'beyond the quota: no red at all');
});

test('联合行文: the joint banner, and each issuer’s red seal over its own 署名', async () => {
  const names = ['陕西省财政厅', '陕西省民政厅'];
  const pdf = await renderOfficialDocument(
    {
      ...base,
      bodyText: '现将有关事项通知如下。\n特此通知。',
      coIssuerNames: names,
      title: '西安市人民政府 陕西省财政厅 陕西省民政厅关于联合开展公文规范检查的通知',
    },
    { ...sealed, coSeals: names.map(() => ({ png: ringPng(128, [201, 23, 30]), note: '电子印章验证通过' })) },
  );
  const images = await readImages(pdf);
  assert.equal(images.length, 3, 'three issuers, three seals');
  const regions = Object.fromEntries(images.map((img, i) => [`seal${i}`, { x: img.x, y: img.y, w: img.width, h: img.height }]));
  const drawn = await draw(pdf, images[0]?.page ?? 1, 'joint-signatures', regions);
  for (let i = 0; i < images.length; i++) assert.ok((drawn.out[`seal${i}`] as Region).red > 1000, `seal ${i + 1} drawn`);
  // The 附注 under the seals, not under the lead issuer's seal (its ring drawn over the words).
  const pages = await readPdf(pdf);
  const note = pages.flatMap((pg) => pg.pieces.filter((p) => p.str.includes('此件公开发布')).map((p) => ({ ...p, page: pg.number })))[0];
  assert.ok(note, 'the 附注 printed');
  // Each seal's check in the last line names whose seal it is, the lead's as the co-issuers'.
  const trail = pages.flatMap((pg) => pg.lines).join('');
  for (const issuer of ['西安市人民政府', ...names]) assert.match(trail, new RegExp(`${issuer}：电子印章验证通过`));
  const sealsBottom = Math.max(...images.filter((img) => img.page === note.page).map((img) => img.y + img.height));
  assert.ok(
    note.y - note.size > sealsBottom,
    `the 附注's line (top ${(note.y - note.size).toFixed(1)} pt) below the seals (bottom ${sealsBottom.toFixed(1)} pt)`,
  );
  const head = await draw(pdf, 1, 'joint-page1', { banner: { ...bannerBand, h: 45 * MM } });
  assert.ok((head.out.banner as Region).red > 4000, 'the joint banner, several lines');
});

test('转发: the notice, then the original from a page of its own, its banner in black (a reproduction, not a copy of its own)', async () => {
  const original = {
    ...base,
    orgName: '陕西省人民政府办公厅',
    docNumber: '陕政办发〔2026〕8号',
    title: '陕西省人民政府办公厅关于做好冬季安全生产工作的通知',
    mainTo: '各市人民政府，省人民政府各工作部门',
    signatureLine: '陕西省人民政府办公厅',
    docDate: '2026-11-28',
    sealNote: '电子印章验证通过（签章时间 2026年11月28日 10:00:00（北京时间））',
  };
  const pdf = await renderOfficialDocument(
    {
      ...base,
      title: '西安市人民政府关于转发《陕西省人民政府办公厅关于做好冬季安全生产工作的通知》的通知',
      bodyText: '现将《陕西省人民政府办公厅关于做好冬季安全生产工作的通知》转发给你们，请认真贯彻执行。',
      forwarded: original,
    },
    sealed,
  );
  const pages = await readPdf(pdf);
  const start = pages.find((pg) => pg.lines.some((l) => l.includes('陕政办发〔2026〕8号')));
  assert.ok(start && start.number > 1, 'the original starts on a later page');
  const notice = await draw(pdf, 1, 'forward-page1', { banner: bannerBand });
  assert.ok((notice.out.banner as Region).red > 2000, 'the notice’s own red banner');
  const head = await draw(pdf, start.number, 'forward-original', { page: { x: 0, y: 0, w: PAGE.width, h: PAGE.height }, typeArea });
  assert.equal((head.out.page as Region).red, 0, 'the original’s banner and rule in black, and no seal of its own');
  assert.ok((head.out.typeArea as Region).dark > 5000, 'the original’s text');
  assert.ok(
    pages.at(-1)?.lines.some((l) => l.includes('印发')),
    'the notice’s 版记 on the last page',
  );
});

test('信函格式, 命令格式 and 纪要格式, first pages', async () => {
  const letter = await draw(
    await renderOfficialDocument({ ...base, docType: '函', title: '西安市人民政府关于商请支持电子公文系统建设的函', mainTo: '陕西省财政厅' }, sealed),
    1,
    'letter-page1',
    {
      top: { x: 0, y: 25 * MM, w: PAGE.width, h: 25 * MM },
    },
  );
  assert.ok((letter.out.top as Region).red > 1500, 'the letter’s banner and red double line near the top');
  await draw(
    await renderOfficialDocument(
      {
        ...base,
        docType: '命令',
        title: '',
        mainTo: null,
        signer: '李四',
        bodyText: '《西安市电子公文管理办法》已经市人民政府同意，现予公布，自2027年1月1日起施行。',
      },
      sealed,
    ),
    1,
    'order-page1',
  );
  await draw(
    await renderOfficialDocument(
      {
        ...base,
        docType: '纪要',
        title: '市政府常务会议纪要',
        mainTo: null,
        bodyText: '会议研究了电子公文传输工作。\n出席：张三、李四\n请假：王五',
        stamped: false,
      },
      { ...sealed, seal: undefined },
    ),
    1,
    'minutes-page1',
  );
  for (const f of ['letter-page1', 'order-page1', 'minutes-page1']) assert.ok(fs.statSync(path.join(outDir, `${f}.png`)).size > 20_000, `${f}.png written`);
});

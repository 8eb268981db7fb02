// A walk of the seeded demo province as each demo role (issue 16, "done when"): the province's demo documents are made
// as npm start makes them, then each role logs in, opens every page of its menu and the first document of its inbox
// and of its sent list, and reads what is on the screen as a person would. Nowhere may it find a user name where a
// person's name belongs, a raw code of the platform (an enum value such as OPEN or BEYOND_QUOTA), an English sentence
// in the Chinese interface, or an error; and axe-core finds no serious or critical accessibility violation on any page.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { after, afterEach, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { seedDemoDocuments } from '../scripts/lib/demo-documents.ts';
import { type Dashboard, startDashboard } from './support/browser.ts';

let d: Dashboard;
before(async () => {
  d = await startDashboard();
  assert.equal(await seedDemoDocuments(d.platform.gatewayUrl), true, 'the demo documents are made');
});
after(async () => {
  await d?.close();
});
afterEach((t) => d?.endTest(t));

/** The demo roles of the README, one of each kind of screen (a leader's and a city clerk's pages are these pages). */
const ROLES = ['sx.admin', 'sxb.clerk', 'sxb.drafter', 'sxb.seal', 'sxb.supervisor', 'sxb.archivist', 'xc.clerk'];

/** A demo account's user name: shown where a person's name belongs, it is the defect this walk looks for. */
const USERNAME = /\b(?:sx|sxb|xa|xab|xc|bl|bj|\d{6})\.(?:admin|clerk|drafter|approver|leader|seal2?|supervisor|archivist)\b/;
/** Capital words a Chinese screen rightly shows: file formats, algorithms, protocols. */
const ALLOWED_CAPS = new Set([
  'PDF',
  'CSV',
  'PNG',
  'JPEG',
  'GIF',
  'OFD',
  'XLSX',
  'HTML',
  'DOCX',
  'RSA',
  'SHA',
  'PIN',
  'API',
  'CRL',
  'TSA',
  'PKCS',
  'WPS',
  'PEM',
  'HTTPS',
  'HTTP',
  'URL',
  'SMS',
]);
/** Four or more Latin words in a row: an English sentence. */
const ENGLISH = /[A-Za-z]{2,}(?:[ ,'’-]+[A-Za-z]{2,}){3,}/;

/** axe-core's browser build, injected into each page as a script. */
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** axe-core's serious and critical violations on the page as it is now (WCAG 2 A and AA rules). */
async function accessibility(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run(ctx: Document, opts: unknown): Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> };
      }
    ).axe;
    const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] });
    return r.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map(
        (v) =>
          `${v.impact} ${v.id} at ${v.nodes
            .slice(0, 3)
            .map((n) => n.target.join(' '))
            .join(', ')}`,
      );
  });
}

interface Finding {
  where: string;
  what: string;
}

/** What the screen shows, read as a person reads it (innerText: what is rendered, closed 详细信息 left closed). */
async function screenText(page: Page): Promise<string> {
  return page.evaluate(() => {
    // The switch to English is labelled in English on purpose.
    const sw = document.querySelector('[data-lang-switch]')?.textContent ?? '';
    return document.body.innerText.replace(sw, '');
  });
}

function check(where: string, text: string): Finding[] {
  const out: Finding[] = [];
  const user = USERNAME.exec(text);
  if (user) out.push({ where, what: `user name ${user[0]}` });
  // A raw code is a word of capitals (and underscores), alone: OPEN, BEYOND_QUOTA. A 档号 (610100-WS·2026-D30-SW-0001)
  // and a unit (12.3 MB) are not.
  for (const m of text.matchAll(/[A-Za-z0-9_]+/g)) {
    const word = m[0];
    if (!/^[A-Z][A-Z_]{2,}$/.test(word) || ALLOWED_CAPS.has(word)) continue;
    const at = m.index ?? 0;
    out.push({ where, what: `raw code ${word} in “${text.slice(Math.max(0, at - 20), at + word.length + 20).replace(/\s+/g, ' ')}”` });
  }
  const english = ENGLISH.exec(text);
  if (english) out.push({ where, what: `English “${english[0]}”` });
  return out;
}

/**
 * The page's requests in flight, followed from its events: `quiet` waits until none has been for `ms`. Playwright's
 * `networkidle` asks for 500 ms without one, which over a walk of ninety pages is most of a minute of waiting on pages
 * whose data arrived long before; a page asks for its data within a render of the last answer.
 */
function requestsOf(page: Page) {
  let inFlight = 0;
  let changed = Date.now();
  const started = () => {
    inFlight++;
    changed = Date.now();
  };
  const ended = () => {
    inFlight = Math.max(0, inFlight - 1);
    changed = Date.now();
  };
  page.on('request', started);
  page.on('requestfinished', ended);
  page.on('requestfailed', ended);
  return {
    async quiet(ms: number, timeoutMs: number): Promise<void> {
      const end = Date.now() + timeoutMs;
      while (Date.now() < end && !(inFlight === 0 && Date.now() - changed >= ms)) await new Promise((r) => setTimeout(r, 20));
    },
  };
}
type Requests = ReturnType<typeof requestsOf>;

/**
 * Opens `url` as a person does, by its link on the screen (the menu, the account in the header, a row of a list) when
 * there is one, else by its address, and waits until the page has drawn its data (its heading, no loading note, the
 * network quiet): how long it took, or -1. A click is what the clerk does, and it keeps the page's script and its live
 * connection, where loading each page anew started the dashboard again on every page (the walk alone: 103 s by address,
 * 81 s by link).
 */
async function visit(page: Page, requests: Requests, url: string): Promise<number> {
  const start = Date.now();
  const link = page.locator(`a[href="${new URL(url).pathname}"]:visible`).first();
  if (await link.count()) {
    await link.click();
    await page.waitForURL(url);
  } else await page.goto(url);
  // Every page names itself: one that does not within 20 s is a finding of its own (it never drew).
  if (
    !(await page
      .locator('main h1')
      .first()
      .waitFor({ timeout: 20_000 })
      .then(
        () => true,
        () => false,
      ))
  )
    return -1;
  // Live pages never fall quiet for long (their subscriptions, the console's refresh): a short wait for the data, then read.
  await requests.quiet(150, 3_000);
  await page.waitForFunction(() => !/加载中/.test(document.querySelector('main')?.textContent ?? ''), null, { timeout: 5_000 }).catch(() => {});
  return Date.now() - start;
}

test('a walk of the seeded province as each demo role finds no user name, raw code, English sentence, error or serious accessibility violation on any page', async () => {
  const findings: Finding[] = [];
  const checkedByAxe = new Set<string>();
  let pages = 0;
  for (const role of ROLES) {
    const { page, context } = await d.as(role);
    const requests = requestsOf(page);
    /** Opens the page and reads it; `kind` names its markup, which axe reads once whichever role or document shows it. */
    const read = async (href: string, kind: string) => {
      const where = `${role} ${href}`;
      if ((await visit(page, requests, `${d.url}${href}`)) < 0) findings.push({ where, what: 'no heading: the page did not draw' });
      pages++;
      findings.push(...check(where, await screenText(page)));
      if (!checkedByAxe.has(kind)) {
        checkedByAxe.add(kind);
        for (const v of await accessibility(page)) findings.push({ where, what: `axe: ${v}` });
      }
      for (const alert of await page.locator('main [role=alert]').allInnerTexts())
        if (alert.trim()) findings.push({ where, what: `an error: ${alert.slice(0, 200)}` });
    };
    const menu = await page
      .locator('nav a[href^="/"]')
      .evaluateAll((as) => [...new Set(as.map((a) => (a as HTMLAnchorElement).getAttribute('href') as string))]);
    assert.ok(menu.length >= 2, `${role} has a menu (${menu.join(' ')})`);
    for (const href of [...menu, '/account']) {
      await read(href, href);
      // The first document of the inbox and of the sent list, opened from the list as the role would open it next.
      if (href === '/inbox' || href === '/sent') {
        // The list has drawn (visit waited for its data): an empty one is read as empty, not waited on.
        const first = await page.locator(`main a[href^="${href}/"]`).evaluateAll((as) => as[0]?.getAttribute('href') ?? null);
        if (first) await read(first, `${href}/[id]`);
      }
    }
    await context.close();
  }
  assert.ok(pages > ROLES.length * 3, `the walk opened ${pages} pages`);
  assert.deepEqual(
    findings.map((f) => `${f.where}: ${f.what}`),
    [],
    'nothing a Chinese reader would trip on, and no serious or critical accessibility violation',
  );
});

test('西安市’s archive files its report with the notice it answers (来文与复文), each opened from the other', async () => {
  const { page } = await d.as('xa.archivist');
  await page.getByRole('link', { name: '档案', exact: true }).click();
  await page.getByRole('button', { name: '陕西省人民政府办公厅关于切实做好电子公文传输工作的通知', exact: true }).click();
  const filed = page.getByTestId('filed-with');
  await filed.getByText('复文').waitFor();
  await filed.getByRole('button').click();
  // The report's record opens, naming the notice as its 来文.
  await page.getByTestId('filed-with').getByText('来文').waitFor();
  await page.getByTestId('catalogue-entry').getByText('报告', { exact: true }).waitFor();
  // …at its head: the reader is not left where the other record's 关联文件 were.
  const head = await page.getByTestId('record-detail').getByRole('heading', { level: 2 }).boundingBox();
  const viewport = page.viewportSize();
  assert.ok(head && viewport && head.y >= 0 && head.y < viewport.height / 2, `the record's title is at the top of the screen (${head?.y})`);
});

test('the office’s archive: a 信息 it published waits in 待归档 beside its documents and is filed from there in a series of its own', async () => {
  const { page } = await d.as('sxb.archivist');
  await page.getByRole('link', { name: '档案', exact: true }).click();
  const waiting = page.locator('tr[data-queue]', { hasText: '《党政机关公文处理工作条例》要点摘编' });
  await waiting.getByRole('cell', { name: '信息', exact: true }).waitFor();
  await waiting.getByRole('button', { name: '归档', exact: true }).click();
  await waiting.waitFor({ state: 'detached' });
  // Filed: in the catalogue under the 信息 series (…-XX-), beside the 信息 the demo filed before it.
  const filed = page.locator('tr[data-record*="-XX-"]');
  await filed.filter({ hasText: '《党政机关公文处理工作条例》要点摘编' }).waitFor();
  await filed.filter({ hasText: '省政府办公厅召开全省电子公文传输工作推进会' }).waitFor();
  await filed.filter({ hasText: '《党政机关公文处理工作条例》要点摘编' }).getByRole('button').click();
  // Its catalogue entry says what a 信息 is described by: its 栏目, who published it and who approved it.
  const entry = page.getByTestId('catalogue-entry');
  for (const words of ['政策法规', '张伟', '陈志刚', '信息 · 吴秀英']) await entry.getByText(words).first().waitFor();
  const numbers = await filed.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-record')));
  assert.equal(numbers.length, 2, numbers.join(', '));
  assert.ok(
    numbers.every((n) => /-D10-XX-000[12]$/.test(n ?? '')),
    `numbered in the 信息 series, ten years by default: ${numbers.join(', ')}`,
  );
});

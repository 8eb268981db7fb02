// A real browser for the dashboard tests: Debian's Chromium (installed by `npm test`), driven by playwright-core,
// against the production build of the dashboard served by `next start` and the platform of the test.
import path from 'node:path';
import { after, afterEach, before } from 'node:test';
import { repoRoot } from '@yizhan/common';
import { freePort } from '@yizhan/kernel';
import { type Browser, type BrowserContext, type CDPSession, chromium, type Download, type Locator, type Page, type Request } from 'playwright-core';
import { startWeb } from '../../scripts/lib/web.ts';
import { DEMO_PASSWORD, type Platform, startPlatform } from './harness.ts';
import { closeEach, closeWithin, within } from './leftovers.ts';

export const screenshotDir = path.join(repoRoot, 'docs', 'screenshots');

export interface Dashboard {
  platform: Platform;
  url: string;
  browser: Browser;
  /** A fresh browser context (its own session), logged in as a demo account, on the inbox. */
  as(username: string, password?: string): Promise<{ context: BrowserContext; page: Page }>;
  /** A fresh browser context on the login page, ready, nobody logged in. */
  anonymous(): Promise<{ context: BrowserContext; page: Page }>;
  /**
   * Closes every context opened so far: each test's own people log out when it ends. Open pages hold live
   * subscriptions, refetch on every event of their unit and run their timers; a suite that kept all of them open
   * slowed down test by test until the later ones timed out.
   */
  closeContexts(): Promise<void>;
  /** After a failed test: what each open page shows and says, so a timeout names its cause (a hung page, an error). */
  diagnose(): Promise<void>;
  /** For afterEach: a failed test's pages diagnosed, then every test's contexts closed. */
  endTest(t: unknown): Promise<void>;
  close(): Promise<void>;
}

/** A download's file, once finished: Playwright's `path()` waits without a limit; this waits a minute. */
export async function downloaded(download: Download | Promise<Download>): Promise<string> {
  const d = await download;
  const file = await within(d.path(), 60_000, () => new Error(`the download of ${d.suggestedFilename()} did not finish within 60 s`));
  if (!file) throw new Error(`the download of ${d.suggestedFilename()} failed: ${await d.failure()}`);
  return file;
}

/**
 * 发送 on the 审批 page's row of an approved document, and the send confirmed in the dialog it opens (a send reaches
 * every unit at once, so the page asks once more).
 */
export async function sendFromRow(page: Page, row: Locator): Promise<void> {
  await row.getByRole('button', { name: '发送', exact: true }).click();
  await page.getByRole('dialog', { name: '发送' }).getByRole('button', { name: '确认发送' }).click();
}

/**
 * A test file's dashboard: started before its tests (`started` is told it), closed after them; each test's people
 * leave when it ends (their open pages would go on working in the background).
 */
export function dashboardOfFile(started: (d: Dashboard) => void): void {
  let d: Dashboard | undefined;
  before(async () => {
    d = await startDashboard();
    started(d);
  });
  after(async () => {
    await d?.close();
  });
  afterEach((t) => d?.endTest(t));
}

/** Debian's Chromium, headless, with the flags that keep it from calling out of this closed network (DESIGN §4). */
export function launchChromium(executablePath: string): Promise<Browser> {
  return chromium.launch({
    executablePath,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      // The tests' pages are all of one site (127.0.0.1: the dashboard and the gateway), so site isolation protects
      // nothing here, and its extra processes cost CPU the two cores share with the platform: alone on the machine,
      // dashboard.test used 8 % less of its CPU without them (one run each), the administration suite 14 % less (one run
      // against two).
      '--disable-site-isolation-trials',
    ],
  });
}

export async function startDashboard(): Promise<Dashboard> {
  const executablePath = process.env.YIZHAN_TEST_CHROMIUM;
  if (!executablePath) throw new Error('Run the tests with `npm test`: it installs Chromium and builds the dashboard');
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const platform = await startPlatform({ dashboardOrigins: [url] });
  const web = await startWeb({ port, gatewayUrl: platform.gatewayUrl });
  const browser = await launchChromium(executablePath);
  const contexts: BrowserContext[] = [];
  const said = new Map<Page, string[]>();
  const inspectors = new Map<Page, CDPSession>();
  const pending = new Map<Page, Map<Request, number>>();
  /** What a page shows and said lately, and where its script is if its thread is busy. */
  const explain = async (page: Page): Promise<string> => {
    const who = `[diagnose ${page.url()}]`;
    const state = await Promise.race([
      page
        .evaluate(() => ({
          ready: document.readyState,
          main: Boolean(document.querySelector('main')),
          text: (document.body?.innerText ?? '').replace(/\s+/g, ' ').slice(0, 400),
        }))
        .then((s) => JSON.stringify(s))
        .catch((e: Error) => `evaluate failed: ${e.message.split('\n')[0]}`),
      new Promise<string>((r) => setTimeout(() => r('the page did not answer in 5 s: its main thread is busy'), 5000)),
    ]);
    const lines = [`${who} ${state}`];
    if (state.startsWith('the page did not answer')) lines.push(`${who} busy in:\n${await busyStack(inspectors.get(page))}`);
    for (const line of said.get(page) ?? []) lines.push(`${who} ${line}`);
    for (const [r, since] of pending.get(page) ?? []) {
      // Live queries (graphql-ws, event streams) stay open by design; anything else this old is stuck.
      if (Date.now() - since > 5000) lines.push(`${who} unanswered for ${Math.round((Date.now() - since) / 1000)} s: ${r.method()} ${r.url().slice(0, 160)}`);
    }
    return lines.join('\n');
  };
  /** A fresh browser context (its own session) on the login page, ready; `label` names its page in what is said of it. */
  async function loginPage(label: string): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', acceptDownloads: true });
    contexts.push(context);
    // Two cores run these flows beside the other suites: a wait may take longer than Playwright's 30 s there.
    context.setDefaultTimeout(60_000);
    const page = await context.newPage();
    // Opened now: a page whose script never yields cannot be attached to later, and the stack is what names the loop.
    inspectors.set(page, await context.newCDPSession(page));
    const lines: string[] = [];
    said.set(page, lines);
    const keep = (line: string) => lines.push(`${new Date().toISOString().slice(11, 23)} ${line}`) > 40 && lines.shift();
    page.on('console', (m) => m.type() !== 'debug' && keep(`console.${m.type()}: ${m.text().slice(0, 300)}`));
    page.on('pageerror', (e) => {
      console.error(`[browser ${label}] ${e.message}`);
      keep(`page error: ${e.message.slice(0, 300)}`);
    });
    page.on('requestfailed', (r) => keep(`request failed: ${r.url().slice(0, 160)} ${r.failure()?.errorText ?? ''}`));
    // Requests still unanswered when a page is explained: a script that never came would leave the page inert.
    const open = new Map<Request, number>();
    pending.set(page, open);
    page.on('request', (r) => open.set(r, Date.now()));
    page.on('requestfinished', (r) => open.delete(r));
    page.on('requestfailed', (r) => open.delete(r));
    page.on('response', (r) => r.status() >= 400 && keep(`answered ${r.status()}: ${r.url().slice(0, 160)}`));
    page.on('framenavigated', (f) => f === page.mainFrame() && keep(`at ${f.url()}`));
    page.on('crash', () => keep('page crashed'));
    await openLogin(page, `${url}/login`, keep);
    return { context, page };
  }
  const dashboard: Dashboard = {
    platform,
    url,
    browser,
    async anonymous() {
      return loginPage('anonymous');
    },
    async as(username, password = DEMO_PASSWORD) {
      const { context, page } = await loginPage(username);
      await page.fill('input[name=username]', username);
      await page.fill('input[name=password]', password);
      // The button is enabled once the page's script runs. If it never is, the failure itself says what the page saw
      // (its requests that failed, its console, whether its thread is busy): a run's summary keeps that, its log may not.
      await page.click('button[type=submit]').catch(async (e: Error) => {
        throw new Error(`${e.message.split('\n')[0]} (logging in as ${username})\n${await explain(page)}`);
      });
      // A refused login says why at once, instead of a minute's wait for a page that will not come.
      const arrived = page.waitForURL('**/inbox');
      arrived.catch(() => {}); // awaited below unless refused first
      const refusal = page.getByRole('form', { name: '登录' }).locator('[role=alert][data-code]');
      const refused = refusal.waitFor().then(
        () => refusal.getAttribute('data-code'),
        () => null,
      );
      const code = await Promise.race([arrived.then(() => null), refused]);
      if (code) throw new Error(`the login as ${username} was refused: ${code}`);
      await arrived;
      return { context, page };
    },
    async diagnose() {
      for (const context of contexts) {
        for (const page of context.pages()) {
          console.error(await explain(page));
          await page.screenshot({ path: path.join(screenshotDir, '..', '..', '.test-data', `failed-${Date.now()}.png`), timeout: 5000 }).catch(() => {});
        }
      }
    },
    async endTest(t) {
      // node:test's context says whether the test passed (Node 22+; the installed types predate it).
      if ((t as { passed?: boolean }).passed === false) await dashboard.diagnose();
      await dashboard.closeContexts();
    },
    async closeContexts() {
      for (const c of contexts.splice(0)) await closeWithin('a browser context', c.close()).catch((e) => console.error((e as Error).message));
      said.clear();
      inspectors.clear();
      pending.clear();
    },
    async close() {
      await dashboard.closeContexts();
      // The platform bounds each of its own parts: ten minutes for all of them.
      await closeEach([
        ['Chromium', () => browser.close()],
        ['the dashboard (next start)', web.stop],
        ['the platform', platform.close, 600_000],
      ]);
    },
  };
  return dashboard;
}

/** Where a busy page's script is: the debugger pauses it and reads the stack (the build's names, minified or not). */
async function busyStack(cdp: CDPSession | undefined): Promise<string> {
  if (!cdp) return '  (no inspector)';
  const late = (ms: number) => new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no answer in ${ms} ms`)), ms));
  try {
    void cdp.send('Debugger.enable').catch(() => {});
    const paused = new Promise<string>((resolve) =>
      cdp.once('Debugger.paused', (e) =>
        resolve(
          e.callFrames
            .slice(0, 25)
            .map(
              (f) =>
                `  ${f.functionName || '(anonymous)'} ${f.url.replace(/^.*\/_next\//, '')}:${f.location.lineNumber + 1}:${(f.location.columnNumber ?? 0) + 1}`,
            )
            .join('\n'),
        ),
      ),
    );
    void cdp.send('Debugger.pause').catch(() => {});
    const stack = await Promise.race([paused, late(8000)]);
    void cdp.send('Debugger.resume').catch(() => {});
    return stack;
  } catch (e) {
    return `  (no stack: ${(e as Error).message})`;
  }
}

/**
 * The login page, opened until its script runs. Chromium aborts what a page is loading when the machine's network
 * changes (ERR_NETWORK_CHANGED) — and suites beside this one make and remove network namespaces — which left a login
 * page without its script, its button never enabled (seen in CI, 2026-12-06). Such a load is opened again, at most
 * six times, after a pause that grows each time: the changes come in bursts (three within 200 ms in CI, 2026-12-07,
 * when three tries in a row were all lost). Any other failure is left to the click below, which explains the page.
 */
const OPEN_LOGIN_TRIES = 6;
async function openLogin(page: Page, address: string, keep: (line: string) => unknown): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    let changed = () => {};
    const networkChanged = new Promise<'changed'>((resolve) => {
      changed = () => resolve('changed');
    });
    const onFailed = (r: Request) => {
      if (r.failure()?.errorText.includes('ERR_NETWORK_CHANGED')) changed();
    };
    page.on('requestfailed', onFailed);
    try {
      // Ready, or given up on: a page that never becomes ready is explained by the click that follows.
      const opened = page.goto(address).then(
        () =>
          page
            .locator('button[type=submit]:enabled')
            .waitFor()
            .then(
              () => 'ready' as const,
              () => 'ready' as const,
            ),
        (e: Error) => (e.message.includes('ERR_NETWORK_CHANGED') ? ('changed' as const) : ('ready' as const)),
      );
      const outcome = await Promise.race([opened, networkChanged]);
      if (outcome === 'ready' || attempt === OPEN_LOGIN_TRIES) return;
      keep(`the network changed under the page (ERR_NETWORK_CHANGED): opening it again (${attempt + 1} of ${OPEN_LOGIN_TRIES})`);
    } finally {
      page.off('requestfailed', onFailed);
    }
    // Past the burst before the page is opened again.
    await new Promise((r) => setTimeout(r, 500 * attempt));
  }
}

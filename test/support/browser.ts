// A real browser for the dashboard tests: Debian's Chromium (installed by `npm test`), driven by playwright-core,
// against the production build of the dashboard served by `next start` and the platform of the test.
import path from 'node:path';
import { repoRoot } from '@yizhan/common';
import { freePort } from '@yizhan/kernel';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { startWeb } from '../../scripts/lib/web.ts';
import { DEMO_PASSWORD, type Platform, startPlatform } from './harness.ts';

export const screenshotDir = path.join(repoRoot, 'docs', 'screenshots');

export interface Dashboard {
  platform: Platform;
  url: string;
  browser: Browser;
  /** A fresh browser context (its own session), logged in as a demo account, on the inbox. */
  as(username: string, password?: string): Promise<{ context: BrowserContext; page: Page }>;
  /**
   * Closes every context opened so far: each test's own people log out when it ends. Open pages hold live
   * subscriptions, refetch on every event of their unit and run their timers; a suite that kept all of them open
   * slowed down test by test until the later ones timed out.
   */
  closeContexts(): Promise<void>;
  close(): Promise<void>;
}

export async function startDashboard(): Promise<Dashboard> {
  const executablePath = process.env.YIZHAN_TEST_CHROMIUM;
  if (!executablePath) throw new Error('Run the tests with `npm test`: it installs Chromium and builds the dashboard');
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const platform = await startPlatform({ dashboardOrigins: [url] });
  const web = await startWeb({ port, gatewayUrl: platform.gatewayUrl });
  // The flags keep Chromium from calling out of this closed network (DESIGN §4, the machine notes).
  const browser = await chromium.launch({
    executablePath,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const contexts: BrowserContext[] = [];
  return {
    platform,
    url,
    browser,
    async as(username, password = DEMO_PASSWORD) {
      const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', acceptDownloads: true });
      contexts.push(context);
      // Two cores run these flows beside the other suites: a wait may take longer than Playwright's 30 s there.
      context.setDefaultTimeout(60_000);
      const page = await context.newPage();
      page.on('pageerror', (e) => console.error(`[browser ${username}] ${e.message}`));
      await page.goto(`${url}/login`);
      await page.fill('input[name=username]', username);
      await page.fill('input[name=password]', password);
      await page.click('button[type=submit]');
      await page.waitForURL('**/inbox');
      return { context, page };
    },
    async closeContexts() {
      for (const c of contexts.splice(0)) await c.close().catch(() => {});
    },
    async close() {
      for (const c of contexts) await c.close().catch(() => {});
      await browser.close();
      await web.stop();
      await platform.close();
    },
  };
}

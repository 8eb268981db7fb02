// 联合行文 in the dashboard (issue 18), in Debian's Chromium against the real platform: 西安市's drafter names 新城区 as
// a co-issuing unit while drafting, 西安市's leader approves it, 新城区's leader finds it on the 会签 page, reads it and
// countersigns it, 西安市 sees the 会签 and sends it. Screenshot of the 会签 page to docs/screenshots.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, afterEach, before, test } from 'node:test';
import { type Dashboard, screenshotDir, sendFromRow, startDashboard } from './support/browser.ts';

let d: Dashboard;
before(async () => {
  d = await startDashboard();
  fs.mkdirSync(screenshotDir, { recursive: true });
});
after(async () => {
  await d?.close();
});
// Each test's people leave when it ends: their open pages would go on working in the background.
afterEach((t) => d?.endTest(t));

test('a joint document: co-issuer chosen in 拟稿, 会签 by its leader after the lead’s approval, then sent', async () => {
  const title = `关于联合开展公文规范检查的通知（${Date.now().toString(36)}）`;
  const { page } = await d.as('xa.drafter');
  await page.getByRole('link', { name: '拟稿', exact: true }).click();
  await page.fill('input[name=title]', title);
  await page.fill('textarea[name=body]', '现将有关事项通知如下。');
  await page.getByLabel('单位名称').fill('碑林区');
  await page.getByRole('button', { name: '查找', exact: true }).click();
  await page.locator('p[data-org="西安市碑林区人民政府"]').getByRole('button', { name: '添加' }).click();
  await page.getByLabel('联署机关名称').fill('新城区');
  await page.getByRole('button', { name: '检索联署机关' }).click();
  await page.locator('p[data-co-issuer-found="西安市新城区人民政府"]').getByRole('button', { name: '加为联署机关' }).click();
  await page.locator('li[data-co-issuer="西安市新城区人民政府"]').waitFor();
  await page.getByRole('button', { name: '保存并提交审批' }).click();
  await page.waitForURL('**/approvals**');

  // Before the lead's approval nothing waits for 新城区.
  const xc = await d.as('xc.leader');
  await xc.page.getByRole('link', { name: '会签', exact: true }).click();
  await xc.page.getByText('没有待本单位会签的公文').waitFor();

  const leader = await d.as('xa.leader');
  await leader.page.getByRole('link', { name: '审批', exact: true }).click();
  for (let step = 0; step < 2; step++) {
    const row = leader.page.locator('tr', { hasText: title }).first();
    // The chain's last step is the 签发.
    await row.getByRole('button', { name: step === 0 ? '同意' : '签发', exact: true }).click();
    if (step === 0) await leader.page.locator('tr', { hasText: title }).getByText('→ 分管领导').waitFor();
  }
  await leader.page.getByText('没有待您审批的公文').waitFor();

  // 西安市 cannot send before the 会签: the refusal in the clerk's words.
  await page.reload();
  await sendFromRow(page, page.locator('tr', { hasText: title }));
  await page
    .getByRole('alert')
    .getByText(/联合行文须各联署单位会签后方可发送/)
    .waitFor();
  await page.locator('[role=alert][data-code="NOT_COUNTERSIGNED"]').waitFor();

  // 新城区's leader reads it and countersigns.
  await xc.page.reload();
  const card = xc.page.locator('[data-countersign]', { hasText: title });
  await card.getByRole('button', { name: title }).click();
  await card.locator('.sheet').getByText('现将有关事项通知如下。').waitFor();
  // The sheet names every issuing unit, the lead first, in the banner and the 署名.
  await card.locator('.sheet .banner', { hasText: '西安市人民政府 西安市新城区人民政府' }).waitFor();
  await card.getByLabel('会签意见').fill('同意联合行文');
  await xc.page.screenshot({ path: path.join(screenshotDir, 'countersign.png'), fullPage: true });
  await card.getByRole('button', { name: '同意会签' }).click();
  await xc.page.getByRole('status').filter({ hasText: '已会签' }).waitFor();
  await card.waitFor({ state: 'detached' });

  // 西安市 sees the 会签 by name and sends.
  await page.getByRole('link', { name: '会签', exact: true }).click();
  const joint = page.locator('tr[data-joint]', { hasText: title });
  await joint
    .locator('li[data-co-issuer="西安市新城区人民政府"][data-status="COUNTERSIGNED"]')
    .getByText(/罗文彬/)
    .waitFor();
  await page.getByRole('link', { name: '审批', exact: true }).click();
  await sendFromRow(page, page.locator('tr', { hasText: title }));
  await page.waitForURL('**/sent/**');
  assert.ok(page.url().includes('/sent/'));
});

// The dashboard in a real browser (Debian's Chromium) against the real platform: a city drafts a notice to its
// counties, its leader approves it, it is sent; a county clerk sees it arrive live, opens it (the receipt, 接收),
// signs for it after checking (签收: its 收文编号, its register and CSV) and prints within and beyond the quota; the
// sender's board shows both moments without reload; another county returns it; the supervisor sees who is overdue
// and publishes a bulletin. Screenshots of the main pages go to docs/screenshots.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, afterEach, before, test } from 'node:test';
import { createCsr, generateKeyPair, verifyPackage } from '@yizhan/crypto';
import ExcelJS from 'exceljs';
import pg from 'pg';
import type { Page } from 'playwright-core';
import { periodBefore, scheduledTitle } from '../services/documents/src/domain/bulletin-schedule.ts';
import { type Dashboard, downloaded, screenshotDir, sendFromRow, startDashboard } from './support/browser.ts';
import { docxOf, para } from './support/docx.ts';
import { tinyPdf, uploadFile } from './support/files.ts';
import { asDemoUsers, asDemoUsersData } from './support/harness.ts';
import { approvedOfficeDocument, makeOfficeSeal, OFFICE_PINS } from './support/seals.ts';

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

const shot = (page: Page, name: string) => page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage: true });
/** A query or mutation as a demo account, through the gateway; any error fails the test. */
const api = async (user: string, query: string, variables: Record<string, unknown> = {}) => {
  const r = await d.platform.gql(query, variables, await d.platform.login(user));
  assert.equal(r.errors, undefined, JSON.stringify(r.errors));
  return r.data as Record<string, any>;
};
const kpi = (page: Page, name: string) => page.getByTestId(`kpi-${name}`);
/** A sent document's deliveries due a day ahead rather than at the next check (09:00 or 15:00 China time): a run that
 * crosses one while a page is checked would see 超期未签收 where the test reads the words of a delivery in time. */
const holdDue = (doc: string) => d.platform.superQuery("update documents.deliveries set due_at = now() + interval '1 day' where document_id = $1", [doc]);
/** The board's rows once the page for the chip and search chosen has come (the service filters them): `n` of them. */
const boardRows = async (page: Page, n: number) => {
  await page.locator(`[data-testid="board-rows"][data-total="${n}"]`).waitFor();
  return page.locator('tr[data-recipient]').count();
};

/** Clicks an export button and reads the workbook it saves: the first sheet's rows as plain values (header first). */
async function downloadXlsx(
  page: Page,
  button: ReturnType<Page['getByRole']>,
): Promise<{ name: string; file: string; rows: unknown[][]; sheet: ExcelJS.Worksheet }> {
  const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(await downloaded(download));
  const sheet = wb.worksheets[0]!;
  const rows: unknown[][] = [];
  sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return { name: sheet.name, file: download.suggestedFilename(), rows, sheet };
}

test('a notice to a city’s counties: compose, approve, send, receive live, print, return, supervise', async () => {
  const title = `关于做好冬季安全生产工作的通知（${Date.now().toString(36)}）`;

  // The county clerk is already looking at the inbox when the document is sent.
  const clerk = await d.as('xc.clerk');
  await clerk.page.getByTestId('inbox-total').waitFor();
  await assert.rejects(clerk.page.getByRole('link', { name: title }).waitFor({ timeout: 300 }));

  // 拟稿: 西安市 drafts to all county-level units below it, one printable copy each.
  const drafter = await d.as('xa.drafter');
  const page = drafter.page;
  await page.getByRole('link', { name: '拟稿', exact: true }).click();
  await page.fill('input[name=title]', title);
  // A line with what looks like a tag (<GB/T 9704>) is text, kept as typed.
  await page.fill('textarea[name=body]', '各区县人民政府：\n入冬以来，请切实做好安全生产工作，台账按<GB/T 9704>格式报送。\n特此通知。');
  await page.fill('input[name=mainTo]', '各区县人民政府');
  // 公开属性, decided as it is drafted: 主动公开 marks the 附注 as GB/T 9704 shows it.
  await page.getByLabel('公开属性').selectOption('ACTIVE');
  assert.equal(await page.locator('input[name=notes]').inputValue(), '此件公开发布');
  await page.getByLabel('层级').selectOption('COUNTY');
  await page.getByRole('button', { name: '添加', exact: true }).first().click();
  await page.getByTestId('recipient-group').waitFor();
  await page.getByRole('button', { name: '检查发送范围' }).click();
  await assert.doesNotReject(
    page
      .getByTestId('routing-check')
      .getByText(/拒绝 0 个/)
      .waitFor(),
  );
  await shot(page, 'compose');
  await page.getByRole('button', { name: '保存并提交审批' }).click();
  await page.waitForURL('**/approvals**');
  // The drafter is told it went, and whose step it waits for.
  await page.getByTestId('submitted').getByText(`已提交审批：《${title}》，待`, { exact: false }).waitFor();

  // 审批: the city's leader holds both steps of its chain (section head, then leader).
  const leader = await d.as('xa.leader');
  await leader.page.getByRole('link', { name: '审批', exact: true }).click();
  for (let step = 0; step < 2; step++) {
    const row = leader.page.locator('tr', { hasText: title }).first();
    // The chain's last step is the 签发.
    await row.getByRole('button', { name: step === 0 ? '同意' : '签发', exact: true }).click();
    if (step === 0) await leader.page.locator('tr', { hasText: title }).getByText('→ 分管领导').waitFor();
  }
  await leader.page.getByText('没有待您审批的公文').waitFor();

  // 发送: the drafter sends it and lands on the live board.
  await page.reload();
  const ready = page.locator('tr', { hasText: title });
  await sendFromRow(page, ready);
  await page.waitForURL('**/sent/**');
  await holdDue(new URL(page.url()).pathname.split('/').at(-1) as string);
  // The China day it was sent: 督办's period below starts then, were the month to turn during the run.
  const sentDay = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date());
  await page.getByTestId('board-live').getByText('实时更新中').waitFor();
  const total = Number(await kpi(page, 'total').textContent());
  assert.ok(total >= 10, `西安市 has more than ten county-level units; the board shows ${total}`);
  assert.equal(await kpi(page, 'received').textContent(), '0');

  // 收文: it appears in the county clerk's inbox without a reload.
  const link = clerk.page.getByRole('link', { name: title });
  await link.waitFor({ timeout: 10_000 });
  await shot(clerk.page, 'inbox');
  await link.click();
  await clerk.page.getByTestId('received-at').getByText('王秀兰').waitFor();
  assert.match((await clerk.page.locator('.sheet .number').textContent()) ?? '', /市政发〔\d{4}〕\d+号/);
  await clerk.page.locator('.sheet').getByText('台账按<GB/T 9704>格式报送。').waitFor();
  await clerk.page.getByTestId('disclosure').getByText('主动公开').waitFor();
  await clerk.page.locator('.sheet').getByText('（此件公开发布）').waitFor();

  // The sender's board counts the receipt (接收) without a reload, and the county's row says so in words.
  await kpi(page, 'received').getByText('1', { exact: true }).waitFor({ timeout: 10_000 });
  const county = page.locator('tr[data-recipient="西安市新城区人民政府"]');
  await county.getByText('已接收（待签收）').waitFor();
  assert.equal(await kpi(page, 'signed').textContent(), '0', 'opening is not signing for');

  // 签收: the clerk checks sender, seal and format, then signs for it; it gets the county's 收文编号, and the
  // sender's board shows the second moment, by the clerk's name.
  const checks = clerk.page.getByTestId('sign-checks');
  // 西安市 has no seal: the clerk's check says the document carries none, not that its verification was checked.
  await checks.getByText('本件未加盖电子印章，已知悉').waitFor();
  for (const box of await checks.getByRole('checkbox').all()) await box.check();
  await checks.getByRole('button', { name: '签收', exact: true }).click();
  await clerk.page.getByTestId('signed-at').getByText('王秀兰').waitFor();
  assert.match((await clerk.page.getByTestId('intake-number').textContent()) ?? '', /^收〔\d{4}〕\d+号$/);
  await kpi(page, 'signed').getByText('1', { exact: true }).waitFor({ timeout: 10_000 });
  await county.getByText('已签收').waitFor();
  await county.getByTestId('signed').getByText('王秀兰').waitFor();

  // The browser's own print (Ctrl+P) does not print the sheet: a notice says copies are printed with 打印.
  await clerk.page.emulateMedia({ media: 'print' });
  await clerk.page.getByTestId('print-notice').waitFor({ state: 'visible' });
  assert.equal(await clerk.page.locator('.sheet').isVisible(), false, 'no official copy from Ctrl+P');
  await clerk.page.emulateMedia({ media: 'screen' });
  assert.equal(await clerk.page.getByTestId('print-notice').isVisible(), false);

  // The sheet shows what the next print carries: its 份号, marked as a preview (this document has no seal).
  assert.match((await clerk.page.getByTestId('sheet-copy-number').textContent()) ?? '', /^份号 000001（下一份）预览/);
  assert.equal(await clerk.page.getByTestId('sheet-beyond-quota').count(), 0);

  // 打印: the button says how many copies and how many are left; one copy within the quota. The copy opens in the
  // browser's PDF viewer inside the page and goes to its print dialog (headless Chromium has none: print() is
  // counted instead); nothing is downloaded.
  await clerk.page.addInitScript(() => {
    window.print = () => {
      const top = window.top as unknown as { printed?: number };
      top.printed = (top.printed ?? 0) + 1;
    };
  });
  let downloads = 0;
  clerk.page.on('download', () => downloads++);
  const printed = (n: number) => clerk.page.waitForFunction((n) => (window as unknown as { printed?: number }).printed === n, n);
  const printButton = clerk.page.getByTestId('print');
  assert.equal(await printButton.textContent(), '打印 1 份（剩余 1 份）');
  await printButton.click();
  await clerk.page.getByTestId('last-print').getByText('已打印第 1 份（带红头和印章）').waitFor();
  await clerk.page.getByTestId('copies-left').getByText('剩余 0 份').waitFor();
  const viewer = clerk.page.getByTestId('print-viewer');
  await viewer.getByText('第 000001 份（共 1 份）').waitFor();
  await viewer.getByText('带红头和印章').waitFor();
  const frame = viewer.getByTestId('print-frame');
  assert.match((await frame.getAttribute('src')) ?? '', /^blob:/, 'the PDF from the page’s memory, not a file');
  const shown = await frame.evaluate(async (f: HTMLIFrameElement) => new TextDecoder().decode((await (await fetch(f.src)).arrayBuffer()).slice(0, 5)));
  assert.equal(shown, '%PDF-', 'the viewer shows the printed copy’s PDF');
  await printed(1);
  // Past the quota now: the sheet says the next print is a copy without legal force, and shows no seal.
  await clerk.page.getByTestId('sheet-beyond-quota').getByText('无红头、无印章的无效力副本（份号 000002）', { exact: false }).waitFor();
  await viewer.getByRole('button', { name: '关闭' }).click();
  await viewer.waitFor({ state: 'detached' });
  // Two more, past the quota: the button says so and looks apart, and asks first; 取消 prints nothing.
  await clerk.page.getByLabel('打印份数').fill('2');
  await printButton.getByText('超出份数打印 2 份').waitFor();
  assert.equal(await printButton.evaluate((el) => getComputedStyle(el).borderStyle), 'dashed');
  await printButton.click();
  const beyond = clerk.page.getByRole('dialog', { name: '超出份数打印 2 份' });
  await beyond.getByText('限印 1 份，剩余 0 份：超出的 2 份将打印为无红头、无印章的副本', { exact: false }).waitFor();
  await beyond.getByRole('button', { name: '取消' }).click();
  await clerk.page.getByTestId('copies-left').getByText('已印 1 份').waitFor();
  await printButton.click();
  await beyond.getByRole('button', { name: '仍然打印' }).click();
  await clerk.page
    .getByTestId('last-print')
    .getByText(/已超出打印份数：第 2–3 份无红头、无印章/)
    .waitFor();
  // Each copy in the viewer in turn, each to the print dialog once; still nothing downloaded.
  await viewer.getByText('第 000002 份（共 2 份）').waitFor();
  await viewer.getByText('无红头、无印章，不具法律效力').waitFor();
  await printed(2);
  await viewer.getByRole('button', { name: '打印下一份（第 000003 份）' }).click();
  await viewer.getByText('第 000003 份（共 2 份）').waitFor();
  await printed(3);
  assert.equal(downloads, 0, 'printing saves no file');
  await viewer.getByRole('button', { name: '关闭' }).click();
  await viewer.waitFor({ state: 'detached' });
  // Both plain copies are in the print record.
  await clerk.page.locator('tr', { hasText: '超出份数' }).nth(1).waitFor();
  // The history says so in words, never the code.
  await clerk.page.locator('tr', { hasText: '打印 · 超出份数 · 份号 000002' }).waitFor();
  assert.ok(!(await clerk.page.locator('main').innerText()).includes('BEYOND_QUOTA'), 'no raw code on the page');
  await shot(clerk.page, 'document');

  // 收文登记簿: the county's register has the entry, found by its title, and exports as CSV for Excel.
  await clerk.page.getByRole('link', { name: '登记簿', exact: true }).click();
  await clerk.page.getByLabel('搜索登记簿').fill(title);
  await clerk.page.locator('tr[data-intake]', { hasText: title }).getByText('已登记，待拟办').waitFor();
  const download = clerk.page.waitForEvent('download');
  await clerk.page.getByRole('button', { name: '导出 CSV' }).click();
  const csv = fs.readFileSync(await downloaded(download), 'utf8');
  assert.ok(csv.startsWith('\uFEFF收文编号,来文单位,文号,标题'), 'UTF-8 with a byte-order mark, for Excel');
  assert.ok(csv.includes(`${title},通知`));
  // The same register as an Excel workbook: the platform's rows, Chinese headers, the clerk by name, Beijing time.
  const register = await downloadXlsx(clerk.page, clerk.page.getByRole('button', { name: '导出 XLSX' }));
  assert.match(register.file, /^[\u4e00-\u9fff]+人民政府[\u4e00-\u9fff]*收文登记簿-\d{4}\.xlsx$/, 'named by the unit');
  assert.deepEqual(register.rows[0], ['收文编号', '来文单位', '文号', '标题', '文种', '紧急程度', '份数', '收文时间', '签收人', '承办', '办理情况']);
  const entry = register.rows.find((r) => r[3] === title);
  assert.ok(entry, 'the signed document is in the workbook');
  assert.equal(entry[8], '王秀兰', 'the clerk by name');
  assert.equal(typeof entry[6], 'number', 'copies are a number');
  // Today in Beijing, or the day before when China's midnight passed since the 签收 a few minutes ago.
  const beijingDay = (t: number) => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date(t));
  const days = [beijingDay(Date.now()), beijingDay(Date.now() - 10 * 60_000)];
  assert.ok(
    days.some((day) => String(entry[7]).startsWith(day)),
    `Beijing time: ${entry[7]}`,
  );
  await shot(clerk.page, 'register');

  // 退回: 碑林区 sends it back as not its business; the sender sees it at once.
  const other = await d.as('bl.clerk');
  await other.page.getByRole('link', { name: title }).click();
  await other.page.getByLabel('退回原因').selectOption('NOT_OURS');
  await other.page.getByLabel('说明').fill('应由区应急局办理');
  await other.page.getByRole('button', { name: '退回', exact: true }).click();
  await other.page.locator('.badge', { hasText: '已退回' }).waitFor();
  // A returned delivery offers no 打印.
  await other.page.getByTestId('not-printable').getByText('该公文已退回，不能打印').waitFor();
  assert.equal(await other.page.getByTestId('print').count(), 0);
  await kpi(page, 'returned').getByText('1', { exact: true }).waitFor({ timeout: 10_000 });
  const returned = page.locator('tr[data-recipient="西安市碑林区人民政府"]');
  await returned.getByText('已退回').waitFor();
  await returned.getByText('应由区应急局办理').waitFor();
  await shot(page, 'board');

  // Bulk resend of what came back: 碑林区 gets a new delivery, linked to the returned one.
  await returned.getByRole('checkbox').check();
  await page.getByRole('button', { name: '重发所选（1）' }).click();
  await page.locator('tr[data-recipient="西安市碑林区人民政府"]', { hasText: '已送达（未接收）' }).waitFor();
  assert.equal(await kpi(page, 'returned').textContent(), '0');
  // 全部 counts each unit once, as the figures on top; the replaced delivery is under 已重发或撤回.
  await page.getByRole('button', { name: `全部 (${total})` }).waitFor();
  assert.equal(await boardRows(page, total), total);
  await page.getByRole('button', { name: '已重发或撤回 (1)' }).click();
  await returned.filter({ hasText: '已重发' }).waitFor();
  assert.equal(await boardRows(page, 1), 1);
  await page.getByRole('button', { name: `全部 (${total})` }).click();

  // Time passes: the next inbox check comes and goes with the rest unsigned; they turn overdue.
  const documentId = page.url().split('/').pop();
  const { default: pg } = await import('pg');
  const c = new pg.Client({ connectionString: d.platform.db.superUrl });
  await c.connect();
  await c.query(`update documents.deliveries set due_at = now() - interval '1 minute' where document_id = $1 and status = 'DELIVERED'`, [documentId]);
  await c.end();
  await d.platform.markOverdue();
  await kpi(page, 'overdue').filter({ hasNotText: /^0$/ }).waitFor();

  // 督办: the city's supervisor sees who is overdue and publishes a bulletin that names them.
  const supervisor = await d.as('xa.admin');
  await supervisor.page.getByRole('link', { name: '督办', exact: true }).click();
  await supervisor.page.getByLabel('起始日期').fill(sentDay);
  // The overdue list by document first: the notice once, its late units counted in full, opened to its units.
  const lateGroup = supervisor.page.getByTestId('overdue-by-document').locator('tbody', { hasText: title });
  await lateGroup
    .getByTestId('group-count')
    .getByText(/^\d+ 个单位超期未签收（\d+ 个未接收），时限最早/)
    .waitFor();
  const lateCount = Number((await lateGroup.getByTestId('group-count').innerText()).match(/^(\d+)/)?.[1]);
  assert.ok(lateCount >= 2, `the counties still owing it: ${lateCount}`);
  // A group of more than three units opens on a click.
  if (lateCount > 3) await lateGroup.getByRole('button', { name: /^展开/ }).click();
  await lateGroup.locator('tr[data-recipient="西安市阎良区人民政府"]').waitFor();
  // By unit: the same units, with the board's filters, search and export.
  await supervisor.page.getByTestId('overdue-view').getByRole('button', { name: '按单位' }).click();
  await supervisor.page.getByTestId('overdue').getByText('西安市阎良区人民政府').first().waitFor();
  await supervisor.page.getByTestId('overdue-view').getByRole('button', { name: '按公文' }).click();
  await supervisor.page.getByTestId('ranking').waitFor();
  // Live: 莲湖区 signs for it late while the supervisor watches; its row of the ranking counts it, without a reload.
  const lianhu = supervisor.page.getByTestId('ranking').locator('tr', { hasText: '西安市莲湖区人民政府' });
  const lateBefore = Number(await lianhu.locator('td').nth(4).textContent());
  const lhDelivery = (
    await d.platform.gql<{ document: { deliveries: { id: string; recipientName: string; status: string }[] } }>(
      'query($id: ID!) { document(id: $id) { deliveries { id recipientName status } } }',
      { id: documentId },
      await d.platform.login('xa.clerk'),
    )
  ).data?.document.deliveries.find((x) => x.recipientName === '西安市莲湖区人民政府' && x.status === 'DELIVERED')?.id;
  assert.ok(lhDelivery, '莲湖区 still owes its 签收');
  const signed = await d.platform.gql('mutation($id: ID!) { signForDelivery(id: $id) { id } }', { id: lhDelivery }, await d.platform.login('610104.clerk'));
  assert.equal(signed.errors, undefined, JSON.stringify(signed.errors));
  await lianhu
    .locator('td')
    .nth(4)
    .getByText(String(lateBefore + 1), { exact: true })
    .waitFor({ timeout: 15_000 });
  await supervisor.page.getByLabel('通报标题').fill('关于本月电子公文签收情况的通报');
  await supervisor.page.getByRole('button', { name: /生成通报/ }).click();
  const bulletin = supervisor.page.getByTestId('bulletin');
  await bulletin.getByText('关于本月电子公文签收情况的通报').waitFor();
  await bulletin.getByText('西安市阎良区人民政府').waitFor();
  assert.equal(await bulletin.getByText('西安市新城区人民政府').count(), 0, 'a unit that signed in time is not in the bulletin');
  await shot(supervisor.page, 'supervision');

  // 定期通报: from now on the city's bulletin is published each month as it ends, and the month just ended at once.
  const schedule = supervisor.page.getByTestId('bulletin-schedule');
  await schedule.getByText('尚未设置定期通报：通报只在有人生成时发布。').waitFor();
  await schedule.getByLabel('通报周期').selectOption({ label: '每月' });
  await schedule.getByLabel('同时生成刚结束的一期').check();
  await schedule.getByRole('button', { name: '保存定期通报设置' }).click();
  await schedule.getByText(/^每月自动生成上一期的电子公文接收情况通报，下次生成：.*（孙涛设置）。$/).waitFor();
  const lastMonth = scheduledTitle('MONTHLY', periodBefore('MONTHLY', new Date()));
  await supervisor.page.locator(`tr[data-bulletin="${lastMonth}"]`).getByText('定期·每月').waitFor();
});

test('修改后重发 (issue 16): what came back is corrected in 拟稿 and sent again; the board shows 已修改重发 with the reason kept, each unit counted once', async () => {
  const api = asDemoUsersData(() => d.platform);
  const title = `关于报送防汛物资清单的通知（${Date.now().toString(36)}）`;
  const [xc, bl, lh] = await Promise.all(['610102', '610103', '610104'].map((code) => d.platform.orgId(code)));
  const doc = (
    await api('xa.drafter', 'mutation($in: DraftInput!) { createDraft(input: $in) { id } }', {
      in: { docType: '通知', title, body: '请于本周内报送防汛物资清单。', docPrefix: '市政发', recipients: [{ orgIds: [xc, bl, lh] }] },
    })
  ).createDraft.id as string;
  const approveAndSend = async (id: string) => {
    await api('xa.drafter', 'mutation($id: ID!) { submitForApproval(id: $id) { id } }', { id });
    for (let i = 0; i < 2; i++) await api('xa.leader', 'mutation($id: ID!) { approveDocument(id: $id) { id } }', { id });
    return (await api('xa.clerk', 'mutation($id: ID!, $k: String!) { sendDocument(id: $id, sendKey: $k) { docNumber } }', { id, k: `k-${id}` })).sendDocument
      .docNumber as string;
  };
  await approveAndSend(doc);
  const delivery = async (org: string | undefined) =>
    (
      (await api('xa.clerk', 'query($id: ID!) { document(id: $id) { deliveries { id recipientOrgId status } } }', { id: doc })).document.deliveries as any[]
    ).find((x) => x.recipientOrgId === org && x.status !== 'RESENT').id as string;
  // 新城区 signs for it; 碑林区 returns it for its format; 莲湖区 cannot open it and asks for a resend.
  await api('xc.clerk', 'mutation($id: ID!) { signForDelivery(id: $id) { id } }', { id: await delivery(xc) });
  await api('bl.clerk', 'mutation($id: ID!) { returnDelivery(id: $id, reason: WRONG_FORMAT, note: "缺少附件页码") { id } }', { id: await delivery(bl) });
  await api('610104.clerk', 'mutation($id: ID!) { requestResend(id: $id, note: "文件损坏无法打开") { id } }', { id: await delivery(lh) });

  const { page } = await d.as('xa.drafter');
  const board = `${d.url}/sent/${doc}`;
  await page.goto(board);
  const blRow = page.locator('tr[data-recipient="西安市碑林区人民政府"]');
  const lhRow = page.locator('tr[data-recipient="西安市莲湖区人民政府"]');
  const group = page.locator('tr.group-head');
  await blRow.getByText('缺少附件页码').waitFor();
  await kpi(page, 'returned').getByText('2', { exact: true }).waitFor();
  await group.getByText('1 / 3 已签收', { exact: false }).waitFor();

  // A plain resend for 莲湖区: it has two rows now, and still counts once.
  await lhRow.getByRole('checkbox').check();
  await page.getByRole('button', { name: '重发所选（1）' }).click();
  await lhRow.filter({ hasText: '已送达（未接收）' }).waitFor();
  await group.getByText('1 / 3 已签收', { exact: false }).waitFor();
  assert.equal(await kpi(page, 'total').textContent(), '3');
  // The chips agree: 全部 (3) as the figures; the replaced delivery apart, under 已重发或撤回.
  await page.getByRole('button', { name: '全部 (3)' }).waitFor();
  await page.getByRole('button', { name: '已重发或撤回 (1)' }).click();
  await lhRow.filter({ hasText: '已重发' }).waitFor();
  await page.getByRole('button', { name: '全部 (3)' }).click();

  // 修改后重发 for 碑林区: the corrected version opens in 拟稿, prefilled, naming the return it answers.
  await blRow.getByRole('checkbox').check();
  await page.getByRole('button', { name: '修改后重发（1）' }).click();
  await page.waitForURL('**/compose?id=**');
  await page
    .locator('input[name=title]')
    .and(page.locator(`[value="${title}"]`))
    .waitFor();
  assert.equal(await page.locator('textarea[name=body]').inputValue(), '请于本周内报送防汛物资清单。');
  const link = page.getByTestId('correction-of');
  await link.getByText('西安市碑林区人民政府').waitFor();
  await link.getByText('缺少附件页码', { exact: false }).waitFor();
  await page.fill('textarea[name=body]', '请于本周内报送防汛物资清单（附件已编页码）。');
  await page.getByRole('button', { name: '保存草稿' }).click();
  await page.getByTestId('draft-saved').waitFor();
  await shot(page, 'correction');
  const correction = new URL(page.url()).searchParams.get('id') as string;
  // The board says a correction is being drafted for 碑林区, which still waits.
  await page.goto(board);
  await blRow.getByTestId('correction-drafting').waitFor();
  // One correction at a time: with 碑林区 chosen again, the board offers 继续修改稿 (the API refuses a second draft).
  await blRow.getByRole('checkbox').check();
  assert.equal(await page.getByRole('button', { name: /^修改后重发/ }).count(), 0);
  await page.getByTestId('continue-correction').getByText('继续修改稿').click();
  await page.waitForURL(`**/compose?id=${correction}`);
  await page.getByTestId('correction-of').getByText('西安市碑林区人民政府').waitFor();
  await page.goto(board);
  await blRow.getByTestId('correction-drafting').waitFor();

  // Approved and sent (through the API): 碑林区 shows 已修改重发 with the corrected document, its reason still there.
  const number = await approveAndSend(correction);
  // 碑林区's copy is the corrected document's now: it leaves 全部 (and the figures) for 已重发或撤回.
  await page.getByRole('button', { name: '全部 (2)' }).waitFor({ timeout: 15_000 });
  await page.getByRole('button', { name: '已重发或撤回 (2)' }).click();
  await blRow.getByText('已修改重发').waitFor({ timeout: 15_000 });
  await blRow
    .getByTestId('corrected-by')
    .getByRole('link', { name: `修改后公文 ${number}` })
    .waitFor({ timeout: 15_000 });
  await blRow.getByText('文种或格式不符').waitFor();
  await blRow.getByText('缺少附件页码').waitFor();
  // Each unit counted once: 碑林区's copy is the corrected document's now; 莲湖区 by its resend.
  await kpi(page, 'total').getByText('2', { exact: true }).waitFor({ timeout: 15_000 });
  await group.getByText('1 / 2 已签收', { exact: false }).waitFor({ timeout: 15_000 });
  assert.equal(await kpi(page, 'returned').textContent(), '0');
  await blRow.getByTestId('corrected-by').getByRole('link').click();
  await page.waitForURL(`**/sent/${correction}`);
  await page.locator('tr[data-recipient="西安市碑林区人民政府"]').getByText('已送达（未接收）').waitFor();
  await page.getByTestId('correction-of').getByText(title, { exact: false }).waitFor();
});

test('sent back with a comment, edited and resubmitted; once sent, a quota raised and a delivery recalled from the board', async () => {
  const title = `关于报送年度工作总结的函（${Date.now().toString(36)}）`;
  const { page } = await d.as('xa.drafter');
  await page.getByRole('link', { name: '拟稿', exact: true }).click();
  await page.fill('input[name=title]', title);
  await page.fill('textarea[name=body]', '请于月底前报送。');
  // Saved before any recipient is chosen: it has none, and submitting it is refused in words, before anything is saved.
  await page.getByRole('button', { name: '保存草稿' }).click();
  await page.getByTestId('draft-saved').waitFor();
  await page.getByText('尚未选择收文单位').waitFor();
  await page.getByRole('button', { name: '保存并提交审批' }).click();
  await page.getByRole('alert').and(page.locator('[data-code=NO_RECIPIENTS]')).getByText('请先选择收文单位').waitFor();
  await page.getByLabel('单位名称').fill('碑林区');
  await page.getByRole('button', { name: '查找' }).click();
  await page.locator('p[data-org="西安市碑林区人民政府"]').getByRole('button', { name: '添加' }).click();
  await page.getByLabel('单位名称').fill('新城区');
  await page.getByRole('button', { name: '查找' }).click();
  await page.locator('p[data-org="西安市新城区人民政府"]').getByRole('button', { name: '添加' }).click();
  // 预览 shows it as printed; 保存草稿 keeps it and the page becomes the draft's; then it is submitted from there.
  await page.getByRole('button', { name: '预览', exact: true }).click();
  const preview = page.getByTestId('compose-preview');
  await preview.locator('.sheet h1.title', { hasText: title }).waitFor();
  await preview.locator('.sheet').getByText('请于月底前报送。').waitFor();
  await page.getByRole('button', { name: '保存草稿' }).click();
  await page.getByTestId('draft-saved').waitFor();
  await page.waitForURL('**/compose?id=**');
  await page.getByRole('button', { name: '保存并提交审批' }).click();
  await page.waitForURL('**/approvals**');

  const leader = await d.as('xa.leader');
  await leader.page.getByRole('link', { name: '审批', exact: true }).click();
  const waiting = leader.page.locator('section', { has: leader.page.getByRole('heading', { name: '待我审批' }) });
  const row = waiting.locator('tr', { hasText: title });
  // The approver sees who it goes to (发送范围) beside the document.
  await row.getByRole('button', { name: title }).click();
  await leader.page.getByTestId('planned-main').getByText('主送（2 个单位）：西安市新城区人民政府、西安市碑林区人民政府').waitFor();
  await row.getByLabel('审批意见').fill('请写明报送方式');
  await row.getByRole('button', { name: '退回修改' }).click();
  await row.waitFor({ state: 'detached' });

  // The drafter finds it sent back, edits it (the recipients stay) and submits it again.
  await page.reload();
  const back = page.locator('tr', { hasText: title });
  await back.getByText('已退回修改').waitFor();
  // Why it came back, and from whom, beside it and again on the form while it is corrected.
  await back.getByTestId('rejection').filter({ hasText: '胡建华' }).filter({ hasText: '请写明报送方式' }).waitFor();
  await back.getByRole('link', { name: '修改' }).click();
  await page.waitForURL('**/compose?id=**');
  await page.getByTestId('rejection').getByText('退回修改意见（胡建华', { exact: false }).waitFor();
  assert.match((await page.getByTestId('rejection').textContent()) ?? '', /请写明报送方式$/);
  await assert.doesNotReject(
    page
      .locator('input[name=title]')
      .and(page.locator(`[value="${title}"]`))
      .waitFor(),
  );
  // The recipients it keeps are named.
  await page.getByTestId('kept-recipients').getByText('西安市新城区人民政府、西安市碑林区人民政府').waitFor();
  await page.fill('textarea[name=body]', '请于月底前通过本平台报送。');
  await page.getByRole('button', { name: '保存并提交审批' }).click();
  await page.waitForURL('**/approvals**');

  await leader.page.reload();
  for (let step = 0; step < 2; step++) {
    await leader.page
      .locator('tr', { hasText: title })
      .getByRole('button', { name: step === 0 ? '同意' : '签发', exact: true })
      .click();
    if (step === 0) await leader.page.locator('tr', { hasText: title }).getByText('→ 分管领导').waitFor();
  }
  // Approved: it waits to be sent (the drafter's page is read again only once the approval has landed).
  await leader.page.locator('tr', { hasText: title }).getByRole('button', { name: '发送' }).waitFor();
  await page.reload();
  await sendFromRow(page, page.locator('tr', { hasText: title }));
  await page.waitForURL('**/sent/**');
  await kpi(page, 'total').getByText('2', { exact: true }).waitFor();
  await page.locator('.sheet').waitFor({ state: 'detached' });

  const xc = page.locator('tr[data-recipient="西安市新城区人民政府"]');
  // Both ask in the page's own dialog, with a labelled field (not the browser's prompt box).
  await xc.getByRole('button', { name: '调整份数' }).click();
  const quota = page.getByRole('dialog', { name: '调整份数' });
  assert.equal(await quota.getByLabel('打印份数').inputValue(), '2', 'one more than now, to start from');
  await quota.getByLabel('打印份数').fill('3');
  await quota.getByRole('button', { name: '调整份数' }).click();
  await xc.getByText('0/3').waitFor();
  // 追加列印份数 (seed 001 §10): 新城区's clerk asks for two more, saying why; the board shows it live and one click
  // grants it.
  const xcClerk = await d.as('xc.clerk');
  await xcClerk.page.locator('tr[data-delivery]', { hasText: title }).getByRole('link', { name: title }).click();
  await xcClerk.page.getByRole('button', { name: '申请追加份数' }).click();
  await xcClerk.page.getByLabel('追加份数').fill('2');
  await xcClerk.page.getByLabel('申请原因').fill('分送区政府班子成员');
  await xcClerk.page.getByRole('button', { name: '提交申请' }).click();
  await xcClerk.page.getByText('已申请追加 2 份（分送区政府班子成员），待发文单位同意').waitFor();
  await xc.getByTestId('copies-requested').getByText('申请追加 2 份').waitFor();
  await xc.getByRole('button', { name: '同意追加' }).click();
  await xc.getByText('0/5').waitFor();
  await xc.getByTestId('copies-requested').waitFor({ state: 'detached' });
  const bl = page.locator('tr[data-recipient="西安市碑林区人民政府"]');
  await bl.getByRole('button', { name: '撤回' }).click();
  const recall = page.getByRole('dialog', { name: '撤回' });
  await recall.getByLabel('原因').fill('发错单位');
  await recall.getByRole('button', { name: '撤回' }).click();
  // Recalled: no longer counted (全部 and the figures agree); shown under 已重发或撤回 with the reason.
  await page.getByRole('button', { name: '全部 (1)' }).waitFor();
  await kpi(page, 'total').getByText('1', { exact: true }).waitFor();
  await page.getByRole('button', { name: '已重发或撤回 (1)' }).click();
  await bl.getByText('已撤回').waitFor();
  await bl.getByText('发错单位').waitFor();

  // The recalled delivery is gone from 碑林区's inbox list of live documents: it shows as recalled.
  const other = await d.as('bl.clerk');
  await other.page.locator('tr', { hasText: title }).getByText('已撤回').waitFor();
});

test('the seal step: both custodians confirm with their PINs, then the office sends; the recipient sees the seal verified', async () => {
  const { gql: api, tokens } = asDemoUsers(() => d.platform);
  await makeOfficeSeal(api);
  const title = `关于用印流程的通知（${Date.now().toString(36)}）`;
  await approvedOfficeDocument(d.platform, api, tokens, title);

  const drafter = await d.as('sxb.drafter');
  await drafter.page.getByRole('link', { name: '审批', exact: true }).click();
  const row = drafter.page.locator('tr', { hasText: title });
  // Not stamped: 发送 waits, saying why, and 申请用印 is the row's main action (the send would only be refused). The
  // page knows the unit seals once its seal's requests are read: the words say so first.
  await row.getByTestId('send-after-seal').getByText('用印后方可发送').waitFor();
  assert.equal(await row.getByRole('button', { name: '发送' }).isDisabled(), true);
  assert.match((await row.locator('[title^="请先申请用印"]').getAttribute('title')) ?? '', /两名印章保管人确认后发送/);
  assert.match((await row.getByRole('button', { name: '申请用印' }).getAttribute('class')) ?? '', /primary/);
  const refused = await api('sxb.drafter', 'mutation($id: ID!, $k: String!) { sendDocument(id: $id, sendKey: $k) { id } }', {
    id: await row.getAttribute('data-document'),
    k: crypto.randomUUID(),
  });
  assert.equal(refused.errors?.[0]?.extensions?.code, 'SEAL_REQUIRED', 'the service refuses it all the same');
  await row.getByRole('button', { name: '申请用印' }).click();
  await drafter.page.getByText('已申请用印').waitFor();
  await row.getByText('待印章保管人确认').waitFor();
  // 发送 waits while the custodians have not confirmed.
  assert.equal(await row.getByRole('button', { name: '发送' }).isDisabled(), true);

  for (const [keeper, expected] of [
    ['sxb.seal', '已确认，待另一名保管人确认'],
    ['sxb.seal2', '已用印'],
  ] as const) {
    const { page } = await d.as(keeper);
    await page.getByRole('link', { name: '印章', exact: true }).click();
    const request = page.locator(`tr[data-stamp-request="${title}"]`);
    // What is stamped is read first: the document as it will be sent, with who approved it.
    await request.getByRole('button', { name: title }).click();
    // The head of the office's approval ends the chain: it reads 签发.
    await page.getByTestId('stamp-preview').getByText('陈志刚 · 已签发', { exact: false }).first().waitFor();
    await request.getByLabel('保管口令').fill(OFFICE_PINS[keeper]);
    if (keeper === 'sxb.seal2') await shot(page, 'seals');
    await request.getByRole('button', { name: '确认用印' }).click();
    await page.getByRole('status').getByText(expected).waitFor();
  }

  // A custodian changes their own PIN on the seal's card; the register says so. (Changed back for the tests after.)
  {
    const { page } = await d.as('sxb.seal');
    await page.getByRole('link', { name: '印章', exact: true }).click();
    await page.getByRole('button', { name: '修改保管口令' }).click();
    const change = page.getByTestId('pin-change');
    await change.getByLabel('当前口令').fill(OFFICE_PINS['sxb.seal']);
    await change.getByLabel('新口令（6至12位数字）').fill('864209');
    await change.getByLabel('再次输入新口令').fill('864208');
    await change.getByText('两次输入的新口令不一致').waitFor();
    assert.equal(await change.getByRole('button', { name: '确认修改' }).isDisabled(), true);
    await change.getByLabel('再次输入新口令').fill('864209');
    await change.getByRole('button', { name: '确认修改' }).click();
    await page.getByRole('status').getByText('保管口令已修改').waitFor();
    const office = (await api('sxb.admin', '{ me { orgId } }')).data?.me.orgId;
    const sealId = (await api('sxb.admin', 'query($o: ID!) { seals(orgId: $o) { id status } }', { o: office })).data?.seals.find(
      (x: { status: string }) => x.status === 'ACTIVE',
    )?.id;
    const back = await api('sxb.seal', 'mutation($s: ID!) { changeCustodyPin(sealId: $s, currentPin: "864209", newPin: "135790") { id } }', { s: sealId });
    assert.equal(back.errors, undefined, JSON.stringify(back.errors));

    // 保管交接: the custodian hands their share to a new seal keeper, chosen by name, with the PIN and the reason; the
    // seal waits for the new keeper. (Taken over and handed back by the API, for the send after.)
    const created = await api('sxb.admin', 'mutation($in: CreateUserInput!) { createUser(input: $in) { user { id } oneTimePassword } }', {
      in: { orgId: office, username: 'sxb.seal3', displayName: '刘敏', roles: ['SEAL_KEEPER'] },
    });
    assert.equal(created.errors, undefined, JSON.stringify(created.errors));
    await page.reload();
    await page.getByRole('button', { name: '保管交接' }).click();
    const handover = page.getByTestId('custody-handover');
    // The unit's seal keepers are read as the form opens.
    await handover.getByLabel('交给').locator('option', { hasText: '刘敏' }).waitFor({ state: 'attached' });
    const choices = await handover.getByLabel('交给').locator('option').allTextContents();
    assert.deepEqual(choices.slice(1), ['刘敏'], 'another seal keeper, by name; not the other custodian');
    await handover.getByLabel('交给').selectOption({ label: '刘敏' });
    await handover.getByLabel('当前口令').fill(OFFICE_PINS['sxb.seal']);
    await handover.getByLabel('交接原因').fill('岗位调整');
    await handover.getByRole('button', { name: '确认交接' }).click();
    await page.locator('[data-seal="PENDING_CUSTODY"]').getByText('待保管人接管').waitFor();
    const seal3 = await d.platform.gql(
      'mutation($u: String!, $n: String!, $c: String!) { changeInitialPassword(username: $u, newPassword: $n, currentPassword: $c) { token } }',
      { u: 'sxb.seal3', n: 'Keeper@2026x', c: created.data?.createUser.oneTimePassword },
    );
    const t3 = seal3.data?.changeInitialPassword.token as string;
    const custody = 'mutation($s: ID!, $p: String!) { acceptSealCustody(sealId: $s, pin: $p) { status } }';
    assert.equal((await d.platform.gql(custody, { s: sealId, p: '582046' }, t3)).data?.acceptSealCustody.status, 'ACTIVE');
    const [seal1] = await d.platform.superQuery<{ id: string }>("select id from org.users where username = 'sxb.seal'");
    const handBack = await d.platform.gql(
      'mutation($s: ID!, $to: ID!) { handOverSealCustody(sealId: $s, currentPin: "582046", toUserId: $to, reason: "交还") { status } }',
      { s: sealId, to: seal1?.id },
      t3,
    );
    assert.equal(handBack.errors, undefined, JSON.stringify(handBack.errors));
    assert.equal((await api('sxb.seal', custody, { s: sealId, p: OFFICE_PINS['sxb.seal'] })).data?.acceptSealCustody.status, 'ACTIVE');
  }

  await drafter.page.reload();
  // The row says the seal is on it, and asks for no second stamp.
  const stamped = drafter.page.locator('tr', { hasText: title });
  await stamped.getByText('已用印', { exact: true }).waitFor();
  assert.equal(await stamped.getByRole('button', { name: '申请用印' }).count(), 0);
  await sendFromRow(drafter.page, stamped);
  await drafter.page.waitForURL('**/sent/**');

  const clerk = await d.as('xa.clerk');
  await clerk.page.getByRole('link', { name: title }).click();
  const check = clerk.page.getByTestId('seal-check');
  await check.getByText('电子印章验证通过').waitFor();
  assert.equal(await check.getAttribute('data-valid'), 'true');
  await check.getByText('公文内容未被改动').waitFor();
  await check.getByRole('img', { name: '电子印章' }).waitFor();
  // The sheet shows the seal where the print presses it (over the 署名 and the date) and the next copy's 份号.
  const sheetSeal = clerk.page.locator('.sheet .signature').getByTestId('sheet-seal');
  await sheetSeal.getByRole('img', { name: '电子印章' }).waitFor();
  assert.match((await clerk.page.getByTestId('sheet-copy-number').textContent()) ?? '', /^份号 \d{6}（下一份）预览/);
  await shot(clerk.page, 'document-sealed');

  // 证据包: the clerk downloads the sealed document's evidence package from its page, and it verifies offline, naming it.
  const evidence = await downloaded(
    Promise.all([clerk.page.waitForEvent('download'), clerk.page.getByTestId('evidence-package').getByRole('button', { name: '下载证据包' }).click()]).then(
      ([dl]) => dl,
    ),
  );
  const verified = verifyPackage(new Uint8Array(fs.readFileSync(evidence)));
  assert.equal(verified.valid, true, JSON.stringify(verified.verdicts.filter((v) => !v.ok)));
  assert.deepEqual(verified.document, { orgName: '陕西省人民政府办公厅', title });
  // The platform's roots, saved from the same page with their fingerprints, are what the package is checked against.
  await clerk.page.getByTestId('platform-roots').locator('summary').click();
  const roots: Uint8Array[] = [];
  for (const suite of ['SM2', 'RSA']) {
    const row = clerk.page.locator(`tr[data-root="${suite}"]`);
    const saved = await downloaded(Promise.all([clerk.page.waitForEvent('download'), row.getByRole('button').click()]).then(([dl]) => dl));
    const der = new Uint8Array(Buffer.from(fs.readFileSync(saved, 'utf8').replace(/-----[^-]+-----|\s/g, ''), 'base64'));
    assert.equal(
      await row.locator('.fingerprint').textContent(),
      createHash('sha256').update(der).digest('hex'),
      `${suite}: the fingerprint shown is the file's`,
    );
    roots.push(der);
  }
  const anchored = verifyPackage(new Uint8Array(fs.readFileSync(evidence)), { roots });
  assert.equal(anchored.valid, true, JSON.stringify(anchored.verdicts.filter((v) => !v.ok)));
});

test('用印专用终端: the administrator registers the computer it sits at and keeps the seal to it; a custodian confirms there, not at another computer', async () => {
  const { gql: api, tokens } = asDemoUsers(() => d.platform);
  const title = `关于专用终端用印的通知（${Date.now().toString(36)}）`;
  await approvedOfficeDocument(d.platform, api, tokens, title);
  // The seal office's computer: its administrator registers it, with the keeper who looks after it.
  const { context, page } = await d.as('sxb.admin');
  await page.getByRole('link', { name: '印章', exact: true }).click();
  await page.getByTestId('this-terminal').getByText('尚未登记用印专用终端').waitFor();
  await page.getByLabel('终端名称').fill('办公室用印专用机');
  await page.getByLabel('管理人').selectOption({ label: '杨丽' });
  await page.getByRole('button', { name: '登记本机为用印专用终端' }).click();
  await page.getByTestId('this-terminal').getByText('本机已登记为用印专用终端：办公室用印专用机').waitFor();
  await page.locator('tr[data-terminal="办公室用印专用机"]').getByText('本机').waitFor();
  await page.getByRole('button', { name: '仅限在专用终端上用印' }).click();
  await page.getByText('本单位印章仅限在登记的专用终端上使用。').waitFor();
  // The seal's file keeps the scan of the paper impression its application sent (seed 001 §28).
  await page.locator('[data-seal="ACTIVE"]').getByTestId('impression').getByRole('img', { name: '纸质印模' }).waitFor();
  const drafter = await d.as('sxb.drafter');
  await drafter.page.getByRole('link', { name: '审批', exact: true }).click();
  await drafter.page.locator('tr', { hasText: title }).getByRole('button', { name: '申请用印' }).click();
  await drafter.page.getByText('已申请用印').waitFor();

  // At another computer the custodian is told why, and given no PIN field.
  const elsewhere = await d.as('sxb.seal2');
  await elsewhere.page.getByRole('link', { name: '印章', exact: true }).click();
  const there = elsewhere.page.locator(`tr[data-stamp-request="${title}"]`);
  await there.getByTestId('not-a-terminal').waitFor();
  assert.equal(await there.getByLabel('保管口令').count(), 0);

  // At the terminal, each custodian in turn (the same browser, logged in as each).
  for (const [keeper, expected] of [
    ['sxb.seal', '已确认，待另一名保管人确认'],
    ['sxb.seal2', '已用印'],
  ] as const) {
    await page.getByRole('button', { name: '退出', exact: true }).click();
    await page.waitForURL('**/login**');
    await page.fill('input[name=username]', keeper);
    await page.fill('input[name=password]', 'Yizhan@2026');
    await page.click('button[type=submit]');
    // Back where the last one logged out (印章), as the login page returns one.
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
    await page.getByRole('link', { name: '印章', exact: true }).click();
    const request = page.locator(`tr[data-stamp-request="${title}"]`);
    await request.getByLabel('保管口令').fill(OFFICE_PINS[keeper]);
    await request.getByRole('button', { name: '确认用印' }).click();
    await page.getByRole('status').getByText(expected).waitFor();
  }
  assert.equal(context.pages().length, 1);
  // The register says where it was used; the seal is let out of its terminals again for the tests after.
  const office = (await api('sxb.admin', '{ me { orgId } }')).data?.me.orgId;
  const seal = (await api('sxb.admin', 'query($o: ID!) { seals(orgId: $o) { id status } }', { o: office })).data?.seals.find(
    (x: { status: string }) => x.status === 'ACTIVE',
  );
  const log = (await api('sxb.admin', 'query($s: ID!) { sealLog(sealId: $s) { action detail } }', { s: seal.id })).data?.sealLog as {
    action: string;
    detail: string;
  }[];
  assert.equal(JSON.parse(log.filter((e) => e.action === 'USED').at(-1)?.detail ?? '{}').terminal, '办公室用印专用机');
  const off = await api('sxb.admin', 'mutation($s: ID!) { setSealTerminalOnly(sealId: $s, required: false) { terminalOnly } }', { s: seal.id });
  assert.equal(off.data?.setSealTerminalOnly.terminalOnly, false);
});

test('certificate login: the head approves in the dashboard; the holder’s key signs in the browser; another key is refused; the same key signs a 签收’s receipt too; an approver signs an approval with theirs', async () => {
  const keys = generateKeyPair('SM2');
  const applied = await d.platform.gql(
    'mutation($i: CertificateApplicationInput!) { applyForCertificate(input: $i) { id } }',
    { i: { usage: 'IDENTITY', suite: 'SM2', csr: createCsr(keys, { commonName: 'xc.clerk' }) } },
    await d.platform.login('xc.clerk'),
  );
  assert.equal(applied.errors, undefined, JSON.stringify(applied.errors));
  // The head of 新城区 approves in the dashboard.
  const { page: leaderPage } = await d.as('xc.leader');
  // It waits in his 待办 too, by the holder's name.
  await leaderPage.goto(`${d.url}/todo`);
  await leaderPage.getByTestId('decisions').getByText('王秀兰', { exact: false }).waitFor();
  await leaderPage.getByRole('link', { name: '证书', exact: true }).click();
  await leaderPage.locator('tr[data-application="王秀兰"]').getByRole('button', { name: '同意签发' }).click();
  await leaderPage.locator('tr[data-application="王秀兰"]').waitFor({ state: 'detached' });
  // A second application, by 新城区's drafter, is refused with its reason, asked in the page's own dialog.
  const second = await d.platform.gql(
    'mutation($i: CertificateApplicationInput!) { applyForCertificate(input: $i) { id } }',
    { i: { usage: 'IDENTITY', suite: 'SM2', csr: createCsr(generateKeyPair('SM2'), { commonName: 'xc.drafter' }) } },
    await d.platform.login('xc.drafter'),
  );
  assert.equal(second.errors, undefined, JSON.stringify(second.errors));
  await leaderPage.reload();
  await leaderPage.locator('tr[data-application="林强"]').getByRole('button', { name: '驳回' }).click();
  const refusal = leaderPage.getByRole('dialog', { name: '驳回' });
  await refusal.getByLabel('驳回理由').fill('请使用单位统一配发的密钥介质');
  await refusal.getByRole('button', { name: '驳回' }).click();
  await leaderPage.locator('tr[data-application="林强"]').waitFor({ state: 'detached' });
  const refused = await d.platform.gql<{ certificateApplications: { id: string; status: string; decisionNote: string; decidedByName: string }[] }>(
    '{ certificateApplications(status: "REJECTED") { id status decisionNote decidedByName } }',
    {},
    await d.platform.login('xc.leader'),
  );
  assert.deepEqual(
    refused.data?.certificateApplications.filter((a) => a.id === second.data?.applyForCertificate.id).map((a) => [a.decisionNote, a.decidedByName]),
    [['请使用单位统一配发的密钥介质', '罗文彬']],
  );
  // The head keeps what he decided in view; the applicant reads the refusal, by whom and why, under 我的申请.
  await leaderPage.getByTestId('decided-applications').getByText('林强', { exact: false }).first().waitFor();
  const { page: applicant } = await d.as('xc.drafter');
  await applicant.getByRole('link', { name: '证书', exact: true }).click();
  await applicant
    .locator('[data-testid=my-applications] tr[data-application-status=REJECTED]')
    .filter({ hasText: '罗文彬' })
    .filter({ hasText: '理由：请使用单位统一配发的密钥介质' })
    .waitFor();
  // He applies again with a key made in the browser: saved to his computer, the request filled in; approved, it logs
  // him in (the saved PEM is what the login reads).
  const saving = applicant.waitForEvent('download');
  await applicant.getByTestId('browser-key').click();
  const savedKey = await saving;
  assert.equal(savedKey.suggestedFilename(), 'xc.drafter-sm2-key.pem');
  const browserKeyFile = path.join(os.tmpdir(), `yizhan-${process.pid}-xc.drafter-sm2-key.pem`);
  await savedKey.saveAs(browserKeyFile);
  assert.match(await applicant.getByPlaceholder('-----BEGIN CERTIFICATE REQUEST-----').inputValue(), /^-----BEGIN CERTIFICATE REQUEST-----/);
  await applicant.getByRole('button', { name: '提交申请', exact: true }).click();
  await applicant.getByRole('status').getByText('已提交申请，待本单位负责人审批', { exact: false }).waitFor();
  const again = (
    await d.platform.gql<{ certificateApplications: { id: string; holderName: string }[] }>(
      '{ certificateApplications(status: "PENDING") { id holderName } }',
      {},
      await d.platform.login('xc.leader'),
    )
  ).data?.certificateApplications.find((a) => a.holderName === '林强');
  assert.ok(again, 'the new application waits for the head');
  const issued = await d.platform.gql(
    'mutation($id: ID!) { decideCertificateApplication(id: $id, approve: true) { status } }',
    { id: again.id },
    await d.platform.login('xc.leader'),
  );
  assert.equal(issued.data?.decideCertificateApplication.status, 'ISSUED', JSON.stringify(issued.errors));
  const keyLogin = await (await d.browser.newContext()).newPage();
  await keyLogin.goto(`${d.url}/login`);
  await keyLogin.getByRole('button', { name: '使用数字证书登录' }).click();
  await keyLogin.fill('input[name=username]', 'xc.drafter');
  await keyLogin.setInputFiles('input[name=keyFile]', browserKeyFile);
  await keyLogin.click('button[type=submit]');
  await keyLogin.waitForURL('**/inbox');
  fs.rmSync(browserKeyFile, { force: true });

  // A key the platform made for a holder without one is handed over once as a .p12, under the 保护口令 they chose; the
  // login page reads that file itself with the 保护口令 (no OpenSSL step): a wrong one is named, the right one logs in.
  const serverKey = await d.platform.gql(
    'mutation($i: CertificateApplicationInput!) { applyForCertificate(input: $i) { id } }',
    { i: { usage: 'IDENTITY', suite: 'RSA', serverKey: true } },
    await d.platform.login('xc.admin'),
  );
  assert.equal(serverKey.errors, undefined, JSON.stringify(serverKey.errors));
  const keyApproved = await d.platform.gql(
    'mutation($id: ID!) { decideCertificateApplication(id: $id, approve: true) { status } }',
    { id: serverKey.data?.applyForCertificate.id },
    await d.platform.login('xc.leader'),
  );
  assert.equal(keyApproved.data?.decideCertificateApplication.status, 'APPROVED', JSON.stringify(keyApproved.errors));
  const { page: holder } = await d.as('xc.admin');
  await holder.getByRole('link', { name: '证书', exact: true }).click();
  await holder.getByLabel('保护口令').fill('Shou#2026key');
  const collecting = holder.waitForEvent('download');
  await holder.getByRole('button', { name: '领取', exact: true }).click();
  const p12File = await downloaded(collecting);
  const p12Login = await (await d.browser.newContext()).newPage();
  await p12Login.goto(`${d.url}/login`);
  await p12Login.getByRole('button', { name: '使用数字证书登录' }).click();
  await p12Login.fill('input[name=username]', 'xc.admin');
  await p12Login.setInputFiles('input[name=keyFile]', p12File);
  await p12Login.fill('input[name=keyPassword]', 'not-the-password');
  await p12Login.click('button[type=submit]');
  await p12Login.locator('[role=alert][data-code="KEY_PASSWORD_WRONG"]').getByText('保护口令不对', { exact: false }).waitFor();
  await p12Login.fill('input[name=keyPassword]', 'Shou#2026key');
  await p12Login.click('button[type=submit]');
  await p12Login.waitForURL('**/inbox');
  await p12Login.getByText('高鹏').first().waitFor();

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yizhan-key-'));
  const keyFile = path.join(dir, 'xc.clerk.sm2.key');
  fs.writeFileSync(keyFile, keys.privateKey);
  const wrongFile = path.join(dir, 'other.sm2.key');
  fs.writeFileSync(wrongFile, generateKeyPair('SM2').privateKey);
  // The same key as OpenSSL and GmSSL write an SM2 key (PKCS#8 PEM): what a holder logs in with.
  const pemFile = path.join(dir, 'xc.clerk.sm2.pem');
  const ecKey = Buffer.concat([Buffer.from('30250201010420', 'hex'), Buffer.from(keys.privateKey, 'hex')]);
  const pkcs8 = Buffer.concat([Buffer.from('020100301306072a8648ce3d020106082a811ccf5501822d', 'hex'), Buffer.from([0x04, ecKey.length]), ecKey]);
  const der = Buffer.concat([Buffer.from([0x30, pkcs8.length]), pkcs8]);
  fs.writeFileSync(pemFile, `-----BEGIN PRIVATE KEY-----\n${der.toString('base64')}\n-----END PRIVATE KEY-----\n`);
  const context = await d.browser.newContext();
  const page = await context.newPage();
  await page.goto(`${d.url}/login`);
  await page.getByRole('button', { name: '使用数字证书登录' }).click();
  await page.fill('input[name=username]', 'xc.clerk');
  await page.setInputFiles('input[name=keyFile]', wrongFile);
  await page.click('button[type=submit]');
  await page.locator('[role=alert][data-code="SIGNATURE_INVALID"]').waitFor();
  await page.setInputFiles('input[name=keyFile]', pemFile);
  await page.click('button[type=submit]');
  await page.waitForURL('**/inbox');
  await page.getByText('王秀兰').waitFor();
  await page.getByRole('link', { name: '证书', exact: true }).click();
  await page.locator('tr[data-certificate="IDENTITY"] [data-testid=certificate-state]').getByText('有效').waitFor();
  await shot(page, 'certificates');

  // With the same key the clerk signs a 签收's receipt too: it is signed in the browser, and the sender's copy of the
  // receipt names the clerk and verifies with their certificate.
  const title = `本人证书签收测试 ${Date.now()}`;
  const drafter = await d.platform.login('xa.drafter');
  const leader = await d.platform.login('xa.leader');
  const xincheng = await d.platform.orgId('610102');
  const made = await d.platform.gql(
    'mutation($in: DraftInput!) { createDraft(input: $in) { id } }',
    { in: { docType: '通知', title, body: '正文', docPrefix: '市政发', recipients: [{ orgIds: [xincheng] }] } },
    drafter,
  );
  const docId = made.data?.createDraft.id as string;
  await d.platform.gql('mutation($id: ID!) { submitForApproval(id: $id) { id } }', { id: docId }, drafter);
  for (let i = 0; i < 2; i++) await d.platform.gql('mutation($id: ID!) { approveDocument(id: $id) { id } }', { id: docId }, leader);
  const sent = await d.platform.gql(
    'mutation($id: ID!, $k: String!) { sendDocument(id: $id, sendKey: $k) { status } }',
    { id: docId, k: `own-${Date.now()}` },
    await d.platform.login('xa.clerk'),
  );
  assert.equal(sent.data?.sendDocument.status, 'SENT', JSON.stringify(sent.errors));
  await page.getByRole('link', { name: '收文', exact: true }).click();
  await page.getByRole('link', { name: title }).click();
  await page.getByTestId('received-at').getByText('王秀兰').waitFor();
  // Drafted through the API without 成文日期 or 印发日期: the sheet's foot dates it by its 签发, as the print does.
  assert.match((await page.locator('.sheet .foot').textContent()) ?? '', /西安市人民政府 \d{4}年\d{1,2}月\d{1,2}日印发$/);
  const checks = page.getByTestId('sign-checks');
  for (const box of await checks.getByRole('checkbox').all()) await box.check();
  await page.setInputFiles('[data-testid=own-key]', keyFile);
  await checks.getByRole('button', { name: '本人签名并签收' }).click();
  await page.getByTestId('signed-at').getByText('王秀兰').waitFor();
  const receipts = await d.platform.gql(
    'query($d: ID!) { deliveryReceipts(documentId: $d) { action signerName personCertificate valid } }',
    { d: docId },
    await d.platform.login('xa.clerk'),
  );
  const own = (receipts.data?.deliveryReceipts as { action: string; signerName: string; personCertificate: string; valid: boolean }[]).find(
    (r) => r.action === 'SIGNED',
  );
  assert.equal(own?.signerName, '王秀兰');
  assert.ok(own?.personCertificate && own.valid, JSON.stringify(receipts));
  await context.close();
  // The sender's board says so beside the clerk's name.
  const { page: sender } = await d.as('xa.clerk');
  await sender.goto(`${d.url}/sent/${docId}`);
  await sender.getByTestId('signed').getByText('王秀兰').waitFor();
  await sender.getByTestId('signed-in-person').getByText('（本人签名）').waitFor();

  // An approver signs their approval with their own key the same way: 省政府办公厅's 处室负责人 holds an identity
  // certificate (the office's head approves it); in 审批 they choose their key file, the button becomes 本人签名并批准,
  // and the approval, signed in the browser, is shown as 本人签名 and verifies with their certificate.
  const approverKeys = generateKeyPair('SM2');
  const approverFile = path.join(dir, 'sxb.approver.sm2.key');
  fs.writeFileSync(approverFile, approverKeys.privateKey);
  const sxb = async (user: string, query: string, variables: Record<string, unknown>) => {
    const r = await d.platform.gql(query, variables, await d.platform.login(user));
    assert.equal(r.errors, undefined, JSON.stringify(r.errors));
    return r.data as Record<string, any>;
  };
  const application = await sxb('sxb.approver', 'mutation($i: CertificateApplicationInput!) { applyForCertificate(input: $i) { id } }', {
    i: { usage: 'IDENTITY', suite: 'SM2', csr: createCsr(approverKeys, { commonName: 'sxb.approver' }) },
  });
  await sxb('sxb.leader', 'mutation($id: ID!) { decideCertificateApplication(id: $id, approve: true) { id } }', { id: application.applyForCertificate.id });
  const approvalTitle = `本人证书审批测试 ${Date.now()}`;
  const draftId = (
    await sxb('sxb.drafter', 'mutation($in: DraftInput!) { createDraft(input: $in) { id } }', {
      in: { docType: '通知', title: approvalTitle, body: '正文', docPrefix: '陕政办发', recipients: [{ orgIds: [await d.platform.orgId('610100')] }] },
    })
  ).createDraft.id as string;
  await sxb('sxb.drafter', 'mutation($id: ID!) { submitForApproval(id: $id) { id } }', { id: draftId });
  const { page: approver } = await d.as('sxb.approver');
  await approver.getByRole('link', { name: '审批', exact: true }).click();
  const waiting = approver.locator(`tr[data-document="${draftId}"]`);
  await waiting.getByLabel('审批意见').fill('同意，请办公厅领导签发');
  await approver.setInputFiles('[data-testid=own-key]', approverFile);
  await waiting.getByRole('button', { name: '本人签名并批准' }).click();
  // Approved: on to the office's head (审批中), where its preview shows the approval signed by the approver.
  await waiting.getByRole('button', { name: '本人签名并批准' }).waitFor({ state: 'detached' });
  await approver.locator(`tr[data-document="${draftId}"]`).getByRole('button', { name: approvalTitle }).click();
  await approver.getByTestId('signed-by-person').waitFor();
  const shown = await sxb(
    'sxb.drafter',
    'query($id: ID!) { document(id: $id) { approvals { action comment signature { signedByPerson personCertificate valid } } } }',
    {
      id: draftId,
    },
  );
  const approved = (shown.document.approvals as { action: string; comment: string; signature: Record<string, unknown> | null }[]).find(
    (a) => a.action === 'APPROVED',
  );
  assert.equal(approved?.comment, '同意，请办公厅领导签发');
  assert.ok(approved?.signature?.signedByPerson && approved.signature.personCertificate && approved.signature.valid, JSON.stringify(shown));

  // 注销 (seed 003 §25): the approver applies to cancel his certificate, naming why; it stays in force until the
  // head approves; then it is revoked with that reason. (Alone he could revoke it only for a compromised key.)
  await approver.getByRole('link', { name: '证书', exact: true }).click();
  const ownCert = approver.locator('tr[data-certificate="IDENTITY"]');
  await ownCert.getByRole('button', { name: '申请注销' }).click();
  const cancelling = approver.getByRole('dialog', { name: '申请注销' });
  await cancelling.getByLabel('注销原因').selectOption('AFFILIATION_CHANGED');
  await cancelling.getByRole('button', { name: '提交注销申请' }).click();
  await approver.getByRole('status').getByText('已提交注销申请', { exact: false }).waitFor();
  await approver.locator('[data-testid=my-applications] tr[data-application-status=PENDING]').getByText('注销（离岗或调离）', { exact: false }).waitFor();
  await ownCert.getByTestId('certificate-state').getByText('有效').waitFor();
  const { page: head } = await d.as('sxb.leader');
  await head.getByRole('link', { name: '证书', exact: true }).click();
  const toCancel = head.locator('tr[data-application]').filter({ hasText: '注销（离岗或调离）' });
  await toCancel.getByRole('button', { name: '同意注销' }).click();
  await toCancel.waitFor({ state: 'detached' });
  await approver.reload();
  await ownCert.getByTestId('certificate-state').getByText('已吊销（离岗或调离）').waitFor();
  fs.rmSync(dir, { recursive: true, force: true });
});

test('the archive: the archivist archives the city’s notice; a clerk asks to read it, the archivist approves, the reading is registered', async () => {
  const { page: archivist } = await d.as('xa.archivist');
  await archivist.getByRole('link', { name: '档案', exact: true }).click();
  const waiting = archivist.locator('tr', { hasText: '关于做好冬季安全生产工作的通知' }).first();
  // Not every county has signed for it yet: the queue says how many, and archiving now asks to be confirmed.
  const queued = await waiting.getAttribute('data-queue');
  const sent = (
    (await api('xa.archivist', '{ archivalQueue { documentId recipients unsigned } }')).archivalQueue as {
      documentId: string;
      recipients: number;
      unsigned: number;
    }[]
  ).find((q) => q.documentId === queued);
  assert.ok(sent && sent.unsigned > 0, JSON.stringify(sent));
  await waiting.getByTestId('queue-unsigned').getByText(`${sent.unsigned} / ${sent.recipients} 个收文单位尚未签收`).waitFor();
  await waiting.getByRole('button', { name: '归档' }).click();
  await waiting.getByText('现在归档，档案只记录此刻的签收情况').waitFor();
  await waiting.getByRole('button', { name: '确认归档' }).click();
  const record = archivist.locator('tr[data-record]', { hasText: '关于做好冬季安全生产工作的通知' }).first();
  await record.getByText('已归档').waitFor();
  const number = await record.getAttribute('data-record');
  assert.match(number ?? '', /^610100-WS·\d{4}-D30-FW-\d{4}$/);
  await archivist.getByTestId('chain').getByText('证据链完整').waitFor();

  const { page: clerk } = await d.as('xa.clerk');
  await clerk.getByRole('link', { name: '档案', exact: true }).click();
  await clerk.locator(`tr[data-record="${number}"]`).getByRole('button').click();
  await clerk.getByTestId('four-properties').getByText('真实性').waitFor();
  // What the record is, from its catalogue entry, before any reading: its creator, its number, how long it is kept.
  const entry = clerk.getByTestId('catalogue-entry');
  await entry.getByText('西安市人民政府', { exact: true }).waitFor();
  assert.match((await entry.textContent()) ?? '', /档号.*610100-WS·\d{4}-D30-FW-\d{4}.*文号.*市政发〔\d{4}〕\d+号.*责任者.*保管期限30年/);
  // Its 页数 from the 版式文件, and the 公开属性 the drafter chose (主动公开, the first test's).
  assert.match((await entry.textContent()) ?? '', /页数[1-9]\d* 页公开属性主动公开/);
  await clerk.getByLabel('调阅目的').fill('核对本年度安全生产部署');
  await clerk.getByRole('button', { name: '申请调阅' }).click();
  await clerk.getByText('调阅申请待档案员审批').waitFor();

  await archivist.reload();
  await archivist.locator(`tr[data-access-request="${number}"]`).getByRole('button', { name: '同意调阅' }).click();
  await archivist.locator(`tr[data-access-request="${number}"]`).waitFor({ state: 'detached' });

  await clerk.reload();
  await clerk.locator(`tr[data-record="${number}"]`).getByRole('button').click();
  // The year's figures count the reading as soon as it is made, without a reload.
  const readings = clerk.locator('.kpi', { has: clerk.locator('.l', { hasText: /^调阅次数$/ }) }).locator('.n');
  const before = Number(await readings.textContent());
  await clerk.getByTestId('access-log').waitFor({ state: 'detached' });
  await clerk.getByText('尚无调阅').waitFor();
  await clerk.getByRole('button', { name: '阅读档案' }).click();
  await clerk.getByTestId('archived-content').getByText('入冬以来，请切实做好安全生产工作，台账按<GB/T 9704>格式报送。').waitFor();
  // What it is comes first, as on its sheet: its title, its sender and its 文号.
  const head = clerk.getByTestId('archived-head');
  await head.getByRole('heading', { name: /^关于做好冬季安全生产工作的通知/ }).waitFor();
  assert.match((await head.textContent()) ?? '', /西安市人民政府 · 市政发〔\d{4}〕\d+号 · 成文日期：\d{4}年\d{1,2}月\d{1,2}日主送：各区县人民政府$/);
  await clerk
    .locator('.kpi', { has: clerk.locator('.l', { hasText: /^调阅次数$/ }) })
    .locator('.n', { hasText: new RegExp(`^${before + 1}$`) })
    .waitFor();
  // Its process is kept with it, in words: the county that opened and signed for it, by whom (the first test's steps).
  const kept = clerk.getByTestId('archived-process').locator('[data-archived-delivery="西安市新城区人民政府"]');
  await kept.getByText('主送 · 已签收').waitFor();
  await kept.getByText('王秀兰 · 接收 · 打开').waitFor();
  await kept.getByText(/王秀兰 · 签收 · 收文编号 收〔\d{4}〕\d+号/).waitFor();
  // The counties where nothing happened after delivery, one line naming them.
  await clerk
    .getByTestId('archived-waiting')
    .getByText(/已送达、未接收（\d+ 个单位）：.*西安市周至县人民政府/)
    .waitFor();
  assert.doesNotMatch((await clerk.getByTestId('archived-process').textContent()) ?? '', /\b(SIGN|RECEIVE|OPEN|DELIVERED|SIGNED)\b/, 'no codes shown');
  // The register says who read it, how, why, and on whose approval.
  const registered = clerk.getByTestId('access-log').locator('tbody tr');
  await registered.first().waitFor();
  assert.deepEqual((await registered.first().locator('td').allTextContents()).slice(1), ['马晓燕', '阅读', '核对本年度安全生产部署', '郭丽娟']);
  await shot(clerk, 'archive');
});

/** 西安市 sends a notice to one unit: drafted, approved twice, sent (the API, as the city's drafter, leader and clerk). */
const sendFromXian = async (title: string, urgency: string, orgId: string) => {
  const doc = (
    await api('xa.drafter', 'mutation($in: DraftInput!) { createDraft(input: $in) { id } }', {
      in: {
        docType: '通知',
        title,
        body: `<p>${title}</p>`,
        docPrefix: '市政发',
        urgency,
        deadline: new Date(Date.now() + 86400_000).toISOString(),
        recipients: [{ orgIds: [orgId] }],
      },
    })
  ).createDraft.id as string;
  await api('xa.drafter', 'mutation($id: ID!) { submitForApproval(id: $id) { id } }', { id: doc });
  for (let i = 0; i < 2; i++) await api('xa.leader', 'mutation($id: ID!) { approveDocument(id: $id) { id } }', { id: doc });
  await api('xa.clerk', 'mutation($id: ID!, $k: String!) { sendDocument(id: $id, sendKey: $k) { status } }', { id: doc, k: `nav-${doc}` });
};

test('the dashboard speaks English on request, and keeps to the caller’s unit', async () => {
  const { page } = await d.as('bl.clerk');
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('heading', { name: 'Inbox' }).waitFor();
  await page.getByText('To sign for').first().waitFor();
  // An urgent notice arrives: its in-app notice is said in English, the sender, title and number as they are.
  const urgent = `关于做好寒潮天气防范应对工作的紧急通知（${Date.now().toString(36)}）`;
  await sendFromXian(urgent, 'URGENT', await d.platform.orgId('610103'));
  const told = page.getByTestId('notification').filter({ hasText: urgent });
  await told.waitFor({ timeout: 15_000 });
  assert.match(
    (await told.textContent()) ?? '',
    new RegExp(
      `^⚡ Urgent document from 西安市人民政府: “${urgent.replace(/[()（）]/g, '.')}” \\(市政发〔\\d{4}〕\\d+号\\) has arrived\\. Please sign for it and handle it at once\\.`,
    ),
  );
  await told.getByRole('button', { name: 'Dismiss' }).click();
  await told.waitFor({ state: 'detached' });
  // The city urges it: the 催办's notice comes at once, in English, and the delivery's history says how it went out.
  const urgedId = (await api('bl.clerk', 'query($s: String!) { inbox(filter: {search: $s}) { nodes { id } } }', { s: urgent })).inbox.nodes[0].id;
  await api('xa.clerk', 'mutation($ids: [ID!]!) { urgeDeliveries(ids: $ids, note: "请今天下班前签收") { id } }', { ids: [urgedId] });
  const urged = page.getByTestId('notification').filter({ hasText: 'Urged:' }).filter({ hasText: urgent });
  await urged.waitFor({ timeout: 15_000 });
  assert.match((await urged.textContent()) ?? '', /Urged: your unit has not yet signed for 西安市人民政府’s “.*”.* 请今天下班前签收 — .+, 西安市人民政府/);
  await page.goto(`${d.url}/inbox/${urgedId}`);
  await page.getByText(/Urged · In-app notice(?: and SMS \([^)]*\))?(?: \(no mobile registered, no SMS\))?: 请今天下班前签收/).waitFor();

  // A document of its own is shown as issued: the screen around it speaks English, its red banner still ends in 文件.
  const mine = await d.platform.gql<{ inbox: { nodes: { id: string; status: string }[] } }>(
    '{ inbox(first: 50) { nodes { id status } } }',
    {},
    await d.platform.login('bl.clerk'),
  );
  const own = mine.data?.inbox.nodes.find((n) => ['SIGNED', 'DELIVERED', 'RECEIVED', 'PRINTED'].includes(n.status));
  assert.ok(own, 'bl.clerk has a delivery');
  if (own.status !== 'SIGNED') await api('bl.clerk', 'mutation($id: ID!) { signForDelivery(id: $id) { id } }', { id: own.id });
  await page.goto(`${d.url}/inbox/${own.id}`);
  const banner = page.getByRole('article', { name: 'Document' }).locator('.banner');
  await banner.waitFor();
  assert.match((await banner.textContent()) ?? '', /(文件|明传电报)$/);
  // Its history in English, the number the service wrote beside its 签收 included.
  await page.getByText(/Intake no\. 收〔\d{4}〕\d+号/).waitFor();

  // Another unit's delivery, by its address: the platform refuses and the page says why.
  const r = await d.platform.gql<{ inbox: { nodes: { id: string }[] } }>('{ inbox(first: 1) { nodes { id } } }', {}, await d.platform.login('xc.clerk'));
  const foreign = r.data?.inbox.nodes[0]?.id;
  assert.ok(foreign, 'xc.clerk has a delivery');
  await page.goto(`${d.url}/inbox/${foreign}`);
  await page.locator('[role=alert][data-code="NOT_FOUND"], [role=alert][data-code="FORBIDDEN"]').first().waitFor();

  // The city's board, by its address, from a county it was sent to: not the sender's board, but the way to its copy.
  const broadcast = await d.platform.gql<{ inbox: { nodes: { id: string; documentId: string; senderName: string; status: string }[] } }>(
    '{ inbox(first: 100) { nodes { id documentId senderName status } } }',
    {},
    await d.platform.login('bl.clerk'),
  );
  // A copy it holds (one recalled or resent is no longer a row of the board).
  const copy = broadcast.data?.inbox.nodes.find((n) => n.senderName === '西安市人民政府' && !['RECALLED', 'RESENT'].includes(n.status));
  assert.ok(copy, JSON.stringify(broadcast));
  await page.goto(`${d.url}/sent/${copy.documentId}`);
  await page.getByTestId('not-the-sender').waitFor();
  assert.equal(await page.getByTestId('not-the-sender').getByRole('link').getAttribute('href'), `/inbox/${copy.id}`);
  assert.equal(await page.getByRole('button', { name: /Remind|Urge|催办/ }).count(), 0, 'no sender’s action offered');

  // A clerk does not draft: 拟稿 is not offered, and by its address it says so.
  assert.equal(await page.getByRole('link', { name: 'Compose', exact: true }).count(), 0);
  await page.goto(`${d.url}/compose`);
  await page.getByTestId('not-a-drafter').waitFor();

  // Another unit's draft, by its address, opened by the provincial office's drafter: refused, with no empty form to fill.
  const xcDraft = await api('xc.drafter', 'mutation($i: DraftInput!) { createDraft(input: $i) { id } }', {
    i: { docType: '通知', title: '关于他人草稿的通知', body: '正文' },
  });
  const { page: drafter } = await d.as('sxb.drafter');
  await drafter.goto(`${d.url}/compose?id=${xcDraft.createDraft.id}`);
  await drafter.locator('[role=alert][data-code="NOT_FOUND"]').waitFor();
  assert.equal(await drafter.getByRole('form', { name: /拟稿|Compose/ }).count(), 0, 'no form to save as a new draft');
});

test('attachments: a text file is attached; an empty file and a program are refused, each named with its reason, the others kept', async () => {
  const { page } = await d.as('xc.drafter');
  await page.getByRole('link', { name: '拟稿', exact: true }).click();
  await page.getByLabel('上传附件').setInputFiles([
    { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('会议记录：第一项') },
    { name: 'empty.docx', mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', buffer: Buffer.alloc(0) },
    { name: 'evil.exe', mimeType: 'application/x-msdownload', buffer: Buffer.concat([Buffer.from('MZ'), Buffer.alloc(62)]) },
    { name: '附件二.pdf', mimeType: 'application/pdf', buffer: tinyPdf('附件二') },
  ]);
  const refusal = page.locator('[role=alert][data-code="UPLOAD_FAILED"]');
  await refusal.waitFor();
  const said = (await refusal.textContent()) ?? '';
  assert.ok(said.includes('empty.docx（文件是空的）'), said);
  assert.ok(said.includes('evil.exe（程序或宏文件不能作为公文附件'), said);
  assert.doesNotMatch(said, /notes\.txt|附件二/, 'the files that went are not named as refused');
  await page.getByRole('listitem').filter({ hasText: 'notes.txt' }).waitFor();
  await page.getByRole('listitem').filter({ hasText: '附件二.pdf' }).waitFor();
  assert.equal(await page.getByRole('listitem').filter({ hasText: 'evil.exe' }).count(), 0);
});

test('an address no page answers says so in Chinese, with the way back, and the tab has its icon', async () => {
  const { page } = await d.as('bl.clerk');
  const response = await page.goto(`${d.url}/no-such-page`);
  assert.equal(response?.status(), 404);
  await page.getByRole('heading', { name: '页面不存在' }).waitFor();
  await page.getByRole('link', { name: '返回收文' }).click();
  await page.waitForURL('**/inbox');
  const icon = await page.locator('link[rel=icon]').first().getAttribute('href');
  assert.ok(icon, 'the page names its icon');
  assert.equal((await page.request.get(new URL(icon, d.url).toString())).status(), 200);
});

test('a county narrows its routing rules; the compose page names the rule that refuses, per recipient', async () => {
  const admin = await d.as('xc.admin');
  await admin.page.getByRole('link', { name: '系统管理', exact: true }).click();
  await admin.page.getByRole('button', { name: '发送规则' }).click();
  await admin.page.getByLabel('规则说明').fill('本区不以函向市级行文');
  await admin.page.getByLabel('方向').selectOption('UP');
  await admin.page.getByLabel('效果').selectOption('DENY');
  await admin.page.locator('.chips').nth(1).getByLabel('市级').check();
  await admin.page.getByLabel('函', { exact: true }).check();
  await admin.page.getByRole('button', { name: '添加规则' }).click();
  await admin.page.locator('tr', { hasText: '本区不以函向市级行文' }).getByRole('button', { name: '删除' }).waitFor();
  // Each rule in words: the new one, and an inherited one that limits only the distance (同级), not 任意 → 任意 alone.
  const summary = (name: string) => admin.page.locator('tr', { hasText: name }).getByTestId('rule-summary').innerText();
  assert.equal(await summary('本区不以函向市级行文'), '上行 · 任意 → 市级 · 函 · 约束发文方');
  assert.equal(
    await summary('本级政府的部门和所属单位向本级政府报送（同级上行）'),
    '上行 · 任意 → 任意 · 同级 · 请示、报告、意见、函、简报 · 约束发文方 · 继承',
  );

  const { page } = await d.as('xc.drafter');
  await page.getByRole('link', { name: '拟稿', exact: true }).click();
  await page.locator('select[name=docType]').selectOption('函');
  await page.getByLabel('单位名称').fill('西安市人民政府');
  await page.getByRole('button', { name: '查找' }).click();
  await page.locator('p[data-org="西安市人民政府"]').getByRole('button', { name: '添加' }).click();
  await page.getByRole('button', { name: '检查发送范围' }).click();
  const check = page.getByTestId('routing-check');
  await check.getByText('可发送 0 个单位，拒绝 1 个').waitFor();
  const row = check.locator('tr', { hasText: '西安市人民政府' });
  await row.locator('td', { hasText: '本区不以函向市级行文' }).waitFor();
  // Why, in the reader's words.
  await row.locator('.muted', { hasText: '规则“本区不以函向市级行文”不允许发送' }).waitFor();
  // A 报告 to the same city is still allowed: the rule covers 函 only.
  await page.locator('select[name=docType]').selectOption('报告');
  await page.getByRole('button', { name: '检查发送范围' }).click();
  await check.getByText('可发送 1 个单位，拒绝 0 个').waitFor();
});

test('administration: an administrator clears the delay of an account after failed logins', async () => {
  // Five wrong passwords make bl.clerk's account wait (no lock: a stranger could cause one); the login page says so.
  const context = await d.browser.newContext();
  const login = await context.newPage();
  await login.goto(`${d.url}/login`);
  // The form's own refusal: Next.js's route announcer is an alert too.
  const refusal = login.getByRole('form', { name: '登录' }).getByRole('alert');
  for (let i = 0; i < 5; i++) {
    await login.fill('input[name=username]', 'bl.clerk');
    await login.fill('input[name=password]', `wrong-${i}`);
    await login.click('button[type=submit]');
    // This attempt's answer, not the last one's: the button is enabled again once it has come.
    await login.locator('button[type=submit]:enabled').waitFor();
    await refusal.and(login.locator('[data-code="INVALID_CREDENTIALS"]')).waitFor();
  }
  await login.fill('input[name=password]', 'Yizhan@2026');
  await login.click('button[type=submit]');
  await refusal.and(login.locator('[data-code="RATE_LIMITED"]')).waitFor();

  const { page } = await d.as('bl.admin');
  await page.getByRole('link', { name: '系统管理', exact: true }).click();
  await page.getByRole('button', { name: '用户与角色' }).click();
  const row = page.locator('tr[data-user="bl.clerk"]');
  await row.getByText('连续登录失败 5 次').waitFor();
  // Held back, not 正常: the status says so, and the button says what it lifts.
  await row.getByText('暂停登录').waitFor();
  await shot(page, 'admin');
  await row.getByRole('button', { name: '解除登录限制' }).click();
  await row.getByText('连续登录失败 5 次').waitFor({ state: 'detached' });

  await login.fill('input[name=username]', 'bl.clerk');
  await login.fill('input[name=password]', 'Yizhan@2026');
  await login.click('button[type=submit]');
  await login.waitForURL('**/inbox');
  await context.close();

  // The audit log shows the failed logins by the person's name and the unlock by the administrator's.
  await page.getByRole('button', { name: '审计日志' }).click();
  const log = page.getByTestId('audit-log');
  await log.locator('tr[data-action="unlockUser"]').getByText('梁超').waitFor();
  await log.locator('tr[data-action="login.refused"]', { hasText: '用户名或密码错误' }).first().waitFor();
  await log.locator('tr[data-action="login.refused"]').first().getByText('宋佳').waitFor();
  await page.getByLabel('类别').selectOption('LOGIN');
  await log.locator('tr[data-action="unlockUser"]').waitFor({ state: 'detached' });
  await page.getByTestId('suspicious').getByText('同一账号多次登录失败').waitFor();
  await shot(page, 'audit-log');
});

test('the unit’s handling: sections in administration, then 拟办, 批示 to a section, 承办 and 办结 from 待办, by name', async () => {
  const p = d.platform;
  // 新城区's administrator sets up 督查科 and puts its drafter in it (the demo seeds 办公室 and 综合科).
  const admin = await d.as('xc.admin');
  await admin.page.getByRole('link', { name: '系统管理', exact: true }).click();
  await admin.page.getByRole('button', { name: '内设机构' }).click();
  await admin.page.getByLabel('机构名称').fill('督查科');
  await admin.page.getByLabel('值班手机').fill('13800000002');
  await admin.page.getByRole('button', { name: '新建内设机构' }).click();
  await admin.page.locator('tr[data-section="督查科"]').waitFor();
  await admin.page.getByLabel('林强 所属机构').selectOption({ label: '督查科' });
  await admin.page.locator('tr[data-section="督查科"]').getByText('林强').waitFor();

  // 西安市 sends a notice; 新城区's clerk signs for it (through the API: the browser steps are the handling's).
  const title = '关于做好年终安全检查工作的通知';
  const xc = await p.orgId('610102');
  const doc = (
    await api('xa.drafter', 'mutation($in: DraftInput!) { createDraft(input: $in) { id } }', {
      in: { docType: '通知', title, body: `<p>${title}</p>`, docPrefix: '市政发', recipients: [{ orgIds: [xc] }] },
    })
  ).createDraft.id;
  await api('xa.drafter', 'mutation($id: ID!) { submitForApproval(id: $id) { id } }', { id: doc });
  await api('xa.leader', 'mutation($id: ID!) { approveDocument(id: $id) { id } }', { id: doc });
  await api('xa.leader', 'mutation($id: ID!) { approveDocument(id: $id) { id } }', { id: doc });
  await api('xa.clerk', 'mutation($id: ID!, $k: String!) { sendDocument(id: $id, sendKey: $k) { status } }', { id: doc, k: `handling-${Date.now()}` });
  const delivery = (await api('xa.clerk', 'query($id: ID!) { document(id: $id) { deliveries { id } } }', { id: doc })).document.deliveries[0].id;
  await api('xc.clerk', 'mutation($id: ID!) { signForDelivery(id: $id) { id } }', { id: delivery });

  // 拟办: the clerk finds it in 待办 and proposes.
  const clerk = await d.as('xc.clerk');
  await clerk.page.getByRole('link', { name: '待办', exact: true }).click();
  await clerk.page.locator('tr[data-todo="PROPOSE"]', { hasText: title }).getByRole('link', { name: title }).click();
  await clerk.page.getByLabel('拟办意见').fill('拟请督查科办理。');
  await clerk.page.getByRole('button', { name: '拟办', exact: true }).click();
  await clerk.page.getByTestId('handling-status').getByText('已拟办，待批示').waitFor();

  // 批示: the leader's 待办 has it (counted beside 待办); 督查科 handles it.
  const leader = await d.as('xc.leader');
  await leader.page.getByTestId('nav-count-todo').waitFor();
  assert.match((await leader.page.getByRole('link', { name: '待办', exact: true }).getAttribute('title')) ?? '', /^\d+ 件待办$/);
  await leader.page.getByRole('link', { name: '待办', exact: true }).click();
  await leader.page.locator('tr[data-todo="INSTRUCT"]', { hasText: title }).getByRole('link', { name: title }).click();
  const instruct = leader.page.getByTestId('instruct');
  await instruct.getByLabel('批示意见').fill('请督查科抓紧落实。');
  await instruct.getByLabel('主办').selectOption({ label: '督查科' });
  await instruct.getByRole('button', { name: '批示', exact: true }).click();
  await leader.page.getByTestId('handling-status').getByText('已批示，待承办').waitFor();

  // 承办 and 办结: the section's member, from 待办; every step by name in the history.
  const handler = await d.as('xc.drafter');
  await handler.page.getByRole('link', { name: '待办', exact: true }).click();
  await handler.page.locator('tr[data-todo="HANDLE"]', { hasText: title }).getByRole('link', { name: title }).click();
  await handler.page.getByRole('button', { name: '承办', exact: true }).click();
  await handler.page.getByTestId('handling-status').getByText('承办中').waitFor();
  await handler.page.getByLabel('办理结果').fill('已部署检查，按期完成。');
  await handler.page.getByRole('button', { name: '办结', exact: true }).click();
  await handler.page.getByTestId('handling-status').getByText('已办结').waitFor();
  const history = handler.page.getByTestId('handling-history');
  for (const name of ['王秀兰', '罗文彬', '林强']) await history.getByText(name).first().waitFor();
  await shot(handler.page, 'handling');

  // The unit's audit log names the document each step was about, by its title (the last step's entry reaches org's
  // log through documents' outbox, a moment after the answer).
  const concluded = () => p.superCount("select count(*) as n from org.audit_log where action = 'concludeHandling'");
  for (let i = 0; i < 100 && (await concluded()) === 0; i++) await new Promise((r) => setTimeout(r, 200));
  assert.ok((await concluded()) > 0, 'the 办结 is in the log');
  await admin.page.getByRole('button', { name: '审计日志' }).click();
  const log = admin.page.getByTestId('audit-log');
  for (const action of ['signForDelivery', 'proposeHandling', 'concludeHandling']) {
    await log.locator(`tr[data-action="${action}"]`).first().getByTestId('audit-subject').getByText(`《${title}》`).waitFor();
  }
});

test('my account: the person sees where they are logged in, logs the others out, and logging out ends the session on the server', async () => {
  const other = await d.platform.login('xa.archivist');
  const { context, page } = await d.as('xa.archivist');
  const mine = await page.evaluate(() => (JSON.parse(sessionStorage.getItem('yizhan.session') ?? '{}') as { token?: string }).token);
  assert.ok(mine, 'the tab holds its token');
  await page.getByRole('link', { name: '郭丽娟' }).click();
  await page.getByRole('heading', { name: '我的账号' }).waitFor();
  await page.locator('tr[data-session=current]').getByText('（本次登录）').waitFor();
  // Told apart by what they were opened from: this one in (headless) Chromium on Linux.
  assert.match(await page.locator('tr[data-session=current] [data-testid=session-device]').innerText(), /^Chrome \d+ · Linux$/);
  assert.ok((await page.locator('tr[data-session=other]').count()) >= 1, 'the other login is listed');

  await page.getByRole('button', { name: '退出其他登录' }).click();
  await page
    .getByRole('status')
    .getByText(/已退出其他 \d+ 处登录/)
    .waitFor();
  const ME = '{ me { username } }';
  assert.equal((await d.platform.gql(ME, {}, other)).errors?.[0]?.extensions?.code, 'UNAUTHENTICATED', 'the other login no longer works');
  await page.locator('tr[data-session=other]').first().waitFor({ state: 'detached' });

  // A second tab (a pasted address) takes the session of the open one; logging out there logs out here too.
  const second = await context.newPage();
  await second.goto(`${d.url}/account`);
  await second.getByRole('heading', { name: '我的账号' }).waitFor();

  await page.getByRole('button', { name: '退出', exact: true }).click();
  await page.waitForURL('**/login**');
  await second.waitForURL('**/login**');
  assert.equal((await d.platform.gql(ME, {}, mine)).errors?.[0]?.extensions?.code, 'UNAUTHENTICATED', 'a copy of the logged-out token is worthless');
});

test('a session ended under a drafter: the login page says why, and what was typed on 拟稿 and not saved is offered back', async () => {
  const { page } = await d.as('xc.drafter');
  await page.getByRole('link', { name: '拟稿', exact: true }).click();
  const title = `关于保留未保存内容的通知（${Date.now().toString(36)}）`;
  await page.fill('input[name=title]', title);
  await page.fill('textarea[name=body]', '这段正文尚未保存。');
  // Kept in the tab a moment after the last key.
  await page.waitForFunction(() => Object.keys(sessionStorage).some((k) => k.startsWith('yizhan.unsaved.') && sessionStorage.getItem(k)?.includes('尚未保存')));
  // The administrator ends the drafter's sessions (as disabling the account would).
  const me = (await api('xc.drafter', '{ me { id } }')).me.id as string;
  await api('xc.admin', 'mutation($u: ID!) { endUserSessions(userId: $u) }', { u: me });
  await page.waitForURL('**/login**');
  await page.getByTestId('session-ended').getByText('您的登录已被结束', { exact: false }).waitFor();
  await page.fill('input[name=username]', 'xc.drafter');
  await page.fill('input[name=password]', 'Yizhan@2026');
  await page.click('button[type=submit]');
  await page.waitForURL('**/compose**');
  await page.getByTestId('unsaved-copy').getByRole('button', { name: '恢复' }).click();
  assert.equal(await page.locator('input[name=title]').inputValue(), title);
  assert.equal(await page.locator('textarea[name=body]').inputValue(), '这段正文尚未保存。');
  // Saved, it is no longer offered.
  await page.getByRole('button', { name: '保存草稿' }).click();
  await page.getByTestId('draft-saved').waitFor();
  await page.goto(`${d.url}/compose`);
  await page.locator('input[name=title]').waitFor();
  assert.equal(await page.getByTestId('unsaved-copy').count(), 0);
});

test('a fault report: a county reports it, the city answers and escalates with an outage notice, every page of its counties shows it in red', async () => {
  const description = `收文列表打不开（${Date.now().toString(36)}）`;
  const county = await d.as('bl.clerk');
  await county.page.getByRole('link', { name: '故障报告', exact: true }).click();
  await county.page.getByLabel('故障类型').selectOption('CANNOT_RECEIVE');
  await county.page.getByLabel('故障情况').fill(description);
  await county.page.getByLabel('联系电话').fill('029-87654321');
  await county.page.getByRole('button', { name: '提交故障报告' }).click();
  await county.page
    .getByRole('status')
    .getByText(/上级电子政务办公室将在1小时内响应/)
    .waitFor();
  const mine = county.page.locator('article[data-fault]', { hasText: description });
  await mine.getByText('待响应').waitFor();
  assert.equal(await mine.getByRole('button', { name: '响应' }).count(), 0, 'the county does not answer its own report');

  const city = await d.as('xa.admin');
  await city.page.getByRole('link', { name: '故障报告', exact: true }).click();
  const card = city.page.locator('article[data-fault]', { hasText: description });
  await card.getByText('西安市碑林区人民政府').waitFor();
  await card.getByLabel('答复内容').fill('已派技术人员排查');
  await card.getByRole('button', { name: '响应', exact: true }).click();
  await card.getByText('处理中').waitFor();
  await card.getByLabel('答复内容').fill('更换碑林区前置机，预计今日18时前恢复');
  await card.getByRole('button', { name: '升级处置' }).click();
  await card.getByText('已升级（纸质传递）').waitFor();
  await shot(city.page, 'faults');

  // Every page of the city's counties now carries the outage notice; another city's pages do not.
  await county.page.getByRole('link', { name: '收文', exact: true }).click();
  const banner = county.page.getByRole('alert').filter({ hasText: '请改用纸质公文传递' });
  await banner.first().waitFor();
  assert.match(await banner.first().innerText(), /更换碑林区前置机/);
  const other = await d.as('bj.clerk');
  await other.page.getByTestId('inbox-total').waitFor();
  assert.equal(await other.page.getByRole('alert').filter({ hasText: '更换碑林区前置机' }).count(), 0);
  // A clerk of another of its counties reading in English is told the same in English, the unit and the plan as written.
  const english = await d.as('xc.clerk');
  await english.page.getByRole('button', { name: 'English' }).click();
  const told = english.page.getByRole('alert').filter({ hasText: '更换碑林区前置机' });
  await told.getByText('Electronic document exchange down at 西安市人民政府: pass documents on paper').waitFor();
  assert.match(
    await told.innerText(),
    /Until it is restored, pass documents, information and materials on paper.*The plan: 更换碑林区前置机，预计今日18时前恢复/s,
  );

  // Fixed: resolving the fault withdraws its outage notice (系统管理 → 系统公告 shows it withdrawn), and the counties'
  // banner goes.
  await card.getByLabel('答复内容').fill('前置机已更换，收文恢复正常');
  await card.getByRole('button', { name: '故障已排除' }).click();
  await card.getByText('已排除').waitFor();
  await city.page.getByRole('link', { name: '系统管理', exact: true }).click();
  await city.page.getByRole('button', { name: '系统公告', exact: true }).click();
  const row = city.page.locator('tr[data-announcement]', { hasText: '请改用纸质公文传递' }).first();
  await row.getByText(/已撤回/).waitFor();
  await county.page.reload();
  await county.page.getByTestId('inbox-total').waitFor();
  assert.equal(await county.page.getByRole('alert').filter({ hasText: '更换碑林区前置机' }).count(), 0, 'the banner is gone');
});

test('征集/报送 and 转发: the city asks its counties for reports, a county replies from the document, the board updates live; the city forwards the report', async () => {
  const p = d.platform;
  const approveAndSend = async (unit: 'xa' | 'xc', id: string) => {
    await api(`${unit}.drafter`, 'mutation($id: ID!) { submitForApproval(id: $id) { id } }', { id });
    for (let i = 0; i < 2; i++) await api(`${unit}.leader`, 'mutation($id: ID!) { approveDocument(id: $id) { id } }', { id });
    await api(`${unit}.clerk`, 'mutation($id: ID!, $k: String!) { sendDocument(id: $id, sendKey: $k) { status } }', { id, k: `reports-${id}` });
  };
  const deliveryOf = async (clerk: string, title: string) => {
    const page = await api(clerk, 'query($s: String!) { inbox(filter: {search: $s}) { nodes { id title } } }', { s: title });
    return page.inbox.nodes.find((n: { title: string }) => n.title === title).id as string;
  };
  const [xc, bl] = [await p.orgId('610102'), await p.orgId('610103')];
  const title = `关于报送年终安全检查情况的通知（${Date.now().toString(36)}）`;
  const doc = (
    await api('xa.drafter', 'mutation($in: DraftInput!) { createDraft(input: $in) { id } }', {
      in: { docType: '通知', title, body: `<p>${title}</p>`, docPrefix: '市政发', recipients: [{ orgIds: [xc, bl] }] },
    })
  ).createDraft.id as string;
  await approveAndSend('xa', doc);

  // 征集: the city's clerk asks both counties to report, on the document's board.
  const city = await d.as('xa.clerk');
  await city.page.goto(`${d.url}/sent/${doc}`);
  const deadline = new Date(Date.now() + 3 * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 16);
  await city.page.getByLabel('报送截止时间').fill(deadline);
  await city.page.getByLabel('报送要求').fill('请报送检查情况和存在问题');
  await city.page.getByTestId('request-reports').click();
  await kpi(city.page, 'report-pending').getByText('2').waitFor();

  // 新城区 signs for it; its drafter replies from the document (答复: 主送 西安市, 关于…的报告), opened in 拟稿.
  const xcDelivery = await deliveryOf('xc.clerk', title);
  await api('xc.clerk', 'mutation($id: ID!) { signForDelivery(id: $id) { id } }', { id: xcDelivery });
  const county = await d.as('xc.drafter');
  await county.page.goto(`${d.url}/inbox/${xcDelivery}`);
  await county.page.getByTestId('report-request').getByText('请报送检查情况和存在问题').waitFor();
  await county.page.getByTestId('draft-reply').click();
  await county.page.waitForURL('**/compose?id=*');
  const reply = new URL(county.page.url()).searchParams.get('id') as string;
  await county.page.waitForFunction(() => (document.querySelector('input[name="title"]') as HTMLInputElement | null)?.value.endsWith('的报告'));
  // Its body starts as plain lines a drafter edits, in the words of a report going up (no 你单位, no markup).
  assert.match(
    await county.page.locator('textarea[name=body]').inputValue(),
    /^西安市人民政府：\n《关于报送年终安全检查情况的通知（[a-z0-9]+）》（市政发〔\d{4}〕\d+号）收悉。现将有关情况报告如下：$/,
  );
  // A report goes upward: it names its 签发人 before it is submitted; the form offers the unit's leaders by name.
  // (The leaders are read apart from the draft: waited for, not counted the moment the title shows.)
  await county.page.locator('select[name=signer] option[value="罗文彬"]').waitFor({ state: 'attached' });
  assert.equal(await county.page.locator('select[name=signer] option[value="罗文彬"]').count(), 1);
  const draft = (await api('xc.drafter', 'query($id: ID!) { document(id: $id) { docType title body docPrefix } }', { id: reply })).document;
  // The 签发人 is a leader of the unit: a title or a name not among them is not submitted.
  const setSigner = (signer: string) =>
    api('xc.drafter', 'mutation($id: ID!, $in: DraftInput!) { updateDraft(id: $id, input: $in) { id } }', { id: reply, in: { ...draft, signer } });
  await setSigner('王区长');
  const notLeader = await p.gql('mutation($id: ID!) { submitForApproval(id: $id) { id } }', { id: reply }, await p.login('xc.drafter'));
  assert.equal(notLeader.errors?.[0]?.extensions?.code, 'SIGNER_NOT_LEADER');
  assert.deepEqual(notLeader.errors?.[0]?.extensions?.leaders, ['罗文彬']);
  await setSigner('罗文彬');
  // At the 签发 the county's leader sees the document names them as 签发人, and 签发s it.
  await api('xc.drafter', 'mutation($id: ID!) { submitForApproval(id: $id) { id } }', { id: reply });
  await api('xc.leader', 'mutation($id: ID!) { approveDocument(id: $id) { id } }', { id: reply });
  const xcLeader = await d.as('xc.leader');
  await xcLeader.page.getByRole('link', { name: '审批', exact: true }).click();
  const issuingRow = xcLeader.page
    .locator('section', { has: xcLeader.page.getByRole('heading', { name: '待我审批' }) })
    .locator(`tr[data-document="${reply}"]`);
  await issuingRow.getByTestId('named-signer').getByText('签发人：罗文彬').waitFor();
  assert.equal(await issuingRow.locator('.badge.warn').count(), 0, 'it names them');
  await issuingRow.getByRole('button', { name: '签发', exact: true }).click();
  await issuingRow.waitFor({ state: 'detached' });
  await api('xc.clerk', 'mutation($id: ID!, $k: String!) { sendDocument(id: $id, sendKey: $k) { status } }', { id: reply, k: `reports-${reply}` });

  // The city's board counts it without reload; the county still missing is reminded.
  await kpi(city.page, 'reported').getByText('1').waitFor();
  await city.page.locator('tr[data-reporter="西安市新城区人民政府"]').getByText('已报送').waitFor();
  // Each figure filters the table; a search finds a unit by name.
  await city.page.getByTestId('report-filter-REPORTED').click();
  await city.page.getByTestId('report-shown').getByText('显示 1 /', { exact: false }).waitFor();
  assert.deepEqual(await city.page.locator('tr[data-reporter]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-reporter'))), [
    '西安市新城区人民政府',
  ]);
  await city.page.getByTestId('report-filter-REPORTED').click();
  await city.page.getByLabel('按单位名称查找').fill('碑林');
  await city.page.locator('tr[data-reporter="西安市碑林区人民政府"]').waitFor();
  assert.equal(await city.page.locator('tr[data-reporter="西安市新城区人民政府"]').count(), 0);
  await city.page.getByLabel('按单位名称查找').fill('');
  // The county's report, on its own board, asks no reports of the city it answers.
  await county.page.goto(`${d.url}/sent/${reply}`);
  await county.page.getByTestId('reply-to').getByText(title, { exact: false }).waitFor();
  // It links to what it answers: the city's notice, as the county received it (its copy in the inbox).
  assert.match((await county.page.getByTestId('reply-to').getByRole('link').getAttribute('href')) ?? '', /^\/inbox\/[0-9a-f-]{36}$/);
  await county.page.getByTestId('board-kpis').waitFor();
  // Sent up, its sheet sets the 发文字号 and the 签发人 on one line under the banner, as the print does.
  await county.page.getByRole('button', { name: '查看公文' }).click();
  // With its text, as sent.
  await county.page.locator('.sheet').getByText('现将有关情况报告如下', { exact: false }).waitFor();
  const numberLine = county.page.locator('.sheet .number.upward');
  await numberLine.getByTestId('sheet-signer').getByText('签发人：罗文彬').waitFor();
  assert.match((await numberLine.getByTestId('sheet-doc-number').textContent()) ?? '', /〔\d{4}〕\d+号/);
  assert.equal(await county.page.locator('.sheet .top-marks').getByText('签发人').count(), 0, 'not above the banner');
  assert.equal(await county.page.getByTestId('request-reports').count(), 0);
  // It says the city has it.
  await county.page.locator('[data-testid="report-standing"][data-state="REPORTED"]').getByText('本报送已送达西安市人民政府', { exact: false }).waitFor();
  const asked = await p.gql(
    'mutation($id: ID!, $d: DateTimeISO!) { requestReports(documentId: $id, deadline: $d) { total } }',
    { id: reply, d: new Date(Date.now() + 86_400_000).toISOString() },
    await p.login('xc.clerk'),
  );
  assert.equal(asked.errors?.[0]?.extensions?.code, 'REPLY_ASKS_NO_REPORTS', 'nor does the API');
  // One click reaches every unit not yet reported: asked first, saying how many.
  await city.page.getByTestId('remind-reports').click();
  const reminding = city.page.getByRole('dialog', { name: /催报未报送单位/ });
  await reminding.getByText(/向 \d+ 个尚未报送的单位发出催报/).waitFor();
  await reminding.getByRole('button', { name: '发出催报' }).click();
  await city.page.locator('tr[data-reporter="西安市碑林区人民政府"]').getByText('已催报 1 次', { exact: false }).waitFor();
  await shot(city.page, 'collection-board');

  // 转发: the city signs for the county's report and forwards it to its counties as its own notice.
  const reportTitle = (await api('xc.clerk', 'query($id: ID!) { document(id: $id) { title } }', { id: reply })).document.title as string;
  const xaDelivery = await deliveryOf('xa.clerk', reportTitle);
  // The report waits unsigned in the city's inbox: the board leads to it there and holds the return until it is signed for.
  const xcRow = city.page.locator('tr[data-reporter="西安市新城区人民政府"]');
  await xcRow.getByTestId('report-unsigned').getByText('待签收，签收后可退回修改').waitFor();
  assert.equal(await xcRow.getByRole('button', { name: '退回修改' }).count(), 0);
  await xcRow.getByTestId('report-doc').click();
  await city.page.waitForURL(`**/inbox/${xaDelivery}`);
  const signChecks = city.page.getByTestId('sign-checks');
  await signChecks.getByRole('button', { name: '签收', exact: true }).waitFor();
  for (const box of await signChecks.getByRole('checkbox').all()) await box.check();
  await signChecks.getByRole('button', { name: '签收', exact: true }).click();
  await city.page.getByTestId('signed-at').getByText('马晓燕').waitFor();
  await city.page.goto(`${d.url}/sent/${doc}`);
  const drafter = await d.as('xa.drafter');
  await drafter.page.goto(`${d.url}/inbox/${xaDelivery}`);
  await drafter.page.getByTestId('reply-to').getByText(title, { exact: false }).waitFor();
  await drafter.page.getByLabel('转发范围').selectOption('counties');
  await drafter.page.getByTestId('draft-forward').click();
  await drafter.page.waitForURL('**/compose?id=*');
  await drafter.page.waitForFunction(
    (t) => (document.querySelector('input[name="title"]') as HTMLInputElement | null)?.value === `关于转发《${t}》的通知`,
    reportTitle,
  );
  await shot(drafter.page, 'forward');

  // The city returns 新城区's report for correction, its reason asked in the page's own dialog.
  const xcReport = city.page.locator('tr[data-reporter="西安市新城区人民政府"]');
  await xcReport.getByRole('button', { name: '退回修改' }).click();
  const back = city.page.getByRole('dialog', { name: '退回修改' });
  // Spaces are no reason: the dialog says so and stays.
  await back.getByLabel('原因').fill('   ');
  await back.getByRole('button', { name: '退回修改' }).click();
  await back.getByTestId('ask-empty').getByText('请填写原因').waitFor();
  await back.getByLabel('原因').fill('缺少存在问题的清单');
  await back.getByRole('button', { name: '退回修改' }).click();
  await xcReport.getByText('缺少存在问题的清单', { exact: false }).waitFor();
  // The county's page of its report says so without a reload, by whom and why, and leads back to report again.
  const standing = county.page.locator('[data-testid="report-standing"][data-state="RETURNED"]');
  await standing.getByText('缺少存在问题的清单', { exact: false }).waitFor();
  await standing.getByText('马晓燕', { exact: false }).waitFor();
  await standing.getByRole('link', { name: '从来文重新报送' }).click();
  await county.page.waitForURL(`**/inbox/${xcDelivery}`);
  await county.page.getByTestId('my-report-state').getByText('退回修改').waitFor();
});

test('征集 set in 拟稿: reopened at the hour it was set, shown to the approvers; a deadline passed while approved is moved, then the send opens the board', async () => {
  const p = d.platform;
  const [xc, bl] = [await p.orgId('610102'), await p.orgId('610103')];
  const title = `关于报送冬季供暖保障情况的通知（${Date.now().toString(36)}）`;
  const deadline = new Date(Date.now() + 5 * 86_400_000);
  deadline.setUTCMinutes(0, 0, 0);
  const asShown = (at: Date) =>
    new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', dateStyle: 'short', timeStyle: 'short' }).format(at).replace(' ', 'T');
  const doc = (
    await api('xa.drafter', 'mutation($in: DraftInput!) { createDraft(input: $in) { id } }', {
      in: {
        docType: '通知',
        title,
        body: `<p>${title}</p>`,
        docPrefix: '市政发',
        recipients: [{ orgIds: [xc, bl] }],
        reportDeadline: deadline.toISOString(),
        reportNote: '报送供暖保障情况',
      },
    })
  ).createDraft.id as string;

  // Reopened in 拟稿 the deadline reads in Beijing time as it was set, and saving keeps it to the minute (a time cut
  // from the API's UTC moved it eight hours at every save).
  const drafter = await d.as('xa.drafter');
  await drafter.page.goto(`${d.url}/compose?id=${doc}`);
  await drafter.page.waitForFunction((t) => (document.querySelector('input[name="title"]') as HTMLInputElement | null)?.value === t, title);
  assert.equal(await drafter.page.locator('input[name=reportDeadline]').inputValue(), asShown(deadline));
  assert.equal(await drafter.page.locator('input[name=reportNote]').inputValue(), '报送供暖保障情况');
  await drafter.page.getByRole('button', { name: '保存草稿' }).click();
  await drafter.page.getByText('已保存草稿', { exact: false }).waitFor();
  const saved = (await api('xa.drafter', 'query($id: ID!) { document(id: $id) { reportDeadline } }', { id: doc })).document;
  assert.equal(new Date(saved.reportDeadline).toISOString(), deadline.toISOString());

  await api('xa.drafter', 'mutation($id: ID!) { submitForApproval(id: $id) { id } }', { id: doc });
  await api('xa.leader', 'mutation($id: ID!) { approveDocument(id: $id) { id } }', { id: doc });
  // The approver sees what the send will ask of the recipients.
  const leader = await d.as('xa.leader');
  await leader.page.goto(`${d.url}/approvals`);
  await leader.page.locator(`tr[data-document="${doc}"]`).getByRole('button', { name: title }).click();
  await leader.page.getByTestId('planned-collection').getByText('报送供暖保障情况', { exact: false }).waitFor();
  await leader.page.locator(`tr[data-document="${doc}"]`).getByRole('button', { name: '签发', exact: true }).click();
  // Approved: it moves to 待发送.
  await leader.page.locator(`tr[data-document="${doc}"]`).getByRole('button', { name: '发送' }).waitFor();

  // A week's wait for the approval, as if: the deadline has passed when the clerk sends. The send is held, named; the
  // clerk moves the deadline in the preview it opens, and sends.
  await p.superQuery("update documents.documents set report_deadline = now() - interval '1 hour' where id = $1", [doc]);
  const clerk = await d.as('xa.clerk');
  await clerk.page.goto(`${d.url}/approvals`);
  const row = clerk.page.locator(`tr[data-document="${doc}"]`);
  await sendFromRow(clerk.page, row);
  await clerk.page.locator('[role=alert][data-code="REPORT_DEADLINE_PASSED"]').waitFor();
  const planned = clerk.page.getByTestId('planned-collection');
  await planned.getByText('截止时间已过', { exact: false }).waitFor();
  const moved = new Date(Date.now() + 3 * 86_400_000);
  moved.setUTCMinutes(0, 0, 0);
  await planned.getByLabel('新的报送截止时间').fill(asShown(moved));
  await planned.getByTestId('move-report-deadline').click();
  await planned.getByText('截止时间已过', { exact: false }).waitFor({ state: 'detached' });
  await sendFromRow(clerk.page, row);
  await clerk.page.waitForURL(`**/sent/${doc}`);
  await holdDue(doc);
  await kpi(clerk.page, 'report-pending').getByText('2').waitFor();
  const board = (await api('xa.clerk', 'query($id: ID!) { document(id: $id) { reportBoard { deadline total } } }', { id: doc })).document.reportBoard;
  assert.deepEqual([new Date(board.deadline).toISOString(), board.total], [moved.toISOString(), 2]);

  // 督办's 临期: the city's supervisor sees both counties owing their 签收 before it is late; one signs, live it leaves.
  const supervisor = await d.as('xa.admin');
  await supervisor.page.goto(`${d.url}/supervision`);
  // Grouped by document: the notice once, its units under it.
  const dueRow = (county: string) => supervisor.page.getByTestId('due-soon').locator('tbody', { hasText: title }).locator(`tr[data-recipient="${county}"]`);
  await supervisor.page
    .getByTestId('due-soon')
    .locator('tbody', { hasText: title })
    .getByTestId('group-count')
    .getByText('2 个单位待签收', { exact: false })
    .waitFor();
  await dueRow('西安市碑林区人民政府').waitFor();
  await dueRow('西安市新城区人民政府').waitFor();
  // One click urges the document's units, every one of them (the service finds them, loaded or not).
  const group = supervisor.page.getByTestId('due-soon').locator('tbody', { hasText: title });
  await group.getByRole('button', { name: '催办这 2 个单位' }).click();
  // Asked once more (a notice and SMS to every unit), then urged.
  await supervisor.page.getByRole('dialog', { name: '催办这 2 个单位' }).getByRole('button', { name: '催办', exact: true }).click();
  await group.getByTestId('group-urged').getByText('已催办 2 个单位').waitFor();
  await dueRow('西安市碑林区人民政府').getByTestId('urge-trail').waitFor();
  const blDelivery = (await api('bl.clerk', 'query($s: String!) { inbox(filter: {search: $s}) { nodes { id title } } }', { s: title })).inbox.nodes[0].id;
  await api('bl.clerk', 'mutation($id: ID!) { signForDelivery(id: $id) { id } }', { id: blDelivery });
  await dueRow('西安市碑林区人民政府').waitFor({ state: 'detached' });
  await dueRow('西安市新城区人民政府').waitFor();
});

test('催办 on the board (issue 16): filters, search, contacts beside each unit, CSV, one click urges a unit; the recipient’s history shows it', async () => {
  const p = d.platform;
  const [xc, bl] = [await p.orgId('610102'), await p.orgId('610103')];
  const title = `关于报送冬季防火检查情况的通知（${Date.now().toString(36)}）`;
  const doc = (
    await api('xa.drafter', 'mutation($in: DraftInput!) { createDraft(input: $in) { id } }', {
      in: { docType: '通知', title, body: `<p>${title}</p>`, docPrefix: '市政发', recipients: [{ orgIds: [xc, bl] }] },
    })
  ).createDraft.id as string;
  await api('xa.drafter', 'mutation($id: ID!) { submitForApproval(id: $id) { id } }', { id: doc });
  for (let i = 0; i < 2; i++) await api('xa.leader', 'mutation($id: ID!) { approveDocument(id: $id) { id } }', { id: doc });
  await api('xa.clerk', 'mutation($id: ID!, $k: String!) { sendDocument(id: $id, sendKey: $k) { status } }', { id: doc, k: `urge-${doc}` });
  await holdDue(doc);
  // 新城区 signs for it; 碑林区 does nothing.
  const xcDelivery = (await api('xc.clerk', 'query($s: String!) { inbox(filter: {search: $s}) { nodes { id } } }', { s: title })).inbox.nodes[0].id;
  await api('xc.clerk', 'mutation($id: ID!) { signForDelivery(id: $id) { id } }', { id: xcDelivery });

  const city = await d.as('xa.clerk');
  const page = city.page;
  await page.goto(`${d.url}/sent/${doc}`);
  const blRow = page.locator('tr[data-recipient="西安市碑林区人民政府"]');
  await blRow.getByTestId('contacts').getByText('宋佳').waitFor();
  await blRow.getByTestId('contacts').getByText('办公室文电科').waitFor();
  // Filters count and narrow; the search finds a unit by its contact too.
  await page.getByRole('button', { name: '未签收 (1)' }).click();
  assert.equal(await boardRows(page, 1), 1);
  await page.getByRole('button', { name: '全部 (2)' }).click();
  await page.getByLabel('搜索单位或联系人').fill('王秀兰');
  await page.locator('tr[data-recipient="西安市新城区人民政府"]').waitFor();
  assert.equal(await boardRows(page, 1), 1);
  await page.getByLabel('搜索单位或联系人').fill('');
  await page.getByRole('button', { name: '未接收 (1)' }).click();
  assert.equal(await boardRows(page, 1), 1);
  await blRow.waitFor();
  // The board as CSV: what the filter shows, with the contacts.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出 CSV' }).click()]);
  const csv = fs.readFileSync(await downloaded(download), 'utf8');
  assert.match(csv, /^\uFEFF单位,状态,接收时间,签收时间,打印,说明,联系人,催办\r\n西安市碑林区人民政府,/);
  assert.match(csv, /宋佳 办公室文电科 029-8\d{7} 139\d{8}/);
  assert.ok(!csv.includes('西安市新城区人民政府'), 'only what the filter shows');
  // The same as XLSX: the rows the filter shows, the header frozen, the contacts in words.
  const board = await downloadXlsx(page, page.getByRole('button', { name: '导出 XLSX' }));
  assert.ok(board.file.endsWith('-签收情况.xlsx'), board.file);
  assert.deepEqual(board.rows[0], ['单位', '状态', '接收时间', '签收时间', '打印', '说明', '联系人', '催办']);
  assert.equal(board.rows.length, 2, 'the header and 碑林区 only');
  assert.equal(board.rows[1]?.[0], '西安市碑林区人民政府');
  assert.equal(board.rows[1]?.[1], '已送达（未接收）', 'the sending side’s word: the chip 未接收 lists it');
  assert.match(String(board.rows[1]?.[6]), /宋佳 办公室文电科 029-8\d{7} 139\d{8}/);
  assert.equal(board.sheet.views[0]?.state, 'frozen');
  // 碑林区's clerk has the inbox open.
  const county = await d.as('bl.clerk');
  await county.page.getByTestId('inbox-total').waitFor();
  // One click: 碑林区 is urged; the board shows who, how and the SMS to its contact.
  await blRow.getByRole('button', { name: '催办', exact: true }).click();
  await blRow.getByTestId('urge-trail').getByText('马晓燕', { exact: false }).waitFor();
  await blRow.getByTestId('urge-trail').getByText('宋佳', { exact: false }).waitFor();
  await blRow.getByTestId('urge-trail').getByText('尚无回应').waitFor();
  await shot(page, 'urge-board');
  // Urging again at once is refused in words.
  await blRow.getByRole('button', { name: '催办', exact: true }).click();
  await page.getByText('刚刚催办过该单位', { exact: false }).waitFor();
  // A call made to it is recorded (电话催办), not held to that interval: its contact offered, the number filled in.
  await blRow.getByRole('button', { name: '登记电话催办', exact: true }).click();
  const call = blRow.getByTestId('phone-urge');
  assert.equal(await call.getByLabel('被通知人').inputValue(), '宋佳');
  assert.match(await call.getByLabel('电话').inputValue(), /^029-8\d{7}$/);
  await call.getByLabel('通话情况').fill('已通知，答复半小时内签收');
  await call.getByRole('button', { name: '登记通话', exact: true }).click();
  await blRow
    .getByTestId('urge-phone')
    .getByText(/^电话（宋佳，029-8\d{7}）：已通知，答复半小时内签收$/)
    .waitFor();
  await blRow.getByTestId('urge-trail').getByText('马晓燕 · 电话', { exact: false }).waitFor();

  // 碑林区's clerk: the notice, at once, on the inbox left open; and the 催办 in the delivery's history, by name.
  await county.page
    .getByTestId('notification')
    .filter({ hasText: `催办：西安市人民政府《${title}》` })
    .waitFor({ timeout: 10_000 });
  const blDelivery = (await api('bl.clerk', 'query($s: String!) { inbox(filter: {search: $s}) { nodes { id } } }', { s: title })).inbox.nodes[0].id;
  await county.page.goto(`${d.url}/inbox/${blDelivery}`);
  await county.page.getByText('马晓燕 · 催办 · 站内通知', { exact: false }).waitFor();
});

test('统计 at a glance (issue 16): the trend, the ranking and the map of the units render as charts; the ranking table names the units with their figures', async () => {
  const p = d.platform;
  const [xc, bl] = [await p.orgId('610102'), await p.orgId('610103')];
  const title = `统计页测试通知（${Date.now().toString(36)}）`;
  const doc = (
    await api('xa.drafter', 'mutation($in: DraftInput!) { createDraft(input: $in) { id } }', {
      in: { docType: '通知', title, body: `<p>${title}</p>`, docPrefix: '市政发', recipients: [{ orgIds: [xc, bl] }] },
    })
  ).createDraft.id as string;
  await api('xa.drafter', 'mutation($id: ID!) { submitForApproval(id: $id) { id } }', { id: doc });
  for (let i = 0; i < 2; i++) await api('xa.leader', 'mutation($id: ID!) { approveDocument(id: $id) { id } }', { id: doc });
  await api('xa.clerk', 'mutation($id: ID!, $k: String!) { sendDocument(id: $id, sendKey: $k) { status } }', { id: doc, k: `stat-${doc}` });
  // Moved into February 2025, where nothing else is: 新城区 signed for it in time, 碑林区 never did.
  const c = new pg.Client({ connectionString: p.db.superUrl });
  await c.connect();
  await c.query(
    "update documents.deliveries set delivered_at = '2025-02-13T16:00:00+08:00', document_sent_at = '2025-02-13T16:00:00+08:00', due_at = '2025-02-14T09:00:00+08:00' where document_id = $1",
    [doc],
  );
  await c.query(
    "update documents.deliveries set status = 'SIGNED', received_at = '2025-02-14T08:30:00+08:00', received_by_name = '王秀兰', receipt_action = 'OPEN', signed_at = '2025-02-14T08:40:00+08:00', signed_by_name = '王秀兰' where document_id = $1 and recipient_org_id = $2",
    [doc, xc],
  );
  await c.end();

  const admin = await d.as('xa.admin');
  const page = admin.page;
  await page.getByRole('link', { name: '统计', exact: true }).click();
  await page.waitForURL('**/statistics');
  await page.getByLabel('起始日期').fill('2025-02-01');
  await page.getByLabel('截止日期').fill('2025-02-28');
  const table = page.getByTestId('stat-ranking');
  // The table first shows the default period: wait until it shows February 2025's units only, not merely 碑林区.
  await page.waitForFunction(() => {
    const rows = document.querySelectorAll('[data-testid="stat-ranking"] tbody tr');
    const beilin = document.querySelector('[data-testid="stat-ranking"] tr[data-unit="西安市碑林区人民政府"] [data-testid="received"]');
    return rows.length === 3 && beilin?.textContent === '1';
  });
  // A period that ends before it begins is named, and February's figures are not shown (nor exported) as its.
  await page.getByLabel('截止日期').fill('2025-01-31');
  await page.getByTestId('period-reversed').getByText('截止日期不能早于起始日期').waitFor();
  await table.waitFor({ state: 'detached' });
  assert.equal(await page.getByRole('button', { name: '导出 CSV' }).count(), 0, 'nothing to export');
  await page.getByLabel('截止日期').fill('2025-02-28');
  await page.getByTestId('period-reversed').waitFor({ state: 'detached' });
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="stat-ranking"] tbody tr').length === 3);
  // The units to look into, in the tree's order: the city, then its counties indented under it.
  const unitChoice = page.getByRole('combobox', { name: /^单位/ });
  // The list follows the period's figures a render after the table does.
  await page.waitForFunction(() => {
    const list = [...document.querySelectorAll('select')].find((s) => s.options[0]?.textContent === '本单位及下级单位');
    return list?.options.length === 5;
  });
  // After the subtree, the units it sent to (a view of its own, below); then the subtree's units.
  const units = await unitChoice.locator('option').allTextContents();
  assert.deepEqual(
    [units[0], units[1], units[2], units.slice(3).every((u) => u.startsWith('\u3000')), units.length],
    ['本单位及下级单位', '本单位发文的收文单位', '西安市人民政府', true, 5],
  );
  const rows = await table
    .locator('tbody tr')
    .evaluateAll((trs) =>
      trs.map((tr) => [
        tr.getAttribute('data-unit'),
        tr.querySelector('[data-testid="received"]')?.textContent,
        tr.querySelector('[data-testid="sign-rate"]')?.textContent,
      ]),
    );
  assert.deepEqual(rows, [
    ['西安市新城区人民政府', '1', '100.0% 优（≥95%）'],
    ['西安市碑林区人民政府', '1', '0.0% 差（<80%）'],
    ['西安市人民政府', '0', '— 尚无到期应签收'],
  ]);
  // The map is titled for the units it shows: the city's, not the province's.
  await page.getByRole('heading', { name: '西安市人民政府及所属单位签收情况图' }).waitFor();
  // The charts draw on canvases (Apache ECharts), each with words for a screen reader.
  for (const chart of ['chart-trend', 'chart-ranking', 'chart-map']) {
    await page.getByTestId(chart).locator('canvas').first().waitFor();
    const size = await page
      .getByTestId(chart)
      .locator('canvas')
      .first()
      .evaluate((el) => [(el as HTMLCanvasElement).width, (el as HTMLCanvasElement).height]);
    assert.ok((size[0] ?? 0) > 100 && (size[1] ?? 0) > 100, `${chart} is drawn: ${size}`);
  }
  // The ranking as a workbook: every unit, counts as numbers, rates as percentages.
  const stats = await downloadXlsx(page, page.getByRole('button', { name: '导出 XLSX' }));
  assert.equal(stats.file, '统计-2025-02-01-2025-02-28.xlsx');
  assert.deepEqual(stats.rows[0]?.slice(0, 8), ['#', '单位', '下行发文', '上行发文', '平行发文', '收文', '接收及时率', '签收及时率']);
  assert.deepEqual(
    stats.rows.slice(1).map((r) => [r[1], r[5], r[7] ?? '']),
    [
      ['西安市新城区人民政府', 1, 1],
      ['西安市碑林区人民政府', 1, 0],
      ['西安市人民政府', 0, ''],
    ],
  );
  assert.equal(stats.sheet.getCell('H2').numFmt, '0.0%');
  assert.equal(await page.getByTestId('chart-map').getAttribute('role'), 'img');
  await page.getByTestId('map-legend').getByText('优（≥95%）').waitFor();
  await shot(page, 'statistics');
  // What a screen reader hears of each chart is the page's own words, in the reader's language, not ECharts' own.
  assert.equal(await page.getByTestId('chart-ranking').getAttribute('aria-label'), '各单位签收及时率排名');
  await page.getByRole('button', { name: 'English' }).click();
  await page.waitForFunction(() => document.querySelector('[data-testid="chart-ranking"]')?.getAttribute('aria-label')?.startsWith('Units ranked'));
  assert.doesNotMatch((await page.getByTestId('chart-map').getAttribute('aria-label')) ?? '', /[\u4E00-\u9FFF]/);
  // The units 西安市 sent to, counted apart from its subtree (as a provincial office's counties are): the ranking lists
  // its two counties by what they received of it; the subtree's map is not drawn for them.
  await page.getByRole('button', { name: '中文' }).click();
  await page.getByTestId('stat-controls').locator('select').selectOption('SENT_TO');
  await page.getByTestId('stat-sent-to').getByText('西安市人民政府发出的公文在各收文单位的接收、签收、退回与报送情况').waitFor();
  await page.locator('[data-testid="stat-ranking"] tr[data-unit="西安市碑林区人民政府"]').waitFor();
  assert.equal(await page.getByTestId('chart-map').count(), 0);
  // Its workbook lists the counties by what they received of the city's, without the sent-by-direction columns.
  const sent = await downloadXlsx(page, page.getByRole('button', { name: '导出 XLSX' }));
  assert.deepEqual(sent.rows[0]?.slice(0, 4), ['#', '单位', '收文', '接收及时率']);
  assert.deepEqual(
    sent.rows
      .slice(1)
      .map((r) => r[1])
      .sort(),
    ['西安市新城区人民政府', '西安市碑林区人民政府'].sort(),
  );
});

test('what waits (issue 16): 待签收 beside 收文 and in the tab’s title, live; an urgent arrival shows a notice with a chime and a desktop notification, switched off in 我的账号', async () => {
  const p = d.platform;
  const xc = await p.orgId('610102');
  const sendTo = (title: string, urgency: string) => sendFromXian(title, urgency, xc);

  const { page, context } = await d.as('xc.clerk');
  await context.grantPermissions(['notifications'], { origin: d.url });
  const counted = page.getByTestId('nav-count-inbox');
  const count = async () => ((await counted.count()) ? Number(await counted.textContent()) : 0);
  const before = Number(await page.getByTestId('inbox-unsigned').filter({ hasText: /^\d+$/ }).textContent());
  if (before > 0) await counted.getByText(String(before), { exact: true }).waitFor();
  assert.equal(await count(), before, 'the navigation counts what the inbox calls 待签收');
  // A click on the page (going to 待办) is the gesture after which the browser lets the chime play.
  await page.getByRole('link', { name: '待办', exact: true }).click();
  await page.waitForURL('**/todo');
  const titled = () => page.waitForFunction(() => /^\(\d+\) 驿站/.test(document.title));
  if (before > 0) await titled();

  // An urgent notice arrives while the clerk is on another page: the count goes up, the title says so, a notice names it.
  const urgent = `关于立即开展寒潮防御工作的紧急通知（${Date.now().toString(36)}）`;
  await sendTo(urgent, 'EXTRA_URGENT');
  await counted.getByText(String(before + 1), { exact: true }).waitFor({ timeout: 10_000 });
  assert.equal(await page.getByRole('link', { name: '收文', exact: true }).getAttribute('title'), `${before + 1} 件待签收`);
  await titled();
  // Between two pages the router leaves the title empty for a moment: the count waits for the next title and the page
  // goes on answering (it froze here once, writing "(1) " over an empty title, reading back "(1)", for ever).
  await page.evaluate(() => {
    document.title = '';
  });
  const answered = await Promise.race([page.evaluate(() => document.title), new Promise((r) => setTimeout(() => r('frozen'), 5000))]);
  assert.equal(answered, '', 'the page answers with no title to count on');
  await page.evaluate(() => {
    document.title = '驿站 · 电子公文传输';
  });
  await titled();
  const notice = page.getByTestId('urgent-arrival');
  const line = notice.locator('p', { hasText: urgent });
  await line.getByText('特急公文到达').waitFor();
  await line.getByText('西安市人民政府').waitFor();
  assert.equal(await line.getAttribute('data-sound'), 'played', 'the chime played after the page’s click');
  assert.equal(await line.getAttribute('data-notified'), 'true', 'a desktop notification, with the consent given');
  await shot(page, 'urgent-arrival');

  // A plain notice counts but calls for nothing.
  const plain = `关于报送年度统计报表的通知（${Date.now().toString(36)}）`;
  await sendTo(plain, 'NORMAL');
  await counted.getByText(String(before + 2), { exact: true }).waitFor({ timeout: 10_000 });
  assert.equal(await notice.locator('p', { hasText: plain }).count(), 0);

  // 我的账号: the switch turns the chime and the notification off; the notice still shows.
  await page.getByRole('link', { name: '王秀兰' }).click();
  await page.getByTestId('notification-permission').getByText('已允许桌面通知').waitFor();
  await page.getByLabel('特提、特急、加急公文到达时播放提示音并显示桌面通知').uncheck();
  const second = `关于加强节日值班的紧急通知（${Date.now().toString(36)}）`;
  await sendTo(second, 'URGENT');
  const secondLine = notice.locator('p', { hasText: second });
  await secondLine.getByText('加急公文到达').waitFor({ timeout: 10_000 });
  await counted.getByText(String(before + 3), { exact: true }).waitFor();
  assert.equal(await secondLine.getAttribute('data-sound'), 'off');
  assert.equal(await secondLine.getAttribute('data-notified'), 'false');

  // The notice opens the document; signing for it (here by the unit's other session, the API) brings the count down, live.
  const href = (await secondLine.getByRole('link', { name: second }).getAttribute('href')) ?? '';
  await secondLine.getByRole('link', { name: second }).click();
  await page.waitForURL(`**${href}`);
  await page.getByTestId('received-at').getByText('王秀兰').waitFor();
  await api('xc.clerk', 'mutation($id: ID!) { signForDelivery(id: $id) { id } }', { id: href.split('/').pop() });
  await counted.getByText(String(before + 2), { exact: true }).waitFor({ timeout: 10_000 });
  // The notice stays across pages until dismissed.
  await notice.locator('p', { hasText: urgent }).waitFor();
  await notice.getByRole('button', { name: '知道了' }).click();
  await notice.waitFor({ state: 'detached' });
});

test('代拟稿: the city’s drafter takes the Word draft 新城区 sent with its 请示 as the start of the city’s own draft', async () => {
  const p = d.platform;
  const stamp = Date.now().toString(36);
  const wordTitle = `西安市人民政府办公室关于印发冬季防火工作方案的通知（${stamp}）`;
  const file = `冬季防火工作方案（代拟稿${stamp}）.docx`;
  const word = docxOf([para(wordTitle), para('各区县人民政府：'), para('现将方案印发给你们，请认真贯彻执行。')]);
  const sha256 = await uploadFile(
    p.gatewayUrl,
    await p.login('xc.drafter'),
    file,
    word,
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  );
  const title = `关于代拟冬季防火工作方案印发通知的请示（${stamp}）`;
  const ask = (
    await api('xc.drafter', 'mutation($in: DraftInput!) { createDraft(input: $in) { id } }', {
      in: {
        docType: '请示',
        title,
        body: '<p>请以市政府办公室名义印发。</p>',
        docPrefix: '新政发',
        signer: '罗文彬',
        recipients: [{ orgIds: [await p.orgId('610100')] }],
        attachments: [{ sha256, name: file }],
      },
    })
  ).createDraft.id as string;
  await api('xc.drafter', 'mutation($id: ID!) { submitForApproval(id: $id) { id } }', { id: ask });
  for (let i = 0; i < 2; i++) await api('xc.leader', 'mutation($id: ID!) { approveDocument(id: $id) { id } }', { id: ask });
  await api('xc.clerk', 'mutation($id: ID!, $k: String!) { sendDocument(id: $id, sendKey: $k) { id } }', { id: ask, k: crypto.randomUUID() });
  const delivery = (await api('xa.clerk', 'query($s: String!) { inbox(filter: {search: $s}) { nodes { id } } }', { s: title })).inbox.nodes[0].id as string;
  await api('xa.clerk', 'mutation($id: ID!) { signForDelivery(id: $id) { id } }', { id: delivery });

  const drafter = await d.as('xa.drafter');
  await drafter.page.goto(`${d.url}/inbox/${delivery}`);
  await drafter.page.getByRole('button', { name: `采用代拟稿：${file}`, exact: true }).click();
  await drafter.page.waitForURL('**/compose?id=*');
  await drafter.page.waitForFunction((t) => (document.querySelector('input[name="title"]') as HTMLInputElement | null)?.value === t, wordTitle);
  assert.equal(await drafter.page.locator('input[name=mainTo]').inputValue(), '各区县人民政府');
  assert.equal(await drafter.page.locator('textarea[name=body]').inputValue(), '现将方案印发给你们，请认真贯彻执行。');
  // The draft says what it was drafted from: 新城区's 请示 and the Word file.
  const from = drafter.page.getByTestId('drafted-from');
  await from.getByText(title, { exact: false }).waitFor();
  await from.getByText(`（代拟稿 ${file}）`).waitFor();
});

// A 命令（令）, a 简报, a 函 and a 纪要 on screen as they print (GB/T 9704 §10; the 简报's 刊头), in Debian's Chromium against the
// real platform. 西安市人民政府's order shows, in 拟稿's preview, 审批's 公文预览 and the recipient's page, the banner
// 西安市人民政府令 with the 令号 under it, no 签发人 line, rule or title, and 市长 胡建华 above the date; its 简报 under
// 西安政务信息 shows its 刊头 (刊名, 期号 to come) in 审批's 公文预览 as in 拟稿's, not a …文件 banner; a 函 its name alone
// over a double line (§10.1), a 纪要 …纪要 (§10.3).
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { type Dashboard, dashboardOfFile } from './support/browser.ts';
import { asDemoUsersData } from './support/harness.ts';

let d: Dashboard;
dashboardOfFile((started) => {
  d = started;
});

const api = asDemoUsersData(() => d.platform);
const text = async (l: Locator) => ((await l.textContent()) ?? '').trim();

/** The leader's 审批 page with the document's 公文预览 open: its sheet. */
async function approvalPreview(page: Page, title: string): Promise<Locator> {
  await page.getByRole('link', { name: '审批', exact: true }).click();
  await page.locator('tr', { hasText: title }).getByRole('button', { name: title }).click();
  const sheet = page.locator('section', { has: page.getByRole('heading', { name: '公文预览' }) }).locator('article.sheet');
  await sheet.waitFor();
  return sheet;
}

/** An order's sheet: the banner …令 with the 令号 (`number`) centred under it, no 签发人 line, rule or title, the
 * 签发人's 职务 two characters before the name above the date. */
async function assertOrderSheet(sheet: Locator, number: RegExp, title: string, where: string) {
  assert.equal(await text(sheet.getByTestId('sheet-banner')), '西安市人民政府令', `${where}: the banner`);
  assert.match(await text(sheet.getByTestId('sheet-doc-number')), number, `${where}: the 令号 under it`);
  assert.equal(await sheet.locator('p.number.upward').count(), 0, `${where}: the 令号 centred`);
  assert.equal(await sheet.getByTestId('sheet-signer').count(), 0, `${where}: no 签发人 line under the banner`);
  assert.equal(await sheet.locator('hr.rule').count(), 0, `${where}: no rule`);
  assert.equal(await sheet.locator('h1.title').count(), 0, `${where}: no title`);
  assert.equal(await sheet.getByText(title).count(), 0, `${where}: the title nowhere on the sheet`);
  assert.equal(await text(sheet.getByTestId('sheet-order-signer')), '市长\u3000\u3000胡建华', `${where}: 职务 and 签发人 above the date`);
  assert.match(await text(sheet.getByTestId('sheet-doc-date')), /^\d{4}年\d{1,2}月\d{1,2}日$/, `${where}: the date`);
  assert.equal(await sheet.getByText('西安市人民政府文件').count(), 0, `${where}: not a 文件`);
}

test('a 命令: 拟稿’s preview, 审批’s 公文预览 and the recipient’s page lay it out as the 令 prints', async () => {
  const title = `西安市人民政府关于嘉奖防汛抢险先进集体的命令（${Date.now().toString(36)}）`;
  const { page } = await d.as('xa.drafter');
  await page.getByRole('link', { name: '拟稿', exact: true }).click();
  await page.locator('select[name=docType]').selectOption('命令');
  await page.fill('input[name=title]', title);
  await page.fill('textarea[name=body]', '为表彰先进，市人民政府决定，给予以下集体通令嘉奖。');
  await page.locator('select#signer').selectOption('胡建华');
  await page.getByLabel('单位名称').fill('新城区');
  await page.getByRole('button', { name: '查找', exact: true }).click();
  await page.locator('p[data-org="西安市新城区人民政府"]').getByRole('button', { name: '添加' }).click();
  await page.getByRole('button', { name: '预览', exact: true }).click();
  const preview = page.getByTestId('compose-preview').locator('article.sheet');
  await preview.getByText('为表彰先进', { exact: false }).waitFor();
  await assertOrderSheet(preview, /^（发送时编号）$/, title, '拟稿');
  // The recipients checked against the routing rules, then submitted.
  await page.getByRole('button', { name: '检查发送范围' }).click();
  await page
    .getByTestId('routing-check')
    .getByText(/拒绝 0 个/)
    .waitFor();
  await page.getByRole('button', { name: '保存并提交审批' }).click();
  await page.waitForURL('**/approvals**');

  const leader = await d.as('xa.leader');
  await assertOrderSheet(await approvalPreview(leader.page, title), /^（发送时编号）$/, title, '审批');
  const id = (await leader.page.locator('tr', { hasText: title }).first().getAttribute('data-document')) as string;
  await api('xa.leader', 'mutation($id: ID!) { approveDocument(id: $id) { id } }', { id });
  await api('xa.leader', 'mutation($id: ID!) { approveDocument(id: $id) { id } }', { id });
  const sent = await api('xa.clerk', 'mutation($id: ID!, $k: String!) { sendDocument(id: $id, sendKey: $k) { docNumber } }', { id, k: randomUUID() });
  const docNumber = sent.sendDocument.docNumber as string;
  assert.match(docNumber, /^第\d+号$/);

  const inbox = await api('xc.clerk', 'query($s: String!) { inbox(filter: {search: $s}) { nodes { id } } }', { s: title });
  const clerk = await d.as('xc.clerk');
  await clerk.page.goto(`${d.url}/inbox/${inbox.inbox.nodes[0].id}`);
  const sheet = clerk.page.locator('article.sheet');
  await sheet.getByText('为表彰先进', { exact: false }).waitFor();
  await assertOrderSheet(sheet, new RegExp(`^${docNumber}$`), title, '收文');
});

test('a 简报 under its 刊名: 审批’s 公文预览 shows the 刊头 as 拟稿’s preview does, not a …文件 banner', async () => {
  const title = `西安政务信息（${Date.now().toString(36)}）`;
  const created = await api('xa.drafter', 'mutation($in: DraftInput!) { createDraft(input: $in) { id } }', {
    in: {
      docType: '简报',
      title,
      body: '<p>本期要目：全市电子公文传输工作进展。</p>',
      docPrefix: '西安政务信息',
      signer: '胡建华',
      recipients: [{ orgIds: [await d.platform.orgId('610102')] }],
    },
  });
  const id = created.createDraft.id as string;
  /** The 刊头: the 刊名, the 期号 to come under it, the 编印单位; no banner …文件 and no 签发人 line. */
  const assertBriefingHead = async (sheet: Locator, where: string) => {
    assert.equal(await text(sheet.getByTestId('sheet-briefing-title')), '西安政务信息', `${where}: the 刊名`);
    assert.equal(await text(sheet.getByTestId('sheet-doc-number')), '（期号在发送时编定）', `${where}: the 期号 to come`);
    await sheet.getByText('西安市人民政府编').waitFor();
    assert.equal(await sheet.getByTestId('sheet-banner').count(), 0, `${where}: no …文件 banner`);
    assert.equal(await sheet.getByText('（发送时编号）').count(), 0, `${where}: no 发文字号 placeholder`);
    assert.equal(await sheet.getByTestId('sheet-signer').count(), 0, `${where}: no 签发人 line`);
  };

  const { page } = await d.as('xa.drafter');
  await page.goto(`${d.url}/compose?id=${id}`);
  await page
    .locator('input[name=title]')
    .and(page.locator(`[value="${title}"]`))
    .waitFor();
  await page.getByRole('button', { name: '预览', exact: true }).click();
  const preview = page.getByTestId('compose-preview').locator('article.sheet');
  await preview.getByText('本期要目', { exact: false }).waitFor();
  await assertBriefingHead(preview, '拟稿');
  await api('xa.drafter', 'mutation($id: ID!) { submitForApproval(id: $id) { id } }', { id });

  const leader = await d.as('xa.leader');
  const sheet = await approvalPreview(leader.page, title);
  await sheet.getByText('本期要目', { exact: false }).waitFor();
  await assertBriefingHead(sheet, '审批');
});

test('a 函 and a 纪要 in 审批’s 公文预览 under their own banners, as they print: the unit’s name alone over a double line, …纪要', async () => {
  const stamp = Date.now().toString(36);
  const draft = async (docType: string, title: string, docPrefix: string) => {
    const created = await api('xa.drafter', 'mutation($in: DraftInput!) { createDraft(input: $in) { id } }', {
      in: { docType, title, body: '<p>请按时报送有关材料。</p>', docPrefix, signer: '胡建华', recipients: [{ orgIds: [await d.platform.orgId('610102')] }] },
    });
    await api('xa.drafter', 'mutation($id: ID!) { submitForApproval(id: $id) { id } }', { id: created.createDraft.id });
  };
  const letterTitle = `西安市人民政府关于商请协助开展电子公文调研的函（${stamp}）`;
  const minutesTitle = `西安市人民政府常务会议纪要（${stamp}）`;
  await draft('函', letterTitle, '市政函');
  await draft('纪要', minutesTitle, '市政发');

  const leader = await d.as('xa.leader');
  const letter = await approvalPreview(leader.page, letterTitle);
  // 信函格式 (§10.1): the name without 文件, a red double line, the number at the right, no rule, no 印发 line.
  assert.equal(await text(letter.getByTestId('sheet-banner')), '西安市人民政府', '函: the unit’s name alone');
  assert.equal(await letter.getByTestId('sheet-letter-line').count(), 1, '函: the double line under the banner');
  assert.equal(await letter.locator('hr.rule').count(), 0, '函: no rule under the number');
  assert.equal(await letter.locator('p.number.letter-number').count(), 1, '函: the number at the right');
  assert.equal(await letter.getByText('西安市人民政府文件').count(), 0, '函: not a 文件');
  assert.equal(await letter.locator('p.printed').count(), 0, '函: no 印发机关 and 印发日期');

  const minutes = await approvalPreview(leader.page, minutesTitle);
  // The preview shown is the 纪要's once its title is (the 函's was open before).
  await minutes.locator('h1.title', { hasText: '常务会议纪要' }).waitFor();
  assert.equal(await text(minutes.getByTestId('sheet-banner')), '西安市人民政府纪要', '纪要: …纪要');
  assert.equal(await minutes.getByTestId('sheet-letter-line').count(), 0);
});

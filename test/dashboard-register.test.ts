// 发文登记簿 and 撤回签发 in the dashboard (issue 18, 登记 before 用印), in Debian's Chromium against the real
// platform: the provincial office (its seal made) asks for the stamp of one approved document, which numbers it, and
// sends another sealed. Its clerk sees the first 已编号待发 and the second 已发 in the 发文登记簿 (a tab beside the
// 收文登记簿); its leader, who may not withdraw, sees no 撤回签发; the clerk withdraws the first with a reason, in the
// page's dialog, and its number shows 作废 with that reason and the clerk's name. Screenshot of the register.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { type Dashboard, dashboardOfFile, downloaded, screenshotDir } from './support/browser.ts';
import { asDemoUsers, ok } from './support/harness.ts';
import { readPdf } from './support/pdf-text.ts';
import { approvedOfficeDocument, makeOfficeSeal, sealedSend } from './support/seals.ts';

let d: Dashboard;
dashboardOfFile((started) => {
  d = started;
  fs.mkdirSync(screenshotDir, { recursive: true });
});

const { gql: api, tokens } = asDemoUsers(() => d.platform);
const REGISTER = 'query($y: Int!) { docNumberRegister(year: $y) { docNumber status documentId voidReason voidedByName } }';
type Entry = { docNumber: string; status: string; documentId: string; voidReason: string | null; voidedByName: string | null };
const beijingYear = () => Number(new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date()).slice(0, 4));

test('the clerk reads the 发文登记簿, withdraws an approved document’s approval with a reason, and its number shows 作废', async () => {
  await makeOfficeSeal(api);
  const stamp = Date.now().toString(36);
  const waiting = `关于调整年度会议安排的通知（${stamp}）`;
  const waitingId = await approvedOfficeDocument(d.platform, api, tokens, waiting);
  // Asking for the stamp numbers the document (登记 before 用印); no custodian has pressed it yet.
  ok(await api('sxb.drafter', 'mutation($d: ID!) { requestStamp(documentId: $d) { id } }', { d: waitingId }), 'requestStamp');
  const sentTitle = `关于发文登记簿的测试通知（${stamp}）`;
  const sent = await sealedSend(d.platform, api, tokens, sentTitle);
  const register = ok<Entry[]>(await api('sxb.clerk', REGISTER, { y: beijingYear() }), 'docNumberRegister');
  const reserved = register.find((e) => e.documentId === waitingId && e.status === 'RESERVED');
  assert.ok(reserved, `the stamp's request numbered the document: ${JSON.stringify(register)}`);
  assert.ok(register.some((e) => e.docNumber === sent.docNumber && e.status === 'SENT'));

  // The clerk opens the 发文登记簿 from the 收文登记簿's tab.
  const { page: clerk } = await d.as('sxb.clerk');
  await clerk.getByRole('link', { name: '登记簿', exact: true }).click();
  await clerk.getByRole('tab', { name: '发文登记簿' }).click();
  await clerk.waitForURL('**/register/outgoing');
  await clerk.getByTestId('outgoing-register-note').getByText('不留空号').waitFor();
  const reservedRow = clerk.locator(`tr[data-doc-number="${reserved.docNumber}"]`);
  await reservedRow.getByText('已编号待发').waitFor();
  await reservedRow.getByText(waiting).waitFor();
  const sentRow = clerk.locator(`tr[data-doc-number="${sent.docNumber}"]`);
  await sentRow.locator('.badge').getByText('已发', { exact: true }).waitFor();
  assert.equal(await clerk.getByTestId('outgoing-register-gap').count(), 0, 'no gap in the numbers');

  // The leader sees the approved document waiting to be sent, without 撤回签发 (drafters and clerks only).
  const { page: leader } = await d.as('sxb.leader');
  await leader.getByRole('link', { name: '审批', exact: true }).click();
  const leaderRow = leader.locator(`tr[data-document="${waitingId}"]`);
  await leaderRow.getByRole('button', { name: '发送' }).waitFor();
  assert.equal(await leaderRow.getByRole('button', { name: '撤回签发', exact: true }).count(), 0, 'a leader may not withdraw');

  // A withdrawal that comes too late (the drafter withdrew it meanwhile) is refused in the catalogue's words, in the
  // dialog, which stays open.
  const staleId = await approvedOfficeDocument(d.platform, api, tokens, `关于调整值班安排的通知（${stamp}）`);
  await clerk.getByRole('link', { name: '审批', exact: true }).click();
  await clerk.locator(`tr[data-document="${staleId}"]`).getByRole('button', { name: '撤回签发', exact: true }).click();
  const staleDialog = clerk.getByRole('dialog', { name: '撤回签发' });
  await staleDialog.getByLabel('撤回原因', { exact: true }).fill('另行起草');
  ok(
    await api('sxb.drafter', 'mutation($id: ID!, $r: String!) { withdrawApproval(id: $id, reason: $r) { status } }', { id: staleId, r: '拟稿人撤回' }),
    'withdrawApproval',
  );
  await staleDialog.getByRole('button', { name: '撤回签发', exact: true }).click();
  const refusal = staleDialog.getByRole('alert');
  await refusal.getByText('当前状态下不能进行此操作').waitFor();
  assert.equal(await refusal.getAttribute('data-code'), 'ILLEGAL_TRANSITION');
  await staleDialog.getByRole('button', { name: '取消' }).click();
  await staleDialog.waitFor({ state: 'hidden' });

  // The clerk withdraws it: the reason is required, asked in the page's dialog.
  const row = clerk.locator(`tr[data-document="${waitingId}"]`);
  await row.getByRole('button', { name: '撤回签发', exact: true }).click();
  const dialog = clerk.getByRole('dialog', { name: '撤回签发' });
  const confirm = dialog.getByRole('button', { name: '撤回签发', exact: true });
  assert.equal(await confirm.isDisabled(), true, 'no withdrawal without a reason');
  const reason = '主送单位有误，需修改后重新报批';
  await dialog.getByLabel('撤回原因', { exact: true }).fill(reason);
  await confirm.click();
  await dialog.waitFor({ state: 'hidden' });
  await clerk.getByRole('status').getByText(`原发文字号 ${reserved.docNumber} 已作废`).waitFor();
  // Back among its drafter's drafts, to be changed and submitted again: the clerk is told whose it is.
  await clerk.getByRole('status').getByText('由拟稿人张伟修改后重新提交审批', { exact: false }).waitFor();
  const status = ok<{ status: string }>(await api('sxb.clerk', 'query($id: ID!) { document(id: $id) { status } }', { id: waitingId }), 'document');
  assert.equal(status.status, 'DRAFT');

  // The register: the number 作废 with the reason and who voided it, by name; the sent one still 已发.
  await clerk.getByRole('link', { name: '登记簿', exact: true }).click();
  await clerk.getByRole('tab', { name: '发文登记簿' }).click();
  const voidedRow = clerk.locator(`tr[data-doc-number="${reserved.docNumber}"]`);
  await voidedRow.locator('.badge').getByText('作废', { exact: true }).waitFor();
  await voidedRow.getByText(reason).waitFor();
  await voidedRow.getByText('李静').waitFor();
  assert.equal(await voidedRow.getAttribute('data-status'), 'VOIDED');
  assert.doesNotMatch(await voidedRow.innerText(), /sxb\.|VOIDED|RESERVED/, 'no user name or raw code on screen');
  await sentRow.locator('.badge').getByText('已发', { exact: true }).waitFor();
  await clerk.screenshot({ path: path.join(screenshotDir, 'outgoing-register.png'), fullPage: true });

  // Its printable PDF, as the platform lays it out: both numbers, the voided one with its reason.
  const [pdf] = await Promise.all([clerk.waitForEvent('download'), clerk.getByTestId('outgoing-register-pdf').click()]);
  assert.match(pdf.suggestedFilename(), /^[\u4e00-\u9fff]+人民政府[\u4e00-\u9fff]*发文登记簿-\d{4}\.pdf$/, 'named by the unit');
  const printed = (await readPdf(fs.readFileSync(await downloaded(pdf)))).map((pg) => pg.lines.join('')).join('');
  assert.ok(printed.includes('发文登记簿（'), printed.slice(0, 200));
  for (const n of [reserved.docNumber, sent.docNumber]) assert.ok(printed.includes(n), `${n} in the PDF`);
  assert.ok(printed.includes('作废（'), 'the voided number, with when and why');
  assert.ok(printed.includes('打印人：李静'), 'who printed this copy, by name');

  // The 发文稿纸 of the sealed document, from its board: the 签发 with its signature checked, the seal verified now.
  await clerk.goto(`${d.url}/sent/${sent.documentId}`);
  const [draftSheet] = await Promise.all([clerk.waitForEvent('download'), clerk.getByTestId('print-draft-sheet').click()]);
  assert.match(draftSheet.suggestedFilename(), /^发文稿纸-.+\.pdf$/);
  const drafted = (await readPdf(fs.readFileSync(await downloaded(draftSheet)))).map((pg) => pg.lines.join('')).join('');
  for (const words of ['发文稿纸', sent.docNumber, '签发人：', '电子签名验证有效', '电子印章验证通过', '共发 1 个单位', '打印人：李静'])
    assert.ok(drafted.includes(words), `the 发文稿纸 says ${words}`);

  // The recipient's 收文处理单: 西安市's clerk signs for it and prints the form from the document's 办理 panel.
  const delivery = ok<{ nodes: { id: string }[] }>(
    await api('xa.clerk', 'query($s: String!) { inbox(filter: {search: $s}) { nodes { id } } }', { s: sentTitle }),
    'inbox',
  ).nodes[0]?.id as string;
  ok(await api('xa.clerk', 'mutation($id: ID!) { signForDelivery(id: $id) { id } }', { id: delivery }), 'signForDelivery');
  const { page: recipient } = await d.as('xa.clerk');
  await recipient.goto(`${d.url}/inbox/${delivery}`);
  const [handlingSheet] = await Promise.all([recipient.waitForEvent('download'), recipient.getByTestId('print-handling-sheet').click()]);
  assert.match(handlingSheet.suggestedFilename(), /^收文处理单-收〔\d{4}〕\d+号-.+\.pdf$/, 'named by its 收文编号');
  const handled = (await readPdf(fs.readFileSync(await downloaded(handlingSheet)))).map((pg) => pg.lines.join('')).join('');
  for (const words of ['西安市人民政府收文处理单', sent.docNumber, '拟办意见', '领导批示']) assert.ok(handled.includes(words), `the 收文处理单 says ${words}`);
  assert.doesNotMatch(handled, /xa\.clerk/, 'people by name');

  // The same in English.
  await clerk.goto(`${d.url}/register/outgoing`);
  await clerk.getByRole('button', { name: 'English' }).click();
  await clerk.getByRole('heading', { name: 'Outgoing number register' }).waitFor();
  await voidedRow.locator('.badge').getByText('Voided', { exact: true }).waitFor();
});

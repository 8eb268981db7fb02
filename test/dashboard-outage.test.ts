// After an outage, on screen (issue 20), in a real browser: 新城区's clerk records a document received on paper on the
// 纸质补录 page — it takes the next 收文编号 and shows in the 收文登记簿 marked 纸质补录, without a link to a delivery;
// the platform's operators (the top unit's administrators) see a banner when a certificate ends within days and the
// certificate and CRL section on the operations console, while a city's administrator sees neither. A 签收 whose answer a
// restart cut off is shown as taken effect when the clerk signs again, not as a failure.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createCsr, generateKeyPair } from '@yizhan/crypto';
import { type Dashboard, dashboardOfFile, downloaded } from './support/browser.ts';
import { tinyPdf } from './support/files.ts';
import { asDemoUsers, ok } from './support/harness.ts';

let d: Dashboard;
dashboardOfFile((started) => {
  d = started;
});

const { gql: api } = asDemoUsers(() => d.platform);
/** Beijing wall-clock time `hours` ago, as a datetime-local input takes it. */
const beijingInput = (hoursAgo: number) => new Date(Date.now() + 8 * 3600_000 - hoursAgo * 3600_000).toISOString().slice(0, 16);

test('纸质补录: a paper document received takes the next 收文编号 and is marked in the register', async () => {
  const { page } = await d.as('xc.clerk');
  await page.getByRole('link', { name: '纸质补录', exact: true }).click();
  await page.waitForURL('**/paper');
  const form = page.locator('form');
  await form.getByLabel('来文单位').fill('西安市人民政府');
  await form.getByLabel('文号').fill('市政发〔2026〕77号');
  await form.getByLabel('标题').fill('浏览器补录的纸质来文');
  await form.getByLabel('文种').selectOption('通知');
  await form.getByLabel('故障说明（可选）').fill('11月30日平台故障期间');
  // A time still to come is refused, in words: which field, and what its rule is.
  await form.getByLabel('收到时间').fill(beijingInput(-48));
  await form.getByRole('button', { name: '补录', exact: true }).click();
  const refused = page.locator('[role=alert][data-code="BAD_INPUT"]');
  await refused.getByTestId('error-field').getByText('（涉及：收到或发出时间）').waitFor();
  await refused.getByTestId('error-detail').getByText('不能晚于现在', { exact: false }).waitFor();
  await form.getByLabel('收到时间').fill(beijingInput(3));
  await form.getByLabel('扫描件（可选）').setInputFiles({ name: '纸质来文扫描件.pdf', mimeType: 'application/pdf', buffer: tinyPdf('scan') });
  await form.getByRole('button', { name: '补录', exact: true }).click();
  const notice = page.getByRole('status').filter({ hasText: '收文编号' });
  await notice.waitFor();
  const number = /收〔(\d{4})〕(\d+)号/.exec((await notice.textContent()) ?? '');
  assert.ok(number, 'the notice names the 收文编号');
  const row = page.locator('tr[data-paper]', { hasText: '浏览器补录的纸质来文' });
  await row.waitFor();
  assert.match((await row.textContent()) ?? '', /纸质补录.*收到的纸质公文.*市政发〔2026〕77号.*纸质来文扫描件\.pdf/);
  // The scan opens from the list (the unit's own upload).
  const download = page.waitForEvent('download');
  await row.getByRole('button', { name: '纸质来文扫描件.pdf' }).click();
  assert.ok(await downloaded(download));

  // Read back through the API, and in the register on screen: marked, and no link to a delivery.
  const records = ok<{ title: string; intakeNumber: number; scanName: string }[]>(
    await api('xc.clerk', '{ paperRecords { title intakeNumber scanName } }'),
    'paperRecords',
  );
  const mine = records.find((r) => r.title === '浏览器补录的纸质来文');
  assert.deepEqual([mine?.intakeNumber, mine?.scanName], [Number(number?.[2]), '纸质来文扫描件.pdf']);
  await page.getByRole('link', { name: '登记簿', exact: true }).first().click();
  await page.waitForURL('**/register');
  const entry = page.locator(`tr[data-intake="${number?.[2]}"]`);
  await entry.waitFor();
  assert.match((await entry.textContent()) ?? '', /纸质补录/);
  assert.equal(await entry.getByRole('link').count(), 0, 'no delivery behind it');
});

test('the operators are told of a certificate ending within days, above every page and on the console; a city’s administrator is not', async () => {
  const applied = await api('xc.drafter', 'mutation($i: CertificateApplicationInput!) { applyForCertificate(input: $i) { id } }', {
    i: { usage: 'IDENTITY', suite: 'RSA', csr: createCsr(generateKeyPair('RSA'), { commonName: 'xc.drafter' }) },
  });
  const decided = await api('xc.leader', 'mutation($id: ID!) { decideCertificateApplication(id: $id, approve: true) { certificateId } }', {
    id: ok<{ id: string }>(applied, 'applyForCertificate').id,
  });
  const id = ok<{ certificateId: string }>(decided, 'decideCertificateApplication').certificateId;
  await d.platform.superQuery("update certificates.certificates set not_after = now() + interval '3 days' where id = $1", [id]);

  const { page } = await d.as('sx.admin');
  const banner = page.locator('[data-kind="CERTIFICATE_EXPIRY"]');
  await banner.waitFor();
  assert.match((await banner.textContent()) ?? '', /证书与CRL到期提醒.*1 张证书将在30天内到期，其中 1 张在7天内到期或已到期/);
  await banner.getByRole('link', { name: '查看运维监控' }).click();
  await page.waitForURL('**/operations');
  const expiring = page.getByTestId('operations-expiring');
  await expiring.waitFor();
  assert.match((await expiring.textContent()) ?? '', /个人证书.*7天内到期/);
  assert.match((await page.getByTestId('operations-crls').textContent()) ?? '', /RSA.*正常/);

  const city = await d.as('xa.admin');
  await city.page.locator('main').waitFor();
  await city.page.waitForTimeout(1000);
  assert.equal(await city.page.locator('[data-kind="CERTIFICATE_EXPIRY"]').count(), 0, 'not an operator: no banner');
});

test('a 签收 already recorded (its answer lost to a restart) is said to have taken effect, with its 收文编号, not shown as a failure', async () => {
  const title = `签收应答丢失测试 ${Date.now()}`;
  const xincheng = await d.platform.orgId('610102');
  const made = ok<{ id: string }>(
    await api('xa.drafter', 'mutation($in: DraftInput!) { createDraft(input: $in) { id } }', {
      in: { docType: '通知', title, body: '<p>正文。</p>', docPrefix: '市政发', recipients: [{ orgIds: [xincheng] }] },
    }),
    'createDraft',
  );
  ok(await api('xa.drafter', 'mutation($id: ID!) { submitForApproval(id: $id) { id } }', { id: made.id }), 'submitForApproval');
  for (let i = 0; i < 2; i++) ok(await api('xa.leader', 'mutation($id: ID!) { approveDocument(id: $id) { id } }', { id: made.id }), 'approveDocument');
  ok(
    await api('xa.clerk', 'mutation($id: ID!, $k: String!) { sendDocument(id: $id, sendKey: $k) { id } }', { id: made.id, k: `lost-${made.id}` }),
    'sendDocument',
  );
  const delivery = ok<{ nodes: { id: string }[] }>(
    await api('xc.clerk', 'query($s: String) { inbox(filter: { search: $s }) { nodes { id } } }', { s: title }),
    'inbox',
  ).nodes[0]?.id as string;

  const { page } = await d.as('xc.clerk');
  await page.goto(`${d.url}/inbox/${delivery}`);
  const checks = page.getByTestId('sign-checks');
  await checks.waitFor();
  // The 签收 lands while the page waits (as one whose answer a restart of the service cut off would have).
  ok(await api('xc.clerk', 'mutation($id: ID!) { signForDelivery(id: $id) { id } }', { id: delivery }), 'signForDelivery');
  for (const box of await checks.getByRole('checkbox').all()) await box.check();
  await checks.getByRole('button', { name: '签收', exact: true }).click();
  await page.getByTestId('signed-earlier').getByText('此前的签收已经生效', { exact: false }).waitFor();
  assert.match((await page.getByTestId('intake-number').textContent()) ?? '', /^收〔\d{4}〕\d+号$/);
  assert.equal(await page.locator('[role=alert][data-code]').count(), 0, 'no refusal shown');
});

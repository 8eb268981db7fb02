// The OFD 版式 file in the dashboard (issue 18), in Debian's Chromium against the real platform: 西安市 sends a notice
// to 新城区; 新城区's clerk opens it and downloads "下载OFD版式文件" beside the document (an OFD package of that very
// document, named by its 发文字号), and so does 西安市 from its sent document's page.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { test } from 'node:test';
import { unzip } from '../services/documents/src/domain/zip.ts';
import { type Dashboard, dashboardOfFile, downloaded } from './support/browser.ts';
import { asDemoUsersData } from './support/harness.ts';

let d: Dashboard;
dashboardOfFile((started) => {
  d = started;
});

const api = asDemoUsersData(() => d.platform);

test('the recipient and the sender download the OFD 版式 file from the document’s page', async () => {
  const title = `关于版式文件下载的通知（${Date.now().toString(36)}）`;
  const created = await api('xa.drafter', 'mutation($in: DraftInput!) { createDraft(input: $in) { id } }', {
    in: { docType: '通知', title, body: '<p>请下载版式文件。</p>', docPrefix: '市政发', recipients: [{ orgIds: [await d.platform.orgId('610102')] }] },
  });
  const id = created.createDraft.id as string;
  await api('xa.drafter', 'mutation($id: ID!) { submitForApproval(id: $id) { id } }', { id });
  await api('xa.leader', 'mutation($id: ID!) { approveDocument(id: $id) { id } }', { id });
  await api('xa.leader', 'mutation($id: ID!) { approveDocument(id: $id) { id } }', { id });
  const sent = await api('xa.clerk', 'mutation($id: ID!, $k: String!) { sendDocument(id: $id, sendKey: $k) { docNumber ofdSha256 } }', { id, k: randomUUID() });
  const docNumber = sent.sendDocument.docNumber as string;
  assert.ok(sent.sendDocument.ofdSha256);
  const inbox = await api('xc.clerk', 'query($s: String!) { inbox(filter: {search: $s}) { nodes { id } } }', { s: title });
  const delivery = inbox.inbox.nodes[0].id as string;

  const downloadOn = async (user: string, url: string, open?: string) => {
    const { page } = await d.as(user);
    await page.goto(url);
    if (open) await page.getByRole('button', { name: open }).click();
    const link = page.getByRole('button', { name: '下载OFD版式文件' });
    await link.waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    assert.equal(download.suggestedFilename(), `${docNumber}.ofd`);
    const files = unzip(fs.readFileSync(await downloaded(download)));
    assert.match(files.get('OFD.xml')?.toString('utf8') ?? '', new RegExp(title.replace(/[（）]/g, '.')));
    assert.ok(files.get('Doc_0/Pages/Page_0/Content.xml')?.toString('utf8').includes(`>${docNumber}<`), 'the 发文字号 on page 1');
  };
  await downloadOn('xc.clerk', `${d.url}/inbox/${delivery}`);
  // The sender's page shows the document when asked.
  await downloadOn('xa.clerk', `${d.url}/sent/${id}`, '查看公文');
});

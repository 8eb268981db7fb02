// Rendering cost of the OFD 版式 file beside the print (issue 18): the document of bench/print.ts (a 10-page body,
// 3 attachments) laid out once (services/documents/src/domain/print-layout.ts) and drawn as the PDF, written as the
// OFD package (services/documents/src/domain/ofd/: XML, font subsets with their cmap, zip), and both from one layout,
// in the same run. Then the send of a broadcast to `recipients` units (default 1,000) with the OFD made by the send
// against the same send without it (a second documents service started with `ofd: false`, its own gateway, on the
// same database; sends alternate between the two), `rounds` each (default 7), medians: the OFD is made once per
// document, never per recipient, while PostgreSQL writes the deliveries. The three attachments' originals are in the
// OFD (Attachs/): a PDF of 320 KB and a .docx of 1.2 MB (incompressible bytes, as such files are) and the plain text;
// in the send too, uploaded once and attached to every draft.
// Run: npm run bench:ofd -- [documents] [recipients] [rounds]
import { randomBytes, randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { documentsDatabase, startDocumentsService } from '@yizhan/documents';
import { startGateway } from '@yizhan/gateway';
import { freePort } from '@yizhan/kernel';
import { orgDatabase, startOrgService } from '@yizhan/org';
import { packOfd, renderOfd } from '../services/documents/src/domain/ofd/index.ts';
import { renderOfficialDocument } from '../services/documents/src/domain/official-document-pdf.ts';
import { layoutOfficialDocument } from '../services/documents/src/domain/print-layout.ts';
import { benchDatabase, gatewayClient, median, seedBenchProvince, timed } from './lib.ts';
import { printDocument as doc } from './print-document.ts';

const n = Number(process.argv[2] ?? 20);
const RECIPIENTS = Number(process.argv[3] ?? 1000);
const ROUNDS = Number(process.argv[4] ?? 7);

const info = { documentId: '0b6d2f8e-3c1a-4d2b-9e5f-7a8b9c0d1e2f', title: doc.title, author: doc.orgName, subject: doc.docNumber, createdAt: new Date() };
/** The attachments' originals: the sizes bench/print-document.ts names, the text its third prints. */
const attachmentFiles = (doc.attachments ?? []).map((a) => ({
  name: a.name,
  contentType: a.contentType,
  bytes: a.text ? Buffer.from(a.text, 'utf8') : Buffer.concat([Buffer.from(a.name.endsWith('.pdf') ? '%PDF-1.7\n' : 'PK\u0003\u0004'), randomBytes(a.size)]),
}));

async function time(label: string, fn: () => Promise<Buffer>) {
  await fn(); // fonts opened, 楷体 subsets decoded
  const ms: number[] = [];
  let bytes = 0;
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    bytes = (await fn()).length;
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  const at = (q: number) => (ms[Math.min(ms.length - 1, Math.floor(q * ms.length))] as number).toFixed(0);
  console.log(`${label.padEnd(40)} median ${at(0.5)} ms, p90 ${at(0.9)} ms, ${(bytes / 1024).toFixed(0)} KB`);
}

const pages = (await layoutOfficialDocument(doc, { withinQuota: true })).pages.length;
console.log(`${n} documents each, one process, Node ${process.version}; ${pages} pages`);
await time('layout alone (the shared part)', async () => Buffer.from(String((await layoutOfficialDocument(doc, { withinQuota: true })).pages.length)));
await time('PDF (layout + pdfkit)', () => renderOfficialDocument(doc, { withinQuota: true }));
await time('OFD (layout + package + zip)', async () => packOfd((await renderOfd(doc, info)).files, info.createdAt));
await time('OFD with the attachments’ originals', async () => packOfd((await renderOfd(doc, info, { attachments: attachmentFiles })).files, info.createdAt));

// The send, with and without the OFD, in one run.
const db = await benchDatabase([orgDatabase, documentsDatabase]);
const closers: (() => Promise<void>)[] = [];
try {
  await seedBenchProvince(db.appUrl, RECIPIENTS + 1);
  const org = await startOrgService({ appUrl: db.appUrl, relayUrl: db.relayUrl, port: await freePort() });
  closers.push(org.close);
  const withOfd = await startDocumentsService({ appUrl: db.appUrl, relayUrl: db.relayUrl, port: await freePort(), orgUrl: org.url });
  closers.push(withOfd.close);
  const without = await startDocumentsService({ appUrl: db.appUrl, relayUrl: db.relayUrl, port: await freePort(), orgUrl: org.url, relay: false, ofd: false });
  closers.push(without.close);
  const gateways = {
    on: await startGateway({ port: await freePort(), subgraphs: { org: org.url, documents: withOfd.url } }),
    off: await startGateway({ port: await freePort(), subgraphs: { org: org.url, documents: without.url } }),
  };
  closers.push(gateways.on.close, gateways.off.close);
  const clients = { on: gatewayClient(gateways.on.url), off: gatewayClient(gateways.off.url) };
  const sender = await clients.on.login('bench.sender');
  const approver = await clients.on.login('bench.approver');
  const { gql } = clients.on;
  const root = (await gql('{ me { orgId } }', {}, sender)).me.orgId as string;
  // The attachments, uploaded once (content-addressed: every draft names the same files).
  const attachments: { sha256: string; name: string }[] = [];
  for (const a of attachmentFiles) {
    const res = await fetch(gateways.on.url.replace('/graphql', '/blobs'), {
      method: 'POST',
      headers: { authorization: `Bearer ${sender}`, 'content-type': a.contentType, 'x-yizhan-csrf': '1', 'x-filename': encodeURIComponent(a.name) },
      body: new Uint8Array(a.bytes),
    });
    if (!res.ok) throw new Error(`upload of ${a.name}: ${res.status} ${await res.text()}`);
    attachments.push({ sha256: ((await res.json()) as { sha256: string }).sha256, name: a.name });
  }
  const body = doc.bodyText
    .split('\n')
    .map((p) => `<p>${p}</p>`)
    .join('');
  async function approved(): Promise<string> {
    const created = await gql(
      'mutation($in: DraftInput!) { createDraft(input: $in) { id } }',
      { in: { docType: '通知', title: doc.title, body, mainTo: doc.mainTo, docPrefix: '合政发', attachments, recipients: [{ selector: { rootId: root } }] } },
      sender,
    );
    const id = created.createDraft.id as string;
    await gql('mutation($id: ID!) { submitForApproval(id: $id) { id } }', { id }, sender);
    await gql('mutation($id: ID!) { approveDocument(id: $id) { id } }', { id }, approver);
    await gql('mutation($id: ID!) { approveDocument(id: $id) { id } }', { id }, approver);
    return id;
  }
  const send = async (side: 'on' | 'off') => {
    const id = await approved();
    const [ms, out] = await timed(() =>
      clients[side].gql('mutation($id: ID!, $k: String!) { sendDocument(id: $id, sendKey: $k) { recipientCount ofdSha256 } }', { id, k: randomUUID() }, sender),
    );
    if (out.sendDocument.recipientCount !== RECIPIENTS) throw new Error(`expected ${RECIPIENTS} recipients, got ${out.sendDocument.recipientCount}`);
    if (Boolean(out.sendDocument.ofdSha256) !== (side === 'on')) throw new Error(`OFD ${side}: ${out.sendDocument.ofdSha256}`);
    return ms;
  };
  await send('on');
  await send('off');
  const ms = { on: [] as number[], off: [] as number[] };
  for (let r = 0; r < ROUNDS; r++) {
    for (const side of r % 2 ? (['off', 'on'] as const) : (['on', 'off'] as const)) ms[side].push(await send(side));
  }
  const on = median(ms.on);
  const off = median(ms.off);
  console.log(
    `sendDocument to ${RECIPIENTS} units, ${ROUNDS} rounds, medians: with the OFD ${on.toFixed(0)} ms, without ${off.toFixed(0)} ms: ${(on / off).toFixed(2)}× (goal ≤ 1.2×)`,
  );
} finally {
  for (const close of closers.reverse()) await close().catch(() => {});
  await db.stop();
}

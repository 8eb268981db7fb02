// Benchmark: a broadcast to 10,000 recipient units (DESIGN §3.1), beside a raw PostgreSQL COPY of the same rows
// in the same run. Two measurements:
//   - end to end: sendDocument through the gateway (routing rules evaluated for every recipient by the org service,
//     number allocated, deliveries and events written in one transaction), against COPY of the same deliveries
//     and events into the same tables;
//   - the writing alone: the send's one set-based statement (deliveries and their events), against the same COPY.
// Usage: npm run bench:broadcast -- [recipients] [rounds]
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { documentsDatabase, startDocumentsService } from '@yizhan/documents';
import { startGateway } from '@yizhan/gateway';
import { freePort } from '@yizhan/kernel';
import { orgDatabase, startOrgService } from '@yizhan/org';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { benchDatabase, gatewayClient, median, seedBenchProvince, timed } from './lib.ts';

const RECIPIENTS = Number(process.argv[2] ?? 10_000);
const ROUNDS = Number(process.argv[3] ?? 7);

const db = await benchDatabase([orgDatabase, documentsDatabase]);
const closers: (() => Promise<void>)[] = [];
try {
  // A synthetic province with RECIPIENTS units below its government, a rule letting it send down, two accounts.
  await seedBenchProvince(db.appUrl, RECIPIENTS + 1);

  const org = await startOrgService({ appUrl: db.appUrl, relayUrl: db.relayUrl, port: await freePort() });
  closers.push(org.close);
  const documents = await startDocumentsService({ appUrl: db.appUrl, relayUrl: db.relayUrl, port: await freePort(), orgUrl: org.url });
  closers.push(documents.close);
  const gw = await startGateway({ port: await freePort(), subgraphs: { org: org.url, documents: documents.url } });
  closers.push(gw.close);

  const { gql, login } = gatewayClient(gw.url);
  const sender = await login('bench.sender');
  const approver = await login('bench.approver');
  const root = (await gql('{ me { orgId } }', {}, sender)).me.orgId as string;

  async function approvedDocument(): Promise<string> {
    const doc = await gql(
      'mutation($in: DraftInput!) { createDraft(input: $in) { id } }',
      { in: { docType: '通知', title: '全省广播测试', body: '<p>正文</p>', docPrefix: '合政发', recipients: [{ selector: { rootId: root } }] } },
      sender,
    );
    const id = doc.createDraft.id as string;
    await gql('mutation($id: ID!) { submitForApproval(id: $id) { id } }', { id }, sender);
    await gql('mutation($id: ID!) { approveDocument(id: $id) { id } }', { id }, approver);
    await gql('mutation($id: ID!) { approveDocument(id: $id) { id } }', { id }, approver);
    return id;
  }

  // The rows a broadcast writes, for the COPY baseline: taken from a real send.
  const warm = await approvedDocument();
  const sent = await gql('mutation($id: ID!, $k: String!) { sendDocument(id: $id, sendKey: $k) { recipientCount } }', { id: warm, k: randomUUID() }, sender);
  if (sent.sendDocument.recipientCount !== RECIPIENTS) throw new Error(`expected ${RECIPIENTS} recipients, got ${sent.sendDocument.recipientCount}`);
  const owner = new pg.Client({ connectionString: db.ownerUrl });
  await owner.connect();
  closers.push(() => owner.end());
  const template = (await owner.query('select * from documents.deliveries where document_id = $1', [warm])).rows;

  const app = new pg.Client({ connectionString: db.appUrl });
  await app.connect();
  closers.push(() => app.end());
  const cell = (v: unknown) => (v === null || v === undefined ? '\\N' : v instanceof Date ? v.toISOString() : String(v).replace(/[\\\t\n]/g, (c) => `\\${c}`));

  /** COPY of the same deliveries and their events in one transaction. PostgreSQL refuses COPY FROM into a table
   * under row-level security, so the baseline runs as the superuser, without policies: a stricter baseline. */
  async function copyBaseline(documentId: string): Promise<number> {
    const deliveries = template.map((r) =>
      [
        randomUUID(),
        documentId,
        r.sender_org_id,
        r.sender_path,
        r.sender_name,
        r.recipient_org_id,
        r.recipient_path,
        r.recipient_name,
        r.role,
        r.print_quota,
        r.doc_type,
        r.doc_number,
        r.title,
        r.urgency,
        r.deadline,
        'DELIVERED',
        r.delivered_at,
        r.due_at,
        r.delivered_at,
      ]
        .map(cell)
        .join('\t'),
    );
    const events = template.map((r) =>
      ['delivery.delivered', r.recipient_path, JSON.stringify({ documentId, recipientOrgId: r.recipient_org_id })].map(cell).join('\t'),
    );
    const [ms] = await timed(async () => {
      await owner.query('begin');
      await pipeline(
        Readable.from([`${deliveries.join('\n')}\n`]),
        owner.query(
          copyFrom(
            'COPY documents.deliveries (id, document_id, sender_org_id, sender_path, sender_name, recipient_org_id, recipient_path, recipient_name, role, print_quota, doc_type, doc_number, title, urgency, deadline, status, delivered_at, due_at, document_sent_at) FROM STDIN',
          ),
        ),
      );
      await pipeline(Readable.from([`${events.join('\n')}\n`]), owner.query(copyFrom('COPY documents.outbox (type, org_path, payload) FROM STDIN')));
      await owner.query('rollback');
    });
    return ms;
  }

  /** The send's own writing, as the application role, under row-level security, in one transaction. */
  async function sendWrites(documentId: string): Promise<number> {
    const [ms] = await timed(async () => {
      await app.query('begin');
      await app.query("select set_config('yizhan.org_path', 'p11', true)");
      const r0 = template[0];
      // The statement sendDocument runs (services/documents/src/store/deliveries.ts, insertDeliveries), with the same parameters.
      await app.query(
        `with delivered as (
           insert into documents.deliveries (document_id, sender_org_id, sender_path, sender_name, recipient_org_id, recipient_path, recipient_name,
             role, print_quota, doc_type, doc_number, title, urgency, deadline, status, delivered_at, due_at, document_sent_at)
           select $1, $2, $3::ltree, $4, r.id, r.path::ltree, r.name, r.role, r.quota, $5, $6, $7, $8, null, 'DELIVERED', now(), now(), now()
           from unnest($9::uuid[], $10::text[], $11::text[], $12::text[], $13::int[]) as r(id, path, name, role, quota)
           returning id, recipient_path, recipient_org_id)
         insert into documents.outbox (type, org_path, payload)
         select 'delivery.delivered', recipient_path,
                jsonb_build_object('deliveryId', id, 'documentId', $1::uuid, 'recipientOrgId', recipient_org_id, 'docNumber', $6::text, 'urgency', $8::text)
         from delivered`,
        [
          documentId,
          r0.sender_org_id,
          r0.sender_path,
          r0.sender_name,
          r0.doc_type,
          r0.doc_number,
          r0.title,
          r0.urgency,
          template.map((r) => r.recipient_org_id),
          template.map((r) => r.recipient_path),
          template.map((r) => r.recipient_name),
          template.map((r) => r.role),
          template.map((r) => r.print_quota),
        ],
      );
      await app.query('rollback');
    });
    return ms;
  }

  const endToEnd: number[] = [];
  const writes: number[] = [];
  const copies: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const id = await approvedDocument();
    copies.push(await copyBaseline(id));
    writes.push(await sendWrites(id));
    const [ms, r] = await timed(() =>
      gql('mutation($id: ID!, $k: String!) { sendDocument(id: $id, sendKey: $k) { recipientCount } }', { id, k: randomUUID() }, sender),
    );
    if (r.sendDocument.recipientCount !== RECIPIENTS) throw new Error('short send');
    endToEnd.push(ms);
  }
  const copy = median(copies);
  const row = (name: string, ms: number) =>
    `| ${name} | ${RECIPIENTS} | ${ms.toFixed(0)} | ${copy.toFixed(0)} | ${(copy / ms).toFixed(2)} | ${Math.round((RECIPIENTS / ms) * 1000)} |`;
  console.log(`\n${ROUNDS} rounds, medians; rate = recipient units per second\n`);
  console.log('| measurement | recipients | ours (ms) | COPY of the same rows (ms) | COPY time / ours (goal ≥ 0.5) | our rate |');
  console.log('|---|---|---|---|---|---|');
  console.log(row('sendDocument through the gateway, end to end', median(endToEnd)));
  console.log(row('the send’s writing statement alone', median(writes)));
} finally {
  for (const close of closers.reverse()) await close().catch(() => {});
  await db.stop();
}

// Benchmark: what evidence (issue 17) costs on the two hot paths, against the same path without it, in one run.
//   - A broadcast to RECIPIENTS units through the gateway, with the evidence log's trigger on (every delivery.delivered
//     event queued for the sender's chain in the send's transaction; the evidence job links and time-stamps them after,
//     timed apart) and off (the trigger disabled).
//   - A storm of STORM receipts: that many county clerks sign for (签收) their delivery at once, CONCURRENCY at a
//     time, with evidence (each 签收 and the 接收 it implies signed by the unit's key through the certificates
//     service in one call, queued for the next batch time stamp, and queued for the unit's chain) and without (a documents service without
//     the CA, the trigger disabled). The units' keys are made in a first, separate storm (reported apart).
// Usage: npm run bench:evidence -- [recipients] [storm] [rounds] [concurrency] [--processes]
//   By default every service runs in this benchmark's one process (its thread carries the CA's work and documents'
//   alike). With --processes each runs in its own process from the production build, as npm start and the Kubernetes
//   manifests run them; the evidence job then works on its own timer and is waited for instead of run at once.
import { randomUUID } from 'node:crypto';
import { certificatesDatabase, startCertificatesService } from '@yizhan/certificates';
import { documentsDatabase, startDocumentsService } from '@yizhan/documents';
import { startGateway } from '@yizhan/gateway';
import { freePort } from '@yizhan/kernel';
import { orgDatabase, startOrgService } from '@yizhan/org';
import pg from 'pg';
import { buildProcesses, builtEntry } from '../scripts/lib/build.ts';
import { startProcess, stopProcess } from '../scripts/lib/stack.ts';
import { benchDatabase, gatewayClient, median, percentile, postgresSample, procSample, seedBenchProvince, timed } from './lib.ts';

const AS_DEPLOYED = process.argv.includes('--processes');
const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const RECIPIENTS = Number(args[0] ?? 10_000);
const STORM = Number(args[1] ?? 1_000);
const ROUNDS = Number(args[2] ?? 3);
const CONCURRENCY = Number(args[3] ?? 25);

const db = await benchDatabase([orgDatabase, documentsDatabase, certificatesDatabase]);
const closers: (() => Promise<void>)[] = [];

/** The two paths' gateways (with the CA and the evidence, and without), and how to have the evidence job's work done. */
async function inOneProcess(base: { appUrl: string; relayUrl: string }) {
  const org = await startOrgService({ ...base, port: await freePort() });
  closers.push(org.close);
  const ca = await startCertificatesService({ ...base, port: await freePort(), orgUrl: org.url });
  closers.push(ca.close);
  const withCa = await startDocumentsService({ ...base, port: await freePort(), orgUrl: org.url, certificatesUrl: ca.url });
  closers.push(withCa.close);
  const withoutCa = await startDocumentsService({ ...base, port: await freePort(), orgUrl: org.url, relay: false });
  closers.push(withoutCa.close);
  const gwOn = await startGateway({ port: await freePort(), subgraphs: { org: org.url, documents: withCa.url } });
  closers.push(gwOn.close);
  const gwOff = await startGateway({ port: await freePort(), subgraphs: { org: org.url, documents: withoutCa.url } });
  closers.push(gwOff.close);
  const pids: Pids = { 'every service (this process)': { on: process.pid, off: process.pid } };
  return { onUrl: gwOn.url, offUrl: gwOff.url, flush: async () => void (await withCa.flushEvidence()), pids };
}

async function inProcessesOfTheirOwn(base: { appUrl: string; relayUrl: string }, owner: pg.Client) {
  await buildProcesses(console.log);
  const env = { YIZHAN_APP_DATABASE_URL: base.appUrl, YIZHAN_RELAY_DATABASE_URL: base.relayUrl, LOG_LEVEL: 'warn' };
  const started = new Map<string, number | undefined>();
  const start = async (name: string, subgraphs: Record<string, string>) => {
    const p = await startProcess(name, builtEntry(name), { ...env, PORT: String(await freePort()), YIZHAN_SUBGRAPHS: JSON.stringify(subgraphs) });
    closers.push(() => stopProcess(p));
    started.set(p.url, p.child.pid);
    return p.url;
  };
  const org = await start('org', {});
  const ca = await start('certificates', { org });
  const withCa = await start('documents', { org, certificates: ca });
  const withoutCa = await start('documents', { org });
  const onUrl = await start('gateway', { org, documents: withCa });
  const offUrl = await start('gateway', { org, documents: withoutCa });
  const pid = (url: string) => started.get(url);
  // Which process does a side's work: each side has its own documents and gateway; org and the CA serve both.
  const pids: Pids = {
    gateway: { on: pid(onUrl), off: pid(offUrl) },
    documents: { on: pid(withCa), off: pid(withoutCa) },
    org: { on: pid(org), off: pid(org) },
    certificates: { on: pid(ca), off: pid(ca) },
  };
  // The evidence job's work done: nothing queued for a chain, no receipt waiting for its batch time stamp.
  const flush = async () => {
    for (const end = Date.now() + 60_000; Date.now() < end; await new Promise((r) => setTimeout(r, 200))) {
      const { rows } = await owner.query(`select (select count(*) from documents.evidence_pending)
        + (select count(*) from documents.receipts r left join documents.evidence_anchors a on a.receipt_id = r.id
           where r.timestamp_token is null and a.id is null) as waiting`);
      if (Number(rows[0]?.waiting) === 0) return;
    }
    throw new Error('the evidence job did not finish its work within a minute');
  };
  return { onUrl, offUrl, flush, pids };
}

/** The process of each part for each side of the comparison (with evidence: on; without: off). */
type Pids = Record<string, { on: number | undefined; off: number | undefined }>;

try {
  const counties = await seedBenchProvince(db.appUrl, RECIPIENTS + 1, STORM);
  const base = { appUrl: db.appUrl, relayUrl: db.relayUrl };
  const owner = new pg.Client({ connectionString: db.ownerUrl });
  await owner.connect();
  closers.push(() => owner.end());
  const stack = AS_DEPLOYED ? await inProcessesOfTheirOwn(base, owner) : await inOneProcess(base);
  const on = gatewayClient(stack.onUrl);
  const off = gatewayClient(stack.offUrl);
  const evidence = (enabled: boolean) => owner.query(`ALTER TABLE documents.outbox ${enabled ? 'ENABLE' : 'DISABLE'} TRIGGER outbox_delivery_evidence`);

  const sender = await on.login('bench.sender');
  const approver = await on.login('bench.approver');
  const root = (await on.gql('{ me { orgId } }', {}, sender)).me.orgId as string;
  const clerks = new Map<string, string>();
  for (let i = 0; i < counties.length; i += 10)
    await Promise.all(counties.slice(i, i + 10).map(async (c, j) => clerks.set(c.id, await on.login(`bench.clerk${i + j}`))));

  const linking: number[] = [];
  async function approvedDocument(): Promise<string> {
    const doc = await on.gql(
      'mutation($in: DraftInput!) { createDraft(input: $in) { id } }',
      { in: { docType: '通知', title: '全省广播测试', body: '<p>正文</p>', docPrefix: '合政发', recipients: [{ selector: { rootId: root } }] } },
      sender,
    );
    const id = doc.createDraft.id as string;
    await on.gql('mutation($id: ID!) { submitForApproval(id: $id) { id } }', { id }, sender);
    await on.gql('mutation($id: ID!) { approveDocument(id: $id) { id } }', { id }, approver);
    await on.gql('mutation($id: ID!) { approveDocument(id: $id) { id } }', { id }, approver);
    return id;
  }
  async function broadcast(withEvidence: boolean): Promise<{ ms: number; id: string }> {
    await evidence(withEvidence);
    const id = await approvedDocument();
    const client = withEvidence ? on : off;
    const [ms, r] = await timed(() =>
      client.gql('mutation($id: ID!, $k: String!) { sendDocument(id: $id, sendKey: $k) { recipientCount } }', { id, k: randomUUID() }, sender),
    );
    if (r.sendDocument.recipientCount !== RECIPIENTS) throw new Error(`expected ${RECIPIENTS} recipients, got ${r.sendDocument.recipientCount}`);
    // The evidence job's work (linking the queued events, time-stamping the batch), done now and timed apart, so that
    // it does not run in the background of the next measurement.
    linking.push((await timed(() => stack.flush()))[0]);
    return { ms, id };
  }
  /** Every county clerk signs for its delivery of the document, CONCURRENCY at a time: the wall time and each 签收's. */
  async function storm(withEvidence: boolean): Promise<{ wall: number; each: number[]; cpu: Record<string, number> }> {
    const { id } = await broadcast(withEvidence);
    const rows = (await owner.query('select id, recipient_org_id from documents.deliveries where document_id = $1', [id])).rows as {
      id: string;
      recipient_org_id: string;
    }[];
    const work = rows.filter((r) => clerks.has(r.recipient_org_id));
    if (work.length !== STORM) throw new Error(`expected ${STORM} clerks' deliveries, got ${work.length}`);
    const client = withEvidence ? on : off;
    const each: number[] = [];
    let next = 0;
    // The CPU each part spent, from the first 签收 to the evidence job's last work after the storm.
    const side = withEvidence ? 'on' : 'off';
    const cpuNow = (): Record<string, number> => ({
      PostgreSQL: postgresSample(db.postmaster).cpu,
      ...Object.fromEntries(Object.entries(stack.pids).map(([name, p]) => [name, procSample(p[side])?.cpu ?? 0])),
    });
    const cpuBefore = cpuNow();
    const [wall] = await timed(() =>
      Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          while (next < work.length) {
            const d = work[next++] as { id: string; recipient_org_id: string };
            const [ms] = await timed(() => client.gql('mutation($id: ID!) { signForDelivery(id: $id) { id } }', { id: d.id }, clerks.get(d.recipient_org_id)));
            each.push(ms);
          }
        }),
      ),
    );
    linking.push((await timed(() => stack.flush()))[0]);
    const cpuAfter = cpuNow();
    return { wall, each, cpu: Object.fromEntries(Object.entries(cpuAfter).map(([k, v]) => [k, v - (cpuBefore[k] ?? 0)])) };
  }

  // Warm-up: the processes, and each unit's receipt key and certificate, made by its first receipt.
  await broadcast(false);
  await broadcast(true);
  const first = await storm(true);
  const receiptsMade = Number((await owner.query('select count(*) n from documents.receipts')).rows[0]?.n);
  if (receiptsMade !== 2 * STORM) throw new Error(`expected ${2 * STORM} receipts (接收 and 签收 each), got ${receiptsMade}`);

  const sends = { on: [] as number[], off: [] as number[] };
  type Storm = Awaited<ReturnType<typeof storm>>;
  const storms = { on: [] as Storm[], off: [] as Storm[] };
  for (let i = 0; i < ROUNDS; i++) {
    // Alternating which goes first, so neither always meets a warmer or a busier database.
    for (const withEvidence of i % 2 ? [false, true] : [true, false]) {
      sends[withEvidence ? 'on' : 'off'].push((await broadcast(withEvidence)).ms);
      storms[withEvidence ? 'on' : 'off'].push(await storm(withEvidence));
    }
  }
  await evidence(true);
  const wall = (s: { wall: number }[]) => median(s.map((x) => x.wall));
  const p50 = (s: { each: number[] }[]) =>
    percentile(
      s.flatMap((x) => x.each),
      50,
    );
  const p90 = (s: { each: number[] }[]) =>
    percentile(
      s.flatMap((x) => x.each),
      90,
    );
  console.log(
    `\n${ROUNDS} rounds each, medians; ${RECIPIENTS} recipients, a storm of ${STORM} 签收 ${CONCURRENCY} at a time; ${AS_DEPLOYED ? 'each service in its own process' : 'every service in this one process'}\n`,
  );
  console.log('| path | with evidence | without | ratio | goal |');
  console.log('|---|---|---|---|---|');
  console.log(
    `| broadcast, sendDocument end to end (ms) | ${median(sends.on).toFixed(0)} | ${median(sends.off).toFixed(0)} | ${(median(sends.on) / median(sends.off)).toFixed(2)} | ≤ 1.25 |`,
  );
  console.log(
    `| receipt storm, wall time (ms) | ${wall(storms.on).toFixed(0)} | ${wall(storms.off).toFixed(0)} | ${(wall(storms.on) / wall(storms.off)).toFixed(2)} | ≤ 1.5 |`,
  );
  console.log(`| one 签收, p50 (ms) | ${p50(storms.on).toFixed(0)} | ${p50(storms.off).toFixed(0)} | ${(p50(storms.on) / p50(storms.off)).toFixed(2)} | |`);
  console.log(`| one 签收, p90 (ms) | ${p90(storms.on).toFixed(0)} | ${p90(storms.off).toFixed(0)} | ${(p90(storms.on) / p90(storms.off)).toFixed(2)} | |`);
  // Where the storm's difference went: each part's CPU seconds per storm (medians), with and without evidence.
  console.log('\n| CPU per storm (s, median; the evidence job after it included) | with evidence | without | difference |');
  console.log('|---|---|---|---|');
  for (const part of Object.keys(storms.on[0]?.cpu ?? {})) {
    const w = median(storms.on.map((s) => s.cpu[part] ?? 0));
    const wo = median(storms.off.map((s) => s.cpu[part] ?? 0));
    console.log(`| ${part} | ${w.toFixed(2)} | ${wo.toFixed(2)} | ${(w - wo).toFixed(2)} |`);
  }
  console.log(
    `\nThe evidence job after each broadcast or storm (linking and one batch time stamp, off the measured path): median ${median(linking).toFixed(0)} ms, max ${Math.max(...linking).toFixed(0)} ms`,
  );
  console.log(
    `\nThe first storm, which made each unit's key and certificate: ${first.wall.toFixed(0)} ms wall, p50 ${percentile(first.each, 50).toFixed(0)} ms`,
  );
} finally {
  for (const close of closers.reverse()) await close().catch(() => {});
  await db.stop();
}

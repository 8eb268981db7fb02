// Benchmark (issue 19, 对端平台): how fast yizhan-exchange carries documents between two deployments. Two platforms
// on this machine (each its own database and CA, as test/peer-exchange.test.ts sets them up): the "national" one's
// office sends `documents` sealed 通知 (each with an attachment of `attachmentKB`) to the province's stand-in there,
// and one large one (an attachment of `largeMB`); the exchange then carries them with turns run back to back. Baseline
// in the same run: exporting each document's evidence package there alone — the part of a handover the exchange
// cannot skip — so the ratio says what the carrying adds (sending it, verifying it against the pinned roots, writing
// it here). Then the province's office signs for all of them and the turn that reports the 签收 back is timed.
// Usage: npm run bench:exchange -- [documents=50] [attachmentKB=200] [largeMB=15]
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createLogger, ensureKeys, repoRoot } from '@yizhan/common';
import { gatewayClient, startExchange } from '@yizhan/exchange';
import { prepareDatabase } from '../scripts/lib/stack.ts';
import { ok, type Platform, startPlatform } from '../test/support/harness.ts';
import { approvedOfficeDocument, makeOfficeSeal, stampOfficeDocument } from '../test/support/seals.ts';
import { percentile } from './lib.ts';

const documents = Number(process.argv[2] ?? 50);
const attachmentKB = Number(process.argv[3] ?? 200);
const largeMB = Number(process.argv[4] ?? 15);
const log = (m: string) => console.log(`[exchange] ${m}`);

// The platforms' PostgreSQL, as the tests have it: a seeded template each platform copies.
const dataDir = path.join(repoRoot, '.test-data', `bench-exchange-${process.pid}`);
fs.rmSync(dataDir, { recursive: true, force: true });
process.env.YIZHAN_DATA_DIR = dataDir;
process.env.YIZHAN_DATABASE = 'yizhan_template';
await ensureKeys();
const db = await prepareDatabase({ persistent: false, seed: true });
process.env.YIZHAN_TEST_ADMIN_URL = db.adminUrl;

const platforms: Platform[] = [];
try {
  const national = await startPlatform();
  platforms.push(national);
  const province = await startPlatform();
  platforms.push(province);
  const tokens = new Map<string, string>();
  const as = async (p: Platform, user: string, query: string, variables: Record<string, unknown> = {}) => {
    const key = `${p.gatewayUrl} ${user}`;
    if (!tokens.has(key)) tokens.set(key, await p.login(user));
    return p.gql(query, variables, tokens.get(key));
  };
  for (const p of [national, province]) await makeOfficeSeal((user, query, variables = {}) => as(p, user, query, variables));

  // Each registers the other under its office, the other's roots pinned; each stand-in gets its API token.
  const REGISTER = 'mutation($i: RegisterPeerPlatformInput!) { registerPeerPlatform(input: $i) { standIn { id } } }';
  const ISSUE = 'mutation($o: ID!, $n: String!) { issueApiToken(orgId: $o, name: $n, expiresInDays: 1) { token } }';
  const roots = async (p: Platform) =>
    ok<{ role: string; pem: string }[]>(await as(p, 'xa.clerk', '{ caCertificates { role pem } }'), 'caCertificates')
      .filter((c) => c.role === 'ROOT')
      .map((c) => c.pem);
  const register = async (p: Platform, other: Platform, platform: string, standIn: Record<string, string>) => {
    const office = ok<{ orgId: string }>(await as(p, 'sxb.clerk', '{ me { orgId } }'), 'me').orgId;
    const id = ok<{ standIn: { id: string } }>(
      await as(p, 'sx.admin', REGISTER, { i: { platform, receivingOrgId: office, standIn, rootCertificates: await roots(other) } }),
      'registerPeerPlatform',
    ).standIn.id;
    return { id, token: ok<{ token: string }>(await as(p, 'sx.admin', ISSUE, { o: id, n: '交换' }), 'issueApiToken').token };
  };
  const inProvince = await register(province, national, '国家电子公文传输平台', {
    code: '100000',
    name: '国务院办公厅',
    shortName: '国办',
    level: 'PROVINCE',
    kind: 'CENTRAL_AGENCY',
  });
  const onNational = await register(national, province, '陕西省电子公文传输平台', {
    code: '11610000016000001J',
    name: '陕西省人民政府办公厅（省级平台）',
    shortName: '陕西省平台',
    level: 'PROVINCE',
    kind: 'OFFICE',
  });

  // The documents, sent on the national platform to the province's stand-in there.
  const gqlOn = (user: string, query: string, variables: Record<string, unknown> = {}) => as(national, user, query, variables);
  const to = { orgId: onNational.id, name: '陕西省人民政府办公厅（省级平台）' };
  const sendOne = async (title: string, attachment: Buffer) => {
    const id = await approvedOfficeDocument(national, gqlOn, {}, title, attachment, { to });
    await stampOfficeDocument(gqlOn, id);
    ok(await gqlOn('sxb.clerk', 'mutation($id: ID!, $k: String!) { sendDocument(id: $id, sendKey: $k) { id } }', { id, k: randomUUID() }), 'sendDocument');
    return id;
  };
  let t0 = performance.now();
  const sent: string[] = [];
  for (let i = 0; i < documents; i++) sent.push(await sendOne(`关于交换性能测试的通知（第${i + 1}件）`, randomBytes(attachmentKB * 1024)));
  log(`${documents} sealed documents (attachment ${attachmentKB} KB) sent there in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  t0 = performance.now();
  const exchange = startExchange({
    peer: gatewayClient(national.gatewayUrl, onNational.token),
    here: gatewayClient(province.gatewayUrl, inProvince.token),
    log: createLogger('exchange'),
    intervalMs: 3_600_000,
  });
  const carried = async () =>
    province.superCount(`select count(*) as n from documents.documents where org_id = $1 and peer_origin is not null`, [inProvince.id]);
  try {
    // From its start (its first turn runs at once) until every document is taken in here.
    while ((await carried()) < documents) await exchange.tick();
    const carryMs = performance.now() - t0;

    // Baseline: each package exported there alone, as the exchange's first step does.
    const EXPORT = 'mutation($d: ID!) { exportEvidencePackage(documentId: $d) { base64 } }';
    const exportMs: number[] = [];
    let packageBytes = 0;
    for (const d of sent) {
      const t = performance.now();
      packageBytes = ok<{ base64: string }>(await national.gql(EXPORT, { d }, onNational.token), 'exportEvidencePackage').base64.length;
      exportMs.push(performance.now() - t);
    }
    const exportTotal = exportMs.reduce((a, b) => a + b, 0);
    log(
      `carried ${documents} in ${(carryMs / 1000).toFixed(2)} s (${(carryMs / documents).toFixed(0)} ms each, ${((documents / carryMs) * 1000).toFixed(1)}/s); ` +
        `exporting them alone ${(exportTotal / 1000).toFixed(2)} s (p50 ${percentile(exportMs, 0.5).toFixed(0)} ms); ratio ${(carryMs / exportTotal).toFixed(2)}; ` +
        `a package ${((packageBytes * 3) / 4 / 1024).toFixed(0)} KB`,
    );

    // 签收 of all of them in the province, then the turn that reports them back there.
    const twins = await province.superQuery<{ id: string }>(
      `select d.id from documents.deliveries d join documents.documents doc on doc.id = d.document_id where doc.org_id = $1`,
      [inProvince.id],
    );
    for (const tw of twins) ok(await as(province, 'sxb.clerk', 'mutation($id: ID!) { signForDelivery(id: $id) { status } }', { id: tw.id }), 'signForDelivery');
    t0 = performance.now();
    const back = await exchange.tick();
    const reportMs = performance.now() - t0;
    log(
      `reported ${back.fromPeer.signed} 签收 back in ${(reportMs / 1000).toFixed(2)} s (${(reportMs / Math.max(1, back.fromPeer.signed)).toFixed(0)} ms each)`,
    );

    // One large document: its crossing against its export alone.
    const large = await sendOne('关于交换大件公文的通知', randomBytes(largeMB * 1024 * 1024));
    t0 = performance.now();
    await exchange.tick();
    const largeCarry = performance.now() - t0;
    t0 = performance.now();
    const largePackage = ok<{ base64: string }>(await national.gql(EXPORT, { d: large }, onNational.token), 'exportEvidencePackage').base64.length;
    const largeExport = performance.now() - t0;
    log(
      `a ${largeMB} MB document (package ${((largePackage * 3) / 4 / 1024 / 1024).toFixed(1)} MB): carried in ${(largeCarry / 1000).toFixed(2)} s, ` +
        `exported alone in ${(largeExport / 1000).toFixed(2)} s; ratio ${(largeCarry / largeExport).toFixed(2)}; taken in: ${(await carried()) === documents + 1}`,
    );
  } finally {
    await exchange.close();
  }
} finally {
  for (const p of platforms) await p.close();
  await db.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
}

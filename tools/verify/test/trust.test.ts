// The verifier's trust and naming, without a platform or a database: a package made here under a home-made CA (a
// root, an issuing CA, a TSA, a receiving unit's certificate: tsaWorld), of a document sent unstamped with a recipient's
// signed receipt, its sender's events and their contents. What anyone can make this way holds in itself but is never
// reported as anchored: without --root the trust anchors are 待核对 and the exit status 3; against other roots it
// fails (1); only against the roots the reader gives does it pass (0). The verdict names the 发文字号 the events record.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import {
  buildEvidencePackage,
  canonicalJson,
  generateKeyPair,
  hashAlgorithmOf,
  issueCertificate,
  issueTimestamp,
  linkChain,
  MANIFEST_PATH,
  type Manifest,
  type Receipt,
  receiptTimestampDigest,
  sha256Hex,
  signReceipt,
  unzipEvidence,
  verifyPackage,
  zipEvidence,
} from '@yizhan/crypto';
import { tsaWorld } from '../../../lib/crypto/src/testing/tsa-world.ts';
import { main } from '../src/cli.ts';

const suite = 'SM2';
const homeMade = tsaWorld(suite);
const platform = tsaWorld(suite);
const documentId = crypto.randomUUID();
const orgId = crypto.randomUUID();
const DOC_NUMBER = '陕政办发〔2026〕7号';
const utf8 = (s: string) => new TextEncoder().encode(s);
const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yizhan-verify-trust-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

type Files = Parameters<typeof buildEvidencePackage>[1];

/** The package's files: content, a signed receipt of an unstamped document, the sender's events, the CA. */
function files(sentNumber: string | null = DOC_NUMBER): { files: Files; chain: { start: string; head: string } } {
  const w = homeMade;
  const body = utf8('<p>关于离线验证的通知。</p>');
  const canonical = utf8(canonicalJson({ documentId, orgName: '陕西省人民政府办公厅', title: '关于离线验证的通知', body: sha256Hex(body), attachments: [] }));
  const unitKey = generateKeyPair(suite);
  const unitCert = issueCertificate({
    suite,
    subject: { commonName: '西安市人民政府', organization: '西安市人民政府', serialNumber: orgId },
    subjectPublicKey: unitKey.publicKey,
    profile: 'SIGNING',
    notBefore: new Date(Date.now() - 60_000),
    notAfter: new Date(Date.now() + 86_400_000),
    issuer: { certificate: w.issuing, privateKey: w.issuingKey.privateKey },
  });
  const receipt: Receipt = {
    format: 'yizhan-receipt',
    version: 1,
    deliveryId: crypto.randomUUID(),
    documentId,
    unit: { orgId, name: '西安市人民政府' },
    action: 'SIGNED',
    contentDigest: sha256Hex(canonical),
    stampDigest: null,
    at: new Date().toISOString(),
  };
  const signature = signReceipt(suite, unitKey.privateKey, receipt);
  const stampOver = (digest: string, hashAlgorithm = hashAlgorithmOf(suite)) =>
    issueTimestamp({ suite, tsa: w.key, hashAlgorithm, digest, nonce: null, certReq: true, genTime: new Date() }).token;
  const envelope = { receipt, signature: b64(signature), certificate: b64(unitCert), timestamp: b64(stampOver(receiptTimestampDigest(suite, signature))) };
  // The send's event, as the sender's chain keeps it: its contents hashed into the link.
  const sent = {
    type: 'document.sent',
    payload: { documentId, orgId, title: '关于离线验证的通知', ...(sentNumber ? { docNumber: sentNumber } : {}), recipientCount: 1, refusedCount: 0 },
  };
  // Its deliveries after it: 西安市 signed for it (the receipt above); one unit has not opened it; one opened it after it
  // was returned and resent; one returned it.
  const recorded = [sent, ...deliveryEvents(receipt.deliveryId)];
  const links = linkChain(
    recorded.map((e, i) => ({
      seq: i + 1,
      unit: orgId,
      kind: e.type,
      documentId,
      deliveryId: (e.payload as { deliveryId?: string }).deliveryId ?? null,
      digest: sha256Hex(utf8(canonicalJson(e))),
      at: new Date().toISOString(),
    })),
  );
  const head = links.at(-1)?.hash as string;
  return {
    chain: { start: '0'.repeat(64), head },
    files: [
      { path: 'content/canonical.json', kind: 'canonical', bytes: canonical },
      { path: 'content/body.html', kind: 'body', bytes: body },
      { path: `receipts/${receipt.deliveryId}-SIGNED.json`, kind: 'receipt', bytes: utf8(`${JSON.stringify(envelope, null, 2)}\n`) },
      { path: 'events/events.jsonl', kind: 'events', bytes: utf8(`${links.map((l) => canonicalJson(l)).join('\n')}\n`) },
      { path: 'events/contents.jsonl', kind: 'event-contents', bytes: utf8(recorded.map((event, i) => `${canonicalJson({ seq: i + 1, event })}\n`).join('')) },
      { path: 'timestamps/events-head.tsr', kind: 'timestamp', bytes: stampOver(head, 'SHA-256'), covers: { eventsHead: head } },
      { path: 'certs/SM2-ROOT.cer', kind: 'certificate', role: 'ROOT', suite, bytes: w.root },
      { path: 'certs/SM2-ISSUING.cer', kind: 'certificate', role: 'ISSUING', suite, bytes: w.issuing },
      { path: 'certs/SM2-TSA.cer', kind: 'certificate', role: 'TSA', suite, bytes: w.tsa },
      { path: 'crls/SM2.crl', kind: 'crl', suite, bytes: w.crl },
    ],
  };
}

/** The delivery events of the sender's chain: four units, each in a different state by the end (a resend between). */
function deliveryEvents(signedDelivery: string) {
  const unit = (n: number) => `00000000-0000-4000-8000-00000000000${n}`;
  const step = (type: string, deliveryId: string, recipientOrgId: string, status: string) => ({
    type,
    payload: { deliveryId, documentId, recipientOrgId, recipientName: `单位${recipientOrgId.slice(-1)}`, status },
  });
  const [resent, replacement, returned, waiting] = [1, 2, 3, 4].map(() => crypto.randomUUID()) as [string, string, string, string];
  return [
    step('delivery.delivered', signedDelivery, orgId, 'DELIVERED'),
    step('delivery.delivered', resent, unit(1), 'DELIVERED'),
    step('delivery.delivered', returned, unit(2), 'DELIVERED'),
    step('delivery.delivered', waiting, unit(3), 'DELIVERED'),
    step('delivery.received', signedDelivery, orgId, 'RECEIVED'),
    step('delivery.return', resent, unit(1), 'RETURNED'),
    step('delivery.signed', signedDelivery, orgId, 'SIGNED'),
    step('delivery.resend', resent, unit(1), 'RESENT'),
    step('delivery.delivered', replacement, unit(1), 'DELIVERED'),
    step('delivery.received', replacement, unit(1), 'RECEIVED'),
    step('delivery.return', returned, unit(2), 'RETURNED'),
  ];
}

/** The package as a file, with what the manifest says beside the items. */
function packageFile(name: string, opts: { sentNumber?: string | null; manifest?: Partial<Pick<Manifest, 'docNumber'>>; drop?: string } = {}) {
  const made = files(opts.sentNumber === undefined ? DOC_NUMBER : opts.sentNumber);
  const zip = buildEvidencePackage(
    { documentId, createdAt: new Date().toISOString(), chain: made.chain, ...opts.manifest },
    made.files.filter((f) => f.path !== opts.drop),
  );
  const file = path.join(dir, name);
  fs.writeFileSync(file, zip);
  return { file, zip };
}

/** The package as a file again with another body under the same manifest: its digest no longer holds. */
function withChangedBody(zip: Uint8Array, name: string): string {
  const files = unzipEvidence(zip);
  const manifest = JSON.parse(Buffer.from(files.get(MANIFEST_PATH) as Uint8Array).toString()) as Manifest;
  files.delete(MANIFEST_PATH);
  files.delete('mimetype');
  files.set('content/body.html', utf8('<p>另一份正文。</p>'));
  const file = path.join(dir, name);
  fs.writeFileSync(file, zipEvidence(manifest, files));
  return file;
}

const rootFile = (name: string, der: Uint8Array) => {
  const file = path.join(dir, name);
  fs.writeFileSync(file, der);
  return file;
};

async function run(...args: string[]) {
  const lines: string[] = [];
  const status = await main(args, (l) => lines.push(l));
  return { status, out: lines.join('\n') };
}

describe('yizhan-verify: whose roots the trust rests on', () => {
  const { file, zip } = packageFile('home-made.zip');

  test('a package under a home-made CA, without --root: consistent in itself, the trust anchors 待核对, exit 3', async () => {
    const v = verifyPackage(zip);
    assert.equal(v.valid, true, JSON.stringify(v.verdicts.filter((x) => !x.ok)));
    assert.equal(v.anchored, false);
    assert.equal(v.verdicts.find((x) => x.item === 'trust anchors')?.toCheck, true);
    const r = await run(file);
    assert.equal(r.status, 3, r.out);
    assert.match(
      r.out,
      /⚠ 待核对 {2}信任根 {2}trust anchors\n {4}信任证据包自带的根证书（SHA-256 [0-9a-f]{16}），请与平台公布的指纹核对\n {4}trusting the package's own roots/,
    );
    assert.doesNotMatch(r.out, /✔ 通过 {2}信任根 {2}trust anchors/);
    assert.doesNotMatch(r.out, /完整有效|the evidence package holds/);
    assert.match(r.out, /结论：证据包自身完整一致（[^）]+），但其可信性来自证据包自带的根证书，尚未核对：请用 --root 给出平台公布的根证书（caCertificates）/);
    assert.match(r.out, /将上面打印的 SHA-256 指纹与平台公布的指纹核对/);
    assert.match(r.out, /Verdict: the evidence package is consistent in itself \([^)]+\), but its trust comes from its own root certificates, not yet checked/);
    // --json says the same: valid in itself, not anchored.
    const json = await run(file, '--json');
    assert.equal(json.status, 3);
    assert.deepEqual([JSON.parse(json.out).valid, JSON.parse(json.out).anchored], [true, false]);
  });

  test('against the platform’s roots it fails (1); against the roots the reader gives that it was made under, it passes (0)', async () => {
    const refused = await run(file, '--root', rootFile('platform-root.cer', platform.root));
    assert.equal(refused.status, 1, refused.out);
    assert.match(refused.out, /✘ 失败 {2}信任根 {2}trust anchors/);
    assert.match(refused.out, /结论：证据包未通过校验/);
    const given = await run(file, '--root', rootFile('home-root.cer', homeMade.root));
    assert.equal(given.status, 0, given.out);
    assert.match(given.out, /✔ 通过 {2}信任根 {2}trust anchors\n {4}使用给定的信任根：/);
    assert.match(
      given.out,
      /结论：证据包完整有效（陕西省人民政府办公厅《关于离线验证的通知》，陕政办发〔2026〕7号）\nVerdict: the evidence package holds \(陕西省人民政府办公厅《关于离线验证的通知》, 陕政办发〔2026〕7号\)/,
    );
  });

  test('a failure is 1 with or without roots: failures win over not anchored', async () => {
    const changed = withChangedBody(zip, 'changed.zip');
    const without = await run(changed);
    assert.equal(without.status, 1, without.out);
    assert.match(without.out, /⚠ 待核对 {2}信任根 {2}trust anchors/);
    assert.match(without.out, /结论：证据包未通过校验/);
    assert.equal((await run(changed, '--root', rootFile('home-root.cer', homeMade.root))).status, 1);
  });
});

describe('yizhan-verify: the document named by its 发文字号', () => {
  const root = () => ['--root', rootFile('home-root.cer', homeMade.root)];

  test('as the send’s event records it; the manifest’s agreeing', async () => {
    const { file, zip } = packageFile('numbered.zip', { manifest: { docNumber: DOC_NUMBER } });
    assert.equal(verifyPackage(zip).docNumber, DOC_NUMBER);
    const r = await run(file, ...root());
    assert.equal(r.status, 0, r.out);
    assert.match(r.out, /结论：证据包完整有效（陕西省人民政府办公厅《关于离线验证的通知》，陕政办发〔2026〕7号）/);
    assert.doesNotMatch(r.out, /结论：.*公文 [0-9a-f-]{36}/);
  });

  test('the deliveries its events record, each unit once by its latest delivery; each part named in the reader’s words', async () => {
    const { file, zip } = packageFile('delivered.zip');
    assert.deepEqual(verifyPackage(zip).deliveries, { units: 4, signed: 1, received: 1, waiting: 1, returned: 1, recalled: 0 });
    const r = await run(file, ...root());
    assert.equal(r.status, 0, r.out);
    assert.match(r.out, /送达情况：证据包记载的收文单位 4 个：已签收 1 个，已接收未签收 1 个，未接收 1 个，退回或请求重发 1 个\n/);
    assert.match(
      r.out,
      /Deliveries: the package records 4 receiving units: 1 signed for, 1 opened, not signed for, 1 not yet opened, 1 returned or asked to be resent/,
    );
    for (const line of [
      '回执 {2}receipts\\/',
      '时间戳 {2}timestamps\\/events-head\\.tsr',
      '事件链 {2}events\\/events\\.jsonl',
      '事件内容 {2}events\\/contents\\.jsonl',
      '正文 {2}content\\/body\\.html',
    ])
      assert.match(r.out, new RegExp(`✔ 通过 {2}${line}`), line);
    // The receipt's two lines name one moment alike, in Beijing time, and what the unit did in words.
    const zh = /回执有效：西安市人民政府签收，(\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2})（北京时间）/.exec(r.out)?.[1];
    assert.ok(zh, r.out);
    assert.match(r.out, /时间戳有效：事件链末端，/, 'what the time stamp covers, in words');
    assert.match(r.out, new RegExp(`the receipt is valid: signed for \\(签收\\) by 西安市人民政府 at ${zh} Beijing time \\(UTC\\+8\\)`));
    // Not said of a package that fails: its events may be what was changed.
    assert.doesNotMatch((await run(withChangedBody(zip, 'delivered-changed.zip'), ...root())).out, /送达情况/);
  });

  test('a manifest that names another 发文字号 than the events fails, naming both', async () => {
    const { file } = packageFile('renumbered.zip', { manifest: { docNumber: '陕政办发〔2026〕8号' } });
    const r = await run(file, ...root());
    assert.equal(r.status, 1, r.out);
    assert.match(r.out, /✘ 失败 {2}清单 {2}META-INF\/manifest\.json\n {4}清单所记的发文字号“陕政办发〔2026〕8号”与事件记录中的“陕政办发〔2026〕7号”不符/);
  });

  test('without the events’ contents, as the manifest says it; with neither, by the document’s id', async () => {
    const listed = packageFile('listed.zip', { drop: 'events/contents.jsonl', manifest: { docNumber: DOC_NUMBER } });
    assert.match((await run(listed.file, ...root())).out, /完整有效（陕西省人民政府办公厅《关于离线验证的通知》，陕政办发〔2026〕7号）/);
    const none = packageFile('unnumbered.zip', { drop: 'events/contents.jsonl' });
    const r = await run(none.file, ...root());
    assert.equal(r.status, 0, r.out);
    assert.match(r.out, new RegExp(`完整有效（陕西省人民政府办公厅《关于离线验证的通知》，公文 ${documentId}）`));
    assert.match(r.out, new RegExp(`holds \\(陕西省人民政府办公厅《关于离线验证的通知》, document ${documentId}\\)`));
  });
});

describe('yizhan-verify: a damaged zip', () => {
  test('is said so in plain words, Chinese and English; the unzip library’s words in parentheses at the end at most', async () => {
    const { zip } = packageFile('whole.zip');
    // The first deflated entry's stream made to start with an invalid block type: the inflater's own complaint.
    const damaged = zip.slice();
    const view = Buffer.from(damaged.buffer);
    let at = 0;
    while (view.readUInt32LE(at) === 0x04034b50 && view.readUInt16LE(at + 8) !== 8)
      at += 30 + view.readUInt16LE(at + 26) + view.readUInt16LE(at + 28) + view.readUInt32LE(at + 18);
    assert.equal(view.readUInt16LE(at + 8), 8, 'a deflated entry');
    damaged[at + 30 + view.readUInt16LE(at + 26) + view.readUInt16LE(at + 28)] = 0xff;
    const cut = zip.subarray(0, Math.floor(zip.length / 2));
    for (const [name, bytes] of [
      ['damaged.zip', damaged],
      ['cut.zip', cut],
    ] as const) {
      const file = path.join(dir, name);
      fs.writeFileSync(file, bytes);
      const r = await run(file);
      assert.equal(r.status, 2, r.out);
      const v = verifyPackage(bytes).verdicts.find((x) => !x.ok);
      assert.equal(v?.item, '证据包 / package', name);
      assert.match(v.zh, /不是完整的 zip 证据包：文件可能未下载完整或已损坏，请重新下载后再验证/);
      assert.match(
        v.en,
        /^not a complete zip file: the download may have been cut short, or the file is damaged; download it again and verify again( \(unzip: [^()]*\))?$/,
      );
    }
  });

  test('run as a program (node src/cli.ts), not only through its bin: a file that is no package is exit 2, never 0', () => {
    const file = path.join(dir, 'not-a-package.txt');
    fs.writeFileSync(file, '这不是证据包\n');
    const repo = path.resolve(import.meta.dirname, '../../..');
    const r = spawnSync(process.execPath, ['--import', './scripts/lib/load-typescript.ts', 'tools/verify/src/cli.ts', file], { cwd: repo, encoding: 'utf8' });
    assert.equal(r.status, 2, r.stdout + r.stderr);
    assert.match(r.stdout, /✘ 失败 {2}证据包 \/ package\n/, 'the item once, in its own words');
  });
});

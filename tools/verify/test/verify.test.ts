// The offline verifier against a package assembled here from a real stamped document (documents will assemble
// packages itself in a later step): the platform stamps a document of 省政府办公厅 with an attachment (seals,
// documents, certificates, org); this test takes its canonical content, files, GB/T 38540 stamp, the CA's
// certificates and CRLs, links an events list into a chain and has the platform's TSA time-stamp its head. An
// untouched package verifies, also through `npx yizhan-verify` (exit 0 only against the roots the reader gives; 3, to
// be checked, against the package's own); each kind of tampering is refused naming what changed.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  buildEvidencePackage,
  fromPem,
  hashHex,
  issueTimestamp,
  linkChain,
  MANIFEST_PATH,
  type Manifest,
  unzipEvidence,
  verifyPackage,
  zipEvidence,
} from '@yizhan/crypto';
import { tsaWorld } from '../../../lib/crypto/src/testing/tsa-world.ts';
import { ok, type Platform, startPlatform } from '../../../test/support/harness.ts';
import { approvedOfficeDocument, makeOfficeSeal, OFFICE_PINS } from '../../../test/support/seals.ts';

let p: Platform;
const tokens: Record<string, string> = {};
const gql = async (user: string, query: string, variables: Record<string, unknown> = {}) => {
  tokens[user] ??= await p.login(user);
  return p.gql(query, variables, tokens[user]);
};
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yizhan-verify-'));
const repoRootDir = path.resolve(import.meta.dirname, '../../..');

interface Fixture {
  documentId: string;
  files: {
    path: string;
    kind: Manifest['items'][number]['kind'];
    bytes: Uint8Array;
    role?: string;
    suite?: 'RSA' | 'SM2';
    covers?: Manifest['items'][number]['covers'];
  }[];
  chain: { start: string; head: string };
  roots: Uint8Array[];
  /** A certificate of the CA that is not a root (an issuing CA's, the seal maker's or the TSA's). */
  issuing: Uint8Array;
}
let fixture: Fixture;

/** The package of the fixture, optionally with its files changed (the manifest follows them unless `staleManifest`). */
function pack(change: (files: Fixture['files']) => Fixture['files'] = (f) => f, chain = fixture.chain, docNumber?: string): Uint8Array {
  return buildEvidencePackage(
    { documentId: fixture.documentId, ...(docNumber ? { docNumber } : {}), createdAt: new Date().toISOString(), chain },
    change(fixture.files.map((f) => ({ ...f }))),
  );
}
const failures = (zip: Uint8Array, roots?: Uint8Array[]) => verifyPackage(zip, roots ? { roots } : {}).verdicts.filter((v) => !v.ok);
const flip = (b: Uint8Array, at: number) => {
  const c = b.slice();
  c[at] = (c[at] as number) ^ 0x01;
  return c;
};

before(async () => {
  p = await startPlatform({ services: ['org', 'documents', 'certificates', 'seals'] });
  const sealId = await makeOfficeSeal(gql);
  const documentId = await approvedOfficeDocument(p, gql, tokens, '关于证据包校验的通知', Buffer.from('附件：证据包校验的说明。\n'));
  const req = ok(await gql('sxb.drafter', 'mutation($d: ID!) { requestStamp(documentId: $d) { id } }', { d: documentId }), 'requestStamp');
  ok(
    await gql('sxb.seal', 'mutation($r: ID!, $p: String!) { presentSealPin(requestId: $r, pin: $p) { status } }', { r: req.id, p: OFFICE_PINS['sxb.seal'] }),
    'presentSealPin',
  );
  ok(
    await gql('sxb.seal2', 'mutation($r: ID!, $p: String!) { presentSealPin(requestId: $r, pin: $p) { status } }', { r: req.id, p: OFFICE_PINS['sxb.seal2'] }),
    'presentSealPin',
  );
  // What the stamp signed (the request keeps the canonical content) and the stamp as stored, in GB/T 38540's DER.
  const [row] = await p.superQuery<{ canonical: string; ses_signature: Buffer }>(
    `select r.canonical, s.ses_signature from seals.stamp_requests r join seals.stamps s on s.id = r.stamp_id where r.id = $1`,
    [req.id],
  );
  assert.ok(row?.ses_signature, 'the stamp is kept in GB/T 38540 encoding');
  const canonical = new Uint8Array(Buffer.from(row.canonical, 'base64'));
  const content = JSON.parse(Buffer.from(canonical).toString('utf8')) as { body: string; attachments: { name: string; sha256: string }[] };
  // The files the canonical content names, fetched by their digests as the drafter can.
  tokens['sxb.drafter'] ??= await p.login('sxb.drafter');
  const [doc] = await p.superQuery<{ body_sha256: string; attachments: { sha256: string; name: string }[] }>(
    'select body_sha256, attachments from documents.documents where id = $1',
    [documentId],
  );
  const blob = async (sha: string) =>
    new Uint8Array(
      await (
        await fetch(`${p.gatewayUrl.replace('/graphql', '/blobs')}/${sha}`, { headers: { authorization: `Bearer ${tokens['sxb.drafter']}` } })
      ).arrayBuffer(),
    );
  const body = await blob(doc?.body_sha256 as string);
  assert.equal(hashHex('SHA-256', body), content.body, 'the body as the canonical content names it');
  const attachments = await Promise.all((doc?.attachments ?? []).map((a) => blob(a.sha256)));
  // The CA as published to every unit: certificates by role, and the CRLs.
  const ca = ok<{ suite: 'RSA' | 'SM2'; role: string; pem: string }[]>(await gql('xa.clerk', '{ caCertificates { suite role pem } }'), 'caCertificates');
  const crls = await Promise.all(
    (['SM2', 'RSA'] as const).map(async (suite) => ({
      suite,
      der: fromPem(ok(await gql('xa.clerk', `{ crl(suite: ${suite}) { pem } }`), 'crl').pem, 'X509 CRL') as Uint8Array,
    })),
  );
  // Events, as the evidence log will hold them: linked into a chain, the head time-stamped by the platform's TSA.
  const events = linkChain([
    { seq: 1, type: 'document.approved', at: new Date().toISOString(), unit: '省政府办公厅', documentId },
    { seq: 2, type: 'document.stamped', at: new Date().toISOString(), unit: '省政府办公厅', documentId, sealId },
    { seq: 3, type: 'document.sent', at: new Date().toISOString(), unit: '省政府办公厅', documentId },
    { seq: 4, type: 'delivery.received', at: new Date().toISOString(), unit: '西安市人民政府', documentId },
    { seq: 5, type: 'delivery.signed', at: new Date().toISOString(), unit: '西安市人民政府', documentId },
  ]);
  const head = events.at(-1)?.hash as string;
  const headToken = ok(
    await gql('sxb.clerk', 'mutation($d: String!) { requestTimestamp(hashAlgorithm: SHA256, digest: $d) { token } }', { d: head }),
    'requestTimestamp',
  ).token as string;
  fixture = {
    documentId,
    chain: { start: '0'.repeat(64), head },
    roots: ca.filter((c) => c.role === 'ROOT').map((c) => fromPem(c.pem, 'CERTIFICATE') as Uint8Array),
    issuing: fromPem(ca.find((c) => c.role !== 'ROOT')?.pem ?? '', 'CERTIFICATE') as Uint8Array,
    files: [
      { path: 'content/canonical.json', kind: 'canonical', bytes: canonical },
      { path: 'content/body.html', kind: 'body', bytes: body },
      ...attachments.map((bytes, i) => ({ path: `content/attachments/${i + 1}.txt`, kind: 'attachment' as const, bytes })),
      { path: 'stamp/stamp.der', kind: 'stamp', bytes: new Uint8Array(row.ses_signature) },
      { path: 'events/events.jsonl', kind: 'events', bytes: new TextEncoder().encode(`${events.map((e) => JSON.stringify(e)).join('\n')}\n`) },
      { path: 'timestamps/events-head.tsr', kind: 'timestamp', bytes: new Uint8Array(Buffer.from(headToken, 'base64')), covers: { eventsHead: head } },
      ...ca.map((c) => ({
        path: `certs/${c.suite}-${c.role}.cer`,
        kind: 'certificate' as const,
        role: c.role,
        suite: c.suite,
        bytes: fromPem(c.pem, 'CERTIFICATE') as Uint8Array,
      })),
      ...crls.map((c) => ({ path: `crls/${c.suite}.crl`, kind: 'crl' as const, suite: c.suite, bytes: c.der })),
    ],
  };
});
after(async () => {
  await p?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('yizhan-verify', () => {
  test('an untouched package verifies, item by item, with the platform’s roots given or its own', () => {
    const zip = pack();
    const v = verifyPackage(zip, { roots: fixture.roots });
    assert.equal(v.valid, true, JSON.stringify(v.verdicts.filter((x) => !x.ok)));
    const items = v.verdicts.map((x) => x.item);
    for (const item of ['stamp/stamp.der', 'events/events.jsonl', 'timestamps/events-head.tsr', 'content/body.html', 'manifest digests', 'trust anchors']) {
      assert.ok(items.includes(item), `a verdict for ${item}`);
    }
    assert.match(v.verdicts.find((x) => x.item === 'stamp/stamp.der')?.zh ?? '', /电子签章有效：陕西省人民政府办公厅/);
    assert.equal(v.anchored, true);
    // Without roots: consistent in itself, but not anchored, the trust anchors to be checked (their fingerprints said).
    const own = verifyPackage(zip);
    assert.deepEqual([own.valid, own.anchored], [true, false]);
    const trust = own.verdicts.find((x) => x.item === 'trust anchors');
    assert.equal(trust?.toCheck, true);
    assert.match(trust?.en ?? '', /package's own roots \(SHA-256 [0-9a-f]{16}, [0-9a-f]{16}\)/);
  });

  test('npx yizhan-verify: a verdict per item in Chinese and English; exit 0 with roots, 3 without, 1 on tampering either way, 2 for what is not a package', () => {
    const good = path.join(dir, 'good.zip');
    const bad = path.join(dir, 'bad.zip');
    fs.writeFileSync(good, pack(undefined, undefined, '陕政办发〔2026〕12号'));
    const canonical = fixture.files.find((f) => f.kind === 'canonical')?.bytes as Uint8Array;
    const titleByte = Buffer.from(canonical).indexOf(Buffer.from('证据包')) + 2;
    fs.writeFileSync(
      bad,
      pack((f) => f.map((x) => (x.kind === 'canonical' ? { ...x, bytes: flip(x.bytes, titleByte) } : x))),
    );
    for (const [i, r] of fixture.roots.entries()) fs.writeFileSync(path.join(dir, `root${i}.cer`), r);
    const run = (...args: string[]) => spawnSync('npx', ['yizhan-verify', ...args], { cwd: repoRootDir, encoding: 'utf8' });
    const rootArgs = fixture.roots.flatMap((_, i) => ['--root', path.join(dir, `root${i}.cer`)]);
    const ok0 = run(good, ...rootArgs);
    assert.equal(ok0.status, 0, ok0.stdout + ok0.stderr);
    assert.match(ok0.stdout, /✔ 通过 {2}电子印章签名 {2}stamp\/stamp\.der/);
    assert.match(ok0.stdout, /✔ 通过 {2}信任根 {2}trust anchors\n {4}使用给定的信任根：/);
    // The verdict names the document by its sender, title and 发文字号; the times are Beijing's.
    assert.match(ok0.stdout, /结论：证据包完整有效（[^（）]+《[^》]+》，陕政办发〔2026〕12号）/);
    assert.match(ok0.stdout, /Verdict: the evidence package holds \([^()]+《[^》]+》, 陕政办发〔2026〕12号\)/);
    assert.match(ok0.stdout, /签章时间 \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}（北京时间）/);
    // Without --root: nothing failed, but the trust rests on the package's own roots: 待核对, exit 3, and what to do.
    const own = run(good);
    assert.equal(own.status, 3, own.stdout + own.stderr);
    assert.match(own.stdout, /⚠ 待核对 {2}信任根 {2}trust anchors\n {4}信任证据包自带的根证书（SHA-256 [0-9a-f]{16}, [0-9a-f]{16}），请与平台公布的指纹核对/);
    assert.doesNotMatch(own.stdout, /✔ 通过 {2}信任根 {2}trust anchors|完整有效|the evidence package holds/);
    assert.match(
      own.stdout,
      /结论：证据包自身完整一致（[^（）]+《[^》]+》，陕政办发〔2026〕12号），但其可信性来自证据包自带的根证书，尚未核对：请用 --root 给出平台公布的根证书（caCertificates）再验证，或将上面打印的 SHA-256 指纹与平台公布的指纹核对/,
    );
    assert.match(
      own.stdout,
      /Verdict: the evidence package is consistent in itself \(.+\), but its trust comes from its own root certificates, not yet checked: .*--root.*compare the SHA-256 fingerprints printed above/,
    );
    // An issuing CA's certificate given as a root is refused, saying which ones to give.
    const issuing = fixture.issuing;
    fs.writeFileSync(path.join(dir, 'issuing.cer'), issuing);
    const notRoot = run(good, '--root', path.join(dir, 'issuing.cer'));
    assert.equal(notRoot.status, 2, notRoot.stdout + notRoot.stderr);
    assert.match(notRoot.stdout, /issuing\.cer 不是根证书（由 .+ 签发）：请用平台 caCertificates 中的根证书（ROOT）/);
    // A failure is 1 with or without roots: failures win over not anchored.
    const fail = run(bad);
    assert.equal(fail.status, 1, fail.stdout + fail.stderr);
    assert.match(fail.stdout, /✘ 失败 {2}电子印章签名 {2}stamp\/stamp\.der\n {4}电子签章验证失败：公文内容与签章时不一致/);
    assert.match(fail.stdout, /CONTENT_DIGEST/);
    assert.match(fail.stdout, /结论：证据包未通过校验/);
    const failRooted = run(bad, ...rootArgs);
    assert.equal(failRooted.status, 1, failRooted.stdout + failRooted.stderr);
    assert.match(failRooted.stdout, /✘ 失败 {2}电子印章签名 {2}stamp\/stamp\.der/);
    fs.writeFileSync(path.join(dir, 'junk.zip'), 'not a zip');
    assert.equal(run(path.join(dir, 'junk.zip')).status, 2);
  });

  test('a changed byte of the content: the manifest digest names the file; with the manifest redone, the stamp names the content', () => {
    // A byte of the title (the last of 证's UTF-8, so the text stays text: 证 becomes another character).
    const canonical = fixture.files.find((f) => f.kind === 'canonical')?.bytes as Uint8Array;
    const titleByte = Buffer.from(canonical).indexOf(Buffer.from('证据包')) + 2;
    const files = unzipEvidence(pack());
    files.set('content/canonical.json', flip(files.get('content/canonical.json') as Uint8Array, titleByte));
    const manifest = JSON.parse(Buffer.from(files.get(MANIFEST_PATH) as Uint8Array).toString()) as Manifest;
    files.delete(MANIFEST_PATH);
    files.delete('mimetype');
    const stale = failures(zipEvidence(manifest, files), fixture.roots);
    assert.ok(stale.some((f) => f.item === 'content/canonical.json' && /changed: its SHA-256/.test(f.en)));
    const redone = failures(
      pack((f) => f.map((x) => (x.kind === 'canonical' ? { ...x, bytes: flip(x.bytes, titleByte) } : x))),
      fixture.roots,
    );
    assert.deepEqual(
      redone.map((f) => f.item),
      ['stamp/stamp.der'],
    );
    assert.match(redone[0]?.en ?? '', /CONTENT_DIGEST/);
    // A changed attachment: the canonical content names it by its digest.
    const attachment = failures(
      pack((f) => f.map((x) => (x.kind === 'attachment' ? { ...x, bytes: flip(x.bytes, 2) } : x))),
      fixture.roots,
    );
    assert.ok(attachment.some((f) => /attachment .* is missing or changed/.test(f.en)));
  });

  test('a changed byte of the stamp is refused at the stamp', () => {
    const stamp = fixture.files.find((f) => f.kind === 'stamp')?.bytes as Uint8Array;
    const signatureByte = stamp.length - 1400; // inside TBS_Sign or the signature, never the container's outer bytes
    const r = failures(
      pack((f) => f.map((x) => (x.kind === 'stamp' ? { ...x, bytes: flip(x.bytes, signatureByte) } : x))),
      fixture.roots,
    );
    assert.deepEqual(
      r.map((f) => f.item),
      ['stamp/stamp.der'],
    );
    assert.match(r[0]?.zh ?? '', /电子签章验证失败/);
  });

  test('a swapped certificate: another CA’s root or issuing CA does not vouch for the stamp or the time stamp', () => {
    const other = tsaWorld('SM2');
    const swapped = pack((f) =>
      f.map((x) => (x.path === 'certs/SM2-ROOT.cer' ? { ...x, bytes: other.root } : x.path === 'certs/SM2-ISSUING.cer' ? { ...x, bytes: other.issuing } : x)),
    );
    const r = failures(swapped);
    assert.ok(r.some((f) => f.item === 'stamp/stamp.der' && /CERTIFICATE_CHAIN/.test(f.en)));
    // With the platform's root given, the package's foreign root is named too.
    assert.ok(failures(swapped, fixture.roots).some((f) => f.item === 'trust anchors'));
  });

  test('a time stamp from another TSA, or over another head, is refused', () => {
    const other = tsaWorld('RSA');
    const foreign = issueTimestamp({ suite: 'RSA', tsa: other.key, hashAlgorithm: 'SHA-256', digest: fixture.chain.head, genTime: new Date() }).token;
    const r = failures(
      pack((f) => f.map((x) => (x.kind === 'timestamp' ? { ...x, bytes: foreign } : x))),
      fixture.roots,
    );
    assert.deepEqual(
      r.map((f) => f.item),
      ['timestamps/events-head.tsr'],
    );
    assert.match(r[0]?.zh ?? '', /来自另一个时间戳服务/);
    assert.match(r[0]?.en ?? '', /TSA_CHAIN/);
  });

  test('a removed, reordered or changed event breaks the chain at the first broken link, named', () => {
    const withEvents = (edit: (lines: string[]) => string[]) =>
      pack((f) =>
        f.map((x) => {
          if (x.kind !== 'events') return x;
          const lines = Buffer.from(x.bytes).toString('utf8').trim().split('\n');
          return { ...x, bytes: new TextEncoder().encode(`${edit(lines).join('\n')}\n`) };
        }),
      );
    const removed = failures(
      withEvents((l) => [l[0], l[1], l[3], l[4]] as string[]),
      fixture.roots,
    );
    assert.equal(removed[0]?.item, 'events/events.jsonl');
    assert.match(removed[0]?.en ?? '', /breaks at entry 3 \(seq 4, delivery\.received\): it does not follow/);
    assert.match(removed[0]?.zh ?? '', /事件链在第 3 条/);
    const reordered = failures(
      withEvents((l) => [l[0], l[2], l[1], l[3], l[4]] as string[]),
      fixture.roots,
    );
    assert.match(reordered[0]?.en ?? '', /breaks at entry 2 \(seq 3, document\.sent\)/);
    const changed = failures(
      withEvents((l) => l.map((x, i) => (i === 1 ? x.replace('省政府办公厅', '西安市人民政府') : x))),
      fixture.roots,
    );
    assert.match(changed[0]?.en ?? '', /breaks at entry 2 \(seq 2, document\.stamped\): the entry itself was changed/);
    // The last event removed: every link holds, but the head is the manifest's and the time stamp's no more.
    const truncated = failures(
      withEvents((l) => l.slice(0, 4)),
      fixture.roots,
    );
    assert.ok(truncated.some((f) => f.item === 'events/events.jsonl' && /head is not the manifest/.test(f.en)));
    assert.ok(truncated.some((f) => f.item === 'timestamps/events-head.tsr'));
  });

  test('unpacked and zipped again by an ordinary zip tool (folders as entries of their own), an untouched package still holds', () => {
    const files = unzipEvidence(pack());
    const manifest = JSON.parse(Buffer.from(files.get(MANIFEST_PATH) as Uint8Array).toString()) as Manifest;
    files.delete(MANIFEST_PATH);
    files.delete('mimetype');
    for (const name of [...files.keys()]) if (name.includes('/')) files.set(`${name.slice(0, name.lastIndexOf('/'))}/`, new Uint8Array(0));
    const rezipped = zipEvidence(manifest, files);
    const v = verifyPackage(rezipped, { roots: fixture.roots });
    assert.equal(v.valid, true, JSON.stringify(v.verdicts.filter((x) => !x.ok)));
    // A truncated download is said to be one.
    const cut = verifyPackage(rezipped.subarray(0, Math.floor(rezipped.length / 2)), { roots: fixture.roots });
    assert.match(cut.verdicts.find((x) => !x.ok)?.zh ?? '', /未下载完整或已损坏/);
    assert.match(
      cut.verdicts.find((x) => !x.ok)?.en ?? '',
      /^not a complete zip file: the download may have been cut short, or the file is damaged; download it again/,
    );
  });

  test('one of the platform’s two roots given without the other: the verdict says which is missing', () => {
    const zip = pack();
    const said = fixture.roots.map((r) => verifyPackage(zip, { roots: [r] }).verdicts.find((x) => x.item === 'trust anchors')?.zh ?? '');
    assert.deepEqual(said.map((z) => /未提供(国密 SM2|RSA)根证书/.exec(z)?.[1]).sort(), ['RSA', '国密 SM2'], said.join(' / '));
  });

  test('a file the manifest does not list, or a listed one missing, is named', () => {
    const files = unzipEvidence(pack());
    const manifest = JSON.parse(Buffer.from(files.get(MANIFEST_PATH) as Uint8Array).toString()) as Manifest;
    files.delete(MANIFEST_PATH);
    files.delete('mimetype');
    files.set('extra/note.txt', new TextEncoder().encode('hi'));
    files.delete('crls/RSA.crl');
    const r = failures(zipEvidence(manifest, files), fixture.roots);
    assert.ok(r.some((f) => f.item === 'extra/note.txt' && /does not list/.test(f.en)));
    assert.ok(r.some((f) => f.item === 'crls/RSA.crl' && /missing/.test(f.en)));
  });
});

// The evidence package a unit exports of a document (issue 17): 省政府办公厅 stamps and sends a notice with an attachment to
// 西安市, whose clerk receives and signs for it; each unit exports its package, and the offline verifier
// (tools/verify, no server) accepts both untouched — content, files, GB/T 38540 stamp, the signed receipts, the unit's
// evidence chain with its time-stamped head, the CA's certificates and CRLs, and the OFD 版式 file as sent, whose SHA-256
// the receipts carry. A changed content byte fails the stamp and every receipt; a changed OFD byte fails the OFD and
// every receipt, naming the OFD; a changed receipt, a removed chain link, fail by name. Another unit gets nothing.
import assert from 'node:assert/strict';
import { createHash, randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { buildEvidencePackage, MANIFEST_PATH, type Manifest, unzipEvidence, verifyPackage } from '@yizhan/crypto';
import { zipSync } from 'fflate';
import { asDemoUsers, codeOf, ok, type Platform, startPlatform } from '../../../test/support/harness.ts';
import { approvedOfficeDocument, makeOfficeSeal, OFFICE_PINS } from '../../../test/support/seals.ts';

let p: Platform;
const { gql, tokens } = asDemoUsers(() => p);
const EXPORT = 'mutation($d: ID!) { exportEvidencePackage(documentId: $d) { filename contentType sha256 size base64 } }';
let doc: string;

before(async () => {
  p = await startPlatform({ services: ['org', 'documents', 'certificates', 'seals'] });
  await makeOfficeSeal(gql);
  doc = await approvedOfficeDocument(p, gql, tokens, '关于证据包导出的通知', Buffer.from('附件：证据包导出的说明。\n'));
  const req = ok(await gql('sxb.drafter', 'mutation($d: ID!) { requestStamp(documentId: $d) { id } }', { d: doc }), 'requestStamp');
  for (const [user, pin] of Object.entries(OFFICE_PINS))
    ok(await gql(user, 'mutation($r: ID!, $p: String!) { presentSealPin(requestId: $r, pin: $p) { id } }', { r: req.id, p: pin }), 'presentSealPin');
  ok(await gql('sxb.clerk', 'mutation($id: ID!, $k: String!) { sendDocument(id: $id, sendKey: $k) { status } }', { id: doc, k: randomUUID() }), 'sendDocument');
  const delivery = ok(await gql('sxb.clerk', 'query($id: ID!) { document(id: $id) { deliveries { id } } }', { id: doc }), 'document').deliveries[0].id;
  ok(await gql('xa.clerk', 'mutation($id: ID!) { openDelivery(id: $id) { id } }', { id: delivery }), 'openDelivery');
  ok(await gql('xa.clerk', 'mutation($id: ID!) { signForDelivery(id: $id) { id } }', { id: delivery }), 'signForDelivery');
});
after(() => p?.close());

const exported = async (user: string) => {
  const f = ok(await gql(user, EXPORT, { d: doc }), 'exportEvidencePackage');
  const zip = new Uint8Array(Buffer.from(f.base64, 'base64'));
  assert.equal(zip.length, f.size);
  // Named as the office's other files of a document: by its 发文字号 and title.
  assert.match(f.filename, /^证据包-陕政办发〔\d{4}〕\d+号-关于证据包导出的通知\.zip$/);
  return zip;
};
const failures = (zip: Uint8Array) => verifyPackage(zip).verdicts.filter((v) => !v.ok);

/** The package again, its files changed (the manifest follows them: only what they prove can fail). */
function repack(zip: Uint8Array, change: (files: Map<string, Uint8Array>) => void): Uint8Array {
  const files = unzipEvidence(zip);
  const manifest = JSON.parse(Buffer.from(files.get(MANIFEST_PATH) as Uint8Array).toString('utf8')) as Manifest;
  change(files);
  return buildEvidencePackage(
    { documentId: manifest.documentId, createdAt: manifest.createdAt, ...(manifest.chain ? { chain: manifest.chain } : {}) },
    manifest.items.filter((i) => files.has(i.path)).map(({ sha256: _s, size: _n, ...i }) => ({ ...i, bytes: files.get(i.path) as Uint8Array })),
  );
}

describe('the evidence package of a document', () => {
  let sender: Uint8Array;
  test('the sender’s and the recipient’s packages verify offline, receipts and chain included', async () => {
    sender = await exported('sxb.clerk');
    const v = verifyPackage(sender);
    assert.deepEqual(
      v.verdicts.filter((x) => !x.ok),
      [],
    );
    const items = [...unzipEvidence(sender).keys()];
    for (const path of [
      'content/canonical.json',
      'content/body.html',
      'content/document.ofd',
      'stamp/stamp.der',
      'events/events.jsonl',
      'timestamps/events-head.tsr',
    ])
      assert.ok(items.includes(path), path);
    // The OFD as sent (its attachment inside, under the seal's signature) is the one every receipt names.
    const [sent] = await p.superQuery<{ ofd_sha256: string }>('select ofd_sha256 from documents.documents where id = $1', [doc]);
    const ofd = unzipEvidence(sender).get('content/document.ofd') as Uint8Array;
    assert.equal(createHash('sha256').update(ofd).digest('hex'), sent?.ofd_sha256);
    assert.ok(unzipEvidence(ofd).has('Doc_0/Attachs/Attachments.xml'), 'the OFD carries the attachment');
    assert.match(v.verdicts.find((x) => x.item === 'content/document.ofd')?.en ?? '', /the OFD 版式 file is the one the receipts name/);
    // Its seal's signature checked offline too: every file inside, the attachment's original included, as signed.
    assert.match(
      v.verdicts.find((x) => x.item.startsWith('content/document.ofd seal'))?.zh ?? '',
      /OFD 版式文件的电子签章有效：陕西省人民政府办公厅.*（含附件）/,
    );
    for (const [k, f] of unzipEvidence(sender))
      if (k.startsWith('receipts/')) assert.equal(JSON.parse(Buffer.from(f).toString('utf8')).receipt.ofdDigest, sent?.ofd_sha256, k);
    const receipts = v.verdicts.filter((x) => x.item.startsWith('receipts/'));
    assert.deepEqual(receipts.length, 2, 'the recipient’s 接收 and 签收');
    assert.ok(v.verdicts.some((x) => x.item === 'stamp/stamp.der' && x.ok) && v.verdicts.some((x) => x.item === 'events/events.jsonl' && x.ok));
    assert.ok(receipts.every((r) => /回执有效/.test(r.zh)));
    const files = unzipEvidence(sender);
    const events = Buffer.from(files.get('events/events.jsonl') as Uint8Array)
      .toString('utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    assert.ok(events.some((e) => e.kind === 'document.sent' && e.documentId === doc));
    assert.ok(!events.some((e) => 'event' in e), 'the chain as hashed: no event content');

    const recipient = await exported('xa.clerk');
    assert.deepEqual(failures(recipient), []);
    const own = Buffer.from(unzipEvidence(recipient).get('events/events.jsonl') as Uint8Array).toString('utf8');
    assert.match(own, /delivery\.signed/);
  });

  test('a changed content byte fails the stamp and every receipt; a changed receipt or a removed link fail by name', () => {
    const changed = repack(sender, (f) => {
      const c = Buffer.from(f.get('content/canonical.json') as Uint8Array)
        .toString('utf8')
        .replace('证据包导出', '证据包导入');
      f.set('content/canonical.json', new Uint8Array(Buffer.from(c, 'utf8')));
    });
    const failed = failures(changed).map((v) => v.item);
    assert.ok(failed.includes('stamp/stamp.der'), JSON.stringify(failed));
    assert.equal(failed.filter((i) => i.startsWith('receipts/')).length, 2, JSON.stringify(failed));

    const receipt = [...unzipEvidence(sender).keys()].find((k) => k.startsWith('receipts/') && k.endsWith('SIGNED.json')) as string;
    const forged = repack(sender, (f) => {
      const env = JSON.parse(Buffer.from(f.get(receipt) as Uint8Array).toString('utf8'));
      env.receipt.at = new Date(Date.parse(env.receipt.at) - 86_400_000).toISOString();
      f.set(receipt, new Uint8Array(Buffer.from(JSON.stringify(env), 'utf8')));
    });
    const bad = failures(forged);
    assert.deepEqual(
      bad.map((v) => v.item),
      [receipt],
    );
    assert.match(bad[0]?.en ?? '', /SIGNATURE/);

    const cut = repack(sender, (f) => {
      const lines = Buffer.from(f.get('events/events.jsonl') as Uint8Array)
        .toString('utf8')
        .trim()
        .split('\n');
      if (lines.length < 2) return;
      lines.splice(lines.length - 2, 1);
      f.set('events/events.jsonl', new Uint8Array(Buffer.from(`${lines.join('\n')}\n`, 'utf8')));
    });
    assert.ok(
      failures(cut).some((v) => v.item === 'events/events.jsonl'),
      'a removed link breaks the chain',
    );

    // The document's own events are in the package and match their links; one changed is named by its seq.
    assert.ok(verifyPackage(sender).verdicts.some((v) => v.item === 'events/contents.jsonl' && v.ok));
    const changedEvent = repack(sender, (f) => {
      const lines = Buffer.from(f.get('events/contents.jsonl') as Uint8Array)
        .toString('utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l));
      const first = lines[0];
      first.event.payload = { ...first.event.payload, forged: true };
      f.set('events/contents.jsonl', new Uint8Array(Buffer.from(`${lines.map((l) => JSON.stringify(l)).join('\n')}\n`, 'utf8')));
    });
    const named = failures(changedEvent).find((v) => v.item === 'events/contents.jsonl');
    assert.match(named?.zh ?? '', /事件内容（序号 \d+）与事件链中的数字摘要不符/);
  });

  test('a changed byte of the OFD 版式 file fails the OFD and every receipt, naming the OFD; without it, the receipts name what is missing', () => {
    const changed = repack(sender, (f) => {
      const ofd = (f.get('content/document.ofd') as Uint8Array).slice();
      const at = Math.floor(ofd.length / 2);
      ofd[at] = (ofd[at] as number) ^ 0x01;
      f.set('content/document.ofd', ofd);
    });
    const failed = failures(changed);
    const ofdVerdict = failed.find((v) => v.item === 'content/document.ofd');
    assert.match(ofdVerdict?.zh ?? '', /OFD 版式文件已被改动/);
    assert.match(ofdVerdict?.en ?? '', /OFD 版式 file was changed/);
    const receipts = failed.filter((v) => v.item.startsWith('receipts/'));
    assert.equal(receipts.length, 2, JSON.stringify(failed.map((v) => v.item)));
    for (const r of receipts) {
      assert.match(r.zh, /OFD 版式文件与证据包中的不一致/);
      assert.match(r.en, /OFD \(the document’s OFD 版式 file is not the one received/);
    }
    assert.deepEqual(
      failed.map((v) => v.item).filter((i) => !i.startsWith('content/document.ofd') && !i.startsWith('receipts/')),
      [],
      'nothing else: the content and the stamp stand',
    );

    // The attachment's original changed inside the OFD, the OFD zipped again: its seal names the file, the receipts the OFD.
    const inner = repack(sender, (f) => {
      const ofd = unzipEvidence(f.get('content/document.ofd') as Uint8Array);
      const name = [...ofd.keys()].find((k) => /^Doc_0\/Attachs\/attach_\d+\.txt$/.test(k)) as string;
      const bytes = (ofd.get(name) as Uint8Array).slice();
      bytes[0] = (bytes[0] as number) ^ 0x01;
      ofd.set(name, bytes);
      f.set('content/document.ofd', zipSync(Object.fromEntries(ofd)));
    });
    const named = failures(inner);
    const seal = named.find((v) => v.item.startsWith('content/document.ofd seal'));
    assert.match(seal?.en ?? '', /changed or missing since signed: Doc_0\/Attachs\/attach_\d+\.txt/);
    assert.match(seal?.zh ?? '', /签章后被改动或缺失的文件 Doc_0\/Attachs\/attach_\d+\.txt/);
    assert.equal(named.filter((v) => v.item.startsWith('receipts/') && /OFD/.test(v.en)).length, 2);

    const removed = failures(repack(sender, (f) => f.delete('content/document.ofd')));
    assert.ok(removed.some((v) => v.item === 'content/document.ofd' && /does not carry/.test(v.en)));
    assert.equal(removed.filter((v) => v.item.startsWith('receipts/') && /OFD/.test(v.en)).length, 2);
  });

  test('a stamp taken out of a stamped document’s package fails, the receipts naming the stamp they received', () => {
    const stripped = failures(repack(sender, (f) => f.delete('stamp/stamp.der')));
    assert.ok(
      stripped.some((v) => v.item === 'stamp' && /没有签名回执证明本件发出时未加盖印章/.test(v.zh)),
      JSON.stringify(stripped),
    );
    assert.equal(stripped.filter((v) => v.item.startsWith('receipts/')).length, 2);
  });

  test('an unstamped document (a unit without a seal): its package holds once a recipient’s signed receipt says it came so', async () => {
    const xincheng = await p.orgId('610102');
    const made = ok(
      await gql('xa.drafter', 'mutation($in: DraftInput!) { createDraft(input: $in) { id } }', {
        in: { docType: '通知', title: '无印章证据包', body: '正文', docPrefix: '市政发', recipients: [{ orgIds: [xincheng] }] },
      }),
      'createDraft',
    ).id as string;
    ok(await gql('xa.drafter', 'mutation($id: ID!) { submitForApproval(id: $id) { id } }', { id: made }), 'submitForApproval');
    for (let i = 0; i < 2; i++) ok(await gql('xa.leader', 'mutation($id: ID!) { approveDocument(id: $id) { id } }', { id: made }), 'approveDocument');
    ok(
      await gql('xa.clerk', 'mutation($id: ID!, $k: String!) { sendDocument(id: $id, sendKey: $k) { status } }', { id: made, k: randomUUID() }),
      'sendDocument',
    );
    const pkg = async (user: string) => new Uint8Array(Buffer.from(ok(await gql(user, EXPORT, { d: made }), 'exportEvidencePackage').base64, 'base64'));
    // Before anyone received it, nothing in the package shows it went out without a stamp.
    assert.ok(failures(await pkg('xa.clerk')).some((v) => v.item === 'stamp'));
    const delivery = ok(await gql('xa.clerk', 'query($id: ID!) { document(id: $id) { deliveries { id } } }', { id: made }), 'document').deliveries[0].id;
    ok(await gql('xc.clerk', 'mutation($id: ID!) { openDelivery(id: $id) { id } }', { id: delivery }), 'openDelivery');
    ok(await gql('xc.clerk', 'mutation($id: ID!) { signForDelivery(id: $id) { id } }', { id: delivery }), 'signForDelivery');
    for (const user of ['xa.clerk', 'xc.clerk']) {
      const v = verifyPackage(await pkg(user));
      assert.deepEqual(
        v.verdicts.filter((x) => !x.ok),
        [],
        user,
      );
      assert.match(v.verdicts.find((x) => x.item === 'stamp')?.zh ?? '', /^本件未加盖电子印章：收文单位的签名回执证明其收到时即无印章$/);
      // Its one delivery, signed for, as the unit's own events record it (the verifier's 送达情况).
      assert.deepEqual(v.deliveries, { units: 1, signed: 1, received: 0, waiting: 0, returned: 0, recalled: 0 }, user);
    }
  });

  test('another unit, or a person who is not a clerk or an administrator, gets no package', async () => {
    for (const user of ['bj.admin', 'xc.clerk']) assert.equal(codeOf(await gql(user, EXPORT, { d: doc })), 'NOT_FOUND', user);
    assert.equal(codeOf(await gql('sxb.drafter', EXPORT, { d: doc })), 'FORBIDDEN');
  });
});

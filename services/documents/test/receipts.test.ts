// Signed receipts (issue 17): every 接收, 签收 and 退回 leaves the receiving unit's receipt, signed with its own key (kept
// by the CA under envelope protection) over the delivery, the document's content and stamp digests, the action and the
// time, and time-stamped by the platform's TSA. The sender reads and verifies every recipient's, a recipient its own;
// a changed byte of the document makes every receipt fail CONTENT; a document sent with its OFD 版式 file has receipts
// naming the OFD's SHA-256, and a changed byte of the OFD as kept fails OFD; another unit sees none.
import assert from 'node:assert/strict';
import crypto, { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { loadConfig } from '@yizhan/common';
import { asDemoUsers, codeOf, type Platform, startPlatform } from '../../../test/support/harness.ts';

let p: Platform;
const ids: Record<string, string> = {};
const { gql } = asDemoUsers(() => p);
const ok = async (user: string, query: string, variables: Record<string, unknown> = {}) => {
  const r = await gql(user, query, variables);
  assert.equal(r.errors, undefined, JSON.stringify(r.errors));
  return r.data as Record<string, any>;
};

before(async () => {
  p = await startPlatform({ services: ['documents', 'certificates'] });
  for (const [k, code] of Object.entries({ xian: '610100', xincheng: '610102', beilin: '610103', baoji: '610300' })) ids[k] = await p.orgId(code);
});
after(() => p?.close());

async function send(title: string, to: string[]): Promise<{ doc: string; deliveries: Record<string, string> }> {
  const doc = (
    await ok('xa.drafter', 'mutation($in: DraftInput!) { createDraft(input: $in) { id } }', {
      in: { docType: '通知', title, body: '正文', docPrefix: '市政发', recipients: [{ orgIds: to }] },
    })
  ).createDraft.id as string;
  await ok('xa.drafter', 'mutation($id: ID!) { submitForApproval(id: $id) { id } }', { id: doc });
  await ok('xa.leader', 'mutation($id: ID!) { approveDocument(id: $id) { id } }', { id: doc });
  await ok('xa.leader', 'mutation($id: ID!) { approveDocument(id: $id) { id } }', { id: doc });
  await ok('xa.clerk', 'mutation($id: ID!, $k: String!) { sendDocument(id: $id, sendKey: $k) { id } }', { id: doc, k: randomUUID() });
  const list = (await ok('xa.clerk', 'query($id: ID!) { document(id: $id) { deliveries { id recipientOrgId } } }', { id: doc })).document.deliveries;
  return { doc, deliveries: Object.fromEntries(list.map((d: { id: string; recipientOrgId: string }) => [d.recipientOrgId, d.id])) };
}

const RECEIPTS =
  'query($d: ID!) { deliveryReceipts(documentId: $d) { deliveryId recipientOrgId recipientName action signedAt suite receipt signature certificate timestamp valid checks { check ok reason } } }';
type View = {
  deliveryId: string;
  recipientOrgId: string;
  action: string;
  receipt: string;
  valid: boolean;
  checks: { check: string; ok: boolean }[];
  certificate: string;
};
const receiptsAs = async (user: string, doc: string): Promise<View[]> => (await ok(user, RECEIPTS, { d: doc })).deliveryReceipts;
const failing = (r: View) => r.checks.filter((c) => !c.ok).map((c) => c.check);

describe('signed receipts', () => {
  let s: { doc: string; deliveries: Record<string, string> };

  test('接收, 签收 and 退回 each leave the receiving unit’s signed, time-stamped receipt, which the sender verifies', async () => {
    s = await send('回执测试通知', [ids.xincheng as string, ids.beilin as string]);
    const xc = s.deliveries[ids.xincheng as string] as string;
    const bl = s.deliveries[ids.beilin as string] as string;
    await ok('xc.clerk', 'mutation($id: ID!) { openDelivery(id: $id) { id } }', { id: xc });
    await ok('xc.clerk', 'mutation($id: ID!) { openDelivery(id: $id) { id } }', { id: xc });
    await ok('xc.clerk', 'mutation($id: ID!) { signForDelivery(id: $id) { id } }', { id: xc });
    await ok('bl.clerk', 'mutation($id: ID!) { returnDelivery(id: $id, reason: WRONG_ADDRESSEE, note: "非本单位") { id } }', { id: bl });

    const all = await receiptsAs('xa.clerk', s.doc);
    assert.deepEqual(
      all.map((r) => [r.recipientOrgId, r.deliveryId, r.action]),
      [
        [ids.xincheng, xc, 'RECEIVED'],
        [ids.xincheng, xc, 'SIGNED'],
        [ids.beilin, bl, 'RETURNED'],
      ],
      'one receipt per action: a second open is no second 接收',
    );
    for (const r of all) assert.deepEqual([r.valid, failing(r)], [true, []], r.action);
    const signed = JSON.parse((all[1] as View).receipt);
    assert.equal(signed.format, 'yizhan-receipt');
    assert.deepEqual([signed.deliveryId, signed.documentId, signed.unit.orgId, signed.action], [xc, s.doc, ids.xincheng, 'SIGNED']);
    assert.match(signed.contentDigest, /^[0-9a-f]{64}$/);
    assert.equal(signed.stampDigest, null, 'an unstamped document');
    assert.match(JSON.parse((all[2] as View).receipt).reason, /: 非本单位$/);
    // Each unit signs with a key of its own: 新城区's two receipts share a certificate, 碑林区's is another.
    assert.equal(all[0]?.certificate, all[1]?.certificate);
    assert.notEqual(all[0]?.certificate, all[2]?.certificate);
    // The keys are kept encrypted by the CA; documents holds none.
    const keys = await p.superQuery<{ enc: string }>('select private_key_enc as enc from certificates.unit_keys');
    assert.ok(keys.length >= 2 && keys.every((k) => !/PRIVATE|^[0-9a-f]{64}$/.test(k.enc)));
    // A refused action leaves no receipt.
    assert.equal(codeOf(await gql('xc.clerk', 'mutation($id: ID!) { returnDelivery(id: $id, reason: INCOMPLETE) { id } }', { id: xc })), 'ALREADY_SIGNED');
    assert.equal((await receiptsAs('xa.clerk', s.doc)).length, 3);
  });

  test('a receiving unit sees its own receipts only; a unit with no part in the document finds no document', async () => {
    assert.deepEqual(
      (await receiptsAs('xc.clerk', s.doc)).map((r) => r.action),
      ['RECEIVED', 'SIGNED'],
    );
    assert.deepEqual(
      (await receiptsAs('bl.clerk', s.doc)).map((r) => r.action),
      ['RETURNED'],
    );
    assert.equal(codeOf(await gql('bj.admin', RECEIPTS, { d: s.doc })), 'NOT_FOUND');
    assert.equal(codeOf(await gql('xa.clerk', RECEIPTS, { d: 'not-an-id' })), 'NOT_FOUND');
  });

  test('a changed byte of the document makes every receipt fail CONTENT, and only that', async () => {
    const [doc] = await p.superQuery<{ title: string }>('select title from documents.documents where id = $1', [s.doc]);
    await p.superQuery('update documents.documents set title = $2 where id = $1', [s.doc, `${doc?.title}。`]);
    try {
      const changed = await receiptsAs('xa.clerk', s.doc);
      assert.equal(changed.length, 3);
      for (const r of changed) assert.deepEqual([r.valid, failing(r)], [false, ['CONTENT']], r.action);
    } finally {
      await p.superQuery('update documents.documents set title = $2 where id = $1', [s.doc, doc?.title]);
    }
    assert.ok((await receiptsAs('xa.clerk', s.doc)).every((r) => r.valid));
  });

  test('sent with its OFD 版式 file: every receipt names the OFD’s SHA-256; a changed byte of the OFD as kept fails OFD, and only that', async () => {
    const [row] = await p.superQuery<{ ofd_sha256: string | null }>('select ofd_sha256 from documents.documents where id = $1', [s.doc]);
    const sha = row?.ofd_sha256 as string;
    assert.match(sha ?? '', /^[0-9a-f]{64}$/, 'the document was sent with its OFD');
    const before = await receiptsAs('xa.clerk', s.doc);
    for (const r of before) assert.equal(JSON.parse(r.receipt).ofdDigest, sha, `${r.action} names the OFD`);
    assert.ok(before.every((r) => r.valid));
    const file = path.join(loadConfig().files.blobDir, sha.slice(0, 2), sha.slice(2));
    const original = fs.readFileSync(file);
    const changed = Buffer.from(original);
    const at = Math.floor(changed.length / 2);
    changed[at] = (changed[at] as number) ^ 0x01;
    fs.writeFileSync(file, changed);
    try {
      const views = (await receiptsAs('xa.clerk', s.doc)) as (Omit<View, 'checks'> & { checks: { check: string; ok: boolean; reason: string | null }[] })[];
      assert.equal(views.length, 3);
      for (const r of views) {
        assert.deepEqual([r.valid, failing(r)], [false, ['OFD']], r.action);
        assert.match(r.checks.find((c) => c.check === 'OFD')?.reason ?? '', /OFD 版式 file is not the one received/);
      }
    } finally {
      fs.writeFileSync(file, original);
    }
    assert.ok(
      (await receiptsAs('xa.clerk', s.doc)).every((r) => r.valid),
      'the OFD restored, the receipts verify again',
    );
  });

  test('a unit whose signing certificate is revoked signs nothing: its 签收 is refused and writes nothing', async () => {
    await p.superQuery(
      "update certificates.certificates set status = 'REVOKED', revoked_at = now(), revocation_reason = 'KEY_COMPROMISE' where id = (select certificate_id from certificates.unit_keys where org_id = $1)",
      [ids.xincheng],
    );
    const t = await send('回执证书吊销后的通知', [ids.xincheng as string]);
    const d = t.deliveries[ids.xincheng as string] as string;
    const refused = await gql('xc.clerk', 'mutation($id: ID!) { signForDelivery(id: $id) { id } }', { id: d });
    assert.equal(codeOf(refused), 'CERTIFICATE_NOT_VALID', JSON.stringify(refused.errors));
    const [row] = await p.superQuery<{ status: string; n: number; links: number }>(
      `select d.status, (select count(*)::int from documents.receipts r where r.delivery_id = d.id) as n,
              (select count(*)::int from documents.delivery_evidence e where e.delivery_id = d.id and e.org_id = $2) as links
       from documents.deliveries d where d.id = $1`,
      [d, ids.xincheng],
    );
    assert.deepEqual([row?.status, row?.n, row?.links], ['DELIVERED', 0, 0]);
    assert.equal((await p.superQuery('select 1 from documents.intake_register where delivery_id = $1', [d])).length, 0, 'no 收文编号 taken');
  });

  test('re-keyed by its administrator, the unit signs again with a new certificate; what it signed before stays valid', async () => {
    const [old] = await p.superQuery<{ certificate_id: string }>('select certificate_id from certificates.unit_keys where org_id = $1 and suite = $2', [
      ids.xincheng,
      'SM2',
    ]);
    assert.equal(codeOf(await gql('xc.clerk', 'mutation { rekeyUnitSigningKey { id } }')), 'FORBIDDEN', 'the administrator’s, not a clerk’s');
    const made = (await ok('xc.admin', 'mutation { rekeyUnitSigningKey(suite: SM2) { id status usage } }')).rekeyUnitSigningKey;
    assert.equal(made.status, 'ACTIVE');
    assert.notEqual(made.id, old?.certificate_id);
    const [was] = await p.superQuery<{ status: string; revocation_reason: string }>(
      'select status, revocation_reason from certificates.certificates where id = $1',
      [old?.certificate_id],
    );
    assert.deepEqual([was?.status, was?.revocation_reason], ['REVOKED', 'KEY_COMPROMISE'], 'the compromised certificate stays revoked as it was');

    const t = await send('回执换钥后的通知', [ids.xincheng as string]);
    const d = t.deliveries[ids.xincheng as string] as string;
    assert.equal((await ok('xc.clerk', 'mutation($id: ID!) { signForDelivery(id: $id) { status } }', { id: d })).signForDelivery.status, 'SIGNED');
    const now = await receiptsAs('xa.clerk', t.doc);
    assert.deepEqual(now.map((r) => r.action).sort(), ['RECEIVED', 'SIGNED']);
    assert.ok(
      now.every((r) => r.valid),
      JSON.stringify(now.map(failing)),
    );
    const earlier = (await receiptsAs('xa.clerk', s.doc)).filter((r) => r.recipientOrgId === ids.xincheng);
    assert.ok(earlier.length > 0);
    assert.ok(
      earlier.every((r) => r.valid),
      'signed and time-stamped before the revocation: still valid',
    );
    assert.ok(
      earlier.every((r) => r.certificate !== now[0]?.certificate),
      'the new receipts name the new certificate',
    );

    // Rotated again without a compromise: the certificate in use is revoked as SUPERSEDED.
    const next = (await ok('xc.admin', 'mutation { rekeyUnitSigningKey(suite: SM2) { id } }')).rekeyUnitSigningKey;
    const [superseded] = await p.superQuery<{ status: string; revocation_reason: string }>(
      'select status, revocation_reason from certificates.certificates where id = $1',
      [made.id],
    );
    assert.deepEqual([superseded?.status, superseded?.revocation_reason], ['REVOKED', 'SUPERSEDED']);
    assert.notEqual(next.id, made.id);
    assert.ok(
      (await receiptsAs('xa.clerk', t.doc)).every((r) => r.valid),
      'receipts of the rotated key stay valid',
    );
  });

  test('a receipt changed where it is kept fails its signature; receipts are never changed or removed below the application', async () => {
    await assert.rejects(p.superQuery('delete from documents.receipts'), /receipts are kept/);
    await assert.rejects(p.superQuery("update documents.receipts set action = 'SIGNED'"), /receipts are kept/);
    const c = await import('pg');
    const client = new c.default.Client({ connectionString: p.db.superUrl });
    await client.connect();
    try {
      await client.query("set session_replication_role = 'replica'");
      await client.query(
        `update documents.receipts set receipt = jsonb_set(receipt, '{contentDigest}', to_jsonb($2::text)) where delivery_id = $1 and action = 'RETURNED'`,
        [s.deliveries[ids.beilin as string], crypto.createHash('sha256').update('another document').digest('hex')],
      );
    } finally {
      await client.end();
    }
    const returned = (await receiptsAs('xa.clerk', s.doc)).find((r) => r.action === 'RETURNED') as View;
    assert.deepEqual(failing(returned), ['SIGNATURE', 'CONTENT']);
  });

  test('a 签收’s two receipts are signed in one call and time-stamped in a batch with the chain heads: one token, each item’s path leads to its root', async () => {
    const t = await send('批量时间戳的通知', [ids.beilin as string]);
    const d = t.deliveries[ids.beilin as string] as string;
    await ok('bl.clerk', 'mutation($id: ID!) { signForDelivery(id: $id) { id } }', { id: d });
    // Signed, not yet time-stamped: both wait for the batch.
    const waiting = await p.superQuery<{ action: string; token: Buffer | null; queued: boolean }>(
      `select r.action, r.timestamp_token as token, exists (select 1 from documents.evidence_unanchored q where q.receipt_id = r.id) as queued
       from documents.receipts r where r.delivery_id = $1 order by r.id`,
      [d],
    );
    assert.deepEqual(
      waiting.map((w) => [w.action, w.token, w.queued]),
      [
        ['RECEIVED', null, true],
        ['SIGNED', null, true],
      ],
    );
    // A read of the receipts time-stamps what waits, chain heads included, in one batch.
    const views = await receiptsAs('bl.clerk', t.doc);
    assert.ok(views.length === 2 && views.every((v) => v.valid), JSON.stringify(views.map((v) => v.checks)));
    const anchors = await p.superQuery<{
      root: string;
      token: Buffer;
      path: { side: 'L' | 'R'; hash: string }[];
      signature: Buffer | null;
      org_id: string | null;
      chain_seq: string | null;
      chain_hash: string | null;
      ts: string;
    }>(
      `select t.root, t.token, a.path, r.signature, a.org_id, a.chain_seq, a.chain_hash, t.id as ts
       from documents.evidence_anchors a join documents.evidence_timestamps t on t.id = a.timestamp_id
       left join documents.receipts r on r.id = a.receipt_id
       where r.delivery_id = $1 or a.org_id = $2`,
      [d, ids.beilin],
    );
    const mine = anchors.filter((a) => a.signature);
    assert.equal(mine.length, 2);
    const head = anchors.filter((a) => a.org_id).at(-1);
    assert.ok(head, '碑林区’s chain head is time-stamped');
    assert.equal(new Set([...mine, head].map((a) => a.ts)).size, 1, 'one token for the receipts and the head');
    const { merkleRoot, chainHeadLeaf, readTimestampToken } = await import('@yizhan/crypto');
    for (const a of [...mine, head]) {
      const leaf = a.signature ? new Uint8Array(a.signature) : chainHeadLeaf(a.org_id as string, Number(a.chain_seq), a.chain_hash as string);
      assert.equal(merkleRoot('SM3', leaf, a.path), a.root);
      assert.equal(readTimestampToken(new Uint8Array(a.token)).digest, a.root);
    }
    const [last] = await p.superQuery<{ hash: string }>('select hash from documents.delivery_evidence where org_id = $1 order by seq desc limit 1', [
      ids.beilin,
    ]);
    assert.equal(head.chain_hash, last?.hash, 'the head time-stamped is the chain’s last link');
    // Anchors are kept as written.
    await assert.rejects(p.superQuery('delete from documents.evidence_anchors'), /kept as written/);
    await assert.rejects(p.superQuery('update documents.evidence_timestamps set root = root'), /kept as written/);
  });

  test('a 签收 signs before its transaction: with an open at the same moment each delivery keeps one 接收 and one 签收 receipt; a second 签收 is refused and keeps none', async () => {
    for (let round = 0; round < 3; round++) {
      const t = await send(`同时打开与签收的通知${round}`, [ids.xincheng as string]);
      const d = t.deliveries[ids.xincheng as string] as string;
      // The 签收 reads the delivery unreceived and signs the 接收 it implies; the open may record the 接收 first.
      const [opened, signed] = await Promise.all([
        gql('xc.clerk', 'mutation($id: ID!) { openDelivery(id: $id) { id } }', { id: d }),
        gql('xc.clerk', 'mutation($id: ID!) { signForDelivery(id: $id) { status intake { number } } }', { id: d }),
      ]);
      assert.equal(opened.errors, undefined, JSON.stringify(opened.errors));
      assert.equal(signed.errors, undefined, JSON.stringify(signed.errors));
      const again = await gql('xc.clerk', 'mutation($id: ID!) { signForDelivery(id: $id) { id } }', { id: d });
      assert.equal(codeOf(again), 'ALREADY_SIGNED');
      const kept = await p.superQuery<{ action: string; n: string }>(
        'select action, count(*) as n from documents.receipts where delivery_id = $1 group by action order by action',
        [d],
      );
      assert.deepEqual(
        kept.map((k) => [k.action, Number(k.n)]),
        [
          ['RECEIVED', 1],
          ['SIGNED', 1],
        ],
        `round ${round}`,
      );
      const views = await receiptsAs('xa.clerk', t.doc);
      assert.ok(views.length === 2 && views.every((v) => v.valid), JSON.stringify(views.map((v) => v.checks)));
      // The 签收's receipt is of the moment the delivery records as its 签收.
      const [row] = await p.superQuery<{ signed_at: Date }>('select signed_at from documents.deliveries where id = $1', [d]);
      const signedReceipt = JSON.parse(views.find((v) => v.action === 'SIGNED')?.receipt as string) as { at: string };
      assert.equal(signedReceipt.at, row?.signed_at.toISOString());
    }
  });

  test('a clerk with an identity certificate signs the 签收’s receipt with their own key too; a wrong key, a changed receipt, another unit and the wrong role are refused and write nothing', async () => {
    const { canonicalJson, createCsr, generateKeyPair, sign } = await import('@yizhan/crypto');
    // xc.clerk's own SM2 identity certificate, approved by the unit's head.
    const keys = generateKeyPair('SM2');
    const applied = await ok('xc.clerk', 'mutation($i: CertificateApplicationInput!) { applyForCertificate(input: $i) { id } }', {
      i: { usage: 'IDENTITY', suite: 'SM2', csr: createCsr(keys, { commonName: 'xc.clerk' }) },
    });
    await ok('xc.leader', 'mutation($id: ID!) { decideCertificateApplication(id: $id, approve: true) { id } }', { id: applied.applyForCertificate.id });
    const t = await send('本人证书签收的通知', [ids.xincheng as string]);
    const d = t.deliveries[ids.xincheng as string] as string;
    const TO_SIGN = 'query($d: ID!) { receiptToSign(deliveryId: $d) }';
    const SIGN = 'mutation($id: ID!, $own: OwnSignatureInput) { signForDelivery(id: $id, ownSignature: $own) { id status } }';
    // Another unit, the sender and the wrong role are handed nothing.
    assert.equal(codeOf(await gql('bl.clerk', TO_SIGN, { d })), 'NOT_FOUND');
    assert.equal(codeOf(await gql('xa.clerk', TO_SIGN, { d })), 'NOT_FOUND', 'the sender signs for none of its deliveries');
    assert.equal(codeOf(await gql('xc.drafter', TO_SIGN, { d })), 'FORBIDDEN');
    const text = (await ok('xc.clerk', TO_SIGN, { d })).receiptToSign as string;
    const handed = JSON.parse(text);
    assert.equal(handed.deliveryId, d);
    assert.equal(handed.action, 'SIGNED');
    assert.equal(handed.signer.username, 'xc.clerk');
    const signWith = (privateKey: string, body = text) => Buffer.from(sign('SM2', privateKey, new Uint8Array(Buffer.from(body, 'utf8')))).toString('base64');

    const nothingWritten = async (what: string) => {
      const [row] = await p.superQuery<{ status: string; n: number }>(
        'select d.status, (select count(*)::int from documents.receipts r where r.delivery_id = d.id) as n from documents.deliveries d where d.id = $1',
        [d],
      );
      assert.deepEqual([row?.status, row?.n], ['DELIVERED', 0], what);
    };
    const stranger = generateKeyPair('SM2');
    const wrongKey = await gql('xc.clerk', SIGN, { id: d, own: { receipt: text, signature: signWith(stranger.privateKey) } });
    assert.equal(codeOf(wrongKey), 'SIGNATURE_INVALID', JSON.stringify(wrongKey.errors));
    await nothingWritten('a signature by another key writes nothing');
    // Another document's digest, another action or another person, even correctly signed, is not this 签收's receipt.
    for (const changed of [
      { ...handed, contentDigest: crypto.createHash('sha256').update('another document').digest('hex') },
      { ...handed, action: 'RETURNED' },
      { ...handed, signer: { ...handed.signer, name: '王小明' } },
    ]) {
      const body = canonicalJson(changed);
      const altered = await gql('xc.clerk', SIGN, { id: d, own: { receipt: body, signature: signWith(keys.privateKey, body) } });
      assert.equal(codeOf(altered), 'RECEIPT_STALE', `a receipt not as handed out, even correctly signed: ${body}`);
    }
    const old = JSON.stringify({ ...handed, at: new Date(Date.now() - 11 * 60_000).toISOString() });
    assert.equal(codeOf(await gql('xc.clerk', SIGN, { id: d, own: { receipt: old, signature: signWith(keys.privateKey, old) } })), 'RECEIPT_STALE');
    assert.equal(codeOf(await gql('xc.clerk', SIGN, { id: d, own: { receipt: '{not json', signature: signWith(keys.privateKey) } })), 'BAD_INPUT');
    assert.equal(codeOf(await gql('xc.clerk', SIGN, { id: d, own: { receipt: text, signature: 'not base64!' } })), 'BAD_INPUT');
    // Another unit's clerk, with the very receipt and a signature of their own, and the wrong role: refused, nothing written.
    assert.equal(codeOf(await gql('bl.clerk', SIGN, { id: d, own: { receipt: text, signature: signWith(keys.privateKey) } })), 'NOT_FOUND');
    assert.equal(codeOf(await gql('xc.drafter', SIGN, { id: d, own: { receipt: text, signature: signWith(keys.privateKey) } })), 'FORBIDDEN');
    await nothingWritten('refused receipts write nothing');

    const signed = await ok('xc.clerk', SIGN, { id: d, own: { receipt: text, signature: signWith(keys.privateKey) } });
    assert.equal(signed.signForDelivery.status, 'SIGNED');
    // Its 处理记录 says the 签收 was signed with the clerk's own certificate.
    const history = (await ok('xc.clerk', 'query($id: ID!) { delivery(id: $id) { history { action note } } }', { id: d })).delivery.history as {
      action: string;
      note: string | null;
    }[];
    assert.match(history.find((h) => h.action === 'SIGN')?.note ?? '', /^收文编号 收〔\d{4}〕\d+号 · 本人证书签名$/);
    const VIEW =
      'query($d: ID!) { deliveryReceipts(documentId: $d) { action receipt signerName personSignature personCertificate valid checks { check ok } } }';
    const mine = (await ok('xa.clerk', VIEW, { d: t.doc })).deliveryReceipts as {
      action: string;
      receipt: string;
      signerName: string | null;
      personCertificate: string | null;
      valid: boolean;
      checks: { check: string; ok: boolean }[];
    }[];
    const own = mine.find((r) => r.action === 'SIGNED');
    assert.equal(own?.receipt, text, 'the very receipt the clerk signed, signed by the unit too');
    assert.ok(own?.signerName && !/xc\.clerk/.test(own.signerName), `named by the person’s name (${own?.signerName})`);
    assert.ok(own?.personCertificate, 'their certificate is carried');
    assert.equal(own?.valid, true, JSON.stringify(own?.checks));
    assert.deepEqual(
      own?.checks.filter((c) => c.check.startsWith('PERSON')).map((c) => [c.check, c.ok]),
      [
        ['PERSON', true],
        ['PERSON_CHAIN', true],
      ],
    );
    const implied = mine.find((r) => r.action === 'RECEIVED');
    assert.equal(implied?.signerName, null, 'the 接收 it implied is the unit’s alone');
    assert.equal(JSON.parse(implied?.receipt ?? '{}').at, handed.at, 'both receipts of the one act at its moment');
    // The evidence package carries the clerk's signature, and the offline verifier checks it.
    const { verifyPackage } = await import('@yizhan/crypto');
    const pkg = (await ok('xc.clerk', 'mutation($d: ID!) { exportEvidencePackage(documentId: $d) { base64 } }', { d: t.doc })).exportEvidencePackage;
    const verdicts = verifyPackage(new Uint8Array(Buffer.from(pkg.base64, 'base64'))).verdicts;
    // (Sent without the seals service here, unstamped: its signed receipts attest that, and nothing fails.)
    assert.deepEqual(
      verdicts.filter((v) => !v.ok).map((v) => v.item),
      [],
    );
    assert.match(verdicts.find((v) => v.item === 'stamp')?.zh ?? '', /^本件未加盖电子印章/);
    assert.ok(
      verdicts.some((v) => v.item.endsWith('-SIGNED.json') && /本人签名/.test(v.zh)),
      JSON.stringify(verdicts.map((v) => v.item)),
    );
  });
});

// Signed approvals (issue 17; seed 003 §3): each approval of a draft — the last is the 签发 — is signed with the
// drafting unit's key for its approver over the content approved, and time-stamped; the drafting unit sees each
// approval verified against the document as it is now, a changed approval or a changed document fails by name, and
// the evidence package carries them for the offline verifier, which names a tampered one. An approver with an identity
// certificate signs their approval (and 签发) with their own key too: handed out by approvalToSign, checked before
// anything is written, verified wherever shown and offline.
import assert from 'node:assert/strict';
import crypto, { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import {
  buildEvidencePackage,
  canonicalJson,
  createCsr,
  generateKeyPair,
  MANIFEST_PATH,
  type Manifest,
  sign,
  unzipEvidence,
  verifyPackage,
} from '@yizhan/crypto';
import { codeOf, ok, type Platform, startPlatform } from '../../../test/support/harness.ts';
import { readPdf } from '../../../test/support/pdf-text.ts';

let p: Platform;
const ids: Record<string, string> = {};
const tokens: Record<string, string> = {};
const tokenOf = async (user: string) => {
  tokens[user] ??= await p.login(user);
  return tokens[user];
};
const gql = async (user: string, query: string, variables: Record<string, unknown> = {}) => p.gql(query, variables, await tokenOf(user));

before(async () => {
  p = await startPlatform({ services: ['documents', 'certificates'] });
  for (const [k, code] of Object.entries({ xian: '610100', xincheng: '610102' })) ids[k] = await p.orgId(code);
});
after(() => p?.close());

const APPROVALS = `query($id: ID!) { document(id: $id) { approvals { action step role userName
  signature { issued approverName signedAt valid approval checks { check ok } } } } }`;
type Step = {
  action: string;
  userName: string;
  signature: {
    issued: boolean;
    approverName: string;
    signedAt: string | null;
    valid: boolean;
    approval: string;
    checks: { check: string; ok: boolean }[];
  } | null;
};
const approvals = async (id: string): Promise<Step[]> => ok<{ approvals: Step[] }>(await gql('xa.drafter', APPROVALS, { id }), 'document').approvals;
const failing = (s: Step) => (s.signature?.checks ?? []).filter((c) => !c.ok).map((c) => c.check);

describe('signed approvals', () => {
  let doc: string;

  test('each approval is signed for its approver and time-stamped; the last is the 签发; all verify', async () => {
    doc = ok<{ id: string }>(
      await gql('xa.drafter', 'mutation($in: DraftInput!) { createDraft(input: $in) { id } }', {
        in: { docType: '通知', title: '签名审批的通知', body: '正文', docPrefix: '市政发', recipients: [{ orgIds: [ids.xincheng] }] },
      }),
      'createDraft',
    ).id;
    ok(await gql('xa.drafter', 'mutation($id: ID!) { submitForApproval(id: $id) { id } }', { id: doc }), 'submitForApproval');
    ok(await gql('xa.leader', 'mutation($id: ID!) { approveDocument(id: $id, comment: "同意") { id } }', { id: doc }), 'approveDocument');
    ok(await gql('xa.leader', 'mutation($id: ID!) { approveDocument(id: $id, comment: "签发") { id } }', { id: doc }), 'approveDocument');
    const steps = await approvals(doc);
    assert.deepEqual(
      steps.map((s) => [s.action, s.signature?.issued ?? null, s.signature?.valid ?? null]),
      [
        ['SUBMITTED', null, null],
        ['APPROVED', false, true],
        ['APPROVED', true, true],
      ],
      JSON.stringify(steps.map(failing)),
    );
    const last = steps[2] as Step;
    assert.equal(last.signature?.approverName, last.userName);
    assert.ok(last.signature?.signedAt, 'the trusted time');
    const signed = JSON.parse(last.signature?.approval ?? '{}');
    assert.deepEqual([signed.comment, signed.step, signed.issued, signed.unit.orgId], ['签发', 1, true, ids.xian]);
  });

  test('发文稿纸: the drafting unit prints the 签发 and the 核稿 with their signatures checked; a recipient unit and bad ids get none of it', async () => {
    const steps = await approvals(doc);
    const [review, issue] = [steps[1] as Step, steps[2] as Step];
    const sheet = async (who: string, id: string) =>
      fetch(`${p.gatewayUrl.replace('/graphql', '/blobs')}?sheet=draft&document=${id}`, {
        headers: { authorization: `Bearer ${await tokenOf(who)}` },
      });
    const res = await sheet('xa.clerk', doc);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'application/pdf');
    const text = (await readPdf(Buffer.from(await res.arrayBuffer()))).map((page) => page.lines.join('')).join('');
    for (const words of [
      '发文稿纸',
      '签名审批的通知',
      `签发人：${issue.userName}`,
      `核稿人：${review.userName}`,
      '电子签名验证有效（单位签名）',
      '已签发，待发出',
      '（未编号）',
    ])
      assert.ok(text.includes(words), `the sheet says ${words}`);
    assert.ok(!text.includes('验证未通过'), 'every signature holds');

    // Changed where it is kept, the 签发's signature fails on the sheet as on the screen.
    const pg = await import('pg');
    const client = new pg.default.Client({ connectionString: p.db.superUrl });
    await client.connect();
    try {
      await client.query("set session_replication_role = 'replica'");
      const comment = (c: string) =>
        client.query(`update documents.approval_signatures set approval = jsonb_set(approval, '{comment}', $2::jsonb) where document_id = $1 and step = 1`, [
          doc,
          JSON.stringify(c),
        ]);
      await comment('照发');
      const tampered = (await readPdf(Buffer.from(await (await sheet('xa.clerk', doc)).arrayBuffer()))).map((page) => page.lines.join('')).join('');
      assert.ok(tampered.includes('电子签名验证未通过'), 'the tampered 签发 is named as failing');
      await comment('签发');
    } finally {
      await client.end();
    }

    for (const [who, id, status, code] of [
      ['xc.clerk', doc, 404, 'NOT_FOUND'],
      ['xa.clerk', 'not-an-id', 404, 'NOT_FOUND'],
      ['xa.clerk', randomUUID(), 404, 'NOT_FOUND'],
    ] as const) {
      const r = await sheet(who, id);
      assert.equal(r.status, status, `${who} ${id}`);
      const body = await r.text();
      assert.equal(JSON.parse(body).errors[0].extensions.code, code, body);
      assert.ok(!body.includes('签名审批'), 'nothing of the draft');
    }
  });

  test('an approval changed where it is kept fails its signature; a changed document fails CONTENT on every approval; kept as signed', async () => {
    await assert.rejects(p.superQuery('delete from documents.approval_signatures'), /kept as signed/);
    const pg = await import('pg');
    const client = new pg.default.Client({ connectionString: p.db.superUrl });
    await client.connect();
    try {
      await client.query("set session_replication_role = 'replica'");
      await client.query(
        `update documents.approval_signatures set approval = jsonb_set(approval, '{comment}', '"不同意"') where document_id = $1 and step = 0`,
        [doc],
      );
      assert.deepEqual(failing((await approvals(doc))[1] as Step), ['SIGNATURE']);
      await client.query(`update documents.approval_signatures set approval = jsonb_set(approval, '{comment}', '"同意"') where document_id = $1 and step = 0`, [
        doc,
      ]);
      await client.query("update documents.documents set title = '签名审批的通知（改）' where id = $1", [doc]);
      assert.deepEqual((await approvals(doc)).slice(1).map(failing), [['CONTENT'], ['CONTENT']]);
      await client.query("update documents.documents set title = '签名审批的通知' where id = $1", [doc]);
    } finally {
      await client.end();
    }
    assert.ok((await approvals(doc)).slice(1).every((s) => s.signature?.valid));
  });

  test('the sent document’s evidence package carries the approvals, for the sender and the recipient; the verifier checks and names a tampered one', async () => {
    ok(await gql('xa.clerk', 'mutation($id: ID!, $k: String!) { sendDocument(id: $id, sendKey: $k) { id } }', { id: doc, k: randomUUID() }), 'sendDocument');
    const EXPORT = 'mutation($d: ID!) { exportEvidencePackage(documentId: $d) { base64 } }';
    for (const clerk of ['xa.clerk', 'xc.clerk']) {
      const zip = new Uint8Array(Buffer.from(ok<{ base64: string }>(await gql(clerk, EXPORT, { d: doc }), 'exportEvidencePackage').base64, 'base64'));
      const verdicts = verifyPackage(zip).verdicts.filter((v) => v.item.startsWith('approvals/'));
      assert.equal(verdicts.length, 2, clerk);
      assert.ok(
        verdicts.every((v) => v.ok),
        JSON.stringify(verdicts),
      );
      assert.match(verdicts[1]?.zh ?? '', /签发/);
      if (clerk !== 'xa.clerk') continue;
      // The comment of the first approval changed in the package (the manifest redone): refused, naming it.
      const files = unzipEvidence(zip);
      const manifest = JSON.parse(Buffer.from(files.get(MANIFEST_PATH) as Uint8Array).toString('utf8')) as Manifest;
      const changed = manifest.items.map((i) => {
        let bytes = files.get(i.path) as Uint8Array;
        if (i.kind === 'approval' && i.path.startsWith('approvals/1-'))
          bytes = new Uint8Array(Buffer.from(Buffer.from(bytes).toString('utf8').replace('同意', '不同意')));
        const { sha256: _s, size: _z, ...rest } = i;
        return { ...rest, bytes };
      });
      const { items: _items, format: _f, version: _v, ...meta } = manifest;
      const bad = verifyPackage(buildEvidencePackage(meta, changed)).verdicts.filter((v) => v.item.startsWith('approvals/1-'));
      assert.equal(bad[0]?.ok, false);
      assert.match(bad[0]?.zh ?? '', /审批签名值不正确/);
    }
  });
});

/** A package changed in place (the manifest redone, so that only the change is found): `change` gives each item's new bytes. */
function repacked(zip: Uint8Array, change: (path: string, bytes: Uint8Array) => Uint8Array): Uint8Array {
  const files = unzipEvidence(zip);
  const manifest = JSON.parse(Buffer.from(files.get(MANIFEST_PATH) as Uint8Array).toString('utf8')) as Manifest;
  const items = manifest.items.map((i) => {
    const { sha256: _s, size: _z, ...rest } = i;
    return { ...rest, bytes: change(i.path, files.get(i.path) as Uint8Array) };
  });
  const { items: _items, format: _f, version: _v, ...meta } = manifest;
  return buildEvidencePackage(meta, items);
}

describe('approvals signed by the approver with their own certificate', () => {
  // 省政府办公厅's 处室负责人 holds an SM2 identity certificate, approved by the office's head; the office's chain is
  // two APPROVER steps here, so that they approve (审批) and then issue (签发) the same draft.
  const keys = generateKeyPair('SM2');
  let doc: string;
  const TO_SIGN = 'query($d: ID!, $c: String) { approvalToSign(documentId: $d, comment: $c) }';
  const APPROVE =
    'mutation($id: ID!, $c: String, $own: OwnSignatureInput) { approveDocument(id: $id, comment: $c, ownSignature: $own) { id status approvalStep } }';
  const signWith = (privateKey: string, body: string) => Buffer.from(sign('SM2', privateKey, new Uint8Array(Buffer.from(body, 'utf8')))).toString('base64');
  /** The draft's approval as the database keeps it: its status and step, its steps and signatures. */
  const kept = async () =>
    (
      await p.superQuery(
        `select d.status, d.approval_step,
          (select count(*)::int from documents.approval_steps s where s.document_id = d.id) as steps,
          (select count(*)::int from documents.approval_signatures a where a.document_id = d.id) as signatures
        from documents.documents d where d.id = $1`,
        [doc],
      )
    )[0];

  before(async () => {
    const applied = ok<{ id: string }>(
      await gql('sxb.approver', 'mutation($i: CertificateApplicationInput!) { applyForCertificate(input: $i) { id } }', {
        i: { usage: 'IDENTITY', suite: 'SM2', csr: createCsr(keys, { commonName: 'sxb.approver' }) },
      }),
      'applyForCertificate',
    );
    ok(
      await gql('sxb.leader', 'mutation($id: ID!) { decideCertificateApplication(id: $id, approve: true) { id } }', { id: applied.id }),
      'decideCertificateApplication',
    );
    const office = ok<{ org: { id: string; docPrefixes: string[] } }>(await gql('sxb.admin', '{ me { org { id docPrefixes } } }'), 'me').org;
    ids.office = office.id;
    const prefixes = office.docPrefixes;
    ok(
      await gql(
        'sxb.admin',
        'mutation($o: ID!, $p: [String!]!) { updateUnitSettings(orgId: $o, docPrefixes: $p, approvalChain: ["APPROVER", "APPROVER"]) { id } }',
        {
          o: office.id,
          p: prefixes,
        },
      ),
      'updateUnitSettings',
    );
    doc = ok<{ id: string }>(
      await gql('sxb.drafter', 'mutation($in: DraftInput!) { createDraft(input: $in) { id } }', {
        in: { docType: '通知', title: '本人签名审批的通知', body: '正文', docPrefix: prefixes[0], recipients: [{ orgIds: [ids.xian] }] },
      }),
      'createDraft',
    ).id;
    ok(await gql('sxb.drafter', 'mutation($id: ID!) { submitForApproval(id: $id) { id } }', { id: doc }), 'submitForApproval');
  });

  test('approvalToSign hands out the step’s approval naming the approver, to them only', async () => {
    const handed = JSON.parse(ok<string>(await gql('sxb.approver', TO_SIGN, { d: doc, c: '  同意  ' }), 'approvalToSign'));
    assert.deepEqual(
      [handed.documentId, handed.unit.orgId, handed.step, handed.role, handed.issued, handed.comment, handed.signer.username],
      [doc, ids.office, 0, 'APPROVER', false, '同意', 'sxb.approver'],
    );
    assert.equal(handed.signer.name, handed.approver.name);
    assert.match(handed.contentDigest, /^[0-9a-f]{64}$/);
    // Another unit's leader finds no such draft; the office's head holds no APPROVER role; its author does not approve.
    assert.equal(codeOf(await gql('xa.leader', TO_SIGN, { d: doc })), 'NOT_FOUND');
    assert.equal(codeOf(await gql('sxb.leader', TO_SIGN, { d: doc })), 'FORBIDDEN');
    assert.equal(codeOf(await gql('sxb.drafter', TO_SIGN, { d: doc })), 'FORBIDDEN');
  });

  test('a wrong key, a changed approval, an old one, malformed input, another unit and the wrong role are refused and write nothing', async () => {
    const before = await kept();
    assert.deepEqual(before, { status: 'IN_APPROVAL', approval_step: 0, steps: 1, signatures: 0 });
    const text = ok<string>(await gql('sxb.approver', TO_SIGN, { d: doc, c: '同意' }), 'approvalToSign');
    const handed = JSON.parse(text);
    const refusal = async (user: string, variables: Record<string, unknown>) => {
      const r = await gql(user, APPROVE, { id: doc, ...variables });
      assert.deepEqual(await kept(), before, `refused, nothing written: ${JSON.stringify(r.errors)}`);
      return codeOf(r);
    };
    const wrongKey = generateKeyPair('SM2');
    assert.equal(await refusal('sxb.approver', { c: '同意', own: { receipt: text, signature: signWith(wrongKey.privateKey, text) } }), 'SIGNATURE_INVALID');
    // Another comment than the one signed, or the approval signed changed (digest, step, issued, person), even correctly
    // signed: not this step's approval.
    assert.equal(await refusal('sxb.approver', { c: '不同意', own: { receipt: text, signature: signWith(keys.privateKey, text) } }), 'APPROVAL_STALE');
    for (const changed of [
      { ...handed, contentDigest: crypto.createHash('sha256').update('another draft').digest('hex') },
      { ...handed, step: 1, issued: true },
      { ...handed, signer: { ...handed.signer, name: '王小明' } },
    ]) {
      const body = canonicalJson(changed);
      assert.equal(await refusal('sxb.approver', { c: '同意', own: { receipt: body, signature: signWith(keys.privateKey, body) } }), 'APPROVAL_STALE', body);
    }
    const old = canonicalJson({ ...handed, at: new Date(Date.now() - 11 * 60_000).toISOString() });
    assert.equal(await refusal('sxb.approver', { c: '同意', own: { receipt: old, signature: signWith(keys.privateKey, old) } }), 'APPROVAL_STALE');
    assert.equal(await refusal('sxb.approver', { c: '同意', own: { receipt: '{not json', signature: signWith(keys.privateKey, text) } }), 'BAD_INPUT');
    assert.equal(await refusal('sxb.approver', { c: '同意', own: { receipt: text, signature: 'not base64!' } }), 'BAD_INPUT');
    assert.equal(await refusal('sxb.approver', { c: '同意', own: { receipt: 'x'.repeat(5000), signature: signWith(keys.privateKey, text) } }), 'BAD_INPUT');
    // Another unit's leader and the wrong role, with the very approval and its signature: refused, nothing written.
    const own = { receipt: text, signature: signWith(keys.privateKey, text) };
    assert.equal(await refusal('xa.leader', { c: '同意', own }), 'NOT_FOUND');
    assert.equal(await refusal('sxb.leader', { c: '同意', own }), 'FORBIDDEN');
  });

  test('the approval and the 签发 signed by the approver land beside the unit’s signature and verify; shown as signed by the person', async () => {
    for (const comment of ['同意', '同意，签发']) {
      const text = ok<string>(await gql('sxb.approver', TO_SIGN, { d: doc, c: comment }), 'approvalToSign');
      ok(await gql('sxb.approver', APPROVE, { id: doc, c: comment, own: { receipt: text, signature: signWith(keys.privateKey, text) } }), 'approveDocument');
    }
    assert.deepEqual(await kept(), { status: 'APPROVED', approval_step: 1, steps: 3, signatures: 2 });
    const r = ok<{ approvals: { action: string; signature: Record<string, any> | null }[] }>(
      await gql(
        'sxb.drafter',
        `query($id: ID!) { document(id: $id) { approvals { action signature { issued approverName signedByPerson personSignature personCertificate approval valid checks { check ok } } } } }`,
        { id: doc },
      ),
      'document',
    );
    const signed = r.approvals.filter((a) => a.action === 'APPROVED').map((a) => a.signature as Record<string, any>);
    assert.deepEqual(
      signed.map((s) => [s.issued, s.signedByPerson, s.valid, !!s.personSignature, !!s.personCertificate]),
      [
        [false, true, true, true, true],
        [true, true, true, true, true],
      ],
      JSON.stringify(signed.map((s) => s.checks)),
    );
    for (const s of signed)
      assert.deepEqual(
        s.checks.filter((c: { check: string }) => c.check.startsWith('PERSON')).map((c: { check: string; ok: boolean }) => [c.check, c.ok]),
        [
          ['PERSON', true],
          ['PERSON_CHAIN', true],
        ],
      );
    assert.equal(JSON.parse(signed[1]?.approval).comment, '同意，签发', 'the very approval the approver signed');
  });

  test('the evidence package carries the approver’s signatures; the verifier checks them offline and names a tampered one', async () => {
    ok(await gql('sxb.clerk', 'mutation($id: ID!, $k: String!) { sendDocument(id: $id, sendKey: $k) { id } }', { id: doc, k: randomUUID() }), 'sendDocument');
    const zip = new Uint8Array(
      Buffer.from(
        ok<{ base64: string }>(
          await gql('sxb.clerk', 'mutation($d: ID!) { exportEvidencePackage(documentId: $d) { base64 } }', { d: doc }),
          'exportEvidencePackage',
        ).base64,
        'base64',
      ),
    );
    const approvalVerdicts = (z: Uint8Array) => verifyPackage(z).verdicts.filter((v) => v.item.startsWith('approvals/'));
    const verdicts = approvalVerdicts(zip);
    assert.equal(verdicts.length, 2);
    assert.ok(
      verdicts.every((v) => v.ok && /本人签名/.test(v.zh)),
      JSON.stringify(verdicts),
    );
    assert.match(verdicts[1]?.zh ?? '', /签发/);
    const files = unzipEvidence(zip);
    const envelope = (path: string) => JSON.parse(Buffer.from(files.get(path) as Uint8Array).toString('utf8'));
    const [first, second] = [...files.keys()].filter((k) => k.startsWith('approvals/')).sort();
    assert.ok(envelope(first as string).person?.certificate, 'the approver’s certificate is carried');
    // The first approval carrying the second one's personal signature; then carrying none.
    const swapped = repacked(zip, (path, bytes) =>
      path === first ? Buffer.from(JSON.stringify({ ...envelope(path), person: envelope(second as string).person })) : bytes,
    );
    const bad = approvalVerdicts(swapped).find((v) => v.item === first);
    assert.equal(bad?.ok, false);
    assert.match(bad?.zh ?? '', /审批人本人的签名无效/);
    assert.doesNotMatch(bad?.zh ?? '', /审批签名值不正确/, 'the unit’s signature still holds: only the person’s is named');
    const stripped = repacked(zip, (path, bytes) => {
      if (path !== first) return bytes;
      const { person: _p, ...rest } = envelope(path);
      return Buffer.from(JSON.stringify(rest));
    });
    const unsigned = approvalVerdicts(stripped).find((v) => v.item === first);
    assert.equal(unsigned?.ok, false);
    assert.match(unsigned?.en ?? '', /PERSON .*no signature of theirs/);
  });
});

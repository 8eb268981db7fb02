// Signed approvals (issue 17; seed 003 §3): each approval of a draft — the last is the 签发 — is signed with the
// drafting unit's key for its approver over the content approved, and time-stamped; the drafting unit sees each
// approval verified against the document as it is now, a changed approval or a changed document fails by name, and
// the evidence package carries them for the offline verifier, which names a tampered one.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { buildEvidencePackage, MANIFEST_PATH, type Manifest, unzipEvidence } from '@yizhan/crypto';
import { ok, type Platform, startPlatform } from '../../../test/support/harness.ts';
import { verifyPackage } from '../../../tools/verify/src/verify.ts';

let p: Platform;
const ids: Record<string, string> = {};
const tokens: Record<string, string> = {};
const gql = async (user: string, query: string, variables: Record<string, unknown> = {}) => {
  tokens[user] ??= await p.login(user);
  return p.gql(query, variables, tokens[user]);
};

before(async () => {
  p = await startPlatform({ services: ['documents', 'certificates'] });
  for (const [k, code] of Object.entries({ xian: '610100', xincheng: '610102' })) ids[k] = await p.orgId(code);
});
after(() => p.close());

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

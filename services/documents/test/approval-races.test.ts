// 审批 at the same moment: an approval holds the document's row, so that ten approvals of one step at once are one
// approval (the step recorded once), and an approval that names the step its approver saw is refused STEP_MOVED when
// the document moved on (a second click, or another approver first). An approval and a rejection at once: one of them.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { asDemoUsers, codeOf, ok, type Platform, startPlatform } from '../../../test/support/harness.ts';

let p: Platform;
const { gql } = asDemoUsers(() => p);
before(async () => {
  p = await startPlatform({ services: ['documents'] });
});
after(() => p?.close());

const APPROVE = 'mutation($id: ID!, $c: String, $s: Int) { approveDocument(id: $id, comment: $c, step: $s) { status approvalStep } }';
const APPROVALS = 'query($id: ID!) { document(id: $id) { status approvalStep approvals { step action } } }';

/** 西安市's draft to 新城区, submitted: its chain is 审核 (APPROVER) then 签发 (LEADER), both 胡建华's. */
async function submitted(): Promise<string> {
  const id = ok<{ id: string }>(
    await gql('xa.drafter', 'mutation($in: DraftInput!) { createDraft(input: $in) { id } }', {
      in: {
        docType: '通知',
        title: `关于并发审批的通知${randomUUID().slice(0, 6)}`,
        body: '<p>正文。</p>',
        docPrefix: '市政发',
        signer: '胡建华',
        recipients: [{ orgIds: [await p.orgId('610102')] }],
      },
    }),
    'createDraft',
  ).id;
  ok(await gql('xa.drafter', 'mutation($id: ID!) { submitForApproval(id: $id) { id } }', { id }), 'submitForApproval');
  return id;
}

const approvalsOf = async (id: string) =>
  ok<{ status: string; approvalStep: number; approvals: { step: number; action: string }[] }>(await gql('xa.drafter', APPROVALS, { id }), 'document');

test('ten approvals of the step seen at once: one approves it, nine are told it moved on; each step is approved once', async () => {
  const id = await submitted();
  await gql('xa.leader', 'query { me { id } }');
  const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => gql('xa.leader', APPROVE, { id, c: `同意${i}`, s: 0 })));
  const approved = answers.filter((r) => !r.errors);
  assert.equal(approved.length, 1, JSON.stringify(answers.map((r) => codeOf(r) ?? 'ok')));
  assert.deepEqual(new Set(answers.filter((r) => r.errors).map(codeOf)), new Set(['STEP_MOVED']));
  const after = await approvalsOf(id);
  assert.deepEqual([after.status, after.approvalStep], ['IN_APPROVAL', 1]);
  assert.deepEqual(
    after.approvals.filter((a) => a.action === 'APPROVED').map((a) => a.step),
    [0],
  );
});

test('ten approvals at once without the step: each step approved once, in order, the rest refused; never ten', async () => {
  const id = await submitted();
  await gql('xa.leader', 'query { me { id } }');
  const answers = await Promise.all(Array.from({ length: 10 }, () => gql('xa.leader', APPROVE, { id })));
  // 胡建华 holds both steps' roles: the first approves the 审核, the next the 签发, the others find it approved.
  assert.equal(answers.filter((r) => !r.errors).length, 2);
  const after = await approvalsOf(id);
  assert.equal(after.status, 'APPROVED');
  assert.deepEqual(
    after.approvals.filter((a) => a.action === 'APPROVED').map((a) => a.step),
    [0, 1],
  );
});

test('an approval and a rejection at once: one of them, and the history says which', async () => {
  const id = await submitted();
  await gql('xa.leader', 'query { me { id } }');
  const [approve, reject] = await Promise.all([
    gql('xa.leader', APPROVE, { id, s: 0 }),
    gql('xa.leader', 'mutation($id: ID!) { rejectDocument(id: $id, comment: "请修改") { status } }', { id }),
  ]);
  const after = await approvalsOf(id);
  const decided = after.approvals.filter((a) => a.action !== 'SUBMITTED').map((a) => `${a.action}@${a.step}`);
  if (!approve.errors && !reject.errors) {
    // The rejection came second: it sends back the document the approval moved to its 签发 step (not the step both saw).
    assert.deepEqual([decided, after.status], [['APPROVED@0', 'REJECTED@1'], 'REJECTED']);
  } else {
    assert.ok(!approve.errors !== !reject.errors, 'one of them went through');
    assert.equal(decided.length, 1, JSON.stringify(after));
    assert.equal(after.status, approve.errors ? 'REJECTED' : 'IN_APPROVAL');
  }
});

// The evidence job (issue 17: chain heads and receipts time-stamped in batches, every N items or T seconds): with
// T = 400 ms, a 签收's receipts and the chains it moved are linked and time-stamped by the job alone, nobody reading
// them, in one batch (the TSA asked on the documents service's own authority: no request hands the job a caller);
// with nothing new, no further batch is made.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { asDemoUsers, eventually, ok, type Platform, startPlatform } from '../../../test/support/harness.ts';

let p: Platform;
const ids: Record<string, string> = {};
const { gql } = asDemoUsers(() => p);

before(async () => {
  process.env.YIZHAN_EVIDENCE_BATCH_MS = '400';
  p = await startPlatform({ services: ['documents', 'certificates'] });
  ids.xincheng = await p.orgId('610102');
});
after(async () => {
  await p.close();
  delete process.env.YIZHAN_EVIDENCE_BATCH_MS;
});

test('every T milliseconds the job links what is queued and time-stamps the receipts and moved heads in one batch', async () => {
  const doc = ok<{ id: string }>(
    await gql('xa.drafter', 'mutation($in: DraftInput!) { createDraft(input: $in) { id } }', {
      in: { docType: '通知', title: '批处理时间戳', body: '正文', docPrefix: '市政发', recipients: [{ orgIds: [ids.xincheng] }] },
    }),
    'createDraft',
  ).id;
  ok(await gql('xa.drafter', 'mutation($id: ID!) { submitForApproval(id: $id) { id } }', { id: doc }), 'submitForApproval');
  for (let i = 0; i < 2; i++) ok(await gql('xa.leader', 'mutation($id: ID!) { approveDocument(id: $id) { id } }', { id: doc }), 'approveDocument');
  ok(await gql('xa.clerk', 'mutation($id: ID!, $k: String!) { sendDocument(id: $id, sendKey: $k) { id } }', { id: doc, k: randomUUID() }), 'sendDocument');
  const [d] = await p.superQuery<{ id: string }>('select id from documents.deliveries where document_id = $1', [doc]);
  ok(await gql('xc.clerk', 'mutation($id: ID!) { signForDelivery(id: $id) { id } }', { id: d?.id }), 'signForDelivery');
  // Nobody reads: the job alone links and anchors, within a few of its turns.
  const anchored = () =>
    p.superQuery<{ n: number; batches: number; pending: number; unanchored: number; heads: number }>(
      `select (select count(*)::int from documents.evidence_anchors a join documents.receipts r on r.id = a.receipt_id where r.delivery_id = $1) as n,
              (select count(distinct a.timestamp_id)::int from documents.evidence_anchors a join documents.receipts r on r.id = a.receipt_id where r.delivery_id = $1) as batches,
              (select count(*)::int from documents.evidence_pending) as pending,
              (select count(*)::int from documents.evidence_unanchored) as unanchored,
              (select count(*)::int from documents.evidence_heads where seq > anchored_seq) as heads`,
      [d?.id],
    );
  const done = await eventually(
    async () => (await anchored())[0],
    (r) => r?.n === 2 && r.pending === 0 && r.unanchored === 0 && r.heads === 0,
  );
  assert.equal(done?.batches, 1, 'both receipts in one batch');
  const links = await p.superCount('select count(*) as n from documents.delivery_evidence where delivery_id = $1', [d?.id]);
  assert.ok(links >= 3, `delivered, received and signed linked (${links})`);
  // Nothing new: no further batch.
  const batches = await p.superCount('select count(*) as n from documents.evidence_timestamps');
  await new Promise((r) => setTimeout(r, 1200));
  assert.equal(await p.superCount('select count(*) as n from documents.evidence_timestamps'), batches);
});

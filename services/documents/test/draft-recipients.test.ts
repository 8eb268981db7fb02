// A draft names recipients that exist: a unit, a selection or a saved list org does not know is refused as the draft
// is saved (BAD_INPUT naming recipients, nothing written); a saved list deleted after the draft named it is said on
// the draft's planned recipients, and the drafter's list of drafts still answers.
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

const CREATE = 'mutation($in: DraftInput!) { createDraft(input: $in) { id } }';
const DRAFTS = 'query { documents(first: 100, status: "DRAFT") { id title plannedRecipients { count problem } } }';
const draftIn = (title: string, recipients: unknown[]) => ({ in: { docType: '通知', title, body: '<p>正文。</p>', docPrefix: '市政发', recipients } });

test('a unit, a list or a selection org does not know is refused as the draft is saved, naming recipients; nothing written', async () => {
  const title = `未知收文单位${randomUUID().slice(0, 6)}`;
  const own = await p.orgId('610100');
  for (const recipients of [[{ orgIds: [randomUUID()] }], [{ listId: randomUUID() }], [{ selector: { rootId: own, maxDepth: -1 } }]]) {
    const r = await gql('xa.drafter', CREATE, draftIn(title, recipients));
    assert.deepEqual([codeOf(r), r.errors?.[0]?.extensions?.field], ['BAD_INPUT', 'recipients'], JSON.stringify(recipients));
  }
  assert.equal(await p.superCount('select count(*) n from documents.documents where title = $1', [title]), 0);
  // Changing a draft to name one is refused too, the draft as it was.
  const id = ok<{ id: string }>(await gql('xa.drafter', CREATE, draftIn(title, [{ orgIds: [await p.orgId('610102')] }])), 'createDraft').id;
  const changed = await gql('xa.drafter', 'mutation($id: ID!, $in: DraftInput!) { updateDraft(id: $id, input: $in) { id } }', {
    id,
    ...draftIn(title, [{ orgIds: [randomUUID()] }]),
  });
  assert.deepEqual([codeOf(changed), changed.errors?.[0]?.extensions?.field], ['BAD_INPUT', 'recipients']);
  const kept = ok<{ plannedRecipients: { count: number } }>(
    await gql('xa.drafter', 'query($id: ID!) { document(id: $id) { plannedRecipients { count } } }', { id }),
    'document',
  );
  assert.equal(kept.plannedRecipients.count, 1);
});

test('a saved list deleted after a draft named it: the draft says so, and the list of drafts still answers', async () => {
  const list = ok<{ id: string }>(
    await gql('xa.clerk', 'mutation($m: [ID!]!) { createDistributionList(name: "临时名单", memberIds: $m) { id } }', { m: [await p.orgId('610102')] }),
    'createDistributionList',
  ).id;
  const title = `按名单拟稿${randomUUID().slice(0, 6)}`;
  const id = ok<{ id: string }>(await gql('xa.drafter', CREATE, draftIn(title, [{ listId: list }])), 'createDraft').id;
  ok(await gql('xa.clerk', 'mutation($id: ID!) { deleteDistributionList(id: $id) }', { id: list }), 'deleteDistributionList');
  const drafts = ok<{ id: string; plannedRecipients: { count: number; problem: string | null } }[]>(await gql('xa.drafter', DRAFTS), 'documents');
  const draft = drafts.find((d) => d.id === id);
  assert.equal(draft?.plannedRecipients.count, 0);
  assert.ok(draft?.plannedRecipients.problem, 'the draft says why no unit is counted');
  assert.ok(
    drafts.filter((d) => d.id !== id).every((d) => d.plannedRecipients.problem === null),
    'other drafts as they were',
  );
});

// 督办's 临期 and overdue lists by document (dueSoonByDocument, overdueByDocument) and the 催办 of a whole group
// (urgeDueSoonOfDocument, urgeOverdueOfDocument): a broadcast to more units than the page loads is counted in full, not
// by the rows loaded; the group's 催办 reaches every unit that waits, those not loaded too; a unit that signed is
// neither counted nor urged; a unit urged a moment ago is left for now; the caller's own unit is never urged by itself;
// another unit sees and urges nothing.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { codeOf, ok, type Platform, startPlatform } from '../../../test/support/harness.ts';

const COUNTIES = ['610102', '610103', '610104', '610111', '610112', '610113', '610114', '610115', '610116', '610117', '610118', '610122', '610124'];

const listOf = (field: 'dueSoonByDocument' | 'overdueByDocument') => `query($first: Int!, $each: Int!) { ${field}(first: $first, unitsEach: $each) {
  documentCount unitCount
  documents { documentId title waiting urgeable unreceived earliestDueAt deliveries { id recipientName recipientOrgId dueAt status } } } }`;
const GROUPS = listOf('dueSoonByDocument');
const OVERDUE_GROUPS = listOf('overdueByDocument');
const urgeOf = (field: 'urgeDueSoonOfDocument' | 'urgeOverdueOfDocument') =>
  `mutation($d: ID!, $n: String) { ${field}(documentId: $d, note: $n) { documentId title urged urgedRecently urgeableAt } }`;
const URGE_GROUP = urgeOf('urgeDueSoonOfDocument');
const URGE_OVERDUE = urgeOf('urgeOverdueOfDocument');

type Group = {
  documentId: string;
  title: string;
  waiting: number;
  urgeable: number;
  unreceived: number;
  earliestDueAt: string;
  deliveries: { id: string; recipientName: string; recipientOrgId: string; dueAt: string; status: string }[];
};

describe('临期 by document', () => {
  let p: Platform;
  before(async () => {
    p = await startPlatform({ services: ['documents'] });
  });
  after(() => p.close());

  test('a broadcast to more units than are loaded shows its true count, and the group’s 催办 reaches every unit waiting', async () => {
    const gql = async (user: string, q: string, v: Record<string, unknown> = {}) => p.gql(q, v, await p.login(user));
    const counties = await Promise.all(COUNTIES.map((c) => p.orgId(c)));
    const [xincheng, beilin, lianhu] = counties as [string, string, string];
    const title = `临期分组测试（${randomUUID().slice(0, 8)}）`;
    const doc = ok<{ id: string }>(
      await gql('xa.drafter', 'mutation($in: DraftInput!) { createDraft(input: $in) { id } }', {
        in: { docType: '通知', title, body: '正文', docPrefix: '市政发', recipients: [{ orgIds: counties }] },
      }),
      'createDraft',
    ).id;
    await gql('xa.drafter', 'mutation($id: ID!) { submitForApproval(id: $id) { id } }', { id: doc });
    await gql('xa.leader', 'mutation($id: ID!) { approveDocument(id: $id) { id } }', { id: doc });
    await gql('xa.leader', 'mutation($id: ID!) { approveDocument(id: $id) { id } }', { id: doc });
    ok(await gql('xa.clerk', 'mutation($id: ID!, $k: String!) { sendDocument(id: $id, sendKey: $k) { id } }', { id: doc, k: randomUUID() }), 'sendDocument');
    // Due a day ahead rather than at the next check, which a run may cross; each county a minute after the one before.
    await p.superQuery(
      `update documents.deliveries d set due_at = now() + interval '1 day' + (o.n * interval '1 minute')
         from (select id, row_number() over (order by recipient_name) as n from documents.deliveries where document_id = $1) o
        where d.id = o.id`,
      [doc],
    );
    // 新城区 signs for it; 莲湖区 did too (as its clerk would): 11 of the 13 wait.
    const xcDelivery = ok<{ nodes: { id: string }[] }>(
      await gql('xc.clerk', 'query($s: String!) { inbox(filter: { search: $s }) { nodes { id } } }', { s: title }),
      'inbox',
    ).nodes[0]?.id;
    ok(await gql('xc.clerk', 'mutation($id: ID!) { signForDelivery(id: $id) { id } }', { id: xcDelivery }), 'signForDelivery');
    await p.superQuery(
      "update documents.deliveries set status = 'SIGNED', received_at = now(), signed_at = now(), signed_by_name = '莲湖区收文员' where document_id = $1 and recipient_org_id = $2",
      [doc, lianhu],
    );
    const signed = [xincheng, lianhu];

    // The province's administrator (above every county) loads 3 units a document: the heading counts all 11.
    const groupOf = async (user: string, each = 3, list = GROUPS) => {
      const all = ok<{ documentCount: number; unitCount: number; documents: Group[] }>(
        await gql(user, list, { first: 200, each }),
        list === GROUPS ? 'dueSoonByDocument' : 'overdueByDocument',
      );
      return { all, g: all.documents.find((d) => d.documentId === doc) };
    };
    const { all, g } = await groupOf('sx.admin');
    assert.ok(g, 'the document is listed');
    assert.equal(g.title, title);
    assert.equal(g.waiting, 11, 'every unit waiting, not the 3 loaded');
    assert.equal(g.urgeable, 11);
    assert.equal(g.unreceived, 11, 'none of them opened it');
    assert.equal(g.deliveries.length, 3, 'its first units only');
    // Not yet past its time limit: not on the overdue list, nothing overdue to urge.
    assert.equal((await groupOf('sx.admin', 3, OVERDUE_GROUPS)).g, undefined);
    assert.equal(codeOf(await gql('sx.admin', URGE_OVERDUE, { d: doc })), 'NOTHING_TO_URGE');
    assert.ok(
      g.deliveries.every((d) => !signed.includes(d.recipientOrgId)),
      'a unit that signed is not listed',
    );
    const dues = g.deliveries.map((d) => Date.parse(d.dueAt));
    assert.deepEqual(dues, [...dues].sort(), 'soonest due first');
    assert.equal(Date.parse(g.earliestDueAt), dues[0]);
    assert.ok(all.unitCount >= 11 && all.documentCount >= 1, 'the totals are of the whole scope');
    assert.equal(
      all.unitCount,
      all.documents.reduce((n, d) => n + d.waiting, 0),
      'every document is listed here (first: 200), and the units add up',
    );
    // Documents in order of their earliest time limit.
    const firsts = all.documents.map((d) => Date.parse(d.earliestDueAt));
    assert.deepEqual(firsts, [...firsts].sort());

    // 碑林区's administrator: its own unit's delivery is listed for it (waiting 1) but it does not urge itself.
    const own = (await groupOf('bl.admin')).g;
    assert.deepEqual([own?.waiting, own?.urgeable, own?.deliveries.map((d) => d.recipientOrgId)], [1, 0, [beilin]]);
    assert.equal(codeOf(await gql('bl.admin', URGE_GROUP, { d: doc })), 'FORBIDDEN', 'the caller’s own unit is never urged by itself');
    // A county's clerk sees only its own unit; another city nothing of it, and may urge nothing of it.
    assert.equal((await groupOf('bl.clerk')).g?.waiting, 1);
    assert.equal((await groupOf('bj.admin')).g, undefined);
    assert.equal(codeOf(await gql('bj.admin', URGE_GROUP, { d: doc })), 'NOT_FOUND');
    assert.equal(codeOf(await gql('xc.clerk', URGE_GROUP, { d: doc })), 'FORBIDDEN', 'the recipient does not urge');
    assert.equal(codeOf(await gql('xa.clerk', URGE_GROUP, { d: randomUUID() })), 'NOT_FOUND');
    assert.equal(codeOf(await gql('xa.clerk', URGE_GROUP, { d: 'not-an-id' })), 'NOT_FOUND');
    assert.equal(codeOf(await gql('sx.admin', URGE_GROUP, { d: doc, n: '催'.repeat(201) })), 'BAD_INPUT');
    assert.equal(codeOf(await gql('sx.admin', GROUPS, { first: 100, each: 100 })), 'BAD_INPUT', 'at most 2000 units listed');

    // The sender's clerk urged 碑林区 a moment ago: the group's 催办 leaves it for now and urges the other 10.
    ok(
      await gql('xa.clerk', 'mutation($ids: [ID!]!) { urgeDeliveries(ids: $ids) { deliveryId } }', {
        ids: [own?.deliveries[0]?.id],
      }),
      'urgeDeliveries',
    );
    const urged = ok<{ urged: number; urgedRecently: number; urgeableAt: string | null; title: string }>(
      await gql('sx.admin', URGE_GROUP, { d: doc, n: '请今日签收' }),
      'urgeDueSoonOfDocument',
    );
    assert.deepEqual([urged.title, urged.urged, urged.urgedRecently], [title, 10, 1]);
    assert.ok(urged.urgeableAt && Date.parse(urged.urgeableAt) > Date.now(), 'when 碑林区 may be urged again');

    // Read back by the sender: every waiting unit has its 催办 (the 8 not loaded too), the two that signed none.
    const board = ok<{ deliveries: { recipientOrgId: string; status: string; urges: { byName: string }[] }[] }>(
      await gql('xa.clerk', 'query($id: ID!) { document(id: $id) { deliveries { recipientOrgId status urges { byName } } } }', { id: doc }),
      'document',
    ).deliveries;
    assert.equal(board.length, 13);
    for (const d of board) {
      if (signed.includes(d.recipientOrgId)) assert.deepEqual(d.urges, [], 'a unit that signed is not urged');
      else if (d.recipientOrgId === beilin)
        assert.deepEqual(
          d.urges.map((u) => u.byName),
          ['马晓燕'],
          '碑林区 once, by the sender',
        );
      else
        assert.deepEqual(
          d.urges.map((u) => u.byName),
          ['赵建国'],
          'every other waiting unit by the province',
        );
    }
    // Each urged unit is told in its inbox, as by urgeDeliveries: 10 notices by the province, 1 by the sender.
    const [told] = await p.superQuery<{ n: number }>(
      "select count(*)::int as n from documents.notifications n join documents.deliveries d on d.id = n.delivery_id where d.document_id = $1 and n.kind = 'URGED'",
      [doc],
    );
    assert.equal(told?.n, 11);
    // Again at once: every unit was urged a moment ago.
    assert.equal(codeOf(await gql('sx.admin', URGE_GROUP, { d: doc })), 'URGED_RECENTLY');

    // The rows of the old list go on as they were.
    const rows = ok<{ title: string }[]>(await gql('sx.admin', '{ dueSoonDeliveries(first: 1000) { title } }'), 'dueSoonDeliveries');
    assert.equal(rows.filter((r) => r.title === title).length, 11);

    // Past its time limit nothing is due soon: the group leaves the list, and there is nothing to urge in it.
    await p.superQuery("update documents.deliveries set due_at = now() - interval '1 minute' where document_id = $1", [doc]);
    assert.equal((await groupOf('sx.admin')).g, undefined);
    assert.equal(codeOf(await gql('sx.admin', URGE_GROUP, { d: doc })), 'NOTHING_TO_URGE');

    // …and it is on the overdue list by document instead, counted in full: 11 units, of which one has opened it.
    await p.superQuery("update documents.deliveries set status = 'RECEIVED', received_at = now() where document_id = $1 and recipient_org_id = $2", [
      doc,
      beilin,
    ]);
    const late = (await groupOf('sx.admin', 3, OVERDUE_GROUPS)).g;
    assert.deepEqual([late?.title, late?.waiting, late?.urgeable, late?.unreceived, late?.deliveries.length], [title, 11, 11, 10, 3]);
    assert.deepEqual(
      (await groupOf('bl.clerk', 3, OVERDUE_GROUPS)).g?.deliveries.map((d) => d.recipientOrgId),
      [beilin],
      'a county its own unit only',
    );
    assert.equal((await groupOf('bj.admin', 3, OVERDUE_GROUPS)).g, undefined, 'another city nothing of it');
    assert.equal(codeOf(await gql('sx.admin', OVERDUE_GROUPS, { first: 201, each: 1 })), 'BAD_INPUT');
    // Every unit was urged a moment ago; an hour later the overdue group's 催办 reaches all 11 again.
    assert.equal(codeOf(await gql('sx.admin', URGE_OVERDUE, { d: doc })), 'URGED_RECENTLY');
    await p.superQuery(
      "update documents.delivery_history h set at = h.at - interval '1 hour' from documents.deliveries d where d.id = h.delivery_id and d.document_id = $1 and h.action = 'URGE'",
      [doc],
    );
    assert.equal(codeOf(await gql('bj.admin', URGE_OVERDUE, { d: doc })), 'NOT_FOUND');
    assert.equal(codeOf(await gql('xc.clerk', URGE_OVERDUE, { d: doc })), 'FORBIDDEN', 'the recipient does not urge');
    assert.equal(codeOf(await gql('bl.admin', URGE_OVERDUE, { d: doc })), 'FORBIDDEN', 'nor a unit itself');
    const again = ok<{ urged: number; urgedRecently: number }>(
      await gql('xa.admin', URGE_OVERDUE, { d: doc, n: '已超期，请立即签收' }),
      'urgeOverdueOfDocument',
    );
    assert.deepEqual([again.urged, again.urgedRecently], [11, 0]);
    const [overdueTold] = await p.superQuery<{ n: number }>(
      "select count(*)::int as n from documents.notifications n join documents.deliveries d on d.id = n.delivery_id where d.document_id = $1 and n.kind = 'URGED'",
      [doc],
    );
    assert.equal(overdueTold?.n, 22, 'each of the 11 told again');
  });
});

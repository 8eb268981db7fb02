// 信息管理 (seed 003 第八章) through the real gateway: 新城区's drafter submits information for a 栏目; nobody reads it
// until a leader of the unit approves it (§30), and then only its audience (§32): the unit and those below it, or the
// people named. The author does not approve their own; another unit reads nothing of it; bad input names its field and
// writes nothing; a unit above takes it down; row-level security alone hides it from a sibling.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { codeOf, ok, type Platform, startPlatform } from '../../../test/support/harness.ts';

let p: Platform;
const tokens: Record<string, string> = {};
const gql = async (user: string, query: string, variables: Record<string, unknown> = {}) => {
  tokens[user] ??= await p.login(user);
  return p.gql(query, variables, tokens[user]);
};
const FIELDS = 'id orgName column columnName title body audience viewerNames status authorName decidedByName decisionNote publishedAt mayApprove mayWithdraw';
const SUBMIT = `mutation($in: InformationInput!) { submitInformation(input: $in) { ${FIELDS} } }`;
const LIST = `query($c: String, $s: String) { informationItems(column: $c, status: $s) { ${FIELDS} } }`;
const ONE = `query($id: ID!) { information(id: $id) { ${FIELDS} } }`;
const APPROVE = `mutation($id: ID!) { approveInformation(id: $id) { ${FIELDS} } }`;
const REJECT = `mutation($id: ID!, $r: String!) { rejectInformation(id: $id, reason: $r) { ${FIELDS} } }`;
const WITHDRAW = `mutation($id: ID!) { withdrawInformation(id: $id) { ${FIELDS} } }`;
type Item = { id: string; status: string; mayApprove: boolean; mayWithdraw: boolean; viewerNames: string[]; decisionNote: string | null } & Record<
  string,
  unknown
>;
const ids = async (user: string, vars: Record<string, unknown> = {}) => ok<Item[]>(await gql(user, LIST, vars), 'informationItems').map((i) => i.id);
const count = () => p.superCount('select count(*) n from org.information_items');

before(async () => {
  p = await startPlatform({ services: ['org'] });
});
after(() => p?.close());

describe('信息管理', () => {
  let news: Item;

  test('submitted, it waits for a leader of the unit; approved, the unit and those below it read it', async () => {
    news = ok<Item>(
      await gql('xc.drafter', SUBMIT, {
        in: {
          column: 'WORK_NEWS',
          title: '新城区召开电子公文传输工作推进会',
          body: '会议通报了上半年收文签收情况。\n\n会议要求各科室按时签收。',
          audience: 'SUBTREE',
        },
      }),
      'submitInformation',
    );
    assert.deepEqual([news.status, news.authorName, news.columnName], ['PENDING', '林强', '工作动态']);
    // Before approval: the clerk, a sibling and the city read nothing of it; the author and the unit's leader do.
    for (const who of ['xc.clerk', 'bl.clerk', 'xa.clerk']) assert.ok(!(await ids(who)).includes(news.id), who);
    assert.equal(codeOf(await gql('xc.clerk', ONE, { id: news.id })), 'NOT_FOUND');
    assert.ok((await ids('xc.drafter')).includes(news.id));
    const waiting = ok<Item[]>(await gql('xc.leader', LIST, { s: 'PENDING' }), 'informationItems').find((i) => i.id === news.id);
    assert.equal(waiting?.mayApprove, true, 'the leader may approve it');
    // Approved: published, by name; the clerk reads it in its 栏目, a sibling still nothing.
    const done = ok<Item>(await gql('xc.leader', APPROVE, { id: news.id }), 'approveInformation');
    assert.deepEqual([done.status, done.decidedByName, typeof done.publishedAt], ['PUBLISHED', '罗文彬', 'string']);
    assert.ok((await ids('xc.clerk', { c: 'WORK_NEWS' })).includes(news.id));
    assert.ok(!(await ids('xc.clerk', { c: 'POLICIES' })).includes(news.id), 'another 栏目');
    for (const who of ['bl.clerk', 'bj.clerk', 'xa.clerk']) {
      assert.ok(!(await ids(who)).includes(news.id), who);
      assert.equal(codeOf(await gql(who, ONE, { id: news.id })), 'NOT_FOUND', who);
    }
    assert.equal(codeOf(await gql('xc.leader', APPROVE, { id: news.id })), 'ILLEGAL_TRANSITION', 'approved once');
  });

  test('to named people: only they read it; the author does not approve their own', async () => {
    const people = ok<{ id: string; username: string }[]>(
      await gql('xc.admin', 'query($o: ID!) { users(orgId: $o) { id username } }', { o: await p.orgId('610102') }),
      'users',
    );
    const clerk = people.find((u) => u.username === 'xc.clerk')?.id as string;
    const item = ok<Item>(
      await gql('xc.leader', SUBMIT, {
        in: { column: 'NOTICES', title: '收文岗位调整', body: '请王秀兰同志下周起兼管纸质补录。', audience: 'PEOPLE', viewerIds: [clerk] },
      }),
      'submitInformation',
    );
    assert.deepEqual(item.viewerNames, ['王秀兰'], 'the named readers by name');
    assert.equal(item.mayApprove, false);
    assert.equal(codeOf(await gql('xc.leader', APPROVE, { id: item.id })), 'FORBIDDEN', 'not by its own author');
    assert.equal(codeOf(await gql('xc.drafter', APPROVE, { id: news.id })), 'FORBIDDEN', 'a drafter approves nothing');
    // Nobody else of the unit approves it here (罗文彬 is its only leader): it stays pending, and is read by its author only.
    assert.ok(!(await ids('xc.clerk')).includes(item.id));
    assert.ok(!(await ids('xc.admin')).includes(item.id));
    // Another unit's people are not named; nothing is written.
    const before = await count();
    const other = ok<{ id: string }[]>(await gql('bl.admin', 'query($o: ID!) { users(orgId: $o) { id } }', { o: await p.orgId('610103') }), 'users')[0]?.id;
    const r = await gql('xc.drafter', SUBMIT, { in: { column: 'NOTICES', title: '越界', body: '正文', audience: 'PEOPLE', viewerIds: [other] } });
    assert.equal(codeOf(r), 'BAD_INPUT');
    assert.equal(r.errors?.[0]?.extensions?.field, 'viewerIds');
    assert.equal(await count(), before);
  });

  test('sent back with the reason; bad input names its field and writes nothing', async () => {
    const item = ok<Item>(
      await gql('xc.drafter', SUBMIT, { in: { column: 'EXPERIENCE', title: '收文经验', body: '草稿', audience: 'UNIT' } }),
      'submitInformation',
    );
    assert.equal(codeOf(await gql('xc.leader', REJECT, { id: item.id, r: ' ' })), 'BAD_INPUT');
    const back = ok<Item>(await gql('xc.leader', REJECT, { id: item.id, r: '内容过简，请补充具体做法' }), 'rejectInformation');
    assert.deepEqual([back.status, back.decisionNote], ['REJECTED', '内容过简，请补充具体做法']);
    assert.equal(codeOf(await gql('xc.leader', APPROVE, { id: item.id })), 'ILLEGAL_TRANSITION');
    const before = await count();
    for (const [patch, field] of [
      [{ column: 'GOSSIP' }, 'column'],
      [{ audience: 'ALL' }, 'audience'],
      [{ title: '' }, 'title'],
      [{ body: '字'.repeat(10_001) }, 'body'],
      [{ title: '坏\u202e字' }, 'title'],
    ] as const) {
      const r = await gql('xc.drafter', SUBMIT, { in: { ...{ column: 'WORK_NEWS', title: '标题', body: '正文', audience: 'UNIT' }, ...patch } });
      assert.equal(codeOf(r), 'BAD_INPUT', field);
      assert.equal(r.errors?.[0]?.extensions?.field, field);
    }
    assert.equal(await count(), before);
    assert.equal(codeOf(await gql('xc.clerk', LIST, { c: 'DROP' })), 'BAD_INPUT');
  });

  test('taken down by the unit above; not by a sibling or a clerk', async () => {
    for (const who of ['bl.admin', 'xc.clerk'])
      assert.ok(['FORBIDDEN', 'NOT_FOUND'].includes(codeOf(await gql(who, WITHDRAW, { id: news.id })) as string), who);
    const down = ok<Item>(await gql('xa.admin', WITHDRAW, { id: news.id }), 'withdrawInformation');
    assert.equal(down.status, 'WITHDRAWN');
    assert.ok(!(await ids('xc.clerk', { c: 'WORK_NEWS' })).includes(news.id), 'no longer read');
  });

  test('row-level security alone: a sibling’s scope reads no item of 新城区', async () => {
    const [xc, bl] = await Promise.all(
      ['610102', '610103'].map(
        async (code) => (await p.superQuery<{ path: string }>('select path::text from org.orgs where code = $1', [code]))[0]?.path as string,
      ),
    );
    const read = (scope: string) => p.scopedCount({ orgPath: scope }, 'select count(*) n from org.information_items where org_path = $1::ltree', [xc]);
    assert.equal(await read(bl as string), 0);
    assert.ok((await read(xc as string)) >= 3);
  });
});

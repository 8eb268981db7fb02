// The sender's delivery board a page at a time (issue 19): a province broadcast's board reads every chip's count and
// every city's figures over all its deliveries, and the rows one page at a time in the order of the org tree, with
// the filter chips and the search (unit name or registered contact) applied by the service. A recipient unit sees
// its own row only; another unit sees nothing; bad arguments are refused with BAD_INPUT and a named field.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import pg from 'pg';
import { codeOf, type Platform, startPlatform } from '../../../test/support/harness.ts';

let p: Platform;
const tokens = new Map<string, string>();
const gql = async (user: string, query: string, variables: Record<string, unknown> = {}) => {
  if (!tokens.has(user)) tokens.set(user, await p.login(user));
  return p.gql(query, variables, tokens.get(user));
};

let doc: string;
let recipients: { id: string; path: string; name: string }[];

before(async () => {
  p = await startPlatform({ services: ['documents'] });
  // Every county (主送), every city government but 宝鸡 (抄送; 宝鸡's group is named from the directory), and one
  // province department (the province's own group).
  const province = await p.orgId('610000');
  const cities = await p.superQuery<{ id: string }>(`select id from org.orgs where level = 'CITY' and kind = 'GOVERNMENT' and code <> '610300'`);
  const yingji = (await gql('sx.admin', '{ searchOrgs(name: "陕西省应急管理厅") { id } }')).data?.searchOrgs[0].id as string;
  const created = await gql('sxb.drafter', 'mutation($in: DraftInput!) { createDraft(input: $in) { id } }', {
    in: {
      docType: '通知',
      title: '分页签收情况检查',
      body: '<p>正文</p>',
      docPrefix: '陕政办发',
      mainTo: '各县（市、区）人民政府',
      recipients: [
        { role: 'MAIN', selector: { rootId: province, levels: ['COUNTY'], kinds: ['GOVERNMENT'] } },
        { role: 'MAIN', orgIds: [yingji] },
        { role: 'CC', orgIds: cities.map((c) => c.id) },
      ],
    },
  });
  assert.equal(created.errors, undefined, JSON.stringify(created.errors));
  doc = created.data?.createDraft.id as string;
  await gql('sxb.drafter', 'mutation($id: ID!) { submitForApproval(id: $id) { id } }', { id: doc });
  for (const who of ['sxb.approver', 'sxb.leader']) await gql(who, 'mutation($id: ID!) { approveDocument(id: $id) { id } }', { id: doc });
  const sent = await gql('sxb.clerk', 'mutation($id: ID!, $k: String!) { sendDocument(id: $id, sendKey: $k) { status } }', { id: doc, k: randomUUID() });
  assert.equal(sent.data?.sendDocument.status, 'SENT', JSON.stringify(sent.errors));
  recipients = await p.superQuery<{ id: string; path: string; name: string }>(
    `select d.id, d.recipient_path::text as path, d.recipient_name as name from documents.deliveries d where d.document_id = $1 order by d.recipient_path, d.id`,
    [doc],
  );
});
after(() => p?.close());

const PAGE = `query($id: ID!, $f: BoardFilter, $s: String, $n: Int, $a: String) { document(id: $id) {
  board(filter: $f, search: $s, first: $n, after: $a) { totalCount pageInfo { endCursor hasNextPage } nodes { id status recipientName recipientOrg { path } recipientContacts { name } } } } }`;
const FIGURES = 'query($id: ID!) { document(id: $id) { boardFigures { chips { filter count } groups { key name live signed } } } }';

const figures = async (user: string) => {
  const r = await gql(user, FIGURES, { id: doc });
  assert.equal(r.errors, undefined, JSON.stringify(r.errors));
  const f = r.data?.document.boardFigures as {
    chips: { filter: string; count: number }[];
    groups: { key: string; name: string | null; live: number; signed: number }[];
  };
  return { chips: Object.fromEntries(f.chips.map((c) => [c.filter, c.count])), groups: f.groups };
};

test('the pages hold every recipient once, in the order of the org tree, and the figures count them all', async () => {
  assert.ok(recipients.length > 100, `${recipients.length} deliveries`);
  const seen: { id: string; path: string }[] = [];
  let after: string | null = null;
  let pages = 0;
  for (;;) {
    const r = await gql('sxb.clerk', PAGE, { id: doc, n: 25, a: after });
    assert.equal(r.errors, undefined, JSON.stringify(r.errors));
    const page = r.data?.document.board;
    assert.equal(page.totalCount, recipients.length);
    assert.ok(page.nodes.length <= 25);
    seen.push(...page.nodes.map((n: { id: string; recipientOrg: { path: string } }) => ({ id: n.id, path: n.recipientOrg.path })));
    pages++;
    if (!page.pageInfo.hasNextPage) break;
    after = page.pageInfo.endCursor;
  }
  assert.equal(pages, Math.ceil(recipients.length / 25));
  assert.deepEqual(
    seen.map((s) => s.id),
    recipients.map((r) => r.id),
    'each delivery once, by the unit’s place in the tree',
  );

  const f = await figures('sxb.clerk');
  assert.equal(f.chips.ALL, recipients.length);
  assert.equal(f.chips.NOT_RECEIVED, recipients.length);
  assert.equal(f.chips.NOT_SIGNED, recipients.length);
  assert.equal(f.chips.RETURNED, 0);
  assert.equal(f.chips.REPLACED, 0);
  assert.equal(f.groups[0]?.key, 'province', 'the province’s own units first');
  assert.equal(f.groups[0]?.live, 1);
  assert.equal(f.groups.length, 11, 'the province’s group and ten cities');
  const xian = f.groups.find((g) => g.key === 'p61.c6101');
  assert.equal(xian?.name, '西安市人民政府', 'a city that is a recipient is named by its delivery');
  assert.equal(xian?.live, recipients.filter((r) => r.path.startsWith('p61.c6101')).length);
  const baoji = f.groups.find((g) => g.key === 'p61.c6103');
  assert.equal(baoji?.name, '宝鸡市人民政府', 'a city that is not itself a recipient is named from the directory');
  assert.equal(
    f.groups.reduce((n, g) => n + g.live, 0),
    recipients.length,
  );
});

test('a 签收 moves the chips and its city’s figure; the chips and the search narrow the rows', async () => {
  const inbox = (await gql('xc.clerk', '{ inbox(first: 50) { nodes { id documentId } } }')).data?.inbox.nodes as { id: string; documentId: string }[];
  const mine = inbox.find((n) => n.documentId === doc)?.id;
  const signed = await gql('xc.clerk', 'mutation($id: ID!) { signForDelivery(id: $id) { status } }', { id: mine });
  assert.equal(signed.data?.signForDelivery.status, 'SIGNED', JSON.stringify(signed.errors));

  const f = await figures('sxb.clerk');
  assert.equal(f.chips.NOT_SIGNED, recipients.length - 1);
  assert.equal(f.chips.NOT_RECEIVED, recipients.length - 1);
  assert.equal(f.groups.find((g) => g.key === 'p61.c6101')?.signed, 1);
  assert.equal(f.groups.find((g) => g.key === 'p61.c6103')?.signed, 0);

  const unsigned = (await gql('sxb.clerk', PAGE, { id: doc, f: 'NOT_SIGNED', n: 500 })).data?.document.board;
  assert.equal(unsigned.totalCount, recipients.length - 1);
  assert.ok(!unsigned.nodes.some((n: { id: string }) => n.id === mine), '新城区 signed for it');

  const byName = (await gql('sxb.clerk', PAGE, { id: doc, s: '新城' })).data?.document.board;
  assert.deepEqual(
    byName.nodes.map((n: { recipientName: string; status: string }) => [n.recipientName, n.status]),
    [['西安市新城区人民政府', 'SIGNED']],
  );
  // A registered contact's name finds its unit, for the sending office (beside the cities, not above the counties:
  // it reads the contacts of the units it sent to) and for the province's government above it (its own subtree).
  for (const who of ['sxb.clerk', 'sx.admin']) {
    const byContact = (await gql(who, PAGE, { id: doc, s: '王秀兰' })).data?.document.board;
    assert.deepEqual(
      byContact.nodes.map((n: { recipientName: string; recipientContacts: { name: string }[] }) => [n.recipientName, n.recipientContacts.map((c) => c.name)]),
      [['西安市新城区人民政府', ['王秀兰']]],
      who,
    );
  }
  const none = (await gql('sxb.clerk', PAGE, { id: doc, f: 'NOT_SIGNED', s: '新城' })).data?.document.board;
  assert.equal(none.totalCount, 0, 'chip and search together');
});

test('a recipient sees its own row; another unit sees nothing; bad arguments are refused', async () => {
  const own = (await gql('bl.clerk', PAGE, { id: doc, n: 500 })).data?.document.board;
  assert.deepEqual(
    own.nodes.map((n: { recipientName: string }) => n.recipientName),
    ['西安市碑林区人民政府'],
  );
  assert.equal(own.totalCount, 1);
  assert.equal((await figures('bl.clerk')).chips.ALL, 1);
  // The dashboard learns the same from the service: the sender and the units above it see the whole board.
  const WHOLE = 'query($id: ID!) { document(id: $id) { wholeBoard } }';
  for (const [user, whole] of [
    ['bl.clerk', false],
    ['sxb.clerk', true],
    ['sx.admin', true],
  ] as const)
    assert.equal((await gql(user, WHOLE, { id: doc })).data?.document.wholeBoard, whole, user);
  // A recipient reads its own contacts only: another unit's contact finds nothing (it is not the sender).
  const ownPage = (await gql('bl.clerk', PAGE, { id: doc })).data?.document.board;
  assert.deepEqual(
    ownPage.nodes.map((n: { recipientContacts: { name: string }[] }) => n.recipientContacts.map((c) => c.name)),
    [['宋佳']],
  );
  assert.equal((await gql('bl.clerk', PAGE, { id: doc, s: '王秀兰' })).data?.document.board.totalCount, 0);

  // A province department that is not a recipient, and a unit of another province’s tree: the document is not there.
  const outsider = await p.superQuery<{ username: string }>(
    `select u.username from org.users u join org.orgs o on o.id = u.org_id
      where 'CLERK' = any(u.roles) and o.level = 'PROVINCE' and o.kind = 'DEPARTMENT'
        and o.id not in (select recipient_org_id from documents.deliveries where document_id = $1) order by u.username limit 1`,
    [doc],
  );
  const stranger = outsider[0]?.username as string;
  assert.ok(stranger);
  assert.equal(codeOf(await gql(stranger, PAGE, { id: doc })), 'NOT_FOUND');
  assert.equal(codeOf(await gql(stranger, FIGURES, { id: doc })), 'NOT_FOUND');

  for (const [vars, field] of [
    [{ n: 0 }, 'first'],
    [{ n: 501 }, 'first'],
    [{ a: 'not-a-cursor' }, 'after'],
    [{ s: '县'.repeat(101) }, 'search'],
  ] as const) {
    const r = await gql('sxb.clerk', PAGE, { id: doc, ...vars });
    assert.equal(codeOf(r), 'BAD_INPUT', JSON.stringify(vars));
    assert.equal((r.errors?.[0]?.extensions as { field?: string } | undefined)?.field, field);
  }
  assert.equal(codeOf(await gql('sxb.clerk', PAGE, { id: doc, f: 'EVERYTHING' })), 'BAD_REQUEST', 'an unknown chip is refused by the schema');
});

test('the figures are kept, queued or folded, exactly as the rows underneath count them', async () => {
  const queued = () => p.superCount('select count(*) as n from documents.board_figures_pending where document_id = $1', [doc]);
  const baoji = recipients.filter((r) => r.path.startsWith('p61.c6103.')).length;
  assert.ok(baoji > 0);
  // The folder held back: what changes is only in the queue, and the figures already count it.
  const held = new pg.Client({ connectionString: p.db.superUrl });
  await held.connect();
  let whileQueued: Awaited<ReturnType<typeof figures>>;
  try {
    await held.query("select pg_advisory_lock(hashtext('documents.kept_counts'))");
    const inbox = (await gql('bl.clerk', '{ inbox(first: 50) { nodes { id documentId } } }')).data?.inbox.nodes as { id: string; documentId: string }[];
    const mine = inbox.find((n) => n.documentId === doc)?.id;
    const returned = await gql('bl.clerk', 'mutation($id: ID!) { returnDelivery(id: $id, reason: WRONG_FORMAT, note: "缺页") { status } }', { id: mine });
    assert.equal(returned.errors, undefined, JSON.stringify(returned.errors));
    // 宝鸡's units past their due time (changed underneath: the figures follow any change to the rows); the others a
    // day ahead, so a check time (09:00, 15:00 China time) passing during the run makes none of them overdue.
    await p.superQuery(
      `update documents.deliveries set due_at = case when recipient_path <@ 'p61.c6103' then now() - interval '1 hour' else now() + interval '1 day' end
        where document_id = $1`,
      [doc],
    );
    assert.ok((await queued()) > 0, 'queued, not folded');
    whileQueued = await figures('sxb.clerk');
    assert.equal(whileQueued.chips.RETURNED, 1, '碑林 returned it');
    assert.equal(whileQueued.chips.NOT_SIGNED, recipients.length - 2, '新城 signed for it, 碑林 returned it');
    assert.equal(whileQueued.chips.OVERDUE, baoji, '宝鸡’s units are overdue, none signed');
    assert.equal(whileQueued.chips.ALL, recipients.length);
    assert.equal(whileQueued.groups.find((g) => g.key === 'p61.c6101')?.signed, 1);
  } finally {
    await held.query("select pg_advisory_unlock(hashtext('documents.kept_counts'))");
    await held.end();
  }
  await p.foldKeptCounts();
  assert.equal(await queued(), 0, 'folded');
  assert.deepEqual(await figures('sxb.clerk'), whileQueued, 'the same figures once folded');

  // Counted again from the deliveries (as the owner, rolled back): the kept rows do not change.
  const c = new pg.Client({ connectionString: p.db.superUrl });
  await c.connect();
  try {
    await c.query('begin');
    // Every document's figures, per group and due time (a row a change left at nought counts nothing), and names.
    const kept = async () => {
      const all = '(select * from documents.board_figures union all select * from documents.board_figures_pending) k';
      const figures = await c.query(
        `select document_id, group_key, due_at, sum(live)::int live, sum(signed)::int signed, sum(replaced)::int replaced,
                sum(not_received)::int not_received, sum(not_signed)::int not_signed, sum(returned)::int returned,
                sum(received)::int received
           from ${all} group by 1, 2, 3
         having sum(live) <> 0 or sum(signed) <> 0 or sum(replaced) <> 0 or sum(not_received) <> 0 or sum(not_signed) <> 0
             or sum(returned) <> 0 or sum(received) <> 0
          order by 1, 2, 3 nulls first`,
      );
      const names = await c.query(`select document_id, group_key, max(group_name) as name from ${all} group by 1, 2 order by 1, 2`);
      return { figures: figures.rows, names: names.rows };
    };
    const before = await kept();
    assert.ok(before.figures.length > 10);
    await c.query('select documents.recount_kept_counts()');
    assert.deepEqual(await kept(), before);
  } finally {
    await c.query('rollback');
    await c.end();
  }
});

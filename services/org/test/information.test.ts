// 信息管理 (seed 003 第八章) through the real gateway: 新城区's drafter submits information for a 栏目; nobody reads it
// until a leader of the unit approves it (§30), and then only its audience (§32): the unit and those below it, or the
// people named. The author does not approve their own; another unit reads nothing of it; bad input names its field and
// writes nothing; a unit above takes it down, saying why; what is sent back its author changes and submits again (修改后
// 重新报送), every round kept, and sees counted until she does; row-level security alone hides it from a sibling.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { asDemoUsers, codeOf, ok, type Platform, startPlatform } from '../../../test/support/harness.ts';
import { ringPng, tinyJpeg } from '../../../test/support/png.ts';

let p: Platform;
const { gql } = asDemoUsers(() => p);
const FIELDS =
  'id orgName column columnName title body audience viewerNames status authorName decidedByName decisionNote publishedAt withdrawnByName withdrawnReason mine mayApprove mayWithdraw mayResubmit steps { action words byName }';
const SUBMIT = `mutation($in: InformationInput!) { submitInformation(input: $in) { ${FIELDS} } }`;
const LIST = `query($c: String, $s: String) { informationItems(column: $c, status: $s) { ${FIELDS} } }`;
const ONE = `query($id: ID!) { information(id: $id) { ${FIELDS} } }`;
const APPROVE = `mutation($id: ID!) { approveInformation(id: $id) { ${FIELDS} } }`;
const REJECT = `mutation($id: ID!, $r: String!) { rejectInformation(id: $id, reason: $r) { ${FIELDS} } }`;
const WITHDRAW = `mutation($id: ID!, $r: String!) { withdrawInformation(id: $id, reason: $r) { ${FIELDS} } }`;
const RESUBMIT = `mutation($id: ID!, $in: InformationInput!) { resubmitInformation(id: $id, input: $in) { ${FIELDS} images { name contentType } } }`;
const RETURNED = '{ informationReturned }';
type Step = { action: string; words: string | null; byName: string };
type Item = {
  id: string;
  status: string;
  mayApprove: boolean;
  mayWithdraw: boolean;
  mayResubmit: boolean;
  mine: boolean;
  viewerNames: string[];
  decisionNote: string | null;
  withdrawnReason: string | null;
  steps: Step[];
} & Record<string, unknown>;
const rounds = (i: Item) => i.steps.map((x) => [x.action, x.byName, x.words]);
const returned = async (user: string) => ok<number>(await gql(user, RETURNED), 'informationReturned');
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

  test('images (seed 003 §33(二)): PNG, JPEG or GIF, each within 500 KB, read by whoever reads the item; others refused, naming the image, writing nothing', async () => {
    const png = ringPng(48);
    const jpeg = tinyJpeg(2_000);
    const item = ok<Item & { images: { id: string; name: string; contentType: string; size: number }[] }>(
      await gql('xc.drafter', `mutation($in: InformationInput!) { submitInformation(input: $in) { id images { id name contentType size } } }`, {
        in: {
          column: 'WORK_NEWS',
          title: '新城区收文岗位培训',
          body: '现场照片见下。',
          audience: 'UNIT',
          // The type is read from the bytes, not from the name: the JPEG named .png is kept as a JPEG.
          images: [
            { name: '培训现场.png', base64: png.toString('base64') },
            { name: '签到表.png', base64: jpeg.toString('base64') },
          ],
        },
      }),
      'submitInformation',
    );
    assert.deepEqual(
      item.images.map((m) => [m.name, m.contentType, m.size]),
      [
        ['培训现场.png', 'image/png', png.length],
        ['签到表.png', 'image/jpeg', jpeg.length],
      ],
    );
    const IMAGE = 'query($id: ID!) { informationImage(id: $id) { name contentType base64 } }';
    const first = item.images[0]?.id as string;
    // Pending: its author reads the image, the unit's clerk not yet; published to the unit, the clerk does, a sibling never.
    assert.equal(ok<{ base64: string }>(await gql('xc.drafter', IMAGE, { id: first }), 'informationImage').base64, png.toString('base64'));
    assert.equal(codeOf(await gql('xc.clerk', IMAGE, { id: first })), 'NOT_FOUND');
    ok(await gql('xc.leader', APPROVE, { id: item.id }), 'approveInformation');
    assert.equal(ok<{ contentType: string }>(await gql('xc.clerk', IMAGE, { id: first }), 'informationImage').contentType, 'image/png');
    for (const who of ['bl.clerk', 'xa.clerk']) assert.equal(codeOf(await gql(who, IMAGE, { id: first })), 'NOT_FOUND', who);
    assert.equal(codeOf(await gql('xc.clerk', IMAGE, { id: 'x' })), 'NOT_FOUND');
    // Row-level security alone: under 碑林区's scope no image of 新城区's is read.
    const bl = (await p.superQuery<{ path: string }>("select path::text from org.orgs where code = '610103'"))[0]?.path as string;
    assert.equal(await p.scopedCount({ orgPath: bl }, 'select count(*) n from org.information_images where item_id = $1', [item.id]), 0);

    const before = await count();
    const images = () => p.superCount('select count(*) n from org.information_images');
    const imagesBefore = await images();
    const over = Buffer.concat([png.subarray(0, 8), Buffer.alloc(500 * 1024, 1)]);
    for (const [list, code, field] of [
      [
        [
          { name: '好.png', base64: png.toString('base64') },
          { name: '大.png', base64: over.toString('base64') },
        ],
        'TOO_LARGE',
        'images[1]',
      ],
      [[{ name: '假.png', base64: Buffer.from('<svg/>').toString('base64') }], 'BAD_INPUT', 'images[0]'],
      [[{ name: '断.png', base64: png.subarray(0, png.length - 12).toString('base64') }], 'BAD_INPUT', 'images[0]'],
      [[{ name: '断.jpg', base64: jpeg.subarray(0, jpeg.length - 2).toString('base64') }], 'BAD_INPUT', 'images[0]'],
      [[{ name: '乱.png', base64: '!!!!' }], 'BAD_INPUT', 'images[0]'],
      [[{ name: '', base64: png.toString('base64') }], 'BAD_INPUT', 'images[0].name'],
      [Array.from({ length: 10 }, (_, n) => ({ name: `${n}.png`, base64: png.toString('base64') })), 'BAD_INPUT', 'images'],
    ] as const) {
      const r = await gql('xc.drafter', SUBMIT, { in: { column: 'WORK_NEWS', title: '带图', body: '正文', audience: 'UNIT', images: list } });
      assert.equal(codeOf(r), code, field);
      assert.equal(r.errors?.[0]?.extensions?.field, field);
      assert.ok(r.status < 500);
    }
    assert.deepEqual([await count(), await images()], [before, imagesBefore], 'nothing written');
  });

  test('taken down by the unit above, saying why; not by a sibling or a clerk; its author reads who took it down and why', async () => {
    for (const who of ['bl.admin', 'xc.clerk'])
      assert.ok(['FORBIDDEN', 'NOT_FOUND'].includes(codeOf(await gql(who, WITHDRAW, { id: news.id, r: '越权撤下' })) as string), who);
    // No reason, or one of more than a line: refused, naming the field, and it stays published.
    for (const r of ['', '  ', '第一行\n第二行', '长'.repeat(201)]) {
      const refused = await gql('xa.admin', WITHDRAW, { id: news.id, r });
      assert.deepEqual([codeOf(refused), refused.errors?.[0]?.extensions?.field], ['BAD_INPUT', 'reason'], JSON.stringify(r));
    }
    assert.ok((await ids('xc.clerk', { c: 'WORK_NEWS' })).includes(news.id), 'still published');
    const down = ok<Item>(await gql('xa.admin', WITHDRAW, { id: news.id, r: ' 会议信息已由市政府统一发布 ' }), 'withdrawInformation');
    assert.deepEqual([down.status, down.withdrawnByName, down.withdrawnReason], ['WITHDRAWN', '孙涛', '会议信息已由市政府统一发布']);
    assert.ok(!(await ids('xc.clerk', { c: 'WORK_NEWS' })).includes(news.id), 'no longer read');
    assert.equal(codeOf(await gql('xa.admin', WITHDRAW, { id: news.id, r: '再撤一次' })), 'ILLEGAL_TRANSITION', 'taken down once');
    // The author is told: her list shows it taken down, by whom and why, at the end of its rounds.
    const hers = ok<Item[]>(await gql('xc.drafter', LIST, {}), 'informationItems').find((i) => i.id === news.id) as Item;
    assert.deepEqual([hers.status, hers.mine, hers.withdrawnByName, hers.withdrawnReason], ['WITHDRAWN', true, '孙涛', '会议信息已由市政府统一发布']);
    assert.deepEqual(rounds(hers), [
      ['SUBMIT', '林强', null],
      ['APPROVE', '罗文彬', null],
      ['WITHDRAW', '孙涛', '会议信息已由市政府统一发布'],
    ]);
  });

  test('sent back, its author changes it and submits it again (修改后重新报送): awaiting approval once more, every round kept, checked as a new one; counted for her until then', async () => {
    const png = ringPng(24);
    const jpeg = tinyJpeg(1_000);
    const before = await returned('xc.drafter');
    const leaderBefore = await returned('xc.leader');
    const item = ok<Item>(
      await gql('xc.drafter', SUBMIT, {
        in: {
          column: 'EXPERIENCE',
          title: '收文签收经验',
          body: '初稿',
          audience: 'UNIT',
          images: [{ name: '旧图.png', base64: png.toString('base64') }],
        },
      }),
      'submitInformation',
    );
    assert.deepEqual([item.mine, item.mayResubmit], [true, false], 'pending: nothing to change yet');
    assert.equal(
      codeOf(await gql('xc.drafter', RESUBMIT, { id: item.id, in: { column: 'EXPERIENCE', title: 'x', body: 'x', audience: 'UNIT' } })),
      'ILLEGAL_TRANSITION',
    );
    ok(await gql('xc.leader', REJECT, { id: item.id, r: '请补充具体做法和成效' }), 'rejectInformation');

    // Sent back: counted for its author on every page (not for the leader who sent it back), and hers to change.
    assert.equal(await returned('xc.drafter'), before + 1);
    assert.equal(await returned('xc.leader'), leaderBefore);
    const back = ok<Item>(await gql('xc.drafter', ONE, { id: item.id }), 'information');
    assert.deepEqual([back.status, back.mayResubmit, back.mayWithdraw, back.decisionNote], ['REJECTED', true, true, '请补充具体做法和成效']);
    assert.deepEqual(rounds(back), [
      ['SUBMIT', '林强', null],
      ['RETURN', '罗文彬', '请补充具体做法和成效'],
    ]);
    const asLeader = ok<Item>(await gql('xc.leader', ONE, { id: item.id }), 'information');
    assert.deepEqual([asLeader.mine, asLeader.mayResubmit, asLeader.mayWithdraw], [false, false, false], 'the leader reads it, changes nothing of it');

    // Only its author: the leader is refused, the unit's clerk and a sibling do not find it; nothing changes.
    const changed = { column: 'WORK_NEWS', title: '新城区收文签收经验', body: '一、当日签收。\n\n二、逐件登记。', audience: 'SUBTREE' };
    assert.equal(codeOf(await gql('xc.leader', RESUBMIT, { id: item.id, in: changed })), 'FORBIDDEN');
    for (const who of ['xc.clerk', 'bl.clerk', 'xa.admin']) assert.equal(codeOf(await gql(who, RESUBMIT, { id: item.id, in: changed })), 'NOT_FOUND', who);
    assert.equal(codeOf(await gql('xc.drafter', RESUBMIT, { id: 'x', in: changed })), 'NOT_FOUND');
    // The same checks as a new submission, naming the field; nothing written.
    for (const [patch, field] of [
      [{ title: '' }, 'title'],
      [{ column: 'GOSSIP' }, 'column'],
      [{ audience: 'PEOPLE' }, 'viewerIds'],
      [{ images: [{ name: '假.png', base64: Buffer.from('<svg/>').toString('base64') }] }, 'images[0]'],
    ] as const) {
      const r = await gql('xc.drafter', RESUBMIT, { id: item.id, in: { ...changed, ...patch } });
      assert.deepEqual([codeOf(r), r.errors?.[0]?.extensions?.field], ['BAD_INPUT', field]);
    }
    const still = ok<Item>(await gql('xc.drafter', ONE, { id: item.id }), 'information');
    assert.deepEqual([still.status, still.title, still.steps.length], ['REJECTED', '收文签收经验', 2], 'unchanged');

    // Changed and submitted again: awaiting approval, its new words and images, the 退回 it answered in its rounds.
    const again = ok<Item & { images: { name: string; contentType: string }[] }>(
      await gql('xc.drafter', RESUBMIT, { id: item.id, in: { ...changed, images: [{ name: '新图.jpg', base64: jpeg.toString('base64') }] } }),
      'resubmitInformation',
    );
    assert.deepEqual(
      [again.status, again.title, again.column, again.audience, again.decisionNote, again.decidedByName, again.mayResubmit],
      ['PENDING', '新城区收文签收经验', 'WORK_NEWS', 'SUBTREE', null, null, false],
    );
    assert.deepEqual(again.images, [{ name: '新图.jpg', contentType: 'image/jpeg' }], 'the images as she left them');
    assert.equal(await p.superCount('select count(*) n from org.information_images where item_id = $1', [item.id]), 1);
    assert.deepEqual(rounds(again), [
      ['SUBMIT', '林强', null],
      ['RETURN', '罗文彬', '请补充具体做法和成效'],
      ['RESUBMIT', '林强', null],
    ]);
    assert.equal(await returned('xc.drafter'), before, 'no longer waiting for her');
    assert.equal(codeOf(await gql('xc.drafter', RESUBMIT, { id: item.id, in: changed })), 'ILLEGAL_TRANSITION', 'submitted once per 退回');
    const waiting = ok<Item[]>(await gql('xc.leader', LIST, { s: 'PENDING' }), 'informationItems').find((i) => i.id === item.id);
    assert.equal(waiting?.mayApprove, true, 'back with the leader');

    // A second round, then published: every round kept, each reason with who and when.
    ok(await gql('xc.leader', REJECT, { id: item.id, r: '标题请写明单位' }), 'rejectInformation');
    ok(await gql('xc.drafter', RESUBMIT, { id: item.id, in: { ...changed, title: '新城区政府办公室收文签收经验' } }), 'resubmitInformation');
    const published = ok<Item>(await gql('xc.leader', APPROVE, { id: item.id }), 'approveInformation');
    assert.deepEqual(rounds(published), [
      ['SUBMIT', '林强', null],
      ['RETURN', '罗文彬', '请补充具体做法和成效'],
      ['RESUBMIT', '林强', null],
      ['RETURN', '罗文彬', '标题请写明单位'],
      ['RESUBMIT', '林强', null],
      ['APPROVE', '罗文彬', null],
    ]);
    assert.equal(codeOf(await gql('xc.drafter', RESUBMIT, { id: item.id, in: changed })), 'ILLEGAL_TRANSITION', 'published is not changed');
    // Its readers read it, not its rounds: the clerk of the unit sees no step and no reason.
    const read = await gql('xc.clerk', ONE, { id: item.id });
    const asClerk = ok<Item>(read, 'information');
    assert.deepEqual([asClerk.mine, asClerk.mayResubmit, asClerk.steps], [false, false, []]);
    assert.ok(!JSON.stringify(read).includes('请补充具体做法和成效'));
    // Row-level security alone: a sibling's scope reads none of its rounds.
    const bl = (await p.superQuery<{ path: string }>("select path::text from org.orgs where code = '610103'"))[0]?.path as string;
    assert.equal(await p.scopedCount({ orgPath: bl }, 'select count(*) n from org.information_steps where item_id = $1', [item.id]), 0);
  });

  test('sent back, its author may drop it instead, saying why; nobody else drops what waits for her', async () => {
    const before = await returned('xc.drafter');
    const item = ok<Item>(
      await gql('xc.drafter', SUBMIT, { in: { column: 'NOTICES', title: '值班安排', body: '初稿', audience: 'UNIT' } }),
      'submitInformation',
    );
    ok(await gql('xc.leader', REJECT, { id: item.id, r: '已另行通知，无需发布' }), 'rejectInformation');
    assert.equal(await returned('xc.drafter'), before + 1);
    for (const who of ['xc.leader', 'xc.admin', 'xa.admin'])
      assert.ok(['FORBIDDEN', 'NOT_FOUND'].includes(codeOf(await gql(who, WITHDRAW, { id: item.id, r: '清理' })) as string), who);
    const dropped = ok<Item>(await gql('xc.drafter', WITHDRAW, { id: item.id, r: '同意，不再报送' }), 'withdrawInformation');
    assert.deepEqual([dropped.status, dropped.withdrawnReason, dropped.mayResubmit], ['WITHDRAWN', '同意，不再报送', false]);
    assert.equal(await returned('xc.drafter'), before, 'no longer counted');
    assert.deepEqual(
      rounds(dropped).map((r) => r[0]),
      ['SUBMIT', 'RETURN', 'WITHDRAW'],
    );
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

// 考核评比 (seed 004 四(一): 定期组织考核评比工作并公布考核评比结果). 西安市 sent a notice last month to 新城区 and
// 碑林区; 新城区 signed in time, 碑林区 never did. 西安市's administrator scores last month: 新城区 first and 优秀,
// 碑林区 last and 不合格; takes 5 points off 碑林区 with the reason; counts again after 碑林区's record is put right
// (the adjustment stays); publishes it. From then on 新城区 reads it and its PDF, nobody changes it (the database
// refuses too), and 西安市's drafter drafts the 通报 of it to the two districts. A clerk may not score, a leader may only
// read, bad weights change nothing, and neither a district before publishing nor 宝鸡市 ever sees it. 新城区, with no
// units below it, has nothing to score; the form sent twice makes one draft; a bonus moves a score past 100 and the
// place with it; a result that scores nobody is not published.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { codeOf, ok, type Platform, startPlatform } from '../../../test/support/harness.ts';
import { periodBefore } from '../src/domain/bulletin-schedule.ts';
import { lastMonthsNotice } from './support/last-months-notice.ts';

let p: Platform;
after(() => p?.close());

const gql = async (user: string, q: string, v: Record<string, unknown> = {}) => p.gql(q, v, await p.login(user));

const FIELDS =
  'id title orgName periodFrom periodTo weights { sign receipt report electronic } publishedAt publishedByName pdfSha256 createdByName results { orgId name signRate receiptRate electronicRate baseScore score grade rank adjustment { points reason byName } }';
const CREATE = `mutation($in: AssessmentInput!) { createAssessment(input: $in) { ${FIELDS} } }`;
const ADJUST = `mutation($id: ID!, $o: ID!, $a: AssessmentAdjustmentInput) { setAssessmentAdjustment(id: $id, orgId: $o, adjustment: $a) { ${FIELDS} } }`;
const RECOMPUTE = `mutation($id: ID!) { recomputeAssessment(id: $id) { ${FIELDS} } }`;
const PUBLISH = `mutation($id: ID!) { publishAssessment(id: $id) { ${FIELDS} } }`;
const LIST = '{ assessments { id title publishedAt orgName results { name score } } }';
const ONE = `query($id: ID!) { assessment(id: $id) { ${FIELDS} } }`;

type Result = { orgId: string; name: string; baseScore: number | null; score: number | null; grade: string | null; rank: number | null; adjustment: unknown };
type Assessment = { id: string; title: string; publishedAt: string | null; pdfSha256: string | null; results: Result[] };

const last = periodBefore('MONTHLY', new Date());
const input = (over: Record<string, unknown> = {}) => ({
  title: '上月电子公文工作考核评比',
  from: last.from.toISOString(),
  to: last.to.toISOString(),
  ...over,
});

let xincheng: string;
let beilin: string;
let noticeId: string;

before(async () => {
  p = await startPlatform({ services: ['documents'] });
  ({ id: noticeId, xincheng, beilin } = await lastMonthsNotice(p, '考核评比测试'));
});

test('scored from last month’s figures: the district that signed first and 优秀, the one that never did last', async () => {
  // Not a clerk's nor a leader's to set up; weights not adding to 100 are refused, and nothing is stored.
  assert.equal(codeOf(await gql('xa.clerk', CREATE, { in: input() })), 'FORBIDDEN');
  assert.equal(codeOf(await gql('xa.leader', CREATE, { in: input() })), 'FORBIDDEN');
  const bad = await gql('xa.admin', CREATE, { in: input({ weights: { sign: 50, receipt: 20, report: 10, electronic: 10 } }) });
  assert.equal(codeOf(bad), 'BAD_INPUT');
  assert.equal(bad.errors?.[0]?.extensions?.field, 'weights');
  const future = await gql('xa.admin', CREATE, {
    in: input({ from: new Date(Date.now() + 86_400_000).toISOString(), to: new Date(Date.now() + 2 * 86_400_000).toISOString() }),
  });
  assert.equal(future.errors?.[0]?.extensions?.field, 'from');
  assert.deepEqual(ok<unknown[]>(await gql('xa.admin', LIST), 'assessments'), [], 'nothing stored');
  // 新城区 has no units below it: nothing to score, so nothing to draft (and nothing to publish for good).
  const county = await gql('xc.admin', CREATE, { in: input() });
  assert.equal(codeOf(county), 'NOTHING_TO_ASSESS');
  assert.match(county.errors?.[0]?.message ?? '', /no unit to score/);
  assert.equal(
    (await p.superQuery<{ n: number }>('select count(*)::int as n from documents.assessments where org_id = $1', [xincheng]))[0]?.n,
    0,
    'the county stored nothing',
  );

  // 生成考核结果 clicked twice: both answers are the one draft.
  const [a, twice] = await Promise.all([gql('xa.admin', CREATE, { in: input() }), gql('xa.admin', CREATE, { in: input() })]).then((rs) =>
    rs.map((r) => ok<Assessment>(r, 'createAssessment')),
  );
  assert.equal(twice?.id, a?.id, 'the same draft');
  assert.equal(ok<unknown[]>(await gql('xa.admin', LIST), 'assessments').length, 1, 'one draft stored');
  if (!a) throw new Error('no draft');
  assert.equal(a.publishedAt, null, 'a draft');
  assert.deepEqual(
    a.results.map((r) => [r.name, r.score, r.grade, r.rank]),
    [
      // Signed and opened in time, and received on the network: every indicator it had at its best.
      ['西安市新城区人民政府', 100, 'EXCELLENT', 1],
      // Neither opened nor signed: only its electronic rate scores, 15 of the 75 points it had figures for.
      ['西安市碑林区人民政府', 20, 'FAIL', 2],
    ],
    '西安市 itself is not scored',
  );
  // A leader reads it; a district does not before it is published; another city never.
  assert.equal(ok<Assessment>(await gql('xa.leader', ONE, { id: a.id }), 'assessment').id, a.id);
  assert.equal(codeOf(await gql('xc.admin', ONE, { id: a.id })), 'NOT_FOUND');
  assert.deepEqual(ok<unknown[]>(await gql('xc.admin', LIST), 'assessments'), []);
  assert.equal(codeOf(await gql('bj.admin', ONE, { id: a.id })), 'NOT_FOUND');
  // A clerk reads published results, not drafts.
  assert.deepEqual(ok<unknown[]>(await gql('xa.clerk', LIST), 'assessments'), []);
  assert.equal(codeOf(await gql('xa.clerk', ONE, { id: a.id })), 'NOT_FOUND');
});

test('加减分 with a reason, counted again as records change, published, then kept as published', async () => {
  const [draft] = ok<Assessment[]>(await gql('xa.admin', LIST), 'assessments');
  assert.ok(draft);
  const id = draft.id;
  // Out of bounds, without a reason, or for a unit not scored: refused, nothing changed.
  const tooMany = await gql('xa.admin', ADJUST, { id, o: beilin, a: { points: 15, reason: '表扬' } });
  assert.equal(tooMany.errors?.[0]?.extensions?.field, 'points');
  assert.equal((await gql('xa.admin', ADJUST, { id, o: beilin, a: { points: -5, reason: '  ' } })).errors?.[0]?.extensions?.field, 'reason');
  assert.equal(codeOf(await gql('xa.admin', ADJUST, { id, o: await p.orgId('610300'), a: { points: -5, reason: '迟报' } })), 'NOT_FOUND');
  // A unit above reads the draft but does not change it.
  assert.equal(codeOf(await gql('sx.admin', ADJUST, { id, o: beilin, a: { points: -5, reason: '迟报' } })), 'FORBIDDEN');
  const xianPath = (await p.superQuery<{ org_path: string }>('select org_path from documents.assessments where id = $1', [id]))[0]?.org_path ?? '';
  const above = { orgPath: xianPath.split('.').slice(0, -1).join('.') };
  assert.equal(await p.scopedCount(above, 'select count(*) as n from documents.assessments where id = $1', [id]), 1, 'the database lets the province read it');
  assert.equal(
    await p.scopedCount(above, "with u as (update documents.assessments set title = 'x' where id = $1 returning 1) select count(*) as n from u", [id]),
    0,
    'and not change it',
  );

  const adjusted = ok<Assessment>(
    await gql('xa.admin', ADJUST, { id, o: beilin, a: { points: -5, reason: '未按要求报送收文人员名单' } }),
    'setAssessmentAdjustment',
  );
  const bl = adjusted.results.find((r) => r.orgId === beilin);
  assert.deepEqual([bl?.baseScore, bl?.score, bl?.adjustment], [20, 15, { points: -5, reason: '未按要求报送收文人员名单', byName: '孙涛' }]);

  // 碑林区's record put right (it had signed on paper in time): counted again, its adjustment stays.
  const at = new Date(last.from.getTime() + 40 * 3600_000).toISOString();
  await p.superQuery(
    "update documents.deliveries set status = 'SIGNED', received_at = $3, receipt_action = 'OPEN', signed_at = $3, signed_by_name = '宋佳' where document_id = $1 and recipient_org_id = $2",
    [noticeId, beilin, at],
  );
  const again = ok<Assessment>(await gql('xa.admin', RECOMPUTE, { id }), 'recomputeAssessment');
  assert.deepEqual(
    again.results.map((r) => [r.name, r.score, r.rank]),
    [
      ['西安市新城区人民政府', 100, 1],
      ['西安市碑林区人民政府', 95, 2],
    ],
  );

  assert.equal(codeOf(await gql('xa.leader', PUBLISH, { id })), 'FORBIDDEN');
  const published = ok<Assessment & { publishedByName: string }>(await gql('xa.admin', PUBLISH, { id }), 'publishAssessment');
  assert.ok(published.publishedAt);
  assert.equal(published.publishedByName, '孙涛');
  assert.match(published.pdfSha256 ?? '', /^[0-9a-f]{64}$/);

  // Kept as published: no adjustment, recount, second publishing or discarding, and the database refuses a change too.
  assert.equal(codeOf(await gql('xa.admin', ADJUST, { id, o: beilin, a: null })), 'ILLEGAL_TRANSITION');
  assert.equal(codeOf(await gql('xa.admin', RECOMPUTE, { id })), 'ILLEGAL_TRANSITION');
  assert.equal(codeOf(await gql('xa.admin', PUBLISH, { id })), 'ILLEGAL_TRANSITION');
  assert.equal(codeOf(await gql('xa.admin', 'mutation($id: ID!) { discardAssessment(id: $id) }', { id })), 'ILLEGAL_TRANSITION');
  await assert.rejects(
    p.scopedCount({ orgPath: xianPath }, "with u as (update documents.assessments set title = 'x' where id = $1 returning 1) select count(*) as n from u", [
      id,
    ]),
    /kept as published/,
  );
});

test('published: the districts read it and its PDF, another city does not; the 通报 drafted to the units scored', async () => {
  const [a] = ok<Assessment[]>(await gql('xa.admin', LIST), 'assessments');
  assert.ok(a?.publishedAt);
  const seen = ok<Assessment[]>(await gql('xc.admin', LIST), 'assessments');
  assert.deepEqual(
    seen.map((x) => [x.title, x.results.map((r) => r.score)]),
    [['上月电子公文工作考核评比', [100, 95]]],
  );
  assert.deepEqual(ok<unknown[]>(await gql('bj.admin', LIST), 'assessments'), []);
  // Each district is told its own result in its inbox, linked to the assessment; its clerk reads it there.
  const NOTES = '{ notifications(unreadOnly: true) { text kind assessmentId deliveryId words { byUnit score grade rank of } } }';
  type Note = { text: string; kind: string; assessmentId: string | null };
  const told = async (user: string) => ok<Note[]>(await gql(user, NOTES), 'notifications').filter((n) => n.kind === 'ASSESSED');
  assert.deepEqual(
    (await told('xc.clerk')).map((n) => [n.text, n.assessmentId]),
    [['【驿站】考核评比：西安市人民政府公布了《上月电子公文工作考核评比》，你单位得分100.0分，等次优秀，名次第1名（共2个单位）。', a.id]],
  );
  assert.deepEqual(
    (await told('bl.clerk')).map((n) => n.text),
    ['【驿站】考核评比：西安市人民政府公布了《上月电子公文工作考核评比》，你单位得分95.0分，等次优秀，名次第2名（共2个单位）。'],
  );
  assert.deepEqual(await told('bj.clerk'), [], 'another city is told nothing');
  assert.equal(ok<{ id: string }>(await gql('xc.clerk', ONE, { id: a.id }), 'assessment').id, a.id, 'a district’s clerk reads the result');
  const full = ok<Assessment>(await gql('xc.admin', ONE, { id: a.id }), 'assessment');
  const pdf = async (user: string) =>
    fetch(`${p.gatewayUrl.replace(/\/graphql$/, '')}/blobs/${full.pdfSha256}`, { headers: { authorization: `Bearer ${await p.login(user)}` } });
  const got = await pdf('xc.admin');
  assert.equal(got.status, 200);
  assert.equal(got.headers.get('content-type'), 'application/pdf');
  assert.equal((await pdf('bj.admin')).status, 404);

  // The 通报: the assessing unit's drafter only; its recipients the units scored.
  assert.equal(codeOf(await gql('xc.drafter', 'mutation($id: ID!) { draftAssessmentDocument(id: $id) { id } }', { id: a.id })), 'NOT_FOUND');
  assert.equal(codeOf(await gql('xa.admin', 'mutation($id: ID!) { draftAssessmentDocument(id: $id) { id } }', { id: a.id })), 'FORBIDDEN');
  const doc = ok<{ docType: string; title: string; mainTo: string; body: string; plannedRecipients: { mainCount: number; units: { orgId: string }[] } }>(
    await gql(
      'xa.drafter',
      'mutation($id: ID!) { draftAssessmentDocument(id: $id) { docType title mainTo body plannedRecipients { mainCount units { orgId } } } }',
      {
        id: a.id,
      },
    ),
    'draftAssessmentDocument',
  );
  assert.equal(doc.docType, '通报');
  assert.equal(doc.title, '关于上月电子公文工作考核评比结果的通报');
  assert.equal(doc.mainTo, '西安市新城区人民政府、西安市碑林区人民政府');
  assert.equal(doc.plannedRecipients.mainCount, 2);
  assert.deepEqual(doc.plannedRecipients.units.map((r) => r.orgId).sort(), [xincheng, beilin].sort());
  assert.match(doc.body, /减5分，未按要求报送收文人员名单/);
});

test('加分 counts: a district tied first at 100 is set apart by its bonus, past 100, and placed first alone', async () => {
  // Both districts signed and opened in time now: 100 each, first together.
  const a = ok<Assessment>(await gql('xa.admin', CREATE, { in: input({ title: '加分测试' }) }), 'createAssessment');
  assert.deepEqual(
    a.results.map((r) => [r.name, r.score, r.rank]),
    [
      ['西安市碑林区人民政府', 100, 1],
      ['西安市新城区人民政府', 100, 1],
    ],
  );
  const plus = ok<Assessment>(
    await gql('xa.admin', ADJUST, { id: a.id, o: xincheng, a: { points: 10, reason: '主动报送经验材料，加分' } }),
    'setAssessmentAdjustment',
  );
  assert.deepEqual(
    plus.results.map((r) => [r.name, r.baseScore, r.score, r.grade, r.rank]),
    [
      ['西安市新城区人民政府', 100, 110, 'EXCELLENT', 1],
      ['西安市碑林区人民政府', 100, 100, 'EXCELLENT', 2],
    ],
  );
  assert.equal(ok(await gql('xa.admin', 'mutation($id: ID!) { discardAssessment(id: $id) }', { id: a.id }), 'discardAssessment'), true);
});

test('a draft is discarded; one not published is not drafted as a 通报; a unit with nothing to score has no score to move', async () => {
  // Scored on reports alone, of which none were asked: nobody has a score, nor a place.
  const a = ok<Assessment>(
    await gql('xa.admin', CREATE, { in: input({ title: '试算', weights: { sign: 0, receipt: 0, report: 100, electronic: 0 } }) }),
    'createAssessment',
  );
  assert.deepEqual(
    a.results.map((r) => [r.score, r.rank, r.grade]),
    [
      [null, null, null],
      [null, null, null],
    ],
  );
  const unscored = await gql('xa.admin', ADJUST, { id: a.id, o: xincheng, a: { points: 2, reason: '表扬' } });
  assert.equal(unscored.errors?.[0]?.extensions?.field, 'orgId');
  // A result that scores nobody tells nobody anything: not published (it could never be taken back).
  assert.equal(codeOf(await gql('xa.admin', PUBLISH, { id: a.id })), 'NOTHING_TO_ASSESS');
  assert.equal(ok<Assessment>(await gql('xa.admin', ONE, { id: a.id }), 'assessment').publishedAt, null, 'still a draft');
  assert.equal(codeOf(await gql('xa.drafter', 'mutation($id: ID!) { draftAssessmentDocument(id: $id) { id } }', { id: a.id })), 'ILLEGAL_TRANSITION');
  assert.equal(codeOf(await gql('sx.admin', 'mutation($id: ID!) { discardAssessment(id: $id) }', { id: a.id })), 'FORBIDDEN');
  assert.equal(ok(await gql('xa.admin', 'mutation($id: ID!) { discardAssessment(id: $id) }', { id: a.id }), 'discardAssessment'), true);
  assert.equal(codeOf(await gql('xa.admin', ONE, { id: a.id })), 'NOT_FOUND');
  assert.equal(codeOf(await gql('xa.admin', ONE, { id: 'not-an-id' })), 'NOT_FOUND');
});

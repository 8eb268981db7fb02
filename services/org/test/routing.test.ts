// Routing rules as the seeds state them, evaluated through the gateway; selectors and lists; narrowing without
// widening; audited changes.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { codeOf, type Platform, startPlatform } from '../../../test/support/harness.ts';

let p: Platform;
const ids: Record<string, string> = {};
const EVAL = `query($t: String!, $r: [RecipientSpecInput!]!) { evaluateRouting(docType: $t, recipients: $r) {
  allowedCount refusedCount decisions { org { shortName } allowed ruleName why direction reason } } }`;

before(async () => {
  p = await startPlatform({ services: ['org'] });
  for (const [k, code] of Object.entries({ province: '610000', xian: '610100', xincheng: '610102', beilin: '610103', baoji: '610300' }))
    ids[k] = await p.orgId(code);
  const search = async (name: string) =>
    (await p.gql('query($n: String!) { searchOrgs(name: $n) { id name } }', { n: name }, await p.login('sx.admin'))).data?.searchOrgs[0].id;
  ids.yingji = await search('陕西省应急管理厅');
  ids.xianEdu = await search('西安市教育局');
});
after(() => p?.close());

async function decide(user: string, docType: string, orgIds: string[]) {
  const r = await p.gql(EVAL, { t: docType, r: [{ orgIds }] }, await p.login(user, user === 'xaedu.drafter' ? 'Jiaoyu#2026x' : undefined));
  assert.equal(r.errors, undefined, JSON.stringify(r.errors));
  return r.data?.evaluateRouting.decisions as {
    org: { shortName: string };
    allowed: boolean;
    ruleName: string | null;
    why: string;
    direction: string;
    reason: string;
  }[];
}

describe('the seeded routing rules', () => {
  test('the province broadcasts downward to cities and counties', async () => {
    const d = await decide('sxb.clerk', '通知', [ids.xian as string, ids.xincheng as string, ids.baoji as string]);
    assert.ok(d.every((x) => x.allowed));
    assert.match(d[0]?.ruleName ?? '', /上级向下级发文/);
  });

  test('a city reports upward to the province; it does not issue a 通知 upward', async () => {
    assert.equal((await decide('xa.drafter', '请示', [ids.province as string]))[0]?.allowed, true);
    const refused = (await decide('xa.drafter', '通知', [ids.province as string]))[0];
    assert.equal(refused?.allowed, false);
    assert.equal(refused?.ruleName, null);
    assert.match(refused?.reason ?? '', /No rule allows 上行 通知 from a 市级 unit to a 省级 unit/);
    // What the dashboard words in its reader's language: why, and which way.
    assert.deepEqual([refused?.why, refused?.direction], ['NO_RULE', 'UP']);
  });

  test('a county reports to its city, and sends the province only its briefing (seed 000 §4)', async () => {
    assert.equal((await decide('xc.drafter', '报告', [ids.xian as string]))[0]?.allowed, true);
    assert.equal((await decide('xc.drafter', '报告', [ids.province as string]))[0]?.allowed, false);
    const briefing = (await decide('xc.drafter', '简报', [ids.province as string]))[0];
    assert.equal(briefing?.allowed, true);
    assert.equal(briefing?.ruleName, '县级单位向省级只报送一种简报');
  });

  test('the provincial bureau accepts nothing from below city level (seed 000 §9): DENY wins', async () => {
    const d = (await decide('xc.drafter', '简报', [ids.yingji as string]))[0];
    assert.equal(d?.allowed, false);
    assert.equal(d?.ruleName, '省应急管理厅不接收市级以下单位的公文');
    assert.equal(d?.why, 'DENIED');
    assert.equal((await decide('xa.drafter', '简报', [ids.yingji as string]))[0]?.allowed, true, 'a city may still send it');
  });

  test('peers exchange laterally (seed 001 §13); a department reports to its own government', async () => {
    assert.equal((await decide('xc.drafter', '函', [ids.beilin as string]))[0]?.allowed, true);
    assert.equal((await decide('xa.drafter', '函', [ids.baoji as string]))[0]?.allowed, true);
    assert.equal((await decide('610100.clerk', '函', [ids.xianEdu as string]))[0]?.allowed, true, 'a city government writes to its department');
    const dept = await p.gql(
      'mutation($o: ID!) { createUser(input: {orgId: $o, username: "xaedu.drafter", displayName: "教育局拟稿人", roles: [DRAFTER]}) { oneTimePassword } }',
      { o: ids.xianEdu },
      await p.login('xa.admin'),
    );
    const otp = dept.data?.createUser.oneTimePassword;
    await p.gql('mutation($c: String!) { changeInitialPassword(username: "xaedu.drafter", currentPassword: $c, newPassword: "Jiaoyu#2026x") { token } }', {
      c: otp,
    });
    assert.equal((await decide('xaedu.drafter', '报告', [ids.xian as string]))[0]?.allowed, true, 'a department reports to its own government');
  });

  test('a unit does not send to itself, and an unknown document type is refused', async () => {
    const self = (await decide('xa.drafter', '函', [ids.xian as string]))[0];
    assert.equal(self?.allowed, false);
    const bad = await p.gql(EVAL, { t: '密电', r: [{ orgIds: [ids.xian] }] }, await p.login('xa.drafter'));
    assert.equal(codeOf(bad), 'BAD_INPUT');
    assert.equal(bad.errors?.[0]?.extensions?.field, 'docType');
  });
});

describe('recipient selectors and lists', () => {
  test('all cities of the province, all counties under 西安市, all departments of the provincial government', async () => {
    const token = await p.login('sxb.clerk');
    const count = async (selector: Record<string, unknown>) =>
      (await p.gql(EVAL, { t: '通知', r: [{ selector }] }, token)).data?.evaluateRouting.allowedCount as number;
    assert.equal(await count({ rootId: ids.province, levels: ['CITY'], kinds: ['GOVERNMENT'] }), 10);
    assert.equal(await count({ rootId: ids.xian, levels: ['COUNTY'] }), 13);
    assert.equal(await count({ rootId: ids.province, kinds: ['DEPARTMENT'], maxDepth: 1 }), 24);
  });

  test('the saved list of seed 002’s second deployment batch has its 48 units; other units cannot use it', async () => {
    const token = await p.login('sxb.clerk');
    const lists = (await p.gql('{ distributionLists { id name members { name } } }', {}, token)).data?.distributionLists;
    assert.equal(lists.length, 1);
    assert.equal(lists[0].members.length, 48);
    const r = await p.gql(EVAL, { t: '通知', r: [{ listId: lists[0].id, role: 'CC' }] }, token);
    assert.equal(r.data?.evaluateRouting.allowedCount, 48);
    const fromCity = await p.gql(EVAL, { t: '通知', r: [{ listId: lists[0].id }] }, await p.login('xa.clerk'));
    assert.equal(codeOf(fromCity), 'NOT_FOUND', 'another unit’s list is invisible to it');
    assert.deepEqual(
      (await p.gql('query($o: ID) { distributionLists(orgId: $o) { id } }', { o: lists[0].id }, await p.login('xa.clerk'))).data?.distributionLists,
      [],
    );
  });

  test('a unit evaluates routing only for itself or units it administers', async () => {
    const q = 'query($s: ID, $r: [RecipientSpecInput!]!) { evaluateRouting(docType: "通知", recipients: $r, senderOrgId: $s) { allowedCount } }';
    assert.equal(codeOf(await p.gql(q, { s: ids.beilin, r: [{ orgIds: [ids.xian] }] }, await p.login('xc.admin'))), 'FORBIDDEN');
    assert.equal(
      (await p.gql(q, { s: ids.xincheng, r: [{ orgIds: [ids.beilin] }] }, await p.login('xa.admin'))).data?.evaluateRouting.allowedCount,
      1,
      'a city for its county',
    );
  });

  test('a group must name exactly one of ids, selector or list', async () => {
    const r = await p.gql(EVAL, { t: '通知', r: [{ orgIds: [ids.xian], listId: ids.xian }] }, await p.login('sxb.clerk'));
    assert.equal(codeOf(r), 'BAD_INPUT');
    assert.match(r.errors?.[0]?.message ?? '', /exactly one/);
  });
});

describe('managing rules', () => {
  const CREATE = 'mutation($o: ID!, $in: RoutingRuleInput!) { createRoutingRule(orgId: $o, input: $in) { id name } }';

  test('a city narrows: it may add a DENY and a covered ALLOW, never widen; every change is audited', async () => {
    const token = await p.login('xa.admin');
    const deny = await p.gql(
      CREATE,
      { o: ids.xian, in: { name: '西安市内县区之间不平行发通知', direction: 'LATERAL', effect: 'DENY', docTypes: ['通知'] } },
      token,
    );
    assert.equal(deny.errors, undefined, JSON.stringify(deny.errors));
    for (const name of ['规则\u0001\u001b', '规则\n第二行', ' ']) {
      const bad = await p.gql(CREATE, { o: ids.xian, in: { name, direction: 'LATERAL', effect: 'DENY', docTypes: ['函'] } }, token);
      assert.deepEqual([bad.errors?.[0]?.extensions?.code, bad.errors?.[0]?.extensions?.field], ['BAD_INPUT', 'name'], JSON.stringify(name));
    }
    const refused = (await decide('xc.drafter', '通知', [ids.beilin as string]))[0];
    assert.equal(refused?.allowed, false);
    assert.equal(refused?.ruleName, '西安市内县区之间不平行发通知');
    assert.equal((await decide('xc.drafter', '函', [ids.beilin as string]))[0]?.allowed, true, 'other types still pass');

    const narrow = await p.gql(CREATE, { o: ids.xian, in: { name: '县区之间可平行发函', direction: 'LATERAL', effect: 'ALLOW', docTypes: ['函'] } }, token);
    assert.equal(narrow.errors, undefined);
    const widen = await p.gql(
      CREATE,
      {
        o: ids.xian,
        in: { name: '县区可向省级报送请示', direction: 'UP', effect: 'ALLOW', senderLevels: ['COUNTY'], receiverLevels: ['PROVINCE'], docTypes: ['请示'] },
      },
      token,
    );
    assert.equal(codeOf(widen), 'RULE_WOULD_WIDEN');
    assert.equal((await decide('xc.drafter', '请示', [ids.province as string]))[0]?.allowed, false, 'still refused');

    const history = (await p.gql('query($o: ID!) { routingRuleHistory(orgId: $o) { action actorUsername after } }', { o: ids.xian }, token)).data
      ?.routingRuleHistory;
    assert.equal(history.length, 2);
    assert.ok(history.every((h: { action: string; actorUsername: string }) => h.action === 'CREATE' && h.actorUsername === 'xa.admin'));
    assert.deepEqual(history.map((h: { after: { name: string; effect: string } }) => [h.after.name, h.after.effect]).sort(), [
      ['县区之间可平行发函', 'ALLOW'],
      ['西安市内县区之间不平行发通知', 'DENY'],
    ]);

    const del = await p.gql('mutation($id: ID!) { deleteRoutingRule(id: $id) }', { id: deny.data?.createRoutingRule.id }, token);
    assert.equal(del.data?.deleteRoutingRule, true);
    assert.equal((await decide('xc.drafter', '通知', [ids.beilin as string]))[0]?.allowed, true);
    const after = (await p.gql('query($o: ID!) { routingRuleHistory(orgId: $o) { action before after } }', { o: ids.xian }, token)).data?.routingRuleHistory;
    assert.equal(after[0].action, 'DELETE');
    assert.equal(after[0].before.name, '西安市内县区之间不平行发通知');
    assert.equal(after[0].after, null);
  });

  test('a unit’s rules are listed with those it inherits; another city reads them too but cannot change them', async () => {
    const token = await p.login('xa.admin');
    const made = await p.gql(CREATE, { o: ids.xian, in: { name: '西安市内不平行发纪要', direction: 'LATERAL', effect: 'DENY', docTypes: ['纪要'] } }, token);
    assert.equal(made.errors, undefined, JSON.stringify(made.errors));
    const Q = 'query($o: ID!, $i: Boolean) { routingRules(orgId: $o, inherited: $i) { id name orgId } }';
    const inherited = (await p.gql(Q, { o: ids.xincheng }, await p.login('xc.clerk'))).data?.routingRules as { id: string; name: string; orgId: string }[];
    assert.ok(
      inherited.some((r) => r.orgId === ids.province && /上级向下级发文/.test(r.name)),
      'the province’s rules reach the county',
    );
    assert.ok(
      inherited.some((r) => r.name === '西安市内不平行发纪要'),
      'and the city’s',
    );
    const own = (await p.gql(Q, { o: ids.xian, i: false }, token)).data?.routingRules as { id: string; orgId: string }[];
    assert.ok(own.length >= 1 && own.every((r) => r.orgId === ids.xian), 'without inherited: only the unit’s own');
    // Rules are part of the directory: a sender in another city must be able to see why it is refused.
    const fromBaoji = (await p.gql(Q, { o: ids.xian, i: false }, await p.login('bj.admin'))).data?.routingRules as { id: string }[];
    assert.deepEqual(fromBaoji.map((r) => r.id).sort(), own.map((r) => r.id).sort());
    const del = await p.gql('mutation($id: ID!) { deleteRoutingRule(id: $id) }', { id: made.data?.createRoutingRule.id }, await p.login('bj.admin'));
    assert.equal(codeOf(del), 'FORBIDDEN');
    assert.equal(codeOf(await p.gql(Q, { o: '00000000-0000-4000-8000-000000000000' }, token)), 'NOT_FOUND');
    assert.equal(
      (await p.gql('mutation($id: ID!) { deleteRoutingRule(id: $id) }', { id: made.data?.createRoutingRule.id }, token)).data?.deleteRoutingRule,
      true,
    );
  });

  test('only administrators of the unit or above manage its rules', async () => {
    const input = { name: '试图修改', direction: 'LATERAL', effect: 'DENY' };
    assert.equal(codeOf(await p.gql(CREATE, { o: ids.xian, in: input }, await p.login('xc.admin'))), 'FORBIDDEN');
    assert.equal(codeOf(await p.gql(CREATE, { o: ids.xian, in: input }, await p.login('xa.clerk'))), 'FORBIDDEN');
    assert.equal(codeOf(await p.gql(CREATE, { o: ids.baoji, in: input }, await p.login('xa.admin'))), 'FORBIDDEN');
    const bad = await p.gql(CREATE, { o: ids.xian, in: { ...input, docTypes: ['机密件'] } }, await p.login('xa.admin'));
    assert.equal(codeOf(bad), 'BAD_INPUT');
    assert.equal(bad.errors?.[0]?.extensions?.field, 'docTypes');
  });
});

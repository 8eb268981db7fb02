// The life of a unit (seed 003 §9): registered by a superior office, renamed with its history kept, merged
// (keeping a name or as a new unit), dissolved with its accounts disabled and an event for the other services.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { codeOf, ok, type Platform, startPlatform } from '../../../test/support/harness.ts';
import { usccCheckChar } from '../src/domain/codes.ts';

let p: Platform;
let xaAdmin: string;
let sxAdmin: string;
let xianId: string;
before(async () => {
  p = await startPlatform({ services: ['org'] });
  xaAdmin = await p.login('xa.admin');
  sxAdmin = await p.login('sx.admin');
  xianId = await p.orgId('610100');
});
after(() => p?.close());

const REGISTER = 'mutation($in: RegisterOrgInput!) { registerOrg(input: $in) { id code name path level kind status } }';
const ORG =
  'query($id: ID!) { org(id: $id) { id name shortName status closedReason mergedInto { name } archiveCustodian { name } nameHistory { name validTo reason } children(includeClosed: true) { name } } }';

async function register(input: Record<string, unknown>, token = xaAdmin) {
  const r = await p.gql(REGISTER, { in: { parentId: xianId, level: 'CITY', kind: 'DEPARTMENT', ...input } }, token);
  assert.equal(r.errors, undefined, JSON.stringify(r.errors));
  return r.data?.registerOrg as { id: string; path: string; code: string };
}

describe('unit lifecycle', () => {
  test('a city registers a department below it; the path follows the hierarchy', async () => {
    const wrongCheck = await p.gql(
      REGISTER,
      { in: { parentId: xianId, code: '11610100000000301X', name: '西安市数据局', shortName: '西安数据局', level: 'CITY', kind: 'DEPARTMENT' } },
      xaAdmin,
    );
    assert.equal(codeOf(wrongCheck), 'BAD_INPUT', 'a credit code whose check character is wrong is refused');
    assert.match(wrongCheck.errors?.[0]?.message ?? '', /check character/);
    const taken = await p.gql(REGISTER, { in: { parentId: xianId, code: '610100', name: 'x', shortName: 'x', level: 'CITY', kind: 'DEPARTMENT' } }, xaAdmin);
    assert.equal(codeOf(taken), 'CONFLICT', 'the code of 西安市 itself is taken');
    const ok = await register({ code: uscc('11610100000000301'), name: '西安市数据局', shortName: '西安数据局' });
    assert.equal(ok.path, `p61.c6101.u${ok.code.toLowerCase()}`);
  });

  test('renaming keeps the name history', async () => {
    const dept = await register({ code: uscc('11610100000000401'), name: '西安市旅游局', shortName: '西安旅游局' });
    const r = await p.gql(
      'mutation($id: ID!) { renameOrg(id: $id, name: "西安市文化和旅游局", shortName: "西安文旅局", reason: "机构改革") { name shortName } }',
      { id: dept.id },
      xaAdmin,
    );
    assert.deepEqual(r.data?.renameOrg, { name: '西安市文化和旅游局', shortName: '西安文旅局' });
    const org = (await p.gql(ORG, { id: dept.id }, xaAdmin)).data?.org;
    assert.deepEqual(
      org.nameHistory.map((h: { name: string; reason: string | null; validTo: string | null }) => [h.name, h.reason, h.validTo === null]),
      [
        ['西安市旅游局', 'registered', false],
        ['西安市文化和旅游局', '机构改革', true],
      ],
    );
    const events = await p.superCount("select count(*) as n from org.outbox where type = 'org.renamed' and payload->>'orgId' = $1", [dept.id]);
    assert.equal(events, 1);
  });

  test('merging into a surviving unit closes the others and disables their accounts', async () => {
    const a = await register({ code: uscc('11610100000000501'), name: '西安市甲局', shortName: '甲局' });
    const b = await register({ code: uscc('11610100000000502'), name: '西安市乙局', shortName: '乙局' });
    const created = await p.gql(
      'mutation($o: ID!) { createUser(input: {orgId: $o, username: "yi.clerk", displayName: "乙局收文员", roles: [CLERK]}) { user { id } } }',
      { o: b.id },
      xaAdmin,
    );
    assert.equal(created.errors, undefined);
    const r = await p.gql(
      'mutation($in: MergeOrgsInput!) { mergeOrgs(input: $in) { id name } }',
      { in: { survivorId: a.id, absorbedIds: [b.id], reason: '职能整合' } },
      xaAdmin,
    );
    assert.deepEqual(r.data?.mergeOrgs, { id: a.id, name: '西安市甲局' });
    const absorbed = (await p.gql(ORG, { id: b.id }, xaAdmin)).data?.org;
    assert.equal(absorbed.status, 'MERGED');
    assert.equal(absorbed.closedReason, '职能整合');
    assert.equal(absorbed.mergedInto.name, '西安市甲局');
    // Its archive goes with it to the unit it joined (seed 003 §9(2)), named in the event for the archive.
    assert.equal(absorbed.archiveCustodian.name, '西安市甲局');
    const [merged] = await p.superQuery<{ payload: Record<string, string> }>(
      "select payload from org.outbox where type = 'org.merged' and payload->>'orgId' = $1",
      [b.id],
    );
    assert.deepEqual([merged?.payload.archiveCustodianId, merged?.payload.archiveCustodianName], [a.id, '西安市甲局']);
    const users = (await p.gql('query($o: ID!) { users(orgId: $o) { username status } }', { o: b.id }, xaAdmin)).data?.users;
    assert.deepEqual(users, [{ username: 'yi.clerk', status: 'DISABLED' }]);
    assert.equal(await p.superCount("select count(*) as n from org.outbox where type = 'org.merged' and payload->>'orgId' = $1", [b.id]), 1);
  });

  test('merging into a new unit registers it and closes every merged unit', async () => {
    const a = await register({ code: uscc('11610100000000601'), name: '西安市丙局', shortName: '丙局' });
    const b = await register({ code: uscc('11610100000000602'), name: '西安市丁局', shortName: '丁局' });
    const r = await p.gql(
      'mutation($in: MergeOrgsInput!) { mergeOrgs(input: $in) { id name status } }',
      {
        in: {
          absorbedIds: [a.id, b.id],
          newOrg: { parentId: xianId, code: uscc('11610100000000603'), name: '西安市丙丁局', shortName: '丙丁局', level: 'CITY', kind: 'DEPARTMENT' },
          reason: '合并组建',
        },
      },
      xaAdmin,
    );
    assert.equal(r.data?.mergeOrgs.name, '西安市丙丁局');
    assert.equal(r.data?.mergeOrgs.status, 'ACTIVE');
    for (const id of [a.id, b.id]) assert.equal((await p.gql(ORG, { id }, xaAdmin)).data?.org.status, 'MERGED');
  });

  test('dissolving disables the unit’s accounts, stops their login, and tells the other services', async () => {
    const beilinId = await p.orgId('610103');
    const r = await p.gql(
      'mutation($id: ID!) { dissolveOrg(id: $id, reason: "撤销") { status closedReason archiveCustodian { name } } }',
      { id: beilinId },
      xaAdmin,
    );
    // Its archive is kept by its superior when no other unit is named.
    assert.deepEqual(r.data?.dissolveOrg, { status: 'DISSOLVED', closedReason: '撤销', archiveCustodian: { name: '西安市人民政府' } });
    const login = await p.gql('mutation { login(username: "bl.clerk", password: "Yizhan@2026") { token } }');
    assert.equal(codeOf(login), 'ACCOUNT_DISABLED');
    assert.equal(await p.superCount("select count(*) as n from org.users where org_path = 'p61.c6101.k610103' and status <> 'DISABLED'"), 0);
    assert.equal(await p.superCount("select count(*) as n from org.outbox where type = 'org.dissolved' and org_path = 'p61.c6101.k610103'"), 1);
    const children = (await p.gql('query($id: ID!) { org(id: $id) { children { name } } }', { id: xianId }, xaAdmin)).data?.org.children;
    assert.ok(!children.some((c: { name: string }) => c.name === '西安市碑林区人民政府'), 'closed units leave the list of active children');
  });

  test('the unit named to keep a dissolved unit’s archive is an open unit its administrator administers, not the unit itself', async () => {
    const unit = await register({ code: uscc('11610100000000701'), name: '西安市戊局', shortName: '戊局' });
    const closed = await register({ code: uscc('11610100000000702'), name: '西安市己局', shortName: '己局' });
    ok(await p.gql('mutation($id: ID!) { dissolveOrg(id: $id, reason: "撤销") { id } }', { id: closed.id }, xaAdmin), 'dissolveOrg');
    const DISSOLVE = 'mutation($id: ID!, $k: ID) { dissolveOrg(id: $id, reason: "撤销", archiveCustodianId: $k) { status archiveCustodian { name } } }';
    const refusal = async (k: string, code: string) => {
      const r = await p.gql(DISSOLVE, { id: unit.id, k }, xaAdmin);
      assert.equal(codeOf(r), code, `${k}: ${r.errors?.[0]?.message}`);
      if (code === 'BAD_INPUT') assert.equal(r.errors?.[0]?.extensions?.field, 'archiveCustodianId');
    };
    await refusal(unit.id, 'BAD_INPUT');
    await refusal(closed.id, 'BAD_INPUT');
    await refusal(await p.orgId('610300'), 'FORBIDDEN');
    await refusal(randomUUID(), 'NOT_FOUND');
    assert.equal((await p.gql(ORG, { id: unit.id }, xaAdmin)).data?.org.status, 'ACTIVE', 'each refusal changed nothing');
    const kept = ok(await p.gql(DISSOLVE, { id: unit.id, k: await p.orgId('610102') }, xaAdmin), 'dissolveOrg');
    assert.deepEqual(kept, { status: 'DISSOLVED', archiveCustodian: { name: '西安市新城区人民政府' } });
  });

  test('a unit cannot dissolve itself, a county cannot close its sibling, a unit with active units below stays', async () => {
    const xcAdmin = await p.login('xc.admin');
    const xinchengId = await p.orgId('610102');
    const lianhuId = await p.orgId('610104');
    assert.equal(codeOf(await p.gql('mutation($id: ID!) { dissolveOrg(id: $id, reason: "x") { id } }', { id: xinchengId }, xcAdmin)), 'FORBIDDEN');
    assert.equal(codeOf(await p.gql('mutation($id: ID!) { dissolveOrg(id: $id, reason: "x") { id } }', { id: lianhuId }, xcAdmin)), 'FORBIDDEN');
    assert.equal(codeOf(await p.gql('mutation($id: ID!) { dissolveOrg(id: $id, reason: "x") { id } }', { id: xianId }, sxAdmin)), 'CONFLICT');
    const clerk = await p.login('xa.clerk');
    assert.equal(codeOf(await p.gql('mutation($id: ID!) { dissolveOrg(id: $id, reason: "x") { id } }', { id: lianhuId }, clerk)), 'FORBIDDEN');
    assert.equal(
      codeOf(await p.gql('mutation($id: ID!) { renameOrg(id: $id, name: "莲湖", shortName: "莲湖") { id } }', { id: lianhuId }, xcAdmin)),
      'FORBIDDEN',
    );
    assert.equal(
      codeOf(
        await p.gql(
          REGISTER,
          { in: { parentId: lianhuId, code: uscc('11610104000000001'), name: 'x', shortName: 'x', level: 'COUNTY', kind: 'DEPARTMENT' } },
          xcAdmin,
        ),
      ),
      'FORBIDDEN',
    );
    assert.equal((await p.gql(ORG, { id: lianhuId }, sxAdmin)).data?.org.status, 'ACTIVE');
  });

  test('moving a unit re-roots its subtree; a move into its own subtree is refused as a cycle', async () => {
    const yanglingId = await p.orgId('610403');
    const xinchengId = await p.orgId('610102');
    const cycle = await p.gql('mutation($id: ID!, $to: ID!) { moveOrg(id: $id, newParentId: $to) { path } }', { id: xianId, to: xinchengId }, sxAdmin);
    assert.equal(codeOf(cycle), 'BAD_INPUT');
    assert.match(cycle.errors?.[0]?.message ?? '', /cycle/);
    assert.equal(
      codeOf(await p.gql('mutation($id: ID!, $to: ID!) { moveOrg(id: $id, newParentId: $to) { path } }', { id: yanglingId, to: xianId }, xaAdmin)),
      'FORBIDDEN',
    );
    // A section (内设机构) and its member move with their unit.
    await p.superQuery("insert into org.sections (org_id, org_path, name) select id, path, '综合科' from org.orgs where id = $1", [yanglingId]);
    await p.superQuery(
      'insert into org.section_members (user_id, section_id, org_id, org_path) select u.id, s.id, s.org_id, s.org_path from org.users u join org.sections s on s.org_id = u.org_id where u.org_id = $1 limit 1',
      [yanglingId],
    );
    const moved = await p.gql(
      'mutation($id: ID!, $to: ID!) { moveOrg(id: $id, newParentId: $to) { path parent { name } } }',
      { id: yanglingId, to: xianId },
      sxAdmin,
    );
    assert.deepEqual(moved.data?.moveOrg, { path: 'p61.c6101.k610403', parent: { name: '西安市人民政府' } });
    assert.equal(await p.superCount("select count(*) as n from org.users where org_path = 'p61.c6104.k610403'"), 0);
    assert.ok((await p.superCount("select count(*) as n from org.users where org_path = 'p61.c6101.k610403'")) >= 1, 'accounts move with their unit');
    assert.equal(await p.superCount("select count(*) as n from org.sections where org_path = 'p61.c6101.k610403'"), 1, 'sections move with their unit');
    assert.equal(await p.superCount("select count(*) as n from org.section_members where org_path = 'p61.c6101.k610403'"), 1);
  });

  test('bad input gets a clear error naming the field, and changes nothing', async () => {
    const before = await p.superCount('select count(*) as n from org.orgs');
    const cases: [Record<string, unknown>, string, string][] = [
      [{ code: uscc('11610100000000701'), name: '   ', shortName: '空' }, 'BAD_INPUT', 'name'],
      [{ code: uscc('11610100000000702'), name: '名'.repeat(101), shortName: '长' }, 'BAD_INPUT', 'name'],
      [{ code: uscc('11610100000000703'), name: '正常', shortName: '短'.repeat(31) }, 'BAD_INPUT', 'shortName'],
      [{ code: '12345', name: '编码错', shortName: '错' }, 'BAD_INPUT', 'code'],
      [{ code: '610102', name: '重复编码', shortName: '重复' }, 'CONFLICT', 'code'],
      [{ code: uscc('11610100000000704'), name: '换行\n名称', shortName: '换行' }, 'BAD_INPUT', 'name'],
      [{ code: uscc('11610100000000705'), name: '高级别', shortName: '高', level: 'PROVINCE' }, 'BAD_INPUT', 'level'],
    ];
    for (const [input, code, field] of cases) {
      const r = await p.gql(REGISTER, { in: { parentId: xianId, level: 'CITY', kind: 'DEPARTMENT', ...input } }, xaAdmin);
      assert.equal(codeOf(r), code, `${JSON.stringify(input).slice(0, 80)}: ${r.errors?.[0]?.message}`);
      assert.equal(r.errors?.[0]?.extensions?.field, field);
      assert.ok((r.errors?.[0]?.message ?? '').length > 10, 'the message says what is wrong');
    }
    const unknownParent = await p.gql(
      REGISTER,
      {
        in: { parentId: '00000000-0000-4000-8000-000000000000', code: uscc('11610100000000706'), name: 'x', shortName: 'x', level: 'CITY', kind: 'DEPARTMENT' },
      },
      xaAdmin,
    );
    assert.equal(codeOf(unknownParent), 'NOT_FOUND');
    const notAnId = await p.gql(
      REGISTER,
      { in: { parentId: 'not-a-uuid', code: uscc('11610100000000707'), name: 'x', shortName: 'x', level: 'CITY', kind: 'DEPARTMENT' } },
      xaAdmin,
    );
    assert.equal(codeOf(notAnId), 'NOT_FOUND');
    const merge = await p.gql('mutation { mergeOrgs(input: { absorbedIds: [], reason: "x" }) { id } }', {}, xaAdmin);
    assert.equal(codeOf(merge), 'BAD_INPUT');
    const huge = await p.gql('query($q: String!) { searchOrgs(name: $q) { id } }', { q: 'x'.repeat(10_000) }, xaAdmin);
    assert.equal(codeOf(huge), 'BAD_INPUT');
    assert.equal(await p.superCount('select count(*) as n from org.orgs'), before, 'no unit was written');
  });

  test('searches and pages through a subtree', async () => {
    const first = await p.gql(
      'query($id: ID!) { subtree(rootId: $id, level: COUNTY, first: 5) { totalCount nodes { name } pageInfo { endCursor hasNextPage } } }',
      { id: xianId },
      xaAdmin,
    );
    const page1 = first.data?.subtree;
    assert.equal(page1.nodes.length, 5);
    assert.equal(page1.pageInfo.hasNextPage, true);
    const all: string[] = page1.nodes.map((n: { name: string }) => n.name);
    let cursor = page1.pageInfo.endCursor;
    while (cursor) {
      const next = (
        await p.gql(
          'query($id: ID!, $a: String) { subtree(rootId: $id, level: COUNTY, first: 5, after: $a) { nodes { name } pageInfo { endCursor hasNextPage } } }',
          { id: xianId, a: cursor },
          xaAdmin,
        )
      ).data?.subtree;
      all.push(...next.nodes.map((n: { name: string }) => n.name));
      cursor = next.pageInfo.hasNextPage ? next.pageInfo.endCursor : null;
    }
    assert.equal(all.length, page1.totalCount);
    assert.equal(new Set(all).size, all.length, 'no unit appears on two pages');
    const found = (await p.gql('{ searchOrgs(name: "宝鸡") { name } }', {}, xaAdmin)).data?.searchOrgs.map((o: { name: string }) => o.name);
    assert.ok(found.includes('宝鸡市人民政府'));
    const wildcard = (await p.gql('{ searchOrgs(name: "%") { name } }', {}, xaAdmin)).data?.searchOrgs;
    assert.deepEqual(wildcard, [], 'a LIKE wildcard is searched as text');
  });
});

const uscc = (first17: string) => first17 + usccCheckChar(first17);

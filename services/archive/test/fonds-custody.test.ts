// 代管全宗 (seed 003 §9(2)): a closed unit's archive is kept by another unit. Dissolved, by its superior unless another
// is named; merged, by the unit it joined; a keeper that closes in turn passes on every fonds it kept. The keeper's
// archivist works in the fonds as in its own (catalogue, checks, the access register, statistics, year export) and the
// fonds' evidence chain records each change of keeper; no other unit, above or beside, sees any of it — asked through
// the gateway and asked of PostgreSQL under each unit's scope.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { beijingYear } from '@yizhan/common';
import { unzipSync } from 'fflate';
import { asDemoUsers, codeOf, eventually, ok, type Platform, startPlatform } from '../../../test/support/harness.ts';
import { approvedOfficeDocument } from '../../../test/support/seals.ts';

let p: Platform;
const { gql, tokens } = asDemoUsers(() => p);
const ids: Record<string, string> = {};
const paths: Record<string, string> = {};

type FondsRow = { own: boolean; closedAs: string | null; closedReason: string | null; records: number; unit: { id: string; name: string } };
const FONDS = '{ archiveFonds { own closedAs closedReason records unit { id name } } }';
const fondsOf = async (user: string) => ok<FondsRow[]>(await gql(user, FONDS), 'archiveFonds');

/** An account made by an administrator, signed in: a unit of the demo without one of its own. */
async function account(admin: string, orgId: string, username: string, displayName: string, roles: string[]) {
  const made = ok(
    await gql(admin, 'mutation($in: CreateUserInput!) { createUser(input: $in) { oneTimePassword } }', { in: { orgId, username, displayName, roles } }),
    'createUser',
  );
  const changed = await p.gql(
    'mutation($u: String!, $n: String!, $c: String!) { changeInitialPassword(username: $u, newPassword: $n, currentPassword: $c) { token } }',
    { u: username, n: 'Keeper#2026-Fonds', c: made.oneTimePassword },
  );
  tokens[username] = ok<{ token: string }>(changed, 'changeInitialPassword').token;
}

/** The office sends a notice to a unit, whose clerk signs for it and closes it: the unit's copy is archived. */
async function archivedCopy(title: string, to: { orgId: string; name: string }, clerk: string): Promise<{ id: string; archival_number: string }> {
  const doc = await approvedOfficeDocument(p, gql, tokens, title, Buffer.from(`${title}的附件`), { to });
  ok(await gql('sxb.clerk', 'mutation($id: ID!, $k: String!) { sendDocument(id: $id, sendKey: $k) { status } }', { id: doc, k: randomUUID() }), 'sendDocument');
  const delivery = ok(await gql(clerk, 'query($s: String!) { inbox(filter: {search: $s}) { nodes { id } } }', { s: title }), 'inbox').nodes[0].id;
  for (const step of ['openDelivery', 'signForDelivery', 'closeDelivery'])
    ok(await gql(clerk, `mutation($id: ID!) { ${step}(id: $id) { id } }`, { id: delivery }), step);
  const [record] = await p.superQuery<{ id: string; archival_number: string }>(
    'select id, archival_number from archive.records where document_id = $1 and org_id = $2',
    [doc, to.orgId],
  );
  assert.ok(record, `${to.name} archived its copy at 办结`);
  return record;
}

/** What the application's role reads of a fonds under a unit's scope (row-level security alone, no application filter). */
async function underScope(scope: string, fondsId: string) {
  const count = (table: string) => p.scopedCount({ orgPath: scope }, `select count(*) as n from archive.${table} where org_id = $1`, [fondsId]);
  const custody = await p.scopedCount({ orgPath: scope }, 'select count(*) as n from archive.custody where fonds_org_id = $1 and custodian_path = $2', [
    fondsId,
    scope,
  ]);
  return { records: await count('records'), chain: await count('chain'), custody };
}

const chainOf = (orgId: string) =>
  p.superQuery<{ kind: string; payload: Record<string, string> }>('select kind, payload from archive.chain where org_id = $1 order by seq', [orgId]);

before(async () => {
  p = await startPlatform();
  for (const [k, code] of Object.entries({ xian: '610100', xincheng: '610102', beilin: '610103', lianhu: '610104', baqiao: '610111', baoji: '610300' }))
    ids[k] = await p.orgId(code);
  for (const r of await p.superQuery<{ id: string; path: string }>('select id, path::text from org.orgs where id = any($1)', [Object.values(ids)]))
    paths[Object.keys(ids).find((k) => ids[k] === r.id) as string] = r.path;
});
after(() => p?.close());

describe('a closed unit’s archive in another unit’s custody', () => {
  test('dissolved: its superior keeps its fonds whole, reads, checks, counts and exports it; no unit above or beside sees any of it', async () => {
    // The archive's year is the China year (a run on 31 December after 16:00 UTC is in the next one).
    const year = beijingYear();
    const record = await archivedCopy('关于代管全宗测试的通知', { orgId: ids.xincheng as string, name: '西安市新城区人民政府' }, 'xc.clerk');
    const RECORDS = 'query($f: ID) { archiveRecords(fondsId: $f) { id archivalNumber title orgName status } }';
    // Before: 西安市 keeps its own fonds only, and 新城区's is not its to name.
    assert.deepEqual(
      (await fondsOf('xa.archivist')).map((f) => f.own),
      [true],
    );
    assert.equal(codeOf(await gql('xa.archivist', RECORDS, { f: ids.xincheng })), 'NOT_FOUND');
    assert.equal(codeOf(await gql('xa.archivist', 'query($id: ID!) { archiveRecord(id: $id) { id } }', { id: record.id })), 'NOT_FOUND');
    const linksBefore = (await chainOf(ids.xincheng as string)).length;

    const dissolved = ok(
      await gql('xa.admin', 'mutation($id: ID!) { dissolveOrg(id: $id, reason: "行政区划调整") { status archiveCustodian { name } } }', { id: ids.xincheng }),
      'dissolveOrg',
    );
    assert.deepEqual(dissolved, { status: 'DISSOLVED', archiveCustodian: { name: '西安市人民政府' } });
    const fonds = await eventually(
      () => fondsOf('xa.archivist'),
      (f) => f.length === 2,
      p.drainArchiveEvents,
    );
    assert.deepEqual(fonds[1], {
      own: false,
      closedAs: 'DISSOLVED',
      closedReason: '行政区划调整',
      records: 1,
      unit: { id: ids.xincheng, name: '西安市新城区人民政府' },
    });

    // The catalogue of the fonds: the record as 新城区 archived it (its 档号, its unit's name), apart from 西安市's own.
    const kept = ok<{ id: string; archivalNumber: string; orgName: string; status: string }[]>(
      await gql('xa.archivist', RECORDS, { f: ids.xincheng }),
      'archiveRecords',
    );
    assert.deepEqual(
      kept.map((r) => [r.id, r.archivalNumber, r.orgName, r.status]),
      [[record.id, record.archival_number, '西安市新城区人民政府', 'ARCHIVED']],
    );
    const own = ok<{ id: string }[]>(await gql('xa.archivist', RECORDS, {}), 'archiveRecords');
    assert.ok(!own.some((r) => r.id === record.id), 'not mixed into 西安市’s own catalogue');

    // Its chain says who keeps it now, and stays whole.
    const links = await chainOf(ids.xincheng as string);
    assert.equal(links.length, linksBefore + 1);
    assert.deepEqual([links.at(-1)?.kind, links.at(-1)?.payload.keeper, links.at(-1)?.payload.reason], ['CUSTODY', '西安市人民政府', '行政区划调整']);
    const CHAIN = 'query($f: ID) { archiveEvidenceChain(fondsId: $f) { length whole } }';
    assert.deepEqual(ok(await gql('xa.archivist', CHAIN, { f: ids.xincheng }), 'archiveEvidenceChain'), { length: linksBefore + 1, whole: true });

    // The keeper's archivist checks it again; its staff ask to read it and the archivist decides.
    const checked = ok(await gql('xa.archivist', 'mutation($id: ID!) { checkArchiveRecord(id: $id) { status } }', { id: record.id }), 'checkArchiveRecord');
    assert.equal(checked.status, 'ARCHIVED');
    assert.equal(codeOf(await gql('xa.clerk', 'mutation($id: ID!) { checkArchiveRecord(id: $id) { status } }', { id: record.id })), 'FORBIDDEN');
    const asked = ok(
      await gql('xa.clerk', 'mutation($id: ID!) { requestArchiveAccess(recordId: $id, purpose: "核对原新城区来文") { id } }', { id: record.id }),
      'requestArchiveAccess',
    );
    const pending = ok<{ id: string; mayDecide: boolean }[]>(
      await gql('xa.archivist', 'query($f: ID) { archiveAccessRequests(status: "PENDING", fondsId: $f) { id mayDecide } }', { f: ids.xincheng }),
      'archiveAccessRequests',
    );
    assert.deepEqual(pending, [{ id: asked.id, mayDecide: true }]);
    ok(await gql('xa.archivist', 'mutation($id: ID!) { decideArchiveAccess(id: $id, approve: true) { status } }', { id: asked.id }), 'decideArchiveAccess');
    const read = ok(await gql('xa.clerk', 'query($id: ID!) { readArchivedRecord(recordId: $id) { body } }', { id: record.id }), 'readArchivedRecord');
    assert.match(read.body, /关于代管全宗测试的通知的正文/);
    const log = ok<{ userName: string; action: string; approvedByName: string }[]>(
      await gql('xa.archivist', 'query($id: ID!) { archiveAccessLog(recordId: $id) { userName action approvedByName } }', { id: record.id }),
      'archiveAccessLog',
    );
    assert.deepEqual(
      log.map((l) => [l.userName, l.action, l.approvedByName]),
      [['马晓燕', 'VIEW', '郭丽娟']],
    );
    // Registered in the fonds' own register, under its unit.
    assert.equal(
      await p.superCount('select count(*) as n from archive.access_log where record_id = $1 and org_path = $2::ltree', [record.id, paths.xincheng]),
      1,
    );
    const stats = ok(
      await gql('xa.archivist', 'query($y: Int!, $f: ID) { archiveStatistics(year: $y, fondsId: $f) { records accesses { key count } } }', {
        y: year,
        f: ids.xincheng,
      }),
      'archiveStatistics',
    );
    assert.deepEqual(stats, { records: 1, accesses: [{ key: 'VIEW', count: 1 }] });

    // A year of the fonds, as handed to the archives: the record's package inside; the export is a link of its chain.
    const EXPORT = 'mutation($y: Int!, $f: ID) { exportArchiveYear(year: $y, fondsId: $f) { filename base64 } }';
    assert.equal(codeOf(await gql('xa.clerk', EXPORT, { y: year, f: ids.xincheng })), 'FORBIDDEN');
    const exported = ok(await gql('xa.archivist', EXPORT, { y: year, f: ids.xincheng }), 'exportArchiveYear');
    const inside = Object.keys(unzipSync(Buffer.from(exported.base64, 'base64')));
    assert.ok(
      inside.some((name) => name.includes(record.archival_number)),
      inside.join(', '),
    );
    assert.equal((await chainOf(ids.xincheng as string)).at(-1)?.kind, 'EXPORT_YEAR');
    assert.deepEqual(ok(await gql('xa.archivist', CHAIN, { f: ids.xincheng }), 'archiveEvidenceChain').whole, true);

    // Nobody else: the province office's archivist, the province's administrator above all, 宝鸡市 beside.
    for (const user of ['sxb.archivist', 'sx.admin', 'bj.admin']) {
      assert.equal(codeOf(await gql(user, RECORDS, { f: ids.xincheng })), 'NOT_FOUND', user);
      assert.equal(codeOf(await gql(user, CHAIN, { f: ids.xincheng })), 'NOT_FOUND', user);
      assert.equal(codeOf(await gql(user, 'query($id: ID!) { archiveRecord(id: $id) { id } }', { id: record.id })), 'NOT_FOUND', user);
      assert.equal(
        codeOf(await gql(user, 'mutation($id: ID!) { requestArchiveAccess(recordId: $id, purpose: "查阅") { id } }', { id: record.id })),
        'NOT_FOUND',
        user,
      );
      assert.ok(!(await fondsOf(user)).some((f) => f.unit.id === ids.xincheng), user);
    }
    assert.equal(codeOf(await gql('xa.archivist', RECORDS, { f: 'not-a-fonds' })), 'NOT_FOUND');
    // And PostgreSQL alone, under each unit's scope: the keeper reads the fonds; the province and a sibling read nothing.
    const linksNow = (await chainOf(ids.xincheng as string)).length;
    assert.deepEqual(await underScope(paths.xian as string, ids.xincheng as string), { records: 1, chain: linksNow, custody: 1 });
    for (const scope of [paths.beilin, paths.baoji, 'p61'])
      assert.deepEqual(await underScope(scope as string, ids.xincheng as string), { records: 0, chain: 0, custody: 0 }, scope);
  });

  test('a keeper that closes in turn passes on every fonds it kept, and each chain says from whom', async () => {
    await account('xa.admin', ids.baqiao as string, 'bq.archivist', '冯雅琴', ['ARCHIVIST']);
    const record = await archivedCopy('关于移交代管档案的通知', { orgId: ids.beilin as string, name: '西安市碑林区人民政府' }, 'bl.clerk');
    // 莲湖区 dissolved, its archive named to 碑林区 (beside it, not its superior).
    const dissolved = ok(
      await gql('xa.admin', 'mutation($id: ID!, $k: ID) { dissolveOrg(id: $id, reason: "撤销建制", archiveCustodianId: $k) { archiveCustodian { name } } }', {
        id: ids.lianhu,
        k: ids.beilin,
      }),
      'dissolveOrg',
    );
    assert.equal(dissolved.archiveCustodian.name, '西安市碑林区人民政府');
    await eventually(
      () => underScope(paths.beilin as string, ids.lianhu as string),
      (s) => s.custody === 1,
      p.drainArchiveEvents,
    );
    // Then 碑林区 merged into 灞桥区: 灞桥区 keeps 碑林区's fonds and the one 碑林区 kept.
    ok(
      await gql('xa.admin', 'mutation($in: MergeOrgsInput!) { mergeOrgs(input: $in) { id } }', {
        in: { absorbedIds: [ids.beilin], survivorId: ids.baqiao, reason: '区划合并' },
      }),
      'mergeOrgs',
    );
    const fonds = await eventually(
      () => fondsOf('bq.archivist'),
      (f) => f.length === 3,
      p.drainArchiveEvents,
    );
    assert.deepEqual(
      fonds.map((f) => [f.own, f.unit.name, f.closedAs, f.records]).sort(),
      [
        [false, '西安市碑林区人民政府', 'MERGED', 1],
        [false, '西安市莲湖区人民政府', 'DISSOLVED', 0],
        [true, '西安市灞桥区人民政府', null, 0],
      ].sort(),
    );
    const lianhu = await chainOf(ids.lianhu as string);
    assert.deepEqual(
      lianhu.map((l) => [l.kind, l.payload.keeper, l.payload.from ?? null]),
      [
        ['CUSTODY', '西安市碑林区人民政府', null],
        ['CUSTODY', '西安市灞桥区人民政府', '西安市碑林区人民政府'],
      ],
    );
    for (const f of [ids.lianhu, ids.beilin])
      assert.equal(ok(await gql('bq.archivist', 'query($f: ID) { archiveEvidenceChain(fondsId: $f) { whole } }', { f }), 'archiveEvidenceChain').whole, true);
    const kept = ok<{ id: string }[]>(await gql('bq.archivist', 'query($f: ID) { archiveRecords(fondsId: $f) { id } }', { f: ids.beilin }), 'archiveRecords');
    assert.deepEqual(
      kept.map((r) => r.id),
      [record.id],
    );
    // 碑林区 keeps nothing now: the rows it could read as keeper are 灞桥区's.
    assert.deepEqual(await underScope(paths.beilin as string, ids.lianhu as string), { records: 0, chain: 0, custody: 0 });
    assert.equal((await underScope(paths.baqiao as string, ids.lianhu as string)).custody, 1);
    // One custody row for each fonds, moved, not copied.
    assert.equal(await p.superCount('select count(*) as n from archive.custody where fonds_org_id = any($1)', [[ids.lianhu, ids.beilin]]), 2);
  });
});

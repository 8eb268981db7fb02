// 信息归档 (seed 003 §34: a unit archives the 电子公文、信息和材料 it made) through the real platform: 西安市 publishes a
// 信息 (its drafter submits, its leader approves); the archive lists it as waiting, beside the unit's documents; the
// unit's archivist files it in a series of its own, checked like any record, read through the access register,
// corrected in a 信息's own elements only (题名, 责任者), and exported with its series named and its metadata.xml in
// words (紧急程度 平件, 密级 非密, no document's elements). Nobody else files it: not another unit, not the unit above,
// not a clerk; an item never published is not there to file; bad ids write nothing.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { strFromU8, unzipSync } from 'fflate';
import { asDemoUsers, codeOf, eventually, ok, type Platform, startPlatform } from '../../../test/support/harness.ts';
import { ringPng } from '../../../test/support/png.ts';
import { readPackage } from '../src/domain/package.ts';

let p: Platform;
const { gql } = asDemoUsers(() => p);
const RECORD = 'id archivalNumber retention status role docType title metadata checkReport';
const ARCHIVE = `mutation($i: ID!) { archiveInformation(informationId: $i) { ${RECORD} } }`;
const QUEUE = '{ archivalQueue { documentId role title reason } }';
type Record_ = { id: string; archivalNumber: string; retention: string; status: string; role: string; docType: string; metadata: any; checkReport: any };
type Entry = { documentId: string; role: string; title: string | null; reason: string };
const records = () => p.superCount('select count(*) n from archive.records');

/** A 信息 of 西安市 by its drafter, approved by its leader unless `approve` is false; its id. */
async function published(
  title: string,
  body: string,
  opts: { approve?: boolean; audience?: string; viewerIds?: string[]; images?: { name: string; base64: string }[] } = {},
) {
  const id = ok<{ id: string }>(
    await gql('xa.drafter', 'mutation($in: InformationInput!) { submitInformation(input: $in) { id } }', {
      in: {
        column: 'WORK_NEWS',
        title,
        body,
        audience: opts.audience ?? 'UNIT',
        ...(opts.viewerIds ? { viewerIds: opts.viewerIds } : {}),
        ...(opts.images ? { images: opts.images } : {}),
      },
    }),
    'submitInformation',
  ).id;
  if (opts.approve !== false) ok(await gql('xa.leader', 'mutation($id: ID!) { approveInformation(id: $id) { id } }', { id }), 'approveInformation');
  return id;
}
const waiting = (user: string, id: string) =>
  eventually(
    async () => ok<Entry[]>(await gql(user, QUEUE), 'archivalQueue'),
    (q) => q.some((x) => x.documentId === id),
    p.drainArchiveEvents,
  );

before(async () => {
  p = await startPlatform();
});
after(() => p?.close());

describe('信息归档', () => {
  let item: string;
  const BODY = '市政府办公室召开电子公文交换工作会议。\n\n会议要求各区县按时签收、及时办理。';

  test('published, it waits in the unit’s 待归档 beside its documents; the archivist files it in its own series', async () => {
    // Published to one named person of the unit: the archive files what the unit published, whoever it was for.
    const people = ok<{ id: string; username: string }[]>(
      await gql('xa.admin', 'query($o: ID!) { users(orgId: $o) { id username } }', { o: await p.orgId('610100') }),
      'users',
    );
    const clerk = people.find((u) => u.username === 'xa.clerk')?.id as string;
    item = await published('西安市召开电子公文交换工作会议', BODY, { audience: 'PEOPLE', viewerIds: [clerk] });
    const queue = await waiting('xa.archivist', item);
    const entry = queue.find((q) => q.documentId === item);
    assert.deepEqual([entry?.role, entry?.title, entry?.reason], ['INFORMATION', '西安市召开电子公文交换工作会议', 'published']);
    // The unit above keeps its own archive: 西安市's 信息 is not in its queue.
    const office = ok<Entry[]>(await gql('sxb.archivist', QUEUE), 'archivalQueue');
    assert.ok(!office.some((q) => q.documentId === item), 'not in the office’s queue');

    const r = ok<Record_>(await gql('xa.archivist', ARCHIVE, { i: item }), 'archiveInformation');
    assert.equal(r.status, 'ARCHIVED', JSON.stringify(r.checkReport));
    assert.equal(r.checkReport.passed, true);
    assert.match(r.archivalNumber, /^610100-WS·\d{4}-D10-XX-0001$/, '全宗号-门类代码·年度-保管期限-信息-件号: its own series, 10 years by default');
    assert.deepEqual([r.role, r.docType, r.retention], ['INFORMATION', '信息', 'Y10']);
    assert.deepEqual(
      [r.metadata.column, r.metadata.author, r.metadata.approvedBy, r.metadata.audience, r.metadata.orgName],
      ['工作动态', '朱俊', '胡建华', '本单位指定人员', (await p.superQuery<{ name: string }>("select name from org.orgs where code = '610100'"))[0]?.name],
    );
    // What the archive keeps of its authenticity: the body is the one org published (its digest), and no seal is sought.
    const authenticity = r.checkReport.authenticity.findings as { check: string; ok: boolean; zh: string }[];
    assert.deepEqual(
      authenticity.map((f) => [f.check, f.ok]),
      [
        ['SEAL', true],
        ['METADATA_TITLE', true],
        ['METADATA_DOCTYPE', true],
        ['METADATA_ORGNAME', true],
        ['CONTENT', true],
      ],
    );
    assert.equal(authenticity[0]?.zh, '信息不加盖印章');
    const [kept] = await p.superQuery<{ components: { role: string; sha256: string; contentType: string }[] }>(
      'select components from archive.records where id = $1',
      [r.id],
    );
    assert.deepEqual(
      kept?.components.map((c) => [c.role, c.sha256, c.contentType]),
      [['BODY', createHash('sha256').update(BODY, 'utf8').digest('hex'), 'text/plain; charset=utf-8']],
    );
    // Filed: out of the queue; filed once.
    assert.ok(!ok<Entry[]>(await gql('xa.archivist', QUEUE), 'archivalQueue').some((q) => q.documentId === item), 'no longer waiting');
    const twice = await gql('xa.archivist', ARCHIVE, { i: item });
    assert.equal(codeOf(twice), 'CONFLICT');
    assert.equal(twice.errors?.[0]?.extensions?.archivalNumber, r.archivalNumber);
    // Checked again on demand, it still passes.
    const again = ok<Record_>(
      await gql('xa.archivist', 'mutation($id: ID!) { checkArchiveRecord(id: $id) { status checkReport } }', { id: r.id }),
      'checkArchiveRecord',
    );
    assert.equal(again.checkReport.passed, true);
  });

  test('read through the access register, and exported with its series named', async () => {
    const [r] = ok<{ id: string }[]>(await gql('xa.archivist', '{ archiveRecords(search: "西安市召开电子公文交换工作会议") { id } }'), 'archiveRecords');
    assert.ok(r, 'in the catalogue');
    const req = ok<{ id: string }>(
      await gql('xa.clerk', 'mutation($id: ID!) { requestArchiveAccess(recordId: $id, purpose: "核对会议要求") { id } }', { id: r.id }),
      'requestArchiveAccess',
    );
    ok(await gql('xa.archivist', 'mutation($id: ID!) { decideArchiveAccess(id: $id, approve: true) { status } }', { id: req.id }), 'decideArchiveAccess');
    const content = ok<{ body: string }>(
      await gql('xa.clerk', 'query($id: ID!) { readArchivedRecord(recordId: $id) { body } }', { id: r.id }),
      'readArchivedRecord',
    );
    assert.equal(content.body, BODY);
    const pkg = ok<{ base64: string }>(
      await gql('xa.archivist', 'mutation($id: ID!) { exportArchiveRecord(id: $id) { base64 } }', { id: r.id }),
      'exportArchiveRecord',
    );
    const files = unzipSync(new Uint8Array(Buffer.from(pkg.base64, 'base64')));
    const xml = Object.entries(files).find(([name]) => name.endsWith('.xml'))?.[1];
    assert.ok(xml, 'the package carries its metadata as XML');
    assert.match(strFromU8(xml), /<机构或问题>信息<\/机构或问题>/);
    assert.match(strFromU8(xml), /<文种>信息<\/文种>/);
  });

  test('its metadata is corrected in a 信息’s elements only: a document’s 文号, 签发人 or 文种 is refused, named, nothing written', async () => {
    type Row = { id: string; title: string; metadataVersion: number; correctableElements: { key: string; label: string; value: string | null }[] };
    const find = async () =>
      ok<Row[]>(
        await gql(
          'xa.archivist',
          '{ archiveRecords(search: "西安市召开电子公文交换工作会议") { id title metadataVersion correctableElements { key label value } } }',
        ),
        'archiveRecords',
      )[0] as Row;
    const r = await find();
    // Offered: what a 信息 has, in the catalogue's words; none of a document's elements.
    assert.deepEqual(
      r.correctableElements.map((e) => [e.key, e.label, e.value]),
      [
        ['title', '题名', '西安市召开电子公文交换工作会议'],
        ['orgName', '责任者', (await p.superQuery<{ name: string }>("select name from org.orgs where code = '610100'"))[0]?.name],
      ],
    );
    const CORRECT = 'mutation($id: ID!, $c: JSON!) { correctArchiveMetadata(id: $id, changes: $c, reason: "核对发布原文") { id title metadataVersion } }';
    const versions = () => p.superCount('select count(*) n from archive.metadata_versions where record_id = $1', [r.id]);
    const before = await versions();
    for (const [changes, named] of [
      [{ docNumber: '市政办发〔2026〕1号' }, ['docNumber']],
      [{ signer: '王市长' }, ['signer']],
      [{ docType: '通知' }, ['docType']],
      // With one of its own elements: refused whole, the 题名 not written either.
      [{ title: '西安市召开会议', mainTo: '各区县人民政府', disclosure: '主动公开' }, ['mainTo', 'disclosure']],
    ] as [Record<string, string>, string[]][]) {
      const res = await gql('xa.archivist', CORRECT, { id: r.id, c: changes });
      assert.equal(codeOf(res), 'NOT_AN_ELEMENT_OF_RECORD', JSON.stringify(changes));
      assert.deepEqual(res.errors?.[0]?.extensions?.elements, named);
      assert.equal(res.errors?.[0]?.extensions?.field, 'changes');
      assert.ok(res.status < 500, 'a client’s mistake, never a 5xx');
    }
    // What no record has corrected stays what it was: evidence (BAD_INPUT), as for a document.
    assert.equal(codeOf(await gql('xa.archivist', CORRECT, { id: r.id, c: { author: '张三' } })), 'BAD_INPUT');
    assert.equal(await versions(), before, 'nothing written');
    assert.deepEqual([(await find()).title, (await find()).metadataVersion], [r.title, r.metadataVersion]);
    // Its own element is corrected as a new version.
    const done = ok<{ title: string; metadataVersion: number }>(
      await gql('xa.archivist', CORRECT, { id: r.id, c: { title: '西安市召开电子公文交换工作会议（更正）' } }),
      'correctArchiveMetadata',
    );
    assert.deepEqual([done.title, done.metadataVersion], ['西安市召开电子公文交换工作会议（更正）', r.metadataVersion + 1]);
  });

  test('its package’s metadata.xml says 平件 and 非密 and leaves out a document’s elements; the package still verifies', async () => {
    const [r] = ok<{ id: string }[]>(await gql('xa.archivist', '{ archiveRecords(search: "西安市召开电子公文交换工作会议") { id } }'), 'archiveRecords');
    const pkg = ok<{ base64: string }>(
      await gql('xa.archivist', 'mutation($id: ID!) { exportArchiveRecord(id: $id) { base64 } }', { id: r?.id }),
      'exportArchiveRecord',
    );
    const zip = new Uint8Array(Buffer.from(pkg.base64, 'base64'));
    const xml = strFromU8(unzipSync(zip)['metadata.xml'] as Uint8Array);
    assert.match(xml, /<紧急程度>平件<\/紧急程度>/);
    assert.match(xml, /<密级>非密<\/密级>/);
    assert.match(xml, /<签名结果>信息不加盖印章<\/签名结果>/);
    for (const element of ['文件编号', '主送', '抄送', '签名时间', '签名人']) assert.doesNotMatch(xml, new RegExp(`<${element}>`), element);
    assert.deepEqual(
      [...xml.matchAll(/<([^/?!\s>]+)[^>]*><\/\1>/g)].map((m) => m[1]),
      [],
      'no empty element',
    );
    assert.deepEqual(readPackage(zip).problems, [], 'every digest holds');
  });

  test('the unit’s retention table decides how long its 信息 are kept; its images are filed as its attachments, checked whole', async () => {
    // 信息 is in the table from the start (10 years by default), and set like any 文种.
    const table = async () =>
      ok<{ docType: string; retention: string; own: boolean }[]>(
        await gql('xa.archivist', '{ retentionTable { docType retention own } }'),
        'retentionTable',
      ).find((e) => e.docType === '信息');
    assert.deepEqual(await table(), { docType: '信息', retention: 'Y10', own: false });
    ok(await gql('xa.archivist', 'mutation { setRetentionRule(docType: "信息", retention: "Y30") }'), 'setRetentionRule');
    assert.deepEqual(await table(), { docType: '信息', retention: 'Y30', own: true });
    const png = ringPng(40);
    const id = await published('西安市政务信息工作要点', '一、提高信息报送质量。', { images: [{ name: '要点图解.png', base64: png.toString('base64') }] });
    await waiting('xa.archivist', id);
    const r = ok<Record_>(await gql('xa.archivist', ARCHIVE, { i: id }), 'archiveInformation');
    assert.match(r.archivalNumber, /^610100-WS·\d{4}-D30-XX-0001$/, 'numbered within its class');
    assert.equal(r.retention, 'Y30');
    assert.equal(r.checkReport.passed, true, JSON.stringify(r.checkReport));
    const [kept] = await p.superQuery<{ components: { role: string; name: string; sha256: string; contentType: string }[] }>(
      'select components from archive.records where id = $1',
      [r.id],
    );
    assert.deepEqual(
      kept?.components.filter((c) => c.role === 'ATTACHMENT').map((c) => [c.name, c.contentType, c.sha256]),
      [['要点图解.png', 'image/png', createHash('sha256').update(png).digest('hex')]],
    );
    const found = (property: string, check: string) =>
      (r.checkReport[property].findings as { check: string; ok: boolean; zh: string }[]).filter((f) => f.check === check).map((f) => [f.ok, f.zh]);
    assert.deepEqual(found('integrity', 'ATTACHMENTS'), [[true, '图片齐全']]);
    assert.deepEqual(found('authenticity', 'CONTENT'), [[true, '正文即发布的正文']]);
    assert.deepEqual(found('usability', 'FORMAT')[1], [true, '要点图解.png：PNG 图像，完整']);
  });

  test('refused, writing nothing: another unit, the unit above, a clerk, an item not published, an id that is none', async () => {
    const pending = await published('西安市待审信息', '尚未审批。', { approve: false });
    const fresh = await published('西安市又一条信息', '已发布，未归档。');
    await waiting('xa.archivist', fresh);
    const before = await records();
    const cases: [string, string, string][] = [
      ['bj.admin', fresh, 'FORBIDDEN'],
      ['sxb.archivist', fresh, 'NOT_FOUND'],
      ['xa.clerk', fresh, 'FORBIDDEN'],
      ['xa.archivist', pending, 'NOT_FOUND'],
      ['xa.archivist', 'not-an-id', 'NOT_FOUND'],
      ['xa.archivist', '00000000-0000-4000-8000-000000000000', 'NOT_FOUND'],
    ];
    for (const [who, id, code] of cases) {
      const res = await gql(who, ARCHIVE, { i: id });
      assert.equal(codeOf(res), code, `${who} ${id}`);
      assert.ok(res.status < 500, 'never a 5xx');
    }
    assert.equal(await records(), before, 'nothing written');
    // Row-level security alone: under 宝鸡市's scope the application's role reads none of 西安市's 信息 records.
    const scoped = await p.scopedCount(
      { orgPath: (await p.superQuery<{ path: string }>("select path::text from org.orgs where code = '610300'"))[0]?.path as string },
      "select count(*) n from archive.records where role = 'INFORMATION'",
    );
    assert.equal(scoped, 0);
    assert.ok((await p.superCount("select count(*) n from archive.records where role = 'INFORMATION'")) >= 2, 'while they are there');
  });
});

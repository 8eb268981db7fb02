// 检查指导与限期整改 (seed 000 §23; seed 001 §5, §16) through the real gateway: 西安市 inspects 新城区 item by item, with
// a deadline for each item found wanting; 新城区 reports what it put right; 西安市 sends one back and the province
// accepts it; the inspection closes. The wrong unit, the wrong role and bad input are refused and change nothing, and
// row-level security alone hides the inspection from a sibling. A report carries its 整改材料, kept with its round and
// read by the inspected and the inspecting unit only; what waits on whom is in each person's inspectionWork.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { beijingDate, loadConfig } from '@yizhan/common';
import { migrateService } from '@yizhan/kernel';
import { tinyPdf } from '../../../test/support/files.ts';
import { asDemoUsers, codeOf, ok, type Platform, startPlatform } from '../../../test/support/harness.ts';
import { ringPng } from '../../../test/support/png.ts';
import { orgDatabase } from '../src/index.ts';

let p: Platform;
const { gql } = asDemoUsers(() => p);
const ids: Record<string, string> = {};

const FIELDS = `id orgName inspectorOrgName inspectedOn inspectors summary recordedByName recordedAt status dueCount reportedCount overdueCount
  findings { id item itemName finding status rectifyBy overdue rectification reportedAt reportedByName decidedAt decidedByName returnedReason
    steps { action words rectifyBy byName at } }`;
const RECORD = `mutation($o: ID!, $in: InspectionInput!) { recordInspection(orgId: $o, input: $in) { ${FIELDS} } }`;
const REPORT = `mutation($f: ID!, $r: String!) { reportRectification(findingId: $f, rectification: $r) { ${FIELDS} } }`;
const ACCEPT = `mutation($f: ID!) { acceptRectification(findingId: $f) { ${FIELDS} } }`;
const RETURN = `mutation($f: ID!, $r: String!, $d: String) { returnRectification(findingId: $f, reason: $r, rectifyBy: $d) { ${FIELDS} } }`;
const LIST = `query($o: ID, $open: Boolean) { inspections(orgId: $o, open: $open) { ${FIELDS} } }`;

type Finding = {
  id: string;
  item: string;
  status: string;
  overdue: boolean;
  rectifyBy: string | null;
  returnedReason: string | null;
  decidedByName: string | null;
};
type Insp = { id: string; status: string; dueCount: number; reportedCount: number; overdueCount: number; findings: Finding[] } & Record<string, unknown>;

const daysFromToday = (n: number) => beijingDate(Date.now() + n * 86_400_000);
const INPUT = {
  inspectedOn: daysFromToday(-40),
  inspectors: '孙涛、马晓燕',
  summary: '新城区电子公文传输工作总体规范。',
  findings: [
    { item: 'SYSTEMS', conforms: true, finding: '已制定收发文管理制度并上墙' },
    { item: 'EQUIPMENT', conforms: true, finding: '专用终端两台，运行正常' },
    { item: 'STAFF', conforms: false, finding: '一名收文员未经培训考核即上岗', rectifyBy: daysFromToday(-10) },
    { item: 'SECURITY', conforms: false, finding: '终端未安装防病毒软件', rectifyBy: daysFromToday(20) },
  ],
};
const countInspections = async () => p.superCount('select count(*) n from org.inspections');

before(async () => {
  p = await startPlatform({ services: ['org'] });
  for (const [k, code] of Object.entries({ xian: '610100', xincheng: '610102', beilin: '610103' })) ids[k] = await p.orgId(code);
});
after(() => p?.close());

describe('检查与限期整改', () => {
  let insp: Insp;
  const item = (i: Insp, name: string) => i.findings.find((f) => f.item === name) as Finding;

  test('西安市 records its inspection of 新城区: the wanting items have their deadlines, one already past', async () => {
    insp = ok<Insp>(await gql('xa.admin', RECORD, { o: ids.xincheng, in: INPUT }), 'recordInspection');
    assert.equal(insp.orgName, '西安市新城区人民政府');
    assert.equal(insp.inspectorOrgName, '西安市人民政府');
    assert.equal(insp.recordedByName, '孙涛', 'by name');
    assert.ok(Math.abs(Date.parse(insp.recordedAt as string) - Date.now()) < 60_000, 'recorded now');
    assert.deepEqual([insp.status, insp.dueCount, insp.reportedCount, insp.overdueCount], ['RECTIFYING', 2, 0, 1]);
    assert.deepEqual(
      insp.findings.map((f) => [f.item, f.status, f.overdue]),
      [
        ['SYSTEMS', 'CONFORMS', false],
        ['EQUIPMENT', 'CONFORMS', false],
        ['STAFF', 'DUE', true],
        ['SECURITY', 'DUE', false],
      ],
    );
    // 新城区 reads it among its own, its leader too; 西安市 among its units'; the open ones are the same.
    for (const who of ['xc.admin', 'xc.leader'])
      assert.ok(
        ok<Insp[]>(await gql(who, LIST, {}), 'inspections').some((x) => x.id === insp.id),
        `${who} reads it`,
      );
    assert.ok(ok<Insp[]>(await gql('xa.admin', LIST, { o: ids.xian, open: true }), 'inspections').some((x) => x.id === insp.id));
  });

  test('the wrong unit and the wrong role read nothing of it and record nothing', async () => {
    for (const who of ['bl.admin', 'bj.admin']) {
      assert.ok(['FORBIDDEN', 'NOT_FOUND'].includes(codeOf(await gql(who, LIST, { o: ids.xincheng })) as string), who);
      assert.equal(codeOf(await gql(who, `query($id: ID!) { inspection(id: $id) { id } }`, { id: insp.id })), 'NOT_FOUND', who);
      assert.ok(!JSON.stringify(await gql(who, LIST, {})).includes(insp.id), `${who}'s own list holds nothing of 新城区's`);
    }
    assert.equal(codeOf(await gql('xc.clerk', LIST, {})), 'FORBIDDEN', 'a clerk does not read inspections');
    assert.equal(codeOf(await gql('xc.clerk', `query($id: ID!) { inspection(id: $id) { id } }`, { id: insp.id })), 'NOT_FOUND');
    const before = await countInspections();
    // A unit does not inspect itself, a sibling or a clerk above it inspects nothing, an unknown unit is not found.
    assert.equal(codeOf(await gql('xc.admin', RECORD, { o: ids.xincheng, in: INPUT })), 'FORBIDDEN');
    assert.equal(codeOf(await gql('bl.admin', RECORD, { o: ids.xincheng, in: INPUT })), 'FORBIDDEN');
    assert.equal(codeOf(await gql('xa.clerk', RECORD, { o: ids.xincheng, in: INPUT })), 'FORBIDDEN');
    assert.equal(codeOf(await gql('xa.admin', RECORD, { o: '00000000-0000-4000-8000-000000000000', in: INPUT })), 'NOT_FOUND');
    assert.equal(codeOf(await gql('xa.admin', RECORD, { o: 'not-an-id', in: INPUT })), 'NOT_FOUND');
    assert.equal(await countInspections(), before, 'nothing recorded');
  });

  test('bad input is named by its field and records nothing', async () => {
    const before = await countInspections();
    const wrong = async (patch: object, field: string) => {
      const r = await gql('xa.admin', RECORD, { o: ids.xincheng, in: { ...INPUT, ...patch } });
      assert.equal(codeOf(r), 'BAD_INPUT', JSON.stringify(r.errors));
      assert.equal(r.errors?.[0]?.extensions?.field, field);
      assert.ok(r.status < 500);
    };
    await wrong({ inspectedOn: daysFromToday(1) }, 'inspectedOn');
    await wrong({ inspectedOn: '2026-13-01' }, 'inspectedOn');
    await wrong({ inspectors: '' }, 'inspectors');
    await wrong({ findings: [] }, 'findings');
    await wrong({ findings: [INPUT.findings[0], { item: 'SECURITY', conforms: false, finding: '无' }] }, 'findings[1].rectifyBy');
    await wrong({ findings: [INPUT.findings[0], { item: 'STAFF', conforms: false, finding: '无', rectifyBy: daysFromToday(400) }] }, 'findings[1].rectifyBy');
    await wrong({ findings: [INPUT.findings[0], INPUT.findings[0]] }, 'findings[1].item');
    await wrong({ findings: [{ item: 'DROP TABLE', conforms: true, finding: 'x' }] }, 'findings[0].item');
    await wrong({ summary: '长'.repeat(2001) }, 'summary');
    assert.equal(await countInspections(), before);
  });

  test('新城区 reports what it put right; 西安市 sends one back with a new deadline; the province accepts', async () => {
    const staff = item(insp, 'STAFF');
    const security = item(insp, 'SECURITY');
    // Only the inspected unit reports; the inspector cannot report for it, nor can its clerk or a sibling.
    for (const who of ['xa.admin', 'xc.clerk', 'bl.admin'])
      assert.ok(['FORBIDDEN', 'NOT_FOUND'].includes(codeOf(await gql(who, REPORT, { f: staff.id, r: '已培训' })) as string), who);
    assert.equal(codeOf(await gql('xc.admin', REPORT, { f: staff.id, r: '   ' })), 'BAD_INPUT');
    let now = ok<Insp>(await gql('xc.admin', REPORT, { f: staff.id, r: '王秀兰已于11月参加全市培训并考核合格' }), 'reportRectification');
    assert.equal(item(now, 'STAFF').status, 'REPORTED');
    assert.equal(item(now, 'STAFF').overdue, false, 'reported: no longer overdue');
    assert.equal(now.overdueCount, 0);
    assert.equal(codeOf(await gql('xc.admin', REPORT, { f: staff.id, r: '再次报告' })), 'ILLEGAL_TRANSITION', 'reported once');
    // The unit does not accept its own; an item not yet reported is not accepted.
    assert.equal(codeOf(await gql('xc.admin', ACCEPT, { f: staff.id })), 'FORBIDDEN');
    assert.equal(codeOf(await gql('xa.admin', ACCEPT, { f: security.id })), 'ILLEGAL_TRANSITION');
    assert.equal(codeOf(await gql('xa.admin', ACCEPT, { f: item(insp, 'SYSTEMS').id })), 'ILLEGAL_TRANSITION', 'a conforming item');
    // Sent back, with a deadline from today; a deadline in the past is refused and changes nothing.
    const back = await gql('xa.admin', RETURN, { f: staff.id, r: '请附培训考核记录', d: daysFromToday(-1) });
    assert.equal(back.errors?.[0]?.extensions?.field, 'rectifyBy');
    now = ok<Insp>(await gql('xa.admin', RETURN, { f: staff.id, r: '请附培训考核记录', d: daysFromToday(14) }), 'returnRectification');
    assert.deepEqual(
      [item(now, 'STAFF').status, item(now, 'STAFF').returnedReason, item(now, 'STAFF').rectifyBy],
      ['DUE', '请附培训考核记录', daysFromToday(14)],
    );
    ok(await gql('xc.admin', REPORT, { f: staff.id, r: '已补充培训考核记录（见附件登记表）' }), 'reportRectification');
    // The province, above 西安市, accepts; 西安市's clerk, who reads no inspection, finds none to accept.
    assert.equal(codeOf(await gql('xa.clerk', ACCEPT, { f: staff.id })), 'NOT_FOUND');
    now = ok<Insp>(await gql('sx.admin', ACCEPT, { f: staff.id }), 'acceptRectification');
    assert.deepEqual([item(now, 'STAFF').status, item(now, 'STAFF').decidedByName, item(now, 'STAFF').returnedReason], ['ACCEPTED', '赵建国', null]);
    assert.ok(
      Date.parse((item(now, 'STAFF') as unknown as { decidedAt: string }).decidedAt) > Date.parse(insp.recordedAt as string),
      'decided after it was recorded',
    );
    assert.equal(now.status, 'RECTIFYING', 'one item still due');
    // Every round is kept, oldest first, with who and when: the first report and why it was sent back stay readable.
    const steps = (item(now, 'STAFF') as unknown as { steps: { action: string; words: string | null; rectifyBy: string | null; byName: string; at: string }[] })
      .steps;
    assert.deepEqual(
      steps.map((x) => [x.action, x.words, x.rectifyBy, x.byName]),
      [
        ['REPORT', '王秀兰已于11月参加全市培训并考核合格', null, '高鹏'],
        ['RETURN', '请附培训考核记录', daysFromToday(14), '孙涛'],
        ['REPORT', '已补充培训考核记录（见附件登记表）', null, '高鹏'],
        ['ACCEPT', null, null, '赵建国'],
      ],
    );
    const times = steps.map((x) => Date.parse(x.at));
    assert.deepEqual(times, [...times].sort(), 'in the order they happened');
    ok(await gql('xc.leader', REPORT, { f: security.id, r: '已安装防病毒软件并开启自动更新' }), 'reportRectification');
    // Its deadline passed meanwhile: sent back only with a new one (else it would be overdue the moment it went back).
    await p.superQuery("update org.inspection_findings set rectify_by = (now() at time zone 'Asia/Shanghai')::date - 1 where id = $1", [security.id]);
    const late = await gql('xa.admin', RETURN, { f: security.id, r: '请补充查杀记录' });
    assert.deepEqual([codeOf(late), late.errors?.[0]?.extensions?.field], ['BAD_INPUT', 'rectifyBy']);
    now = ok<Insp[]>(await gql('xa.admin', LIST, { o: ids.xincheng }), 'inspections').find((x) => x.id === insp.id) as Insp;
    assert.equal(item(now, 'SECURITY').status, 'REPORTED', 'refused: unchanged');
    now = ok<Insp>(await gql('xa.admin', ACCEPT, { f: security.id }), 'acceptRectification');
    assert.deepEqual([now.status, now.dueCount, now.reportedCount], ['CLOSED', 0, 0]);
    assert.ok(!ok<Insp[]>(await gql('xa.admin', LIST, { o: ids.xian, open: true }), 'inspections').some((x) => x.id === insp.id), 'closed: not open');
    // What was done is in 新城区's and 西安市's audit log, in the clerks' words elsewhere; here the field names.
    const actions = await p.superQuery<{ action: string }>(
      "select action from org.audit_log where action like '%Rectification' or action = 'recordInspection'",
    );
    assert.ok(['recordInspection', 'reportRectification', 'returnRectification', 'acceptRectification'].every((a) => actions.some((x) => x.action === a)));
  });

  test('row-level security alone: under a sibling’s scope the application’s role reads no inspection of 新城区', async () => {
    const [xc, bl] = await Promise.all(
      [ids.xincheng, ids.beilin].map(
        async (id) => (await p.superQuery<{ path: string }>('select path::text from org.orgs where id = $1', [id]))[0]?.path as string,
      ),
    );
    const read = async (scope: string) =>
      Promise.all(
        ['inspections', 'inspection_findings'].map((t) =>
          p.scopedCount({ orgPath: scope }, `select count(*) n from org.${t} where org_path = $1::ltree`, [xc]),
        ),
      );
    assert.deepEqual(await read(bl as string), [0, 0]);
    const own = await read(xc as string);
    assert.ok((own[0] as number) >= 1 && (own[1] as number) >= 4, '新城区 reads its own');
  });

  test('the facts beside 人员管理: the unit’s people without a training record, by name', async () => {
    const facts = ok<{ people: number; untrained: string[]; initialPassword: string[] }>(
      await gql('xa.admin', 'query($o: ID!) { inspectionFacts(orgId: $o) { people untrained initialPassword administrators } }', { o: ids.xincheng }),
      'inspectionFacts',
    );
    assert.ok(facts.people >= 4);
    assert.ok(facts.untrained.includes('王秀兰'), 'by name');
    assert.ok(!JSON.stringify(facts).includes('xc.'), 'never by user name');
    assert.equal(codeOf(await gql('bl.admin', 'query($o: ID!) { inspectionFacts(orgId: $o) { people } }', { o: ids.xincheng })), 'FORBIDDEN');
    assert.equal(codeOf(await gql('xc.clerk', 'query($o: ID!) { inspectionFacts(orgId: $o) { people } }', { o: ids.xincheng })), 'FORBIDDEN');
  });
});

describe('rounds carried over', () => {
  test('an item with no round yet gets its rounds from what its row holds (0041, as 0038 was meant to); one with rounds keeps them', async () => {
    const findings = await p.superQuery<{ id: string; item: string }>(
      "select f.id, f.item from org.inspection_findings f join org.inspections i on i.id = f.inspection_id where i.org_id = $1 and i.inspected_on = $2 and i.summary = $3 and f.item in ('STAFF', 'SECURITY')",
      [ids.xincheng, INPUT.inspectedOn, INPUT.summary],
    );
    const idOf = (name: string) => findings.find((f) => f.item === name)?.id as string;
    const stepsOf = (id: string) =>
      p.superQuery<{ action: string; words: string | null; by_name: string }>(
        'select action, words, by_name from org.inspection_finding_steps where finding_id = $1 order by at',
        [id],
      );
    const kept = await stepsOf(idOf('SECURITY'));
    // As an item recorded before 0038 stands: its row only, no round.
    await p.superQuery('delete from org.inspection_finding_steps where finding_id = $1', [idOf('STAFF')]);
    await p.superQuery("delete from org.schema_migrations where name = '0041_finding_steps_carried'");
    await migrateService(p.db.migratorUrl, loadConfig(), orgDatabase);
    assert.deepEqual(
      (await stepsOf(idOf('STAFF'))).map((x) => [x.action, x.words, x.by_name]),
      [
        ['REPORT', '已补充培训考核记录（见附件登记表）', '高鹏'],
        ['ACCEPT', null, '赵建国'],
      ],
      'the last report and the decision, as the row held them',
    );
    assert.deepEqual(await stepsOf(idOf('SECURITY')), kept, 'an item with its rounds: none added');
    const forced = await p.superQuery<{ relname: string; relforcerowsecurity: boolean }>(
      "select relname, relforcerowsecurity from pg_class where oid in ('org.inspection_findings'::regclass, 'org.inspection_finding_steps'::regclass)",
    );
    assert.ok(forced.length === 2 && forced.every((r) => r.relforcerowsecurity), 'row-level security forced again');
  });
});

describe('整改材料 and what waits on whom', () => {
  const STEP = 'steps { id action words byName fileCount files { id name contentType size } }';
  const INSP = `id findings { id item status ${STEP} }`;
  const WORK = '{ inspectionWork { findingId inspectionId action orgName inspectorOrgName itemName rectifyBy overdue returned since } }';
  type Step = { id: string; action: string; fileCount: number; files: { id: string; name: string; contentType: string; size: number }[] };
  type Item = { id: string; item: string; status: string; steps: Step[] };
  type Work = { findingId: string; action: string; orgName: string; inspectorOrgName: string; itemName: string; returned: boolean; since: string };
  const b64 = (b: Buffer) => b.toString('base64');
  const png = ringPng(24);
  const pdf = tinyPdf('新城区终端防病毒整改报告');
  const FILE = 'query($id: ID!) { rectificationFile(id: $id) { name contentType size base64 } }';
  const REPORT_FILES = `mutation($f: ID!, $r: String!, $files: [RectificationFileInput!]) { reportRectification(findingId: $f, rectification: $r, files: $files) { ${INSP} } }`;
  const countFiles = () => p.superCount('select count(*) n from org.inspection_finding_files');
  const workOf = async (who: string, findingId: string) => ok<Work[]>(await gql(who, WORK), 'inspectionWork').filter((w) => w.findingId === findingId);
  let security: string;
  let staff: string;

  test('a new inspection waits on 新城区’s administrators and leaders, not on 西安市 nor a clerk', async () => {
    const made = ok<{ id: string; findings: Item[] }>(
      await gql('xa.admin', `mutation($o: ID!, $in: InspectionInput!) { recordInspection(orgId: $o, input: $in) { ${INSP} } }`, {
        o: ids.xincheng,
        in: {
          ...INPUT,
          inspectedOn: daysFromToday(-1),
          findings: [
            { item: 'SECURITY', conforms: false, finding: '终端防病毒软件过期', rectifyBy: daysFromToday(10) },
            { item: 'STAFF', conforms: false, finding: '收文员未登记培训考核', rectifyBy: daysFromToday(10) },
          ],
        },
      }),
      'recordInspection',
    );
    [security, staff] = made.findings.map((f) => f.id) as [string, string];
    for (const who of ['xc.admin', 'xc.leader']) {
      const [w] = await workOf(who, security);
      assert.deepEqual(
        [w?.action, w?.orgName, w?.inspectorOrgName, w?.itemName, w?.returned],
        ['REPORT', '西安市新城区人民政府', '西安市人民政府', '安全措施', false],
        who,
      );
    }
    for (const who of ['xa.admin', 'sx.admin', 'bl.admin']) assert.deepEqual(await workOf(who, security), [], `${who}: nothing to do yet`);
    assert.deepEqual(ok<Work[]>(await gql('xc.clerk', WORK), 'inspectionWork'), [], 'a clerk has none (and no refusal)');
  });

  test('a report that carries a file of a kind not taken, not whole or infected is refused, naming the file, and keeps nothing', async () => {
    const before = await countFiles();
    const refused = async (files: { name: string; base64: string }[], code: string, field: string) => {
      const r = await gql('xc.admin', REPORT_FILES, { f: security, r: '已更新', files });
      assert.deepEqual([codeOf(r), r.errors?.[0]?.extensions?.field], [code, field], JSON.stringify(r.errors));
    };
    await refused(
      [
        { name: '整改报告.pdf', base64: b64(pdf) },
        { name: '补丁.exe', base64: b64(Buffer.from('MZ')) },
      ],
      'RECTIFICATION_FILE_REFUSED',
      'files[1]',
    );
    await refused([{ name: '整改报告.pdf', base64: b64(Buffer.from('只是文字')) }], 'RECTIFICATION_FILE_REFUSED', 'files[0]');
    await refused([{ name: '照片.png', base64: b64(png.subarray(0, 30)) }], 'RECTIFICATION_FILE_REFUSED', 'files[0]');
    await refused(
      [{ name: '报告.pdf', base64: b64(tinyPdf('X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*')) }],
      'FILE_INFECTED',
      'files[0]',
    );
    await refused(Array(6).fill({ name: 'a.pdf', base64: b64(pdf) }), 'BAD_INPUT', 'files');
    // Another unit's caller is told it may not before anything of its files is looked at.
    const r = await gql('bl.admin', REPORT_FILES, { f: security, r: '越界', files: [{ name: 'a.pdf', base64: b64(pdf) }] });
    assert.equal(codeOf(r), 'NOT_FOUND');
    assert.equal(await countFiles(), before, 'no file kept');
    assert.equal((await workOf('xc.admin', security))[0]?.action, 'REPORT', 'still due');
  });

  test('新城区 reports with a photo and its scanned report: kept with that round, read by 新城区 and 西安市 only', async () => {
    const now = ok<{ findings: Item[] }>(
      await gql('xc.admin', REPORT_FILES, {
        f: security,
        r: '已升级防病毒软件并设为每日自动更新',
        files: [
          { name: '终端截图.png', base64: b64(png) },
          { name: '整改报告.pdf', base64: b64(pdf) },
        ],
      }),
      'reportRectification',
    );
    const step = now.findings.find((f) => f.id === security)?.steps.at(-1) as Step;
    assert.deepEqual(
      [step.action, step.fileCount, step.files.map((f) => [f.name, f.contentType, f.size])],
      [
        'REPORT',
        2,
        [
          ['终端截图.png', 'image/png', png.length],
          ['整改报告.pdf', 'application/pdf', pdf.length],
        ],
      ],
    );
    // The inspected unit's leader and the inspecting unit's administrator download them, byte for byte.
    for (const who of ['xc.leader', 'xa.admin']) {
      const got = ok<{ name: string; base64: string }>(await gql(who, FILE, { id: step.files[1]?.id }), 'rectificationFile');
      assert.deepEqual([got.name, Buffer.from(got.base64, 'base64').equals(pdf)], ['整改报告.pdf', true], who);
    }
    // The province reads the round (and that it carried two files) but not the files; a sibling, a clerk: nothing.
    for (const who of ['sx.admin', 'bl.admin', 'xc.clerk', 'xa.clerk']) assert.equal(codeOf(await gql(who, FILE, { id: step.files[0]?.id })), 'NOT_FOUND', who);
    const seen = ok<{ findings: Item[] }[]>(await gql('sx.admin', `query($o: ID) { inspections(orgId: $o) { ${INSP} } }`, { o: ids.xincheng }), 'inspections')
      .flatMap((i) => i.findings)
      .find((f) => f.id === security) as Item;
    assert.deepEqual([seen.steps.at(-1)?.fileCount, seen.steps.at(-1)?.files], [2, []]);
    assert.equal(codeOf(await gql('xa.admin', FILE, { id: 'not-an-id' })), 'NOT_FOUND');
    // It now waits on 西安市 (to accept or send back), no longer on 新城区; not on the province above 西安市.
    assert.equal((await workOf('xa.admin', security))[0]?.action, 'DECIDE');
    for (const who of ['xc.admin', 'sx.admin']) assert.deepEqual(await workOf(who, security), [], who);
  });

  test('sent back, it waits on 新城区 again, marked so; the second report keeps its own file beside the first’s; accepted, it waits on nobody', async () => {
    ok(await gql('xa.admin', RETURN, { f: security, r: '请附查杀日志', d: daysFromToday(15) }), 'returnRectification');
    const [back] = await workOf('xc.admin', security);
    assert.deepEqual([back?.action, back?.returned], ['REPORT', true]);
    assert.deepEqual(await workOf('xa.admin', security), []);
    const now = ok<{ findings: Item[] }>(
      await gql('xc.admin', REPORT_FILES, { f: security, r: '已补查杀日志', files: [{ name: '查杀日志.pdf', base64: b64(tinyPdf('日志')) }] }),
      'reportRectification',
    );
    const steps = now.findings.find((f) => f.id === security)?.steps as Step[];
    assert.deepEqual(
      steps.map((x) => [x.action, x.fileCount, x.files.map((f) => f.name)]),
      [
        ['REPORT', 2, ['终端截图.png', '整改报告.pdf']],
        ['RETURN', 0, []],
        ['REPORT', 1, ['查杀日志.pdf']],
      ],
    );
    // A report without files carries none.
    const plain = ok<{ findings: Item[] }>(await gql('xc.admin', REPORT_FILES, { f: staff, r: '已培训' }), 'reportRectification');
    assert.equal(plain.findings.find((f) => f.id === staff)?.steps.at(-1)?.fileCount, 0);
    ok(await gql('xa.admin', ACCEPT, { f: security }), 'acceptRectification');
    for (const who of ['xa.admin', 'xc.admin']) assert.deepEqual(await workOf(who, security), [], who);
    // The files' bytes are not in the audit log: the arguments keep their names only.
    const [entry] = await p.superQuery<{ detail: string }>(
      "select detail::text from org.audit_log where action = 'reportRectification' and detail::text like '%查杀日志.pdf%' order by id desc limit 1",
    );
    assert.ok(entry, 'the report is in the audit log, its file named');
    assert.ok(!entry.detail.includes(b64(tinyPdf('日志')).slice(0, 40)), 'no bytes in the audit log');
  });

  test('row-level security alone: the files are read under 新城区’s and 西安市’s scope, not the province’s or a sibling’s; none is changed', async () => {
    const path = async (code: string) =>
      (await p.superQuery<{ path: string }>('select path::text from org.orgs where id = $1', [await p.orgId(code)]))[0]?.path as string;
    const q = `select count(*) n from org.inspection_finding_files x join org.inspection_finding_steps s on s.id = x.step_id where s.finding_id = $1`;
    const under = async (code: string) => p.scopedCount({ orgPath: await path(code) }, q, [security]);
    assert.equal(await under('610102'), 3, '新城区');
    assert.equal(await under('610100'), 3, '西安市, which inspected it');
    assert.equal(await under('610000'), 0, 'the province above 西安市');
    assert.equal(await under('610103'), 0, '碑林区');
    // Kept as sent: nothing of a file changes, and none is removed (not even underneath the application).
    await assert.rejects(p.superQuery("update org.inspection_finding_files set name = '改名.pdf' where name = '查杀日志.pdf'"), /kept as they were sent/);
    await assert.rejects(p.superQuery("delete from org.inspection_finding_files where name = '查杀日志.pdf'"), /kept as they were sent/);
  });
});

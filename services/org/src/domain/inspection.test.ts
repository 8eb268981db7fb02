import assert from 'node:assert/strict';
import { test } from 'node:test';
import { docxOf, para } from '../../../../test/support/docx.ts';
import { tinyPdf } from '../../../../test/support/files.ts';
import { ringPng, tinyJpeg } from '../../../../test/support/png.ts';
import { refusalOf } from '../../../../test/support/refusal.ts';
import {
  canDecide,
  canInspect,
  canReadInspections,
  canReadRectificationFiles,
  canRectify,
  checkInspection,
  checkRectificationFiles,
  decidingUnitPath,
  inspectionStatus,
  isOverdue,
  MAX_RECTIFICATION_FILE_BYTES,
  nextStatus,
  workKinds,
  workOf,
} from './inspection.ts';

const INPUT = {
  inspectedOn: '2026-11-20',
  inspectors: '孙涛、马晓燕',
  summary: ' 总体良好 ',
  findings: [
    { item: 'SYSTEMS', conforms: true, finding: '制度齐全' },
    { item: 'STAFF', conforms: false, finding: '两名收文员未经培训考核上岗', rectifyBy: '2026-12-20' },
  ],
};

test('an inspection is checked item by item: the wanting one has its deadline, the one that conforms none', () => {
  const c = checkInspection(INPUT, '2026-12-06');
  assert.equal(c.summary, '总体良好');
  assert.deepEqual(
    c.findings.map((f) => [f.position, f.item, f.status, f.rectifyBy]),
    [
      [1, 'SYSTEMS', 'CONFORMS', null],
      [2, 'STAFF', 'DUE', '2026-12-20'],
    ],
  );
});

test('what is wrong is named by its field', () => {
  const f = (patch: object, finding?: object) =>
    refusalOf(() => checkInspection({ ...INPUT, ...patch, findings: finding ? [INPUT.findings[0]!, finding] : INPUT.findings } as never, '2026-12-06'));
  assert.deepEqual(f({ inspectedOn: '2026-12-07' }), ['BAD_INPUT', 'inspectedOn'], 'not a day to come');
  assert.deepEqual(f({ inspectedOn: '2026-02-30' }), ['BAD_INPUT', 'inspectedOn']);
  assert.deepEqual(f({ inspectors: '  ' }), ['BAD_INPUT', 'inspectors']);
  assert.deepEqual(f({ inspectors: '甲\n乙' }), ['BAD_INPUT', 'inspectors']);
  assert.deepEqual(f({}, { item: 'COFFEE', conforms: true, finding: 'x' }), ['BAD_INPUT', 'findings[1].item']);
  assert.deepEqual(f({}, { item: 'SYSTEMS', conforms: true, finding: '又一次' }), ['BAD_INPUT', 'findings[1].item'], 'an item twice');
  assert.deepEqual(f({}, { item: 'SECURITY', conforms: false, finding: '无杀毒软件' }), ['BAD_INPUT', 'findings[1].rectifyBy'], '限期: a deadline');
  assert.deepEqual(f({}, { item: 'SECURITY', conforms: false, finding: 'x', rectifyBy: '2026-11-19' }), ['BAD_INPUT', 'findings[1].rectifyBy'], 'before it');
  assert.deepEqual(f({}, { item: 'SECURITY', conforms: false, finding: 'x', rectifyBy: '2027-12-01' }), ['BAD_INPUT', 'findings[1].rectifyBy'], 'over a year');
  assert.deepEqual(f({}, { item: 'SECURITY', conforms: true, finding: 'x', rectifyBy: '2026-12-01' }), ['BAD_INPUT', 'findings[1].rectifyBy']);
  assert.deepEqual(f({}, { item: 'SECURITY', conforms: true, finding: '' }), ['BAD_INPUT', 'findings[1].finding']);
  assert.deepEqual(
    refusalOf(() => checkInspection({ ...INPUT, findings: [] }, '2026-12-06')),
    ['BAD_INPUT', 'findings'],
  );
  // 其他 may be recorded more than once.
  const others = checkInspection(
    {
      ...INPUT,
      findings: [
        { item: 'OTHER', conforms: true, finding: 'a' },
        { item: 'OTHER', conforms: true, finding: 'b' },
      ],
    },
    '2026-12-06',
  );
  assert.equal(others.findings.length, 2);
});

test('a superior inspects the units below it; the unit itself answers; a sibling neither', () => {
  const xa = { orgPath: 'p61.c6101', roles: ['ADMIN', 'SUPERVISOR'] };
  assert.ok(canInspect(xa, 'p61.c6101.k610102'));
  assert.ok(!canInspect(xa, 'p61.c6101'), 'never itself');
  assert.ok(!canInspect(xa, 'p61.c61011'), 'a path that only begins alike');
  assert.ok(!canInspect({ orgPath: 'p61.c6101', roles: ['CLERK'] }, 'p61.c6101.k610102'), 'not a clerk');
  const xc = { orgPath: 'p61.c6101.k610102', roles: ['ADMIN'] };
  assert.ok(canRectify(xc, 'p61.c6101.k610102'));
  assert.ok(!canRectify(xa, 'p61.c6101.k610102'), 'the inspector does not answer for the unit');
  assert.ok(!canRectify({ orgPath: 'p61.c6101.k610102', roles: ['CLERK'] }, 'p61.c6101.k610102'));
  assert.ok(canReadInspections(xa, 'p61.c6101.k610102') && canReadInspections(xc, 'p61.c6101.k610102'));
  assert.ok(!canReadInspections({ orgPath: 'p61.c6101.k610103', roles: ['ADMIN'] }, 'p61.c6101.k610102'));
  // Accepted or sent back by a unit above the inspected one (the inspector, one above it, its superior after a move);
  // never by the unit inspected, a sibling or a leader.
  assert.ok(canDecide(xa, 'p61.c6101.k610102'));
  assert.ok(canDecide({ orgPath: 'p61', roles: ['ADMIN'] }, 'p61.c6101.k610102'));
  assert.ok(!canDecide(xc, 'p61.c6101.k610102'));
  assert.ok(!canDecide({ orgPath: 'p61.c6101.k610103', roles: ['ADMIN'] }, 'p61.c6101.k610102'));
  assert.ok(!canDecide({ orgPath: 'p61.c6101', roles: ['LEADER'] }, 'p61.c6101.k610102'));
});

test('an item found wanting is reported, then accepted or sent back; nothing else moves', () => {
  assert.equal(nextStatus('DUE', 'REPORT'), 'REPORTED');
  assert.equal(nextStatus('REPORTED', 'ACCEPT'), 'ACCEPTED');
  assert.equal(nextStatus('REPORTED', 'RETURN'), 'DUE');
  for (const [s, a] of [
    ['CONFORMS', 'REPORT'],
    ['DUE', 'ACCEPT'],
    ['ACCEPTED', 'RETURN'],
    ['ACCEPTED', 'REPORT'],
  ] as const)
    assert.equal(refusalOf(() => nextStatus(s, a))[0], 'ILLEGAL_TRANSITION', `${s} ${a}`);
  assert.ok(isOverdue({ status: 'DUE', rectifyBy: '2026-12-05' }, '2026-12-06'));
  assert.ok(!isOverdue({ status: 'DUE', rectifyBy: '2026-12-06' }, '2026-12-06'), 'the deadline day itself is in time');
  assert.ok(!isOverdue({ status: 'REPORTED', rectifyBy: '2026-12-01' }, '2026-12-06'));
  assert.equal(inspectionStatus([{ status: 'CONFORMS' }, { status: 'REPORTED' }]), 'RECTIFYING');
  assert.equal(inspectionStatus([{ status: 'CONFORMS' }, { status: 'ACCEPTED' }]), 'CLOSED');
});

const XA = 'p61.c6101';
const XC = 'p61.c6101.k610102';

test('a reported item waits on the inspecting unit; after a move took the unit from under it, on its new superior', () => {
  assert.equal(decidingUnitPath({ unitPath: XC, inspectorPath: XA }), XA);
  assert.equal(decidingUnitPath({ unitPath: XC, inspectorPath: 'p61' }), 'p61', 'the province inspected it: the province decides');
  // 新城区 moved under 宝鸡市: 西安市 stands above it no more; 宝鸡市 decides.
  assert.equal(decidingUnitPath({ unitPath: 'p61.c6103.k610102', inspectorPath: XA }), 'p61.c6103');
  assert.equal(decidingUnitPath({ unitPath: XC, inspectorPath: null }), XA, 'an inspector no longer found: the unit directly above');
});

test('what waits on whom: the unit’s administrators and leaders report; the deciding unit’s administrators and supervisors decide', () => {
  const due = { status: 'DUE' as const, unitPath: XC, inspectorPath: XA };
  const reported = { ...due, status: 'REPORTED' as const };
  assert.equal(workOf({ orgPath: XC, roles: ['ADMIN'] }, due), 'REPORT');
  assert.equal(workOf({ orgPath: XC, roles: ['LEADER'] }, due), 'REPORT');
  assert.equal(workOf({ orgPath: XC, roles: ['CLERK'] }, due), null, 'not a clerk');
  assert.equal(workOf({ orgPath: XA, roles: ['ADMIN'] }, due), null, 'the inspector waits for the report');
  assert.equal(workOf({ orgPath: XA, roles: ['SUPERVISOR'] }, reported), 'DECIDE');
  assert.equal(workOf({ orgPath: XA, roles: ['LEADER'] }, reported), null, 'a leader does not decide');
  assert.equal(workOf({ orgPath: XC, roles: ['ADMIN'] }, reported), null, 'the unit waits for the decision');
  // The province may decide too (canDecide), but the item waits on the inspecting unit, not on every unit above it.
  assert.equal(workOf({ orgPath: 'p61', roles: ['ADMIN'] }, reported), null);
  assert.equal(workOf({ orgPath: 'p61.c6101.k610103', roles: ['ADMIN'] }, reported), null, 'a sibling');
  for (const status of ['CONFORMS', 'ACCEPTED'] as const)
    for (const orgPath of [XA, XC]) assert.equal(workOf({ orgPath, roles: ['ADMIN', 'LEADER', 'SUPERVISOR'] }, { ...due, status }), null);
  // The kinds asked of the store agree: a leader reports, a supervisor decides, an administrator both, a clerk neither.
  assert.deepEqual(
    [['LEADER'], ['SUPERVISOR'], ['ADMIN'], ['CLERK']].map((roles) => workKinds({ orgPath: XC, roles })),
    [
      { report: true, decide: false },
      { report: false, decide: true },
      { report: true, decide: true },
      { report: false, decide: false },
    ],
  );
});

test('整改材料 are read in the inspected unit and in the deciding unit, by those who read inspections; nowhere else', () => {
  const f = { unitPath: XC, inspectorPath: XA };
  assert.ok(canReadRectificationFiles({ orgPath: XC, roles: ['LEADER'] }, f));
  assert.ok(canReadRectificationFiles({ orgPath: XA, roles: ['SUPERVISOR'] }, f));
  assert.ok(!canReadRectificationFiles({ orgPath: XC, roles: ['CLERK'] }, f), 'not a clerk');
  assert.ok(!canReadRectificationFiles({ orgPath: 'p61', roles: ['ADMIN'] }, f), 'not the province above the inspector');
  assert.ok(!canReadRectificationFiles({ orgPath: 'p61.c6101.k610103', roles: ['ADMIN'] }, f), 'not a sibling');
  assert.ok(canReadRectificationFiles({ orgPath: 'p61.c6103', roles: ['ADMIN'] }, { unitPath: 'p61.c6103.k610102', inspectorPath: XA }), 'after a move');
});

const b64 = (b: Buffer) => b.toString('base64');

test('整改材料: photos, PDF and Word are taken, each by its name’s kind and checked whole', () => {
  const files = checkRectificationFiles([
    { name: '终端杀毒记录.png', base64: b64(ringPng(16)) },
    { name: '现场照片.JPG', base64: b64(tinyJpeg()) },
    { name: '整改报告.pdf', base64: b64(tinyPdf('整改')) },
    { name: '培训考核登记表.docx', base64: b64(docxOf([para('王秀兰 合格')])) },
    { name: '台账.doc', base64: b64(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0])) },
  ]);
  assert.deepEqual(
    files.map((f) => [f.name, f.contentType]),
    [
      ['终端杀毒记录.png', 'image/png'],
      ['现场照片.JPG', 'image/jpeg'],
      ['整改报告.pdf', 'application/pdf'],
      ['培训考核登记表.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
      ['台账.doc', 'application/msword'],
    ],
  );
  assert.match(files[0]?.sha256 ?? '', /^[0-9a-f]{64}$/);
  assert.deepEqual(checkRectificationFiles(null), []);
  assert.deepEqual(checkRectificationFiles([]), []);
});

test('整改材料: a kind not taken, a file not what its name says or cut short, too many or too large, each refused by its file', () => {
  const one = (name: string, content: Buffer) =>
    refusalOf(() =>
      checkRectificationFiles([
        { name: 'ok.pdf', base64: b64(tinyPdf('a')) },
        { name, base64: b64(content) },
      ]),
    );
  assert.deepEqual(one('setup.exe', Buffer.from('MZ')), ['RECTIFICATION_FILE_REFUSED', 'files[1]']);
  assert.deepEqual(one('说明', Buffer.from('x')), ['RECTIFICATION_FILE_REFUSED', 'files[1]'], 'no ending');
  assert.deepEqual(one('整改报告.pdf', Buffer.from('只是文字')), ['RECTIFICATION_FILE_REFUSED', 'files[1]'], 'a text renamed .pdf');
  assert.deepEqual(one('照片.png', ringPng(16).subarray(0, 40)), ['RECTIFICATION_FILE_REFUSED', 'files[1]'], 'cut short');
  assert.deepEqual(one('台账.xls', Buffer.from('PK')), ['RECTIFICATION_FILE_REFUSED', 'files[1]'], 'not a compound file');
  assert.deepEqual(one('', tinyPdf('b')), ['BAD_INPUT', 'files[1].name']);
  assert.deepEqual(one('a/b.pdf', tinyPdf('b')), ['BAD_INPUT', 'files[1].name']);
  const pdf = { name: 'a.pdf', base64: b64(tinyPdf('a')) };
  assert.deepEqual(
    refusalOf(() => checkRectificationFiles(Array(6).fill(pdf))),
    ['BAD_INPUT', 'files'],
  );
  assert.deepEqual(
    refusalOf(() => checkRectificationFiles([{ name: 'a.pdf', base64: '***' }])),
    ['BAD_INPUT', 'files[0]'],
    'not base64',
  );
  // One file over 10 MB; three of 8 MB, over 20 MB together (measured before they are decoded).
  const big = (bytes: number) => ({ name: 'big.pdf', base64: 'A'.repeat(Math.ceil(bytes / 3) * 4) });
  assert.deepEqual(
    refusalOf(() => checkRectificationFiles([big(MAX_RECTIFICATION_FILE_BYTES + 3)])),
    ['TOO_LARGE', 'files[0]'],
  );
  assert.deepEqual(
    refusalOf(() => checkRectificationFiles([big(8 << 20), big(8 << 20), big(8 << 20)])),
    ['TOO_LARGE', 'files'],
  );
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { refusalOf } from '../../../../test/support/refusal.ts';
import { canDecide, canInspect, canReadInspections, canRectify, checkInspection, inspectionStatus, isOverdue, nextStatus } from './inspection.ts';

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

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { plannedRecipients } from './planned-recipients.ts';

const routed = {
  orgIds: ['c', 'a', 'b', 'd'],
  paths: ['p.c3', 'p.c1', 'p.c2', 'p.c4'],
  names: ['丙县', '甲县', '乙县', '丁县'],
  roles: ['MAIN', 'MAIN', 'CC', 'MAIN'] as ('MAIN' | 'CC')[],
  printQuotas: [1, 2, 1, 1],
  allowed: [true, true, true, false],
  refusals: [{ orgId: 'd', rule: '不得越级行文' }],
};

test('the refused come first, then the org tree’s order; the counts cover every unit', () => {
  const p = plannedRecipients(routed);
  assert.deepEqual(
    p.units.map((u) => [u.name, u.role, u.printQuota, u.refused, u.refusalRule]),
    [
      ['丁县', 'MAIN', 1, true, '不得越级行文'],
      ['甲县', 'MAIN', 2, false, null],
      ['乙县', 'CC', 1, false, null],
      ['丙县', 'MAIN', 1, false, null],
    ],
  );
  assert.deepEqual([p.count, p.mainCount, p.ccCount, p.refusedCount], [4, 3, 1, 1]);
});

test('only the first rows are listed; the counts stay whole', () => {
  const p = plannedRecipients(routed, 2);
  assert.deepEqual(
    p.units.map((u) => u.name),
    ['丁县', '甲县'],
  );
  assert.equal(p.count, 4);
});

test('no recipients: nothing listed, all counts zero', () => {
  const p = plannedRecipients({ orgIds: [], paths: [], names: [], roles: [], printQuotas: [], allowed: [], refusals: [] });
  assert.deepEqual(p, { count: 0, mainCount: 0, ccCount: 0, refusedCount: 0, units: [] });
});

// 统计's map (web/lib/unit-tree.ts): every unit of the subtree is drawn, those with no document in the period in grey
// and in words, each under the nearest unit above it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { IDLE_COLOR, type MappedUnit, unitTree } from '../web/lib/unit-tree.ts';

const words = {
  active: (u: MappedUnit) => `${u.name}\n签收及时率`,
  idle: (name: string) => `${name}\n该期间无收发文`,
  color: (band: string) => `band-${band}`,
};
const unit = (orgId: string, path: string, received: number, band = 'GOOD'): MappedUnit => ({ orgId, name: orgId, path, received, band, signRate: 1 });

test('a quiet county is drawn in grey with words, under its city; a unit with figures is not drawn twice', () => {
  const tree = unitTree(
    [unit('西安市', 'p61.c6101', 3), unit('新城区', 'p61.c6101.k610102', 2, 'POOR')],
    [
      { id: '西安市', name: '西安市', path: 'p61.c6101' },
      { id: '新城区', name: '新城区', path: 'p61.c6101.k610102' },
      { id: '阎良区', name: '阎良区', path: 'p61.c6101.k610114' },
      { id: '宝鸡市', name: '宝鸡市', path: 'p61.c6103' },
    ],
    words,
  );
  assert.deepEqual(
    tree.map((n) => n.name),
    ['西安市\n签收及时率', '宝鸡市\n该期间无收发文'],
  );
  const xa = tree[0]!;
  assert.equal(xa.value, 3);
  assert.equal(xa.itemStyle.color, 'band-GOOD');
  assert.deepEqual(
    xa.children?.map((n) => [n.name, n.itemStyle.color, n.value]),
    [
      ['新城区\n签收及时率', 'band-POOR', 2],
      ['阎良区\n该期间无收发文', IDLE_COLOR, 1],
    ],
  );
  assert.equal(tree[1]?.label?.color, '#333', 'dark words on the light grey');
});

test('with no figures at all, the subtree is still drawn, all quiet', () => {
  const tree = unitTree(
    [],
    [
      { id: 'a', name: '陕西省', path: 'p61' },
      { id: 'b', name: '西安市', path: 'p61.c6101' },
    ],
    words,
  );
  assert.equal(tree.length, 1);
  assert.equal(tree[0]?.children?.[0]?.name, '西安市\n该期间无收发文');
});

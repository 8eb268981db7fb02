// 统计's map (web/lib/unit-tree.ts): every unit of the subtree is drawn, those with no document in the period in grey
// and in words, each under the nearest unit above it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { IDLE_COLOR, type MappedUnit, unitTree } from '../web/lib/unit-tree.ts';

const words = {
  active: (u: MappedUnit) => `${u.name}\n签收及时率`,
  idle: (name: string) => `${name}\n该期间无收发文`,
  color: (band: string) => `band-${band}`,
  own: (name: string) => `${name}（本级）`,
};
const unit = (orgId: string, path: string, received: number, band = 'GOOD'): MappedUnit => ({ orgId, name: orgId, path, received, band, signRate: 1 });

test("a quiet county is drawn in grey with words, in its city's frame beside the city's own tile; a unit with figures is not drawn twice", () => {
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
    ['西安市', '宝鸡市\n该期间无收发文'],
  );
  const xa = tree[0]!;
  assert.deepEqual(
    xa.children?.map((n) => [n.name, n.itemStyle.color, n.value]),
    [
      ['西安市（本级）\n签收及时率', 'band-GOOD', 3],
      ['新城区\n签收及时率', 'band-POOR', 2],
      ['阎良区\n该期间无收发文', IDLE_COLOR, 1],
    ],
  );
  assert.equal(tree[1]?.label?.color, '#333', 'dark words on the light grey');
});

test('a frame is worth all it holds, so its tiles are laid out inside it (a treemap spills children worth more than their parent)', () => {
  // The screen that showed it: 西安市 with one document and sixteen quiet units below it.
  const quiet = Array.from({ length: 16 }, (_, i) => ({ id: `q${i}`, name: `区${i}`, path: `p61.c6101.k${i}` }));
  const tree = unitTree([unit('西安市', 'p61.c6101', 1), unit('新城区', 'p61.c6101.k610102', 1)], quiet, words);
  const sum = (n: { value: number; children?: { value: number }[] }): boolean =>
    !n.children || (n.value === n.children.reduce((s, c) => s + c.value, 0) && n.children.every(sum));
  assert.equal(tree[0]?.value, 18);
  assert.ok(tree.every(sum));
  // Deeper frames too: a county with a township below it.
  const deep = unitTree([unit('西安市', 'p61.c6101', 4), unit('新城区', 'p61.c6101.k1', 2), unit('镇', 'p61.c6101.k1.t1', 5)], [], words);
  assert.equal(deep[0]?.value, 11);
  assert.deepEqual(
    deep[0]?.children?.[1]?.children?.map((n) => n.name),
    ['新城区（本级）\n签收及时率', '镇\n签收及时率'],
  );
  assert.ok(deep.every(sum));
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
  assert.deepEqual(
    tree[0]?.children?.map((n) => n.name),
    ['陕西省（本级）\n该期间无收发文', '西安市\n该期间无收发文'],
  );
});

// 印章档案 in words: each event of a seal's register says what happened and what it names, in Chinese (and English),
// never the platform's codes or JSON.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { en } from '../web/lib/i18n-en.ts';
import { SEAL_EVENT, sealEventWords } from '../web/lib/seal-register.ts';

const zh = (s: string, vars?: Record<string, string | number>) => (vars ? s.replace(/\{(\w+)\}/g, (_, k) => String(vars[k] ?? '')) : s);
const english = (s: string, vars?: Record<string, string | number>) => zh(en[s] ?? s, vars);

test('a seal’s register reads as a records clerk files it: what happened, by whom, and what it names', () => {
  assert.deepEqual(sealEventWords(zh, 'MADE', JSON.stringify({ custodians: ['周芳', '吴刚'], certificate: '67813f32' })), {
    what: '制作完成',
    note: '保管人：周芳、吴刚',
  });
  assert.deepEqual(
    sealEventWords(zh, 'MADE', JSON.stringify({ custodians: ['周芳', '吴刚'], witnesses: [{ party: 'OWNING_UNIT', name: '高鹏', post: '印章管理员' }] })),
    { what: '制作完成', note: '保管人：周芳、吴刚 · 在场人员：印章所属单位 高鹏（印章管理员）' },
  );
  assert.deepEqual(sealEventWords(zh, 'CUSTODY_ACCEPTED', '{"share":"A"}'), { what: '保管人接管', note: '第一保管份额' });
  assert.deepEqual(sealEventWords(zh, 'USED', JSON.stringify({ title: '关于年终检查的通知', custodians: ['杨丽', '黄海燕'] })), {
    what: '用印',
    note: '《关于年终检查的通知》 · 保管人：杨丽、黄海燕',
  });
  const destroyed = sealEventWords(
    zh,
    'DESTROYED',
    JSON.stringify({
      reason: null,
      witnesses: [
        { name: '王建军', post: '市政府办公厅副主任', party: 'GOVERNMENT_OFFICE' },
        { name: '李明', post: '电子政务办公室主任', party: 'EGOV_OFFICE' },
        { name: '高鹏', post: '印章管理员', party: 'OWNING_UNIT' },
      ],
    }),
  );
  assert.equal(destroyed.what, '销毁');
  assert.equal(destroyed.note, '在场人员：政府办公室 王建军（市政府办公厅副主任）；电子政务办公室 李明（电子政务办公室主任）；印章所属单位 高鹏（印章管理员）');
  assert.doesNotMatch(`${destroyed.what} ${destroyed.note}`, /GOVERNMENT_OFFICE|[{}"]/, 'no codes, no JSON');
  assert.deepEqual(sealEventWords(zh, 'LOST', JSON.stringify({ reason: 'U盾遗失', witnesses: [] })), { what: '报告印章遗失', note: '原因：U盾遗失' });
  // Every event has its words in both languages.
  for (const [action, words] of Object.entries(SEAL_EVENT)) {
    assert.ok(en[words], `${action}: ${words} has English`);
    assert.notEqual(sealEventWords(english, action, '{}').what, action);
  }
});

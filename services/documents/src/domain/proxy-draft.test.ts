// A draft taken from a unit's Word draft (代拟稿): its title, 文种 and 主送.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { docTypeOfTitle, proxyDraftFields } from './proxy-draft.ts';

test('the 文种 is the one the title ends with, a note in brackets after it allowed; a 复函 is a 函', () => {
  assert.equal(docTypeOfTitle('西安市新城区人民政府办公室关于印发冬季防火工作方案的通知'), '通知');
  assert.equal(docTypeOfTitle('关于做好春运工作的通知（第二批）'), '通知');
  assert.equal(docTypeOfTitle('关于召开防汛工作会议的会议通知'), '会议通知');
  assert.equal(docTypeOfTitle('关于商请支持的复函'), '函');
  assert.equal(docTypeOfTitle('关于商请支持的函'), '函');
  assert.equal(docTypeOfTitle('关于某地灾情的报告'), '报告');
  assert.equal(docTypeOfTitle('冬季防火工作方案'), null);
  assert.equal(docTypeOfTitle('关于某事的说明'), null);
});

test('the Word draft’s own title and 主送; without a title line, the file’s name', () => {
  assert.deepEqual(proxyDraftFields({ title: '关于加强冬季防火工作的意见', mainTo: '各街道办事处' }, '代拟稿.docx'), {
    title: '关于加强冬季防火工作的意见',
    docType: '意见',
    mainTo: '各街道办事处',
  });
  assert.deepEqual(proxyDraftFields({ title: null, mainTo: null }, '冬季防火工作方案（代拟稿）.DOCX'), {
    title: '冬季防火工作方案（代拟稿）',
    docType: '通知',
    mainTo: null,
  });
});

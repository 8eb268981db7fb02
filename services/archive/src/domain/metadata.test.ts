import assert from 'node:assert/strict';
import { test } from 'node:test';
import { errorEntry } from '@yizhan/common';
import { correctableElements, refuseElementsNotOf, refuseUncorrectable, refuseUndisclosedWithoutReason } from './metadata.ts';

const fieldOf = (f: () => void) => {
  try {
    f();
  } catch (e) {
    return { field: (e as { extensions?: { field?: string } }).extensions?.field, message: (e as Error).message };
  }
  return null;
};

test('an archivist corrects descriptive elements; what the record carried as evidence is refused, named', () => {
  refuseUncorrectable({ title: '关于做好冬季防火工作的通知', docNumber: '陕政办发〔2026〕3号', signer: null });
  for (const key of ['id', 'orgId', 'sentAt', 'attachments', 'classification', 'deliveries']) {
    const refused = fieldOf(() => refuseUncorrectable({ title: '改', [key]: 'x' }));
    assert.equal(refused?.field, 'changes', key);
    assert.match(refused?.message ?? '', new RegExp(`: ${key} \\(`), key);
  }
  assert.equal(fieldOf(() => refuseUncorrectable({ title: 42 }))?.field, 'changes', 'a number is not a title');
});

test('题名, 文种 and 责任者 are corrected, never emptied; an element is at most 2,000 characters; many wrong keys are named briefly', () => {
  for (const key of ['title', 'docType', 'orgName']) {
    assert.equal(fieldOf(() => refuseUncorrectable({ [key]: null }))?.field, `changes.${key}`, key);
    assert.equal(fieldOf(() => refuseUncorrectable({ [key]: '  ' }))?.field, `changes.${key}`, key);
  }
  assert.equal(
    fieldOf(() => refuseUncorrectable({ signer: null })),
    null,
    'a 签发人 may be cleared',
  );
  assert.equal(fieldOf(() => refuseUncorrectable({ notes: '注'.repeat(2001) }))?.field, 'changes.notes');
  const many = fieldOf(() => refuseUncorrectable(Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`k${i}`, 'x']))));
  assert.equal(many?.field, 'changes');
  assert.ok((many?.message.length ?? 0) < 400, many?.message);
  assert.match(many?.message ?? '', /k0, k1, k2, k3, k4 and 9995 more/);
});

test('the elements offered are named as the catalogue names them, with their values now', () => {
  const offered = correctableElements({ title: '通知', docNumber: null, signer: '王区长', sentAt: '2026-12-01T00:00:00Z' }, 'RECIPIENT');
  assert.deepEqual(offered.slice(0, 2), [
    { key: 'title', label: '题名', value: '通知' },
    { key: 'docNumber', label: '文号', value: null },
  ]);
  assert.equal(offered.find((e) => e.key === 'signer')?.value, '王区长');
  assert.equal(offered.map((e): string => e.key).includes('sentAt'), false, 'a time is evidence');
});

test('公开属性 is corrected to one of its three words (an 开放审核 that found otherwise), or cleared; 页数 is evidence', () => {
  refuseUncorrectable({ disclosure: '主动公开' });
  refuseUncorrectable({ disclosure: '不予公开', disclosureReason: '内部事务信息' });
  refuseUncorrectable({ disclosure: null });
  assert.equal(fieldOf(() => refuseUncorrectable({ disclosure: '公开' }))?.field, 'changes.disclosure');
  assert.equal(fieldOf(() => refuseUncorrectable({ pages: '3' }))?.field, 'changes', 'the page count comes from the file');
});

test('a record corrected to 不予公开 keeps a reason', () => {
  refuseUndisclosedWithoutReason({ disclosure: '不予公开', disclosureReason: '内部事务信息' });
  refuseUndisclosedWithoutReason({ disclosure: '主动公开', disclosureReason: null });
  assert.equal(fieldOf(() => refuseUndisclosedWithoutReason({ disclosure: '不予公开', disclosureReason: ' ' }))?.field, 'changes.disclosureReason');
  assert.equal(fieldOf(() => refuseUndisclosedWithoutReason({ disclosure: '不予公开' }))?.field, 'changes.disclosureReason');
});

test('a corrected element holds what a person types: one line but the lists and notes; a day is a real day', () => {
  assert.equal(fieldOf(() => refuseUncorrectable({ title: 'a\u0001b' }))?.field, 'changes.title');
  assert.equal(fieldOf(() => refuseUncorrectable({ signer: '张\n伟' }))?.field, 'changes.signer', 'one line');
  assert.equal(
    fieldOf(() => refuseUncorrectable({ notes: '第一行\n第二行', mainTo: '各市人民政府\n省直各部门' })),
    null,
    'lists and notes run over lines',
  );
  assert.equal(fieldOf(() => refuseUncorrectable({ notes: '附注\u001b[31m' }))?.field, 'changes.notes');
  for (const day of ['2026-02-30', '99999-01-01', 'NaN', '2026-1-5'])
    assert.equal(fieldOf(() => refuseUncorrectable({ docDate: day }))?.field, 'changes.docDate', day);
  assert.equal(fieldOf(() => refuseUncorrectable({ printingDate: '2026-13-01' }))?.field, 'changes.printingDate');
  assert.equal(
    fieldOf(() => refuseUncorrectable({ docDate: '2024-02-29', printingDate: null })),
    null,
  );
});

/** A 信息's metadata as ingest-information writes it. */
const INFORMATION = {
  informationId: 'i',
  title: '西安市召开电子公文交换工作会议',
  docType: '信息',
  docNumber: null,
  orgName: '西安市人民政府',
  docDate: '2026-11-21',
  sentAt: '2026-11-21T02:00:00.000Z',
  column: '工作动态',
  author: '朱俊',
  approvedBy: '胡建华',
  audience: '本单位',
};

test('a 信息 record offers only its own elements: 题名 and 责任者, never a document’s 文号, 签发人 or 文种', () => {
  const offered = correctableElements(INFORMATION, 'INFORMATION');
  assert.deepEqual(offered, [
    { key: 'title', label: '题名', value: '西安市召开电子公文交换工作会议' },
    { key: 'orgName', label: '责任者', value: '西安市人民政府' },
  ]);
  // A document's record offers what it always did, 题名 first.
  assert.deepEqual(
    correctableElements({}, 'SENDER')
      .slice(0, 3)
      .map((e) => e.label),
    ['题名', '文号', '文种'],
  );
});

test('a correction of what a 信息 does not have is refused, named, with its own code; its own elements pass', () => {
  refuseElementsNotOf('INFORMATION', { title: '西安市召开电子公文交换工作推进会议' });
  refuseElementsNotOf('INFORMATION', { title: '改', orgName: '西安市人民政府办公厅' });
  for (const key of ['docNumber', 'signer', 'docType', 'mainTo', 'ccTo', 'docDate', 'notes', 'printingOrg', 'printingDate', 'disclosure', 'disclosureReason']) {
    try {
      refuseElementsNotOf('INFORMATION', { title: '改', [key]: 'x' });
      assert.fail(`${key} is not a 信息's`);
    } catch (e) {
      const err = e as { extensions?: { code?: string; field?: string; elements?: string[] }; message: string };
      assert.equal(err.extensions?.code, 'NOT_AN_ELEMENT_OF_RECORD', key);
      assert.equal(err.extensions?.field, 'changes', key);
      assert.deepEqual(err.extensions?.elements, [key], 'the title is not named: it is the 信息’s');
      assert.match(err.message, new RegExp(`has no ${key} to correct`));
    }
  }
  assert.equal(errorEntry('NOT_AN_ELEMENT_OF_RECORD').status, 400, 'the client’s mistake');
  // A document's record has every element refuseUncorrectable lets through.
  refuseElementsNotOf('SENDER', { docNumber: '陕政办发〔2026〕3号', signer: '王区长', docType: '通知', disclosure: '主动公开' });
  refuseElementsNotOf('RECIPIENT', { mainTo: '各市人民政府' });
});

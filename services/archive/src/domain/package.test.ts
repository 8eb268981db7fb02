import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import { strFromU8, unzipSync } from 'fflate';
import { buildPackage, classificationWord, metadataXml, PACKAGE_FORMAT, type RecordForPackage, readPackage, urgencyWord } from './package.ts';

const BODY = Buffer.from('市政府办公室召开电子公文交换工作会议。', 'utf8');
const file = {
  role: 'BODY' as const,
  name: '正文.txt',
  contentType: 'text/plain; charset=utf-8',
  sha256: createHash('sha256').update(BODY).digest('hex'),
  size: BODY.length,
};

const record = (role: 'SENDER' | 'INFORMATION', metadata: Record<string, unknown>, stamp: unknown = null): RecordForPackage => ({
  manifest: {
    recordId: 'r',
    documentId: 'd',
    archivalNumber: `610100-WS·2026-D10-${role === 'INFORMATION' ? 'XX' : 'FW'}-0001`,
    fonds: '610100',
    year: 2026,
    itemNo: 1,
    retention: 'Y10',
    role,
    orgName: '西安市人民政府',
    metadata,
    canonical: null,
  },
  files: [{ ...file, content: BODY }],
  events: [],
  stamp,
  checkReport: {},
});
const xmlOf = (r: RecordForPackage) => metadataXml({ ...r.manifest, files: r.files.map((f) => ({ ...f, path: `content/01-${f.name}` })) }, null);
/** Every element written with nothing in it: what a records clerk reads as not recorded. */
const empties = (xml: string) => [...xml.matchAll(/<([^/?!\s>]+)[^>]*><\/\1>/g)].map((m) => m[1]);

const DOCUMENT = {
  title: '关于做好冬季防火工作的通知',
  docType: '通知',
  docNumber: '市政办发〔2026〕3号',
  orgName: '西安市人民政府',
  docDate: '2026-11-21',
  mainTo: '各区县人民政府',
  ccTo: null,
  urgency: 'NORMAL',
  classification: null,
};
const INFORMATION = {
  title: '西安市召开电子公文交换工作会议',
  docType: '信息',
  docNumber: null,
  orgName: '西安市人民政府',
  docDate: '2026-11-21',
  column: '工作动态',
  author: '朱俊',
};

test('紧急程度 and 密级 are always written in words: the grade, or 平件; the 密级 named, or 非密 — never empty', () => {
  assert.deepEqual(['NORMAL', 'URGENT', 'EXTRA_URGENT', 'FLASH', 'PLAIN_URGENT', null, undefined, ''].map(urgencyWord), [
    '平件',
    '加急',
    '特急',
    '特提',
    '平急',
    '平件',
    '平件',
    '平件',
  ]);
  assert.deepEqual([null, undefined, '', '  ', '非密'].map(classificationWord), ['非密', '非密', '非密', '非密', '非密']);

  const plain = xmlOf(record('SENDER', DOCUMENT));
  assert.match(plain, /<紧急程度>平件<\/紧急程度>/);
  assert.match(plain, /<密级>非密<\/密级>/);
  assert.match(xmlOf(record('SENDER', { ...DOCUMENT, urgency: 'EXTRA_URGENT' })), /<紧急程度>特急<\/紧急程度>/);
});

test('a 信息’s metadata.xml has a 信息’s elements: no empty 文件编号, 主送 or 抄送; 平件, 非密; no seal', () => {
  const xml = xmlOf(record('INFORMATION', INFORMATION));
  assert.deepEqual(empties(xml), [], xml);
  for (const element of ['文件编号', '主送', '抄送', '签名时间', '签名人']) assert.doesNotMatch(xml, new RegExp(`<${element}>`), element);
  assert.match(xml, /<文种>信息<\/文种>/);
  assert.match(xml, /<机构或问题>信息<\/机构或问题>/);
  assert.match(xml, /<紧急程度>平件<\/紧急程度>/);
  assert.match(xml, /<密级>非密<\/密级>/);
  assert.match(xml, /<签名结果>信息不加盖印章<\/签名结果>/);
});

test('a document’s keeps its 文件编号 and 主送, leaves out the 抄送 it had none of; one not stamped says so without empty signature elements', () => {
  const xml = xmlOf(record('SENDER', DOCUMENT));
  assert.match(xml, /<文件编号>市政办发〔2026〕3号<\/文件编号>/);
  assert.match(xml, /<主送>各区县人民政府<\/主送>/);
  assert.match(xml, /<签名结果>未签章<\/签名结果>/);
  assert.doesNotMatch(xml, /<签名时间>/);
  assert.doesNotMatch(xml, /<抄送>/);
  assert.deepEqual(empties(xml), []);
  assert.match(xmlOf(record('SENDER', { ...DOCUMENT, ccTo: '市委办公厅' })), /<抄送>市委办公厅<\/抄送>/);
  const stamped = metadataXml(
    { ...record('SENDER', DOCUMENT).manifest, files: [] },
    { valid: true, signedAt: '2026-11-21T02:00:00.000Z', sealOrgName: '西安市人民政府' },
  );
  assert.match(
    stamped,
    /<签名规则>GB\/T 38540<\/签名规则>\s*<签名时间>2026-11-21T02:00:00.000Z<\/签名时间>\s*<签名人>西安市人民政府<\/签名人>\s*<签名结果>验证通过<\/签名结果>/,
  );
});

test('the package of a 信息 still verifies: every digest, metadata.xml’s included, as readPackage checks it', () => {
  const zip = buildPackage(record('INFORMATION', INFORMATION));
  const read = readPackage(zip);
  assert.deepEqual(read.problems, []);
  assert.equal(read.manifest?.format, PACKAGE_FORMAT);
  assert.equal(read.parts['metadata.xml'], strFromU8(unzipSync(zip)['metadata.xml'] as Uint8Array));
  assert.match(read.parts['metadata.xml'] ?? '', /<密级>非密<\/密级>/);
});

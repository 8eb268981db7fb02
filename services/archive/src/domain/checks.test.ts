// 四性检测's authenticity after 更正元数据: the content is compared with the metadata as archived, and the metadata now
// with that one as corrected by the recorded corrections, so a recorded correction passes and a change beside them fails.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { eicarScanner, sha256Hex } from '@yizhan/kernel';
import { type CheckInput, fourPropertyCheck } from './checks.ts';

const body = Buffer.from('<p>请各单位做好冬季防火工作。</p>');
const archived = { title: '关于做好冬季防火工作的通知', docType: '通知', orgName: '西安市人民政府' };
const canonical = Buffer.from(JSON.stringify({ ...archived, body: sha256Hex(body), attachments: [] })).toString('base64');
const input = (over: Partial<CheckInput>): CheckInput => ({
  metadata: archived,
  components: [{ role: 'BODY', name: '正文.html', contentType: 'text/html', sha256: sha256Hex(body), size: body.length }],
  read: async () => body,
  canonical,
  stamp: null,
  items: null,
  scan: eicarScanner,
  ...over,
});
const failed = (r: { authenticity: { findings: { ok: boolean; check: string }[] } }) => r.authenticity.findings.filter((f) => !f.ok).map((f) => f.check);

test('a title corrected as recorded passes: the content matches the metadata as archived, the metadata its corrections', async () => {
  const corrected = { ...archived, title: '关于切实做好冬季防火工作的通知' };
  const r = await fourPropertyCheck(input({ metadata: corrected, archived, changes: [{ title: corrected.title }] }));
  assert.equal(r.passed, true, JSON.stringify(r.authenticity));
  const said = r.authenticity.findings.find((f) => f.check === 'METADATA_CORRECTED');
  assert.match(said?.zh ?? '', /归档后更正 1 次/);
});

test('metadata changed beside the recorded corrections fails, naming the element; so does one never corrected', async () => {
  const tampered = { ...archived, title: '另一个标题' };
  const r = await fourPropertyCheck(input({ metadata: tampered, archived, changes: [{ title: '关于切实做好冬季防火工作的通知' }] }));
  assert.deepEqual(failed(r), ['METADATA_CORRECTED']);
  assert.match(r.authenticity.findings.find((f) => f.check === 'METADATA_CORRECTED')?.zh ?? '', /题名与记录的 1 次更正不符/);
  // Never corrected: the metadata now is the archived one, compared with the content.
  assert.deepEqual(failed(await fourPropertyCheck(input({ metadata: tampered }))), ['METADATA_TITLE']);
});

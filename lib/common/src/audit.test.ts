import assert from 'node:assert/strict';
import { test } from 'node:test';
import { auditEntry, auditTargetName } from './audit.ts';

test('an entry names what was acted on in a reader’s words: a person, a certificate, an archived record, a document', () => {
  assert.equal(auditTargetName({ user: { id: 'u1', username: 'xa.zhangmin', displayName: '张敏' }, oneTimePassword: 'x' }), '张敏');
  assert.equal(auditTargetName({ id: 'c1', serial: '1A2B3C', holderName: '王秀兰', usage: 'IDENTITY' }), '王秀兰（证书 1A2B3C）');
  assert.equal(
    auditTargetName({ id: 'r1', archivalNumber: 'Z109-WS·2026-D30-SW-0001', title: '关于做好元旦春节期间工作的通知' }),
    'Z109-WS·2026-D30-SW-0001《关于做好元旦春节期间工作的通知》',
  );
  assert.equal(auditTargetName({ id: 'd1', title: '关于做好冬季安全生产工作的通知', status: 'SENT' }), '《关于做好冬季安全生产工作的通知》');
  assert.equal(auditTargetName({ id: 's1', name: '办公室文电科' }), '办公室文电科');
  assert.equal(auditTargetName({ fondsNumber: 'Z109', unitCode: '610100' }), '全宗号 Z109');
});

test('an inspection is named by its unit and day, and by the item an argument chose; a package by its file', () => {
  const inspection = {
    id: 'i1',
    orgName: '新城区人民政府',
    inspectedOn: '2026-12-01',
    findings: [
      { id: 'f1', itemName: '制度建设', finding: '制度齐全' },
      { id: 'f2', itemName: '安全措施', finding: '未专机专用' },
    ],
  };
  assert.equal(auditTargetName(inspection, { orgId: 'o1', input: {} }), '新城区人民政府 2026-12-01 检查');
  assert.equal(auditTargetName(inspection, { findingId: 'f2', reason: '整改不到位' }), '新城区人民政府 2026-12-01 检查：安全措施');
  assert.equal(auditTargetName(inspection, { findingId: 'not-there' }), '新城区人民政府 2026-12-01 检查');
  assert.equal(auditTargetName({ filename: 'Z109-WS·2026-D30-SW-0001.zip', sha256: 'ab', base64: 'UEs=' }), 'Z109-WS·2026-D30-SW-0001.zip');
});

test('an answer that names nothing leaves the name out; a long one is cut to what an entry holds', () => {
  for (const answer of [true, 3, null, undefined, 'ok', [{ title: 'x' }], { id: 'x' }, { title: '  ' }]) assert.equal(auditTargetName(answer), null);
  assert.equal(auditTargetName({ title: '长'.repeat(300) })?.length, 200);
});

test('entries written before names were kept still read', () => {
  const old = {
    category: 'ADMIN',
    action: 'createUser',
    outcome: 'OK',
    actorId: null,
    actorUsername: null,
    orgId: null,
    targetType: null,
    targetId: null,
    detail: {},
    clientAddress: null,
  };
  assert.equal(auditEntry.parse(old).targetName, undefined);
  assert.equal(auditEntry.parse({ ...old, targetName: '张敏' }).targetName, '张敏');
});

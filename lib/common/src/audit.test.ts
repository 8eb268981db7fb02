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

// A peer platform's pinned roots (domain/peer.ts), read as an administrator gives them: PEM or base64 of the DER, both
// suites; an issuing CA's certificate, a TSA's, bytes that are no certificate, none or too many, each refused naming
// which one. Run with `npm test`.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { toPem } from '@yizhan/crypto';
import { tsaWorld } from '../../../../lib/crypto/src/testing/tsa-world.ts';
import { PEER_ROOTS_MAX, readPeerRoots } from './peer.ts';

const rsa = tsaWorld('RSA');
const sm2 = tsaWorld('SM2');
const field = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return (e as { extensions?: { code?: string; field?: string } }).extensions;
  }
  return null;
};

test('roots of both suites, as PEM or as base64 of the DER, read back to their bytes', () => {
  const read = readPeerRoots([toPem(rsa.root, 'CERTIFICATE'), Buffer.from(sm2.root).toString('base64')]);
  assert.deepEqual(
    read.map((r) => Buffer.from(r).toString('hex')),
    [rsa.root, sm2.root].map((r) => Buffer.from(r).toString('hex')),
  );
});

test('an issuing CA, a TSA certificate and bytes that are no certificate are refused, naming which one', () => {
  for (const [i, bad] of [
    [1, toPem(rsa.issuing, 'CERTIFICATE')],
    [1, toPem(sm2.tsa, 'CERTIFICATE')],
    [1, Buffer.from('not a certificate at all').toString('base64')],
    [1, '这不是证书'],
  ] as const)
    assert.deepEqual(
      field(() => readPeerRoots([toPem(rsa.root, 'CERTIFICATE'), bad])),
      { code: 'BAD_INPUT', field: `rootCertificates[${i}]` },
    );
});

test('none, or more than the limit, are refused', () => {
  assert.equal(field(() => readPeerRoots([]))?.field, 'rootCertificates');
  assert.equal(field(() => readPeerRoots(Array(PEER_ROOTS_MAX + 1).fill(toPem(rsa.root, 'CERTIFICATE'))))?.field, 'rootCertificates');
});

test('the same root twice, as PEM and as base64, is refused naming the second', () => {
  assert.deepEqual(
    field(() => readPeerRoots([toPem(sm2.root, 'CERTIFICATE'), toPem(rsa.root, 'CERTIFICATE'), Buffer.from(sm2.root).toString('base64')])),
    { code: 'BAD_INPUT', field: 'rootCertificates[2]' },
  );
});

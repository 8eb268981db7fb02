// A certificate's key made in the browser (web/lib/csr.ts): the SM2 request it writes is one the CA reads and checks,
// for the key it saves, which signs as the platform's login checks.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readCsr, verify } from '@yizhan/crypto';
import { sm2KeyAndRequest } from '../web/lib/csr.ts';
import { signChallenge } from '../web/lib/key-files.ts';

test('an SM2 key made in the browser: its request verifies at the CA, and its saved key signs for that public key', async () => {
  const { csr, privateKeyPem } = sm2KeyAndRequest('王秀兰');
  const read = readCsr(csr);
  assert.ok('suite' in read, JSON.stringify(read));
  assert.equal(read.suite, 'SM2');
  assert.match(privateKeyPem, /^-----BEGIN PRIVATE KEY-----\n[A-Za-z0-9+/=\n]+-----END PRIVATE KEY-----\n$/);
  const text = '登录挑战 challenge-123';
  const signature = await signChallenge(privateKeyPem, text);
  assert.equal(verify('SM2', read.publicKey, new TextEncoder().encode(text), new Uint8Array(Buffer.from(signature, 'base64'))), true);
});

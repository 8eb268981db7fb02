// A certificate's key made in the browser (web/lib/csr.ts): the SM2 request it writes is one the CA reads and checks,
// for the key it saves, which signs as the platform's login checks. And the key files the browser reads
// (web/lib/key-files.ts): the platform's .p12 with its 保护口令.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { generateKeyPair, readCsr, toPkcs12, verify } from '@yizhan/crypto';
import forge from 'node-forge';
import { sm2KeyAndRequest } from '../web/lib/csr.ts';
import { isPkcs12, signChallenge, signWithKey } from '../web/lib/key-files.ts';

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

test('the .p12 the platform hands over is read in the browser with its 保护口令; a wrong one is named; a hex key starting 0 is not taken for one', async () => {
  const keys = generateKeyPair('RSA');
  // A certificate for the key, as the CA would put beside it (self-signed here: the file's reading is what is tested).
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(keys.publicKey);
  cert.serialNumber = '01';
  cert.validity.notBefore = new Date();
  cert.validity.notAfter = new Date(Date.now() + 86_400_000);
  cert.setSubject([{ name: 'commonName', value: 'wang' }]);
  cert.setIssuer([{ name: 'commonName', value: 'wang' }]);
  cert.sign(forge.pki.privateKeyFromPem(keys.privateKey), forge.md.sha256.create());
  const der = new Uint8Array(Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(cert)).getBytes(), 'binary'));
  const p12 = toPkcs12({ privateKey: keys.privateKey, certificate: der, chain: [], password: 'Shou#2026key', friendlyName: '王秀兰' });
  assert.equal(isPkcs12(p12), true);

  const text = '登录挑战 challenge-p12';
  const signature = await signWithKey({ bytes: p12, password: 'Shou#2026key' }, text);
  assert.equal(verify('RSA', keys.publicKey, new TextEncoder().encode(text), new Uint8Array(Buffer.from(signature, 'base64'))), true);
  await assert.rejects(signWithKey({ bytes: p12, password: 'wrong-password' }, text), /KEY_PASSWORD_WRONG/);
  await assert.rejects(signWithKey({ bytes: p12.subarray(0, 200), password: 'Shou#2026key' }, text), /NOT_A_KEY/);

  // An SM2 key written as 64 hex digits may begin with '0' (0x30, as DER does): still read as text.
  let sm2 = generateKeyPair('SM2');
  while (!sm2.privateKey.startsWith('0')) sm2 = generateKeyPair('SM2');
  const hexBytes = new TextEncoder().encode(sm2.privateKey);
  assert.equal(isPkcs12(hexBytes), false);
  const bySm2 = await signWithKey({ bytes: hexBytes }, text);
  assert.equal(verify('SM2', sm2.publicKey, new TextEncoder().encode(text), new Uint8Array(Buffer.from(bySm2, 'base64'))), true);
});

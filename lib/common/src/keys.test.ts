// Key rotation: the newest key signs, every key in the folder verifies, so a rotation does not log anyone out.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { signCallerContext, verifyCallerContext } from './caller.ts';
import { loadSigner, loadVerifier, rotateKey } from './keys.ts';

let dir: string;
const previous = process.env.YIZHAN_KEYS_DIR;
before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yizhan-keys-'));
  process.env.YIZHAN_KEYS_DIR = dir;
});
after(() => {
  process.env.YIZHAN_KEYS_DIR = previous;
  fs.rmSync(dir, { recursive: true, force: true });
});

test('after a rotation the new key signs and contexts signed with the old key still verify', async () => {
  await assert.rejects(loadSigner('caller-context'), /No caller-context signing key/);
  const first = await rotateKey('caller-context');
  const oldSigner = await loadSigner('caller-context');
  assert.equal(oldSigner.kid, first);
  const signedBefore = await signCallerContext({ caller: null }, oldSigner, 60);

  await new Promise((r) => setTimeout(r, 5)); // distinct creation times
  const second = await rotateKey('caller-context');
  const newSigner = await loadSigner('caller-context');
  assert.equal(newSigner.kid, second, 'the newest key signs');
  const verifier = await loadVerifier('caller-context');
  assert.deepEqual(await verifyCallerContext(signedBefore, verifier), { caller: null });
  assert.deepEqual(await verifyCallerContext(await signCallerContext({ caller: null }, newSigner, 60), verifier), { caller: null });

  // Removing the old key retires what it signed.
  fs.rmSync(path.join(dir, 'caller-context', `${first}.json`));
  await assert.rejects(verifyCallerContext(signedBefore, await loadVerifier('caller-context')), /unknown key/);
  const mode = fs.statSync(path.join(dir, 'caller-context')).mode & 0o777;
  assert.equal(mode, 0o700, 'the key folder is private');
});

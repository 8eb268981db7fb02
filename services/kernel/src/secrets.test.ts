// A secret is read from where it is kept now: the keys folder of the moment (a process that runs one test file after
// another gives each its own) or the environment, and the same place always gives the same secret.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { loadSecret, openWith, sealWith } from './secrets.ts';

const folders: string[] = [];
const folder = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yizhan-secrets-'));
  folders.push(dir);
  return dir;
};
const saved = { dir: process.env.YIZHAN_KEYS_DIR, env: process.env.YIZHAN_SECRET_TEST_WRAP };
after(() => {
  for (const [k, v] of [
    ['YIZHAN_KEYS_DIR', saved.dir],
    ['YIZHAN_SECRET_TEST_WRAP', saved.env],
  ] as const) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  for (const d of folders) fs.rmSync(d, { recursive: true, force: true });
});

test("each keys folder's own secret, made once and read back the same", () => {
  delete process.env.YIZHAN_SECRET_TEST_WRAP;
  const [a, b] = [folder(), folder()];
  process.env.YIZHAN_KEYS_DIR = a;
  const first = loadSecret('test-wrap');
  assert.equal(first.length, 32);
  assert.deepEqual(loadSecret('test-wrap'), first);
  const onDisk = Buffer.from(fs.readFileSync(path.join(a, 'secrets', 'test-wrap.key'), 'utf8').trim(), 'base64');
  assert.deepEqual(onDisk, first, 'the secret used is the one its folder keeps');

  process.env.YIZHAN_KEYS_DIR = b;
  const second = loadSecret('test-wrap');
  assert.notDeepEqual(second, first, 'another folder, another secret: not the one read before under the same name');
  const sealed = sealWith(second, Buffer.from('印章'), 'row-1');
  assert.throws(() => openWith(first, sealed, 'row-1'));
  assert.equal(openWith(second, sealed, 'row-1').toString(), '印章');

  process.env.YIZHAN_KEYS_DIR = a;
  assert.deepEqual(loadSecret('test-wrap'), first);
});

test('the environment names the secret before any folder, and a wrong length is refused by name', () => {
  process.env.YIZHAN_KEYS_DIR = folder();
  const given = crypto.randomBytes(32);
  process.env.YIZHAN_SECRET_TEST_WRAP = given.toString('base64');
  assert.deepEqual(loadSecret('test-wrap'), given);
  process.env.YIZHAN_SECRET_TEST_WRAP = crypto.randomBytes(16).toString('base64');
  assert.throws(() => loadSecret('test-wrap'), /test-wrap must be 32 bytes/);
});

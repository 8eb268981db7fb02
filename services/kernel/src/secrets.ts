// Symmetric secrets of the platform (the CA's key-encryption key, the seal service's wrapping key): 32 random bytes
// each, from the environment (YIZHAN_SECRET_<NAME>, base64) or created once in the keys folder, never in the
// database beside what they protect. `seal`/`open` are AES-256-GCM envelopes over them.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '@yizhan/common';

// Kept by where the secret came from (the variable's text, or the file), not by name alone: a process that runs one
// test file after another, each with its own keys folder, must read each folder's secret, as its child processes do.
const cache = new Map<string, Buffer>();

export function loadSecret(name: string): Buffer {
  const fromEnv = process.env[`YIZHAN_SECRET_${name.toUpperCase().replace(/-/g, '_')}`];
  const file = fromEnv ? null : path.join(process.env.YIZHAN_KEYS_DIR ?? path.join(loadConfig().dataDir, 'keys'), 'secrets', `${name}.key`);
  // The variable's text by its digest: the cache holds no second copy of the secret's text.
  const source = file ?? `env:${crypto.createHash('sha256').update(String(fromEnv)).digest('hex')}`;
  const cached = cache.get(source);
  if (cached) return cached;
  const secret = Buffer.from(file ? readOrCreate(file) : (fromEnv as string), 'base64');
  if (secret.length !== 32) throw new Error(`The secret ${name} must be 32 bytes (base64)`);
  cache.set(source, secret);
  return secret;
}

/** The secret's file, made first if there is none: exclusively, so that two processes starting together agree on one. */
function readOrCreate(file: string): string {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  try {
    fs.writeFileSync(file, crypto.randomBytes(32).toString('base64'), { flag: 'wx', mode: 0o600 });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  }
  return fs.readFileSync(file, 'utf8').trim();
}

/** Encrypts with AES-256-GCM; `context` is bound to the ciphertext (a row id, a purpose) and must match to open. */
export function sealWith(key: Buffer, plaintext: Buffer, context = ''): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(context));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
}

export function openWith(key: Buffer, sealed: string, context = ''): Buffer {
  const raw = Buffer.from(sealed, 'base64');
  const decipher = crypto.createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
  decipher.setAAD(Buffer.from(context));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]);
}

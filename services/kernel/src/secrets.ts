// Symmetric secrets of the platform (the CA's key-encryption key, the seal service's wrapping key): 32 random bytes
// each, from the environment (YIZHAN_SECRET_<NAME>, base64) or created once in the keys folder, never in the
// database beside what they protect. `seal`/`open` are AES-256-GCM envelopes over them.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '@yizhan/common';

const cache = new Map<string, Buffer>();

export function loadSecret(name: string): Buffer {
  const cached = cache.get(name);
  if (cached) return cached;
  const fromEnv = process.env[`YIZHAN_SECRET_${name.toUpperCase().replace(/-/g, '_')}`];
  let secret: Buffer;
  if (fromEnv) secret = Buffer.from(fromEnv, 'base64');
  else {
    const dir = path.join(process.env.YIZHAN_KEYS_DIR ?? path.join(loadConfig().dataDir, 'keys'), 'secrets');
    const file = path.join(dir, `${name}.key`);
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    try {
      // Created exclusively: two processes starting together agree on one secret.
      fs.writeFileSync(file, crypto.randomBytes(32).toString('base64'), { flag: 'wx', mode: 0o600 });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    secret = Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64');
  }
  if (secret.length !== 32) throw new Error(`The secret ${name} must be 32 bytes (base64)`);
  cache.set(name, secret);
  return secret;
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

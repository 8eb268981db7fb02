// Content-addressed blob store: a file is stored once under its SHA-256, on the filesystem by default
// (`$YIZHAN_DATA_DIR/blobs/ab/cdef…`). Writes go to a temporary file first and are renamed into place, so a
// blob is either complete or absent.
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export interface BlobStore {
  put(content: Buffer): Promise<{ sha256: string; size: number }>;
  get(sha256: string): Promise<Buffer | null>;
  has(sha256: string): Promise<boolean>;
}

export const isSha256 = (s: string) => /^[0-9a-f]{64}$/.test(s);

/** SHA-256 of bytes or text, hex: how the platform names content. */
export const sha256Hex = (content: Uint8Array | string) => createHash('sha256').update(content).digest('hex');

export function fsBlobStore(dir: string): BlobStore {
  const file = (sha: string) => path.join(dir, sha.slice(0, 2), sha.slice(2));
  return {
    async put(content) {
      const sha256 = sha256Hex(content);
      const target = file(sha256);
      if (!fs.existsSync(target)) {
        await fs.promises.mkdir(path.dirname(target), { recursive: true });
        const tmp = `${target}.${randomUUID()}.tmp`;
        await fs.promises.writeFile(tmp, content);
        await fs.promises.rename(tmp, target);
      }
      return { sha256, size: content.length };
    },
    async get(sha256) {
      if (!isSha256(sha256)) return null;
      try {
        return await fs.promises.readFile(file(sha256));
      } catch {
        return null;
      }
    },
    async has(sha256) {
      return isSha256(sha256) && fs.existsSync(file(sha256));
    },
  };
}

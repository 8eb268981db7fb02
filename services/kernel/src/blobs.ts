// Content-addressed blob store: a file is stored once under its SHA-256, on the filesystem by default
// (`$YIZHAN_DATA_DIR/blobs/ab/cdef…`). Writes go to a temporary file first and are renamed into place, so a
// blob is either complete or absent. A full volume refuses the write as STORAGE_FULL, with nothing of it left behind.
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ErrorCode, YizhanError } from '@yizhan/common';

export interface BlobStore {
  put(content: Buffer): Promise<{ sha256: string; size: number }>;
  get(sha256: string): Promise<Buffer | null>;
  has(sha256: string): Promise<boolean>;
  /** The volume's size and its space left, in bytes, for the operators (the metrics' blob volume gauges). */
  space(): Promise<{ size: number; free: number }>;
}

/** A write the volume had no room for (ENOSPC) or the owner's quota refused (EDQUOT). */
const NO_SPACE = new Set(['ENOSPC', 'EDQUOT']);

/** The refusal of a write to a full volume: the caller's request changed nothing and succeeds once space is freed. */
export const storageFull = () =>
  new YizhanError(ErrorCode.STORAGE_FULL, 'The file store is full: nothing was saved. The operators are alerted; try again once they have freed space');

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
        const tmp = `${target}.${randomUUID()}.tmp`;
        try {
          await fs.promises.mkdir(path.dirname(target), { recursive: true });
          await fs.promises.writeFile(tmp, content);
          await fs.promises.rename(tmp, target);
        } catch (e) {
          // A write cut short by a full volume leaves no part of itself to take space or be mistaken for the file.
          await fs.promises.rm(tmp, { force: true }).catch(() => {});
          throw NO_SPACE.has((e as NodeJS.ErrnoException).code ?? '') ? storageFull() : e;
        }
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
    async space() {
      await fs.promises.mkdir(dir, { recursive: true });
      const s = await fs.promises.statfs(dir);
      // bavail: what an unprivileged writer may still use (the root reserve is not the services').
      return { size: s.blocks * s.bsize, free: s.bavail * s.bsize };
    },
  };
}

// Content-addressed blob store: a file is stored once under its SHA-256, on the filesystem by default
// (`$YIZHAN_DATA_DIR/blobs/ab/cdef…`). Writes go to a temporary file first and are renamed into place, so a
// blob is either complete or absent. A full volume refuses the write as STORAGE_FULL, with nothing of it left behind.
// A writer killed in the middle of a write (a replica's SIGKILL, a node lost) cannot remove its temporary file: the
// store sweeps such files once they are older than any write in flight, when it opens and when the volume is full.
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

/** A temporary file older than this belongs to no write in flight (a 50 MB write takes well under a second here). */
export const STALE_TEMPORARY_MS = 60_000;

/**
 * Removes the temporary files of writes that never finished, older than `olderThanMs`; the number removed. Safe beside
 * other replicas writing to the same volume: their files in flight are younger.
 */
export async function sweepStaleTemporaries(dir: string, olderThanMs = STALE_TEMPORARY_MS): Promise<number> {
  let names: string[];
  try {
    names = (await fs.promises.readdir(dir, { recursive: true })) as string[];
  } catch {
    return 0; // no store yet
  }
  const before = Date.now() - olderThanMs;
  let removed = 0;
  for (const name of names) {
    if (!name.endsWith('.tmp')) continue;
    const one = path.join(dir, name);
    try {
      if ((await fs.promises.stat(one)).mtimeMs < before) {
        await fs.promises.rm(one, { force: true });
        removed++;
      }
    } catch {
      // Gone meanwhile (another replica's sweep, or its write finished): nothing to do.
    }
  }
  return removed;
}

export function fsBlobStore(dir: string): BlobStore {
  const file = (sha: string) => path.join(dir, sha.slice(0, 2), sha.slice(2));
  // Once when it opens, and at most once a minute while writes are refused (a sweep reads the whole volume's names).
  let sweptAt = Date.now();
  void sweepStaleTemporaries(dir).catch(() => {});
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
          if (!NO_SPACE.has((e as NodeJS.ErrnoException).code ?? '')) throw e;
          // What dead writers left takes space too: freed now, for the operators' next try.
          if (Date.now() - sweptAt >= STALE_TEMPORARY_MS) {
            sweptAt = Date.now();
            await sweepStaleTemporaries(dir).catch(() => 0);
          }
          throw storageFull();
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

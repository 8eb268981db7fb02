// The file store's temporary files (blobs.ts): a write that never finished — its writer killed — leaves a temporary
// file that nobody else would remove; the store sweeps those older than any write in flight, and leaves the young
// ones (another replica's write in progress) and the stored files alone.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { fsBlobStore, STALE_TEMPORARY_MS, sweepStaleTemporaries } from './blobs.ts';

test('a dead write’s temporary file is swept once it is old; a write in flight and the stored files stay', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yizhan-blobs-'));
  try {
    const store = fsBlobStore(dir);
    const { sha256 } = await store.put(Buffer.from('公文正文'));
    const shard = path.join(dir, sha256.slice(0, 2));
    const dead = path.join(shard, `${sha256.slice(2)}.dead.tmp`);
    const inFlight = path.join(shard, `${sha256.slice(2)}.live.tmp`);
    fs.writeFileSync(dead, 'half a file');
    fs.writeFileSync(inFlight, 'being written');
    const long = (Date.now() - STALE_TEMPORARY_MS - 5_000) / 1000;
    fs.utimesSync(dead, long, long);

    assert.equal(await sweepStaleTemporaries(dir), 1);
    assert.equal(fs.existsSync(dead), false, 'the dead write’s file is gone');
    assert.equal(fs.existsSync(inFlight), true, 'a write in flight is not touched');
    assert.equal((await store.get(sha256))?.toString(), '公文正文', 'the stored file is intact');

    // A store opened on the volume (a replica starting) sweeps what an earlier one left.
    fs.utimesSync(inFlight, long, long);
    fsBlobStore(dir);
    for (let i = 0; i < 50 && fs.existsSync(inFlight); i++) await new Promise((r) => setTimeout(r, 20));
    assert.equal(fs.existsSync(inFlight), false, 'swept when the store opens');
    assert.equal(await sweepStaleTemporaries(path.join(dir, 'none')), 0, 'a store not yet written is nothing to sweep');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

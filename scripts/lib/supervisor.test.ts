// npm start's supervision with real child processes: one killed with SIGKILL comes back after its pause, the crash
// and the restart one line each; one that keeps dying waits longer each time; stopping stops the last started first
// and restarts nothing. A second npm start on a held data folder names the process holding it.
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataFolderInUse, holdDataFolder } from './data-lock.ts';
import { type Child, Supervisor } from './supervisor.ts';

const stopped: string[] = [];

/** A real process (node, idling) as the supervisor sees it. */
function nodeChild(name: string, code = 'setInterval(() => {}, 1000)'): () => Promise<Child> {
  return async () => {
    const p: ChildProcess = spawn(process.execPath, ['-e', code], { stdio: 'ignore' });
    await new Promise((r) => p.once('spawn', r));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) => p.once('exit', (c, s) => r({ code: c, signal: s })));
    return {
      pid: p.pid,
      exited,
      async stop() {
        stopped.push(name);
        p.kill('SIGTERM');
        await exited;
      },
    };
  };
}

async function until(what: () => boolean, ms = 5_000) {
  for (const end = Date.now() + ms; !what(); ) {
    if (Date.now() > end) assert.fail('timed out');
    await sleep(20);
  }
}

describe('npm start supervises its children', () => {
  test('a child killed with SIGKILL is restarted and both are logged in one line each; stopping goes in reverse order', async () => {
    const lines: string[] = [];
    const sup = new Supervisor((l) => lines.push(l));
    const pids: Record<string, number | undefined> = {};
    for (const name of ['PostgreSQL', 'documents', 'gateway']) {
      pids[name] = (
        await sup.add(name, nodeChild(name), (c) => {
          pids[name] = c.pid;
        })
      ).pid;
    }
    const old = pids.documents as number;
    const killedAt = Date.now();
    process.kill(old, 'SIGKILL');
    await until(() => sup.restartsOf('documents') === 1);
    const back = Date.now() - killedAt;
    assert.notEqual(pids.documents, old);
    assert.deepEqual(lines, [`documents (pid ${old}) was killed (SIGKILL); restarting in 0.25 s`, `documents restarted (pid ${pids.documents}; restart 1)`]);
    assert.ok(back < 2_000, `back in ${back} ms`);
    stopped.length = 0;
    await sup.stopAll();
    assert.deepEqual(stopped, ['gateway', 'documents', 'PostgreSQL']);
    assert.equal(lines.length, 2, 'nothing restarted while stopping');
  });

  test('a child that keeps dying waits longer each time', async () => {
    const lines: string[] = [];
    const sup = new Supervisor((l) => lines.push(l));
    await sup.add('flaky', nodeChild('flaky', 'setTimeout(() => process.exit(3), 30)'));
    await until(() => sup.restartsOf('flaky') >= 3, 10_000);
    await sup.stopAll();
    const pauses = lines.filter((l) => l.includes('exited with code 3')).map((l) => Number(/in ([\d.]+) s/.exec(l)?.[1]));
    assert.deepEqual(pauses.slice(0, 3), [0.25, 0.5, 1]);
  });
});

describe('one npm start per data folder', () => {
  test('a second start on a held data folder names the pid holding it; a dead holder’s lock is taken over', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yizhan-lock-'));
    try {
      const holder = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
      await new Promise((r) => holder.once('spawn', r));
      fs.writeFileSync(path.join(dir, 'npm-start.pid'), String(holder.pid));
      await assert.rejects(
        holdDataFolder(dir, () => {}),
        (e: Error) => e instanceof DataFolderInUse && e.message.includes(`pid ${holder.pid}`),
      );
      holder.kill('SIGKILL');
      await new Promise((r) => holder.once('exit', r));
      const lock = await holdDataFolder(dir, () => {});
      assert.equal(fs.readFileSync(path.join(dir, 'npm-start.pid'), 'utf8'), String(process.pid));
      lock.release();
      assert.equal(fs.existsSync(path.join(dir, 'npm-start.pid')), false);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

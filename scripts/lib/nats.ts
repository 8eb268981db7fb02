// nats-server for the tests and for running several replicas: Debian's package, installed on first use, started on
// loopback with JetStream on a free port (every write synced before it is acknowledged where the server can), its store
// in a throwaway folder.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '@yizhan/kernel';
import { ensureDebianPackage } from './debian.ts';

const listening = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = net.connect({ port, host: '127.0.0.1' }, () => {
      s.end();
      resolve(true);
    });
    s.on('error', () => resolve(false));
  });

export interface RunningNats {
  url: string;
  /** Stops the server (SIGKILL: a crash) and starts it again on the same port and store after `downMs`. */
  restart(opts?: { kill?: 'SIGTERM' | 'SIGKILL'; downMs?: number }): Promise<void>;
  stop(): Promise<void>;
}

export async function startNats(): Promise<RunningNats | null> {
  const bin = ensureDebianPackage('nats-server', 'nats-server');
  if (!bin) return null;
  const port = await freePort();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yizhan-nats-'));
  // JetStream's default syncs to disk every two minutes and acknowledges before: a crash of the machine would lose
  // messages already acknowledged to the relay. Every write is synced before it is acknowledged, as in the cluster
  // (k8s/base/nats.yaml) — where the server has the setting: it came with nats-server 2.10, and Debian 12 ships 2.9.
  const [major = 0, minor = 0] = (/v(\d+)\.(\d+)/.exec(spawnSync(bin, ['--version'], { encoding: 'utf8' }).stdout) ?? []).slice(1).map(Number);
  const sync = major > 2 || (major === 2 && minor >= 10) ? '  sync_interval: always\n' : '';
  const conf = path.join(dir, 'nats.conf');
  fs.writeFileSync(conf, `jetstream {\n  store_dir: ${JSON.stringify(path.join(dir, 'store'))}\n${sync}}\n`);
  let child: ChildProcess;
  const launch = async () => {
    child = spawn(bin, ['-c', conf, '-a', '127.0.0.1', '-p', String(port)], { stdio: 'ignore' });
    for (let i = 0; i < 100 && !(await listening(port)); i++) await new Promise((r) => setTimeout(r, 50));
  };
  const halt = (signal: 'SIGTERM' | 'SIGKILL') =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill(signal);
    });
  await launch();
  return {
    url: `nats://127.0.0.1:${port}`,
    async restart(r = {}) {
      await halt(r.kill ?? 'SIGTERM');
      if (r.downMs) await new Promise((done) => setTimeout(done, r.downMs));
      await launch();
    },
    async stop() {
      await halt('SIGTERM');
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

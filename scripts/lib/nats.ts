// nats-server for the tests and for running several replicas: Debian's package, installed on first use, started on
// loopback with JetStream on a free port, its store in a throwaway folder.
import { type ChildProcess, spawn } from 'node:child_process';
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
  let child: ChildProcess;
  const launch = async () => {
    child = spawn(bin, ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', dir], { stdio: 'ignore' });
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

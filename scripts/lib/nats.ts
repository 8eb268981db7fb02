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
import type { HostNetwork } from './netns.ts';

const listening = (port: number, host = '127.0.0.1') =>
  new Promise<boolean>((resolve) => {
    const s = net.connect({ port, host }, () => {
      s.end();
      resolve(true);
    });
    s.on('error', () => resolve(false));
  });

export interface RunningNats {
  url: string;
  /** The HTTP monitoring address (/varz, /jsz), when asked for (`monitor: true`). */
  monitor?: string;
  /** The server process's id (its CPU and memory, in benchmarks). */
  readonly pid: number | undefined;
  /** Stops the server (SIGKILL: a crash) and starts it again on the same port and store after `downMs`. */
  restart(opts?: { kill?: 'SIGTERM' | 'SIGKILL'; downMs?: number }): Promise<void>;
  stop(): Promise<void>;
}

/**
 * JetStream's default syncs to disk every two minutes and acknowledges before: a crash of the machine would lose
 * messages already acknowledged to the relay. Every write is synced before it is acknowledged, as in the cluster
 * (k8s/base/nats.yaml) — where the server has the setting: it came with nats-server 2.10, and Debian 12 ships 2.9.
 */
function syncSetting(bin: string): string {
  const [major = 0, minor = 0] = (/v(\d+)\.(\d+)/.exec(spawnSync(bin, ['--version'], { encoding: 'utf8' }).stdout) ?? []).slice(1).map(Number);
  return major > 2 || (major === 2 && minor >= 10) ? '  sync_interval: always\n' : '';
}

export async function startNats(opts: { monitor?: boolean } = {}): Promise<RunningNats | null> {
  const bin = ensureDebianPackage('nats-server', 'nats-server');
  if (!bin) return null;
  const port = await freePort();
  const monitorPort = opts.monitor ? await freePort() : null;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yizhan-nats-'));
  const sync = syncSetting(bin);
  const conf = path.join(dir, 'nats.conf');
  fs.writeFileSync(conf, `jetstream {\n  store_dir: ${JSON.stringify(path.join(dir, 'store'))}\n${sync}}\n`);
  let child: ChildProcess;
  const launch = async () => {
    child = spawn(bin, ['-c', conf, '-a', '127.0.0.1', '-p', String(port), ...(monitorPort ? ['-m', String(monitorPort)] : [])], { stdio: 'ignore' });
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
    ...(monitorPort ? { monitor: `http://127.0.0.1:${monitorPort}` } : {}),
    get pid() {
      return child.pid;
    },
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

export interface NatsCluster {
  /** Every server, comma-separated (YIZHAN_EVENT_BUS): a client moves to another when one goes. */
  url: string;
  /** Kills a server (SIGKILL: a crash) and starts it again on its host and store after `downMs`. */
  restart(host: string, opts?: { downMs?: number }): Promise<void>;
  stop(): Promise<void>;
}

/** A JetStream cluster, one server on each of `hostNames` (hosts of `network`), routes between all of them. */
export async function startNatsCluster(network: HostNetwork, hostNames: string[]): Promise<NatsCluster> {
  const bin = ensureDebianPackage('nats-server', 'nats-server');
  if (!bin) throw new Error('nats-server is not installed and could not be installed with apt-get');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yizhan-nats-cluster-'));
  const sync = syncSetting(bin);
  const ipOf = (name: string) => network.hosts[name]?.ip as string;
  const children = new Map<string, ChildProcess>();
  const launch = async (name: string) => {
    const conf = path.join(dir, `${name}.conf`);
    const routes = hostNames.filter((h) => h !== name).map((h) => `nats://${ipOf(h)}:6222`);
    fs.writeFileSync(
      conf,
      [
        `server_name: ${name}`,
        `listen: ${ipOf(name)}:4222`,
        `jetstream {\n  store_dir: ${JSON.stringify(path.join(dir, name))}\n${sync}}`,
        `cluster {\n  name: yizhan\n  listen: ${ipOf(name)}:6222\n  routes: ${JSON.stringify(routes)}\n}`,
        '',
      ].join('\n'),
    );
    children.set(name, network.spawn(name, bin, ['-c', conf], { stdio: 'ignore' }));
    for (let i = 0; i < 100 && !(await listening(4222, ipOf(name))); i++) await new Promise((r) => setTimeout(r, 50));
  };
  const halt = (name: string, signal: 'SIGTERM' | 'SIGKILL') =>
    new Promise<void>((resolve) => {
      const child = children.get(name);
      if (!child || child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill(signal);
    });
  await Promise.all(hostNames.map(launch));
  return {
    url: hostNames.map((h) => `nats://${ipOf(h)}:4222`).join(','),
    async restart(name, r = {}) {
      await halt(name, 'SIGKILL');
      if (r.downMs) await new Promise((done) => setTimeout(done, r.downMs));
      await launch(name);
    },
    async stop() {
      await Promise.all(hostNames.map((h) => halt(h, 'SIGTERM')));
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

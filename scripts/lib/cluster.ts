// The test cluster: the platform's replicas on several hosts of this machine (network namespaces, netns.ts), as a
// province runs them on several machines. Two hosts hold PostgreSQL, a primary and a standby that streams its WAL and
// confirms each commit before the primary acknowledges it (synchronous replication), the services reaching whichever
// is primary at one address that moves; three hold a NATS JetStream cluster (each event written to all three before
// the relay hears it is kept); each application host runs every subgraph and a gateway, supervised as npm start
// supervises them (one that dies comes back); the application hosts keep their files on one shared volume, as on a
// network disk. Faults are injected from outside: a process killed or paused on a host, a NATS server killed, a host
// cut off the network and joined again, the files' volume filled to its last byte, the primary killed and the standby
// promoted (and a new standby made of the old primary's host). Used by `npm run cluster` and test/cluster.test.ts.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ensureKeys, loadConfig } from '@yizhan/common';
import { type RunningPostgres, startEmbeddedPostgres, withDatabase } from '@yizhan/kernel';
import pg from 'pg';
import { buildProcesses, builtEntry } from './build.ts';
import { type NatsCluster, startNatsCluster } from './nats.ts';
import { createHostNetwork, type HostNetwork } from './netns.ts';
import { services } from './services.ts';
import { type DatabaseReady, prepareDatabase, startProcess, supervised } from './stack.ts';
import { type Child, Supervisor } from './supervisor.ts';

export interface Cluster {
  network: HostNetwork;
  /** The application hosts' names, and each one's gateway. */
  appHosts: string[];
  gateways: Record<string, string>;
  db: DatabaseReady;
  /** The platform's database as its superuser: for checks underneath the application. */
  superUrl: string;
  nats: NatsCluster;
  /** Kills a process on a host as a crash would (SIGKILL); its supervisor starts it again. */
  kill(host: string, process: string): void;
  /** Sends a signal to a process on a host: SIGSTOP and SIGCONT pause it and let it run again, as a stalled machine. */
  signal(host: string, process: string, signal: NodeJS.Signals): void;
  /** How often a process on a host was restarted. */
  restartsOf(host: string, process: string): number;
  /** The application hosts' shared volume for files (YIZHAN_BLOB_DIR), a tmpfs of its own size. */
  blobVolume: {
    dir: string;
    /** Takes every byte left on it, as a disk filling up would. */
    fill(): void;
    /** Gives the space taken by fill() back. */
    free(): void;
  };
  /**
   * Kills the PostgreSQL primary (SIGKILL, as a crash) and promotes the standby, which takes the database's address:
   * the services' next connections reach it. Once only.
   */
  failOverDatabase(): Promise<void>;
  /**
   * After a failover, makes the old primary's host a synchronous standby of the new primary (a fresh base backup, as
   * an operator rebuilds a failed node), so a commit is again on two hosts before it is acknowledged.
   */
  rebuildStandby(): Promise<void>;
  stop(): Promise<void>;
}

const GATEWAY_PORT = 4000;
/** The shared files' volume: small, so that filling it is quick. */
const BLOB_VOLUME_SIZE = '64m';

export async function startCluster(opts: { appHosts?: number; log?: (m: string) => void } = {}): Promise<Cluster> {
  const log = opts.log ?? (() => {});
  await ensureKeys();
  await buildProcesses(log);
  const appHosts = Array.from({ length: opts.appHosts ?? 2 }, (_, i) => `app${i + 1}`);
  const natsHosts = ['nats1', 'nats2', 'nats3'];
  const network = createHostNetwork(['db1', 'db2', ...natsHosts, ...appHosts]);
  // The database's address: the primary's, moved to the standby when it takes over.
  const databaseIp = network.spareAddress(5);
  const dataDir = path.join(loadConfig().dataDir, `cluster-${process.pid}`);
  let primary: RunningPostgres | undefined;
  let standby: RunningPostgres | undefined;
  let rebuilt: RunningPostgres | undefined;
  let nats: NatsCluster | undefined;
  const supervisor = new Supervisor(log);
  const children = new Map<string, Child>();
  const blobDir = path.join(dataDir, 'blobs');
  const filler = path.join(blobDir, 'filler');
  let blobVolumeMounted = false;
  const stop = async () => {
    await supervisor.stopAll();
    await nats?.stop();
    await rebuilt?.stop();
    await standby?.stop();
    await primary?.stop();
    network.destroy();
    if (blobVolumeMounted) execFileSync('umount', ['-l', blobDir]);
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    fs.mkdirSync(blobDir, { recursive: true });
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${BLOB_VOLUME_SIZE},mode=0755`, 'yizhan-blobs', blobDir]);
    blobVolumeMounted = true;
    network.moveAddress(databaseIp, 'db1');
    const onDb = (host: string) => (command: string, args: string[], options: Parameters<HostNetwork['spawn']>[3]) =>
      network.spawn(host, command, args, options);
    primary = await startEmbeddedPostgres(path.join(dataDir, 'primary'), {
      persistent: false,
      onHost: { ip: databaseIp, cidr: network.cidr, spawn: onDb('db1') },
    });
    const ready = await prepareDatabase({ persistent: false, seed: true, adminUrl: primary.adminUrl, log });
    standby = await startStandby(primary, path.join(dataDir, 'primary'), path.join(dataDir, 'standby'), {
      ip: network.hosts.db2?.ip as string,
      primaryIp: network.hosts.db1?.ip as string,
      cidr: network.cidr,
      spawn: onDb('db2'),
    });
    log(`PostgreSQL primary on db1 and a synchronous standby on db2, at ${databaseIp}`);
    nats = await startNatsCluster(network, natsHosts);
    log(`NATS cluster on ${nats.url}`);
    const all = await services();
    const gateways: Record<string, string> = {};
    for (const host of appHosts) {
      const ip = network.hosts[host]?.ip as string;
      const on = (command: string, args: string[], options: Parameters<HostNetwork['spawn']>[3]) => network.spawn(host, command, args, options);
      const subgraphs = Object.fromEntries(all.map((svc) => [svc.name, `http://${ip}:${svc.defaultPort}/graphql`]));
      const env = {
        YIZHAN_LISTEN_HOST: ip,
        YIZHAN_APP_DATABASE_URL: ready.appUrl,
        YIZHAN_RELAY_DATABASE_URL: ready.relayUrl,
        YIZHAN_SUBGRAPHS: JSON.stringify(subgraphs),
        YIZHAN_EVENT_BUS: nats.url,
        YIZHAN_NATS_REPLICAS: String(natsHosts.length),
        YIZHAN_BLOB_DIR: blobDir,
      };
      const keep = async (name: string, start: () => Promise<Child>) => {
        children.set(`${host}/${name}`, await supervisor.add(`${host}/${name}`, start, (c) => children.set(`${host}/${name}`, c)));
      };
      await Promise.all(
        all.map((svc) =>
          keep(svc.name, async () =>
            supervised(await startProcess(`${host}/${svc.name}`, builtEntry(svc.name), { ...env, PORT: String(svc.defaultPort) }, on)),
          ),
        ),
      );
      await keep('gateway', async () => supervised(await startProcess(`${host}/gateway`, builtEntry('gateway'), { ...env, PORT: String(GATEWAY_PORT) }, on)));
      gateways[host] = `http://${ip}:${GATEWAY_PORT}/graphql`;
      log(`${host}: every subgraph and a gateway on ${gateways[host]}`);
    }
    const natsCluster = nats;
    const signal = (host: string, name: string, sig: NodeJS.Signals) => {
      const pid = children.get(`${host}/${name}`)?.pid;
      if (!pid) throw new Error(`No ${name} on ${host}`);
      process.kill(pid, sig);
    };
    const db1 = primary;
    const db2 = standby;
    const standbyOnDb1 = path.join(dataDir, 'standby-again');
    return {
      network,
      appHosts,
      gateways,
      db: ready,
      superUrl: withDatabase(primary.adminUrl, loadConfig().databaseName),
      nats: natsCluster,
      kill: (host, name) => signal(host, name, 'SIGKILL'),
      signal,
      restartsOf: (host, name) => supervisor.restartsOf(`${host}/${name}`),
      blobVolume: {
        dir: blobDir,
        fill() {
          // Large writes first, then smaller ones into what is left, to the last page.
          const fd = fs.openSync(filler, 'a');
          try {
            for (const size of [1 << 20, 1 << 12]) {
              const chunk = Buffer.alloc(size, 0x5a);
              for (;;) {
                try {
                  fs.writeSync(fd, chunk);
                } catch (e) {
                  if ((e as NodeJS.ErrnoException).code === 'ENOSPC') break;
                  throw e;
                }
              }
            }
          } finally {
            fs.closeSync(fd);
          }
          log(`the files' volume is full (${fs.statSync(filler).size} bytes taken)`);
        },
        free() {
          fs.rmSync(filler, { force: true });
          log(`the files' volume has space again`);
        },
      },
      async failOverDatabase() {
        if (db1.pid) process.kill(db1.pid, 'SIGKILL');
        const c = new pg.Client({ connectionString: db2.adminUrl });
        await c.connect();
        try {
          await c.query('select pg_promote(true, 30)');
        } finally {
          await c.end();
        }
        network.moveAddress(databaseIp, 'db2', 'db1');
        log(`PostgreSQL: the primary on db1 killed; db2 promoted and answering at ${databaseIp}`);
      },
      async rebuildStandby() {
        // The old primary's own data is not reused: it may hold commits the standby never confirmed (none that was
        // acknowledged, but a rewind is not ours to do), so db1 starts again from a base backup of the new primary.
        rebuilt = await startStandby(db2, path.join(dataDir, 'standby'), standbyOnDb1, {
          ip: network.hosts.db1?.ip as string,
          primaryIp: network.hosts.db2?.ip as string,
          cidr: network.cidr,
          spawn: onDb('db1'),
        });
        log('PostgreSQL: db1 is again a synchronous standby, of db2');
      },
      stop,
    };
  } catch (e) {
    await stop();
    throw e;
  }
}

/**
 * A streaming standby of `primary` on another host: a base backup taken over SQL (the copy made between
 * pg_backup_start and pg_backup_stop, as pg_basebackup does, which the embedded binaries lack), a replication slot so
 * the primary keeps the WAL the standby still needs, then the primary waits for the standby's flush before it
 * acknowledges a commit (synchronous_standby_names): a commit acknowledged is on both hosts.
 */
async function startStandby(
  primary: RunningPostgres,
  primaryDir: string,
  dir: string,
  host: {
    ip: string;
    primaryIp: string;
    cidr: string;
    spawn: (command: string, args: string[], options: Parameters<HostNetwork['spawn']>[3]) => ReturnType<HostNetwork['spawn']>;
  },
): Promise<RunningPostgres> {
  const superuser = new URL(primary.adminUrl);
  const admin = new pg.Client({ connectionString: primary.adminUrl });
  await admin.connect();
  try {
    await admin.query("select pg_create_physical_replication_slot('standby', true)");
    await admin.query("select pg_backup_start('standby', true)");
    execFileSync('cp', ['-a', primaryDir, dir]);
    const { rows } = await admin.query<{ labelfile: string }>('select labelfile from pg_backup_stop(true)');
    for (const f of ['postmaster.pid', 'postmaster.opts']) fs.rmSync(path.join(dir, f), { force: true });
    fs.rmSync(path.join(dir, 'pg_replslot'), { recursive: true, force: true });
    fs.mkdirSync(path.join(dir, 'pg_replslot'));
    fs.writeFileSync(path.join(dir, 'backup_label'), rows[0]?.labelfile ?? '');
    fs.writeFileSync(path.join(dir, 'standby.signal'), '');
    const conninfo = `host=${host.primaryIp} port=${superuser.port} user=${decodeURIComponent(superuser.username)} password=${decodeURIComponent(superuser.password)} application_name=standby`;
    fs.appendFileSync(path.join(dir, 'postgresql.auto.conf'), `\nprimary_conninfo = '${conninfo}'\nprimary_slot_name = 'standby'\n`);
    // The copy is the server's own user's, as the original.
    if (process.getuid?.() === 0) execFileSync('chown', ['-R', `${fs.statSync(primaryDir).uid}:${fs.statSync(primaryDir).gid}`, dir]);
    const standby = await startEmbeddedPostgres(dir, {
      persistent: false,
      onHost: { ip: host.ip, cidr: host.cidr, spawn: host.spawn, port: Number(superuser.port) },
    });
    await admin.query("alter system set synchronous_standby_names = 'standby'");
    await admin.query('select pg_reload_conf()');
    return standby;
  } finally {
    await admin.end();
  }
}

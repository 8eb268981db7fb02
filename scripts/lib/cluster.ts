// The test cluster: the platform's replicas on several hosts of this machine (network namespaces, netns.ts), as a
// province runs them on several machines. One host holds PostgreSQL, three hold a NATS JetStream cluster (each event
// written to all three before the relay hears it is kept), and each application host runs every subgraph and a
// gateway, supervised as npm start supervises them (one that dies comes back). Faults are injected from outside: a
// process killed on a host, a NATS server killed, a host cut off the network and joined again. Used by
// `npm run cluster` and test/cluster.test.ts.
import fs from 'node:fs';
import path from 'node:path';
import { ensureKeys, loadConfig } from '@yizhan/common';
import { type RunningPostgres, startEmbeddedPostgres, withDatabase } from '@yizhan/kernel';
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
  /** How often a process on a host was restarted. */
  restartsOf(host: string, process: string): number;
  stop(): Promise<void>;
}

const GATEWAY_PORT = 4000;

export async function startCluster(opts: { appHosts?: number; log?: (m: string) => void } = {}): Promise<Cluster> {
  const log = opts.log ?? (() => {});
  await ensureKeys();
  await buildProcesses(log);
  const appHosts = Array.from({ length: opts.appHosts ?? 2 }, (_, i) => `app${i + 1}`);
  const natsHosts = ['nats1', 'nats2', 'nats3'];
  const network = createHostNetwork(['db', ...natsHosts, ...appHosts]);
  const dataDir = path.join(loadConfig().dataDir, `cluster-${process.pid}`);
  let pg: RunningPostgres | undefined;
  let nats: NatsCluster | undefined;
  const supervisor = new Supervisor(log);
  const children = new Map<string, Child>();
  const stop = async () => {
    await supervisor.stopAll();
    await nats?.stop();
    await pg?.stop();
    network.destroy();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const db = network.hosts.db;
    if (!db) throw new Error('no database host');
    pg = await startEmbeddedPostgres(path.join(dataDir, 'postgres'), {
      persistent: false,
      onHost: { ip: db.ip, cidr: network.cidr, spawn: (command, args, options) => network.spawn('db', command, args, options) },
    });
    const ready = await prepareDatabase({ persistent: false, seed: true, adminUrl: pg.adminUrl, log });
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
    return {
      network,
      appHosts,
      gateways,
      db: ready,
      superUrl: withDatabase(pg.adminUrl, loadConfig().databaseName),
      nats: natsCluster,
      kill(host, name) {
        const pid = children.get(`${host}/${name}`)?.pid;
        if (!pid) throw new Error(`No ${name} on ${host}`);
        process.kill(pid, 'SIGKILL');
      },
      restartsOf: (host, name) => supervisor.restartsOf(`${host}/${name}`),
      stop,
    };
  } catch (e) {
    await stop();
    throw e;
  }
}

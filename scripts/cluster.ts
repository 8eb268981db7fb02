// npm run cluster: the platform's replicas on several hosts of this machine (scripts/lib/cluster.ts) — PostgreSQL on
// one, a three-server NATS JetStream cluster on three, every subgraph and a gateway on each of two more — for trying
// faults by hand (root, Linux network namespaces). Prints each host's address and the commands that cut one off or
// kill a process there; Ctrl-C stops everything and removes the hosts. Its data is thrown away.
import { startCluster } from './lib/cluster.ts';

const log = (m: string) => console.log(`[cluster] ${m}`);
process.env.NODE_ENV ??= 'production';
const cluster = await startCluster({ log });
for (const [name, host] of Object.entries(cluster.network.hosts)) log(`${name.padEnd(6)} ${host.ip.padEnd(14)} (ip netns exec ${host.netns} …)`);
for (const [host, url] of Object.entries(cluster.gateways)) log(`gateway on ${host}: ${url}`);
log('faults by hand: kill -9 a process shown by `ip netns pids <netns>`; cut a host off with `ip link set <its veth> down`');
log('Ctrl-C stops everything');
let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await cluster.stop();
  log('stopped');
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());

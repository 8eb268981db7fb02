// Hosts on one machine: each a Linux network namespace with its own address on a bridge, as separate machines on one
// network segment (Debian's iproute2; root). The machine itself is the segment's first address and can reach every
// host; a host cut off (`partition`) loses its link, as a machine whose cable is pulled. Used by the test cluster
// (cluster.ts) to run replicas "on several hosts" and to cut them apart.
import { type ChildProcess, execFileSync, type SpawnOptions, spawn } from 'node:child_process';
import { ensureDebianPackage } from './debian.ts';

export interface Host {
  name: string;
  /** The network namespace's name. */
  netns: string;
  /** Its address on the segment. */
  ip: string;
}

export interface HostNetwork {
  /** The machine's own address on the segment (the bridge): what every host reaches the machine by. */
  machineIp: string;
  /** The segment, for access rules (PostgreSQL's pg_hba). */
  cidr: string;
  hosts: Record<string, Host>;
  /** Starts a program on a host. */
  spawn(host: string, command: string, args: string[], options?: SpawnOptions): ChildProcess;
  /** Cuts a host off the segment (its link goes down), and back. */
  partition(host: string): void;
  heal(host: string): void;
  /** An address of the segment no host is given (`last`: its last number, 2–9), for one that moves between hosts. */
  spareAddress(last: number): string;
  /**
   * Gives `address` to host `to` as a second address, taking it from `from`; every host and the machine forget where
   * it was (as a gratuitous ARP would tell them), so their next packet goes to its new holder.
   */
  moveAddress(address: string, to: string, from?: string): void;
  destroy(): void;
}

const ip = (...args: string[]) => execFileSync('ip', args, { stdio: ['ignore', 'ignore', 'pipe'] });

/** Whether hosts can be made here: root, iproute2 (installed from Debian when missing) and namespaces allowed. */
export function hostsPossible(): string | null {
  if (process.getuid?.() !== 0) return 'network namespaces need root';
  if (!ensureDebianPackage('ip', 'iproute2')) return 'iproute2 is not installed and could not be installed with apt-get';
  return null;
}

/**
 * Makes `names` hosts on a fresh segment (10.88.N.0/24, N from the process id, so concurrent runs do not meet).
 * Everything is named after this process: `destroy` (also on exit) removes it all.
 */
export function createHostNetwork(names: string[]): HostNetwork {
  const why = hostsPossible();
  if (why) throw new Error(`Cannot make hosts: ${why}`);
  const tag = `yz${process.pid}`;
  const net = `10.88.${process.pid % 250}`;
  const bridge = `${tag}br`;
  const hosts: Record<string, Host> = {};
  const links: Record<string, string> = {};
  const destroy = () => {
    for (const h of Object.values(hosts)) {
      try {
        ip('netns', 'del', h.netns);
      } catch {}
    }
    try {
      ip('link', 'del', bridge);
    } catch {}
  };
  process.once('exit', destroy);
  try {
    ip('link', 'add', bridge, 'type', 'bridge');
    ip('addr', 'add', `${net}.1/24`, 'dev', bridge);
    ip('link', 'set', bridge, 'up');
    names.forEach((name, i) => {
      const netns = `${tag}-${name}`;
      const link = `${tag}h${i}`;
      const address = `${net}.${10 + i}`;
      hosts[name] = { name, netns, ip: address };
      links[name] = link;
      ip('netns', 'add', netns);
      ip('link', 'add', link, 'type', 'veth', 'peer', 'name', 'eth0', 'netns', netns);
      ip('link', 'set', link, 'master', bridge, 'up');
      ip('-n', netns, 'addr', 'add', `${address}/24`, 'dev', 'eth0');
      ip('-n', netns, 'link', 'set', 'eth0', 'up');
      ip('-n', netns, 'link', 'set', 'lo', 'up');
      ip('-n', netns, 'route', 'add', 'default', 'via', `${net}.1`);
    });
  } catch (e) {
    destroy();
    throw e;
  }
  const linkOf = (host: string) => {
    const link = links[host];
    if (!link) throw new Error(`No host ${host}`);
    return link;
  };
  return {
    machineIp: `${net}.1`,
    cidr: `${net}.0/24`,
    hosts,
    spawn(host, command, args, options = {}) {
      const h = hosts[host];
      if (!h) throw new Error(`No host ${host}`);
      return spawn('ip', ['netns', 'exec', h.netns, command, ...args], options);
    },
    spareAddress(last) {
      if (!(last >= 2 && last <= 9)) throw new Error('A spare address ends in 2 to 9');
      return `${net}.${last}`;
    },
    moveAddress(address, to, from) {
      const nsOf = (host: string) => {
        const h = hosts[host];
        if (!h) throw new Error(`No host ${host}`);
        return h.netns;
      };
      if (from) {
        try {
          ip('-n', nsOf(from), 'addr', 'del', `${address}/24`, 'dev', 'eth0');
        } catch {}
      }
      ip('-n', nsOf(to), 'addr', 'add', `${address}/24`, 'dev', 'eth0');
      for (const h of Object.values(hosts)) ip('-n', h.netns, 'neigh', 'flush', 'all');
      ip('neigh', 'flush', 'dev', bridge);
    },
    partition: (host) => ip('link', 'set', linkOf(host), 'down'),
    heal: (host) => ip('link', 'set', linkOf(host), 'up'),
    destroy() {
      process.off('exit', destroy);
      destroy();
    },
  };
}

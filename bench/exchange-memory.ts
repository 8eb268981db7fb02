// Benchmark: the exchange's memory against the size of the package it carries (issue 19, k8s/README's exchange row).
// The built `yizhan-exchange` (dist/exchange, as its image runs it) runs between two stand-in gateways on loopback
// that answer as the platform's gateway does: the peer has one delivery waiting whose evidence package is SIZE MB
// (exported in base64, written in 1 MB pieces as a gateway writes a large answer), and here takes it in every turn
// (no twin is ever found, so each turn hands it over again), reading each request to its end and counting its bytes.
// For each size a fresh exchange carries the package TURNS times, a turn a second; its peak resident set (VmHWM) is
// read then. Baseline in the same run: the same exchange carrying a package of 1 KB. With `limitMiB`, each exchange
// runs in a memory cgroup of that limit, as a container's limit puts it (root only): killed there, it says so.
// Usage: npm run bench:exchange-memory -- [sizesMB=5,20,52] [turns=5] [limitMiB]
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildProcesses, builtEntry } from '../scripts/lib/build.ts';

const SIZES = (process.argv[2] ?? '5,20,52').split(',').map(Number);
const TURNS = Number(process.argv[3] ?? 5);
const LIMIT_MIB = process.argv[4] ? Number(process.argv[4]) : null;

await buildProcesses(console.log);

/** One stand-in gateway, answering each query of the exchange by what it asks. */
async function standIn(answer: (query: string, body: Buffer | number) => string | ((res: http.ServerResponse) => void)) {
  const server = http.createServer((req, res) => {
    // A request carrying a package is only counted, as a gateway streams it into the service; the rest is read whole.
    const chunks: Buffer[] = [];
    let bytes = 0;
    req.on('data', (c: Buffer) => {
      bytes += c.length;
      if (bytes < 65_536) chunks.push(c);
    });
    req.on('end', () => {
      const head = Buffer.concat(chunks);
      const query = (/"query":"([^"]*)"/.exec(head.toString('utf8')) ?? [])[1] ?? '';
      const a = answer(query, bytes < 65_536 ? head : bytes);
      res.writeHead(200, { 'content-type': 'application/json' });
      if (typeof a === 'string') res.end(a);
      else a(res);
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql` };
}

/** A memory cgroup of `mib` (v2, or v1's memory controller), for one process; null where none can be made. */
function memoryCgroup(mib: number): { add(pid: number): void; close(): void } | null {
  const name = `yizhan-exchange-bench-${process.pid}`;
  const v2 = fs.existsSync('/sys/fs/cgroup/cgroup.controllers');
  const dir = v2 ? `/sys/fs/cgroup/${name}` : `/sys/fs/cgroup/memory/${name}`;
  try {
    fs.mkdirSync(dir);
    fs.writeFileSync(`${dir}/${v2 ? 'memory.max' : 'memory.limit_in_bytes'}`, String(mib * 1024 * 1024));
    if (v2) fs.writeFileSync(`${dir}/memory.swap.max`, '0');
  } catch (e) {
    console.log(`no memory cgroup here (${(e as Error).message}): run without a limit`);
    return null;
  }
  return {
    add: (pid) => fs.writeFileSync(`${dir}/cgroup.procs`, String(pid)),
    close: () => fs.rmdirSync(dir),
  };
}

async function measure(
  sizeBytes: number,
): Promise<{ peakMb: number; idleMb: number; received: number; receivedBytes: number; seconds: number; killed: boolean }> {
  // The package's base64, made once: what the peer's gateway has on hand.
  const base64 = Buffer.alloc(sizeBytes, 7).toString('base64');
  const answerHead = '{"data":{"exportEvidencePackage":{"base64":"';
  const peer = await standIn((query) => {
    if (query.includes('inbox('))
      return JSON.stringify({
        data: {
          inbox: {
            nodes: [{ id: 'd-1', documentId: 'doc-1', docNumber: '国办发〔2026〕1号', title: '大文件', status: 'DELIVERED', parentDeliveryId: null }],
            pageInfo: { hasNextPage: false, endCursor: null },
          },
        },
      });
    if (query.includes('exportEvidencePackage'))
      return (res) => {
        res.write(answerHead);
        for (let i = 0; i < base64.length; i += 1 << 20) res.write(base64.slice(i, i + (1 << 20)));
        res.end('"}}}');
      };
    if (query.includes('peerDeliveriesNotYetReceived')) return '{"data":{"peerDeliveriesNotYetReceived":[]}}';
    return '{"data":{"peerDeliveries":[]}}';
  });
  let received = 0;
  let receivedBytes = 0;
  const here = await standIn((query, body) => {
    if (typeof body === 'number') {
      received++;
      receivedBytes = body;
      return '{"data":{"receiveFromPeer":{"id":"here-1"}}}';
    }
    if (query.includes('receiveFromPeer')) {
      received++;
      receivedBytes = body.length;
      return '{"data":{"receiveFromPeer":{"id":"here-1"}}}';
    }
    if (query.includes('inbox(')) return '{"data":{"inbox":{"nodes":[],"pageInfo":{"hasNextPage":false,"endCursor":null}}}}';
    if (query.includes('peerDeliveriesNotYetReceived')) return '{"data":{"peerDeliveriesNotYetReceived":[]}}';
    return '{"data":{"peerDeliveries":[]}}';
  });
  const child = spawn(process.execPath, [builtEntry('exchange')], {
    env: {
      ...process.env,
      LOG_LEVEL: 'warn',
      YIZHAN_EXCHANGE_PEER_URL: peer.url,
      YIZHAN_EXCHANGE_PEER_TOKEN: 'peer-token',
      YIZHAN_EXCHANGE_URL: here.url,
      YIZHAN_EXCHANGE_TOKEN: 'here-token',
      YIZHAN_EXCHANGE_INTERVAL_MS: '1000',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const cgroup = LIMIT_MIB ? memoryCgroup(LIMIT_MIB) : null;
  cgroup?.add(child.pid as number);
  let exited: NodeJS.Signals | null | undefined;
  child.once('exit', (_code, signal) => {
    exited = signal;
  });
  const status = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(fs.readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
  const started = Date.now();
  let idleMb = 0;
  while (received < TURNS && exited === undefined && Date.now() - started < 600_000) {
    await new Promise((r) => setTimeout(r, 50));
    if (!idleMb && received === 0) idleMb = status('VmRSS');
  }
  const seconds = (Date.now() - started) / 1000;
  const killed = exited === 'SIGKILL';
  const peakMb = exited === undefined ? status('VmHWM') : Number.NaN;
  if (exited === undefined) {
    child.kill('SIGTERM');
    await once(child, 'exit');
  }
  cgroup?.close();
  peer.server.close();
  here.server.close();
  return { peakMb, idleMb, received, receivedBytes, seconds, killed };
}

const rows: string[] = [];
const baseline = await measure(1024);
const row = (label: string, r: typeof baseline) =>
  r.killed
    ? `| ${label} | ${r.received} | — | killed by the ${LIMIT_MIB} MiB limit | — | ${r.seconds.toFixed(1)} s |`
    : `| ${label} | ${r.received} | ${(r.receivedBytes / 1e6).toFixed(1)} MB | ${r.peakMb.toFixed(0)} MB | ${(r.peakMb / baseline.peakMb).toFixed(2)} | ${r.seconds.toFixed(1)} s |`;
rows.push(row('1 KB (baseline)', baseline));
for (const mb of SIZES) {
  const r = await measure(mb * 1024 * 1024);
  rows.push(row(`${mb} MB`, r));
  console.log(rows.at(-1));
}
console.log(
  `\nthe exchange, from dist/, carrying one package ${TURNS} times a second apart, for each size${LIMIT_MIB ? `, under a ${LIMIT_MIB} MiB memory limit` : ''}\n`,
);
console.log('| package | handed over | each request here | peak resident set | ÷ baseline | time |');
console.log('|---|---|---|---|---|---|');
for (const r of rows) console.log(r);

// Builds the images (scripts/build-images.ts) and proves they run: every process started from its image's own file
// system by buildah (no daemon, as user 65532, the image's ENTRYPOINT and WORKDIR), against a throwaway embedded
// PostgreSQL, with the configuration of the Kubernetes manifests (k8s/base/kustomization.yaml's config map) and only
// the addresses, the event bus and the secrets made local. `npm run images:check` (a few minutes: not in npm test).
//
//   npx tsx scripts/check-images.ts [--no-build] [--work <dir>] [--storage /var/tmp/yizhan-buildah] [--keep]
//
// 1. the migrations' image (`migrate`) provisions the empty database and applies every migration, and exits 0;
// 2. the five subgraphs' images start together and each answers /healthz and /readyz (a database round trip);
// 3. the gateway's image answers /healthz and /readyz (every subgraph ready) and a login with a wrong password
//    (through org to the database: INVALID_CREDENTIALS);
// 4. the dashboard's image answers /login;
// 5. the exchange's image (it serves nothing to probe, and needs a peer platform to run against) refuses to start
//    without its variables, naming them, with exit status 2: its entry runs, and says what it lacks;
// 6. in each image, node loads the native modules (sharp, resvg) the processes load when they need them.
// The buildah containers are removed afterwards, and with the default --storage (a store of its own, under /var/tmp)
// the images and the store too unless --keep.
import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { repoRoot } from '@yizhan/common';
import { freePort, startEmbeddedPostgres } from '@yizhan/kernel';
import { parse } from 'yaml';
import { PROCESSES } from './lib/build.ts';
import { buildahOptions, ensureBuildah, IMAGES } from './lib/buildah.ts';
import { loadTypeScript } from './lib/typescript-args.ts';

const { values } = parseArgs({
  options: {
    'no-build': { type: 'boolean', default: false },
    work: { type: 'string' },
    storage: { type: 'string', default: '/var/tmp/yizhan-buildah' },
    'storage-driver': { type: 'string' },
    registry: { type: 'string', default: 'localhost/yizhan' },
    tag: { type: 'string', default: 'dev' },
    keep: { type: 'boolean', default: false },
  },
});
const log = (m: string) => console.log(`[images:check] ${m}`);
const tagOf = (name: string) => `${values.registry}/${name}:${values.tag}`;
const UID = 65532;

ensureBuildah(log);
if (!values['no-build']) {
  const args = [
    ...loadTypeScript,
    path.join(repoRoot, 'scripts', 'build-images.ts'),
    '--storage',
    values.storage,
    '--registry',
    values.registry,
    '--tag',
    values.tag,
  ];
  if (values['storage-driver']) args.push('--storage-driver', values['storage-driver']);
  if (values.work) args.push('--work', values.work);
  execFileSync(process.execPath, args, { cwd: repoRoot, stdio: 'inherit' });
}
const globals = buildahOptions({ storage: values.storage, driver: values['storage-driver'], log });
const buildah = (args: string[]) => execFileSync('buildah', [...globals, ...args], { encoding: 'utf8' }).trim();

// `buildah run` in the OCI runtime where it works, else in a chroot (a container whose cgroups crun cannot set up).
const containers: string[] = [];
const from = (image: string) => {
  const c = buildah(['from', '--quiet', '--pull-never', image]);
  containers.push(c);
  return c;
};
let isolation = process.env.BUILDAH_ISOLATION;
if (!isolation) {
  const probe = buildah(['from', '--quiet', '--pull-never', tagOf('migrate')]);
  isolation = spawnSync('buildah', [...globals, 'run', probe, '--', '/usr/local/bin/node', '--version']).status === 0 ? 'oci' : 'chroot';
  buildah(['rm', probe]);
  log(`buildah run isolation: ${isolation}`);
}

/** The image's ENTRYPOINT, as its configuration holds it. */
const entrypointOf = (container: string) =>
  (JSON.parse(buildah(['inspect', container])) as { OCIv1: { config: { Entrypoint: string[] } } }).OCIv1.config.Entrypoint;

interface Started {
  name: string;
  child: ChildProcess;
  output: string[];
}
const started: Started[] = [];
/** Runs `command` (the image's entrypoint unless given) in a new container of `image`, on the host's network. */
function runImage(name: string, image: string, env: Record<string, string>, opts: { volumes?: string[]; command?: (entry: string[]) => string[] } = {}) {
  const container = from(image);
  const entry = entrypointOf(container);
  const command = opts.command ? opts.command(entry) : entry;
  const args = [...globals, 'run', '--isolation', isolation as string, '--network', 'host'];
  for (const [k, v] of Object.entries(env)) args.push('--env', `${k}=${v}`);
  for (const v of opts.volumes ?? []) args.push('--volume', v);
  const child = spawn('buildah', [...args, container, '--', ...command], { stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  child.stdout?.on('data', (d: Buffer) => output.push(d.toString()));
  child.stderr?.on('data', (d: Buffer) => output.push(d.toString()));
  const s = { name, child, output };
  started.push(s);
  return s;
}
const exited = (s: Started) => new Promise<number | null>((resolve) => (s.child.exitCode !== null ? resolve(s.child.exitCode) : s.child.once('exit', resolve)));
const tail = (s: Started) => s.output.join('').split('\n').slice(-15).join('\n');

async function until(what: string, s: Started, check: () => Promise<boolean>, seconds = 90) {
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    if (s.child.exitCode !== null) throw new Error(`${s.name} exited with ${s.child.exitCode} before ${what}:\n${tail(s)}`);
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${s.name}: no ${what} within ${seconds} s:\n${tail(s)}`);
}
const answers =
  (url: string, status = 200) =>
  async () =>
    (await fetch(url, { signal: AbortSignal.timeout(5000) })).status === status;

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'yizhan-images-'));
fs.chmodSync(work, 0o755); // the embedded PostgreSQL runs as its own user
const results: string[] = [];
const startedAt = Date.now();
let pg: Awaited<ReturnType<typeof startEmbeddedPostgres>> | undefined;
let failed = false;
try {
  // What every process reads in the cluster (the config map), then what is local here.
  const kustomization = parse(fs.readFileSync(path.join(repoRoot, 'k8s', 'base', 'kustomization.yaml'), 'utf8')) as {
    configMapGenerator: { name: string; literals: string[] }[];
  };
  const config = Object.fromEntries(
    kustomization.configMapGenerator.flatMap((g) => g.literals).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
  );
  // The keys (as the Secrets mount them, readable by 65532 only) and the data volume.
  const keys = path.join(work, 'keys');
  const data = path.join(work, 'data');
  process.env.YIZHAN_KEYS_DIR = keys;
  const { ensureKeys } = await import('@yizhan/common');
  await ensureKeys();
  fs.mkdirSync(path.join(data, 'blobs'), { recursive: true });
  fs.mkdirSync(path.join(data, 'archive'), { recursive: true });
  for (const dir of [keys, data]) execFileSync('chown', ['-R', `${UID}:${UID}`, dir]);
  const volumes = [`${keys}:/var/run/yizhan/keys:ro`, `${data}:/var/lib/yizhan`];

  log('starting a throwaway PostgreSQL');
  pg = await startEmbeddedPostgres(path.join(work, 'postgres'), { persistent: false });
  const admin = new URL(pg.adminUrl);
  const password = () => crypto.randomBytes(18).toString('base64url');
  const passwords = { YIZHAN_MIGRATOR_PASSWORD: password(), YIZHAN_APP_PASSWORD: password(), YIZHAN_RELAY_PASSWORD: password() };
  const dbUrl = (role: string, pw: string) => `postgres://${role}:${pw}@${admin.host}/${config.YIZHAN_DATABASE}`;
  const base = { ...config, YIZHAN_LISTEN_HOST: '127.0.0.1', YIZHAN_EVENT_BUS: 'postgres', YIZHAN_NATS_REPLICAS: '1' };

  // 1. The migrations.
  let t = Date.now();
  const migrate = runImage('migrate', tagOf('migrate'), { ...base, ...passwords, DATABASE_URL: pg.adminUrl }, { volumes });
  const code = await exited(migrate);
  if (code !== 0 || !migrate.output.join('').includes('migrations done')) throw new Error(`migrate exited with ${code}:\n${tail(migrate)}`);
  results.push(`migrate: provisioned and migrated the database, exit 0 (${Date.now() - t} ms)`);

  // 2. The subgraphs, each on a port of its own, knowing the others'.
  const names = Object.keys(PROCESSES).filter((n) => n !== 'gateway');
  const ports: Record<string, number> = {};
  for (const n of names) ports[n] = await freePort(4100, Object.values(ports));
  const subgraphs = JSON.stringify(Object.fromEntries(names.map((n) => [n, `http://127.0.0.1:${ports[n]}/graphql`])));
  const secrets = { YIZHAN_SECRET_CA_MASTER: crypto.randomBytes(32).toString('base64'), YIZHAN_SECRET_SEAL_MASTER: crypto.randomBytes(32).toString('base64') };
  t = Date.now();
  const services = names.map((n) =>
    runImage(
      n,
      tagOf(n),
      {
        ...base,
        ...secrets,
        PORT: String(ports[n]),
        YIZHAN_SUBGRAPHS: subgraphs,
        YIZHAN_APP_DATABASE_URL: dbUrl('yizhan_app', passwords.YIZHAN_APP_PASSWORD),
        YIZHAN_RELAY_DATABASE_URL: dbUrl('yizhan_relay', passwords.YIZHAN_RELAY_PASSWORD),
      },
      { volumes },
    ),
  );
  await Promise.all(
    services.map(async (s) => {
      const origin = `http://127.0.0.1:${ports[s.name]}`;
      await until('/healthz', s, answers(`${origin}/healthz`));
      await until('/readyz', s, answers(`${origin}/readyz`));
      results.push(`${s.name}: /healthz and /readyz 200 (${Date.now() - t} ms after start)`);
    }),
  );

  // 3. The gateway: its readiness asks every subgraph; a login reaches org and the database through it.
  const gatewayPort = await freePort(4000, Object.values(ports));
  const webPort = await freePort(3100, [...Object.values(ports), gatewayPort]);
  const gatewayUrl = `http://127.0.0.1:${gatewayPort}`;
  t = Date.now();
  const gateway = runImage(
    'gateway',
    tagOf('gateway'),
    {
      ...base,
      PORT: String(gatewayPort),
      YIZHAN_SUBGRAPHS: subgraphs,
      YIZHAN_TRUSTED_DOCUMENTS: '/app/web/generated/persisted-documents.json',
      YIZHAN_DASHBOARD_ORIGIN: `http://127.0.0.1:${webPort}`,
      YIZHAN_GATEWAY_URL: `${gatewayUrl}/graphql`,
    },
    { volumes },
  );
  await until('/healthz', gateway, answers(`${gatewayUrl}/healthz`));
  await until('/readyz', gateway, answers(`${gatewayUrl}/readyz`));
  const login = (await (
    await fetch(`${gatewayUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
      body: JSON.stringify({ query: 'mutation { login(username: "nobody", password: "wrong") { __typename } }' }),
    })
  ).json()) as { errors?: { extensions?: { code?: string } }[] };
  const loginCode = login.errors?.[0]?.extensions?.code;
  if (loginCode !== 'INVALID_CREDENTIALS') throw new Error(`a wrong login through the gateway answered ${JSON.stringify(login)}`);
  results.push(`gateway: /healthz and /readyz 200 (${Date.now() - t} ms after start), a wrong login INVALID_CREDENTIALS from org`);

  // 4. The dashboard, on a free port instead of the entrypoint's 3000 (the host's network is shared here).
  t = Date.now();
  const web = runImage(
    'web',
    tagOf('web'),
    { YIZHAN_GATEWAY_URL: `${gatewayUrl}/graphql` },
    { command: (entry) => entry.map((a, i) => (entry[i - 1] === '-p' ? String(webPort) : a)) },
  );
  await until('/login', web, answers(`http://127.0.0.1:${webPort}/login`));
  results.push(`web: /login 200 (${Date.now() - t} ms after start)`);

  // 5. The exchange, with the platform's configuration but none of its own.
  t = Date.now();
  const exchange = runImage('exchange', tagOf('exchange'), base);
  const exchangeCode = await exited(exchange);
  const missing = ['YIZHAN_EXCHANGE_PEER_URL', 'YIZHAN_EXCHANGE_PEER_TOKEN', 'YIZHAN_EXCHANGE_URL', 'YIZHAN_EXCHANGE_TOKEN'];
  if (exchangeCode !== 2 || !missing.every((v) => exchange.output.join('').includes(v)))
    throw new Error(`the exchange without its variables exited with ${exchangeCode}, not 2 naming them:\n${tail(exchange)}`);
  results.push(`exchange: without its variables, exit 2 naming them (${Date.now() - t} ms)`);

  // 6. The native modules, loaded by node in each image (the processes load them on first use: a print, a seal).
  for (const name of IMAGES.filter((n) => n !== 'web')) {
    const probe = runImage(
      `${name} (native modules)`,
      tagOf(name),
      {},
      {
        command: () => [
          '/usr/local/bin/node',
          '-e',
          "const { Resvg } = require('@resvg/resvg-js'); const sharp = require('sharp'); new Resvg('<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"2\" height=\"2\"/>').render(); console.log('native ok', sharp.versions.vips)",
        ],
      },
    );
    const c = await exited(probe);
    if (c !== 0 || !probe.output.join('').includes('native ok')) throw new Error(`${name}: native modules do not load:\n${tail(probe)}`);
  }
  results.push(`every process image: node loads @resvg/resvg-js (renders an SVG) and sharp (libvips)`);
  log(`all images run (${((Date.now() - startedAt) / 1000).toFixed(0)} s):\n  ${results.join('\n  ')}`);
} catch (e) {
  failed = true;
  console.error(`[images:check] FAILED: ${(e as Error).message}`);
} finally {
  for (const s of started) if (s.child.exitCode === null) s.child.kill('SIGTERM');
  await Promise.all(started.map((s) => Promise.race([exited(s), new Promise((r) => setTimeout(r, 10_000))])));
  for (const s of started) if (s.child.exitCode === null) s.child.kill('SIGKILL');
  for (const c of containers) spawnSync('buildah', [...globals, 'rm', c], { stdio: 'ignore' });
  await pg?.stop();
  fs.rmSync(work, { recursive: true, force: true });
  if (!values.keep && values.storage === '/var/tmp/yizhan-buildah') {
    spawnSync('buildah', [...globals, 'rmi', '--all', '--force'], { stdio: 'ignore' });
    fs.rmSync(values.storage, { recursive: true, force: true });
    log(`removed the images and ${values.storage}`);
  }
}
process.exit(failed ? 1 : 0);

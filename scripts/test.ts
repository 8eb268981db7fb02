// npm test: lint and format check, type check, then every test file against a real PostgreSQL started here.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from '@yizhan/common';

// How long the preparation took is printed before the tests: with the tests' own duration at the end, the log accounts
// for the whole run.
const began = performance.now();
const step = (name: string, cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env) => {
  console.log(`\n▶ ${name}`);
  const r = spawnSync(cmd, args, { cwd: repoRoot, stdio: 'inherit', env });
  if (r.status !== 0) {
    console.error(`✖ ${name} failed`);
    process.exit(r.status ?? 1);
  }
};

const bin = (name: string) => path.join(repoRoot, 'node_modules', '.bin', name);
step('lint and format (biome)', bin('biome'), ['check', '.']);
step('type check (tsc)', bin('tsc'), ['-p', 'tsconfig.json']);

// A throwaway data folder of this run's own (its PostgreSQL cluster and signing keys): two runs at once, by two people
// in one checkout, do not delete each other's database.
const dataDir = path.join(repoRoot, '.test-data', String(process.pid));
fs.rmSync(dataDir, { recursive: true, force: true });
process.env.YIZHAN_DATA_DIR = dataDir;
process.env.YIZHAN_DATABASE = 'yizhan_template';
process.env.NODE_ENV = 'test';

const { ensureKeys } = await import('@yizhan/common');
const { prepareDatabase } = await import('./lib/stack.ts');
await ensureKeys();
console.log('\n▶ PostgreSQL: start, migrate, seed the template database');
const db = await prepareDatabase({ persistent: false, seed: true, log: (m) => console.log(`  ${m}`) });

// The live-receipt tests run over both event transports: PostgreSQL alone, and NATS JetStream between replicas.
const { startNats } = await import('./lib/nats.ts');
console.log('\n▶ nats-server (JetStream) for the event-transport tests');
/** Stops what this run has started so far and ends it, failed, saying why. */
const abort = async (why: string, started: { stop(): Promise<unknown> }[]): Promise<never> => {
  console.error(`✖ ${why}`);
  for (const s of started) await s.stop();
  process.exit(1);
};
const nats = (await startNats()) ?? (await abort('nats-server is not installed and could not be installed with apt-get', [db]));

// The dashboard: its trusted documents and its production build, then Debian's Chromium (and CJK fonts, so the
// screenshots show Chinese) for the browser tests.
// Built into a folder of the tests' own: a rebuild here never pulls the pages from under a running `npm start`.
process.env.YIZHAN_WEB_BUILD_DIR ||= '.next-test';
const { buildWeb } = await import('./lib/web.ts');
const { ensureDebianPackage, installDebianPackage } = await import('./lib/debian.ts');
console.log('\n▶ dashboard build and Chromium for the browser tests');
// A build that fails (an operation the schema no longer has) ends the run with what it started stopped.
await buildWeb((m) => console.log(`  ${m}`)).catch((e) => abort(`the dashboard did not build: ${(e as Error).message}`, [nats, db]));
const chromium = ensureDebianPackage('chromium', 'chromium') ?? (await abort('chromium is not installed and could not be installed with apt-get', [nats, db]));
if (!fs.existsSync('/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc')) installDebianPackage('fonts-noto-cjk');

// Each test file's platform starts on a copy of the template: the services' first start on it (the CA, the followers
// caught up, the partitions) is done here once.
console.log('\n▶ the template database: every service started on it once');
const { warmTemplate } = await import('../test/support/harness.ts');
await warmTemplate(db.adminUrl).catch((e) => abort(`the services did not start on the template database: ${(e as Error).stack}`, [nats, db]));

const patterns = process.argv.slice(2);
const files = spawnSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '*.test.ts'], { cwd: repoRoot, encoding: 'utf8' })
  .stdout.split('\n')
  .filter((f) => f && (!patterns.length || patterns.some((p) => f.includes(p))));
console.log(`\n▶ tests (${files.length} files; prepared in ${((performance.now() - began) / 1000).toFixed(0)} s)`);
// Two workers, each running file after file in one process (scripts/lib/test-pool.ts), with node's spec report, then
// the time each file held a worker, to show where the run's minutes go. The pool runs in this process without blocking
// it: it holds PostgreSQL's log pipe, and a pipe nobody reads fills up and stops every backend that writes a log line
// (the hostile-input suite makes many).
const browserFiles = new Set(files.filter((f) => fs.readFileSync(path.join(repoRoot, f), 'utf8').includes('/support/browser.ts')));
const { runTestPool } = await import('./lib/test-pool.ts');
const { default: testDurations } = await import('./lib/test-durations.ts');
const status = await runTestPool({
  files,
  workers: 2,
  // Ten minutes at most per test and per hook (the longest test takes about three): one that hangs fails, named,
  // instead of holding the run until CI cuts it off.
  timeoutMs: 600_000,
  reporters: [testDurations],
  // The files that drive Chromium (test/support/browser.ts) run beside other files rather than beside one another.
  apart: (file) => browserFiles.has(file),
  env: {
    ...process.env,
    YIZHAN_TEST_ADMIN_URL: db.adminUrl,
    YIZHAN_DATABASE: 'yizhan_template',
    YIZHAN_TEST_NATS_URL: nats.url,
    YIZHAN_TEST_CHROMIUM: chromium,
  },
}).catch((e) => abort(`the test workers failed: ${(e as Error).stack}`, [nats, db]));
await nats.stop();
await db.stop();
fs.rmSync(dataDir, { recursive: true, force: true });
process.exit(status);

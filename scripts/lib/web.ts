// The dashboard (web/): its build and its server. The trusted documents it is built with are made by
// trusted-documents.ts.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from '@yizhan/common';

export const webDir = path.join(repoRoot, 'web');
export const generatedDir = path.join(webDir, 'generated');

export const manifestPath = path.join(generatedDir, 'persisted-documents.json');

const nextBin = path.join(repoRoot, 'node_modules', 'next', 'dist', 'bin', 'next');
/** The build's folder under web/ (next.config.ts distDir): `npm start`'s .next, or another a test run sets. */
const buildDir = () => process.env.YIZHAN_WEB_BUILD_DIR || '.next';

/** Sources outside web/ that the dashboard imports: they are part of its build as much as its own. */
const SHARED_SOURCES = ['audit-words.ts', 'error-words.ts', 'special-formats.ts'].map((f) => path.join(repoRoot, 'lib', 'common', 'src', f));

/** A stamp of everything the build depends on: the build is skipped when nothing changed since the last one. */
function sourceStamp(): string {
  const hash = crypto.createHash('sha256');
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      // What the build itself writes (next-env.d.ts, the TypeScript build info) is not a source: counting it would
      // make the next start rebuild, and a rebuild under a running dashboard pulls its scripts from under it.
      if (['node_modules', '.next', '.next-test', 'test-results', 'next-env.d.ts', 'tsconfig.tsbuildinfo'].includes(entry.name)) continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else hash.update(full).update(fs.readFileSync(full));
    }
  };
  walk(webDir);
  // The files outside web/ the dashboard bundles (plain data it shares with org's audit-log CSV).
  for (const shared of SHARED_SOURCES) hash.update(shared).update(fs.readFileSync(shared));
  return hash.digest('hex');
}

/** Generates the trusted documents and builds the dashboard for production (`next build`) unless it is current. */
export async function buildWeb(log: (m: string) => void = () => {}): Promise<void> {
  const { generateTrustedDocuments } = await import('./trusted-documents.ts');
  const { count } = generateTrustedDocuments();
  const stampFile = path.join(webDir, buildDir(), 'yizhan-build-stamp');
  const stamp = sourceStamp();
  if (fs.existsSync(stampFile) && fs.readFileSync(stampFile, 'utf8') === stamp) {
    log(`dashboard is built (${count} trusted operations)`);
    return;
  }
  log(`building the dashboard (${count} trusted operations; about a minute the first time)`);
  const r = spawnSync(process.execPath, [nextBin, 'build'], {
    cwd: webDir,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`next build failed:\n${r.stdout}\n${r.stderr}`);
  // Stamped as the sources are after the build, in case the build touched one.
  fs.writeFileSync(stampFile, sourceStamp());
}

/** Serves the built dashboard; it reads the gateway's URL at request time. */
export async function startWeb(opts: { port: number; gatewayUrl: string }): Promise<{ url: string; child: ChildProcess; stop(): Promise<void> }> {
  const child = spawn(process.execPath, [nextBin, 'start', '-p', String(opts.port), '-H', '127.0.0.1'], {
    cwd: webDir,
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1', YIZHAN_GATEWAY_URL: opts.gatewayUrl },
  });
  const url = `http://127.0.0.1:${opts.port}`;
  await new Promise<void>((resolve, reject) => {
    // Two minutes at most, and its words read across chunks: a start that never says it is ready fails, saying what it
    // said, instead of waiting for ever.
    let said = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the dashboard did not say it was ready within 120 s; it said: ${said.slice(-500)}`));
    }, 120_000);
    const onExit = (code: number | null) => {
      clearTimeout(timer);
      reject(new Error(`the dashboard exited with code ${code} before it was ready (is port ${opts.port} taken? set WEB_PORT)`));
    };
    child.once('exit', onExit);
    child.stdout?.on('data', (chunk: Buffer) => {
      said = (said + chunk.toString()).slice(-4000);
      if (/Ready|started server|Local:/.test(said)) {
        clearTimeout(timer);
        child.off('exit', onExit);
        resolve();
      }
    });
  });
  child.stdout?.resume();
  return {
    url,
    child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}

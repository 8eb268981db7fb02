// The production build: each process (the gateway, each subgraph, the migrations' job, the exchange with a peer
// platform) bundled to JavaScript in dist/<name>/, with the workspace packages it uses compiled in and every npm
// package left to node_modules. `npm start` runs the servers among them; the build runs first whenever a source file
// changed since the last one (a digest of every source file decides).
//
// Code splitting matters: a process entry starts telemetry and then imports its server (main.ts → import('./index.ts')),
// and that later chunk is where express, pg and graphql are first imported — after the instrumentation is in place.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from '@yizhan/common';
import * as esbuild from 'esbuild';

export const distDir = path.join(repoRoot, 'dist');

/** Every process the platform runs, by name, with its entry in source. */
export const PROCESSES: Record<string, string> = {
  gateway: 'gateway/src/main.ts',
  org: 'services/org/src/main.ts',
  documents: 'services/documents/src/main.ts',
  certificates: 'services/certificates/src/main.ts',
  seals: 'services/seals/src/main.ts',
  archive: 'services/archive/src/main.ts',
};

/** One-off entries built beside the processes: they run to completion and serve nothing (the migrations' Job). */
export const JOBS: Record<string, string> = {
  migrate: 'scripts/migrate.ts',
};

/**
 * Processes deployed beside the platform that serve nothing and that `npm start` does not run: clients of the gateway.
 * The exchange with a peer platform (tools/exchange; k8s/components/exchange) needs a peer to run against. Built,
 * imaged and deployed as the processes are; its entry runs the command's main() and exits with its status.
 */
export const CONNECTORS: Record<string, string> = {
  exchange: 'tools/exchange/src/process.ts',
};

/** The built entry of a process. */
export const builtEntry = (name: string) => path.join(distDir, name, 'main.js');

const SOURCE_DIRS = ['lib', 'services', 'gateway', 'scripts', 'tools'];

function sourceDigest(): string {
  const hash = crypto.createHash('sha256');
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (entry.name === 'node_modules' || entry.name === 'test') continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.(ts|json)$/.test(entry.name) && !entry.name.endsWith('.test.ts')) hash.update(full).update(fs.readFileSync(full));
    }
  };
  for (const d of SOURCE_DIRS) walk(path.join(repoRoot, d));
  hash.update(fs.readFileSync(path.join(repoRoot, 'package-lock.json')));
  hash.update(fs.readFileSync(path.join(repoRoot, 'tsconfig.json')));
  // And how it is built: another option is another build.
  hash.update(fs.readFileSync(import.meta.filename));
  return hash.digest('hex');
}

/** npm packages stay in node_modules; the workspace's own packages (@yizhan/*) are compiled into the bundle. */
const npmPackagesExternal: esbuild.Plugin = {
  name: 'npm-packages-external',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) => (args.path.startsWith('@yizhan/') ? undefined : { path: args.path, external: true }));
  },
};

/** Builds every process when the sources changed since the last build; returns whether it built. */
export async function buildProcesses(log: (m: string) => void = () => {}): Promise<boolean> {
  const digest = sourceDigest();
  const stampFile = path.join(distDir, 'build-stamp.json');
  const built = fs.existsSync(stampFile) ? (JSON.parse(fs.readFileSync(stampFile, 'utf8')) as { digest?: string }).digest : undefined;
  const entries = { ...PROCESSES, ...JOBS, ...CONNECTORS };
  if (built === digest && Object.keys(entries).every((n) => fs.existsSync(builtEntry(n)))) return false;
  const started = Date.now();
  fs.rmSync(distDir, { recursive: true, force: true });
  await Promise.all(
    Object.entries(entries).map(([name, entry]) =>
      esbuild.build({
        entryPoints: [path.join(repoRoot, entry)],
        outdir: path.join(distDir, name),
        entryNames: 'main',
        chunkNames: 'chunks/[name]-[hash]',
        bundle: true,
        splitting: true,
        format: 'esm',
        platform: 'node',
        target: 'node24',
        sourcemap: true,
        // type-graphql and MikroORM decorators, as tsc compiles them (experimentalDecorators).
        tsconfig: path.join(repoRoot, 'tsconfig.json'),
        // type-graphql names a GraphQL type after its class and MikroORM an entity: a bundle that renamed two classes of
        // one name (a migration's and a resolver's `Handling`) to `Handling2` published a type the supergraph does not
        // know, and every fragment on it failed. As the TypeScript loader compiles them (load-typescript.ts).
        keepNames: true,
        plugins: [npmPackagesExternal],
        logLevel: 'warning',
      }),
    ),
  );
  fs.writeFileSync(stampFile, JSON.stringify({ digest, builtAt: new Date().toISOString() }));
  log(`built ${Object.keys(entries).length} entries into dist/ in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return true;
}

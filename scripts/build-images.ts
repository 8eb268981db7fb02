// Builds the OCI images of every process from the production build, offline and without a daemon, with Debian's
// buildah (apt-get install buildah). Not part of CI (no registry there): run it where the images are pushed from.
//
//   npx tsx scripts/build-images.ts [--tag 0.1.0] [--registry localhost/yizhan] [--base <image>] [--push]
//
// 1. builds what `npm start` runs: dist/<name>/ for the gateway, the subgraphs and the migrations (scripts/lib/build.ts)
//    and the dashboard's web/.next (scripts/lib/web.ts);
// 2. stages one build context in dist/images/context/: the root package.json, node_modules with the production
//    dependencies only (`npm ci --omit=dev` in the context, from npm's cache when it has them), dist/, the gateway's
//    run-time files, the dashboard's build;
// 3. without --base, builds the base image FROM scratch (k8s/images/Containerfile.base): Node.js 24 from the npm
//    package `node` with the libraries ldd lists, CA certificates, the user 65532;
// 4. builds <registry>/<name>:<tag> for every process (k8s/images/Containerfile, --build-arg PROCESS=<name>) and
//    <registry>/web:<tag> (k8s/images/Containerfile.web); --push pushes them (buildah push).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { repoRoot } from '@yizhan/common';
import { buildProcesses, distDir, JOBS, PROCESSES } from './lib/build.ts';
import { buildWeb, manifestPath } from './lib/web.ts';

const { values } = parseArgs({
  options: {
    tag: { type: 'string', default: 'dev' },
    registry: { type: 'string', default: 'localhost/yizhan' },
    base: { type: 'string' },
    push: { type: 'boolean', default: false },
  },
});
const log = (m: string) => console.log(`[images] ${m}`);
const run = (cmd: string, args: string[], cwd = repoRoot) => {
  log(`${cmd} ${args.join(' ')}`);
  execFileSync(cmd, args, { cwd, stdio: 'inherit' });
};
const imagesDir = path.join(repoRoot, 'k8s', 'images');
const context = path.join(distDir, 'images', 'context');
const copy = (from: string, to: string) => fs.cpSync(path.join(repoRoot, from), path.join(context, to), { recursive: true, dereference: true });

/** Every image this script makes, by name: the processes of the build and the dashboard. */
const IMAGES = [...Object.keys(PROCESSES), ...Object.keys(JOBS), 'web'];

async function stageContext(): Promise<void> {
  await buildProcesses(log);
  buildWeb(log);
  fs.rmSync(path.join(distDir, 'images'), { recursive: true, force: true });
  fs.mkdirSync(context, { recursive: true });
  // The production dependencies: the lockfile's, installed for the workspaces' package.json files (their code is
  // compiled into the bundles; only their npm dependencies are needed).
  const root = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { workspaces: string[] };
  copy('package.json', 'package.json');
  copy('package-lock.json', 'package-lock.json');
  for (const ws of root.workspaces) copy(path.join(ws, 'package.json'), path.join(ws, 'package.json'));
  run('npm', ['ci', '--omit=dev', '--ignore-scripts', '--prefer-offline', '--no-audit', '--no-fund', '--install-links=false'], context);
  // The workspaces' own links are not needed at run time (the bundles hold that code).
  fs.rmSync(path.join(context, 'node_modules', '@yizhan'), { recursive: true, force: true });
  for (const name of [...Object.keys(PROCESSES), ...Object.keys(JOBS)]) copy(path.join('dist', name), path.join('dist', name));
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

/** rootfs/ of the base image: node, the libraries it links against, CA certificates, the unprivileged user. */
function stageBase(): string {
  const dir = path.join(distDir, 'images', 'base');
  const rootfs = path.join(dir, 'rootfs');
  fs.mkdirSync(path.join(rootfs, 'usr', 'local', 'bin'), { recursive: true });
  const node = fs.realpathSync(path.join(repoRoot, 'node_modules', 'node', 'bin', 'node'));
  fs.copyFileSync(node, path.join(rootfs, 'usr', 'local', 'bin', 'node'));
  const libs = execFileSync('ldd', [node], { encoding: 'utf8' })
    .split('\n')
    .map((l) => /(\/\S+)\s+\(0x/.exec(l)?.[1])
    .filter((l): l is string => Boolean(l));
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
for (const name of [...Object.keys(PROCESSES), ...Object.keys(JOBS)]) {
  // The gateway's run-time files in extra/; the others get it empty.
  const extra = path.join(context, 'extra');
  fs.rmSync(extra, { recursive: true, force: true });
  if (name === 'gateway') fs.cpSync(path.join(context, 'extra-gateway'), extra, { recursive: true });
  else fs.mkdirSync(extra);
  buildah('Containerfile', tagOf(name), context, ['--build-arg', `BASE=${base}`, '--build-arg', `PROCESS=${name}`]);
}
buildah('Containerfile.web', tagOf('web'), context, ['--build-arg', `BASE=${base}`]);
if (values.push) for (const name of IMAGES) run('buildah', ['push', tagOf(name)]);
log(`built ${IMAGES.map(tagOf).join(', ')}`);

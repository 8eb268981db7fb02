// buildah for scripts/build-images.ts and scripts/check-images.ts: installed from Debian when missing, its storage
// where the caller says, with the storage driver this machine can mount.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { CONNECTORS, JOBS, PROCESSES } from './build.ts';
import { ensureDebianPackage } from './debian.ts';

/** Every image scripts/build-images.ts makes, by name: the processes, jobs and connectors of the build, and the dashboard. */
export const IMAGES = [...Object.keys(PROCESSES), ...Object.keys(JOBS), ...Object.keys(CONNECTORS), 'web'];

/** buildah's path, installed with apt-get first when the machine has none (a new machine needs nothing by hand). */
export function ensureBuildah(log: (m: string) => void): string {
  const buildah = ensureDebianPackage('buildah', 'buildah', log);
  if (!buildah) throw new Error('buildah is not installed and apt-get could not install it (apt-get install -y buildah)');
  return buildah;
}

const buildahQuiet = (args: string[]) => spawnSync('buildah', args, { encoding: 'utf8' });

/**
 * buildah's global options: the store in `storage` (root/ and run/) when given, and the storage driver: the one asked
 * for, else overlay when a container of it mounts here and vfs when not (overlay inside a container that cannot mount
 * it; vfs copies every layer, slower and larger, but works anywhere). Without `storage` and a driver, buildah's own
 * configuration decides, as it would for `buildah images` afterwards.
 */
export function buildahOptions(opts: { storage?: string; driver?: string; log: (m: string) => void }): string[] {
  const store = opts.storage ? ['--root', path.join(path.resolve(opts.storage), 'root'), '--runroot', path.join(path.resolve(opts.storage), 'run')] : [];
  if (opts.driver) return [...store, '--storage-driver', opts.driver];
  if (!opts.storage) return store;
  for (const driver of ['overlay', 'vfs']) {
    const globals = [...store, '--storage-driver', driver];
    const from = buildahQuiet([...globals, 'from', '--quiet', 'scratch']);
    const container = from.stdout.trim();
    const mounted = from.status === 0 && buildahQuiet([...globals, 'mount', container]).status === 0;
    if (from.status === 0) buildahQuiet([...globals, 'rm', container]);
    if (mounted) {
      opts.log(`storage driver ${driver} in ${opts.storage}`);
      return globals;
    }
    opts.log(`storage driver ${driver} does not work here: ${from.stderr.trim().split('\n').pop() ?? ''}`);
  }
  throw new Error(`buildah cannot use ${opts.storage} with overlay or vfs`);
}

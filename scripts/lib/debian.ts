// Programs the project needs from Debian (nats-server, Chromium and its CJK fonts): found on the machine, or
// installed with apt-get on first use, so a fresh machine needs nothing installed by hand.
import { spawnSync } from 'node:child_process';

export function installDebianPackage(pkg: string, log: (m: string) => void = console.log): boolean {
  log(`  installing ${pkg} from Debian…`);
  const apt = (args: string[]) => spawnSync('apt-get', args, { stdio: 'ignore', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } }).status === 0;
  return apt(['install', '-y', '--no-install-recommends', pkg]) || (apt(['update']) && apt(['install', '-y', '--no-install-recommends', pkg]));
}

/** The path of `command`, installing `pkg` first when it is missing; null when it cannot be had. */
export function ensureDebianPackage(command: string, pkg: string, log?: (m: string) => void): string | null {
  const which = () => spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' }).stdout.trim();
  if (!which()) installDebianPackage(pkg, log);
  return which() || null;
}

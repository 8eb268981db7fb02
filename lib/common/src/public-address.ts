// Whether an address or a URL points at the public internet: a URL a unit gives us (its alert webhook) must never
// make a service post to itself, to another subgraph's /internal/*, to the database or to a cloud metadata endpoint.
// Plain functions on strings (no DNS here): org checks a URL when it is set, documents checks every address its host
// resolves to when it posts (a name may resolve differently later: DNS rebinding).
import { isIP } from 'node:net';

/** Why an IPv4 address (dotted quad) is not public, or null when it is. */
function ipv4Problem(ip: string): string | null {
  const [a = 0, b = 0] = ip.split('.').map(Number);
  if (a === 0) return 'an unspecified ("this network") address';
  if (a === 127) return 'a loopback address';
  if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168)) return 'a private address';
  if (a === 100 && b >= 64 && b <= 127) return 'a shared (carrier-grade NAT) address';
  if (a === 169 && b === 254) return 'a link-local address';
  if (a === 192 && b === 0 && ip.split('.')[2] === '0') return 'a reserved address';
  if (a === 198 && (b === 18 || b === 19)) return 'a reserved address';
  if (a >= 224 && a <= 239) return 'a multicast address';
  if (a >= 240) return 'a reserved or broadcast address';
  return null;
}

/** The eight 16-bit groups of an IPv6 address (a valid one: `isIP(ip) === 6`, no brackets, no zone). */
function ipv6Groups(ip: string): number[] {
  let text = ip.toLowerCase();
  // A trailing dotted quad (::ffff:127.0.0.1) is two groups.
  const quad = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (quad) {
    const [, a, b, c, d] = quad.map(Number) as [number, number, number, number, number];
    text = `${text.slice(0, quad.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const parse = (part: string) => (part ? part.split(':').map((g) => Number.parseInt(g, 16)) : []);
  const left = parse(head);
  const right = tail === undefined ? [] : parse(tail);
  return [...left, ...Array(8 - left.length - right.length).fill(0), ...right];
}

/** Why an IPv6 address is not public, or null when it is. */
function ipv6Problem(ip: string): string | null {
  const g = ipv6Groups(ip);
  const [g0 = 0, , , , , g5 = 0, g6 = 0, g7 = 0] = g;
  const embeddedV4 = `${g6 >> 8}.${g6 & 255}.${g7 >> 8}.${g7 & 255}`;
  const zeroUpTo = (n: number) => g.slice(0, n).every((x) => x === 0);
  if (zeroUpTo(8)) return 'an unspecified address';
  if (zeroUpTo(7) && g7 === 1) return 'a loopback address';
  // IPv4-mapped (::ffff:a.b.c.d), IPv4-compatible (::a.b.c.d) and NAT64 (64:ff9b::a.b.c.d): the IPv4 address decides.
  if (zeroUpTo(5) && (g5 === 0xffff || g5 === 0)) return ipv4Problem(embeddedV4);
  if (g0 === 0x64 && g[1] === 0xff9b && g.slice(2, 6).every((x) => x === 0)) return ipv4Problem(embeddedV4);
  if ((g0 & 0xffc0) === 0xfe80) return 'a link-local address';
  if ((g0 & 0xffc0) === 0xfec0) return 'a site-local address';
  if ((g0 & 0xfe00) === 0xfc00) return 'a unique-local (private) address';
  if ((g0 & 0xff00) === 0xff00) return 'a multicast address';
  return null;
}

/**
 * Why an IP address is not a public one (loopback, private, link-local, unique-local, unspecified, multicast, reserved),
 * or null when it is public. Accepts IPv6 with or without brackets and zone; anything that is not an IP is a problem.
 */
export function nonPublicAddressProblem(address: string): string | null {
  const ip = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const version = isIP(ip);
  if (version === 4) return ipv4Problem(ip);
  if (version === 6) return ipv6Problem(ip);
  return 'not an IP address';
}

export const isPublicAddress = (address: string): boolean => nonPublicAddressProblem(address) === null;

/** Host names that only mean something on this machine or inside a private network. */
const LOCAL_NAME = /(^|\.)(localhost|local|internal)$/;

/**
 * Why a URL is not an http(s) URL to a public host, or null when it is: refused are other schemes, user names and
 * passwords, IP literals that are not public (in any spelling the URL parser accepts: 127.1, 2130706433, 0x7f000001,
 * [::ffff:127.0.0.1] …), `localhost` and names ending in `.localhost`, `.local` or `.internal`. Names are not resolved
 * here: whoever connects checks the addresses (`nonPublicAddressProblem`) at that moment.
 * `allowPrivateHosts` keeps the scheme and user-name checks but skips the host's (tests with a local server only).
 */
export function publicUrlProblem(url: string, opts: { allowPrivateHosts?: boolean } = {}): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'it is not a valid URL';
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return 'it must be an http or https URL';
  if (parsed.username || parsed.password) return 'it must not carry a user name or password (user:pass@)';
  if (opts.allowPrivateHosts) return null;
  const host = parsed.hostname.toLowerCase().replace(/\.+$/, '');
  if (!host) return 'it has no host';
  if (host.startsWith('[') || isIP(host)) {
    const problem = nonPublicAddressProblem(host);
    return problem ? `its host ${parsed.hostname} is ${problem}, not a public address` : null;
  }
  if (LOCAL_NAME.test(host)) return `its host ${parsed.hostname} is a local name, not a public host`;
  return null;
}

// The evidence hash chain's link, shared by whoever writes a chain (documents' evidence log, in a later step) and
// whoever checks one (the offline verifier): each entry names the hash of the one before it (`prev`, the genesis
// being 64 zeros) and its own `hash` = SHA-256( prev ‖ "\n" ‖ canonical JSON of the entry without `hash` ), hex.
// Canonical JSON as @yizhan/common writes it: keys sorted, no insignificant space, UTF-8, no undefined members.
import crypto from 'node:crypto';

export const CHAIN_GENESIS = '0'.repeat(64);

export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) throw new Error('canonical JSON has no NaN or Infinity');
    return JSON.stringify(value ?? null);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** The hash of a chain entry: over its predecessor's hash and the entry itself (which names `prev`), without `hash`. */
export function chainHash(entry: Record<string, unknown> & { prev: string }): string {
  const { hash: _own, ...rest } = entry;
  return crypto
    .createHash('sha256')
    .update(`${entry.prev}\n${canonicalJson(rest)}`, 'utf8')
    .digest('hex');
}

/** Links entries into a chain after `prev` (the genesis by default): each gets its `prev` and `hash`. */
export function linkChain<T extends Record<string, unknown>>(entries: T[], prev = CHAIN_GENESIS): (T & { prev: string; hash: string })[] {
  const out: (T & { prev: string; hash: string })[] = [];
  for (const e of entries) {
    const linked = { ...e, prev } as T & { prev: string; hash: string };
    linked.hash = chainHash(linked);
    out.push(linked);
    prev = linked.hash;
  }
  return out;
}

/** The first entry whose link is broken (its `prev` is not its predecessor's hash, or its `hash` not its own), or null. */
export function firstBrokenLink(entries: (Record<string, unknown> & { prev?: unknown; hash?: unknown })[], start = CHAIN_GENESIS) {
  let prev = start;
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i] as Record<string, unknown> & { prev?: unknown; hash?: unknown };
    if (e.prev !== prev) return { index: i, why: 'prev' as const };
    if (typeof e.hash !== 'string' || chainHash(e as Record<string, unknown> & { prev: string }) !== e.hash) return { index: i, why: 'hash' as const };
    prev = e.hash;
  }
  return null;
}

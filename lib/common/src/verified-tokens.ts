// Signed tokens verified once, not on every request. A client sends the same access token with each request until it
// expires, and the gateway sends each subgraph the same signed caller context for half its life (auth.ts): verifying
// the EdDSA signature again each time was a tenth of the gateway's CPU on a small request (bench/README, "The
// gateway's request path"). What a token says cannot change while its text does not; its expiry is checked on every
// use, so a kept token is never accepted a moment past it. A token that fails is never kept: it is checked again.

export interface Verified<T> {
  value: T;
  /** When the token expires, in seconds since the epoch (its `exp`). */
  expiresAt: number;
}

export class VerifiedTokens<T> {
  private readonly kept = new Map<string, Verified<T>>();
  constructor(private readonly max = 20_000) {}

  /** The token's value: kept from an earlier verification while unexpired, otherwise `verify`'s (which may throw). */
  async get(token: string, verify: () => Promise<Verified<T>>): Promise<T> {
    const hit = this.kept.get(token);
    if (hit) {
      this.kept.delete(token);
      if (Date.now() < hit.expiresAt * 1000) {
        this.kept.set(token, hit); // the most recently used last: the least recently used go first
        return hit.value;
      }
    }
    const fresh = await verify();
    if (this.kept.size >= this.max) this.kept.delete(this.kept.keys().next().value as string);
    this.kept.set(token, fresh);
    return fresh.value;
  }

  get size(): number {
    return this.kept.size;
  }
}

/** One cache per verifier (its keys): a token one verifier accepted says nothing to another. */
const perVerifier = new WeakMap<object, VerifiedTokens<unknown>>();
export function verifiedTokensOf<T>(verifier: object): VerifiedTokens<T> {
  let c = perVerifier.get(verifier);
  if (!c) {
    c = new VerifiedTokens<unknown>();
    perVerifier.set(verifier, c);
  }
  return c as VerifiedTokens<T>;
}

// Authentication at the edge: the bearer token issued at login is verified here, once per request, and turned
// into the caller context that the gateway signs for each subgraph call.
import { type Caller, type CallerContext, ErrorCode, ROLES, type Signer, signCallerContext, type Verifier, verifiedTokensOf } from '@yizhan/common';
import { GraphQLError } from 'graphql';
import { decodeProtectedHeader, type JWTPayload, errors as joseErrors, jwtVerify } from 'jose';

const ACCESS_TOKEN_ISSUER = 'yizhan-org';
const ACCESS_TOKEN_AUDIENCE = 'yizhan-gateway';

const unauthenticated = (message: string) => new GraphQLError(message, { extensions: { code: ErrorCode.UNAUTHENTICATED, http: { status: 401 } } });

export interface Authenticated {
  caller: Caller;
  /** Issued to a unit's own system rather than to a person; checked for revocation as well. */
  apiToken: boolean;
}

/** The caller named by a bearer token; null when there is no token; an error when the token is not good. */
export async function verifyAccessToken(authorization: string | null | undefined, verifier: Verifier): Promise<Authenticated | null> {
  if (!authorization) return null;
  const m = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
  if (!m) throw unauthenticated('The Authorization header must be "Bearer <token>"');
  const token = m[1] as string;
  try {
    // Verified once per token while it lasts (common's verified-tokens.ts): a client sends the same token every time.
    return await verifiedTokensOf<Authenticated>(verifier).get(token, async () => {
      const { kid } = decodeProtectedHeader(token);
      const key = kid ? verifier.keys.get(kid) : undefined;
      if (!key) throw unauthenticated('The token was signed with a key this gateway does not know');
      const { payload } = await jwtVerify(token, key, { issuer: ACCESS_TOKEN_ISSUER, audience: ACCESS_TOKEN_AUDIENCE, algorithms: ['EdDSA'] });
      return { value: authenticatedOf(payload), expiresAt: payload.exp ?? 0 };
    });
  } catch (e) {
    if (e instanceof GraphQLError) throw e;
    if (e instanceof joseErrors.JWTExpired) throw unauthenticated('The token has expired: log in again');
    throw unauthenticated('The token is not valid');
  }
}

/** The caller a verified access token names. */
function authenticatedOf(payload: JWTPayload): Authenticated {
  const roles = Array.isArray(payload.roles) ? payload.roles.filter((r): r is Caller['roles'][number] => (ROLES as readonly unknown[]).includes(r)) : [];
  if (typeof payload.sub !== 'string' || typeof payload.org !== 'string' || typeof payload.path !== 'string' || typeof payload.username !== 'string') {
    throw unauthenticated('The token lacks the caller’s identity');
  }
  const sessionId = typeof payload.sid === 'string' ? payload.sid : undefined;
  const displayName = typeof payload.name === 'string' ? payload.name : undefined;
  return {
    caller: {
      userId: payload.sub,
      username: payload.username,
      orgId: payload.org,
      orgPath: payload.path,
      roles,
      ...(sessionId ? { sessionId } : {}),
      ...(displayName ? { displayName } : {}),
    },
    apiToken: payload.kind === 'api',
  };
}

/** An address as written once: IPv4 in IPv6 (`::ffff:127.0.0.1`) as plain IPv4, without brackets or zone. */
const normalAddress = (a: string) =>
  a
    .trim()
    .replace(/^\[|\]$/g, '')
    .replace(/%.*$/, '')
    .replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i, '$1')
    .toLowerCase();

/** The proxies whose X-Forwarded-For is believed (YIZHAN_TRUSTED_PROXIES, comma-separated addresses): none by default. */
export const trustedProxies = (setting = process.env.YIZHAN_TRUSTED_PROXIES): Set<string> =>
  new Set((setting ?? '').split(',').map(normalAddress).filter(Boolean));

/**
 * The client's address: the socket's, unless the socket is a trusted proxy; then the nearest address in
 * X-Forwarded-For that is not a trusted proxy (the rightmost entries are the ones our own proxies wrote).
 */
export function clientAddress(socketAddress: string | undefined, forwardedFor: string | null | undefined, trusted: Set<string>): string | undefined {
  const socket = socketAddress ? normalAddress(socketAddress) : undefined;
  if (!socket || !trusted.has(socket) || !forwardedFor) return socket;
  const hops = forwardedFor.split(',').map(normalAddress).filter(Boolean);
  for (let i = hops.length - 1; i >= 0; i--) if (!trusted.has(hops[i] as string)) return hops[i];
  return hops[0] ?? socket;
}

/** Signs caller contexts, reusing a signature for the same caller for half its lifetime. Keyed by who the caller is,
 * never by a request object, so one caller's signature can never serve another. */
export function callerHeaderFor(signer: Signer, ttlSeconds: number) {
  const cache = new Map<string, { signed: Promise<string>; until: number }>();
  return (ctx: CallerContext): Promise<string> => {
    const c = ctx.caller;
    const who = c
      ? `${c.userId}|${c.sessionId ?? ''}|${c.orgId}|${c.orgPath}|${[...c.roles].sort().join(',')}|${c.username}|${c.displayName ?? ''}`
      : 'anonymous';
    const key = `${who}@${ctx.clientAddress ?? ''}#${ctx.clientAgent ?? ''}`;
    const now = Date.now();
    let entry = cache.get(key);
    if (!entry || entry.until < now) {
      if (cache.size > 10_000) cache.clear();
      entry = { signed: signCallerContext(ctx, signer, ttlSeconds), until: now + (ttlSeconds * 1000) / 2 };
      cache.set(key, entry);
    }
    return entry.signed;
  };
}

// The caller context: who is calling, from which unit, with which roles. The gateway authenticates the user and
// signs this context; a subgraph trusts nothing else, and refuses a call that does not carry a valid signature.
import { decodeProtectedHeader, errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import { ErrorCode, YizhanError } from './errors.ts';
import { SIGNING_ALG, type Signer, type Verifier } from './keys.ts';
import { verifiedTokensOf } from './verified-tokens.ts';

export const CALLER_HEADER = 'x-yizhan-caller';

export const ROLES = ['CLERK', 'DRAFTER', 'APPROVER', 'LEADER', 'SEAL_KEEPER', 'ADMIN', 'SUPERVISOR', 'ARCHIVIST'] as const;
export type Role = (typeof ROLES)[number];

export interface Caller {
  userId: string;
  username: string;
  orgId: string;
  /** ltree path of the caller's unit, e.g. p61.c6101.k610102 */
  orgPath: string;
  roles: Role[];
  /**
   * The person's name as at login (姓名), for what a service records and shows of who did something: a person is
   * shown by name, never by user name. A unit's API token carries the token's name (its OA system's).
   */
  displayName?: string;
  /**
   * The login session behind a person's token (org's `sessions` table): what logout ends. Absent for a unit's API
   * token, whose own id is `userId`.
   */
  sessionId?: string;
}

/**
 * Who did something, as every service records and shows it: a person by name (姓名, as the gateway signed it), never by
 * user name; a unit's OA system acting through its API token by that token's name, marked 接口. Without a name (a
 * context signed before it carried one), the user name.
 */
export function personName(caller: Pick<Caller, 'username' | 'displayName'>): string {
  if (caller.username.startsWith('api:')) return `${caller.displayName ?? caller.username.slice(4)}（接口）`;
  return caller.displayName ?? caller.username;
}

/** What a subgraph knows about the request: an authenticated caller, or nobody (only login is open to nobody). */
export interface CallerContext {
  caller: Caller | null;
  /**
   * The client's network address as the gateway saw it (the socket's, or X-Forwarded-For's only behind a proxy it
   * trusts): what login limits per address. Carried for anonymous callers too, since login comes before a caller.
   */
  clientAddress?: string;
  /**
   * The browser or program an anonymous caller says it is (its User-Agent, cut to AGENT_MAX): a login records it on
   * its session, so the person tells their sessions apart. Not carried for a signed-in caller, who has no use for it.
   */
  clientAgent?: string;
  /** A service calling on its own authority (service-call.ts), with no caller: the internal calls that name it only. */
  service?: string;
}

/** The most of a User-Agent carried (and kept on a session): browsers' own are about 150 characters. */
export const AGENT_MAX = 300;
const AUDIENCE = 'yizhan-subgraphs';
const ISSUER = 'yizhan-gateway';

export async function signCallerContext(ctx: CallerContext, signer: Signer, ttlSeconds: number): Promise<string> {
  return new SignJWT({
    caller: ctx.caller,
    ...(ctx.clientAddress ? { clientAddress: ctx.clientAddress } : {}),
    ...(ctx.clientAgent ? { clientAgent: ctx.clientAgent.slice(0, AGENT_MAX) } : {}),
  })
    .setProtectedHeader({ alg: SIGNING_ALG, kid: signer.kid })
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(`${ttlSeconds}s`)
    .sign(signer.key);
}

export async function verifyCallerContext(header: string | undefined | null, verifier: Verifier): Promise<CallerContext> {
  if (!header) throw new YizhanError(ErrorCode.UNSIGNED_CALL, 'This service accepts only calls signed by the gateway');
  try {
    // Verified once per text while it lasts (verified-tokens.ts): the gateway reuses one signature per caller.
    return await verifiedTokensOf<CallerContext>(verifier).get(header, async () => {
      const { kid } = decodeProtectedHeader(header);
      const key = kid ? verifier.keys.get(kid) : undefined;
      if (!key) throw new YizhanError(ErrorCode.UNSIGNED_CALL, 'Caller context signed with an unknown key');
      const { payload } = await jwtVerify(header, key, { audience: AUDIENCE, issuer: ISSUER, algorithms: [SIGNING_ALG] });
      const clientAddress = typeof payload.clientAddress === 'string' ? payload.clientAddress : undefined;
      const clientAgent = typeof payload.clientAgent === 'string' ? payload.clientAgent : undefined;
      return {
        value: { caller: (payload.caller as Caller | null) ?? null, ...(clientAddress ? { clientAddress } : {}), ...(clientAgent ? { clientAgent } : {}) },
        expiresAt: payload.exp ?? 0,
      };
    });
  } catch (e) {
    if (e instanceof YizhanError) throw e;
    const why = e instanceof joseErrors.JWTExpired ? 'expired' : 'invalid';
    throw new YizhanError(ErrorCode.UNSIGNED_CALL, `Caller context signature is ${why}`);
  }
}

export function requireCaller(ctx: CallerContext): Caller {
  if (!ctx.caller) throw new YizhanError(ErrorCode.UNAUTHENTICATED, 'You must log in first');
  return ctx.caller;
}

/**
 * The gateway itself: a context it signed with no caller, on no service's authority. Its own internal calls only
 * (a batch for many callers, the live events it routes by grants); never a person's call or another service's.
 */
export function requireGateway(ctx: CallerContext): void {
  if (ctx.caller || ctx.service) throw new YizhanError(ErrorCode.FORBIDDEN, 'Only the gateway may make this call, on its own behalf');
}

export function hasRole(caller: Caller, ...roles: Role[]): boolean {
  return roles.some((r) => caller.roles.includes(r));
}

export function requireRole(caller: Caller, ...roles: Role[]): void {
  if (!hasRole(caller, ...roles)) {
    throw new YizhanError(ErrorCode.FORBIDDEN, `This needs one of the roles ${roles.join(', ')}`, { requiredRoles: roles });
  }
}

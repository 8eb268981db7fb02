// A service's call on its own authority: work with no person behind it (a job) that needs another service, such as
// documents' evidence job asking the TSA to time-stamp a batch. The calling service signs a short-lived token with
// its own key (keyring `service-<name>`, which only it holds); the answering service verifies it with that service's
// public keys and lets it reach only the internal calls whose contract names that service in `serviceCallers`. It
// carries no caller: row-level security shows it no unit's rows, and the gateway's caller contexts are not involved.
import { decodeJwt, decodeProtectedHeader, errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import { ErrorCode, YizhanError } from './errors.ts';
import { loadSigner, loadVerifier, SIGNING_ALG, type Verifier } from './keys.ts';

const AUDIENCE = 'yizhan-subgraphs';
const ISSUER_PREFIX = 'yizhan-service:';
const TTL_SECONDS = 60;

/** Whether a signed header is a service's own call (its issuer), before anything is verified. */
export function isServiceCall(header: string): boolean {
  try {
    return decodeJwt(header).iss?.startsWith(ISSUER_PREFIX) ?? false;
  } catch {
    return false;
  }
}

/**
 * The authority of `service` for its own calls: a function answering a signed header, re-signed when half its minute
 * has passed. Throws at once if the service has no key of its own.
 */
export async function serviceAuthority(service: string): Promise<() => Promise<string>> {
  const signer = await loadSigner(`service-${service}`);
  let current: { header: string; until: number } | null = null;
  return async () => {
    if (current && Date.now() < current.until) return current.header;
    const header = await new SignJWT({ service })
      .setProtectedHeader({ alg: SIGNING_ALG, kid: signer.kid })
      .setIssuer(`${ISSUER_PREFIX}${service}`)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(`${TTL_SECONDS}s`)
      .sign(signer.key);
    current = { header, until: Date.now() + (TTL_SECONDS / 2) * 1000 };
    return header;
  };
}

/** The verification keys of the services whose own calls this service answers. */
export async function loadServiceVerifiers(services: readonly string[]): Promise<Map<string, Verifier>> {
  return new Map(await Promise.all(services.map(async (s) => [s, await loadVerifier(`service-${s}`)] as const)));
}

/** The service that signed `header`, verified with its own keys; UNSIGNED_CALL for any other. */
export async function verifyServiceCall(header: string, verifiers: Map<string, Verifier>): Promise<string> {
  try {
    const iss = decodeJwt(header).iss ?? '';
    const service = iss.slice(ISSUER_PREFIX.length);
    const verifier = iss.startsWith(ISSUER_PREFIX) ? verifiers.get(service) : undefined;
    if (!verifier) throw new YizhanError(ErrorCode.UNSIGNED_CALL, `This service takes no calls of its own from ${service || 'that issuer'}`);
    const { kid } = decodeProtectedHeader(header);
    const key = kid ? verifier.keys.get(kid) : undefined;
    if (!key) throw new YizhanError(ErrorCode.UNSIGNED_CALL, 'Service call signed with an unknown key');
    await jwtVerify(header, key, { audience: AUDIENCE, issuer: iss, algorithms: [SIGNING_ALG] });
    return service;
  } catch (e) {
    if (e instanceof YizhanError) throw e;
    const why = e instanceof joseErrors.JWTExpired ? 'expired' : 'invalid';
    throw new YizhanError(ErrorCode.UNSIGNED_CALL, `Service call signature is ${why}`);
  }
}

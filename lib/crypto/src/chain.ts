// Offline trust: whether a certificate chains to one of the given roots, was valid at a moment, and was not revoked
// then by the CRLs at hand. What a verifier without the CA's database (the evidence package's, the stand-alone
// verifier's) can know; the certificates service answers the same question online from its own records.
import { readCrl } from './crl.ts';
import { type CertificateFacts, readCertificate, signedBy } from './x509.ts';

/** The certificates and CRLs a verifier trusts or may use: roots are trusted, the rest must chain to them. */
export interface TrustMaterial {
  roots: Uint8Array[];
  intermediates?: Uint8Array[];
  crls?: Uint8Array[];
}

export interface ChainCheck {
  ok: boolean;
  /** Why not, in words; null when ok. */
  reason: string | null;
  /** From the certificate up to its root, when a path was found. */
  path: Uint8Array[];
  /** The CRL entry that refused it, if any. */
  revoked: { serial: string; reason: number | null; revokedAt: Date } | null;
}

const KEY_COMPROMISE = 1;
const CA_COMPROMISE = 2;
const MAX_DEPTH = 5;

const tryRead = (der: Uint8Array): CertificateFacts | null => {
  try {
    return readCertificate(der);
  } catch {
    return null;
  }
};

/**
 * Checks a certificate at a moment: a path of signatures to a trusted root, each certificate on it valid at `at`,
 * and the end-entity certificate not revoked by a CRL its issuer signed. A revocation counts from its date: a
 * signature proven (by a trusted time) to be older stays good. With `compromiseVoids` (a TSA's certificate, whose
 * stolen key could date anything) a key or CA compromise voids it whatever the date. The end-entity certificate
 * needs a CRL of its issuer (`requireCrl`, the default): offline, silence is not good news. `revocation: 'none'`
 * leaves revocation to someone else (the CA's own records, online).
 */
export function checkChain(
  leaf: Uint8Array,
  trust: TrustMaterial,
  at: Date,
  opts: { requireCrl?: boolean; compromiseVoids?: boolean; revocation?: 'crl' | 'none' } = {},
): ChainCheck {
  const fail = (reason: string, path: Uint8Array[] = [], revoked: ChainCheck['revoked'] = null): ChainCheck => ({ ok: false, reason, path, revoked });
  const leafFacts = tryRead(leaf);
  if (!leafFacts) return fail('not a certificate');
  const rootPrints = new Set(trust.roots.map((r) => tryRead(r)?.fingerprint).filter(Boolean));
  const candidates = [...(trust.intermediates ?? []), ...trust.roots].filter((c) => tryRead(c)?.isCa);
  const path: Uint8Array[] = [leaf];
  let current = leaf;
  for (let depth = 0; ; depth++) {
    const facts = tryRead(current) as CertificateFacts;
    if (at < facts.notBefore || at > facts.notAfter) {
      return fail(`${facts.subject} was not valid at ${at.toISOString()} (${facts.notBefore.toISOString()} – ${facts.notAfter.toISOString()})`, path);
    }
    if (rootPrints.has(facts.fingerprint)) {
      if (!signedBy(current, current)) return fail(`the root ${facts.subject} is not self-signed`, path);
      break;
    }
    if (depth >= MAX_DEPTH) return fail('the chain is too long', path);
    const issuer = candidates.find((c) => c !== current && signedBy(current, c));
    if (!issuer) return fail(`no trusted issuer signed ${facts.subject}`, path);
    path.push(issuer);
    current = issuer;
  }
  if (opts.revocation === 'none') return { ok: true, reason: null, path, revoked: null };
  // Revocation of the end-entity certificate (and of an intermediate, where its issuer's CRL is at hand).
  for (let i = 0; i < path.length - 1; i++) {
    const cert = path[i] as Uint8Array;
    const issuer = path[i + 1] as Uint8Array;
    const facts = tryRead(cert) as CertificateFacts;
    const lists = (trust.crls ?? []).map((crl) => safeReadCrl(crl, issuer)).filter((l) => l !== null);
    if (!lists.length) {
      if (i === 0 && opts.requireCrl !== false) return fail(`no CRL signed by the issuer of ${facts.subject}`, path);
      continue;
    }
    // The newest list the issuer signed speaks for it.
    const list = lists.sort((a, b) => b.thisUpdate.getTime() - a.thisUpdate.getTime())[0] as NonNullable<ReturnType<typeof safeReadCrl>>;
    const entry = list.entries.find((e) => normalSerial(e.serial) === normalSerial(facts.serial));
    const compromised = entry && (entry.reason === KEY_COMPROMISE || entry.reason === CA_COMPROMISE);
    if (entry && ((opts.compromiseVoids && compromised) || entry.revokedAt <= at)) {
      const why = entry.reason === 6 ? 'suspended (certificateHold)' : entry.reason === KEY_COMPROMISE ? 'revoked for key compromise' : 'revoked';
      return fail(`${facts.subject} is ${why} since ${entry.revokedAt.toISOString()}`, path, entry);
    }
  }
  return { ok: true, reason: null, path, revoked: null };
}

function safeReadCrl(crl: Uint8Array, issuer: Uint8Array) {
  try {
    return readCrl(crl, issuer);
  } catch {
    return null;
  }
}

const normalSerial = (hex: string) => hex.toLowerCase().replace(/^(00)+/, '');

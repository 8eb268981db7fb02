// Stamps (电子签章), modelled on the GB/T 38540 signature structure: the seal's data signed by the seal maker, and
// the stamp's data (the document's canonical digest, the time, the signer certificate) signed with the seal's key.
// Verification runs the whole order of DESIGN §2 and names every check with why it failed; nothing stops early.

import { canonicalBytes } from '@yizhan/common';
import type { Stamp, sealData, stampData } from '@yizhan/contracts/seals';
import {
  type CertificateFacts,
  digest,
  fingerprintOf,
  publicKeyFromSpki,
  readCertificate,
  type Suite,
  sign,
  type TrustMaterial,
  verify,
  verifySesSignature,
} from '@yizhan/crypto';
import type { z } from 'zod';

// The shapes themselves are the contract's: a stamp travels with a document through other services.
export type SealData = z.infer<typeof sealData>;
export type SealRecord = Stamp['seal'];
export type StampData = z.infer<typeof stampData>;
export type { Stamp };

const b64 = (u: Uint8Array) => Buffer.from(u).toString('base64');
const bytes = (s: string) => new Uint8Array(Buffer.from(s, 'base64'));
export const digestAlgorithm = (suite: Suite) => (suite === 'SM2' ? 'SM3' : 'SHA-256') as StampData['digestAlgorithm'];

export function makeStamp(opts: {
  id: string;
  seal: SealRecord;
  privateKey: string;
  certificate: Uint8Array;
  documentId: string;
  canonical: Uint8Array;
  at: Date;
}): Stamp {
  const suite = opts.seal.data.suite;
  const data: StampData = {
    version: 1,
    sealId: opts.seal.data.sealId,
    sealDigest: digest(suite, canonicalBytes(opts.seal.data)),
    documentId: opts.documentId,
    contentDigest: digest(suite, opts.canonical),
    digestAlgorithm: digestAlgorithm(suite),
    signedAt: opts.at.toISOString(),
    signerCertificate: fingerprintOf(opts.certificate),
  };
  return { id: opts.id, data, signature: b64(sign(suite, opts.privateKey, canonicalBytes(data))), certificate: b64(opts.certificate), seal: opts.seal };
}

export type CheckName =
  | 'STAMP_SIGNATURE'
  | 'SIGNER_LISTED_BY_SEAL'
  | 'SEAL_SIGNATURE'
  | 'SEAL_VALID_AT_SIGNING'
  | 'CERTIFICATE_CHAIN'
  | 'CERTIFICATE_VALID_AT_SIGNING'
  | 'CERTIFICATE_NOT_REVOKED_AT_SIGNING'
  | 'CONTENT_DIGEST'
  | 'TIMESTAMP';

export interface Check {
  check: CheckName;
  ok: boolean;
  reason: string | null;
}

export interface CertificateCheck {
  chain: boolean;
  chainReason?: string | null;
  status: string;
  reason?: string | null;
  since?: string | Date | null;
}

/** What verification asks of the rest of the platform. */
export interface VerifyContext {
  /** The document as it is now: its id and canonical content. */
  document: { id: string; canonical: Uint8Array };
  /** Whether the seal was usable at that moment (made, not suspended, not lost, revoked or destroyed). */
  sealStateAt(sealId: string, at: Date): Promise<{ active: boolean; reason: string | null }>;
  /** The CA's answer for a certificate at a moment: chain to its root, and status. */
  checkCertificate(der: Uint8Array, at: Date): Promise<CertificateCheck>;
  /** The CA's certificates and CRLs, for the offline checks of a GB/T 38540 stamp (its time stamp above all). */
  trust?(): Promise<TrustMaterial>;
}

/**
 * A stamp verified: its JSON form always, and its GB/T 38540 form (DER, with the time stamp) when it has one — both
 * must hold, check by check, so neither can be changed without the other noticing. The time of signing shown is the
 * time stamp's when there is one.
 */
export async function verifyStamp(
  stamp: Stamp,
  ctx: VerifyContext,
): Promise<{ valid: boolean; checks: Check[]; signedAt?: string; sealId?: string; sealOrgName?: string }> {
  const json = await verifyJsonStamp(stamp, ctx);
  if (!stamp.der || !ctx.trust) return json;
  const ses = await verifySesStamp(new Uint8Array(Buffer.from(stamp.der, 'base64')), ctx, await ctx.trust());
  const sameSeal = ses.sealId === stamp.data.sealId;
  const checks: Check[] = [...json.checks.map((c) => c.check), 'TIMESTAMP' as const].map((name) => {
    const a = json.checks.find((c) => c.check === name) ?? { ok: true, reason: null };
    const b = ses.checks.find((c) => c.check === name) ?? { ok: true, reason: null };
    const agree = name !== 'SIGNER_LISTED_BY_SEAL' || sameSeal;
    const ok = a.ok && b.ok && agree;
    return { check: name, ok, reason: ok ? null : (a.reason ?? b.reason ?? 'the GB/T 38540 stamp names another seal than its JSON form') };
  });
  return { valid: checks.every((c) => c.ok), checks, signedAt: ses.signedAt, sealId: ses.sealId, sealOrgName: ses.sealOrgName };
}

async function verifyJsonStamp(stamp: Stamp, ctx: VerifyContext): Promise<{ valid: boolean; checks: Check[] }> {
  const checks: Check[] = [];
  const add = (check: CheckName, ok: boolean, reason: string | null) => checks.push({ check, ok, reason: ok ? null : reason });
  const suite = stamp.seal.data.suite;
  const at = new Date(stamp.data.signedAt);
  // Each certificate is read once: verification is the platform's busiest cryptography.
  const read = (b64der: string): { der: Uint8Array; facts: CertificateFacts } | null => {
    try {
      const der = bytes(b64der);
      return { der, facts: readCertificate(der) };
    } catch {
      return null;
    }
  };
  const signerCert = read(stamp.certificate);
  const signer = signerCert?.der ?? null;
  const signerKey = signerCert ? publicKeyFromSpki(signerCert.facts.spki) : null;

  // 1. The stamp's signature, with the signer certificate's key.
  add(
    'STAMP_SIGNATURE',
    !!signerKey && signerKey.suite === suite && verify(suite, signerKey.publicKey, canonicalBytes(stamp.data), bytes(stamp.signature)),
    signer ? 'the signature does not match the stamp data and the signer certificate' : 'the signer certificate cannot be read',
  );
  // 2. The signer certificate is one the seal lists, and the stamp names this seal as made.
  const signerPrint = signerCert?.facts.fingerprint;
  const listed = !!signerPrint && stamp.seal.data.certificates.includes(signerPrint) && stamp.data.signerCertificate === signerPrint;
  const sameSeal = stamp.data.sealId === stamp.seal.data.sealId && stamp.data.sealDigest === digest(suite, canonicalBytes(stamp.seal.data));
  add('SIGNER_LISTED_BY_SEAL', listed && sameSeal, !sameSeal ? 'the stamp was not made with this seal' : 'the seal does not list the signer certificate');
  // 3. The seal's own signature (the seal maker's), and its validity when the stamp was made.
  let maker: CertificateCheck | null = null;
  let makerSigned = false;
  const makerCert = read(stamp.seal.makerCertificate);
  if (makerCert) {
    const makerKey = publicKeyFromSpki(makerCert.facts.spki);
    makerSigned = !!makerKey && verify(suite, makerKey.publicKey, canonicalBytes(stamp.seal.data), bytes(stamp.seal.signature));
    maker = await ctx.checkCertificate(makerCert.der, at);
  }
  add(
    'SEAL_SIGNATURE',
    makerSigned && !!maker?.chain && maker.status === 'GOOD',
    !makerSigned ? 'the seal data is not signed by its maker' : 'the seal maker’s certificate is not one of this platform’s CA, or was not valid then',
  );
  const state = await ctx.sealStateAt(stamp.data.sealId, at);
  const inPeriod = at >= new Date(stamp.seal.data.validFrom) && at <= new Date(stamp.seal.data.validTo);
  add(
    'SEAL_VALID_AT_SIGNING',
    inPeriod && state.active,
    !inPeriod ? 'the stamp falls outside the seal’s validity period' : `the seal was not usable then: ${state.reason}`,
  );
  // 4. The signer certificate: chain to the CA, validity and revocation at the time of signing.
  const cert = signer ? await ctx.checkCertificate(signer, at) : null;
  add('CERTIFICATE_CHAIN', !!cert?.chain, cert?.chainReason ?? 'the signer certificate cannot be read');
  add(
    'CERTIFICATE_VALID_AT_SIGNING',
    !!cert && !['EXPIRED', 'NOT_YET_VALID', 'UNKNOWN'].includes(cert.status),
    cert
      ? `the certificate was ${cert.status.toLowerCase().replace(/_/g, ' ')} at the time of signing${cert.reason ? ` (${cert.reason})` : ''}`
      : 'no certificate',
  );
  add(
    'CERTIFICATE_NOT_REVOKED_AT_SIGNING',
    !!cert && !['REVOKED', 'SUSPENDED'].includes(cert.status),
    cert ? `the certificate was ${cert.status.toLowerCase()} at the time of signing${cert.reason ? ` (${cert.reason})` : ''}` : 'no certificate',
  );
  // 5. The document as it is now against the digest that was signed.
  const sameDocument = stamp.data.documentId === ctx.document.id;
  add(
    'CONTENT_DIGEST',
    sameDocument && digest(suite, ctx.document.canonical) === stamp.data.contentDigest,
    sameDocument ? 'the document has changed since it was stamped' : 'the stamp was made for another document',
  );
  return { valid: checks.every((c) => c.ok), checks };
}

/**
 * A stamp in GB/T 38540's encoding, verified from its DER: every check verifySesSignature makes offline (signature,
 * signer listed by the seal, the maker's signature, the seal's period, chains and CRLs, content digest, the time
 * stamp over the signature), and with them the platform's own records at the time of signing — the seal's state
 * then, and the CA's word on the signer and maker certificates (a revocation the CRL at hand may not show yet).
 * The time of signing is the time stamp's. The document must be the one the stamp names.
 */
export async function verifySesStamp(der: Uint8Array, ctx: VerifyContext, trust: TrustMaterial) {
  // Revocation by the CA's own records (checkCertificate below), which are never staler than a CRL at hand.
  const offline = verifySesSignature(der, { content: ctx.document.canonical, trust, requireTimeStamp: true, revocation: 'none' });
  const s = offline.facts;
  const byName = new Map<string, { ok: boolean; reason: string | null }>(offline.checks.map((c) => [c.check, c]));
  const checks: Check[] = [];
  const add = (check: CheckName, ok: boolean, reason: string | null) => checks.push({ check, ok, reason: ok ? null : reason });
  const from = (name: CheckName, extra: { ok: boolean; reason: string | null } = { ok: true, reason: null }) => {
    const c = byName.get(name);
    const ok = (c?.ok ?? false) && extra.ok;
    add(name, ok, c && !c.ok ? c.reason : (extra.reason ?? (c ? null : 'the stamp cannot be read as GB/T 38540')));
  };
  const at = offline.signedAt ?? new Date(0);
  from('STAMP_SIGNATURE');
  from('SIGNER_LISTED_BY_SEAL');
  const maker = s ? await ctx.checkCertificate(s.seal.makerCertificate, at) : null;
  from('SEAL_SIGNATURE', { ok: !!maker?.chain && maker.status === 'GOOD', reason: 'the seal maker’s certificate was not valid then, by the CA’s records' });
  const state = s ? await ctx.sealStateAt(s.seal.esID, at) : { active: false, reason: 'unreadable' };
  from('SEAL_VALID_AT_SIGNING', { ok: state.active, reason: `the seal was not usable then: ${state.reason}` });
  const cert = s ? await ctx.checkCertificate(s.certificate, at) : null;
  from('CERTIFICATE_CHAIN', { ok: !!cert?.chain, reason: cert?.chainReason ?? 'the signer certificate cannot be read' });
  add(
    'CERTIFICATE_VALID_AT_SIGNING',
    !!cert && !['EXPIRED', 'NOT_YET_VALID', 'UNKNOWN'].includes(cert.status),
    cert
      ? `the certificate was ${cert.status.toLowerCase().replace(/_/g, ' ')} at the time of signing${cert.reason ? ` (${cert.reason})` : ''}`
      : 'no certificate',
  );
  from('CERTIFICATE_NOT_REVOKED_AT_SIGNING', {
    ok: !!cert && !['REVOKED', 'SUSPENDED'].includes(cert.status),
    reason: cert ? `the certificate was ${cert.status.toLowerCase()} at the time of signing${cert.reason ? ` (${cert.reason})` : ''}` : 'no certificate',
  });
  const names = s?.propertyInfo.includes(`yizhan:document:${ctx.document.id};`) ?? false;
  const digestOk = byName.get('CONTENT_DIGEST')?.ok ?? false;
  add(
    'CONTENT_DIGEST',
    names && digestOk,
    !names ? 'the stamp was made for another document' : (byName.get('CONTENT_DIGEST')?.reason ?? 'the stamp cannot be read as GB/T 38540'),
  );
  from('TIMESTAMP');
  return {
    valid: checks.every((c) => c.ok),
    checks,
    signedAt: at.toISOString(),
    sealId: s?.seal.esID,
    sealOrgName: s?.seal.property.name,
  };
}

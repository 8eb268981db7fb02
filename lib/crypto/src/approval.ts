// A signed approval (issue 17; seed 003 §3: opinions, signatures and dates given online count as handwritten): an
// approval step — the last one is the 签发 — signed by the approving unit's key over the draft's canonical content
// digest, naming the person who approved, the step and role, and the comment, with an RFC 3161 time stamp over the
// signature. Made by documents through the certificates service (which keeps the units' keys), shown and checked
// wherever the approval is, and carried by evidence packages (`approvals/<step>.json`), checked offline. An approver
// who holds an identity certificate may sign the same bytes with their own key too (person-signature.ts).
import { checkChain, type TrustMaterial } from './chain.ts';
import { canonicalJson } from './evidence.ts';
import {
  type PersonCheckName,
  type PersonSignature,
  type PersonSignatureEnvelope,
  type PersonSigner,
  personChecks,
  signerProblem,
} from './person-signature.ts';
import { type Suite, sign, verify } from './suites.ts';
import { hashAlgorithmOf, hashHex, verifyTimestampToken } from './tsp.ts';
import { publicKeyOf, readCertificate } from './x509.ts';

export const APPROVAL_FORMAT = 'yizhan-approval';

export interface Approval {
  format: typeof APPROVAL_FORMAT;
  version: 1;
  documentId: string;
  /** The drafting unit, whose key signs. */
  unit: { orgId: string; name: string };
  /** The person who approved, by id and name. */
  approver: { userId: string; name: string };
  /** The step of the unit's approval chain (0 first) and the role it needs. */
  step: number;
  role: string;
  /** The last step: the 签发. */
  issued: boolean;
  comment: string | null;
  /** SHA-256 (hex) of the draft's canonical content as approved (what the stamp later signs). */
  contentDigest: string;
  /** When, by the service's clock (ISO 8601); the time stamp is the trusted time. */
  at: string;
  /**
   * The approver, when they signed it with their own identity certificate too (the envelope carries that signature
   * beside the unit's): their user name (the certificate's subject serialNumber) and name. Absent when the unit's key
   * alone signs.
   */
  signer?: PersonSigner;
}

export const approvalBytes = (a: Approval): Uint8Array => new Uint8Array(Buffer.from(canonicalJson(a), 'utf8'));

/** Whether a value is an approval of this format (a signer signs nothing else). */
export function approvalProblem(a: Approval): string | null {
  if (a?.format !== APPROVAL_FORMAT || a.version !== 1) return 'not an approval of this format';
  if (!/^[0-9a-f]{64}$/.test(a.contentDigest)) return 'contentDigest is a SHA-256, hex';
  if (!Number.isInteger(a.step) || a.step < 0) return 'step is a whole number';
  if (typeof a.issued !== 'boolean') return 'issued is true or false';
  if (Number.isNaN(Date.parse(a.at))) return 'at is not a time';
  // Only the approver signs beside the unit.
  if (a.signer !== undefined && a.signer?.name !== a.approver?.name) return 'signer is the approver';
  return signerProblem(a.signer);
}

export const signApproval = (suite: Suite, privateKey: string, a: Approval): Uint8Array => sign(suite, privateKey, approvalBytes(a));

/** The digest an approval's time stamp covers: of the signature value, in the suite's hash. */
export const approvalTimestampDigest = (suite: Suite, signature: Uint8Array) => hashHex(hashAlgorithmOf(suite), signature);

export type ApprovalCheckName = 'SIGNATURE' | 'SIGNER_UNIT' | 'SIGNER_CHAIN' | 'TIMESTAMP' | 'CONTENT' | PersonCheckName;
export interface ApprovalCheck {
  check: ApprovalCheckName;
  ok: boolean;
  reason: string | null;
}

/**
 * Checks an approval: the signature with the signer's certificate; that certificate names the approval's unit, chains
 * to a trusted root and was valid and not revoked at the time stamp's time; the time stamp covers the signature; and,
 * given the document's content digest as it is now, that it is what was approved. An approval that names its `signer`
 * also needs the approver's own signature over the same bytes with an identity certificate naming them (PERSON) that
 * chained and stood at the approval's trusted time (PERSON_CHAIN). Every check is named.
 */
export function verifyApproval(opts: {
  approval: Approval;
  signature: Uint8Array;
  certificate: Uint8Array;
  timestamp: Uint8Array | null;
  trust: TrustMaterial;
  expected?: { contentDigest: string };
  /** The approver's own signature and identity certificate (DER), for an approval that names its `signer`. */
  person?: PersonSignature | null;
}): { valid: boolean; checks: ApprovalCheck[]; signedAt: Date | null } {
  const checks: ApprovalCheck[] = [];
  const add = (check: ApprovalCheckName, ok: boolean, reason: string) => checks.push({ check, ok, reason: ok ? null : reason });
  const a = opts.approval;
  let facts: ReturnType<typeof readCertificate> | null = null;
  try {
    facts = readCertificate(opts.certificate);
  } catch {
    facts = null;
  }
  const key = facts ? publicKeyOf(opts.certificate) : null;
  add('SIGNATURE', !!key && verify(key.suite, key.publicKey, approvalBytes(a), opts.signature), 'the signature does not verify with the signer’s certificate');
  add('SIGNER_UNIT', !!facts && facts.subject.split(', ').includes(`2.5.4.5=${a.unit?.orgId}`), `the signer’s certificate is not ${a.unit?.name}’s`);
  let signedAt: Date | null = null;
  if (opts.timestamp && key) {
    const t = verifyTimestampToken(opts.timestamp, { digest: approvalTimestampDigest(key.suite, opts.signature), trust: opts.trust });
    add('TIMESTAMP', t.valid, t.checks.find((c) => !c.ok)?.reason ?? 'the time stamp does not verify');
    if (t.valid) signedAt = t.genTime;
  } else add('TIMESTAMP', false, 'no time stamp');
  const chain = facts ? checkChain(opts.certificate, opts.trust, signedAt ?? new Date(a.at)) : null;
  add('SIGNER_CHAIN', !!chain?.ok, chain?.reason ?? 'not a certificate');
  if (a.signer)
    checks.push(
      ...personChecks({ what: 'approval', signer: a.signer, person: opts.person, bytes: approvalBytes(a), trust: opts.trust, at: signedAt ?? new Date(a.at) }),
    );
  if (opts.expected) add('CONTENT', a.contentDigest === opts.expected.contentDigest, 'the document is not what was approved: its digest differs');
  return { valid: checks.every((c) => c.ok), checks, signedAt };
}

/** An approval as an evidence package carries it (`approvals/<step>.json`): the approval and its proofs, base64. */
export interface ApprovalEnvelope {
  approval: Approval;
  signature: string;
  certificate: string;
  timestamp: string;
  /** For an approval that names its `signer`: the approver's own signature over the same bytes and identity certificate, DER. */
  person?: PersonSignatureEnvelope;
}

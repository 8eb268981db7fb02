// The seals service's contract: its internal API (the stamp a send needs, a stamp verified for printing or
// archiving), the stamp as it travels with a document, and its error codes. Other services import this file only.
import { defineInternalApi } from '@yizhan/common';
import { z } from 'zod';

export const SealsErrorCode = {
  SEAL_NOT_ACTIVE: 'SEAL_NOT_ACTIVE',
  /** The unit has a seal in use and the document was not stamped, as it is now, by both custodians. */
  SEAL_REQUIRED: 'SEAL_REQUIRED',
  CUSTODY_INCOMPLETE: 'CUSTODY_INCOMPLETE',
  /** The custodian's PIN is wrong (`attemptsLeft`: tries left within the hour before PIN_LOCKED). */
  WRONG_PIN: 'WRONG_PIN',
  /** Five wrong PINs within the hour: this custodian may not present a PIN again until `until` (ISO instant). */
  PIN_LOCKED: 'PIN_LOCKED',
  WITNESSES_REQUIRED: 'WITNESSES_REQUIRED',
  /**
   * A unit holds one electronic seal (its 电子公文专用章): a new one is not applied for while one is in use, waits
   * for custody or is being applied for (`sealId` or `applicationId` names it); a seal lost, damaged or changed is
   * replaced by an application naming it, once.
   */
  SEAL_IN_USE: 'SEAL_IN_USE',
  /**
   * The seal is used only on its unit's registered dedicated terminals (用印专用终端: seed 000 §18, seed 002 六 专机专用),
   * and this PIN came from none: the computer is not registered, its registration was revoked, or its proof does not
   * verify (`reason`: NO_PROOF, UNKNOWN_TERMINAL, REVOKED, BAD_SIGNATURE).
   */
  TERMINAL_REQUIRED: 'TERMINAL_REQUIRED',
} as const;

const suite = z.enum(['RSA', 'SM2']);

/** 印章数据: what the seal maker signed when the seal was made. Loose: every byte that was signed is kept. */
export const sealData = z.looseObject({
  version: z.literal(1),
  sealId: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  suite,
  imageSha256: z.string(),
  /** SHA-256 fingerprints of the certificates allowed to sign with this seal. */
  certificates: z.array(z.string()),
  validFrom: z.string(),
  validTo: z.string(),
  madeAt: z.string(),
});

/** 签章数据: what the seal's key signed. */
export const stampData = z.looseObject({
  version: z.literal(1),
  sealId: z.string(),
  /** Digest of the canonical seal data: the stamp belongs to this seal as made. */
  sealDigest: z.string(),
  documentId: z.string(),
  /** Digest of the document's canonical content (elements, body and attachment digests). */
  contentDigest: z.string(),
  digestAlgorithm: z.enum(['SHA-256', 'SM3']),
  signedAt: z.string(),
  signerCertificate: z.string(),
});

/** A stamp (电子签章) as it travels with a document: the documents service keeps it, the seals service verifies it. */
export const stamp = z.looseObject({
  id: z.string(),
  data: stampData,
  /** The seal key's signature over the canonical stamp data, base64. */
  signature: z.string(),
  /** The signer certificate, base64 DER. */
  certificate: z.string(),
  seal: z.looseObject({
    data: sealData,
    signature: z.string(),
    makerCertificate: z.string(),
    /** The seal as GB/T 38540 encodes it (SESeal, DER, base64); absent for seals made before it was kept. */
    seseal: z.string().nullish(),
  }),
  /**
   * The stamp as GB/T 38540 encodes it (SES_Signature, DER, base64), with the platform TSA's RFC 3161 time stamp of its
   * signature; what verification reads when present. Absent for stamps made before, or with a seal without SESeal.
   */
  der: z.string().nullish(),
  /**
   * The seal's signature of the document's OFD 版式 file (issue 18), made with the stamp while both custodians' key was
   * open: Signature.xml as signed (base64) and its SES_Signature (SignedValue.dat, DER, base64), for the OFD laid out
   * with `docNumber`. Absent where the document was not numbered before the stamp or the seal has no SESeal. Its
   * SES_Signature carries the platform TSA's RFC 3161 time stamp of its signature value (GB/T 38540 timeStamp).
   * A joint document's co-issuer's stamp signs the same OFD as its own signature (Sign_<position>).
   */
  ofd: z.object({ docNumber: z.string(), signatureXml: z.string(), signedValue: z.string() }).nullish(),
});
export type Stamp = z.infer<typeof stamp>;

/** Each GB/T 38540 check in the words a clerk reads on a print or a forwarded document (the dashboard says the same). */
export const STAMP_CHECK_WORDS: Record<string, string> = {
  STAMP_SIGNATURE: '签章签名',
  SIGNER_LISTED_BY_SEAL: '签章证书属于该印章',
  SEAL_SIGNATURE: '印章数据的制章签名',
  SEAL_VALID_AT_SIGNING: '签章时印章有效',
  CERTIFICATE_CHAIN: '证书链',
  CERTIFICATE_VALID_AT_SIGNING: '签章时证书在有效期内',
  CERTIFICATE_NOT_REVOKED_AT_SIGNING: '签章时证书未被吊销或冻结',
  CONTENT_DIGEST: '公文内容未被改动',
  TIMESTAMP: '签章时间经可信时间戳证明',
};

/** The GB/T 38540 checks, each named with why it failed. */
export const verification = z.object({
  valid: z.boolean(),
  checks: z.array(z.object({ check: z.string(), ok: z.boolean(), reason: z.string().nullable() })),
  sealId: z.string(),
  sealOrgName: z.string(),
  signedAt: z.string(),
});
export type Verification = z.infer<typeof verification>;

export const sealsApi = defineInternalApi('seals', {
  'stamp-for-send': {
    summary:
      'Before a send: a unit with a seal in use sends only what its custodians stamped, for this very content (else SEAL_REQUIRED); a unit without a seal sends unstamped.',
    input: z.object({
      documentId: z.string(),
      canonical: z.string().describe('base64'),
      /** What the stamp is asked before: the send (by default) or the unit's 会签 of a joint document; the refusal says which. */
      step: z.enum(['SEND', 'COUNTERSIGN']).default('SEND'),
    }),
    output: z.object({ required: z.boolean(), stamp: stamp.nullable() }),
  },
  verify: {
    summary:
      'A stamp verified against the document as it is now, with the seal’s image (PNG, base64) when it is valid, and the custodians who stamped it when the seal is the caller’s unit’s.',
    input: z.object({
      documentId: z.string(),
      canonical: z.string().describe('base64'),
      stamp,
      /** Name the custodians who stamped it (the 发文稿纸 asks; a print does not): read from the seal's register. */
      withCustodians: z.boolean().default(false),
    }),
    output: verification.extend({
      imagePng: z.string().nullable(),
      /** Asked withCustodians: the two custodians who stamped it, by name, where the seal's register is the caller's unit's to read; else none. */
      custodians: z.array(z.string()).default([]),
    }),
  },
});

// The certificates service's contract: its internal API (certificate login, seal certificates and the seal maker's
// signature, certificate checks for verification) and its error codes. Other services import this file only.
import { defineInternalApi } from '@yizhan/common';
import { z } from 'zod';

export const CertificatesErrorCode = {
  INVALID_CSR: 'INVALID_CSR',
  CERTIFICATE_NOT_VALID: 'CERTIFICATE_NOT_VALID',
  SIGNATURE_INVALID: 'SIGNATURE_INVALID',
  /** Certificate login or one's own signature: the account holds no identity certificate in force (none issued, or
   * each suspended, revoked or expired). A signature is not what failed: the person needs a certificate first. */
  NO_IDENTITY_CERTIFICATE: 'NO_IDENTITY_CERTIFICATE',
  /** A holder revoking their own certificate for a reason other than a compromised key: 注销 is applied for and
   * decided by the head of the unit (seed 003 §25), applyToCancelCertificate. */
  CANCEL_NEEDS_APPROVAL: 'CANCEL_NEEDS_APPROVAL',
} as const;

export const suite = z.enum(['RSA', 'SM2']);
export const hashAlgorithm = z.enum(['SHA-256', 'SM3']);
const hex = (bytes: number) => z.string().regex(new RegExp(`^[0-9a-fA-F]{${bytes * 2}}$`), `${bytes} bytes, hex`);
const base64 = z.string().describe('base64');
const instant = z.union([z.string(), z.date()]).transform((v) => new Date(v).toISOString());

/** The person who also signed a receipt or an approval with their own identity certificate (lib/crypto PersonSigner). */
const signerSchema = z.object({ username: z.string(), name: z.string().min(1).max(100) });

/** A receipt (回执) as a unit signs it: lib/crypto's Receipt. */
const receiptSchema = z.object({
  format: z.literal('yizhan-receipt'),
  version: z.literal(1),
  deliveryId: z.string(),
  documentId: z.string(),
  unit: z.object({ orgId: z.string(), name: z.string().min(1).max(200) }),
  action: z.enum(['RECEIVED', 'SIGNED', 'RETURNED']),
  contentDigest: hex(32),
  stampDigest: hex(32).nullable(),
  /** The OFD 版式 file's SHA-256, for a document sent with one. */
  ofdDigest: hex(32).optional(),
  at: z.string(),
  reason: z.string().nullish(),
  /** The clerk who also signed it with their own identity certificate. */
  signer: signerSchema.optional(),
});

/** A certificate's standing at a moment, by the CA's own records. */
export const certificateCheck = z.object({
  /** Issued by this platform's CA (issuing CA, then root). */
  chain: z.boolean(),
  chainReason: z.string().nullish(),
  status: z.string(),
  reason: z.string().nullish(),
  since: instant.nullish(),
});
export type CertificateCheck = z.infer<typeof certificateCheck>;

/** Where the gateway publishes the CA's CRLs for anyone (`<CRL_PATH><suite>.crl`, DER): the CRL distribution point
 * the CA writes into each certificate it issues, under the platform's public address. */
export const CRL_PATH = '/pki/crl/';

export const certificatesApi = defineInternalApi('certificates', {
  'public-crl': {
    summary:
      'The current CRL of a suite (DER, base64), for the gateway to publish at its CRL distribution point: public by nature (signed by the issuing CA), asked by the gateway on its own behalf only.',
    input: z.object({ suite }),
    output: z.object({ der: base64, number: z.number().int(), thisUpdate: z.string() }),
  },
  'verify-login': {
    summary:
      'Whether the signature over a login challenge was made with the key of an identity certificate of that user, issued here, valid and not revoked. Open before login; the challenge is spent by the first attempt.',
    input: z.object({ username: z.string(), challengeId: z.string(), signature: base64 }),
    output: z.object({ userId: z.string() }),
  },
  'verify-own-signature': {
    summary:
      'Whether a signature over the data was made with the key of one of the caller’s own identity certificates, issued here, valid and not revoked: that certificate (DER) and its suite. For a receipt a clerk, or an approval an approver, signs with their own certificate.',
    input: z.object({ data: base64, signature: base64 }),
    output: z.object({ certificate: base64, suite }),
  },
  'issue-seal-certificate': {
    summary: 'The signing certificate of a seal being made, issued for the issuing authority above the unit.',
    input: z.object({ sealId: z.string(), orgId: z.string(), orgPath: z.string(), orgName: z.string(), suite, publicKey: z.string() }),
    output: z.object({ certificateId: z.string(), serial: z.string(), fingerprint: z.string(), der: base64, notBefore: instant, notAfter: instant }),
  },
  'seal-maker-sign': {
    summary: 'The seal maker’s signature over a seal’s data (the seal’s own signature, GB/T 38540).',
    input: z.object({ suite, data: base64 }),
    output: z.object({ signature: base64, certificate: base64 }),
  },
  'check-certificate': {
    summary: 'For verification: whether a certificate chains to this CA, and its status at a moment.',
    input: z.object({ der: base64, at: z.string() }),
    output: certificateCheck,
  },
  timestamp: {
    summary:
      'An RFC 3161 time-stamp token over a digest (SHA-256 or SM3, hex), signed by the TSA of the suite (SM2 for SM3, RSA for SHA-256 unless named): the DER token, base64, and what it says. For stamps, receipts and evidence-chain heads.',
    input: z.object({
      hashAlgorithm,
      digest: hex(32),
      suite: suite.nullish(),
      nonce: z
        .string()
        .regex(/^[0-9a-fA-F]{2,64}$/)
        .nullish(),
    }),
    output: z.object({ token: base64, serial: z.string(), genTime: instant, suite, policy: z.string() }),
    // Documents' evidence job time-stamps its batches whether or not anyone is signed in.
    serviceCallers: ['documents'],
  },
  'trust-material': {
    summary:
      'What an offline verifier needs of this CA, per suite: the root (the trust anchor), the issuing CA, the seal maker, the TSA, and the current CRL, DER base64. For evidence packages.',
    input: z.object({}),
    output: z.object({
      suites: z.array(z.object({ suite, root: base64, issuing: base64, sealMaker: base64, tsa: base64, crl: base64, crlNumber: z.number() })),
    }),
  },
  'unit-sign-approval': {
    summary:
      'The caller signs its approval of a draft (审批 or 签发: lib/crypto Approval) with its unit’s key, and the TSA time-stamps the signature in the same call. Only the caller’s own approval, for its own unit, in a role it holds.',
    input: z.object({
      suite: suite.nullish(),
      approval: z.object({
        format: z.literal('yizhan-approval'),
        version: z.literal(1),
        documentId: z.string(),
        unit: z.object({ orgId: z.string(), name: z.string().min(1).max(200) }),
        approver: z.object({ userId: z.string(), name: z.string().min(1).max(200) }),
        step: z.number().int().min(0),
        role: z.string(),
        issued: z.boolean(),
        comment: z.string().max(2000).nullable(),
        contentDigest: hex(32),
        at: z.string(),
        /** The approver, when they signed it with their own identity certificate too. */
        signer: signerSchema.optional(),
      }),
    }),
    output: z.object({
      signature: base64,
      certificate: base64,
      certificateId: z.string(),
      suite,
      timestamp: z.object({ token: base64, genTime: instant }),
    }),
  },
  'unit-sign-receipts': {
    summary:
      'The caller’s unit signs the receipts of one action (a 签收 signs for the 接收 it implies and for itself) with its receipt-signing key, in one call, made with its certificate on the first receipt and kept by the CA under envelope protection. No time stamp: the receipts join the next batch time stamp (documents’ evidence job). Signs receipts only, and only of the caller’s own unit.',
    input: z.object({
      suite: suite.nullish(),
      receipts: z.array(receiptSchema).min(1).max(4),
    }),
    // A storm of 签收 (every county clerk of a broadcast at once) signs in few requests, each with its clerk's context.
    each: 100,
    output: z.object({
      /** One signature per receipt, in order, over its canonical JSON. */
      signatures: z.array(base64),
      certificate: base64,
      certificateId: z.string(),
      suite,
    }),
  },
  'unit-sign-receipt': {
    summary:
      'The caller’s unit signs a receipt (回执: 接收, 签收 or 退回 of a delivery) with its receipt-signing key, made with its certificate on the first receipt and kept by the CA under envelope protection, and the TSA time-stamps the signature (in the suite’s hash) in the same call. Signs receipts only, and only of the caller’s own unit.',
    input: z.object({
      suite: suite.nullish(),
      receipt: receiptSchema,
    }),
    output: z.object({
      signature: base64,
      certificate: base64,
      certificateId: z.string(),
      suite,
      /** The RFC 3161 token over the signature value, DER base64, and its time. */
      timestamp: z.object({ token: base64, genTime: instant }),
    }),
  },
  'seal-certificate-status': {
    summary: 'A seal’s certificate follows its seal: suspended, resumed or revoked with it.',
    input: z.object({ certificateId: z.string(), action: z.enum(['SUSPEND', 'RESUME', 'REVOKE']), reason: z.string().nullish() }),
    output: z.object({ status: z.string() }),
  },
});

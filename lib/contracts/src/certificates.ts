// The certificates service's contract: its internal API (certificate login, seal certificates and the seal maker's
// signature, certificate checks for verification) and its error codes. Other services import this file only.
import { defineInternalApi } from '@yizhan/common';
import { z } from 'zod';

export const CertificatesErrorCode = {
  INVALID_CSR: 'INVALID_CSR',
  CERTIFICATE_NOT_VALID: 'CERTIFICATE_NOT_VALID',
  SIGNATURE_INVALID: 'SIGNATURE_INVALID',
} as const;

export const suite = z.enum(['RSA', 'SM2']);
const base64 = z.string().describe('base64');
const instant = z.union([z.string(), z.date()]).transform((v) => new Date(v).toISOString());

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

export const certificatesApi = defineInternalApi('certificates', {
  'verify-login': {
    summary:
      'Whether the signature over a login challenge was made with the key of an identity certificate of that user, issued here, valid and not revoked. Open before login; the challenge is spent by the first attempt.',
    input: z.object({ username: z.string(), challengeId: z.string(), signature: base64 }),
    output: z.object({ userId: z.string() }),
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
  'seal-certificate-status': {
    summary: 'A seal’s certificate follows its seal: suspended, resumed or revoked with it.',
    input: z.object({ certificateId: z.string(), action: z.enum(['SUSPEND', 'RESUME', 'REVOKE']), reason: z.string().nullish() }),
    output: z.object({ status: z.string() }),
  },
});

// A person's own signature beside their unit's (seed 003 §3: a signature given online counts as handwritten): a 签收
// receipt a clerk signs, an approval or 签发 a leader signs, each with the key of their own IDENTITY certificate, in
// their browser, over the very bytes the unit signs. One check for both, so that a receipt and an approval say the
// same thing of the person who signed them.
import { checkChain, type TrustMaterial } from './chain.ts';
import { verify } from './suites.ts';
import { publicKeyOf, readCertificate } from './x509.ts';

/** The person a signed record names as having signed it too: their user name (their certificate's) and name. */
export interface PersonSigner {
  username: string;
  name: string;
}

/** Their signature over the record's bytes and their identity certificate, DER. */
export interface PersonSignature {
  signature: Uint8Array;
  certificate: Uint8Array;
}

/** The same as an evidence package carries it: base64. */
export interface PersonSignatureEnvelope {
  signature: string;
  certificate: string;
}

export type PersonCheckName = 'PERSON' | 'PERSON_CHAIN';

export function signerProblem(signer: unknown): string | null {
  const s = signer as PersonSigner | undefined;
  if (s === undefined) return null;
  return typeof s?.username === 'string' && typeof s?.name === 'string' ? null : 'signer names a user name and a name';
}

/**
 * The person's checks of a record that names them as its `signer` (`what`: "receipt", "approval"): their signature
 * verifies over `bytes` with an identity certificate that names them (PERSON); that certificate chained to a trusted
 * root and stood at `at`, the record's trusted time (PERSON_CHAIN). Named without a signature of theirs, both fail.
 */
export function personChecks(opts: {
  what: string;
  signer: PersonSigner;
  person: PersonSignature | null | undefined;
  bytes: Uint8Array;
  trust: TrustMaterial;
  at: Date;
}): { check: PersonCheckName; ok: boolean; reason: string | null }[] {
  const { signer } = opts;
  const person = opts.person ?? null;
  let holder: ReturnType<typeof readCertificate> | null = null;
  try {
    holder = person ? readCertificate(person.certificate) : null;
  } catch {
    holder = null;
  }
  const key = person && holder ? publicKeyOf(person.certificate) : null;
  // An identity certificate names its holder by user name (subject serialNumber, 2.5.4.5).
  const names = !!holder && holder.subject.split(', ').includes(`2.5.4.5=${signer.username}`);
  const signed = !!person && !!key && names && verify(key.suite, key.publicKey, opts.bytes, person.signature);
  const chain = person && holder ? checkChain(person.certificate, opts.trust, opts.at) : null;
  return [
    {
      check: 'PERSON',
      ok: signed,
      reason: signed
        ? null
        : !person
          ? `the ${opts.what} names ${signer.name} as its signer but carries no signature of theirs`
          : names
            ? `${signer.name}’s signature does not verify with their certificate`
            : `the personal certificate is not ${signer.name}’s`,
    },
    { check: 'PERSON_CHAIN', ok: !!chain?.ok, reason: chain?.ok ? null : (chain?.reason ?? 'no personal certificate') },
  ];
}

// A person's own signature beside their unit's, as documents keeps it. (Who did something is recorded by name:
// common's personName.)
import type { PersonSignature } from '@yizhan/crypto';

/**
 * A person's own signature beside their unit's (a 签收 receipt, an approval) as a table keeps it: their signature and
 * identity certificate in `person_signature` and `person_certificate`, both or neither.
 */
export const personColumns = (p: PersonSignature | null) => ({
  person_signature: p ? Buffer.from(p.signature) : null,
  person_certificate: p ? Buffer.from(p.certificate) : null,
});

/** The same read back: null when the unit's key alone signed. */
export const keptPersonSignature = (row: { person_signature: Uint8Array | null; person_certificate: Uint8Array | null }): PersonSignature | null =>
  row.person_signature && row.person_certificate
    ? { signature: new Uint8Array(row.person_signature), certificate: new Uint8Array(row.person_certificate) }
    : null;

// A person is shown by name, never by user name: what documents records of who did something (received, signed
// for, printed, drafted, approved …) is the caller's 姓名 as the gateway signed it (the token's name claim). A unit's
// OA system acting through its API token shows as that token's name, marked 接口. Rows written before the caller
// context carried the name keep what they have.
import type { Caller } from '@yizhan/common';
import type { PersonSignature } from '@yizhan/crypto';

export function personName(caller: Pick<Caller, 'username' | 'displayName'>): string {
  if (caller.username.startsWith('api:')) return `${caller.displayName ?? caller.username.slice(4)}（接口）`;
  return caller.displayName ?? caller.username;
}

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

// 用印专用终端 (seed 000 §18; seed 001 §8; seed 002 六 专机专用、专人管理): a computer registered for using the unit's seal
// holds a key pair it made itself (ECDSA P-256 in the browser's WebCrypto, the private half not extractable). A
// custodian's PIN presented on it carries the computer's signature over the stamp request and the custodian, so a PIN
// typed anywhere else does not use a seal kept to its terminals. Plain functions that tests call without a server.
import { createPublicKey, type KeyObject, verify } from 'node:crypto';
import { badInput, ErrorCode, requiredText, YizhanError } from '@yizhan/common';
import { SealsErrorCode } from '@yizhan/contracts/seals';
import { sha256Hex } from '@yizhan/kernel';

/** What a terminal signs when a custodian presents their PIN on it: the request and the custodian, nothing reusable. */
export const terminalMessage = (requestId: string, userId: string) => Buffer.from(`yizhan-seal-terminal\n${requestId}\n${userId}`, 'utf8');

/** A terminal's public key as registered: SubjectPublicKeyInfo (DER, base64) of an EC P-256 key; BAD_INPUT otherwise. */
export function checkTerminalKey(spkiBase64: string): { der: Buffer; fingerprint: string } {
  const text = String(spkiBase64 ?? '').trim();
  if (!text || text.length > 400 || !/^[A-Za-z0-9+/]+={0,2}$/.test(text)) throw badInput('The terminal’s public key is SPKI, base64', 'publicKey');
  const der = Buffer.from(text, 'base64');
  let key: KeyObject;
  try {
    key = createPublicKey({ key: der, format: 'der', type: 'spki' });
  } catch {
    throw badInput('The terminal’s public key does not read as a public key (SPKI)', 'publicKey');
  }
  if (key.asymmetricKeyType !== 'ec' || key.asymmetricKeyDetails?.namedCurve !== 'prime256v1')
    throw badInput('The terminal’s key is an ECDSA P-256 key, as the browser makes it', 'publicKey');
  // The fingerprint of the key as re-encoded: the same key sent two ways is one terminal.
  const canonical = key.export({ format: 'der', type: 'spki' });
  return { der: canonical, fingerprint: sha256Hex(canonical) };
}

/** Whether `signature` (base64, IEEE P1363 r‖s as WebCrypto gives it) is the terminal's over the request and custodian. */
export function terminalSigned(publicKeyDer: Buffer, requestId: string, userId: string, signature: string): boolean {
  // r‖s of P-256 is 64 bytes, 88 characters of base64: anything much longer is no signature, and is not decoded.
  if (typeof signature !== 'string' || signature.length > 100) return false;
  const sig = Buffer.from(signature, 'base64');
  if (sig.length !== 64) return false;
  try {
    const key = createPublicKey({ key: publicKeyDer, format: 'der', type: 'spki' });
    return verify('sha256', terminalMessage(requestId, userId), { key, dsaEncoding: 'ieee-p1363' }, sig);
  } catch {
    return false;
  }
}

export type TerminalRefusal = 'NO_PROOF' | 'UNKNOWN_TERMINAL' | 'REVOKED' | 'BAD_SIGNATURE';

const REFUSALS: Record<TerminalRefusal, string> = {
  NO_PROOF: 'This seal is used only on its unit’s registered terminals: this computer is not one (it sent no proof)',
  UNKNOWN_TERMINAL: 'This seal is used only on its unit’s registered terminals: this computer is not registered for it',
  REVOKED: 'This computer’s registration as a seal terminal was revoked',
  BAD_SIGNATURE: 'This computer’s proof does not verify against its registered key: register it again',
};

/** TERMINAL_REQUIRED, saying why. */
export const terminalRefused = (reason: TerminalRefusal) => new YizhanError(SealsErrorCode.TERMINAL_REQUIRED, REFUSALS[reason], { reason });

/** A terminal's name as the register shows it: one line, 1–60 characters. */
export const checkTerminalName = (name: string) => requiredText(name, 'name', { max: 60, line: true });

/** Refused for a terminal revoked already. */
export function refuseRevoked(t: { revoked_at: string | null }): void {
  if (t.revoked_at) throw new YizhanError(ErrorCode.ILLEGAL_TRANSITION, 'The terminal’s registration was revoked already', { status: 'REVOKED' });
}

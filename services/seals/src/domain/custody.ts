// Dual custody (seed 004 §5: the carrier and its password are held by two different people). The seal's private
// key is encrypted under a data key; the data key is split into two shares (XOR), each wrapped under one custodian's
// PIN. Neither custodian, nor the server with the database, can use the key alone: both must present their PIN.
import crypto from 'node:crypto';
import { ErrorCode, YizhanError } from '@yizhan/common';
import { SealsErrorCode } from '@yizhan/contracts/seals';
import { openWith, sealWith } from '@yizhan/kernel';

export const PIN_PATTERN = /^\d{6,12}$/;

export function newDataKey(): Buffer {
  return crypto.randomBytes(32);
}

export function split(dataKey: Buffer): [Buffer, Buffer] {
  const a = crypto.randomBytes(dataKey.length);
  const b = Buffer.alloc(dataKey.length);
  for (let i = 0; i < dataKey.length; i++) b[i] = (dataKey[i] as number) ^ (a[i] as number);
  return [a, b];
}

export function combine(a: Buffer, b: Buffer): Buffer {
  const out = Buffer.alloc(a.length);
  for (let i = 0; i < a.length; i++) out[i] = (a[i] as number) ^ (b[i] as number);
  return out;
}

// scrypt with N = 2^15: about 50 ms per try on a server core, so guessing a PIN offline is slow; online, each
// wrong PIN is logged.
const SCRYPT = { N: 1 << 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };

/** Why a custodian's new PIN would not do: not 6–12 digits, or one digit repeated or a run (111111, 123456, 987654). */
export function pinProblem(pin: string): string | null {
  if (!PIN_PATTERN.test(pin)) return 'A custody PIN is 6 to 12 digits';
  const d = [...pin].map(Number);
  const step = (d[1] as number) - (d[0] as number);
  const run = Math.abs(step) <= 1 && d.every((x, i) => i === 0 || x - (d[i - 1] as number) === step);
  return run ? 'A custody PIN is not one digit repeated nor a run of digits (111111, 123456): anyone could guess it' : null;
}

export function wrapWithPin(share: Buffer, pin: string, context: string): string {
  const problem = pinProblem(pin);
  if (problem) throw new YizhanError(ErrorCode.BAD_INPUT, problem, { field: 'pin', rule: { pin: true } });
  const salt = crypto.randomBytes(16);
  const key = crypto.scryptSync(pin, salt, 32, SCRYPT);
  return `${salt.toString('base64')}.${sealWith(key, share, context)}`;
}

export function unwrapWithPin(wrapped: string, pin: string, context: string): Buffer {
  const [salt, box] = wrapped.split('.');
  try {
    const key = crypto.scryptSync(pin, Buffer.from(salt ?? '', 'base64'), 32, SCRYPT);
    return openWith(key, box ?? '', context);
  } catch {
    throw new YizhanError(SealsErrorCode.WRONG_PIN, 'Wrong custody PIN');
  }
}

export const encryptKey = (dataKey: Buffer, privateKey: string, context: string) => sealWith(dataKey, Buffer.from(privateKey), context);
export const decryptKey = (dataKey: Buffer, sealed: string, context: string) => openWith(dataKey, sealed, context).toString();

/** What a custodian's share is bound to: this seal, this custodian's half. */
export const shareContext = (sealId: string, which: 'A' | 'B') => `seal:${sealId}:share:${which}`;

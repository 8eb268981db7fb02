// Unit codes: a 6-digit administrative division code (GB/T 2260) for governments, or an 18-character unified
// social credit code (GB 32100-2015) for offices, departments and institutions. The org's ltree path label is
// derived from its code, so a path reads like the hierarchy: p61.c6101.k610102.
import type { OrgKind, OrgLevel } from './enums.ts';

const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** Check character of a unified social credit code from its first 17 characters. */
export function usccCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = USCC_ALPHABET.indexOf(first17.charAt(i));
    if (v < 0) throw new Error(`invalid character ${first17.charAt(i)}`);
    sum += v * (USCC_WEIGHTS[i] as number);
  }
  return USCC_ALPHABET.charAt((31 - (sum % 31)) % 31);
}

export function isUscc(code: string): boolean {
  if (!/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/.test(code)) return false;
  return usccCheckChar(code.slice(0, 17)) === code.charAt(17);
}

export const isDivisionCode = (code: string) => /^[1-8]\d{5}$/.test(code);

/** Why a code is not acceptable, or null when it is. */
export function codeProblem(code: string): string | null {
  if (!code) return 'The unit code is empty';
  if (isDivisionCode(code) || isUscc(code)) return null;
  if (/^\d{6}$/.test(code)) return `"${code}" is not an administrative division code (six digits, starting 1–8)`;
  if (code.length === 18) return `"${code}" is not a valid unified social credit code (its check character does not match)`;
  return `"${code}" is neither a six-digit administrative division code nor an 18-character unified social credit code`;
}

/** The ltree label for a unit: governments by the significant digits of their division code, others by code. */
export function pathLabel(code: string, level: OrgLevel, kind: OrgKind): string {
  if (kind === 'GOVERNMENT' && isDivisionCode(code)) {
    if (level === 'PROVINCE') return `p${code.slice(0, 2)}`;
    if (level === 'CITY') return `c${code.slice(0, 4)}`;
    return `k${code}`;
  }
  return `u${code.toLowerCase()}`;
}

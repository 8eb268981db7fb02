// A person's own mobile number (手机号码), kept on the account: where documents' automatic 催办 texts a leader. Plain
// rules: what a Chinese mobile number looks like, and who sees a person's — only the person and the administrators of
// the person's own unit.
import { badInput } from '@yizhan/common';
import type { Actor } from './rules.ts';

/** A mainland mobile number: 11 digits, 1 then 3–9 (after spaces, dashes and a +86 / 0086 prefix are dropped). */
const MOBILE = /^1[3-9]\d{9}$/;

/** The mobile as kept (11 digits), null for none; BAD_INPUT naming `field` when it is not a Chinese mobile number. */
export function cleanMobile(input: string | null | undefined, field = 'mobile'): string | null {
  const raw = (input ?? '').trim();
  if (!raw) return null;
  const digits = raw.replace(/[\s-]/g, '').replace(/^(\+86|0086)/, '');
  // What was given is not quoted back (it may be markup, or megabytes): the field and the rule say what is wrong.
  if (!MOBILE.test(digits)) throw badInput(`${field} is not a mobile number of mainland China (11 digits, starting 13–19)`, field);
  return digits;
}

/** Who sees (and sets) a person's mobile: the person, and the administrators of the person's own unit. */
export const mayKnowMobile = (a: Actor & { userId: string }, person: { id: string; orgPath: string }) =>
  a.userId === person.id || (a.roles.includes('ADMIN') && a.orgPath === person.orgPath);

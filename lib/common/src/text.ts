// Free text as a form gives it (a name, a title, a note): trimmed, and refused with BAD_INPUT naming the field and the
// rule it broke (errors.ts InputRule), so a client says it in its reader's language.
import { badInput } from './errors.ts';

/**
 * Control characters a typed text never holds; tab and line breaks are allowed where a text has lines. With them the
 * direction overrides and isolates (U+202A–202E, U+2066–2069): kept in a register or a print, one makes the text
 * after it read otherwise than it was stored.
 */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u202a-\u202e\u2066-\u2069]/;
/** The same with tab and line breaks: a name or a title is one line. */
const CONTROL_OR_BREAK = /[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/;

export interface TextRule {
  /** The most characters it may have. */
  max: number;
  /** One line (a name, a title): no tab or line break either. */
  line?: boolean;
}

/** Nothing a reader would see: spaces and the invisible format characters (zero-width space, joiners, word joiner). */
const INVISIBLE = /^[\s\p{Cf}]*$/u;

/** Whether a text shows nothing: empty, spaces, or only zero-width characters (U+200B and the like). */
export const isBlank = (value: string | null | undefined): boolean => INVISIBLE.test(value ?? '');

/** The text trimmed; BAD_INPUT when it shows nothing (isBlank), is over `max` characters or holds control characters. */
export function requiredText(value: string | null | undefined, field: string, rule: TextRule): string {
  const v = (value ?? '').trim();
  if (isBlank(v)) throw badInput(`${field} must not be empty`, field, { required: true });
  return checked(v, field, rule);
}

/** The text trimmed, or null when it shows nothing (isBlank); BAD_INPUT as requiredText otherwise. */
export function optionalText(value: string | null | undefined, field: string, rule: TextRule): string | null {
  const v = (value ?? '').trim();
  return isBlank(v) ? null : checked(v, field, rule);
}

function checked(v: string, field: string, { max, line }: TextRule): string {
  if (v.length > max) throw badInput(`${field} is ${v.length} characters long; at most ${max} are allowed`, field, { length: { max } });
  return refuseControlCharacters(v, field, line);
}

/** Whether a text holds only what a person types: no control character (tab and line breaks unless `line`), no half
 * of a surrogate pair. */
export const isPlainText = (v: string, line = false): boolean => !(line ? CONTROL_OR_BREAK : CONTROL).test(v) && v.isWellFormed();

/**
 * A text bounded elsewhere (a document's body, by the file limit) held to the same characters as requiredText's: no
 * control characters (tab and line breaks allowed unless `line`), no half of a surrogate pair. BAD_INPUT naming it.
 */
export function refuseControlCharacters(v: string, field: string, line = false): string {
  if (isPlainText(v, line)) return v;
  // Half a surrogate pair is no character (the gateway refuses it too; this holds for a service's direct callers).
  if (!v.isWellFormed()) throw badInput(`${field} contains half of a surrogate pair, which is no character`, field, { plainText: true });
  throw badInput(`${field} contains control characters`, field, { plainText: true });
}

/** A filter's value, one of those a list knows (a status), or null when none is given; BAD_INPUT naming it otherwise. */
export function oneOfOrNull<T extends string>(value: string | null | undefined, allowed: readonly T[], field: string): T | null {
  if (value === null || value === undefined || value === '') return null;
  if (!(allowed as readonly string[]).includes(value)) throw badInput(`${field} is one of ${allowed.join(', ')}`, field);
  return value as T;
}

/**
 * A telephone number as people write one (digits, +, -, brackets and spaces, 5–30 of them: 029-86861234, (029) 8686
 * 1234, +86 13800000000), trimmed; null when left empty unless `required`. BAD_INPUT naming the field otherwise.
 */
export function telephoneNumber(value: string | null | undefined, field: string, required = false): string | null {
  const v = (value ?? '').trim();
  if (!v && !required) return null;
  // A number is short: what is longer is not quoted back (a client may send megabytes).
  if (!/^[0-9+\-() ]{5,30}$/.test(v)) throw badInput(`${field} is not a telephone number (digits, + - ( ) and spaces, 5–30 of them)`, field);
  return v;
}

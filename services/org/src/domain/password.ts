// Passwords (seeds 003 §14, 004 §6): memory-hard hashing with Argon2id, a strength rule, one-time passwords
// for new and reset accounts, and a maximum age after which the user must choose a new one.
import { argon2, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';

const argon2Async = promisify(argon2);
// OWASP's second Argon2id profile: 19 MiB, 2 passes, 1 lane.
const PARAMS = { memory: 19456, passes: 2, parallelism: 1, tagLength: 32 };

export async function hashPassword(password: string): Promise<string> {
  const nonce = randomBytes(16);
  const tag = await argon2Async('argon2id', { message: password, nonce, ...PARAMS });
  return `$argon2id$v=19$m=${PARAMS.memory},t=${PARAMS.passes},p=${PARAMS.parallelism}$${nonce.toString('base64url')}$${tag.toString('base64url')}`;
}

export async function verifyPassword(password: string, encoded: string): Promise<boolean> {
  const m = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$([\w-]+)\$([\w-]+)$/.exec(encoded);
  if (!m) return false;
  const expected = Buffer.from(m[5] as string, 'base64url');
  const tag = await argon2Async('argon2id', {
    message: password,
    nonce: Buffer.from(m[4] as string, 'base64url'),
    memory: Number(m[1]),
    passes: Number(m[2]),
    parallelism: Number(m[3]),
    tagLength: expected.length,
  });
  return timingSafeEqual(tag, expected);
}

/** A hash that never matches: verified against when a username is unknown, so timing does not tell. */
export const UNKNOWN_USER_HASH = '$argon2id$v=19$m=19456,t=2,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;

/** Everything wrong with a proposed password, in words a user can act on; empty when it is acceptable. */
export function passwordProblems(password: string, username: string): string[] {
  const problems: string[] = [];
  if (password.length < PASSWORD_MIN_LENGTH) problems.push(`at least ${PASSWORD_MIN_LENGTH} characters`);
  if (password.length > PASSWORD_MAX_LENGTH) problems.push(`at most ${PASSWORD_MAX_LENGTH} characters`);
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (classes < 3) problems.push('three of: lower-case letters, upper-case letters, digits, symbols');
  if (username && password.toLowerCase().includes(username.toLowerCase())) problems.push('must not contain the user name');
  return problems;
}

/** A one-time password an administrator hands over; the user must replace it at first login. */
export function oneTimePassword(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
  const body = Array.from({ length: 10 }, () => alphabet.charAt(randomInt(alphabet.length))).join('');
  return `${body}-${randomInt(10, 99)}`;
}

export type PasswordChangeReason = 'INITIAL' | 'RESET' | 'EXPIRED';

/** Whether a user must choose a new password before working, and why. */
export function passwordChangeReason(
  user: { mustChangePassword: boolean; passwordChangedAt: Date | null; hasLoggedIn: boolean },
  maxAgeDays: number,
  now = new Date(),
): PasswordChangeReason | null {
  if (user.mustChangePassword) return user.hasLoggedIn ? 'RESET' : 'INITIAL';
  if (maxAgeDays > 0 && user.passwordChangedAt && now.getTime() - user.passwordChangedAt.getTime() > maxAgeDays * 86400_000) return 'EXPIRED';
  return null;
}

// Who may do what to which unit, and what a well-formed unit looks like. Plain functions: tests call them
// without a server, and resolvers call them before touching the database.
import { badInput, isWithin, publicUrlProblem, requiredText } from '@yizhan/common';
import { codeProblem } from './codes.ts';
import { LEVEL_RANK, type OrgLevel } from './enums.ts';

export interface Actor {
  orgPath: string;
  roles: readonly string[];
}

const isAdmin = (a: Actor) => a.roles.includes('ADMIN');

/** A unit's administrator manages its own unit and, as a superior office, every unit below it (seed 003 §6, §12). */
export const canManage = (a: Actor, targetPath: string) => isAdmin(a) && isWithin(targetPath, a.orgPath);

/**
 * A unit's alert webhook URL carries an access token: it is read by whoever may manage the unit (its own
 * administrators and those of the units above it), never by its clerks or by other units.
 */
export const canSeeAlertWebhook = (a: Actor | null, targetPath: string) => a !== null && canManage(a, targetPath);

export const WEBHOOK_URL_MAX = 500;

/**
 * Trims and checks an alert webhook URL (null clears it); throws BAD_INPUT saying why. It must be http(s) to a public
 * host, without a user name or password: never loopback, private or link-local addresses (a subgraph's /internal/*,
 * the database, a metadata endpoint). The documents service checks the resolved addresses again when it posts.
 */
export function cleanWebhookUrl(url: string | null | undefined, opts: { allowPrivateHosts?: boolean } = {}): string | null {
  const v = url?.trim() || null;
  if (!v) return null;
  if (v.length > WEBHOOK_URL_MAX)
    throw badInput(`The webhook URL is ${v.length} characters long; at most ${WEBHOOK_URL_MAX} are allowed`, 'url', { length: { max: WEBHOOK_URL_MAX } });
  if (/\s/.test(v)) throw badInput('The webhook must be an http(s) URL to a public host: it contains white space', 'url');
  const problem = publicUrlProblem(v, opts);
  if (problem) throw badInput(`The webhook must be an http(s) URL to a public host: ${problem}`, 'url');
  return v;
}

/** Registering and closing units is done by a superior office, never by the unit itself (seed 003 §6(4), §9). */
export const canRegisterUnder = (a: Actor, parentPath: string) => isAdmin(a) && isWithin(parentPath, a.orgPath);
export const canClose = (a: Actor, targetPath: string) => isAdmin(a) && targetPath !== a.orgPath && isWithin(targetPath, a.orgPath);

export const NAME_MAX = 100;
export const SHORT_NAME_MAX = 30;
/** Trims and checks a name, one line; throws BAD_INPUT naming the field (common's requiredText). */
export const cleanName = (value: string, field: string, max = NAME_MAX): string => requiredText(value, field, { max, line: true });

export function cleanCode(code: string): string {
  const v = (code ?? '').trim().toUpperCase();
  const problem = codeProblem(v);
  if (problem) throw badInput(problem, 'code');
  return v;
}

/** A unit sits under a unit of the same or a higher level: a county under a city, a city department under a city. */
export function levelProblem(parentLevel: OrgLevel, childLevel: OrgLevel): string | null {
  return LEVEL_RANK[childLevel] < LEVEL_RANK[parentLevel] ? `A ${childLevel} unit cannot sit under a ${parentLevel} unit` : null;
}

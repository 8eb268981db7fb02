// A seal's life (seeds 001 ch. 3, 003 §19–22, 004 §5) and who may do what in it.
import { badInput, isBelow, isWithin, optionalText, YizhanError } from '@yizhan/common';
import { SealsErrorCode } from '@yizhan/contracts/seals';

export type SealStatus = 'PENDING_CUSTODY' | 'ACTIVE' | 'SUSPENDED' | 'REVOKED' | 'DESTROYED';

export interface SealEvent {
  action: string;
  at: Date;
}

/** Events that start or stop a seal's use; anything else (uses, custody) leaves its state as it was. */
const STARTS = ['ACTIVATED', 'RESUMED'];
const STOPS: Record<string, string> = { SUSPENDED: 'suspended', REVOKED: 'revoked', LOST: 'reported lost', REPLACED: 'replaced', DESTROYED: 'destroyed' };
const FINAL = ['REVOKED', 'LOST', 'REPLACED', 'DESTROYED'];

/** Whether the seal could be used at a moment, from its events. */
export function activeAt(events: SealEvent[], at: Date): { active: boolean; reason: string | null } {
  let active = false;
  let reason: string | null = 'not yet in use';
  for (const e of [...events].sort((a, b) => a.at.getTime() - b.at.getTime())) {
    if (e.at > at) break;
    if (STARTS.includes(e.action)) {
      active = true;
      reason = null;
    } else if (STOPS[e.action]) {
      active = false;
      reason = STOPS[e.action] as string;
      if (FINAL.includes(e.action)) break;
    }
  }
  return { active, reason };
}

type Who = { userId: string; orgPath: string; roles: string[] };

/** The issuing authority (市电子政务办公室 in the seeds): an administrator of a unit above, or of the top unit itself. */
export const isIssuingAuthority = (caller: Who, unitPath: string) =>
  caller.roles.includes('ADMIN') && (isBelow(unitPath, caller.orgPath) || (unitPath === caller.orgPath && !unitPath.includes('.')));

/** The head of the unit, who signs the unit's written application (seed 003 §19). */
export const isUnitHead = (caller: Who, unitPath: string) => caller.roles.includes('LEADER') && caller.orgPath === unitPath;

/** Which of a seal's two key shares a person holds as its custodian, or null when they hold neither. */
export const shareOf = (seal: { custodianA?: string | null; custodianB?: string | null }, userId: string): 'A' | 'B' | null =>
  seal.custodianA === userId ? 'A' : seal.custodianB === userId ? 'B' : null;

/** A seal keeper of the unit: one of those who may be named custodian. */
export const isKeeperOf = (caller: Who, unitPath: string) => caller.roles.includes('SEAL_KEEPER') && caller.orgPath === unitPath;

/**
 * Who may know the people behind a seal — its two custodians (who hold its key shares) and who made it: the seal's
 * own unit, any role (its seal keepers take custody by them), and an administrator of a unit above it (the issuing
 * authority, which made it). Anyone else who reads the seal, to verify a stamp or from a unit above, sees its public
 * part only.
 */
export const mayKnowCustodians = (caller: Who, seal: { orgPath: string }) =>
  caller.orgPath === seal.orgPath || (caller.roles.includes('ADMIN') && isBelow(seal.orgPath, caller.orgPath));

export const canManage = (caller: Who, unitPath: string) =>
  isIssuingAuthority(caller, unitPath) || (caller.roles.includes('ADMIN') && isWithin(unitPath, caller.orgPath));

/**
 * Making and destroying a seal need these three present (seed 003 §20; seed 004 五(三): 制作或销毁电子印章时…同时在场):
 * the government office, the e-government office, the seal's unit.
 */
export const DESTRUCTION_PARTIES = ['GOVERNMENT_OFFICE', 'EGOV_OFFICE', 'OWNING_UNIT'] as const;
export type DestructionParty = (typeof DESTRUCTION_PARTIES)[number];

/** One person present at a making or a destruction: the party they stand for, their name and post. */
export interface Witness {
  party: string;
  name: string;
  post: string;
}

/**
 * The witnesses of a making or a destruction, bounded and one line each: WITNESSES_REQUIRED naming the parties (seed
 * 003 §20, seed 004 五(三)) none of them stands for by name and post.
 */
export function requireWitnesses<W extends Witness>(witnesses: W[], what: string): W[] {
  if (witnesses.length > 10) throw badInput('At most 10 witnesses', 'witnesses');
  const cleaned = witnesses.map((w, i) => ({
    ...w,
    name: optionalText(w.name, `witnesses[${i}].name`, { max: 50, line: true }) ?? '',
    post: optionalText(w.post, `witnesses[${i}].post`, { max: 100, line: true }) ?? '',
  }));
  const present = new Set(cleaned.filter((w) => w.name && w.post).map((w) => w.party));
  const missing = DESTRUCTION_PARTIES.filter((p) => !present.has(p));
  if (missing.length)
    throw new YizhanError(SealsErrorCode.WITNESSES_REQUIRED, `${what} needs these parties present, by name and post: ${missing.join(', ')}`, { missing });
  return cleaned;
}

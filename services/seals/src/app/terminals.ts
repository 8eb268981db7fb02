// 用印专用终端 (seed 000 §18: 电子印章由指定人员在…专用计算机上使用; seed 001 §8, §37; seed 002 六 专机专用、专人管理): the
// unit's administrator registers, on each computer set aside for the seal, that computer (its own key pair, made in
// its browser) and the person who looks after it; keeps the seal to them; revokes a computer retired or lost. A
// custodian's PIN for a seal kept to its terminals is taken only with the proof of one (presentSealPin).
import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput, conflict, ErrorCode, forbidden, notFound, personName, requireCaller, requiredText, YizhanError } from '@yizhan/common';
import { isUuid } from '@yizhan/kernel';
import type { SealsContext } from '../deps.ts';
import { checkTerminalKey, checkTerminalName, refuseRevoked, terminalRefused, terminalSigned } from '../domain/terminal.ts';
import type { Seal } from '../entities/Seal.ts';
import { actorOf, getSeal, logEvent } from '../store/seals.ts';
import { insertTerminal, revokeTerminal, type TerminalRow, terminalByFingerprint, terminalOf, terminalsOf } from '../store/terminals.ts';

export interface TerminalView {
  id: string;
  name: string;
  keeperName: string;
  fingerprint: string;
  registeredByName: string;
  registeredAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  revokedByName: string | null;
  revokedReason: string | null;
}

const at = (v: string | null) => (v ? new Date(v) : null);
const view = (t: TerminalRow): TerminalView => ({
  id: t.id,
  name: t.name,
  keeperName: t.keeper_name,
  fingerprint: t.fingerprint,
  registeredByName: t.registered_by_name,
  registeredAt: new Date(t.registered_at),
  lastUsedAt: at(t.last_used_at),
  revokedAt: at(t.revoked_at),
  revokedByName: t.revoked_by_name,
  revokedReason: t.revoked_reason,
});

/** The unit's administrators register and revoke its terminals; they and its seal keepers read the list. */
function requireAdmin(ctx: SealsContext) {
  const caller = requireCaller(ctx);
  if (!caller.roles.includes('ADMIN')) throw forbidden('The unit’s administrator registers and revokes its seal terminals');
  return caller;
}

export async function sealTerminals(ctx: SealsContext): Promise<TerminalView[]> {
  const caller = requireCaller(ctx);
  if (!caller.roles.some((r) => r === 'ADMIN' || r === 'SEAL_KEEPER')) throw forbidden('The unit’s administrators and seal keepers read its seal terminals');
  return (await terminalsOf(ctx.em, caller.orgId)).map(view);
}

export async function registerSealTerminal(ctx: SealsContext, input: { name: string; keeperId: string; publicKey: string }): Promise<TerminalView> {
  const caller = requireAdmin(ctx);
  const name = checkTerminalName(input.name);
  const key = checkTerminalKey(input.publicKey);
  // 专人管理: someone of the unit, in post, looks after it.
  const [keeper] = isUuid(input.keeperId) ? await ctx.deps.org.call('people', ctx.callerHeader, { ids: [input.keeperId] }) : [];
  if (!keeper) throw badInput('The person who looks after the terminal is someone of your unit, in post', 'keeperId');
  const id = await ctx.em.transactional(async (tx) => {
    const em = tx as EntityManager;
    const known = await terminalByFingerprint(em, key.fingerprint);
    if (known) throw conflict(`This computer is registered already, as ${known.name}`, { terminalId: known.id });
    return insertTerminal(em, {
      orgId: caller.orgId,
      orgPath: caller.orgPath,
      name,
      keeperId: keeper.id,
      keeperName: keeper.displayName,
      publicKey: key.der,
      fingerprint: key.fingerprint,
      by: personName(caller),
    });
  });
  return view((await terminalOf(ctx.em, id, caller.orgId)) as TerminalRow);
}

export async function revokeSealTerminal(ctx: SealsContext, id: string, reason: string): Promise<TerminalView> {
  const caller = requireAdmin(ctx);
  const why = requiredText(reason, 'reason', { max: 500, line: true });
  await ctx.em.transactional(async (tx) => {
    const em = tx as EntityManager;
    const t = isUuid(id) ? await terminalOf(em, id, caller.orgId, true) : undefined;
    if (!t) throw notFound('Seal terminal', id);
    refuseRevoked(t);
    await revokeTerminal(em, t.id, personName(caller), why);
  });
  return view((await terminalOf(ctx.em, id, caller.orgId)) as TerminalRow);
}

/** Keeps the seal to the unit's terminals, or lets it be used anywhere again: its administrator, written in its register. */
export async function setSealTerminalOnly(ctx: SealsContext, sealId: string, required: boolean): Promise<Seal> {
  const caller = requireCaller(ctx);
  const seal = await getSeal(ctx.em as EntityManager, sealId);
  if (!(caller.roles.includes('ADMIN') && caller.orgPath === seal.orgPath)) throw forbidden('The unit’s own administrator decides where its seal is used');
  if (!['PENDING_CUSTODY', 'ACTIVE', 'SUSPENDED'].includes(seal.status))
    throw new YizhanError(ErrorCode.ILLEGAL_TRANSITION, `A ${seal.status.toLowerCase()} seal is used nowhere`, { status: seal.status });
  if (seal.terminalOnly === required) return seal;
  if (required && !(await terminalsOf(ctx.em, caller.orgId)).some((t) => !t.revoked_at))
    throw badInput('Register at least one terminal first: a seal kept to none could not be used', 'required');
  return ctx.em.transactional(async (tx) => {
    const em = tx as EntityManager;
    const fresh = await getSeal(em, sealId);
    fresh.terminalOnly = required;
    await em.flush();
    await logEvent(em, { sealId: fresh.id, orgPath: fresh.orgPath, action: required ? 'TERMINALS_ONLY' : 'TERMINALS_ANY', actor: actorOf(caller) });
    return fresh;
  });
}

/** The terminal a custodian's PIN comes from, checked against the seal: null for a seal not kept to its terminals;
 * TERMINAL_REQUIRED, saying why, for a PIN from no registered terminal of the seal's unit. */
export async function terminalOfPin(
  ctx: SealsContext,
  seal: Pick<Seal, 'orgId' | 'terminalOnly'>,
  requestId: string,
  proof: { terminalId: string; signature: string } | null | undefined,
): Promise<{ id: string; name: string } | null> {
  if (!seal.terminalOnly) return null;
  if (!proof) throw terminalRefused('NO_PROOF');
  const caller = requireCaller(ctx);
  const t = isUuid(proof.terminalId) ? await terminalOf(ctx.em, proof.terminalId, seal.orgId) : undefined;
  if (!t) throw terminalRefused('UNKNOWN_TERMINAL');
  if (t.revoked_at) throw terminalRefused('REVOKED');
  if (!terminalSigned(t.public_key, requestId, caller.userId, proof.signature)) throw terminalRefused('BAD_SIGNATURE');
  return { id: t.id, name: t.name };
}

// The org service's internal API, for other services (never exposed by the gateway).
import { badInput, pgArray, requireCaller, type SubgraphContext } from '@yizhan/kernel';
import { relation } from './domain/routing.ts';
import { loadParty, type RecipientSpec, resolveRecipients } from './recipients.ts';
import { settingsOf } from './resolvers/SettingsResolver.ts';

/** POST /internal/recipients {docType, recipients}: the caller's unit as sender, every recipient expanded and
 * decided. The documents service calls this inside a send. The answer is columnar (one array per field) because a
 * broadcast carries 10,000 recipients: only refusals carry their rule and reason. */
export async function recipientsEndpoint(ctx: SubgraphContext<never>, body: unknown) {
  const caller = requireCaller(ctx);
  const { docType, recipients, withAlertTargets } = (body ?? {}) as { docType?: string; recipients?: RecipientSpec[]; withAlertTargets?: boolean };
  if (typeof docType !== 'string' || !Array.isArray(recipients)) throw badInput('Expected {docType, recipients[]}', 'body');
  const sender = await loadParty(ctx.em, caller.orgId);
  const decided = await resolveRecipients(ctx.em, sender, docType, recipients);
  const column = <T>(f: (d: (typeof decided)[number]) => T) => decided.map(f);
  // For an urgent document: where each allowed unit wants to be alerted (its contacts' mobiles, its webhook).
  const alertTargets = withAlertTargets
    ? ((await ctx.em.execute('select org_id, kind, name, target from org.alert_targets(?::uuid[])', [
        pgArray(decided.filter((d) => d.decision.allowed).map((d) => d.org.id)),
      ])) as { org_id: string; kind: string; name: string; target: string }[])
    : [];
  return {
    alertTargets: alertTargets.map((t) => ({ orgId: t.org_id, kind: t.kind, name: t.name, target: t.target })),
    sender,
    orgIds: column((d) => d.org.id),
    paths: column((d) => d.org.path),
    names: column((d) => d.org.name),
    roles: column((d) => d.role),
    printQuotas: column((d) => d.printQuota),
    directions: column((d) => relation(sender, d.org).direction),
    allowed: column((d) => d.decision.allowed),
    refusals: decided
      .filter((d) => !d.decision.allowed)
      .map((d) => ({
        orgId: d.org.id,
        orgName: d.org.name,
        ruleId: d.decision.rule?.id ?? null,
        rule: d.decision.rule?.name ?? null,
        reason: d.decision.reason,
      })),
  };
}

/** POST /internal/unit {}: the caller's unit with its document settings (机关代字, approval chain). */
export async function unitEndpoint(ctx: SubgraphContext<never>) {
  const caller = requireCaller(ctx);
  const unit = await loadParty(ctx.em, caller.orgId);
  return { ...unit, ...(await settingsOf(ctx.em, unit.id)) };
}

/** POST /internal/whoami {}: the caller as a person (display name, status) with their unit, for certificate subjects. */
export async function whoamiEndpoint(ctx: SubgraphContext<never>) {
  const caller = requireCaller(ctx);
  const [user] = (await ctx.em.execute('select id, username, display_name, status from org.users where id = ?', [caller.userId])) as {
    id: string;
    username: string;
    display_name: string;
    status: string;
  }[];
  const unit = await loadParty(ctx.em, caller.orgId);
  return { user: user && { id: user.id, username: user.username, displayName: user.display_name, status: user.status }, unit };
}

/** POST /internal/keepers {orgId}: the active seal keepers of a unit the caller may see (custodians of its seals). */
export async function keepersEndpoint(ctx: SubgraphContext<never>, body: unknown) {
  requireCaller(ctx);
  const { orgId } = (body ?? {}) as { orgId?: string };
  if (typeof orgId !== 'string') throw badInput('Expected {orgId}', 'orgId');
  const rows = (await ctx.em.execute(
    "select id, username, display_name from org.users where org_id = ? and 'SEAL_KEEPER' = any(roles) and status = 'ACTIVE' order by username",
    [orgId],
  )) as { id: string; username: string; display_name: string }[];
  return rows.map((r) => ({ id: r.id, username: r.username, displayName: r.display_name }));
}

/** POST /internal/account {}: whether the caller's account still stands (the gateway asks, at most once a minute). */
export async function accountEndpoint(ctx: SubgraphContext<never>) {
  const caller = requireCaller(ctx);
  const [row] = (await ctx.em.execute('select u.status, u.roles, o.status as org_status from org.users u join org.orgs o on o.id = u.org_id where u.id = ?', [
    caller.userId,
  ])) as { status: string; roles: string[]; org_status: string }[];
  if (!row) return { active: false, roles: [], why: 'This account no longer exists' };
  if (row.org_status !== 'ACTIVE') return { active: false, roles: row.roles, why: 'Your unit has been closed; this account no longer works' };
  if (row.status !== 'ACTIVE') return { active: false, roles: row.roles, why: 'This account is disabled' };
  return { active: true, roles: row.roles };
}

// Recipient expansion and routing evaluation: turns "these units, all counties under 西安市, the second-batch
// list" into concrete units, and decides for each whether the sender may send it this document type.
// Used by the evaluateRouting query and by the documents service's send (through /internal/recipients).
import { type EntityManager } from '@mikro-orm/postgresql';
import { badInput, notFound, requireCaller } from '@yizhan/common';
import { type AlertTarget, MAX_RECIPIENT_GROUPS, type RecipientSpec } from '@yizhan/contracts/org';
import { pgArray, type SubgraphContext } from '@yizhan/kernel';
import { type Kysely, sql } from 'kysely';
import { type Decision, DOC_TYPES, evaluate, evaluateReply, type Party, type RuleData, relation, ruleCovers } from '../domain/routing.ts';
import { DistributionList } from '../entities/DistributionList.ts';
import { RoutingRule } from '../entities/RoutingRule.ts';
import type { DB } from '../store/db.ts';
import { isUuid, type OrgEnumColumns } from '../store/orgs.ts';
import { withDb } from '../store/sql.ts';

export const MAX_RECIPIENTS = 20_000;

export type { RecipientSpec };

export interface RecipientDecision {
  org: Party;
  role: 'MAIN' | 'CC';
  printQuota: number;
  decision: Decision;
}

/** Units as routing sees them. */
const parties = (db: Kysely<DB>) =>
  db
    .selectFrom('org.orgs')
    .select(['id', 'code', sql<string>`path::text`.as('path'), 'level', 'kind', 'name', 'status'])
    // A peer platform's stand-in (对端平台), to which routing lets only its office send (domain/routing.ts), found by its key.
    .select(sql<boolean>`exists (select 1 from org.peer_platforms pp where pp.stand_in_org_id = org.orgs.id)`.as('standIn'))
    .$narrowType<OrgEnumColumns>();

/** A list of ids as one uuid[] parameter, for `id = any(...)`. */
const uuidArray = (ids: readonly string[]) => sql<string[]>`${pgArray(ids)}::uuid[]`;

export async function loadParty(em: EntityManager, id: string): Promise<Party> {
  const row = isUuid(id) ? await withDb(em, (db) => parties(db).where('id', '=', id).executeTakeFirst()) : undefined;
  if (!row) throw notFound('Unit', id);
  return row;
}

/** ALLOW rules below the top count only while an ancestor's ALLOW covers them, so deleting or narrowing a superior's
 * rule can never leave a lower unit with a wider permission than its superiors give. */
export function effectiveRules(rules: RuleData[]): RuleData[] {
  const byDepth = [...rules].sort((a, b) => a.orgPath.split('.').length - b.orgPath.split('.').length);
  const effective: RuleData[] = [];
  for (const r of byDepth) {
    const top = !r.orgPath.includes('.');
    if (r.effect === 'DENY' || top || effective.some((e) => e.orgPath !== r.orgPath && r.orgPath.startsWith(`${e.orgPath}.`) && ruleCovers(e, r))) {
      effective.push(r);
    }
  }
  return effective;
}

export async function loadRules(em: EntityManager): Promise<RuleData[]> {
  const rules = await em.find(RoutingRule, {}, { orderBy: { orgPath: 'asc', createdAt: 'asc' } });
  return effectiveRules(rules as RuleData[]);
}

function checkDocType(docType: string): void {
  if (!(DOC_TYPES as readonly string[]).includes(docType)) throw badInput(`docType is not a document type; expected one of ${DOC_TYPES.join(' ')}`, 'docType');
}

async function expand(em: EntityManager, spec: RecipientSpec, index: number): Promise<Party[]> {
  const given = [spec.orgIds?.length ? 'orgIds' : null, spec.selector ? 'selector' : null, spec.listId ? 'listId' : null].filter(Boolean);
  if (given.length !== 1) throw badInput(`Recipient group ${index + 1}: give exactly one of orgIds, selector or listId`, `recipients[${index}]`);
  if (spec.orgIds?.length) {
    const ids = [...new Set(spec.orgIds)];
    const bad = ids.filter((id) => !isUuid(id));
    const rows = await withDb(em, (db) =>
      parties(db)
        .where((eb) => eb('id', '=', eb.fn.any(uuidArray(ids.filter(isUuid)))))
        .execute(),
    );
    const missing = [...bad, ...ids.filter((id) => isUuid(id) && !rows.some((r) => r.id === id))];
    if (missing.length) throw notFound('Unit', missing.slice(0, 5).join(', '));
    return rows;
  }
  if (spec.selector) {
    const s = spec.selector;
    const root = await loadParty(em, s.rootId);
    const { levels, kinds, maxDepth } = s;
    if (maxDepth != null && maxDepth < 1) {
      throw badInput('selector.maxDepth counts levels below the root: 1 or more', `recipients[${index}].selector.maxDepth`);
    }
    return withDb(em, (db) => {
      let q = parties(db).where(sql<boolean>`path <@ ${root.path}::ltree`).where(sql<boolean>`path <> ${root.path}::ltree`).where('status', '=', 'ACTIVE');
      if (levels?.length) q = q.where((eb) => eb('level', '=', eb.fn.any(sql<string[]>`${pgArray(levels)}::text[]`)));
      if (kinds?.length) q = q.where((eb) => eb('kind', '=', eb.fn.any(sql<string[]>`${pgArray(kinds)}::text[]`)));
      if (maxDepth != null) q = q.where(sql<boolean>`nlevel(path) - nlevel(${root.path}::ltree) <= ${maxDepth}`);
      // A peer platform's stand-in is not a unit of the tree: a selection never includes it.
      q = q.where(sql<boolean>`not exists (select 1 from org.peer_platforms pp where pp.stand_in_org_id = org.orgs.id)`);
      // "path" here is the selected path::text, as in the statement this replaces.
      return q
        .orderBy('path')
        .limit(MAX_RECIPIENTS + 1)
        .execute();
    });
  }
  const list = isUuid(spec.listId as string) ? await em.findOne(DistributionList, { id: spec.listId as string }) : null;
  if (!list) throw notFound('Distribution list', spec.listId as string);
  return withDb(em, (db) =>
    parties(db)
      .where((eb) => eb('id', '=', eb.fn.any(uuidArray(list.memberIds))))
      .orderBy('path')
      .execute(),
  );
}

/** Expands every recipient group and evaluates the routing rules for each unit. MAIN wins over CC for a unit named
 * twice; the first print quota given for it applies. A reply (`replyToOrgId`: the unit whose document it answers)
 * reaches that unit by the reply exception (`evaluateReply`); every other recipient is decided as usual. */
export async function resolveRecipients(
  em: EntityManager,
  sender: Party,
  docType: string,
  specs: RecipientSpec[],
  replyToOrgId: string | null = null,
): Promise<RecipientDecision[]> {
  checkDocType(docType);
  if (!specs.length) throw badInput('Name at least one recipient', 'recipients', { zh: '至少选择一个收文单位' });
  if (specs.length > MAX_RECIPIENT_GROUPS)
    throw badInput(
      `${specs.length} recipient groups: at most ${MAX_RECIPIENT_GROUPS} (a group may name many units, a selection or a saved list)`,
      'recipients',
      {
        length: { max: MAX_RECIPIENT_GROUPS },
      },
    );
  const chosen = new Map<string, { org: Party; role: 'MAIN' | 'CC'; printQuota: number }>();
  for (const [i, spec] of specs.entries()) {
    const quota = spec.printQuota ?? 1;
    if (!Number.isInteger(quota) || quota < 0 || quota > 100) throw badInput('printQuota must be a whole number from 0 to 100', `recipients[${i}].printQuota`);
    const role = spec.role ?? 'MAIN';
    for (const org of await expand(em, spec, i)) {
      const seen = chosen.get(org.id);
      if (!seen) chosen.set(org.id, { org, role, printQuota: quota });
      else if (role === 'MAIN') seen.role = 'MAIN';
    }
    if (chosen.size > MAX_RECIPIENTS) throw badInput(`More than ${MAX_RECIPIENTS} recipients in one send`, 'recipients');
  }
  const rules = await loadRules(em);
  const out = [...chosen.values()].map((c) => ({
    ...c,
    decision: c.org.id === replyToOrgId ? evaluateReply(rules, sender, c.org, docType) : evaluate(rules, sender, c.org, docType),
  }));
  return out;
}

type Ctx = SubgraphContext<unknown>;

/** The documents service calls this inside a send. */
export async function recipientsForSend(
  ctx: Ctx,
  {
    docType,
    recipients,
    withAlertTargets,
    replyToOrgId,
  }: { docType: string; recipients: RecipientSpec[]; withAlertTargets?: boolean; replyToOrgId?: string | null },
) {
  const caller = requireCaller(ctx);
  const sender = await loadParty(ctx.em, caller.orgId);
  const decided = await resolveRecipients(ctx.em, sender, docType, recipients, replyToOrgId ?? null);
  const column = <T>(f: (d: (typeof decided)[number]) => T) => decided.map(f);
  // For an urgent document: where each allowed unit wants to be alerted (its contacts' mobiles, its webhook).
  const allowedIds = decided.filter((d) => d.decision.allowed).map((d) => d.org.id);
  return {
    alertTargets: withAlertTargets ? await alertTargetsOf(ctx, allowedIds) : [],
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

/** A row of the SQL function org.alert_targets(uuid[]) (migration 0005), a shape no table of store/db.ts has. */
interface AlertTargetRow {
  org_id: string;
  kind: AlertTarget['kind'];
  name: string;
  target: string;
}

export async function alertTargetsOf(ctx: Ctx, orgIds: string[]): Promise<AlertTarget[]> {
  // A SECURITY DEFINER function (it may show targets the caller's scope cannot read), selected from as a raw source.
  const rows = await withDb(ctx.em, (db) =>
    db
      .selectFrom(sql<AlertTargetRow>`org.alert_targets(${pgArray(orgIds)}::uuid[])`.as('t'))
      .select(['org_id', 'kind', 'name', 'target'])
      .execute(),
  );
  return rows.map((t) => ({ orgId: t.org_id, kind: t.kind, name: t.name, target: t.target }));
}

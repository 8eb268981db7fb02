// Routing rules (DESIGN §2): who may send what to whom, as data. A rule is attached to a unit and applies within
// its subtree — to senders there (side SENDER) or to receivers there (side RECEIVER). DENY wins over ALLOW; with no
// matching ALLOW a send is refused. A lower unit may narrow (add DENY, or ALLOW less) but never widen: an ALLOW below
// the top must be covered by an ALLOW of an ancestor (checked when the rule is written, see `coveringRule`).

import { isWithin, parentOf } from '@yizhan/common';
import { LEVEL_RANK, type OrgKind, type OrgLevel } from './enums.ts';

export const DIRECTIONS = ['DOWN', 'UP', 'LATERAL'] as const;
export type Direction = (typeof DIRECTIONS)[number];
export type Effect = 'ALLOW' | 'DENY';
export type Side = 'SENDER' | 'RECEIVER';

export { DOC_TYPES, type DocType } from '@yizhan/common';

export interface RuleData {
  id: string;
  name: string;
  orgPath: string;
  side: Side;
  direction: Direction;
  effect: Effect;
  /** null: any */
  senderLevels: OrgLevel[] | null;
  senderKinds: OrgKind[] | null;
  receiverLevels: OrgLevel[] | null;
  receiverKinds: OrgKind[] | null;
  docTypes: string[] | null;
  /** Levels between sender and receiver at most (0: same level); null: any. */
  maxDepth: number | null;
}

export interface Party {
  id: string;
  /** Division code or unified social credit code (the archive's 全宗号). */
  code: string;
  path: string;
  level: OrgLevel;
  kind: OrgKind;
  name: string;
  status: string;
  /** A peer platform's stand-in (对端平台): not a unit of the tree; it receives only from the unit it stands under. */
  standIn?: boolean;
}

/** DOWN to a unit below the sender (in its subtree, or at a lower level); UP likewise; LATERAL between peers. */
export function relation(sender: Party, receiver: Party): { direction: Direction; depth: number } {
  const depth = Math.abs(LEVEL_RANK[receiver.level] - LEVEL_RANK[sender.level]);
  if (isWithin(receiver.path, sender.path)) return { direction: 'DOWN', depth };
  if (isWithin(sender.path, receiver.path)) return { direction: 'UP', depth };
  const diff = LEVEL_RANK[receiver.level] - LEVEL_RANK[sender.level];
  return { direction: diff > 0 ? 'DOWN' : diff < 0 ? 'UP' : 'LATERAL', depth };
}

const anyOf = <T>(list: readonly T[] | null, value: T) => list === null || list.includes(value);

export function ruleMatches(rule: RuleData, sender: Party, receiver: Party, docType: string): boolean {
  const { direction, depth } = relation(sender, receiver);
  const inScope = rule.side === 'SENDER' ? isWithin(sender.path, rule.orgPath) : isWithin(receiver.path, rule.orgPath);
  return (
    inScope &&
    rule.direction === direction &&
    anyOf(rule.senderLevels, sender.level) &&
    anyOf(rule.senderKinds, sender.kind) &&
    anyOf(rule.receiverLevels, receiver.level) &&
    anyOf(rule.receiverKinds, receiver.kind) &&
    anyOf(rule.docTypes, docType) &&
    (rule.maxDepth === null || depth <= rule.maxDepth)
  );
}

/**
 * Why a unit may or may not receive: what the dashboard words in its reader's language (with the rule's name, the
 * direction and the 文种), where `reason` says it in English for the API's logs.
 */
export const ROUTING_WHY = ['ALLOWED', 'DENIED', 'NO_RULE', 'TO_ITSELF', 'CLOSED', 'AS_REPLY', 'REPLY_DENIED', 'TO_PEER', 'PEER_REFUSED'] as const;
export type RoutingWhy = (typeof ROUTING_WHY)[number];

export interface Decision {
  allowed: boolean;
  why: RoutingWhy;
  /** The send's direction between the two units. */
  direction: Direction;
  /** The rule that decided: the DENY that refused, or the ALLOW that allowed. Null when no rule allows. For a reply
   * let through by the reply exception: the rule it passed over (the DENY of its type, or null when none allowed it). */
  rule: RuleData | null;
  reason: string;
  /** Allowed only because it is a reply to a document of the receiver (`evaluateReply`). */
  asReply?: boolean;
}

const LEVEL_NAME: Record<OrgLevel, string> = { PROVINCE: '省级', CITY: '市级', COUNTY: '县级' };
const DIRECTION_NAME: Record<Direction, string> = { DOWN: '下行', UP: '上行', LATERAL: '平行' };

export function evaluate(rules: readonly RuleData[], sender: Party, receiver: Party, docType: string): Decision {
  const { direction } = relation(sender, receiver);
  if (sender.id === receiver.id) return { allowed: false, why: 'TO_ITSELF', direction, rule: null, reason: 'A unit does not send documents to itself' };
  if (receiver.status !== 'ACTIVE') return { allowed: false, why: 'CLOSED', direction, rule: null, reason: `${receiver.name} is closed and receives nothing` };
  if (receiver.standIn) return toStandIn(sender, receiver);
  const matching = rules.filter((r) => ruleMatches(r, sender, receiver, docType));
  const deny = matching.find((r) => r.effect === 'DENY');
  if (deny) return { allowed: false, why: 'DENIED', direction, rule: deny, reason: `Refused by rule “${deny.name}”` };
  const allow = matching.find((r) => r.effect === 'ALLOW');
  if (allow) return { allowed: true, why: 'ALLOWED', direction, rule: allow, reason: `Allowed by rule “${allow.name}”` };
  return {
    allowed: false,
    why: 'NO_RULE',
    direction,
    rule: null,
    reason: `No rule allows ${DIRECTION_NAME[direction]} ${docType} from a ${LEVEL_NAME[sender.level]} unit to a ${LEVEL_NAME[receiver.level]} unit`,
  };
}

// null means "any": only "any" covers "any".
const covers = <T>(outer: readonly T[] | null, inner: readonly T[] | null) => outer === null || (inner?.every((v) => outer.includes(v)) ?? false);

/** Whether `outer` allows at least everything `inner` allows. */
export function ruleCovers(outer: RuleData, inner: RuleData): boolean {
  return (
    outer.effect === 'ALLOW' &&
    outer.side === inner.side &&
    outer.direction === inner.direction &&
    covers(outer.senderLevels, inner.senderLevels) &&
    covers(outer.senderKinds, inner.senderKinds) &&
    covers(outer.receiverLevels, inner.receiverLevels) &&
    covers(outer.receiverKinds, inner.receiverKinds) &&
    covers(outer.docTypes, inner.docTypes) &&
    (outer.maxDepth === null || (inner.maxDepth !== null && inner.maxDepth <= outer.maxDepth))
  );
}

/** For an ALLOW written at a unit with superiors: the ancestor's ALLOW that covers it, or null (it would widen). */
export function coveringRule(candidate: RuleData, rules: readonly RuleData[]): RuleData | null {
  return rules.find((r) => r.orgPath !== candidate.orgPath && isWithin(candidate.orgPath, r.orgPath) && ruleCovers(r, candidate)) ?? null;
}

/**
 * 答复: a rule's 文种 list may name replies with this word. A DENY naming it refuses replies too (below); an ALLOW naming
 * it adds nothing, since a reply reaches the original's sender anyway.
 */
export const REPLY_TYPE = '答复';

/** The reply exception's own name, given when a reply passes where no rule allows its type. */
export const REPLY_EXCEPTION = '答复送达来文单位（条例 第二十四条：答复）';

/**
 * A reply (批复, 报告, 复函 …) to a document the receiver sent reaches it even where the type rules would refuse a fresh
 * document of that type (a county answers the province's 通知 although it may send the province only its 简报), unless
 * a DENY rule that applies between them names replies (REPLY_TYPE among its 文种). The decision names the rule either
 * way: the DENY naming replies that refused it, the ALLOW that allowed it as a fresh document, or the rule the
 * exception passed over.
 */
export function evaluateReply(rules: readonly RuleData[], sender: Party, receiver: Party, docType: string): Decision {
  const fresh = evaluate(rules, sender, receiver, docType);
  if (sender.id === receiver.id || receiver.status !== 'ACTIVE' || receiver.standIn) return fresh;
  const deny = rules.find((r) => r.effect === 'DENY' && r.docTypes?.includes(REPLY_TYPE) && ruleMatches(r, sender, receiver, REPLY_TYPE));
  if (deny)
    return {
      allowed: false,
      why: 'REPLY_DENIED',
      direction: fresh.direction,
      rule: deny,
      reason: `Refused by rule “${deny.name}”, which names replies (${REPLY_TYPE})`,
    };
  if (fresh.allowed) return fresh;
  const passed = fresh.rule ? `rule “${fresh.rule.name}”` : 'no rule allows its type';
  return {
    allowed: true,
    why: 'AS_REPLY',
    direction: fresh.direction,
    rule: fresh.rule,
    reason: `Allowed as a reply to ${receiver.name}’s document by “${REPLY_EXCEPTION}”; as a fresh document it would be refused (${passed})`,
    asReply: true,
  };
}

/**
 * A peer platform's stand-in (对端平台) named as a recipient: what is sent to it, the exchange carries to the peer.
 * Only the unit it stands under sends to it — the office, whose terminal sends and receives for the unit (seed 000
 * §9: 系统终端设在办公室) — whatever the type rules say, since the stand-in is not a unit of this tree; any other unit is
 * refused, saying whom to ask.
 */
export function toStandIn(sender: Party, standIn: Party): Decision {
  const { direction } = relation(sender, standIn);
  // The unit a stand-in is registered under: the office whose terminal exchanges with the peer platform.
  if (sender.path === parentOf(standIn.path))
    return {
      allowed: true,
      why: 'TO_PEER',
      direction,
      rule: null,
      reason: `${standIn.name} stands in for a peer platform: the exchange carries it there (对端平台代收单位，经交换送达)`,
    };
  return {
    allowed: false,
    why: 'PEER_REFUSED',
    direction,
    rule: null,
    reason: `${standIn.name} stands in for a peer platform and receives only from the unit it is registered under, whose office exchanges with it (对端平台代收单位，只接收其所在办公室的发文)`,
  };
}

// Routing vocabulary as GraphQL enums.
import { registerEnumType } from 'type-graphql';
import { DirectionEnum, EffectEnum, RecipientRole, SideEnum } from '../domain/enums.ts';
import { ROUTING_WHY } from '../domain/routing.ts';

export const RoutingWhyEnum = Object.fromEntries(ROUTING_WHY.map((w) => [w, w])) as { [W in (typeof ROUTING_WHY)[number]]: W };

registerEnumType(DirectionEnum, { name: 'Direction', description: 'DOWN to lower units, UP to superiors, LATERAL between peers' });
registerEnumType(EffectEnum, { name: 'RuleEffect', description: 'DENY wins over ALLOW' });
registerEnumType(SideEnum, { name: 'RuleSide', description: 'Whether the rule governs senders or receivers within its subtree' });
registerEnumType(RecipientRole, { name: 'RecipientRole', description: '主送 (MAIN) or 抄送 (CC)' });
registerEnumType(RoutingWhyEnum, {
  name: 'RoutingWhy',
  description:
    'Why a unit may or may not receive: ALLOWED or DENIED by the rule named, NO_RULE allowing it, TO_ITSELF, CLOSED (the unit is closed), AS_REPLY (by the reply exception), REPLY_DENIED (a rule naming replies), TO_PEER or PEER_REFUSED (a peer platform’s stand-in)',
});

// Routing vocabulary as GraphQL enums.
import { registerEnumType } from 'type-graphql';
import { DirectionEnum, EffectEnum, RecipientRole, SideEnum } from '../domain/enums.ts';

registerEnumType(DirectionEnum, { name: 'Direction', description: 'DOWN to lower units, UP to superiors, LATERAL between peers' });
registerEnumType(EffectEnum, { name: 'RuleEffect', description: 'DENY wins over ALLOW' });
registerEnumType(SideEnum, { name: 'RuleSide', description: 'Whether the rule governs senders or receivers within its subtree' });
registerEnumType(RecipientRole, { name: 'RecipientRole', description: '主送 (MAIN) or 抄送 (CC)' });

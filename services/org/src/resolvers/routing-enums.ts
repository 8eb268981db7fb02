// Routing vocabulary as GraphQL enums.
import { registerEnumType } from 'type-graphql';

export const DirectionEnum = { DOWN: 'DOWN', UP: 'UP', LATERAL: 'LATERAL' } as const;
export const EffectEnum = { ALLOW: 'ALLOW', DENY: 'DENY' } as const;
export const SideEnum = { SENDER: 'SENDER', RECEIVER: 'RECEIVER' } as const;
export const RecipientRole = { MAIN: 'MAIN', CC: 'CC' } as const;
export type RecipientRole = (typeof RecipientRole)[keyof typeof RecipientRole];

registerEnumType(DirectionEnum, { name: 'Direction', description: 'DOWN to lower units, UP to superiors, LATERAL between peers' });
registerEnumType(EffectEnum, { name: 'RuleEffect', description: 'DENY wins over ALLOW' });
registerEnumType(SideEnum, { name: 'RuleSide', description: 'Whether the rule governs senders or receivers within its subtree' });
registerEnumType(RecipientRole, { name: 'RecipientRole', description: '主送 (MAIN) or 抄送 (CC)' });

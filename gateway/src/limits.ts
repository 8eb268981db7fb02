// The operation limits (depth, aliases, tokens, cost) with the options the gateway applies them with: one place, so
// that the dashboard's build checks its trusted documents against exactly what the gateway will enforce.
import type { Config } from '@yizhan/common';

export const limitOptions = (limits: Config['limits']) => ({
  depth: { n: limits.maxDepth, exposeLimits: true, flattenFragments: true, ignoreIntrospection: true },
  aliases: { n: limits.maxAliases, exposeLimits: true, allowList: [] as string[] },
  tokens: { n: limits.maxTokens, exposeLimits: true },
  cost: { maxCost: limits.maxCost, exposeLimits: true, objectCost: 2, scalarCost: 1, depthCostFactor: 1.5, ignoreIntrospection: true },
});

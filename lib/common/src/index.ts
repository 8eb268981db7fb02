// @yizhan/common: what every process needs — the gateway as much as each subgraph — and nothing that loads a
// database, a GraphQL server or a subgraph's code.
export * from './audit.ts';
export * from './backoff.ts';
export * from './batched-asks.ts';
export * from './beijing-time.ts';
export * from './caller.ts';
export * from './canonical.ts';
export * from './config.ts';
export * from './contract.ts';
export * from './errors.ts';
export * from './event-feed.ts';
export * from './events.ts';
export * from './fanout.ts';
export * from './file-formats.ts';
export * from './hierarchy.ts';
export * from './internal-client.ts';
export * from './keys.ts';
export * from './log.ts';
export * from './process.ts';
export * from './public-address.ts';
export * from './queue.ts';
export * from './service-call.ts';
export * from './telemetry.ts';
export * from './text.ts';
export * from './trace-context.ts';
export * from './verified-tokens.ts';
export * from './vocabulary.ts';

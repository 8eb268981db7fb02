// @yizhan/kernel: what every subgraph shares beyond @yizhan/common — the subgraph bootstrap and its internal API
// server, the database (embedded PostgreSQL, roles, migrations, tenancy and row-level security), the outbox and the
// events (relay, hub, transports, consumers), blobs. No domain logic. The gateway never imports it.
export * from './audit.ts';
export * from './blobs.ts';
export * from './db/embedded.ts';
export * from './db/kept-connection.ts';
export * from './db/orm.ts';
export * from './db/outbox.ts';
export * from './db/partitions.ts';
export * from './db/provision.ts';
export * from './db/reroot.ts';
export * from './db/rls.ts';
export * from './db/sql.ts';
export * from './db/tenancy.ts';
export * from './events/consumer.ts';
export * from './events/feed.ts';
export * from './events/hub.ts';
export * from './events/nats.ts';
export * from './events/outboxes.ts';
export * from './events/postgres.ts';
export * from './events/relay.ts';
export * from './events/start.ts';
export * from './events/types.ts';
export * from './internal-api.ts';
export * from './jobs/partition-keeper.ts';
export * from './jobs/periodic-statement.ts';
export * from './jobs/turns.ts';
export * from './malware-scan.ts';
export * from './metrics.ts';
export * from './pagination.ts';
export * from './replicas.ts';
export * from './secrets.ts';
export * from './start-together.ts';
export * from './subgraph.ts';

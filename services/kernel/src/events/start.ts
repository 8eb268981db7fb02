// A service's event plumbing, on the transport the configuration names: its outbox relay (optional: any number of
// replicas may run one), for services with subscriptions its event hub, and the process's one LISTEN connection
// (db/listening.ts) that both and the replica presence share.
import type { Config, Logger, PublishedEvent } from '@yizhan/common';
import { type Listening, startListening } from '../db/listening.ts';
import { startPartitionKeeper } from '../jobs/partition-keeper.ts';
import type { EventHub } from './hub.ts';
import { natsBus, startNatsHub } from './nats.ts';
import { postgresBus, startPostgresHub } from './postgres.ts';
import { type Relay, startRelay } from './relay.ts';

export interface Events {
  /** The relay role's URL and the service's schema: what the metrics read the outbox with. */
  relayUrl: string;
  schema: string;
  relay: Relay | null;
  hub: EventHub | null;
  /** The process's one LISTEN connection: the relay's, the PostgreSQL hub's and the replica presence's. */
  listening: Listening;
  close(): Promise<void>;
}

export async function startEvents(opts: { config: Config; relayUrl: string; schema: string; log: Logger; relay: boolean; hub: boolean }): Promise<Events> {
  const nats = opts.config.eventBus.startsWith('nats://') ? opts.config.eventBus : null;
  const bus = nats ? await natsBus(nats, opts.relayUrl, opts.log) : null;
  const listening = await startListening({ url: opts.relayUrl, name: `listener (${opts.schema})`, log: opts.log });
  // On PostgreSQL the hub of this process takes its own relay's batches from its hand (postgres.ts `handOver`).
  const pgHub = opts.hub && !nats ? await startPostgresHub({ relayUrl: opts.relayUrl, schema: opts.schema, log: opts.log, listening }) : null;
  const relay = opts.relay
    ? await startRelay({
        relayUrl: opts.relayUrl,
        schema: opts.schema,
        bus: bus ?? postgresBus,
        log: opts.log,
        listening,
        ...(pgHub ? { onCommitted: (events: PublishedEvent[]) => pgHub.handOver(events) } : {}),
      })
    : null;
  const hub: EventHub | null =
    pgHub ?? (opts.hub && nats ? await startNatsHub({ url: nats, relayUrl: opts.relayUrl, schema: opts.schema, log: opts.log }) : null);
  return {
    relayUrl: opts.relayUrl,
    schema: opts.schema,
    relay,
    hub,
    listening,
    async close() {
      // A stopping service publishes what it wrote before it stops, rather than leave it to the next start.
      await relay?.drain().catch(() => 0);
      await hub?.close();
      await relay?.close();
      await bus?.close();
      await listening.close();
    },
  };
}

/**
 * The parts of a service whose outbox carries only audit entries, for org's log (archive, certificates, seals): its
 * relay, no hub, and the outbox by month (db/partitions.ts). Started, not awaited: for startTogether beside the rest.
 */
export function startAuditOutbox(opts: { config: Config; relayUrl: string; schema: string; log: Logger }) {
  return {
    events: startEvents({ ...opts, relay: true, hub: false }),
    partitions: startPartitionKeeper({ relayUrl: opts.relayUrl, schema: opts.schema, log: opts.log }),
  };
}

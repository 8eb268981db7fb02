// The event hub of one service process: one reader follows the published events of the schema and hands each to
// the subscriptions that may see it (the same rule as the outbox's row-level security), instead of every subscription
// querying the database. A subscription that names a cursor first receives what it missed, in order, then live events.

import { Fanout, type PublishedEvent, pathAndAbove, type SubscribeOptions } from '@yizhan/common';
import type pg from 'pg';
import type { KeptConnection } from '../db/kept-connection.ts';
import { toPublishedEvent } from './types.ts';

// The fan-out itself lives in common: the gateway's live edge routes events the same way.
export { Fanout, pathAndAbove, type SubscribeOptions };

export interface EventHub {
  subscribe(opts: SubscribeOptions): AsyncIterableIterator<PublishedEvent>;
  /**
   * One page of the published events after a sequence up to another (at most 5,000, oldest first), the whole
   * platform's, for a router that applies the tenant rule itself (the gateway's live edge replaying many resuming
   * subscribers from one read). Never handed to a caller as it is.
   */
  read(after: number, upTo: number): Promise<PublishedEvent[]>;
  /** The newest sequence this hub has seen. */
  readonly lastSeq: number;
  /** Subscriptions currently open (a gauge for health checks and tests). */
  readonly subscriptions: number;
  close(): Promise<void>;
}

/** Most published events one read returns. */
export const READ_PAGE = 5000;

/** Reads published events of a schema by sequence, as the relay role (the fanout applies the tenant rule). */
export async function readPublished(client: pg.ClientBase, schema: string, after: number, upTo: number | null, limit = READ_PAGE): Promise<PublishedEvent[]> {
  const { rows } = await client.query(
    `select publish_seq, type, org_path::text, other_path::text, payload, occurred_at from ${schema}.outbox
     where publish_seq > $1 ${upTo === null ? '' : 'and publish_seq <= $3'} order by publish_seq limit $2`,
    upTo === null ? [after, limit] : [after, limit, upTo],
  );
  return rows.map((r) => toPublishedEvent(schema, r));
}

/**
 * One page of published events after a sequence up to another, read on the hub's reader in its turn
 * (KeptConnection.use: waiting for it while the database is being reconnected): the hubs' `read`.
 */
export const pageReader =
  (reader: Pick<KeptConnection, 'use'>, schema: string) =>
  (after: number, upTo: number): Promise<PublishedEvent[]> =>
    reader.use((c) => readPublished(c, schema, after, upTo));

/** What a resuming subscriber missed: every published event after its cursor, up to where the hub stands. */
export function replayFrom(reader: Pick<KeptConnection, 'use'>, schema: string) {
  const read = pageReader(reader, schema);
  return async (after: number, upTo: number): Promise<PublishedEvent[]> => {
    const out: PublishedEvent[] = [];
    let from = after;
    for (;;) {
      const batch = await read(from, upTo);
      out.push(...batch);
      if (batch.length < READ_PAGE) return out;
      from = batch.at(-1)?.seq ?? upTo;
    }
  };
}

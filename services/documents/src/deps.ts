// What the documents service's resolvers need besides the request's unit of work, built once at start-up.
import type { MikroORM } from '@mikro-orm/postgresql';
import type { BlobStore, Config, EventHub, SubgraphContext } from '@yizhan/kernel';

export interface DocumentsDeps {
  config: Config;
  blobs: BlobStore;
  /** The org service, for units' settings and for routing decisions (its internal API). */
  orgUrl: string;
  /** The seals service: a unit with a seal in use sends only stamped documents, and prints verify the stamp. */
  sealsUrl?: string;
  /** The archive: a delivery closed by its recipient is archived at once. */
  archiveUrl?: string;
  /** Published events of this service, for subscriptions. */
  hub: EventHub;
  /** For subscriptions: each event read runs in a fresh unit of work, not the request's. */
  orm: MikroORM;
  /** A live board sends at most one update per this many milliseconds. */
  boardIntervalMs: number;
  /** Test hook: throws at a named point inside a send, to prove a send is all or nothing. */
  fault?: (point: 'after-deliveries') => void;
}
export type DocumentsContext = SubgraphContext<DocumentsDeps>;

/** The caller's unit as the org service describes it. */
export interface Unit {
  id: string;
  path: string;
  level: string;
  kind: string;
  name: string;
  status: string;
  docPrefixes: string[];
  approvalChain: string[];
}

// What the documents service's resolvers need besides the request's unit of work, built once at start-up.
import type { MikroORM } from '@mikro-orm/postgresql';
import type { CallOutput, Config, InternalClient } from '@yizhan/common';
import type { archiveApi } from '@yizhan/contracts/archive';
import type { certificatesApi } from '@yizhan/contracts/certificates';
import type { orgApi } from '@yizhan/contracts/org';
import type { sealsApi } from '@yizhan/contracts/seals';
import type { BlobStore, EventHub, MalwareScanner, SubgraphContext } from '@yizhan/kernel';
import type { EvidenceBatcher } from './jobs/evidence-timestamps.ts';
import type { DocumentsSettings } from './settings.ts';

export interface DocumentsDeps {
  config: Config;
  settings: DocumentsSettings;
  blobs: BlobStore;
  /** The org service, for units' settings and for routing decisions. */
  org: InternalClient<typeof orgApi>;
  /** The seals service: a unit with a seal in use sends only stamped documents, and prints verify the stamp. */
  seals?: InternalClient<typeof sealsApi>;
  /** The certificates service: the receiving unit signs each receipt (接收, 签收, 退回), time-stamped by its TSA. */
  certificates?: InternalClient<typeof certificatesApi>;
  /** Evidence linked and time-stamped in batches (absent where a test builds the deps by hand). */
  evidence?: EvidenceBatcher;
  /** The archive: a delivery closed by its recipient is archived at once. */
  archive?: InternalClient<typeof archiveApi>;
  /** This service's own signed header (common's service-call.ts), for the calls it makes on its own authority: the
   * contacts of the units its caller's unit sent to. Absent where a test builds the deps by hand. */
  authority?: () => Promise<string>;
  /** Published events of this service, for subscriptions. */
  hub: EventHub;
  /** For subscriptions: each event read runs in a fresh unit of work, not the request's. */
  orm: MikroORM;
  /** The malware scan every upload passes (seed 003 §40): the operator's antivirus, or the EICAR check. */
  scan: MalwareScanner;
  /** The send makes the OFD 版式 file (app/ofd.ts); false only where a benchmark measures the send without it. */
  ofd?: boolean;
  /** Test hook: throws at a named point inside a send, to prove a send is all or nothing. */
  fault?: (point: 'after-deliveries') => void;
}
export type DocumentsContext = SubgraphContext<DocumentsDeps>;

/** The caller's unit as the org service describes it, with its document settings. */
export type Unit = CallOutput<typeof orgApi, 'unit'>;

// The seals subgraph: applications with the head's consent and the issuing authority's approval, making seals
// (image, key pair, certificate), dual custody, stamping, verification, and the seal's register.

import { createLogger, internalClient, loadConfig, loadVerifier } from '@yizhan/common';
import { certificatesApi } from '@yizhan/contracts/certificates';
import { documentsApi } from '@yizhan/contracts/documents';
import { orgApi, orgEvents } from '@yizhan/contracts/org';
import {
  buildSubgraph,
  followUnitMoves,
  openOrm,
  outboxMutationAudit,
  type ServiceDatabase,
  startAuditOutbox,
  startEventConsumer,
  startSubgraph,
  startTogether,
} from '@yizhan/kernel';
import type { SealsDeps } from './deps.ts';
import { Seal } from './entities/Seal.ts';
import { SealApplication } from './entities/SealApplication.ts';
import { StampRequest } from './entities/StampRequest.ts';
import { sealsInternalApi } from './internal.ts';
import { startStampRequestsExpiry } from './jobs/stamp-requests-expiry.ts';
import { onUnitClosed } from './jobs/unit-closed.ts';
import { SealsInitial } from './migrations/0001_seals_initial.ts';
import { Outbox } from './migrations/0002_outbox.ts';
import { SesEncoding } from './migrations/0003_ses_encoding.ts';
import { Partitions } from './migrations/0004_partitions.ts';
import { ScopeOnce } from './migrations/0005_scope_once.ts';
import { OutboxIdsAfterTheirTransaction } from './migrations/0006_outbox_ids_after_their_transaction.ts';
import { StampRequestsExpire } from './migrations/0007_stamp_requests_expire.ts';
import { RerootMovedUnits } from './migrations/0008_reroot_moved_units.ts';
import { SealTerminals } from './migrations/0009_seal_terminals.ts';
import { SealImpressions } from './migrations/0010_seal_impressions.ts';
import { SealApplicationResolver } from './resolvers/SealApplicationResolver.ts';
import { SealResolver } from './resolvers/SealResolver.ts';
import { StampCheckResolver, StampResolver } from './resolvers/StampResolver.ts';
import { TerminalResolver } from './resolvers/TerminalResolver.ts';

export const SERVICE_NAME = 'seals';

export const sealsDatabase: ServiceDatabase = {
  schema: 'seals',
  entities: [Seal, SealApplication, StampRequest],
  migrations: [
    { name: '0001_seals_initial', class: SealsInitial },
    { name: '0002_outbox', class: Outbox },
    { name: '0003_ses_encoding', class: SesEncoding },
    { name: '0004_partitions', class: Partitions },
    { name: '0005_scope_once', class: ScopeOnce },
    { name: '0006_outbox_ids_after_their_transaction', class: OutboxIdsAfterTheirTransaction },
    { name: '0007_stamp_requests_expire', class: StampRequestsExpire },
    { name: '0008_reroot_moved_units', class: RerootMovedUnits },
    { name: '0009_seal_terminals', class: SealTerminals },
    { name: '0010_seal_impressions', class: SealImpressions },
  ],
};

export function buildSealsSchema() {
  return buildSubgraph([SealApplicationResolver, SealResolver, StampResolver, StampCheckResolver, TerminalResolver]);
}

export async function startSealsService(opts: {
  appUrl: string;
  relayUrl: string;
  port: number;
  orgUrl: string;
  certificatesUrl: string;
  documentsUrl: string;
}) {
  const config = loadConfig();
  const log = createLogger(SERVICE_NAME);
  const orm = await openOrm(opts.appUrl, sealsDatabase);
  const deps: SealsDeps = {
    config,
    org: internalClient(orgApi, opts.orgUrl),
    certificates: internalClient(certificatesApi, opts.certificatesUrl),
    documents: internalClient(documentsApi, opts.documentsUrl),
  };
  const { events, partitions, consumer, expiry, schema, verifier } = await startTogether({
    ...startAuditOutbox({ config, relayUrl: opts.relayUrl, schema: 'seals', log }),
    expiry: startStampRequestsExpiry({ relayUrl: opts.relayUrl, log }),
    consumer: startEventConsumer({
      relayUrl: opts.relayUrl,
      orm,
      events: orgEvents,
      offsetTable: 'seals.event_offsets',
      types: ['org.dissolved', 'org.merged', 'org.moved'],
      // A unit closed: its seals are revoked; moved: its rows here move with it.
      handle: (e, em) => (e.type === 'org.moved' ? followUnitMoves('seals')(e, em) : onUnitClosed(e, em)),
      log,
    }),
    schema: buildSealsSchema(),
    verifier: loadVerifier('caller-context'),
  });
  const running = await startSubgraph({
    events,
    audit: outboxMutationAudit('seals', () => 'ADMIN'),
    name: SERVICE_NAME,
    schema,
    orm,
    deps,
    verifier,
    internal: sealsInternalApi,
    log,
    port: opts.port,
  });
  return {
    url: running.url,
    drainEvents: () => consumer.drain(),
    /** A turn of the stamp requests' expiry now (tests). */
    expireStampRequests: () => expiry.tick(),
    async close() {
      await running.close();
      await consumer.close();
      await expiry.close();
      await partitions.close();
      await events.close();
      await orm.close();
    },
  };
}

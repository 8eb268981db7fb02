// The archive subgraph: records with metadata, four-property checks, retention and appraisal, the access register,
// statistics, self-describing packages, and the evidence chain.
import path from 'node:path';
import { createLogger, internalClient, loadConfig, loadVerifier } from '@yizhan/common';
import { documentsApi, documentsEvents } from '@yizhan/contracts/documents';
import { orgApi, orgEvents } from '@yizhan/contracts/org';
import { sealsApi } from '@yizhan/contracts/seals';
import {
  blobVolumeMetrics,
  buildSubgraph,
  configuredScanner,
  fsBlobStore,
  type MalwareScanner,
  openOrm,
  outboxMutationAudit,
  type ServiceDatabase,
  startAuditOutbox,
  startEventConsumer,
  startSubgraph,
  startTogether,
} from '@yizhan/kernel';
import type { ArchiveDeps } from './deps.ts';
import { ArchiveRecord } from './entities/ArchiveRecord.ts';
import { archiveInternalApi } from './internal.ts';
import { FOLLOWED, onDocumentEvent, pendingScope } from './jobs/archive-queue.ts';
import { ORG_FOLLOWED, onOrgEvent, orgEventScope } from './jobs/org-events.ts';
import { ArchiveInitial } from './migrations/0001_archive_initial.ts';
import { ImmutableRecords } from './migrations/0002_immutable_records.ts';
import { Outbox } from './migrations/0003_outbox.ts';
import { Partitions } from './migrations/0004_partitions.ts';
import { ScopeOnce } from './migrations/0005_scope_once.ts';
import { OutboxIdsAfterTheirTransaction } from './migrations/0006_outbox_ids_after_their_transaction.ts';
import { ItemsByCategory } from './migrations/0007_items_by_category.ts';
import { RelationsIndex } from './migrations/0008_relations_index.ts';
import { OneOpenDisposal } from './migrations/0009_one_open_disposal.ts';
import { RerootMovedUnits } from './migrations/0010_reroot_moved_units.ts';
import { FondsInCustody } from './migrations/0011_fonds_in_custody.ts';
import { InformationRecords } from './migrations/0012_information_records.ts';
import { FondsNumbers } from './migrations/0013_fonds_numbers.ts';
import { ItemsByFonds } from './migrations/0014_items_by_fonds.ts';
import { AccessRefusalReasons } from './migrations/0015_access_refusal_reasons.ts';
import { AccessResolver } from './resolvers/AccessResolver.ts';
import { ArchiveRecordFields, ArchiveResolver, FondsFields } from './resolvers/ArchiveResolver.ts';
import { DisposalResolver } from './resolvers/DisposalResolver.ts';
import { PackageResolver } from './resolvers/PackageResolver.ts';

export type { MalwareScanner } from '@yizhan/kernel';

export const SERVICE_NAME = 'archive';

export const archiveDatabase: ServiceDatabase = {
  schema: 'archive',
  entities: [ArchiveRecord],
  migrations: [
    { name: '0001_archive_initial', class: ArchiveInitial },
    { name: '0002_immutable_records', class: ImmutableRecords },
    { name: '0003_outbox', class: Outbox },
    { name: '0004_partitions', class: Partitions },
    { name: '0005_scope_once', class: ScopeOnce },
    { name: '0006_outbox_ids_after_their_transaction', class: OutboxIdsAfterTheirTransaction },
    { name: '0007_items_by_category', class: ItemsByCategory },
    { name: '0008_relations_index', class: RelationsIndex },
    { name: '0009_one_open_disposal', class: OneOpenDisposal },
    { name: '0010_reroot_moved_units', class: RerootMovedUnits },
    { name: '0011_fonds_in_custody', class: FondsInCustody },
    { name: '0012_information_records', class: InformationRecords },
    { name: '0013_fonds_numbers', class: FondsNumbers },
    { name: '0014_items_by_fonds', class: ItemsByFonds },
    { name: '0015_access_refusal_reasons', class: AccessRefusalReasons },
  ],
};

export function buildArchiveSchema() {
  return buildSubgraph([ArchiveResolver, ArchiveRecordFields, FondsFields, AccessResolver, DisposalResolver, PackageResolver]);
}

export async function startArchiveService(opts: {
  appUrl: string;
  relayUrl: string;
  port: number;
  orgUrl: string;
  documentsUrl: string;
  sealsUrl: string;
  /** A malware scanner (an antivirus daemon in production); the default recognises the EICAR test file. */
  scan?: MalwareScanner;
}) {
  const config = loadConfig();
  const log = createLogger(SERVICE_NAME);
  const orm = await openOrm(opts.appUrl, archiveDatabase);
  const deps: ArchiveDeps = {
    config,
    store: fsBlobStore(process.env.YIZHAN_ARCHIVE_DIR ?? path.join(config.dataDir, 'archive')),
    org: internalClient(orgApi, opts.orgUrl),
    documents: internalClient(documentsApi, opts.documentsUrl),
    seals: internalClient(sealsApi, opts.sealsUrl),
    // An operator's antivirus (YIZHAN_MALWARE_SCAN_CMD, the file on its standard input) or the built-in EICAR check.
    scan: opts.scan ?? configuredScanner(),
  };
  const { events, partitions, consumer, orgFollower, schema, verifier } = await startTogether({
    ...startAuditOutbox({ config, relayUrl: opts.relayUrl, schema: 'archive', log }),
    consumer: startEventConsumer({
      relayUrl: opts.relayUrl,
      orm,
      events: documentsEvents,
      offsetTable: 'archive.event_offsets',
      types: [...FOLLOWED],
      handle: onDocumentEvent,
      scopeOf: pendingScope,
      log,
    }),
    // A unit moved (its rows move with it) or closed (its fonds goes into another unit’s custody); a 信息 published (it waits
    // to be archived).
    orgFollower: startEventConsumer({
      relayUrl: opts.relayUrl,
      orm,
      events: orgEvents,
      offsetTable: 'archive.event_offsets',
      types: [...ORG_FOLLOWED],
      handle: onOrgEvent,
      scopeOf: orgEventScope,
      log,
    }),
    schema: buildArchiveSchema(),
    verifier: loadVerifier('caller-context'),
  });
  const running = await startSubgraph({
    events,
    audit: outboxMutationAudit('archive', () => 'DOCUMENT'),
    name: SERVICE_NAME,
    schema,
    orm,
    deps,
    verifier,
    internal: archiveInternalApi,
    log,
    port: opts.port,
    // Packages are imported inline (base64): up to the size of a record with its attachments.
    bodyLimit: '150mb',
    metrics: blobVolumeMetrics({ archive: deps.store }),
  });
  return {
    url: running.url,
    drainEvents: async () => {
      await consumer.drain();
      await orgFollower.drain();
    },
    async close() {
      await running.close();
      await consumer.close();
      await orgFollower.close();
      await partitions.close();
      await events.close();
      await orm.close();
    },
  };
}

// The certificates subgraph: the internal CA of both suites, applications and their approval, issuing, status
// (suspend, resume, revoke) with the CRL, and the checking half of certificate login.
import { createLogger, internalClient, loadConfig, loadVerifier } from '@yizhan/common';
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
import { expiryMetrics } from './app/expiry.ts';
import type { CertificatesDeps } from './deps.ts';
import { Certificate } from './entities/Certificate.ts';
import { CertificateApplication } from './entities/CertificateApplication.ts';
import { certificatesInternalApi } from './internal.ts';
import { startExpiryWatch } from './jobs/expiry-watch.ts';
import { onUnitClosed } from './jobs/unit-closed.ts';
import { CertificatesInitial } from './migrations/0001_certificates_initial.ts';
import { Outbox } from './migrations/0002_outbox.ts';
import { TimeStamping } from './migrations/0003_time_stamping.ts';
import { UnitKeys } from './migrations/0004_unit_keys.ts';
import { Partitions } from './migrations/0005_partitions.ts';
import { ScopeOnce } from './migrations/0006_scope_once.ts';
import { OutboxIdsAfterTheirTransaction } from './migrations/0007_outbox_ids_after_their_transaction.ts';
import { DecidedAbove } from './migrations/0008_decided_above.ts';
import { CancelByApplication } from './migrations/0009_cancel_by_application.ts';
import { RerootMovedUnits } from './migrations/0010_reroot_moved_units.ts';
import { CertificateResolver } from './resolvers/CertificateResolver.ts';
import { ExpiryResolver } from './resolvers/ExpiryResolver.ts';
import { ApplicationFields, CertificateFields } from './resolvers/FieldResolvers.ts';
import { LoginResolver } from './resolvers/LoginResolver.ts';
import { ensureAuthorities } from './store/ca.ts';

export const SERVICE_NAME = 'certificates';

export const certificatesDatabase: ServiceDatabase = {
  schema: 'certificates',
  entities: [Certificate, CertificateApplication],
  migrations: [
    { name: '0001_certificates_initial', class: CertificatesInitial },
    { name: '0002_outbox', class: Outbox },
    { name: '0003_time_stamping', class: TimeStamping },
    { name: '0004_unit_keys', class: UnitKeys },
    { name: '0005_partitions', class: Partitions },
    { name: '0006_scope_once', class: ScopeOnce },
    { name: '0007_outbox_ids_after_their_transaction', class: OutboxIdsAfterTheirTransaction },
    { name: '0008_decided_above', class: DecidedAbove },
    { name: '0009_cancel_by_application', class: CancelByApplication },
    { name: '0010_reroot_moved_units', class: RerootMovedUnits },
  ],
};

export function buildCertificatesSchema() {
  return buildSubgraph([CertificateResolver, ApplicationFields, CertificateFields, LoginResolver, ExpiryResolver]);
}

export async function startCertificatesService(opts: { appUrl: string; relayUrl: string; port: number; orgUrl: string }) {
  const config = loadConfig();
  const log = createLogger(SERVICE_NAME);
  const orm = await openOrm(opts.appUrl, certificatesDatabase);
  const deps: CertificatesDeps = { config, org: internalClient(orgApi, opts.orgUrl) };
  const { events, partitions, consumer, schema, verifier } = await startTogether({
    // The CA's hierarchy, made at a deployment's first start.
    authorities: ensureAuthorities(orm.em.fork()),
    ...startAuditOutbox({ config, relayUrl: opts.relayUrl, schema: 'certificates', log }),
    consumer: startEventConsumer({
      relayUrl: opts.relayUrl,
      orm,
      events: orgEvents,
      offsetTable: 'certificates.event_offsets',
      types: ['org.dissolved', 'org.merged', 'org.moved'],
      // A unit closed: its certificates are revoked; moved: its rows here move with it.
      handle: (e, em) => (e.type === 'org.moved' ? followUnitMoves('certificates')(e, em) : onUnitClosed(e, em)),
      log,
    }),
    schema: buildCertificatesSchema(),
    verifier: loadVerifier('caller-context'),
  });
  // Certificates and CRLs near their end: a new CRL before the current one's next update, a warning for the rest.
  const watch = startExpiryWatch({ orm, log });
  const running = await startSubgraph({
    events,
    metrics: expiryMetrics(orm),
    audit: outboxMutationAudit('certificates', () => 'ADMIN'),
    name: SERVICE_NAME,
    schema,
    orm,
    deps,
    verifier,
    internal: certificatesInternalApi,
    log,
    port: opts.port,
  });
  return {
    url: running.url,
    /** Follows org's events now (tests; it polls by itself). */
    drainEvents: () => consumer.drain(),
    /** Runs the expiry watch now (tests; hourly by itself). */
    watchExpiry: (now?: Date) => watch.tick(now),
    async close() {
      await running.close();
      await watch.close();
      await consumer.close();
      await partitions.close();
      await events.close();
      await orm.close();
    },
  };
}

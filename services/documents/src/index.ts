// The documents subgraph: drafts, approval, numbering, sending, deliveries, the clerk inbox and receipts.

import { createLogger, internalClient, loadConfig, loadVerifier, serviceAuthority } from '@yizhan/common';
import { archiveApi } from '@yizhan/contracts/archive';
import { certificatesApi } from '@yizhan/contracts/certificates';
import { LIVE_EVENT_TYPES, LIVE_EVENTS_PATH } from '@yizhan/contracts/documents';
import { orgApi, orgEvents } from '@yizhan/contracts/org';
import { sealsApi } from '@yizhan/contracts/seals';
import {
  blobVolumeMetrics,
  buildSubgraph,
  configuredScanner,
  type EventHub,
  followUnitMoves,
  fsBlobStore,
  type MalwareScanner,
  openOrm,
  outboxMutationAudit,
  type ServiceDatabase,
  serveEventFeed,
  startEventConsumer,
  startEvents,
  startPartitionKeeper,
  startSubgraph,
  startTogether,
} from '@yizhan/kernel';
import { PEER_PACKAGE_MAX_BYTES } from './app/peer-intake.ts';
import type { DocumentsDeps } from './deps.ts';
import { Delivery } from './entities/Delivery.ts';
import { Document } from './entities/Document.ts';
import { ApprovalStep, DocumentVersion, Upload } from './entities/History.ts';
import { fileRoutes } from './http/files.ts';
import { intakeRegisterRoutes } from './http/intake-register.ts';
import { reportRoutes } from './http/reports.ts';
import { sheetRoutes } from './http/sheets.ts';
import { documentsInternalApi } from './internal.ts';
import { startAlertDispatcher } from './jobs/alert-dispatcher.ts';
import { CLOSED_UNIT_EVENTS, closedUnitScope, onUnitClosed } from './jobs/closed-units.ts';
import { ESCALATION_EVENTS, onEscalationReach, startEscalation } from './jobs/escalation.ts';
import { startEvidenceBatcher } from './jobs/evidence-timestamps.ts';
import { startHandlingReminders } from './jobs/handling-reminders.ts';
import { startKeptCountsFolder } from './jobs/kept-counts.ts';
import { OUTAGE_EVENTS, onOutageTexted } from './jobs/outage-texts.ts';
import { startOverdueMarker } from './jobs/overdue-marker.ts';
import { onUnitRenamed, SCHEDULE_ORG_EVENTS, startScheduledBulletins } from './jobs/scheduled-bulletins.ts';
import { FOLLOWED_ORG_EVENTS, onWebhookChanged } from './jobs/webhook-changes.ts';
import { DocumentsInitial } from './migrations/0001_documents_initial.ts';
import { DeliveryLife } from './migrations/0002_delivery_life.ts';
import { Supervision } from './migrations/0003_supervision.ts';
import { Print } from './migrations/0004_print.ts';
import { Alerts } from './migrations/0005_alerts.ts';
import { BulletinPdf } from './migrations/0006_bulletin_pdf.ts';
import { OverdueEvents } from './migrations/0007_overdue_events.ts';
import { Stamps } from './migrations/0008_stamps.ts';
import { AlertOutcomes } from './migrations/0009_alert_outcomes.ts';
import { Intake } from './migrations/0010_intake.ts';
import { Handling } from './migrations/0011_handling.ts';
import { CopyNumbers } from './migrations/0012_copy_numbers.ts';
import { RepliesCollection } from './migrations/0013_replies_collection.ts';
import { DeliveryEvidence } from './migrations/0014_delivery_evidence.ts';
import { EvidenceFaster } from './migrations/0014_evidence_faster.ts';
import { SignedReceipts } from './migrations/0014_signed_receipts.ts';
import { TelegramGrades } from './migrations/0015_telegram_grades.ts';
import { EvidenceBatches } from './migrations/0016_evidence_batches.ts';
import { OutageAlerts } from './migrations/0017_outage_alerts.ts';
import { JointIssue } from './migrations/0018_joint_issue.ts';
import { PaperRecords } from './migrations/0019_paper_records.ts';
import { SignedApprovals } from './migrations/0020_signed_approvals.ts';
import { Corrections } from './migrations/0021_corrections.ts';
import { Escalation } from './migrations/0022_escalation.ts';
import { Ofd } from './migrations/0023_ofd.ts';
import { Partitions } from './migrations/0024_partitions.ts';
import { NumberReservations } from './migrations/0025_number_reservations.ts';
import { JointNumbers } from './migrations/0026_joint_numbers.ts';
import { OwnReceipts } from './migrations/0027_own_receipts.ts';
import { RecipientReads } from './migrations/0028_recipient_reads.ts';
import { ContentDigest } from './migrations/0029_content_digest.ts';
import { OwnApprovals } from './migrations/0030_own_approvals.ts';
import { DeliveriesByYear } from './migrations/0031_deliveries_by_year.ts';
import { EvidenceByYear } from './migrations/0032_evidence_by_year.ts';
import { PeerOriginColumn } from './migrations/0033_peer_origin.ts';
import { KeptCounts } from './migrations/0034_kept_counts.ts';
import { ScopeOnce } from './migrations/0035_scope_once.ts';
import { InboxReads } from './migrations/0036_inbox_reads.ts';
import { DeliveryFromPeer } from './migrations/0037_delivery_from_peer.ts';
import { OverdueNamesUnit } from './migrations/0038_overdue_names_unit.ts';
import { BoardKeepsReceived } from './migrations/0039_board_keeps_received.ts';
import { EvidenceLinkerByKey } from './migrations/0040_evidence_linker_by_key.ts';
import { OutboxIdsAfterTheirTransaction } from './migrations/0041_outbox_ids_after_their_transaction.ts';
import { DeliveryDirection } from './migrations/0042_delivery_direction.ts';
import { Disclosure } from './migrations/0043_disclosure.ts';
import { NoticeWords } from './migrations/0044_notice_words.ts';
import { PrintCopiesRequested } from './migrations/0045_print_copies_requested.ts';
import { PlatformSteps } from './migrations/0046_platform_steps.ts';
import { RerootMovedUnits } from './migrations/0047_reroot_moved_units.ts';
import { DraftedFrom } from './migrations/0048_drafted_from.ts';
import { BulletinSchedules } from './migrations/0049_bulletin_schedules.ts';
import { Assessments } from './migrations/0050_assessments.ts';
import { BulletinNotices } from './migrations/0051_bulletin_notices.ts';
import { SignerPost } from './migrations/0052_signer_post.ts';
import { AlertResolver } from './resolvers/AlertResolver.ts';
import { ApprovalSignatureResolver } from './resolvers/ApprovalSignatureResolver.ts';
import { AssessmentResolver } from './resolvers/AssessmentResolver.ts';
import { BoardPageResolver, BoardResolver } from './resolvers/BoardResolver.ts';
import { CorrectionResolver } from './resolvers/CorrectionResolver.ts';
import { DeliveryLifeResolver } from './resolvers/DeliveryLifeResolver.ts';
import { DocumentResolver } from './resolvers/DocumentResolver.ts';
import { EvidenceResolver } from './resolvers/EvidenceResolver.ts';
import { HandlingResolver } from './resolvers/HandlingResolver.ts';
import { InboxResolver } from './resolvers/InboxResolver.ts';
import { IntakeResolver } from './resolvers/IntakeResolver.ts';
import { JointIssueResolver } from './resolvers/JointIssueResolver.ts';
import { LiveResolver } from './resolvers/LiveResolver.ts';
import { NumberingResolver, ReservedNumberResolver } from './resolvers/NumberingResolver.ts';
import { PaperRecordResolver } from './resolvers/PaperRecordResolver.ts';
import { PeerIntakeResolver } from './resolvers/PeerIntakeResolver.ts';
import { DocumentDateResolver, PrintResolver } from './resolvers/PrintResolver.ts';
import { ReceiptFields, ReceiptResolver } from './resolvers/ReceiptResolver.ts';
import { ReplyResolver } from './resolvers/ReplyResolver.ts';
import { SupervisionResolver } from './resolvers/SupervisionResolver.ts';
import { loadDocumentsSettings } from './settings.ts';

export const SERVICE_NAME = 'documents';

export const documentsDatabase: ServiceDatabase = {
  schema: 'documents',
  entities: [Document, Delivery, DocumentVersion, ApprovalStep, Upload],
  migrations: [
    { name: '0001_documents_initial', class: DocumentsInitial },
    { name: '0002_delivery_life', class: DeliveryLife },
    { name: '0003_supervision', class: Supervision },
    { name: '0004_print', class: Print },
    { name: '0005_alerts', class: Alerts },
    { name: '0006_bulletin_pdf', class: BulletinPdf },
    { name: '0007_overdue_events', class: OverdueEvents },
    { name: '0008_stamps', class: Stamps },
    { name: '0009_alert_outcomes', class: AlertOutcomes },
    { name: '0010_intake', class: Intake },
    { name: '0011_handling', class: Handling },
    { name: '0012_copy_numbers', class: CopyNumbers },
    { name: '0013_replies_collection', class: RepliesCollection },
    { name: '0014_delivery_evidence', class: DeliveryEvidence },
    { name: '0014_signed_receipts', class: SignedReceipts },
    { name: '0014_evidence_faster', class: EvidenceFaster },
    { name: '0015_telegram_grades', class: TelegramGrades },
    { name: '0016_evidence_batches', class: EvidenceBatches },
    { name: '0017_outage_alerts', class: OutageAlerts },
    { name: '0018_joint_issue', class: JointIssue },
    { name: '0019_paper_records', class: PaperRecords },
    { name: '0020_signed_approvals', class: SignedApprovals },
    { name: '0021_corrections', class: Corrections },
    { name: '0022_escalation', class: Escalation },
    { name: '0023_ofd', class: Ofd },
    { name: '0024_partitions', class: Partitions },
    { name: '0025_number_reservations', class: NumberReservations },
    { name: '0026_joint_numbers', class: JointNumbers },
    { name: '0027_own_receipts', class: OwnReceipts },
    { name: '0028_recipient_reads', class: RecipientReads },
    { name: '0029_content_digest', class: ContentDigest },
    { name: '0030_own_approvals', class: OwnApprovals },
    { name: '0031_deliveries_by_year', class: DeliveriesByYear },
    { name: '0032_evidence_by_year', class: EvidenceByYear },
    { name: '0033_peer_origin', class: PeerOriginColumn },
    { name: '0034_kept_counts', class: KeptCounts },
    { name: '0035_scope_once', class: ScopeOnce },
    { name: '0036_inbox_reads', class: InboxReads },
    { name: '0037_delivery_from_peer', class: DeliveryFromPeer },
    { name: '0038_overdue_names_unit', class: OverdueNamesUnit },
    { name: '0039_board_keeps_received', class: BoardKeepsReceived },
    { name: '0040_evidence_linker_by_key', class: EvidenceLinkerByKey },
    { name: '0041_outbox_ids_after_their_transaction', class: OutboxIdsAfterTheirTransaction },
    { name: '0042_delivery_direction', class: DeliveryDirection },
    { name: '0043_disclosure', class: Disclosure },
    { name: '0044_notice_words', class: NoticeWords },
    { name: '0045_print_copies_requested', class: PrintCopiesRequested },
    { name: '0046_platform_steps', class: PlatformSteps },
    { name: '0047_reroot_moved_units', class: RerootMovedUnits },
    { name: '0048_drafted_from', class: DraftedFrom },
    { name: '0049_bulletin_schedules', class: BulletinSchedules },
    { name: '0050_assessments', class: Assessments },
    { name: '0051_bulletin_notices', class: BulletinNotices },
    { name: '0052_signer_post', class: SignerPost },
  ],
  // Counts everything again from the rows: the migration's, and bench/years.ts's load, as the owner.
  ownersFunctions: ['documents.recount_kept_counts()'],
  appendOnly: [
    'documents.delivery_evidence',
    'documents.receipts',
    'documents.evidence_timestamps',
    'documents.evidence_anchors',
    'documents.approval_signatures',
  ],
};

export function buildDocumentsSchema() {
  return buildSubgraph([
    DocumentResolver,
    BoardResolver,
    BoardPageResolver,
    JointIssueResolver,
    InboxResolver,
    IntakeResolver,
    PeerIntakeResolver,
    PaperRecordResolver,
    HandlingResolver,
    LiveResolver,
    DeliveryLifeResolver,
    SupervisionResolver,
    AssessmentResolver,
    PrintResolver,
    DocumentDateResolver,
    AlertResolver,
    EvidenceResolver,
    ReceiptResolver,
    ReceiptFields,
    ApprovalSignatureResolver,
    ReplyResolver,
    CorrectionResolver,
    NumberingResolver,
    ReservedNumberResolver,
  ]);
}

export interface DocumentsServiceOptions {
  appUrl: string;
  /** The relay role's connection: publishes this service's outbox and feeds its subscriptions. */
  relayUrl: string;
  port: number;
  orgUrl: string;
  sealsUrl?: string;
  archiveUrl?: string;
  /** Without it (a test that leaves the CA out) no receipt is signed. */
  certificatesUrl?: string;
  fault?: DocumentsDeps['fault'];
  /** Run the outbox relay in this process (default); several replicas may all run one. */
  relay?: boolean;
  /** The send makes the OFD 版式 file (default); bench/ofd.ts turns it off to measure the send without it. */
  ofd?: boolean;
  /** The uploads' malware scan (default: the operator's, YIZHAN_MALWARE_SCAN_CMD, or the EICAR check). */
  scan?: MalwareScanner;
}

export async function startDocumentsService(opts: DocumentsServiceOptions) {
  const config = loadConfig();
  const log = createLogger(SERVICE_NAME);
  const orm = await openOrm(opts.appUrl, documentsDatabase);
  const settings = loadDocumentsSettings();
  const certificates = opts.certificatesUrl ? internalClient(certificatesApi, opts.certificatesUrl) : undefined;
  // This service's own key signs the calls it makes with no person behind them (common's service-call.ts).
  const authority = await serviceAuthority(SERVICE_NAME);
  const blobs = fsBlobStore(config.files.blobDir);
  const { events, partitions, overdue, keptCounts, reminders, escalation, bulletins, dispatcher, orgFollower, evidence, schema, verifier } =
    await startTogether({
      events: startEvents({ config, relayUrl: opts.relayUrl, schema: 'documents', log, relay: opts.relay !== false, hub: true }),
      // The outbox by month and the delivery history and notifications by year (kernel db/partitions.ts).
      partitions: startPartitionKeeper({ relayUrl: opts.relayUrl, schema: 'documents', log }),
      overdue: startOverdueMarker({ relayUrl: opts.relayUrl, log, intervalMs: settings.alerts.overdueCheckMs }),
      keptCounts: startKeptCountsFolder({ relayUrl: opts.relayUrl, log }),
      reminders: startHandlingReminders({ relayUrl: opts.relayUrl, log, intervalMs: settings.alerts.overdueCheckMs }),
      escalation: startEscalation({ relayUrl: opts.relayUrl, log, intervalMs: settings.alerts.escalationCheckMs }),
      bulletins: startScheduledBulletins({ relayUrl: opts.relayUrl, log, orm, blobs, intervalMs: settings.alerts.overdueCheckMs }),
      dispatcher: startAlertDispatcher({ relayUrl: opts.relayUrl, channels: settings.alerts, log, intervalMs: settings.alerts.dispatchIntervalMs }),
      // Org's events: a unit that changes or clears its webhook cancels its pending webhook alerts; an outage notice is
      // texted to the registered contacts of each unit it reaches; a unit's escalation rules and who they reach are kept;
      // a closed unit's pending deliveries are withdrawn (a merged one's handed on); a moved unit's rows move with it.
      orgFollower: startEventConsumer({
        relayUrl: opts.relayUrl,
        orm,
        events: orgEvents,
        offsetTable: 'documents.event_offsets',
        types: [...FOLLOWED_ORG_EVENTS, ...OUTAGE_EVENTS, ...ESCALATION_EVENTS, ...CLOSED_UNIT_EVENTS, ...SCHEDULE_ORG_EVENTS, 'org.moved'],
        handle: (e, em) => {
          switch (e.type) {
            case 'announcement.outage-texted':
              return onOutageTexted(e, em);
            case 'org.escalation-reach':
              return onEscalationReach(e, em);
            case 'org.alert-webhook-changed':
              return onWebhookChanged(e, em);
            case 'org.dissolved':
            case 'org.merged':
              return onUnitClosed(e, em);
            case 'org.moved':
              return followUnitMoves('documents')(e, em);
            case 'org.renamed':
              return onUnitRenamed(e, em);
          }
        },
        scopeOf: (e) => (e.type === 'org.dissolved' || e.type === 'org.merged' ? closedUnitScope(e) : e.orgPath),
        log,
      }),
      // Its batch time stamps are asked on this service's own authority.
      evidence: startEvidenceBatcher({ relayUrl: opts.relayUrl, log, certificates, authority, ...settings.evidence }),
      schema: buildDocumentsSchema(),
      verifier: loadVerifier('caller-context'),
    });
  const hub = events.hub as EventHub;
  const deps: DocumentsDeps = {
    config,
    settings,
    blobs,
    org: internalClient(orgApi, opts.orgUrl),
    seals: opts.sealsUrl ? internalClient(sealsApi, opts.sealsUrl) : undefined,
    archive: opts.archiveUrl ? internalClient(archiveApi, opts.archiveUrl) : undefined,
    certificates,
    evidence,
    authority,
    fault: opts.fault,
    ofd: opts.ofd !== false,
    scan: opts.scan ?? configuredScanner(),
    hub,
    orm,
  };
  const running = await startSubgraph({
    events,
    name: SERVICE_NAME,
    // Every mutation into org's audit log, through this service's outbox.
    // The province's calendar is administration; everything else here is about documents.
    audit: outboxMutationAudit('documents', (field) => (field === 'updateWorkCalendar' ? 'ADMIN' : 'DOCUMENT')),
    schema,
    orm,
    deps,
    verifier,
    log,
    port: opts.port,
    // A peer platform's document arrives inline (base64, receiveFromPeer): up to a whole document's files and its
    // evidence (PEER_PACKAGE_MAX_BYTES, a third more as base64).
    bodyLimit: `${Math.ceil(((PEER_PACKAGE_MAX_BYTES / 1024 / 1024) * 4) / 3) + 2}mb`,
    routes: (app, guard) => {
      fileRoutes(deps)(app, guard);
      reportRoutes(deps)(app, guard);
      sheetRoutes(deps)(app, guard);
      intakeRegisterRoutes(deps)(app, guard);
      // The gateway's live edge follows every live event here once, and routes it to its subscribers by their grants.
      app.get(LIVE_EVENTS_PATH, guard.requireSignedCaller, serveEventFeed(hub, LIVE_EVENT_TYPES));
    },
    internal: documentsInternalApi,
    metrics: blobVolumeMetrics({ files: deps.blobs }),
  });
  return {
    url: running.url,
    events,
    /** Marks what became overdue now (tests; the job runs every minute by itself). */
    markOverdue: () => overdue.tick(),
    /** Folds the queued changes to the kept counts now (tests; the job does it every few seconds). */
    foldKeptCounts: () => keptCounts.tick(),
    /** Sends the handling reminders (催办) due now (tests; the job runs every minute by itself). */
    remindHandling: () => reminders.tick(),
    /** Takes the automatic 催办 steps due now, or at `at` (tests; the job runs every minute by itself). */
    escalate: (at?: Date) => escalation.tick(at),
    /** Publishes the scheduled bulletins due now, or at `at` (tests; the job runs every minute by itself). */
    publishScheduledBulletins: (at?: Date) => bulletins.tick(at),
    /** Follows org's events now (tests; it polls by itself). */
    drainOrgEvents: () => orgFollower.drain(),
    /** Links and time-stamps the evidence waiting, now (tests; the job does it by itself in batches). */
    flushEvidence: () => evidence.flush(),
    /** Subscriptions open on this replica. */
    subscriptions: () => hub.subscriptions,
    async close() {
      await running.close();
      await dispatcher.close();
      await orgFollower.close();
      await overdue.close();
      await bulletins.close();
      await keptCounts.close();
      await reminders.close();
      await escalation.close();
      await evidence.close();
      await partitions.close();
      await events.close();
      await orm.close();
    },
  };
}

export { seedDocumentsDemo } from './seed.ts';

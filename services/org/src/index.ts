// The org subgraph: the hierarchy of units, their people, login, and the contact register.

import { createLogger, internalClient, loadConfig, loadSigner, loadVerifier } from '@yizhan/common';
import { certificatesApi } from '@yizhan/contracts/certificates';
import { SESSION_CHANGE_EVENTS, SESSION_CHANGES_PATH } from '@yizhan/contracts/org';
import {
  buildSubgraph,
  configuredScanner,
  openOrm,
  type ServiceDatabase,
  serveEventFeed,
  startEvents,
  startPartitionKeeper,
  startSubgraph,
  startTogether,
} from '@yizhan/kernel';
import { orgMutationAudit } from './app/audit.ts';
import type { OrgContext, OrgDeps } from './deps.ts';
import { ApiToken } from './entities/ApiToken.ts';
import { Contact } from './entities/Contact.ts';
import { DistributionList } from './entities/DistributionList.ts';
import { Org, OrgName } from './entities/Org.ts';
import { RoutingRule, RoutingRuleChange } from './entities/RoutingRule.ts';
import { UnitSettings } from './entities/UnitSettings.ts';
import { User } from './entities/User.ts';
import { orgInternalApi } from './internal.ts';
import { startAuditFollowers } from './jobs/audit-followers.ts';
import { startOutageNotices } from './jobs/outage-notices.ts';
import { OrgInitial } from './migrations/0001_org_initial.ts';
import { RoutingAndLists } from './migrations/0002_routing_and_lists.ts';
import { UnitSettings as UnitSettingsMigration } from './migrations/0003_unit_settings.ts';
import { ApiTokens } from './migrations/0004_api_tokens.ts';
import { AlertTargets } from './migrations/0005_alert_targets.ts';
import { LoginDelays } from './migrations/0006_login_delays.ts';
import { Sessions } from './migrations/0007_sessions.ts';
import { AuditLog } from './migrations/0008_audit_log.ts';
import { Sections } from './migrations/0009_sections.ts';
import { Emergency } from './migrations/0010_emergency.ts';
import { OutageNotices } from './migrations/0011_outage_notices.ts';
import { RestorationNotices } from './migrations/0012_restoration_notices.ts';
import { EscalationRules } from './migrations/0013_escalation_rules.ts';
import { UserMobile } from './migrations/0014_user_mobile.ts';
import { Partitions } from './migrations/0015_partitions.ts';
import { SessionStates } from './migrations/0016_session_states.ts';
import { PeerPlatforms } from './migrations/0017_peer_platforms.ts';
import { ScopeOnce } from './migrations/0018_scope_once.ts';
import { OutboxIdsAfterTheirTransaction } from './migrations/0019_outbox_ids_after_their_transaction.ts';
import { ContactsOfRecipients } from './migrations/0020_contacts_of_recipients.ts';
import { SessionClientAgent } from './migrations/0021_session_client_agent.ts';
import { AnnouncementWords } from './migrations/0022_announcement_words.ts';
import { ArchiveCustodian } from './migrations/0023_archive_custodian.ts';
import { PasswordResetRequests } from './migrations/0024_password_reset_requests.ts';
import { StaffTraining } from './migrations/0025_staff_training.ts';
import { Inspections } from './migrations/0026_inspections.ts';
import { BriefingTitles } from './migrations/0027_briefing_titles.ts';
import { Information } from './migrations/0028_information.ts';
import { InformationImages } from './migrations/0029_information_images.ts';
import { SectionApprovers } from './migrations/0030_section_approvers.ts';
import { TrainingRequired } from './migrations/0031_training_required.ts';
import { LockAfterFailures } from './migrations/0032_lock_after_failures.ts';
import { InternalMail } from './migrations/0033_internal_mail.ts';
import { Forum } from './migrations/0034_forum.ts';
import { UserPosts } from './migrations/0035_user_posts.ts';
import { ActorNames } from './migrations/0036_actor_names.ts';
import { AuditTargetNames } from './migrations/0037_audit_target_names.ts';
import { FindingSteps } from './migrations/0038_finding_steps.ts';
import { InformationRounds } from './migrations/0039_information_rounds.ts';
import { RectificationFiles } from './migrations/0040_rectification_files.ts';
import { FindingStepsCarried } from './migrations/0041_finding_steps_carried.ts';
import { ApiTokenResolver } from './resolvers/ApiTokenResolver.ts';
import { AuditResolver } from './resolvers/AuditResolver.ts';
import { AuthResolver } from './resolvers/AuthResolver.ts';
import { ContactResolver } from './resolvers/ContactResolver.ts';
import { EmergencyResolver } from './resolvers/EmergencyResolver.ts';
import { EscalationResolver } from './resolvers/EscalationResolver.ts';
import { ForumResolver } from './resolvers/ForumResolver.ts';
import { InformationResolver } from './resolvers/InformationResolver.ts';
import { InspectionResolver } from './resolvers/InspectionResolver.ts';
import { ListResolver } from './resolvers/ListResolver.ts';
import { MailResolver } from './resolvers/MailResolver.ts';
import { OrgResolver } from './resolvers/OrgResolver.ts';
import { PeerPlatformResolver } from './resolvers/PeerPlatformResolver.ts';
import { RoutingResolver } from './resolvers/RoutingResolver.ts';
import { SectionResolver } from './resolvers/SectionResolver.ts';
import { SessionResolver } from './resolvers/SessionResolver.ts';
import { SettingsResolver } from './resolvers/SettingsResolver.ts';
import { UserResolver } from './resolvers/UserResolver.ts';
import { loadOrgSettings } from './settings.ts';
import { addressLimiter } from './store/login-limits.ts';
import { referenceLoader } from './store/references.ts';

export const SERVICE_NAME = 'org';

export const orgDatabase: ServiceDatabase = {
  schema: 'org',
  entities: [Org, OrgName, User, Contact, RoutingRule, RoutingRuleChange, DistributionList, UnitSettings, ApiToken],
  migrations: [
    { name: '0001_org_initial', class: OrgInitial },
    { name: '0002_routing_and_lists', class: RoutingAndLists },
    { name: '0003_unit_settings', class: UnitSettingsMigration },
    { name: '0004_api_tokens', class: ApiTokens },
    { name: '0005_alert_targets', class: AlertTargets },
    { name: '0006_login_delays', class: LoginDelays },
    { name: '0007_sessions', class: Sessions },
    { name: '0008_audit_log', class: AuditLog },
    { name: '0009_sections', class: Sections },
    { name: '0010_emergency', class: Emergency },
    { name: '0011_outage_notices', class: OutageNotices },
    { name: '0012_restoration_notices', class: RestorationNotices },
    { name: '0013_escalation_rules', class: EscalationRules },
    { name: '0014_user_mobile', class: UserMobile },
    { name: '0015_partitions', class: Partitions },
    { name: '0016_session_states', class: SessionStates },
    { name: '0017_peer_platforms', class: PeerPlatforms },
    { name: '0018_scope_once', class: ScopeOnce },
    { name: '0019_outbox_ids_after_their_transaction', class: OutboxIdsAfterTheirTransaction },
    { name: '0020_contacts_of_recipients', class: ContactsOfRecipients },
    { name: '0021_session_client_agent', class: SessionClientAgent },
    { name: '0022_announcement_words', class: AnnouncementWords },
    { name: '0023_archive_custodian', class: ArchiveCustodian },
    { name: '0024_password_reset_requests', class: PasswordResetRequests },
    { name: '0025_staff_training', class: StaffTraining },
    { name: '0026_inspections', class: Inspections },
    { name: '0027_briefing_titles', class: BriefingTitles },
    { name: '0028_information', class: Information },
    { name: '0029_information_images', class: InformationImages },
    { name: '0030_section_approvers', class: SectionApprovers },
    { name: '0031_training_required', class: TrainingRequired },
    { name: '0032_lock_after_failures', class: LockAfterFailures },
    { name: '0033_internal_mail', class: InternalMail },
    { name: '0034_forum', class: Forum },
    { name: '0035_user_posts', class: UserPosts },
    { name: '0036_actor_names', class: ActorNames },
    { name: '0037_audit_target_names', class: AuditTargetNames },
    { name: '0038_finding_steps', class: FindingSteps },
    { name: '0039_information_rounds', class: InformationRounds },
    { name: '0040_rectification_files', class: RectificationFiles },
    { name: '0041_finding_steps_carried', class: FindingStepsCarried },
  ],
  appendOnly: ['org.audit_log'],
};

const orgReference = referenceLoader(Org);
const userReference = referenceLoader(User);

export function buildOrgSchema() {
  return buildSubgraph(
    [
      OrgResolver,
      UserResolver,
      AuthResolver,
      ContactResolver,
      EmergencyResolver,
      RoutingResolver,
      ListResolver,
      SettingsResolver,
      ApiTokenResolver,
      SessionResolver,
      AuditResolver,
      SectionResolver,
      EscalationResolver,
      PeerPlatformResolver,
      InspectionResolver,
      InformationResolver,
      MailResolver,
      ForumResolver,
    ],
    {
      // Entity references from other subgraphs resolve in the caller's scope, like any other read, one query per
      // request and type (store/references.ts).
      Org: { __resolveReference: (ref: { id: string }, ctx: OrgContext) => orgReference(ctx, ref.id) },
      User: { __resolveReference: (ref: { id: string }, ctx: OrgContext) => userReference(ctx, ref.id) },
    },
  );
}

export async function startOrgService(opts: { appUrl: string; relayUrl?: string; port: number; certificatesUrl?: string }) {
  const config = loadConfig();
  const log = createLogger(SERVICE_NAME);
  const orm = await openOrm(opts.appUrl, orgDatabase);
  const relayUrl = opts.relayUrl;
  const { events, partitions, audit, outages, tokenSigner, schema, verifier } = await startTogether({
    // The org service's events (units registered, merged, dissolved…) are published like every service's; its hub
    // feeds the gateways the session changes (SESSION_CHANGES_PATH), so an ended session is refused at once everywhere.
    events: relayUrl ? startEvents({ config, relayUrl, schema: 'org', log, relay: true, hub: true }) : Promise.resolve(null),
    // The outbox and the audit log by month (db/partitions.ts).
    partitions: relayUrl ? startPartitionKeeper({ relayUrl, schema: 'org', log }) : Promise.resolve(null),
    // The other services' audit entries, into org's audit log.
    audit: relayUrl ? startAuditFollowers({ relayUrl, orm, log }) : Promise.resolve(null),
    // 003 §45: the platform's own outage notice two hours after an unresolved fault, and every outage notice texted.
    outages: relayUrl ? startOutageNotices({ relayUrl, log }) : Promise.resolve(null),
    tokenSigner: loadSigner('access-token'),
    schema: buildOrgSchema(),
    verifier: loadVerifier('caller-context'),
  });
  const hub = events?.hub;
  const settings = loadOrgSettings();
  const deps: OrgDeps = {
    config,
    settings,
    addressLimiter: addressLimiter(orm, settings),
    tokenSigner,
    certificates: opts.certificatesUrl ? internalClient(certificatesApi, opts.certificatesUrl) : undefined,
    scan: configuredScanner(),
  };
  const running = await startSubgraph({
    events,
    name: SERVICE_NAME,
    schema,
    orm,
    deps,
    verifier,
    internal: orgInternalApi,
    audit: orgMutationAudit,
    routes: hub ? (app, guard) => app.get(SESSION_CHANGES_PATH, guard.requireSignedCaller, serveEventFeed(hub, SESSION_CHANGE_EVENTS)) : undefined,
    log,
    port: opts.port,
    // A 信息 is submitted with its images inline (base64): nine of at most 500 KB each; a mail with its attachments, 20 MB
    // together (seed 003 §33(一)), a third more as base64.
    bodyLimit: '28mb',
  });
  return {
    url: running.url,
    /** Appends the other services' audit entries now (tests). */
    drainAudit: async () => audit?.drain(),
    /** Publishes the outage notices due and hands untexted ones to the alert dispatcher now (tests; each minute by itself). */
    notifyOutages: async () => (await outages?.tick()) ?? { notices: 0, restored: 0, texted: 0 },
    async close() {
      await running.close();
      await audit?.close();
      await outages?.close();
      await partitions?.close();
      await events?.close();
      await orm.close();
    },
  };
}

export { hashPassword } from './domain/password.ts';
export { syntheticUscc } from './seed/build.ts';
export { DEMO_PASSWORD, seedDemo } from './seed/demo.ts';
export { seedSynthetic } from './seed/synthetic.ts';

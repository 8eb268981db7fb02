// The org service's contract: what other services may ask it (its internal API), the events it publishes, and the
// error codes it answers with. Other services import this file and nothing else of org.
import { defineEvents, defineInternalApi } from '@yizhan/common';
import { z } from 'zod';

export const OrgErrorCode = {
  INVALID_CREDENTIALS: 'INVALID_CREDENTIALS',
  ACCOUNT_LOCKED: 'ACCOUNT_LOCKED',
  ACCOUNT_DISABLED: 'ACCOUNT_DISABLED',
  PASSWORD_CHANGE_REQUIRED: 'PASSWORD_CHANGE_REQUIRED',
  WEAK_PASSWORD: 'WEAK_PASSWORD',
  RULE_WOULD_WIDEN: 'RULE_WOULD_WIDEN',
  /** A routing rule refuses a recipient: the refusal names the rule (documents raises it on a send). */
  ROUTING_REFUSED: 'ROUTING_REFUSED',
  /** A new account's user name is another person's already (user names are unique across the platform). */
  USERNAME_TAKEN: 'USERNAME_TAKEN',
  /**
   * The person's unit requires 培训考核 before a post (seed 004 六(一): 考核合格后方能上岗) and no day of passing is recorded
   * for them: the roles they do not hold yet (`posts`) wait for it (`trainedOn`).
   */
  TRAINING_REQUIRED: 'TRAINING_REQUIRED',
  /** A mail attachment did not pass the malware scan (the same words as a 公文's file: documents' FILE_INFECTED). */
  FILE_INFECTED: 'FILE_INFECTED',
  /** A file sent with a report of what was put right (整改材料) is not of a kind taken, or not whole as its name says. */
  RECTIFICATION_FILE_REFUSED: 'RECTIFICATION_FILE_REFUSED',
} as const;

export const orgLevel = z.enum(['PROVINCE', 'CITY', 'COUNTY']);
export const orgKind = z.enum(['GOVERNMENT', 'OFFICE', 'DEPARTMENT', 'INSTITUTION', 'ENTERPRISE', 'CENTRAL_AGENCY']);
export const direction = z.enum(['DOWN', 'UP', 'LATERAL']);
export const recipientRole = z.enum(['MAIN', 'CC']);

/** A unit as other services see it. */
export const unit = z.object({
  id: z.string(),
  /** Division code or unified social credit code (the archive's 全宗号). */
  code: z.string(),
  path: z.string(),
  level: orgLevel,
  kind: orgKind,
  name: z.string(),
  status: z.string(),
});
export type Unit = z.infer<typeof unit>;

/**
 * The most recipient groups one document names (each group is a list of units, a selection or a saved list, so a
 * province's every unit fits in one): beyond it a request is refused before any group is read.
 */
export const MAX_RECIPIENT_GROUPS = 500;

/** Who receives a document: named units, a selection below a unit, or a saved list; each with a role and a quota. */
export const recipientSpec = z.object({
  role: recipientRole.optional(),
  orgIds: z.array(z.string()).nullish(),
  selector: z
    .object({
      rootId: z.string(),
      levels: z.array(orgLevel).nullish(),
      kinds: z.array(orgKind).nullish(),
      maxDepth: z.number().int().nullish(),
    })
    .nullish(),
  listId: z.string().nullish(),
  printQuota: z.number().int().nullish(),
});
export type RecipientSpec = z.infer<typeof recipientSpec>;

/** Where a unit wants an urgent document's alert: a contact's mobile (SMS) or its webhook. */
export const alertTarget = z.object({ orgId: z.string(), kind: z.enum(['SMS', 'WEBHOOK']), name: z.string(), target: z.string() });
export type AlertTarget = z.infer<typeof alertTarget>;

const person = z.object({ id: z.string(), username: z.string(), displayName: z.string() });

/**
 * 自动催办 (issue 16): one step of a unit's escalation rules — so many minutes after a delivery's due time (0 = at it),
 * urge the recipient unit's registered contacts or its leaders (role LEADER), by these channels.
 */
export const escalationStep = z.object({
  afterMinutes: z.number().int(),
  to: z.enum(['CONTACTS', 'LEADERS']),
  channels: z.array(z.enum(['IN_APP', 'SMS'])),
});
export type EscalationStep = z.infer<typeof escalationStep>;

/** A unit's registered transmission contact (联系人): who to call about a delivery, and the mobile a 催办 SMS goes to. */
export const unitContact = z.object({
  orgId: z.string(),
  name: z.string(),
  post: z.string(),
  phone: z.string(),
  mobile: z.string().nullable(),
});
export type UnitContact = z.infer<typeof unitContact>;

/** 内设机构: an internal section of a unit (not a tenant), its duty mobile for reminders, and its people. */
export const section = z.object({
  id: z.string(),
  name: z.string(),
  mobile: z.string().nullable(),
  members: z.array(person),
  /** 处室主要负责人 and 分管领导 (seed 000 §11): who approves what the section drafts, when set. */
  head: person.nullable().default(null),
  leader: person.nullable().default(null),
});
export type Section = z.infer<typeof section>;

/**
 * 对端平台 (issue 19): what documents needs of the peer platform a stand-in unit represents, to take a document from
 * it — the peer's name, its pinned CA roots (base64 of the DER) and the unit here that receives what it sends.
 */
export const peerPlatform = z.object({
  platform: z.string(),
  roots: z.array(z.string()),
  receiving: z.object({ id: z.string(), path: z.string(), name: z.string(), status: z.string() }),
});
export type PeerPlatform = z.infer<typeof peerPlatform>;

export const orgApi = defineInternalApi('org', {
  recipients: {
    summary:
      'The caller’s unit as sender and every recipient expanded and decided by the routing rules. Columnar (one array per field), because a broadcast carries 10,000 recipients; only refusals carry their rule and reason.',
    input: z.object({
      docType: z.string(),
      recipients: z.array(recipientSpec),
      withAlertTargets: z.boolean().optional(),
      /** A reply (答复): the unit whose document it answers, which it reaches by the reply exception of the rules. */
      replyToOrgId: z.string().nullable().optional(),
    }),
    output: z.object({
      sender: unit,
      orgIds: z.array(z.string()),
      paths: z.array(z.string()),
      names: z.array(z.string()),
      roles: z.array(recipientRole),
      printQuotas: z.array(z.number().int()),
      directions: z.array(direction),
      allowed: z.array(z.boolean()),
      refusals: z.array(z.object({ orgId: z.string(), orgName: z.string(), ruleId: z.string().nullable(), rule: z.string().nullable(), reason: z.string() })),
      /** For an urgent document: where each allowed unit wants to be alerted (its contacts' mobiles, its webhook). */
      alertTargets: z.array(alertTarget),
    }),
  },
  unit: {
    summary: 'The caller’s unit with its document settings (机关代字, approval chain, 简报刊名).',
    input: z.object({}),
    output: unit.extend({ docPrefixes: z.array(z.string()), approvalChain: z.array(z.string()), briefingTitles: z.array(z.string()).default([]) }),
  },
  peer: {
    summary:
      'The peer platform the caller’s unit stands in for (对端平台: its name, pinned CA roots and the unit here that receives its documents), or null for an ordinary unit.',
    input: z.object({}),
    output: peerPlatform.nullable(),
  },
  whoami: {
    summary: 'The caller as a person (display name, status) with their unit, for certificate subjects.',
    input: z.object({}),
    output: z.object({ user: person.extend({ status: z.string() }).nullable(), unit }),
  },
  leaders: {
    summary:
      'The active leaders (role LEADER) of the caller’s unit, with their 职务: those who may 签发 its documents. A document names one of them as its 签发人, and only that leader 签发s it; an order prints the post beside the name.',
    input: z.object({}),
    output: z.array(person.extend({ post: z.string().nullable() })),
  },
  keepers: {
    summary: 'The active seal keepers of a unit the caller may see (the custodians of its seals).',
    input: z.object({ orgId: z.string() }),
    output: z.array(person),
  },
  sections: {
    summary:
      'The internal sections (内设机构) of the caller’s unit, all or those named (others’ ids are left out), each with its duty mobile and its active members: for the unit’s handling of what it received (批示 to a section, 传阅 to a section, 承办 by its members).',
    input: z.object({ ids: z.array(z.string()).max(200).optional() }),
    output: z.array(section),
  },
  people: {
    summary: 'Active people of the caller’s unit by id (others’ ids are left out), with their section: the readers a 传阅 names.',
    input: z.object({ ids: z.array(z.string()).max(500) }),
    output: z.array(person.extend({ sectionId: z.string().nullable() })),
  },
  contacts: {
    summary:
      'The registered contacts (name, post, phone, mobile) of the units named that the caller may read (its own unit and those below it; others are left out): shown beside each unit on a delivery board and in 督办, and the mobiles a 催办 SMS goes to.',
    input: z.object({ orgIds: z.array(z.string()).max(2000) }),
    output: z.array(unitContact),
  },
  'contacts-of-recipients': {
    summary:
      'Documents’ own call (no person behind it): the registered contacts of units a document of the caller’s unit reached, which documents has checked before it asks, wherever they stand. The sender sees them on its board and texts them when it urges, also where its unit is not above them (the provincial office beside the cities). Refused to a person’s caller context.',
    input: z.object({ orgIds: z.array(z.string()).max(2000) }),
    output: z.array(unitContact),
    serviceCallers: ['documents'],
  },
  'units-at': {
    summary:
      'Units by their place in the hierarchy (ltree paths) with their names, from the directory every caller reads; paths that name no unit are left out. For the group heads of a delivery board (a city named by the path its recipients sit under).',
    input: z.object({ paths: z.array(z.string().max(300)).max(200) }),
    output: z.array(z.object({ id: z.string(), path: z.string(), name: z.string(), shortName: z.string() })),
  },
  sessions: {
    summary:
      'The gateway’s own call: whether each session named still stands — not ended (logout, password change…), its account active, its unit open — with the account’s roles and where its unit stands now (it may have moved since login). Asked once per session, in batches (every client connects again at once after a gateway restarts), and again when the session stream says something changed. Answers in the order asked.',
    input: z.object({
      sessions: z
        .array(z.object({ userId: z.string(), sessionId: z.string() }))
        .min(1)
        .max(1000),
    }),
    output: z.object({
      answers: z.array(z.object({ active: z.boolean(), roles: z.array(z.string()), orgPath: z.string().optional(), why: z.string().optional() })),
    }),
  },
  'api-token': {
    summary: 'Whether the API token the caller uses is still valid (not revoked, not expired), and where its unit stands now.',
    input: z.object({}),
    output: z.object({ active: z.boolean(), orgPath: z.string().optional() }),
  },
  'information-record': {
    summary:
      'What the archive files of a 信息 the caller’s unit published (seed 003 §34: a unit archives its 电子公文、信息和材料): the item as published, its body and the SHA-256 of the body’s UTF-8 bytes, its images, whoever it was published to. NOT_FOUND for another unit’s item or one never published.',
    input: z.object({ informationId: z.string() }),
    output: z.object({
      id: z.string(),
      orgId: z.string(),
      orgName: z.string(),
      column: z.string(),
      columnName: z.string(),
      title: z.string(),
      body: z.string(),
      bodySha256: z.string(),
      audience: z.enum(['UNIT', 'SUBTREE', 'PEOPLE']),
      /** To whom, in the words the catalogue records (本单位, 本单位及下级单位, 本单位指定人员). */
      audienceName: z.string(),
      authorName: z.string(),
      approvedByName: z.string().nullable(),
      publishedAt: z.string(),
      withdrawnAt: z.string().nullable(),
      /** Its images (seed 003 §33(二)), in order: each at most 500 KB, with the SHA-256 org kept of it. */
      images: z.array(z.object({ name: z.string(), contentType: z.string(), sha256: z.string(), base64: z.string() })).default([]),
    }),
  },
});

const closed = z.object({
  orgId: z.string(),
  code: z.string(),
  reason: z.string(),
  mergedIntoId: z.string().nullable(),
  // Defaults: events written before these fields existed still read.
  /** The closed unit's name, as documents tell its senders. */
  name: z.string().nullable().default(null),
  /** The unit it was merged into: where its pending deliveries go (documents), with its path and name. */
  mergedIntoPath: z.string().nullable().default(null),
  mergedIntoName: z.string().nullable().default(null),
  /** The unit that keeps its archive (seed 003 §9(2)): the unit it joined, or the one its dissolution named. */
  archiveCustodianId: z.string().nullable().default(null),
  archiveCustodianPath: z.string().nullable().default(null),
  archiveCustodianName: z.string().nullable().default(null),
});

export const orgEvents = defineEvents('org', {
  'org.registered': z.object({ orgId: z.string(), code: z.string(), name: z.string(), parentId: z.string() }),
  /** A unit was dissolved: its seals and certificates are revoked by their services, what was sent to it and not yet
   * signed for is withdrawn (documents), its archive (and those it kept) goes to its archive custodian (seed 003 §9(2)). */
  'org.dissolved': closed,
  /** A unit was merged into another (seed 003 §9(3)): as dissolved, and what it had not yet signed for, or had signed
   * for and not finished, goes to the unit it was merged into, which keeps its archive. */
  'org.merged': closed,
  'org.renamed': z.object({ orgId: z.string(), oldName: z.string(), name: z.string() }),
  'org.moved': z.object({ orgId: z.string(), oldPath: z.string(), newPath: z.string() }),
  /**
   * A unit set, changed or cleared its alert webhook: documents cancels the unit's pending webhook alerts to any other
   * target. The URL carries an access token, so the event names it only by its SHA-256 (hex; null when cleared).
   */
  'org.alert-webhook-changed': z.object({ orgId: z.string(), webhookSha256: z.string().nullable() }),
  /**
   * What documents needs to urge a unit by itself (自动催办): the escalation steps in effect for it (its own, or those of
   * the nearest unit above it that has some; none: no automatic 催办), where they come from, and who they reach — its
   * registered contacts with a mobile and its leaders (role LEADER; mobile if they filed one as a contact). Published
   * for a unit and every unit below it when rules change, and for a unit when its contacts or leaders change.
   */
  'org.escalation-reach': z.object({
    orgId: z.string(),
    steps: z.array(escalationStep),
    sourceOrgId: z.string().nullable(),
    sourceOrgName: z.string().nullable(),
    contacts: z.array(z.object({ name: z.string(), mobile: z.string() })),
    leaders: z.array(z.object({ name: z.string(), mobile: z.string().nullable() })),
  }),
  /** A 信息 was approved and published (seed 003 §30): the archive lists it as waiting to be archived (§34). */
  'information.published': z.object({ informationId: z.string(), orgId: z.string(), title: z.string(), columnName: z.string() }),
  /**
   * Sessions of an account (or an API token, by its id) ended: logout, password changed or reset, disabled, roles
   * changed, revoked. Carries no authority: a gateway forgets what it knew of the account and asks `sessions` again.
   */
  'account.sessions-ended': z.object({ userId: z.string(), reason: z.string() }),
  /**
   * An outage notice (seed 003 §45: after two hours without a fix, the units are told in writing to pass documents on
   * paper) reaches a unit: one event per unit within the notice's reach that has registered contacts with a mobile,
   * naming them, for documents' alert dispatcher to text each once. The event's unit is the one told, its other end
   * the publisher.
   */
  'announcement.outage-texted': z.object({
    announcementId: z.string(),
    orgId: z.string(),
    text: z.string(),
    contacts: z.array(z.object({ name: z.string(), mobile: z.string() })),
  }),
});

/**
 * What reaches every gateway at once when sessions end: org's stream (server-sent events, `id:` the publish sequence,
 * `data:` the event) of `account.sessions-ended`, `org.moved`, `org.merged` and `org.dissolved`, resumable with
 * `?after=<sequence>`. Beside it, org's answer to the request that ended sessions names the accounts in
 * SESSIONS_ENDED_HEADER, so the gateway that carried it forgets them before it answers.
 */
export const SESSION_CHANGES_PATH = '/internal/streams/session-changes';
export const SESSIONS_ENDED_HEADER = 'x-yizhan-sessions-ended';
export const SESSION_CHANGE_EVENTS = ['account.sessions-ended', 'org.moved', 'org.merged', 'org.dissolved'] as const;

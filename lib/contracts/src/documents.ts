// The documents service's contract: its internal API (a document's canonical content for the seals service, what the
// archive keeps of a document), the events it publishes about documents and deliveries, and its error codes.
// Other services import this file and nothing else of documents.
import { defineEvents, defineInternalApi, encodeCursor, listedCaller, type PublishedEvent, refusal, visibleTo } from '@yizhan/common';
import { z } from 'zod';

export const DocumentsErrorCode = {
  CLASSIFIED_REFUSED: 'CLASSIFIED_REFUSED',
  /** A file that is a program (by its content or by a name that runs when opened): documents do not carry programs. */
  FILE_KIND_REFUSED: 'FILE_KIND_REFUSED',
  /** A file whose content is not what its name says (a text saved as “附件.pdf”): its recipients could not open it. */
  FILE_CONTENT_MISMATCH: 'FILE_CONTENT_MISMATCH',
  /** The malware scan found something in an upload (seed 003 §40): nothing is kept. */
  FILE_INFECTED: 'FILE_INFECTED',
  /** The document has not passed its approval chain (documents refuses the send, seals refuses to stamp it). */
  NOT_APPROVED: 'NOT_APPROVED',
  ALREADY_SENT: 'ALREADY_SENT',
  /** 签收 happened: a delivery is signed for once, and what is signed for is no longer returned or resent (条例 第二十四条). */
  ALREADY_SIGNED: 'ALREADY_SIGNED',
  /** Before 签收 a delivery is opened, downloaded and printed only by its unit's clerks (and its OA system's token). */
  NOT_SIGNED_FOR: 'NOT_SIGNED_FOR',
  /**
   * The unit's handling (拟办, 批示, 承办, 传阅, 办结) is not at the step asked for: no 批示 before 拟办 or twice, no 办结
   * before 承办, no second 已阅, nothing after 办结.
   */
  HANDLING_STATE: 'HANDLING_STATE',
  /** 承办 and 办结 are for the people of the section the 批示 named (主办 or 协办); the caller belongs to none of them. */
  NOT_IN_SECTION: 'NOT_IN_SECTION',
  /** 已阅 is for the people the document was distributed to (传阅); the caller is not one of them. */
  NOT_A_READER: 'NOT_A_READER',
  /** An urgent document's 批示 sets a handling deadline (加急, 特急, 明传电报). */
  DEADLINE_REQUIRED: 'DEADLINE_REQUIRED',
  /** 征集/报送: the report is not in the state asked for (only a report received is returned for correction; a
   * document that asked for no reports has no board). */
  REPORT_STATE: 'REPORT_STATE',
  /** 征集: a report is returned for correction after its unit's copy is signed for (or sent back at 初审); this one
   * waits unsigned in the requesting unit's inbox (the error names it: `deliveryId`). */
  REPORT_NOT_SIGNED: 'REPORT_NOT_SIGNED',
  /** 征集: a reply (答复, 报送) asks no reports of the unit it answers, neither in 拟稿 nor once sent. */
  REPLY_ASKS_NO_REPORTS: 'REPLY_ASKS_NO_REPORTS',
  /** A document sent up (it names a 签发人) asks no reports of the units above it. */
  UPWARD_ASKS_NO_REPORTS: 'UPWARD_ASKS_NO_REPORTS',
  /** 征集 set in 拟稿: its deadline passed while the document was approved; the send waits for a new one. */
  REPORT_DEADLINE_PASSED: 'REPORT_DEADLINE_PASSED',
  /** 催办: the delivery is not waiting for its unit (signed for, returned, recalled, resent or closed): nothing to urge. */
  NOTHING_TO_URGE: 'NOTHING_TO_URGE',
  /** 催办: the unit was urged about this delivery a short while ago; the SMS is not sent again so soon. */
  URGED_RECENTLY: 'URGED_RECENTLY',
  /** 联合行文: a co-issuing unit has not countersigned (会签) the document, or declined it; it is not sent (or the
   * co-issuer's 会签 is not open: the document is not yet approved by its lead unit, or was decided already). */
  NOT_COUNTERSIGNED: 'NOT_COUNTERSIGNED',
  /** 修改后重发: a correction of these returned deliveries is drafted already and not yet sent; it is continued rather
   * than drafted twice (the error names it: `draftId`, `title`). */
  CORRECTION_DRAFT_OPEN: 'CORRECTION_DRAFT_OPEN',
  /**
   * The OFD 版式 file the send would store is not the one the unit's seal signed (登记 then 用印: the seal signed the
   * OFD laid out with the reserved 发文字号; something it shows changed since): nothing is sent; stamp it again. The
   * error names the files that differ (`changed`).
   */
  OFD_CHANGED: 'OFD_CHANGED',
  /**
   * 联合行文: a co-issuing unit's seal signs the joint document's OFD laid out with the lead unit's 发文字号, which the
   * document takes when the lead's chain approves it (or the lead's stamp is asked for); it has none yet (no valid
   * 机关代字 at the approval): the co-issuer's stamp waits until it has.
   */
  NOT_NUMBERED: 'NOT_NUMBERED',
  /**
   * The 签发人 a document names is not a leader of its unit (an active account with the role LEADER): the document is
   * not submitted. Every name must be one, or in a joint document one of them (the error names them: `names`, and the
   * unit's leaders: `leaders`).
   */
  SIGNER_NOT_LEADER: 'SIGNER_NOT_LEADER',
  /** A document sent upward (a recipient above the sender) names no 签发人 (GB/T 9704 §7.2.6). */
  SIGNER_REQUIRED: 'SIGNER_REQUIRED',
  /**
   * A unit sends one kind of 简报 upward (seed 000 §4: 只限定向省…传输1种简报): the first 刊名 it lists (`allowed`); this
   * 简报 is under another 刊名 or a 机关代字.
   */
  BRIEFING_UPWARD: 'BRIEFING_UPWARD',
  /**
   * 签发: the document names another leader as its 签发人 (`signer`); only they 签发 it. Another leader may send it back
   * (退回修改) to name someone else.
   */
  NOT_NAMED_SIGNER: 'NOT_NAMED_SIGNER',
  /**
   * 审批: the approver named the step they saw (`seen`, 0-based) and the document is at another (`step`) — someone
   * approved it meanwhile, or the same click came twice. Nothing was approved.
   */
  STEP_MOVED: 'STEP_MOVED',
  /**
   * seed 000 §11 (拟稿…必须征得处(室)主要负责人和分管领导同意): the drafter's section names who approves this step — its
   * 处室主要负责人 for a 审核 step, its 分管领导 for a leader's step before the 签发 — and it is someone else
   * (`approver`: by name; `section`).
   */
  NOT_SECTION_APPROVER: 'NOT_SECTION_APPROVER',
  /**
   * 签收 with the clerk's own certificate: the receipt they signed is not this delivery's as it stands now (another
   * delivery, action, document digest or person, or older than ten minutes): ask for it again (`receiptToSign`).
   */
  RECEIPT_STALE: 'RECEIPT_STALE',
  /**
   * 审批 or 签发 with the approver's own certificate: the approval they signed is not the one their step would make now
   * (another document, step, comment, content digest or person, or older than ten minutes): ask for it again
   * (`approvalToSign`).
   */
  APPROVAL_STALE: 'APPROVAL_STALE',
  /**
   * 对端来文: the evidence package a peer platform's document arrived in does not verify against the roots pinned for
   * that peer (a changed byte, another CA, a missing stamp); the failed checks are named. Nothing is taken in.
   */
  PEER_PACKAGE_REFUSED: 'PEER_PACKAGE_REFUSED',
  /**
   * 考核评比 scores the units below the assessing unit: it has none, or none of them sent, received, was asked to report
   * or recorded paper in the period (`unitsScored`: 0), so there is nothing to draft; or none of the draft's units had
   * anything of the weighed indicators, so there is nothing to publish (`unitsScored`: 0, `units`: how many were counted).
   */
  NOTHING_TO_ASSESS: 'NOTHING_TO_ASSESS',
} as const;

const base64 = z.string().describe('base64');
const instant = z.union([z.string(), z.date()]).transform((v) => new Date(v).toISOString());
/** A stamp as the documents service keeps it: opaque here, the seals service's contract describes it. */
const storedStamp = z.record(z.string(), z.unknown());
const file = z.object({ name: z.string(), contentType: z.string(), sha256: z.string(), data: base64 });

/** 对端来文: a peer document's stamp, verified with the package it came in against the roots it verified against. */
export const peerSealVerification = z.object({
  platform: z.string(),
  valid: z.boolean(),
  sealOrgName: z.string().nullable(),
  signedAt: z.string().nullable(),
  checks: z.array(z.object({ check: z.string(), ok: z.boolean(), reason: z.string().nullable() })),
  /** The stamp (SES_Signature), DER, base64. */
  sesSignature: z.string().nullable(),
  /** The seal's picture (PNG), base64, only when valid. */
  imagePng: z.string().nullable(),
});
export type PeerSealVerification = z.infer<typeof peerSealVerification>;

export const documentsApi = defineInternalApi('documents', {
  canonical: {
    summary:
      'A document the caller may see: its canonical content (what a stamp signs), its recorded stamp, and its co-issuing units (联合行文: each stamps it with its own seal).',
    input: z.object({
      documentId: z.string(),
      /** 对端来文: also the peer's stamp verified (the seal check asks; stamping never does). */
      peerSeal: z.boolean().optional(),
    }),
    output: z.object({
      id: z.string(),
      title: z.string(),
      status: z.string(),
      orgId: z.string(),
      orgPath: z.string(),
      coIssuerIds: z.array(z.string()).default([]),
      canonical: base64,
      stamp: storedStamp.nullable(),
      /** 对端来文: the peer's stamp verified here with the package the document came in (this service's own stamps are
       * seals' to verify; a peer's CA is known only to the package and the roots pinned for it). */
      peerSeal: peerSealVerification.nullable().default(null),
    }),
  },
  'reserve-number': {
    summary:
      '登记 before 用印: the caller’s unit’s approved document takes its 发文字号 now (gapless, from the send’s own counter), kept until it is sent or voided (作废); asked again, the same number. Null for a document without a valid 机关代字: it is then numbered at the send. A co-issuing unit (联合行文) takes no number: it is answered the lead’s, which the joint document took when the lead’s chain approved it, or refused NOT_NUMBERED while there is none.',
    input: z.object({ documentId: z.string() }),
    output: z.object({ docNumber: z.string().nullable(), reservedAt: instant.nullable() }),
  },
  'ofd-to-sign': {
    summary:
      'What the unit’s seal signs in the OFD of its numbered, approved document: Signature.xml (GB/T 33190 §18: each file’s digest, the StampAnnot where the print presses the seal) laid out with the reserved 发文字号 and date, and its digest (the SES_Signature’s dataHash). A joint document’s co-issuing unit is answered its own signature’s (Sign_<position>, the StampAnnot over its own 署名) of the same layout, laid out with the lead’s number (NOT_NUMBERED while there is none). Null when the lead’s document has no reserved number; FORBIDDEN for a unit that does not issue it.',
    input: z.object({ documentId: z.string(), suite: z.enum(['RSA', 'SM2']), signedAt: instant }),
    output: z
      .object({
        docNumber: z.string(),
        signatureXml: base64,
        dataHash: z.string().describe('hex'),
        propertyInfo: z.string(),
      })
      .nullable(),
  },
  'sent-progress': {
    summary:
      'How far the caller’s unit’s sent documents have got with their recipients: for each of `documentIds` the unit sent, its recipients (resent and recalled deliveries not counted) and how many have signed for it. Documents the unit did not send are left out. The archive’s queue shows it before a 发文 is archived.',
    input: z.object({ documentIds: z.array(z.string()).max(500) }),
    output: z.object({ progress: z.array(z.object({ documentId: z.string(), recipients: z.number().int(), signed: z.number().int() })) }),
  },
  'archival-package': {
    summary:
      'What the archive keeps of a sent document for the caller’s unit: its elements, body and attachments (the files themselves), its OFD 版式文件, its stamp, its canonical content, and the delivery history the unit holds (all deliveries for the sender, its own for a recipient). A recipient’s delivery carries its unit’s handling too (`handling`: 拟办, 批示, 承办 per section, 传阅 and 已阅, 催办, 办结, every step with who by name and when). With it the office’s form filed with the copy (the sender’s 发文稿纸, a recipient’s 收文处理单) and, for the sender, the signed approvals.',
    input: z.object({ documentId: z.string() }),
    output: z.object({
      role: z.enum(['SENDER', 'RECIPIENT']),
      document: z.looseObject({
        id: z.string(),
        orgName: z.string(),
        docType: z.string(),
        docNumber: z.string().nullable(),
        title: z.string(),
        sentAt: instant.nullable(),
      }),
      body: file,
      attachments: z.array(file),
      /** The 版式文件: the document laid out as OFD at the send (signed by the seal when stamped); null when none was made. */
      layout: file.nullable(),
      stamp: storedStamp.nullable(),
      canonical: base64,
      deliveries: z.array(z.record(z.string(), z.unknown())),
      /** The office's form filed with the copy (PDF), made as it is archived: the sender's 发文稿纸, a recipient's 收文处理单. */
      form: file.nullable().default(null),
      /** The sender's signed approvals (审批 and 签发), each as the evidence package carries it (JSON); null for a recipient. */
      approvals: file.nullable().default(null),
    }),
  },
});

const delivery = {
  deliveryId: z.string(),
  documentId: z.string(),
  recipientOrgId: z.string(),
  /**
   * The recipient unit's name as the delivery records it (the name it was sent under, which supervision and the board
   * show). Carried by every delivery event so a live payload's `recipientOrg { name }` needs no call to org; absent on
   * events written before it was.
   */
  recipientName: z.string().optional(),
};

/** A step in a delivery's life (退回, 请求重发, 撤回, 补发, 办结, a print, a raised quota): who, from what, to what. */
const transition = z.object({
  ...delivery,
  status: z.string(),
  from: z.string(),
  reason: z.string().nullable(),
  note: z.string().nullable(),
  by: z.string(),
});

export const documentsEvents = defineEvents('documents', {
  /** Sent: the document is numbered and its deliveries written (one `delivery.delivered` each). */
  'document.sent': z.object({
    documentId: z.string(),
    orgId: z.string(),
    title: z.string(),
    docNumber: z.string(),
    recipientCount: z.number().int(),
    refusedCount: z.number().int(),
  }),
  /** A delivery landed in a recipient's inbox: by the send, a resend or a supplement (补发), all alike. */
  'delivery.delivered': z.object({
    ...delivery,
    status: z.literal('DELIVERED'),
    docNumber: z.string().nullable(),
    // Defaults: events written before these fields existed still read (a subscriber may resume from long ago).
    urgency: z.string().default('NORMAL'),
    isTelegram: z.boolean().default(false),
    /** The returned or unreceivable delivery this one replaces (a resend). */
    resendOf: z.string().nullable().default(null),
    /** Added after the send (补发 to new recipients). */
    supplement: z.boolean().default(false),
  }),
  /** 接收: the recipient unit's first open, print or download (seeds 001 §14, 003 §29). */
  'delivery.received': z.object({
    ...delivery,
    docNumber: z.string().nullable().optional(),
    status: z.string(),
    receivedAt: instant,
    receivedByName: z.string(),
    action: z.enum(['OPEN', 'PRINT', 'DOWNLOAD']),
  }),
  /**
   * 签收: the recipient unit's clerk (or its OA system) accepted the delivery after checking it, and the unit's 收文登记簿
   * numbered it. Receipt (接收) is implied: `receivedAt` is set too if nothing came before.
   */
  'delivery.signed': z.object({
    ...delivery,
    docNumber: z.string().nullable(),
    status: z.literal('SIGNED'),
    from: z.string(),
    receivedAt: instant,
    signedAt: instant,
    /** The display name of the person who signed (or the OA system's token name). */
    signedByName: z.string(),
  }),
  /** Not signed for by the first check after arrival (seed 000 §10). */
  'delivery.overdue': z.object({ ...delivery, docNumber: z.string().nullable(), status: z.string(), dueAt: instant }),
  'delivery.print': transition,
  'delivery.return': transition,
  'delivery.request_resend': transition,
  'delivery.recall': transition,
  'delivery.resend': transition,
  'delivery.close': transition,
  'delivery.raise_quota': transition,
  'delivery.open': transition,
  'delivery.download': transition,
  /**
   * 催办: the sender or a unit supervising the recipient urged it to sign for the delivery (or the recipient's own rules
   * did, `by` 自动催办); its status unchanged, `note` how it went out. So the urged unit's inbox shows the notice live.
   */
  'delivery.urge': transition,
  /**
   * A notice to the recipient unit about its delivery other than a 催办: reports asked of it (征集), its report sent back
   * for correction, a reminder to report (催报); its status unchanged, `note` the notice's kind (REPORT_REQUESTED …).
   * So the unit's open inbox shows the notice at once.
   */
  'delivery.notice': transition,
  /** 追加列印份数 (seed 001 §10): the receiving unit asks for more copies within the quota; `note` how many and why. */
  'delivery.request_copies': transition,
  /**
   * The unit's handling of a signed-for delivery moved on (拟办, 批示, 承办, 传阅, 已阅, 催办, 办结): to the unit only
   * (its path), naming the sections and people whose 待办 it changes, so their inboxes refresh live. Carries no text.
   */
  'handling.changed': z.object({
    deliveryId: z.string(),
    orgId: z.string(),
    action: z.string(),
    /** For a 催办: BEFORE the deadline, DUE at it, or MANUAL. */
    kind: z.string().optional(),
    /** For a 答复 or 报送 (REPLY, REPORT): the reply sent; the link in the unit's evidence chain names it. */
    replyDocumentId: z.string().optional(),
    sectionIds: z.array(z.string()),
    userIds: z.array(z.string()),
  }),
  /**
   * A notice to a unit about no delivery of its own (考核评比's result, a 通报 that names it): from the unit that
   * published it (its path) to the unit told (the other end, `orgId`), so that unit's open inbox shows it at once.
   * Carries the notice's kind, no text.
   */
  'notice.added': z.object({ orgId: z.string(), kind: z.string() }),
  /**
   * 征集/报送: a report request's board changed (REQUEST: asked or its deadline moved; REPORT: a report sent or
   * resubmitted; RETURN: sent back for correction; REMIND: those missing reminded). To the requesting unit's path and,
   * for one reporter's row, the reporter's too. Carries no text.
   */
  'report.changed': z.object({
    documentId: z.string(),
    reporterOrgId: z.string().nullable(),
    action: z.enum(['REQUEST', 'REPORT', 'RETURN', 'REMIND']),
    /**
     * For one reporter's row: the request's delivery to it, which puts the event in the requesting unit's evidence
     * chain (a report received, returned for correction, reminded).
     */
    deliveryId: z.string().optional(),
    /** For a REPORT: the report (the reply) received. */
    reportDocumentId: z.string().optional(),
  }),
});
export type DocumentsEventName = keyof typeof documentsEvents.payloads;

// The live events, as the gateway's live edge serves them (issue 13). The service decides who may see what: for a
// caller and a subscription field it answers a grant (`live-grants`, for many callers at once), the same grant its own
// subscriptions filter by, and the edge applies exactly that grant to the one event feed it follows
// (LIVE_EVENTS_PATH). What a subscriber receives is the event's view: the same object the service's resolver returns.

/** The internal event feed the live edge follows: every delivery and handling event of the platform. */
export const LIVE_EVENTS_PATH = '/internal/streams/live-events';

/** The schema whose outbox sequence the cursors count. */
export const DOCUMENTS_CURSOR = 'documents';

/** The subscription fields that are pure event streams, served by the live edge. */
export const LIVE_FIELDS = ['deliveryChanged', 'inboxChanged', 'subtreeReceipts', 'subtreeOverdue', 'handlingChanged', 'noticesChanged'] as const;
export type LiveField = (typeof LIVE_FIELDS)[number];

export const DELIVERY_EVENT_TYPES = Object.keys(documentsEvents.payloads).filter((t) => t.startsWith('delivery.'));
/** What the live feed carries. */
export const LIVE_EVENT_TYPES = [...DELIVERY_EVENT_TYPES, documentsEvents.names['handling.changed'], documentsEvents.names['notice.added']];

const liveGrant = z.object({
  field: z.enum(LIVE_FIELDS),
  /** The caller's unit: only events with an end at or below it (the outbox's row-level security rule). */
  scopePath: z.string().min(1),
  /** The event types this field streams. */
  types: z.array(z.string()).min(1),
  /** Payload fields the event must carry with exactly these values (the document watched, the caller's unit). */
  match: z.record(z.string(), z.string()),
  /** Resume after this publish sequence (the caller's cursor), or live only. */
  after: z.number().int().nonnegative().nullable(),
});
/** What one caller may see on one subscription field: decided by the documents service, applied by whoever routes. */
export type LiveGrant = z.infer<typeof liveGrant>;

const liveArgs = z.object({ documentId: z.string().nullish(), after: z.string().nullish() });
const publishedEvent = z.object({
  seq: z.number().int(),
  schema: z.string(),
  type: z.string(),
  orgPath: z.string(),
  otherPath: z.string().nullable(),
  payload: z.record(z.string(), z.unknown()),
  occurredAt: z.string(),
});

export const documentsLiveApi = defineInternalApi('documents', {
  'live-grants': {
    summary:
      'The gateway’s own call: what each caller named may see on a live subscription field with these arguments, for the subscribers of one moment at once (every client subscribes again after a gateway restarts). Each answer, in the order asked, is the grant, or the refusal the subscription itself gives that caller (FORBIDDEN, NOT_FOUND, BAD_INPUT).',
    input: z.object({
      requests: z
        .array(z.object({ caller: listedCaller, field: z.enum(LIVE_FIELDS), args: liveArgs }))
        .min(1)
        .max(1000),
    }),
    output: z.object({ answers: z.array(z.union([z.object({ grant: liveGrant }), z.object({ refused: refusal })])) }),
  },
  'live-events': {
    summary:
      'The gateway’s own call: the events of its live feed after `after` up to `upTo`, oldest first, a page at a time (`readTo`: ask again from there until it is `upTo`). The edge replays many resuming subscribers from one read, each by its grant, as it routes the feed.',
    input: z.object({ after: z.number().int().nonnegative(), upTo: z.number().int().nonnegative() }),
    output: z.object({ events: z.array(publishedEvent), readTo: z.number().int() }),
  },
  'live-replay': {
    summary:
      'The events the caller may see on a field, after `after` up to `upTo` (the edge’s position), oldest first: what a resuming subscriber missed. A page at a time: `readTo` is how far it read (ask again from there until it is `upTo`).',
    input: z.object({ field: z.enum(LIVE_FIELDS), args: liveArgs, after: z.number().int().nonnegative(), upTo: z.number().int().nonnegative() }),
    output: z.object({ events: z.array(publishedEvent), readTo: z.number().int() }),
  },
});

/** Whether a grant lets this event through: its type, its matching payload fields, and the tenant rule. */
export function grantAdmits(grant: LiveGrant, e: PublishedEvent): boolean {
  if (!grant.types.includes(e.type)) return false;
  for (const [key, value] of Object.entries(grant.match)) if (e.payload[key] !== value) return false;
  return visibleTo(e, grant.scopePath);
}

/** A delivery event as a subscriber sees it (the `DeliveryEvent` type of the schema). */
export interface DeliveryEventView {
  cursor: string;
  previousCursor: string | null;
  type: string;
  deliveryId: string;
  documentId: string;
  docNumber: string | null;
  status: string;
  receivedAt: Date | null;
  receivedByName: string | null;
  receiptAction: string | null;
  signedAt: Date | null;
  signedByName: string | null;
  /** `name`: the delivery's recorded name of the unit, when the event carries it. */
  recipientOrg: { id: string; name?: string };
  occurredAt: Date;
}

/** The unit's handling moved on (the `HandlingEvent` type). */
export interface HandlingEventView {
  deliveryId: string;
  action: string;
  kind: string | null;
  sectionIds: string[];
  userIds: string[];
  occurredAt: Date;
}

/** A notice reached the unit (the `NoticeEvent` type): its inbox refetches its notices. */
export interface NoticeEventView {
  kind: string;
  occurredAt: Date;
}

const cursorOf = (seq: number | null | undefined) => (seq === undefined || seq === null ? null : encodeCursor(DOCUMENTS_CURSOR, seq));

/** The event read through the catalogue as the schema's `DeliveryEvent`; null if it is not a delivery event. */
export function deliveryEventView(e: PublishedEvent): DeliveryEventView | null {
  const event = documentsEvents.read(e, ...(DELIVERY_EVENT_TYPES as (keyof typeof documentsEvents.payloads)[]));
  if (!event?.type.startsWith('delivery.')) return null;
  const p = event.payload as {
    deliveryId: string;
    documentId: string;
    recipientOrgId: string;
    recipientName?: string;
    status: string;
    docNumber?: string | null;
  };
  const receipt = event.type === 'delivery.received' ? documentsEvents.read(e, 'delivery.received')?.payload : null;
  const signed = event.type === 'delivery.signed' ? documentsEvents.read(e, 'delivery.signed')?.payload : null;
  return {
    cursor: encodeCursor(DOCUMENTS_CURSOR, e.seq),
    previousCursor: cursorOf(e.previousSeq),
    type: event.type,
    deliveryId: p.deliveryId,
    documentId: p.documentId,
    docNumber: p.docNumber ?? null,
    status: p.status,
    receivedAt: receipt ? new Date(receipt.receivedAt) : signed ? new Date(signed.receivedAt) : null,
    receivedByName: receipt?.receivedByName ?? null,
    receiptAction: receipt?.action ?? null,
    signedAt: signed ? new Date(signed.signedAt) : null,
    signedByName: signed?.signedByName ?? null,
    recipientOrg: p.recipientName === undefined ? { id: p.recipientOrgId } : { id: p.recipientOrgId, name: p.recipientName },
    occurredAt: new Date(e.occurredAt),
  };
}

/** The event read through the catalogue as the schema's `HandlingEvent`; null if it is not one. */
export function handlingEventView(e: PublishedEvent): HandlingEventView | null {
  const p = documentsEvents.read(e, 'handling.changed')?.payload;
  if (!p) return null;
  return { deliveryId: p.deliveryId, action: p.action, kind: p.kind ?? null, sectionIds: p.sectionIds, userIds: p.userIds, occurredAt: new Date(e.occurredAt) };
}

/** The event read through the catalogue as the schema's `NoticeEvent`; null if it is not one. */
export function noticeEventView(e: PublishedEvent): NoticeEventView | null {
  const p = documentsEvents.read(e, 'notice.added')?.payload;
  return p ? { kind: p.kind, occurredAt: new Date(e.occurredAt) } : null;
}

/** The view a field's subscriber receives for an event the grant admitted. */
export function liveEventView(field: LiveField, e: PublishedEvent): DeliveryEventView | HandlingEventView | NoticeEventView | null {
  if (field === 'handlingChanged') return handlingEventView(e);
  if (field === 'noticesChanged') return noticeEventView(e);
  return deliveryEventView(e);
}

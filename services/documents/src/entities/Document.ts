import { ArrayType, OptionalProps } from '@mikro-orm/core';
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import type { Disclosure, Urgency } from '@yizhan/common';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import type { ReturnedDelivery } from '../domain/correction.ts';
import type { DocumentStatus } from '../domain/document.ts';
import { DisclosureEnum, DocumentStatusEnum, UrgencyEnum } from '../domain/enums.ts';

@ObjectType({ description: 'An attached file, stored by its SHA-256' })
export class Attachment {
  @Field(() => String)
  name!: string;
  @Field(() => String)
  sha256!: string;
  @Field(() => Int)
  size!: number;
  @Field(() => String)
  contentType!: string;
}

/** The original of a reply or a 转发 as its link shows it. */
export interface LinkedOriginal {
  documentId: string;
  deliveryId: string;
  orgId: string;
  orgName: string;
  docType: string;
  docNumber: string;
  title: string;
  sentAt: string | null;
}

/** 代拟稿: the received document whose Word draft this one was drafted from, and that file's name. */
export interface DraftedFromProxy extends LinkedOriginal {
  file: string;
}

/** The original's GB/T 9704 elements a 转发 prints after its notice (copied when drafted; older 转发 have none). */
export interface ForwardedElements {
  mainTo: string | null;
  signatureLine: string | null;
  /** Its 成文日期 as it stood (its own, else its 签发's date: app/doc-date.ts). */
  docDate: string | null;
  notes: string | null;
  urgency: string;
  signer: string | null;
  coIssuerNames: string[];
  attachmentsOnPaper: boolean;
  paperNote: string | null;
}

/** The original a 转发 carries: by reference (SHA-256), with its seal's verification as it stood when forwarded. */
export interface ForwardedOriginal extends LinkedOriginal {
  bodySha256: string;
  bodySize: number;
  attachments: Attachment[];
  seal: { stamped: boolean; valid: boolean; note: string; signedAt: string | null };
  elements?: ForwardedElements;
}

/** 修改后重发: the original a corrected document replaces for the units that returned it, and those returns (each with
 * the reason it came back with), copied when the correction was drafted. */
export interface CorrectedOriginal {
  documentId: string;
  docType: string;
  docNumber: string | null;
  title: string;
  sentAt: string | null;
  returns: ReturnedDelivery[];
}

/** A co-issuing unit of a joint document as the send fixed it: its 会签 and its seal's stamp (app/joint-issue.ts). */
export interface JointIssuer {
  orgId: string;
  orgName: string;
  countersignedByName: string;
  countersignedAt: string;
  stamp: Record<string, unknown> | null;
}

/** The fields that link a document to the one it answers (答复), passes on (转发) or corrects (修改后重发). */
export type DocumentLinkField =
  | 'replyToDocumentId'
  | 'replyToDeliveryId'
  | 'replyToOrgId'
  | 'replyTo'
  | 'forwardOfDocumentId'
  | 'forwardOfDeliveryId'
  | 'forwardOf'
  | 'correctionOfDocumentId'
  | 'correctionOf'
  | 'draftedFrom';

/**
 * 对端来文 (issue 19): a document that arrived from a peer platform (another deployment, e.g. the national platform),
 * as the peer sent it: its ids there, its sender and 发文字号, and the evidence package it came in (kept whole by its
 * SHA-256, verified against the peer's pinned roots when it was taken in).
 */
@ObjectType({ description: '对端来文: where a document that arrived from a peer platform came from' })
export class PeerOrigin {
  @Field(() => String, { description: 'The peer platform, e.g. 国家电子公文传输平台' })
  platform!: string;
  @Field(() => String, { description: 'The sending unit there, as its document names it' })
  senderName!: string;
  @Field(() => String, { nullable: true, description: '发文字号 there' })
  docNumber!: string | null;
  @Field(() => ID, { description: 'The document’s id there' })
  documentId!: string;
  @Field(() => ID, { description: 'The delivery there this document answers for' })
  deliveryId!: string;
  @Field(() => String, { description: 'SHA-256 of the evidence package it arrived in (kept; GET /blobs/<sha256> for the receiving unit)' })
  packageSha256!: string;
  @Field(() => [String], { description: 'SHA-256 fingerprints of the pinned roots its package verified against' })
  rootFingerprints!: string[];
  @Field(() => Date)
  receivedAt!: Date;
}

/** 公文: an official document with the elements of GB/T 9704-2012, from draft to sent. */
@ObjectType({ description: '公文: an official document with the elements of GB/T 9704-2012' })
@Entity({ tableName: 'documents' })
export class Document {
  [OptionalProps]?:
    | 'coIssuerIds'
    | 'signerPost'
    | 'jointIssuers'
    | 'attachments'
    | 'attachmentsOnPaper'
    | 'status'
    | 'approvalStep'
    | 'version'
    | 'createdAt'
    | 'updatedAt'
    | 'recipients'
    | 'isTelegram'
    | 'urgency'
    | 'stamp'
    | DocumentLinkField
    | 'reportDeadline'
    | 'reportNote'
    | 'reportRequestedAt'
    | 'peerOrigin'
    | 'disclosure'
    | 'disclosureReason';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Field(() => ID, { description: '发文机关: the unit that drafts and sends it' })
  @Property({ type: 'uuid' })
  orgId!: string;

  @Property({ type: 'string', columnType: 'ltree' })
  orgPath!: string;

  @Field(() => String, { description: '发文机关 name' })
  @Property({ type: 'string' })
  orgName!: string;

  @Field(() => [ID], { description: 'Further issuing units of a joint document (联合发文)' })
  @Property({ type: ArrayType, columnType: 'uuid[]' })
  coIssuerIds: string[] = [];

  /** 联合行文: the co-issuers' 会签 and stamps, in the banner's order, copied from documents.co_issuers at the send. */
  @Property({ type: 'json' })
  jointIssuers: JointIssuer[] = [];

  @Field(() => String, { description: '文种' })
  @Property({ type: 'string' })
  docType!: string;

  @Field(() => String, { nullable: true, description: '机关代字, e.g. 陕政办发' })
  @Property({ type: 'string', nullable: true })
  docPrefix!: string | null;

  @Property({ type: 'integer', nullable: true })
  docYear!: number | null;

  @Property({ type: 'integer', nullable: true })
  docSeq!: number | null;

  @Field(() => String, { nullable: true, description: '发文字号, allocated when sent, e.g. 陕政办发〔2026〕3号' })
  @Property({ type: 'string', nullable: true })
  docNumber!: string | null;

  @Field(() => String, { description: '标题' })
  @Property({ type: 'string' })
  title!: string;

  @Field(() => String, { nullable: true, description: '签发人 (required on documents sent upward)' })
  @Property({ type: 'string', nullable: true })
  signer!: string | null;

  @Field(() => String, {
    nullable: true,
    description: '签发人职务: on an order (命令), the named leader’s post as it was when submitted, printed beside the name',
  })
  @Property({ type: 'string', nullable: true })
  signerPost: string | null = null;

  @Field(() => String, { nullable: true, description: '主送机关 as printed' })
  @Property({ type: 'string', nullable: true })
  mainTo!: string | null;

  @Field(() => String, { nullable: true, description: '抄送机关 as printed' })
  @Property({ type: 'string', nullable: true })
  ccTo!: string | null;

  /** The recipient groups the document is addressed to (ids, selectors, lists), expanded when sent. */
  @Property({ type: 'json' })
  recipients: unknown[] = [];

  @Field(() => String, { description: 'SHA-256 of the body (正文)' })
  @Property({ type: 'string' })
  bodySha256!: string;

  @Field(() => Int)
  @Property({ type: 'integer' })
  bodySize!: number;

  @Field(() => [Attachment], { description: '附件' })
  @Property({ type: 'json' })
  attachments: Attachment[] = [];

  @Field(() => Boolean, { description: 'Attachments too large or not electronic follow on paper (seeds 001 §11, 003 §28)' })
  @Property({ type: 'boolean' })
  attachmentsOnPaper = false;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', nullable: true })
  paperNote!: string | null;

  @Field(() => String, { nullable: true, description: '落款' })
  @Property({ type: 'string', nullable: true })
  signatureLine!: string | null;

  @Field(() => String, { nullable: true, description: '成文日期' })
  @Property({ type: 'string', columnType: 'date', nullable: true })
  docDate!: string | null;

  @Field(() => String, { nullable: true, description: '附注' })
  @Property({ type: 'string', nullable: true })
  notes!: string | null;

  @Field(() => String, { nullable: true, description: '印发机关' })
  @Property({ type: 'string', nullable: true })
  printingOrg!: string | null;

  @Field(() => String, { nullable: true, description: '印发日期' })
  @Property({ type: 'string', columnType: 'date', nullable: true })
  printingDate!: string | null;

  @Field(() => UrgencyEnum, { description: '紧急程度' })
  @Property({ type: 'string' })
  urgency: Urgency = 'NORMAL';

  @Field(() => DisclosureEnum, { nullable: true, description: '公开属性, decided as it was drafted (null: not marked, drafted before it was asked)' })
  @Property({ type: 'string', nullable: true })
  disclosure: Disclosure | null = null;

  @Field(() => String, { nullable: true, description: '不予公开: why (its reason under 政府信息公开条例)' })
  @Property({ type: 'string', nullable: true })
  disclosureReason: string | null = null;

  @Field(() => Boolean, { description: '明传电报' })
  @Property({ type: 'boolean' })
  isTelegram = false;

  @Field(() => Date, { nullable: true, description: 'Handling deadline of an urgent document' })
  @Property({ type: 'Date', nullable: true })
  deadline!: Date | null;

  @Field(() => DocumentStatusEnum)
  @Property({ type: 'string' })
  status: DocumentStatus = 'DRAFT';

  @Field(() => [String], { nullable: true, description: 'Approval roles in order, fixed when submitted' })
  @Property({ type: ArrayType, columnType: 'text[]', nullable: true })
  approvalChain!: string[] | null;

  @Field(() => Int)
  @Property({ type: 'integer' })
  approvalStep = 0;

  @Field(() => Int)
  @Property({ type: 'integer' })
  version = 1;

  @Field(() => ID)
  @Property({ type: 'uuid' })
  authorId!: string;

  @Field(() => String)
  @Property({ type: 'string' })
  authorName!: string;

  @Property({ type: 'string', nullable: true })
  sendKey!: string | null;

  @Field(() => Date, { nullable: true, description: '发送时间: when the send operation completed (seed 001 §14)' })
  @Property({ type: 'Date', nullable: true })
  sentAt!: Date | null;

  @Property({ type: 'uuid', nullable: true })
  sentBy!: string | null;

  @Field(() => Int, { nullable: true })
  @Property({ type: 'integer', nullable: true })
  recipientCount!: number | null;

  @Field(() => String, {
    nullable: true,
    description: 'SHA-256 of the OFD 版式 file (GB/T 33190), rendered once at the send: download it at /blobs/<sha256> as the other files',
  })
  @Property({ type: 'string', nullable: true })
  ofdSha256: string | null = null;

  /** 答复: the document this one answers (a document its unit received), the unit's delivery of it, its sender. */
  @Property({ type: 'uuid', nullable: true })
  replyToDocumentId: string | null = null;

  @Property({ type: 'uuid', nullable: true })
  replyToDeliveryId: string | null = null;

  @Property({ type: 'uuid', nullable: true })
  replyToOrgId: string | null = null;

  /** What the link shows of the original (title, 发文字号, 文种, sender), copied when the reply was drafted. */
  @Property({ type: 'json', nullable: true })
  replyTo: LinkedOriginal | null = null;

  /** 转发: the received document this notice passes on, the unit's delivery of it. */
  @Property({ type: 'uuid', nullable: true })
  forwardOfDocumentId: string | null = null;

  @Property({ type: 'uuid', nullable: true })
  forwardOfDeliveryId: string | null = null;

  /** The original as carried: its elements, body and attachments by SHA-256, its seal verification when drafted. */
  @Property({ type: 'json', nullable: true })
  forwardOf: ForwardedOriginal | null = null;

  /** 代拟稿: the received document whose Word draft (代拟稿) this one was drafted from (app/proxy-draft.ts). */
  @Property({ type: 'json', nullable: true })
  draftedFrom: DraftedFromProxy | null = null;

  /** 对端来文: where it came from, for a document taken in from a peer platform (app/peer-intake.ts). */
  @Field(() => PeerOrigin, { nullable: true, description: '对端来文: for a document that arrived from a peer platform, where it came from' })
  @Property({ type: 'json', nullable: true })
  peerOrigin: PeerOrigin | null = null;

  /** 修改后重发: the sent document this one corrects, for the units that returned it. */
  @Property({ type: 'uuid', nullable: true })
  correctionOfDocumentId: string | null = null;

  /** The original as the link shows it, and the returned deliveries the correction answers, with their reasons. */
  @Property({ type: 'json', nullable: true })
  correctionOf: CorrectedOriginal | null = null;

  /** 征集: the recipients are asked to report by this deadline (each report a reply to this document). */
  @Field(() => Date, { nullable: true, description: '征集: the recipients report by this deadline (each report is a reply to this document)' })
  @Property({ type: 'Date', nullable: true })
  reportDeadline: Date | null = null;

  @Field(() => String, { nullable: true, description: '征集: what the recipients are asked to report' })
  @Property({ type: 'string', nullable: true })
  reportNote: string | null = null;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'Date', nullable: true })
  reportRequestedAt: Date | null = null;

  /** The seal's stamp the document was sent with (a GB/T 38540-style structure, verified by the seals service). */
  @Property({ type: 'json', nullable: true })
  stamp: Record<string, unknown> | null = null;

  @Field(() => Date)
  @Property({ type: 'Date' })
  createdAt: Date = new Date();

  @Field(() => Date)
  @Property({ type: 'Date' })
  updatedAt: Date = new Date();
}

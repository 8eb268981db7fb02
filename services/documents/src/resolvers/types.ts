// GraphQL inputs and results of the documents subgraph that are not entities.

import type { Disclosure, Urgency } from '@yizhan/common';
import { PageInfo } from '@yizhan/kernel';
import { Directive, Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { DeliveryStatus } from '../domain/delivery.ts';
import { Delivery } from '../entities/Delivery.ts';
import { DeliveryStatusEnum, DisclosureEnum, RecipientRoleEnum, UrgencyEnum } from './enums.ts';

/** A unit, owned by the org subgraph: here only its id, for the gateway to resolve the rest. */
@ObjectType('Org')
@Directive('@key(fields: "id", resolvable: false)')
export class OrgRef {
  @Field(() => ID)
  id!: string;
}

// The same enums and input types as the org subgraph's, so one recipient input means the same in both.
const OrgLevel = { PROVINCE: 'PROVINCE', CITY: 'CITY', COUNTY: 'COUNTY' } as const;
const OrgKind = {
  GOVERNMENT: 'GOVERNMENT',
  OFFICE: 'OFFICE',
  DEPARTMENT: 'DEPARTMENT',
  INSTITUTION: 'INSTITUTION',
  ENTERPRISE: 'ENTERPRISE',
  CENTRAL_AGENCY: 'CENTRAL_AGENCY',
} as const;
registerEnumType(OrgLevel, { name: 'OrgLevel', description: 'Administrative level of a unit' });
registerEnumType(OrgKind, { name: 'OrgKind', description: 'What kind of body a unit is' });

@InputType({ description: 'Units chosen by where they sit: everything below `rootId`, narrowed by level, kind and depth' })
export class OrgSelectorInput {
  @Field(() => ID)
  rootId!: string;
  @Field(() => [OrgLevel], { nullable: true })
  levels?: string[] | null;
  @Field(() => [OrgKind], { nullable: true })
  kinds?: string[] | null;
  @Field(() => Int, { nullable: true, description: 'Levels below the root at most: 1 = its direct subordinate units' })
  maxDepth?: number | null;
}

@InputType({ description: 'One group of recipients: units by id, a selector, or a saved list (exactly one)' })
export class RecipientSpecInput {
  @Field(() => RecipientRoleEnum, { defaultValue: 'MAIN' })
  role!: 'MAIN' | 'CC';
  @Field(() => [ID], { nullable: true })
  orgIds?: string[] | null;
  @Field(() => OrgSelectorInput, { nullable: true })
  selector?: OrgSelectorInput | null;
  @Field(() => ID, { nullable: true })
  listId?: string | null;
  @Field(() => Int, { nullable: true, description: '打印份数 each of these units may print; 1 when not given' })
  printQuota?: number | null;
}

@InputType({ description: 'A file uploaded to /blobs by your unit, attached under a name' })
export class AttachmentInput {
  @Field(() => String)
  sha256!: string;
  @Field(() => String)
  name!: string;
}

@InputType({ description: 'The elements of a draft (GB/T 9704-2012)' })
export class DraftInput {
  @Field(() => String, { description: '文种' })
  docType!: string;
  @Field(() => String, { description: '标题' })
  title!: string;
  @Field(() => String, { description: '正文 (plain text or HTML)' })
  body!: string;
  @Field(() => String, { nullable: true, description: '机关代字' })
  docPrefix?: string | null;
  @Field(() => String, { nullable: true, description: '签发人' })
  signer?: string | null;
  @Field(() => String, { nullable: true })
  mainTo?: string | null;
  @Field(() => String, { nullable: true })
  ccTo?: string | null;
  @Field(() => [RecipientSpecInput], { nullable: true, description: 'Who receives it: 主送 and 抄送 groups' })
  recipients?: RecipientSpecInput[] | null;
  @Field(() => [AttachmentInput], { nullable: true })
  attachments?: AttachmentInput[] | null;
  @Field(() => Boolean, { nullable: true })
  attachmentsOnPaper?: boolean | null;
  @Field(() => String, { nullable: true })
  paperNote?: string | null;
  @Field(() => String, { nullable: true })
  signatureLine?: string | null;
  @Field(() => String, { nullable: true, description: '成文日期, YYYY-MM-DD' })
  docDate?: string | null;
  @Field(() => String, { nullable: true })
  notes?: string | null;
  @Field(() => String, { nullable: true })
  printingOrg?: string | null;
  @Field(() => String, { nullable: true })
  printingDate?: string | null;
  @Field(() => UrgencyEnum, { nullable: true })
  urgency?: Urgency | null;
  @Field(() => Boolean, { nullable: true, description: '明传电报' })
  isTelegram?: boolean | null;
  @Field(() => Date, { nullable: true })
  deadline?: Date | null;
  @Field(() => DisclosureEnum, { nullable: true, description: '公开属性: 主动公开, 依申请公开 or 不予公开 (then with disclosureReason)' })
  disclosure?: Disclosure | null;
  @Field(() => String, { nullable: true, description: '不予公开: its reason, at most 200 characters (kept with 不予公开 only)' })
  disclosureReason?: string | null;
  @Field(() => String, { nullable: true, description: '密级: must be empty; any 密级 is refused' })
  classification?: string | null;
  @Field(() => [ID], { nullable: true, description: 'Further issuing units of a joint document' })
  coIssuerIds?: string[] | null;
  @Field(() => Date, { nullable: true, description: '征集: the recipients report by this deadline; the collection opens with the send' })
  reportDeadline?: Date | null;
  @Field(() => String, { nullable: true, description: '征集: what the recipients are asked to report (报送要求), at most 500 characters' })
  reportNote?: string | null;
}

@InputType()
export class InboxFilter {
  @Field(() => DeliveryStatusEnum, { nullable: true })
  status?: DeliveryStatus | null;
  @Field(() => UrgencyEnum, { nullable: true })
  urgency?: string | null;
  @Field(() => String, { nullable: true })
  docType?: string | null;
  @Field(() => ID, { nullable: true })
  senderOrgId?: string | null;
  @Field(() => Date, { nullable: true })
  from?: Date | null;
  @Field(() => Date, { nullable: true })
  to?: Date | null;
  @Field(() => String, { nullable: true, description: 'Text in the title or 发文字号' })
  search?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'true: 已签收 (signed for); false: 待签收 (arrived, waiting for 签收 or 退回)' })
  signed?: boolean | null;
}

@ObjectType({ description: '征集: a report asked of a delivery’s unit' })
export class ReportAsked {
  @Field(() => Date, { description: '报送截止时间' })
  deadline!: Date;
  @Field(() => String, { description: 'MISSING (not yet reported), RETURNED (given back for correction) or REPORTED' })
  state!: string;
}

@ObjectType({ description: 'A page of the clerk inbox, with the counts a clerk watches' })
export class InboxPage {
  @Field(() => [Delivery])
  nodes!: Delivery[];
  @Field(() => Int, { description: 'Matching the filter' })
  totalCount!: number;
  @Field(() => Int, { description: 'Not yet opened (whole inbox)' })
  unreadCount!: number;
  @Field(() => Int, { description: '待签收: arrived and not yet signed for or returned (whole inbox)' })
  unsignedCount!: number;
  @Field(() => Int, { description: 'Not signed for and past its due time (whole inbox)' })
  overdueCount!: number;
  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}

@ObjectType({ description: 'How far a sent document has been received and signed for' })
export class DeliveryStats {
  @Field(() => Int)
  total!: number;
  @Field(() => Int, { description: '接收: opened, printed or downloaded at least once' })
  received!: number;
  @Field(() => Int, { description: '签收: signed for by the recipient’s clerk' })
  signed!: number;
  @Field(() => Int, { description: 'Not yet signed for' })
  pending!: number;
}

@ObjectType({ description: 'A unit a draft’s recipients name, as its send would decide it now' })
export class PlannedRecipient {
  @Field(() => ID)
  orgId!: string;
  @Field(() => String)
  name!: string;
  @Field(() => RecipientRoleEnum, { description: '主送 (MAIN) or 抄送 (CC)' })
  role!: 'MAIN' | 'CC';
  @Field(() => Int, { description: 'Printable copies allowed' })
  printQuota!: number;
  @Field(() => Boolean, { description: 'The routing rules refuse it: the send leaves it out' })
  refused!: boolean;
  @Field(() => String, { nullable: true, description: 'The rule that refuses it, by name (null where no rule allows it)' })
  refusalRule!: string | null;
}

@ObjectType({ description: 'Before the send: the units a document’s recipients name now, as its send would decide them' })
export class PlannedRecipients {
  @Field(() => Int, { description: 'Units named, allowed or not' })
  count!: number;
  @Field(() => Int, { description: '主送 units' })
  mainCount!: number;
  @Field(() => Int, { description: '抄送 units' })
  ccCount!: number;
  @Field(() => Int, { description: 'Units the routing rules refuse (the send leaves them out)' })
  refusedCount!: number;
  @Field(() => [PlannedRecipient], { description: 'The first 200, refused first, then in the order of the org tree' })
  units!: PlannedRecipient[];
  @Field(() => String, {
    nullable: true,
    description:
      'Why the recipients cannot be decided now (a unit or saved list named that no longer exists): nothing is counted until the draft names them again',
  })
  problem!: string | null;
}

@InputType({
  description: 'A record signed with your own identity certificate: a 签收 receipt (receiptToSign) or an approval (approvalToSign)',
})
export class OwnSignatureInput {
  @Field(() => String, { description: 'The receipt or approval exactly as receiptToSign or approvalToSign gave it' })
  receipt!: string;
  @Field(() => String, { description: 'Your signature over its UTF-8 bytes, base64 (RSA/SHA-256, or SM2/SM3 in DER with the standard user id)' })
  signature!: string;
}

@ObjectType({ description: 'A document or a delivery named by its id: its title and 发文字号' })
export class DocumentTitle {
  @Field(() => ID, { description: 'The id asked for: a document’s or a delivery’s' })
  id!: string;
  @Field(() => String)
  title!: string;
  @Field(() => String, { nullable: true, description: '发文字号 (none before the document is sent)' })
  docNumber!: string | null;
}

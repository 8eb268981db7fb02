// The archive's GraphQL types besides the record itself.
import { GraphQLJSON } from 'graphql-scalars';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';

/** A unit, owned by the org subgraph: here only its id, for the gateway to resolve the rest. */
@ObjectType('Org')
@Directive('@key(fields: "id", resolvable: false)')
export class OrgRef {
  @Field(() => ID)
  id!: string;
}

/** The argument that names a fonds: a closed unit's that your unit keeps, or its own when left out. */
export const FONDS_ARG = { nullable: true, description: '全宗: a closed unit’s that your unit keeps (archiveFonds); your unit’s own when left out' } as const;

@ObjectType({ description: '全宗: the archive of one unit that yours keeps — its own, or a closed unit’s in its custody (seed 003 §9(2))' })
export class Fonds {
  /** Resolved to `unit` (its name and code from org). */
  unitId!: string;

  @Field(() => Boolean, { description: 'Your unit’s own fonds' })
  own!: boolean;

  @Field(() => String, { nullable: true, description: 'A closed unit’s: DISSOLVED (撤销) or MERGED (合并)' })
  closedAs!: string | null;

  @Field(() => String, { nullable: true, description: 'The reason its closing gave' })
  closedReason!: string | null;

  @Field(() => Date, { nullable: true })
  closedAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'Since when your unit keeps it' })
  keptSince!: Date | null;

  @Field(() => Int, { description: 'Records it holds (those destroyed left out)' })
  records!: number;
}

@ObjectType({ description: 'A document waiting to be archived by your unit (待归档)' })
export class PendingDocument {
  @Field(() => ID)
  documentId!: string;

  @Field(() => String, { description: 'SENDER (发文), RECIPIENT (收文) or INFORMATION (信息: documentId is the item’s id)' })
  role!: string;

  @Field(() => String, { nullable: true })
  title!: string | null;

  @Field(() => String, { nullable: true })
  docNumber!: string | null;

  @Field(() => String, { description: 'Why it waits: sent, or handling closed' })
  reason!: string;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Int, { nullable: true, description: 'A 发文: its recipients (resent and recalled deliveries not counted); null for a 收文' })
  recipients!: number | null;

  @Field(() => Int, {
    nullable: true,
    description: 'A 发文: how many recipients have not signed for it yet (archived now, its record keeps the deliveries as they stand); null for a 收文',
  })
  unsigned!: number | null;
}

@ObjectType({ description: 'An archived file' })
export class ArchivedFile {
  @Field(() => String, { description: 'BODY, ATTACHMENT, or LAYOUT (the OFD 版式文件 made at the send)' })
  role!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String)
  contentType!: string;

  @Field(() => String)
  sha256!: string;

  @Field(() => Int)
  size!: number;
}

@ObjectType({ description: 'An archived record as read through an approved access request (every read is registered)' })
export class ArchivedContent {
  @Field(() => ID)
  recordId!: string;

  @Field(() => GraphQLJSON)
  metadata!: unknown;

  @Field(() => String, { description: 'The body as archived' })
  body!: string;

  @Field(() => [ArchivedFile])
  files!: ArchivedFile[];

  @Field(() => GraphQLJSON, { description: 'Delivery and receipt history: who did what, when, on what basis' })
  events!: unknown;

  @Field(() => GraphQLJSON, { nullable: true, description: 'The stamp and its verification at ingest' })
  stamp!: unknown;
}

@ObjectType({ description: '调阅申请: a request to read an archived record, with its purpose' })
export class AccessRequest {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  recordId!: string;

  @Field(() => String)
  archivalNumber!: string;

  @Field(() => String)
  title!: string;

  @Field(() => ID)
  requesterId!: string;

  @Field(() => String)
  requesterName!: string;

  @Field(() => String)
  purpose!: string;

  @Field(() => String, { description: 'PENDING, APPROVED or REJECTED' })
  status!: string;

  @Field(() => Boolean, {
    description: 'Whether you may decide it now: pending, and you an archivist or the head of the unit who did not ask (domain/access.ts)',
  })
  mayDecide!: boolean;

  @Field(() => String, { nullable: true, description: 'Why it was refused (REJECTED), as the one who decided said' })
  decisionNote!: string | null;

  @Field(() => String, { nullable: true })
  decidedByName!: string | null;

  @Field(() => Date, { nullable: true, description: 'When it was approved or refused' })
  decidedAt!: Date | null;

  @Field(() => Date, { nullable: true })
  expiresAt!: Date | null;

  @Field(() => Date)
  createdAt!: Date;
}

@ObjectType({ description: '调阅登记: one view, download or export of an archived record' })
export class AccessLogEntry {
  @Field(() => String)
  userName!: string;

  @Field(() => String, { description: 'VIEW, DOWNLOAD or EXPORT' })
  action!: string;

  @Field(() => String, { nullable: true })
  component!: string | null;

  @Field(() => String, { nullable: true, description: 'The purpose stated in the access request it was read under (none for an export)' })
  purpose!: string | null;

  @Field(() => String, { nullable: true, description: 'Who approved that request, by name (none for an export: the archivist’s own act)' })
  approvedByName!: string | null;

  @Field(() => Date)
  at!: Date;
}

@ObjectType({ description: 'A proposal to destroy a record whose retention has ended, or to keep it longer; the unit head decides' })
export class Disposal {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  recordId!: string;

  @Field(() => String)
  archivalNumber!: string;

  @Field(() => String, { description: 'DESTROY or EXTEND' })
  decision!: string;

  @Field(() => String, { nullable: true })
  extendTo!: string | null;

  @Field(() => String)
  reason!: string;

  @Field(() => String)
  requestedByName!: string;

  @Field(() => String, { description: 'PENDING, APPROVED or REJECTED' })
  status!: string;

  @Field(() => String, { nullable: true })
  decidedByName!: string | null;

  @Field(() => Date)
  createdAt!: Date;
}

@ObjectType({ description: 'A count in the archive statistics' })
export class Count {
  @Field(() => String)
  key!: string;

  @Field(() => Int)
  count!: number;
}

@ObjectType({ description: 'One line of a unit’s retention table (保管期限表)' })
export class RetentionEntry {
  @Field(() => String)
  docType!: string;

  @Field(() => String, { description: 'PERMANENT (永久), Y30 or Y10' })
  retention!: string;

  @Field(() => Boolean, { description: 'Set by the unit (true) or the national default (false)' })
  own!: boolean;
}

@ObjectType({ description: 'Archive statistics of a unit for a year (seed 003 §38)' })
export class ArchiveStatistics {
  @Field(() => Int)
  year!: number;

  @Field(() => Int)
  records!: number;

  @Field(() => [Count])
  byType!: Count[];

  @Field(() => [Count])
  byRetention!: Count[];

  @Field(() => Int, { description: 'Records ingested during the year' })
  ingests!: number;

  @Field(() => Int)
  quarantined!: number;

  @Field(() => [Count], { description: 'Views, downloads and exports during the year' })
  accesses!: Count[];

  @Field(() => Int)
  destructions!: number;
}

@ObjectType({ description: 'The evidence chain of your unit’s archive: whole, or where it first breaks' })
export class ChainVerification {
  @Field(() => Int)
  length!: number;

  @Field(() => Boolean)
  whole!: boolean;

  @Field(() => Int, { nullable: true })
  brokenAt!: number | null;

  @Field(() => String, { nullable: true })
  reason!: string | null;
}

@ObjectType({ description: 'A self-describing package (ZIP), base64' })
export class ArchivePackage {
  @Field(() => String)
  filename!: string;

  @Field(() => String)
  sha256!: string;

  @Field(() => String)
  base64!: string;
}

@ObjectType({ description: '更正元数据: a descriptive element an archivist may correct, in the catalogue’s words' })
export class MetadataElement {
  @Field(() => String, { description: 'Its key in the record’s metadata (title, docNumber …)' })
  key!: string;

  @Field(() => String, { description: 'Its name in the catalogue (题名, 文号 …)' })
  label!: string;

  @Field(() => String, { nullable: true, description: 'What the record says now' })
  value!: string | null;
}

@ObjectType({ description: 'A document filed with this record (来文 and 复文, 转发, 更正), and its record in your unit’s archive when there is one' })
export class RelatedRecord {
  @Field(() => String, { description: 'How it is related, in the catalogue’s words: 来文, 复文, 被转发文件, 转发文件, 原文件, 更正后文件' })
  relation!: string;

  @Field(() => ID)
  documentId!: string;

  @Field(() => String)
  title!: string;

  @Field(() => String, { nullable: true })
  docNumber!: string | null;

  @Field(() => ID, { nullable: true, description: 'Its record in your unit’s archive (null: not archived by your unit)' })
  recordId!: string | null;

  @Field(() => String, { nullable: true, description: '档号 of that record' })
  archivalNumber!: string | null;
}

@ObjectType({ description: '全宗号 (DA/T 22-2015): the number the archives gave your unit, which new 档号 begin with' })
export class ArchiveFondsNumber {
  @Field(() => String, { nullable: true, description: 'As your unit’s archivist or administrator set it (letters and digits); null until set' })
  fondsNumber!: string | null;

  @Field(() => String, { description: 'Your unit’s code: new 档号 begin with it until a 全宗号 is set' })
  unitCode!: string;

  @Field(() => String, { description: 'What new 档号 begin with: the 全宗号, or until one is set the unit’s code' })
  inUse!: string;

  @Field(() => String, { description: 'A new 档号 under it, as an example: this year’s first 30-year 收文 (Z109-WS·2026-D30-SW-0001)' })
  example!: string;

  @Field(() => String, { nullable: true, description: 'Who set the 全宗号, by name' })
  setByName!: string | null;

  @Field(() => Date, { nullable: true })
  setAt!: Date | null;
}

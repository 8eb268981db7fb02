import { OptionalProps } from '@mikro-orm/core';
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { GraphQLJSON } from 'graphql-scalars';
import { Field, ID, Int, ObjectType } from 'type-graphql';

/** 档案: a document archived by a unit that held it, with its metadata, evidence, checks and retention. */
@ObjectType({ description: '档案: an archived record (its content is read through the access register)' })
@Entity({ tableName: 'records' })
export class ArchiveRecord {
  [OptionalProps]?: 'metadataVersion' | 'hold' | 'holdReason' | 'archivedAt' | 'importedFrom' | 'retentionUntil' | 'canonical' | 'stamp' | 'archivedBy';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Field(() => ID)
  @Property({ type: 'uuid' })
  orgId!: string;

  @Property({ type: 'string', columnType: 'ltree' })
  orgPath!: string;

  @Field(() => String)
  @Property({ type: 'string' })
  orgName!: string;

  /** The document's id, or for a 信息 the item's. */
  @Field(() => ID)
  @Property({ type: 'uuid' })
  documentId!: string;

  @Field(() => String, { description: 'SENDER (发文) or RECIPIENT (收文): whose copy this is; INFORMATION: a 信息 the unit published' })
  @Property({ type: 'string' })
  role!: string;

  @Field(() => String, { description: '全宗号 its 档号 carries: the unit’s as set when it was archived, or the unit’s code before one was' })
  @Property({ type: 'string' })
  fonds!: string;

  @Field(() => Int, { description: '年度' })
  @Property({ type: 'integer' })
  year!: number;

  @Field(() => Int, { description: '件号: without gaps within its class of the year (保管期限 and 收文/发文, DA/T 22)' })
  @Property({ type: 'integer' })
  itemNo!: number;

  /** The series its 件号 belongs to: its class (D30-SW), or '' for a number given year-wide before 0007. */
  @Property({ type: 'string' })
  numberedIn!: string;

  @Field(() => String, { description: 'PERMANENT (永久), Y30 or Y10' })
  @Property({ type: 'string' })
  retention!: string;

  @Field(() => String, { nullable: true, description: 'When the retention period ends (none for permanent records)' })
  @Property({ type: 'string', columnType: 'date', nullable: true })
  retentionUntil: string | null = null;

  @Field(() => String, {
    description:
      '档号 (DA/T 22-2015): 全宗号-WS·年度-保管期限-机构(问题)-件号, our series FW 发文, SW 收文, XX 信息 in the 机构(问题) place; one archived before keeps its own (全宗号-年度-保管期限-FW-件号)',
  })
  @Property({ type: 'string' })
  archivalNumber!: string;

  @Field(() => String)
  @Property({ type: 'string' })
  title!: string;

  @Field(() => String)
  @Property({ type: 'string' })
  docType!: string;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', nullable: true })
  docNumber!: string | null;

  @Field(() => GraphQLJSON, { description: 'The metadata (DA/T 46 elements), as last corrected' })
  @Property({ type: 'json' })
  metadata!: Record<string, unknown>;

  @Field(() => Int)
  @Property({ type: 'integer' })
  metadataVersion = 1;

  @Property({ type: 'json' })
  components!: Record<string, unknown>[];

  @Property({ type: 'text', nullable: true })
  canonical: string | null = null;

  @Property({ type: 'json', nullable: true })
  stamp: Record<string, unknown> | null = null;

  @Property({ type: 'json' })
  events!: unknown[];

  @Field(() => String, { description: 'SHA-256 over the record’s content and metadata at ingest (fixity)' })
  @Property({ type: 'string' })
  fixity!: string;

  @Field(() => GraphQLJSON, { description: 'The last four-property check (四性检测) report' })
  @Property({ type: 'json' })
  checkReport!: Record<string, unknown>;

  @Field(() => String, { description: 'ARCHIVED, QUARANTINED (a check failed; see checkReport) or DESTROYED' })
  @Property({ type: 'string' })
  status!: string;

  @Field(() => Boolean, { description: 'On hold: not destroyed whatever its retention' })
  @Property({ type: 'boolean' })
  hold = false;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', nullable: true })
  holdReason: string | null = null;

  @Property({ type: 'uuid', nullable: true })
  archivedBy: string | null = null;

  @Field(() => String)
  @Property({ type: 'string' })
  archivedByName!: string;

  @Field(() => Date)
  @Property({ type: 'Date' })
  archivedAt: Date = new Date();

  @Field(() => String, { nullable: true, description: 'For a record restored from a package: the package’s manifest digest' })
  @Property({ type: 'string', nullable: true })
  importedFrom: string | null = null;
}

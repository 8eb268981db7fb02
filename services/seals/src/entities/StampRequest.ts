import { OptionalProps } from '@mikro-orm/core';
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Field, ID, ObjectType } from 'type-graphql';

/** 用印申请: a document waiting for its seal; both custodians present their PINs, then it is stamped. */
@ObjectType({ description: 'A document waiting to be stamped: both custodians must present their PIN' })
@Entity({ tableName: 'stamp_requests' })
export class StampRequest {
  [OptionalProps]?: 'status' | 'statusReason' | 'firstCustodian' | 'firstCustodianName' | 'firstShare' | 'firstAt' | 'stampId' | 'createdAt';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Field(() => ID)
  @Property({ type: 'uuid' })
  sealId!: string;

  @Property({ type: 'string', columnType: 'ltree' })
  orgPath!: string;

  @Field(() => ID)
  @Property({ type: 'uuid' })
  documentId!: string;

  @Field(() => String)
  @Property({ type: 'string' })
  documentTitle!: string;

  @Property({ type: 'text' })
  canonical!: string;

  @Property({ type: 'uuid' })
  requestedBy!: string;

  @Field(() => String)
  @Property({ type: 'string' })
  requestedByName!: string;

  @Field(() => String, { description: 'PENDING, COMPLETED or CANCELLED' })
  @Property({ type: 'string' })
  status = 'PENDING';

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', nullable: true })
  statusReason: string | null = null;

  @Field(() => ID, { nullable: true, description: 'The custodian who has presented their PIN so far' })
  @Property({ type: 'uuid', nullable: true })
  firstCustodian: string | null = null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', nullable: true })
  firstCustodianName: string | null = null;

  @Property({ type: 'text', nullable: true })
  firstShare: string | null = null;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'Date', nullable: true })
  firstAt: Date | null = null;

  @Field(() => ID, { nullable: true })
  @Property({ type: 'uuid', nullable: true })
  stampId: string | null = null;

  @Field(() => Date)
  @Property({ type: 'Date' })
  expiresAt!: Date;

  @Field(() => Date)
  @Property({ type: 'Date' })
  createdAt: Date = new Date();
}

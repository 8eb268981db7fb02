import { OptionalProps } from '@mikro-orm/core';
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Field, ID, ObjectType } from 'type-graphql';

/** A unit's written application for a seal (seed 003 §19): its head consents, the issuing authority approves. */
@ObjectType({ description: 'An application for a seal: the unit applies in writing, its head consents, the issuing authority approves' })
@Entity({ tableName: 'applications' })
export class SealApplication {
  [OptionalProps]?:
    | 'status'
    | 'createdAt'
    | 'kind'
    | 'replacesSealId'
    | 'belowText'
    | 'consentBy'
    | 'consentByName'
    | 'consentAt'
    | 'approvedBy'
    | 'approvedByName'
    | 'approvedAt'
    | 'decisionNote'
    | 'sealId';

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

  @Field(() => String)
  @Property({ type: 'string' })
  suite!: string;

  @Field(() => String, { description: 'NEW, REPLACEMENT (after loss or damage) or CHANGE (the unit’s name changed)' })
  @Property({ type: 'string' })
  kind = 'NEW';

  @Field(() => ID, { nullable: true })
  @Property({ type: 'uuid', nullable: true })
  replacesSealId: string | null = null;

  @Field(() => String, { description: 'The written application' })
  @Property({ type: 'text' })
  statement!: string;

  @Field(() => String, { nullable: true, description: 'Text under the star, e.g. 电子公文专用章' })
  @Property({ type: 'string', nullable: true })
  belowText: string | null = null;

  @Property({ type: 'uuid' })
  applicantId!: string;

  @Field(() => String)
  @Property({ type: 'string' })
  applicantName!: string;

  @Field(() => String, { description: 'SUBMITTED, CONSENTED (by the unit head), APPROVED (by the issuing authority), REJECTED or MADE' })
  @Property({ type: 'string' })
  status = 'SUBMITTED';

  @Property({ type: 'uuid', nullable: true })
  consentBy: string | null = null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', nullable: true })
  consentByName: string | null = null;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'Date', nullable: true })
  consentAt: Date | null = null;

  @Property({ type: 'uuid', nullable: true })
  approvedBy: string | null = null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', nullable: true })
  approvedByName: string | null = null;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'Date', nullable: true })
  approvedAt: Date | null = null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', nullable: true })
  decisionNote: string | null = null;

  @Field(() => ID, { nullable: true })
  @Property({ type: 'uuid', nullable: true })
  sealId: string | null = null;

  @Field(() => Date)
  @Property({ type: 'Date' })
  createdAt: Date = new Date();
}

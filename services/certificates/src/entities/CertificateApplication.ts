import { OptionalProps } from '@mikro-orm/core';
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Field, ID, ObjectType } from 'type-graphql';

/** An application for a certificate: the holder (or, for a unit, its administrator) applies; the unit's head decides. */
@ObjectType({ description: 'An application for a certificate, decided by the head of the holder’s unit (seed 003 §25)' })
@Entity({ tableName: 'applications' })
export class CertificateApplication {
  [OptionalProps]?:
    | 'status'
    | 'decidedAbove'
    | 'createdAt'
    | 'reason'
    | 'revocationReason'
    | 'serverKey'
    | 'csr'
    | 'replacesId'
    | 'holderUserId'
    | 'holderUsername'
    | 'decidedBy'
    | 'decidedByName'
    | 'decidedAt'
    | 'decisionNote'
    | 'certificateId';

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

  @Field(() => ID)
  @Property({ type: 'uuid' })
  applicantId!: string;

  @Field(() => String)
  @Property({ type: 'string' })
  applicantName!: string;

  @Field(() => String, { description: 'PERSON or UNIT' })
  @Property({ type: 'string' })
  holderKind!: string;

  @Field(() => ID, { nullable: true })
  @Property({ type: 'uuid', nullable: true })
  holderUserId: string | null = null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', nullable: true })
  holderUsername: string | null = null;

  @Field(() => String)
  @Property({ type: 'string' })
  holderName!: string;

  @Field(() => String, { description: 'IDENTITY, SIGNING or ENCRYPTION' })
  @Property({ type: 'string' })
  usage!: string;

  @Field(() => String)
  @Property({ type: 'string' })
  suite!: string;

  @Field(() => String, { nullable: true, description: 'The holder’s certification request (PEM); empty when the key is made on the server' })
  @Property({ type: 'text', nullable: true })
  csr: string | null = null;

  @Field(() => Boolean)
  @Property({ type: 'boolean' })
  serverKey = false;

  @Field(() => String, { description: 'NEW, RENEW, CHANGE, or CANCEL (注销 of the certificate it names, replacesId)' })
  @Property({ type: 'string' })
  reason = 'NEW';

  @Field(() => String, {
    nullable: true,
    description: 'A CANCEL’s reason, the one the certificate is revoked with: AFFILIATION_CHANGED (离岗或调离) or CESSATION_OF_OPERATION (不再使用)',
  })
  @Property({ type: 'string', nullable: true })
  revocationReason: string | null = null;

  @Field(() => ID, { nullable: true })
  @Property({ type: 'uuid', nullable: true })
  replacesId: string | null = null;

  @Field(() => Boolean, {
    description:
      'No other head (LEADER) of the holder’s unit could decide it when it was made (the applicant is its only head, or it has none): the heads of the unit directly above decide it',
  })
  @Property({ type: 'boolean' })
  decidedAbove = false;

  @Field(() => String, {
    description: 'PENDING, APPROVED (a server-made key waits to be collected), REJECTED, ISSUED, or DONE (a CANCEL carried out: the certificate revoked)',
  })
  @Property({ type: 'string' })
  status = 'PENDING';

  @Field(() => ID, { nullable: true })
  @Property({ type: 'uuid', nullable: true })
  decidedBy: string | null = null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', nullable: true })
  decidedByName: string | null = null;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'Date', nullable: true })
  decidedAt: Date | null = null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', nullable: true })
  decisionNote: string | null = null;

  @Field(() => ID, { nullable: true })
  @Property({ type: 'uuid', nullable: true })
  certificateId: string | null = null;

  @Field(() => Date)
  @Property({ type: 'Date' })
  createdAt: Date = new Date();
}

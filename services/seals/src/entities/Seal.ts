import { OptionalProps } from '@mikro-orm/core';
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Field, ID, ObjectType } from 'type-graphql';

/** 电子印章: a unit's electronic seal — image, key pair under dual custody, and the seal's certificate. */
@ObjectType({ description: '电子印章: a unit’s electronic seal' })
@Entity({ tableName: 'seals' })
export class Seal {
  [OptionalProps]?: 'status' | 'statusReason' | 'createdAt' | 'applicationId' | 'replacedBy' | 'sesealDer' | 'sesealDerBase64' | 'terminalOnly';

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

  @Field(() => String, { description: 'RSA or SM2' })
  @Property({ type: 'string' })
  suite!: string;

  @Field(() => String, { description: 'PENDING_CUSTODY (custodians not both set), ACTIVE, SUSPENDED, REVOKED or DESTROYED' })
  @Property({ type: 'string' })
  status = 'PENDING_CUSTODY';

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', nullable: true })
  statusReason: string | null = null;

  @Field(() => String, { description: 'The seal image, SVG' })
  @Property({ type: 'text' })
  imageSvg!: string;

  @Property({ type: 'blob' })
  imagePng!: Buffer;

  @Field(() => String)
  @Property({ type: 'string' })
  imageSha256!: string;

  @Field(() => ID)
  @Property({ type: 'uuid' })
  certificateId!: string;

  @Property({ type: 'blob' })
  certificateDer!: Buffer;

  @Property({ type: 'json' })
  sealRecord!: Record<string, unknown>;

  /** The seal in GB/T 38540's encoding (SESeal, DER); null for seals made before it was kept. */
  @Property({ type: 'blob', nullable: true, fieldName: 'seseal_der' })
  sesealDer!: Buffer | null;

  @Field(() => String, {
    nullable: true,
    name: 'sesealDer',
    description: 'The seal as GB/T 38540 encodes it (SESeal: 印章信息, 制章者证书 and signature), DER, base64',
  })
  get sesealDerBase64(): string | null {
    return this.sesealDer ? Buffer.from(this.sesealDer).toString('base64') : null;
  }

  @Field(() => Date)
  @Property({ type: 'Date' })
  validFrom!: Date;

  @Field(() => Date)
  @Property({ type: 'Date' })
  validTo!: Date;

  // The custodians and the maker are people: GraphQL exposes them through SealResolver's field resolvers, to the
  // seal's own unit and the issuing authority only (domain/state.ts, mayKnowCustodians).
  @Property({ type: 'uuid' })
  custodianA!: string;

  @Property({ type: 'string', fieldName: 'custodian_a_name' })
  custodianAName!: string;

  @Property({ type: 'uuid' })
  custodianB!: string;

  @Property({ type: 'string', fieldName: 'custodian_b_name' })
  custodianBName!: string;

  @Property({ type: 'uuid' })
  madeBy!: string;

  @Property({ type: 'string' })
  madeByName!: string;

  @Property({ type: 'uuid', nullable: true })
  applicationId: string | null = null;

  @Field(() => ID, { nullable: true, description: 'The seal that replaced this one' })
  @Property({ type: 'uuid', nullable: true })
  replacedBy: string | null = null;

  @Field(() => Date)
  @Property({ type: 'Date' })
  createdAt: Date = new Date();

  @Field(() => Boolean, { description: 'Used only on the unit’s registered terminals (用印专用终端: seed 000 §18, seed 002 六)' })
  @Property({ type: 'boolean' })
  terminalOnly = false;
}

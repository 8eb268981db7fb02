import { OptionalProps } from '@mikro-orm/core';
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { toPem } from '@yizhan/crypto';
import { Field, ID, ObjectType } from 'type-graphql';

/** 数字证书: an X.509 certificate the internal CA issued to a person, a unit or a seal (seed 003 ch. 6). */
@ObjectType({ description: '数字证书: a certificate issued by the internal CA' })
@Entity({ tableName: 'certificates' })
export class Certificate {
  [OptionalProps]?: 'status' | 'revokedAt' | 'revocationReason' | 'createdAt' | 'sealId' | 'holderUserId' | 'holderUsername' | 'applicationId' | 'pem';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Field(() => String, { description: 'Serial number, hex' })
  @Property({ type: 'string' })
  serial!: string;

  @Field(() => String, { description: 'SHA-256 of the DER encoding' })
  @Property({ type: 'string' })
  fingerprint!: string;

  @Field(() => String, { description: 'RSA (RSA/SHA-256) or SM2 (SM2/SM3)' })
  @Property({ type: 'string' })
  suite!: string;

  @Field(() => String, { description: 'IDENTITY (login), SIGNING, ENCRYPTION (a unit), SEAL' })
  @Property({ type: 'string' })
  usage!: string;

  @Field(() => ID)
  @Property({ type: 'uuid' })
  orgId!: string;

  @Property({ type: 'string', columnType: 'ltree' })
  orgPath!: string;

  @Field(() => String, { description: 'PERSON, UNIT or SEAL' })
  @Property({ type: 'string' })
  holderKind!: string;

  @Field(() => ID, { nullable: true })
  @Property({ type: 'uuid', nullable: true })
  holderUserId: string | null = null;

  /** The holder's account name: shown only within the holder's unit and above (CertificateFields.holderUsername). */
  @Property({ type: 'string', nullable: true })
  holderUsername: string | null = null;

  @Field(() => String)
  @Property({ type: 'string' })
  holderName!: string;

  @Field(() => ID, { nullable: true })
  @Property({ type: 'uuid', nullable: true })
  sealId: string | null = null;

  @Field(() => String)
  @Property({ type: 'string' })
  subject!: string;

  @Property({ type: 'blob' })
  der!: Buffer;

  @Field(() => Date)
  @Property({ type: 'Date' })
  notBefore!: Date;

  @Field(() => Date)
  @Property({ type: 'Date' })
  notAfter!: Date;

  @Field(() => String, { description: 'ACTIVE, SUSPENDED or REVOKED (see certificateStatus for a moment in time)' })
  @Property({ type: 'string' })
  status = 'ACTIVE';

  @Field(() => Date, { nullable: true })
  @Property({ type: 'Date', nullable: true })
  revokedAt: Date | null = null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', nullable: true })
  revocationReason: string | null = null;

  @Property({ type: 'uuid', nullable: true })
  applicationId: string | null = null;

  @Field(() => Date)
  @Property({ type: 'Date' })
  createdAt: Date = new Date();

  @Field(() => String, { description: 'The certificate, PEM' })
  get pem(): string {
    return toPem(new Uint8Array(this.der), 'CERTIFICATE');
  }
}

// The certificates vocabulary as GraphQL types.
import { Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { ApplicationUsageEnum, HashAlgorithmEnum, RenewReasonEnum, RevocationReasonEnum, SuiteEnum } from '../domain/enums.ts';

registerEnumType(SuiteEnum, { name: 'AlgorithmSuite', description: 'RSA: RSA-2048 with SHA-256; SM2: SM2 with SM3 (the national algorithms)' });
registerEnumType(ApplicationUsageEnum, {
  name: 'CertificateUsage',
  description: 'IDENTITY: a person’s login; SIGNING: a person’s signatures; ENCRYPTION: a unit’s',
});
registerEnumType(RevocationReasonEnum, { name: 'RevocationReason' });
registerEnumType(HashAlgorithmEnum, { name: 'HashAlgorithm', description: 'SHA256: SHA-256; SM3: SM3 (the national digest)' });
registerEnumType(RenewReasonEnum, { name: 'RenewReason', description: 'RENEW: before it expires; CHANGE: the holder’s details changed (变更)' });

@InputType({ description: 'An application for a certificate (seed 003 §25)' })
export class CertificateApplicationInput {
  @Field(() => ApplicationUsageEnum)
  usage!: keyof typeof ApplicationUsageEnum;

  @Field(() => SuiteEnum, { defaultValue: 'SM2' })
  suite!: keyof typeof SuiteEnum;

  @Field(() => String, { nullable: true, description: 'A PKCS#10 request signed with the holder’s own key (preferred)' })
  csr?: string | null;

  @Field(() => Boolean, {
    defaultValue: false,
    description: 'Have the key made on the server instead (RSA only): it is handed over once, as PKCS#12, and not kept',
  })
  serverKey!: boolean;
}

@ObjectType({ description: 'A certificate of the CA hierarchy' })
export class AuthorityCertificate {
  @Field(() => SuiteEnum)
  suite!: string;

  @Field(() => String, { description: 'ROOT, ISSUING, SEAL_MAKER or TSA (the time-stamping authority)' })
  role!: string;

  @Field(() => String)
  subject!: string;

  @Field(() => Date)
  notAfter!: Date;

  @Field(() => String)
  pem!: string;

  @Field(() => String, {
    description: 'SHA-256 of the certificate (DER), hex: what yizhan-verify prints of the roots an evidence package trusts, to compare',
  })
  fingerprint!: string;
}

@ObjectType({ description: 'A certificate’s status at a moment' })
export class CertificateStatus {
  @Field(() => String, { description: 'GOOD, NOT_YET_VALID, EXPIRED, SUSPENDED or REVOKED' })
  status!: string;

  @Field(() => Date)
  at!: Date;

  @Field(() => String, { nullable: true })
  reason!: string | null;

  @Field(() => Date, { nullable: true, description: 'Since when, for a revocation, suspension or expiry' })
  since!: Date | null;
}

@ObjectType({ description: 'A certificate revocation list, signed by the issuing CA' })
export class Crl {
  @Field(() => SuiteEnum)
  suite!: string;

  @Field(() => Number)
  number!: number;

  @Field(() => Date)
  thisUpdate!: Date;

  @Field(() => String)
  pem!: string;
}

@ObjectType({ description: 'A key made on the server, handed over once' })
export class CollectedKey {
  @Field(() => String, { description: 'PKCS#12 (base64), protected by the password given' })
  pkcs12!: string;

  @Field(() => ID)
  certificateId!: string;
}

@ObjectType({ description: 'Sign this text with your identity certificate’s key to log in (it expires in two minutes)' })
export class LoginChallenge {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  challenge!: string;

  @Field(() => Date)
  expiresAt!: Date;
}

@ObjectType({ description: 'An RFC 3161 time stamp issued by the platform’s time-stamping authority' })
export class IssuedTimestampResult {
  @Field(() => String, { description: 'The TimeStampToken (CMS SignedData over TSTInfo), DER, base64' })
  token!: string;

  @Field(() => String, { description: 'The TimeStampResp around it (status granted), DER, base64: what application/timestamp-reply carries' })
  reply!: string;

  @Field(() => String, { description: 'The token’s serial number, hex' })
  serial!: string;

  @Field(() => Date, { description: 'The time it states (whole seconds, accuracy one second)' })
  genTime!: Date;

  @Field(() => SuiteEnum, { description: 'The suite of the TSA that signed it' })
  suite!: string;

  @Field(() => String, { description: 'The TSA policy OID' })
  policy!: string;

  @Field(() => HashAlgorithmEnum)
  hashAlgorithm!: string;
}

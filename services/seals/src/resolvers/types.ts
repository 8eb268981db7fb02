// The seals vocabulary as GraphQL types.
import { Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { DestructionPartyEnum, SealSuiteEnum } from '../domain/enums.ts';

registerEnumType(DestructionPartyEnum, {
  name: 'DestructionParty',
  description: 'Who must be present when a seal is destroyed (seed 003 §20): the government office, the e-government office, the owning unit',
});

@InputType({ description: 'A unit’s written application for a seal' })
export class SealApplicationInput {
  @Field(() => String, { description: 'The written application (申请事由)' })
  statement!: string;

  @Field(() => String, { defaultValue: 'SM2', description: 'RSA or SM2' })
  suite!: keyof typeof SealSuiteEnum;

  @Field(() => String, { nullable: true, description: 'Text under the star, e.g. 电子公文专用章' })
  belowText?: string | null;

  @Field(() => ID, { nullable: true, description: 'For a replacement or a change: the seal it replaces' })
  replacesSealId?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'With replacesSealId: REPLACEMENT (lost or damaged, the default) or CHANGE (the unit’s name or details changed, 变更)',
  })
  kind?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      '印模 (seed 001 §19): a scan of the physical seal’s impression, PNG or JPEG, base64, at most 500 KB; kept with the application and the seal’s file',
  })
  impression?: string | null;
}

@InputType({ description: 'One party present at a seal’s destruction' })
export class WitnessInput {
  @Field(() => DestructionPartyEnum)
  party!: keyof typeof DestructionPartyEnum;

  @Field(() => String)
  name!: string;

  @Field(() => String)
  post!: string;
}

@ObjectType({ description: 'One check of a stamp’s verification, in the order they run' })
export class StampCheck {
  @Field(() => String, {
    description:
      'STAMP_SIGNATURE, SIGNER_LISTED_BY_SEAL, SEAL_SIGNATURE, SEAL_VALID_AT_SIGNING, CERTIFICATE_CHAIN, CERTIFICATE_VALID_AT_SIGNING, CERTIFICATE_NOT_REVOKED_AT_SIGNING, CONTENT_DIGEST',
  })
  check!: string;

  @Field(() => Boolean)
  ok!: boolean;

  @Field(() => String, { nullable: true, description: 'Why it failed' })
  reason!: string | null;
}

@ObjectType({ description: '验证印章: a document’s seal verified now, every check named' })
export class StampVerification {
  @Field(() => Boolean, { description: 'Whether the document carries a stamp at all' })
  stamped!: boolean;

  @Field(() => Boolean)
  valid!: boolean;

  @Field(() => ID, { nullable: true })
  sealId!: string | null;

  @Field(() => String, { nullable: true })
  sealOrgName!: string | null;

  @Field(() => Date, { nullable: true })
  signedAt!: Date | null;

  @Field(() => [StampCheck])
  checks!: StampCheck[];

  @Field(() => String, {
    nullable: true,
    description: 'The stamp as GB/T 38540 encodes it (SES_Signature with the time stamp of its signature), DER, base64; null for stamps made before',
  })
  sesSignature!: string | null;

  @Field(() => String, { nullable: true, description: 'The seal image (SVG), shown only when the stamp is valid' })
  imageSvg!: string | null;
}

@ObjectType({ description: 'One entry of a seal’s register' })
export class SealLogEntry {
  @Field(() => String)
  action!: string;

  @Field(() => String)
  actorName!: string;

  @Field(() => String)
  detail!: string;

  @Field(() => Date)
  at!: Date;
}

@ObjectType({ description: '印模: the scan of a physical seal’s impression, sent with the seal application (seed 001 §19); its bytes through sealImpression' })
export class SealImpression {
  @Field(() => ID)
  applicationId!: string;
  @Field(() => String, { description: 'image/png or image/jpeg' })
  contentType!: string;
  @Field(() => String)
  sha256!: string;
}

@ObjectType({ description: '印模 with its bytes' })
export class SealImpressionContent extends SealImpression {
  @Field(() => String, { description: 'The image, base64' })
  base64!: string;
}

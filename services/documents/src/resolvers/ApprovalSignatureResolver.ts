// Signed approvals (issue 17): an approval step's signature with its verification. The use case is app/signed-approvals.ts.
import { Ctx, Field, FieldResolver, ObjectType, Resolver, Root } from 'type-graphql';
import { approvalSignature } from '../app/signed-approvals.ts';
import type { DocumentsContext } from '../deps.ts';
import { ApprovalStep } from '../entities/History.ts';
import { ReceiptCheckView } from './ReceiptResolver.ts';

@ObjectType({
  description:
    'An approval (审批, or the 签发 at the last step) signed with the unit’s key for its approver (and by the approver’s own identity certificate when they gave it), time-stamped, and whether it holds',
})
export class ApprovalSignature {
  @Field(() => Boolean, { description: 'The last step of the approval chain: the 签发' })
  issued!: boolean;
  @Field(() => String, { description: 'The person who approved, by name, as signed' })
  approverName!: string;
  @Field(() => Date, { nullable: true, description: 'The time stamp’s time: the trusted time of the approval' })
  signedAt!: Date | null;
  @Field(() => String, { description: 'SM2 or RSA' })
  suite!: string;
  @Field(() => String, { description: 'The approval as signed: canonical JSON of document, unit, approver, step, role, comment, content digest, time' })
  approval!: string;
  @Field(() => String, { description: 'The signature over the approval (base64; SM2 in DER)' })
  signature!: string;
  @Field(() => String, { description: 'The unit’s signing certificate (DER, base64)' })
  certificate!: string;
  @Field(() => String, { description: 'The RFC 3161 time-stamp token over the signature (DER, base64)' })
  timestamp!: string;
  @Field(() => Boolean, {
    description: 'The approver signed it with their own identity certificate too (本人签名; seed 003 §3): PERSON and PERSON_CHAIN check it',
  })
  signedByPerson!: boolean;
  @Field(() => String, { nullable: true, description: 'The approver’s own signature over the same approval (base64; SM2 in DER)' })
  personSignature!: string | null;
  @Field(() => String, { nullable: true, description: 'The approver’s identity certificate (DER, base64)' })
  personCertificate!: string | null;
  @Field(() => Boolean, { description: 'Every check holds, the document as it is now included (CONTENT: it is what was approved)' })
  valid!: boolean;
  @Field(() => [ReceiptCheckView], {
    description:
      'SIGNATURE, SIGNER_UNIT, SIGNER_CHAIN, TIMESTAMP, CONTENT, and for one the approver signed too PERSON (their signature, with their certificate) and PERSON_CHAIN',
  })
  checks!: ReceiptCheckView[];
}

@Resolver(() => ApprovalStep)
export class ApprovalSignatureResolver {
  @FieldResolver(() => ApprovalSignature, {
    nullable: true,
    description: 'The approval’s signature, verified against the document as it is now; null for a submission or rejection, or an approval made without the CA',
  })
  async signature(@Root() step: ApprovalStep, @Ctx() ctx: DocumentsContext) {
    return step.action === 'APPROVED' ? approvalSignature(ctx, step) : null;
  }
}

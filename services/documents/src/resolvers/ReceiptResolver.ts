// Signed receipts (issue 17): a document's receipts with their verification. The use case is app/receipts.ts.
import { Arg, Ctx, Field, FieldResolver, ID, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { deliveryReceipts, receiptToSign, signedInPersonOf } from '../app/receipts.ts';
import type { DocumentsContext } from '../deps.ts';
import { Delivery } from '../entities/Delivery.ts';

@ObjectType({
  description:
    'One check of a receipt: SIGNATURE, SIGNER_UNIT, SIGNER_CHAIN, TIMESTAMP, CONTENT, STAMP, OFD, and for one the clerk signed too PERSON (their signature, with their certificate) and PERSON_CHAIN',
})
export class ReceiptCheckView {
  @Field(() => String)
  check!: string;
  @Field(() => Boolean)
  ok!: boolean;
  @Field(() => String, { nullable: true })
  reason!: string | null;
}

@ObjectType({ description: 'A receipt signed by the receiving unit (接收, 签收 or 退回), time-stamped, and whether it holds' })
export class SignedReceipt {
  @Field(() => ID)
  deliveryId!: string;
  @Field(() => ID)
  recipientOrgId!: string;
  @Field(() => String)
  recipientName!: string;
  @Field(() => String, { description: 'RECEIVED (接收), SIGNED (签收) or RETURNED (退回)' })
  action!: string;
  @Field(() => Date, { description: 'The time stamp’s time: the trusted time of the receipt' })
  signedAt!: Date;
  @Field(() => String, { description: 'SM2 or RSA' })
  suite!: string;
  @Field(() => String, { description: 'The receipt as signed: canonical JSON of delivery, document, content and stamp digests, action, time' })
  receipt!: string;
  @Field(() => String, { description: 'The unit’s signature over the receipt (base64; SM2 in DER)' })
  signature!: string;
  @Field(() => String, { description: 'The unit’s signing certificate (DER, base64)' })
  certificate!: string;
  @Field(() => String, {
    nullable: true,
    description:
      'The RFC 3161 time-stamp token (DER, base64): over the signature, or over the root of its batch (timestampPath); null while the receipt waits for its batch',
  })
  timestamp!: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'For a receipt time-stamped in a batch: its signature’s Merkle path to the root the token covers (JSON: [{side, hash}])',
  })
  timestampPath!: string | null;
  @Field(() => String, { nullable: true, description: 'The clerk who signed the receipt with their own identity certificate too, by name' })
  signerName!: string | null;
  @Field(() => String, { nullable: true, description: 'That clerk’s signature over the same receipt (base64; SM2 in DER)' })
  personSignature!: string | null;
  @Field(() => String, { nullable: true, description: 'That clerk’s identity certificate (DER, base64)' })
  personCertificate!: string | null;
  @Field(() => Boolean, { description: 'Every check holds, the document as it is now included' })
  valid!: boolean;
  @Field(() => [ReceiptCheckView])
  checks!: ReceiptCheckView[];
}

@Resolver()
export class ReceiptResolver {
  @Query(() => [SignedReceipt], {
    description:
      'A document’s signed receipts, each verified against the document as it is now: for the sending unit every recipient’s, for a receiving unit its own',
  })
  async deliveryReceipts(@Arg('documentId', () => ID) documentId: string, @Ctx() ctx: DocumentsContext) {
    return deliveryReceipts(ctx, documentId);
  }

  @Query(() => String, {
    description:
      'The 签收 receipt of a delivery to your unit, for you to sign with your own identity certificate’s key (the canonical JSON, signed as UTF-8): it names you. Good for ten minutes; give it with its signature to signForDelivery(ownSignature). Clerks',
  })
  async receiptToSign(@Arg('deliveryId', () => ID) deliveryId: string, @Ctx() ctx: DocumentsContext) {
    return receiptToSign(ctx, deliveryId);
  }
}

@Resolver(() => Delivery)
export class ReceiptFields {
  @FieldResolver(() => Boolean, {
    description: '签收 with the clerk’s own certificate too: the receipt carries their signature beside the unit’s (deliveryReceipts shows both)',
  })
  async signedInPerson(@Root() d: Delivery, @Ctx() ctx: DocumentsContext): Promise<boolean> {
    return d.signedAt ? signedInPersonOf(ctx, d.id) : false;
  }
}

// Signed receipts (issue 17): a document's receipts with their verification. The use case is app/receipts.ts.
import { Arg, Ctx, Field, ID, ObjectType, Query, Resolver } from 'type-graphql';
import { deliveryReceipts } from '../app/receipts.ts';
import type { DocumentsContext } from '../deps.ts';

@ObjectType({ description: 'One check of a receipt: SIGNATURE, SIGNER_UNIT, SIGNER_CHAIN, TIMESTAMP, CONTENT or STAMP' })
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
}

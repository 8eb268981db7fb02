// What happens to a delivery after it lands (issue 4, "Delivery life"): return with a reason, ask for a resend,
// recall, resend as a new linked delivery, close; and 补发 to units added after the send. The use cases are in
// app/return.ts, app/resend.ts, app/recall.ts, app/close.ts and app/supplement.ts; here they meet GraphQL.
import { badInput, optionalText, requireCaller, requiredText } from '@yizhan/common';
import { Arg, Ctx, Field, FieldResolver, ID, Int, Mutation, ObjectType, Resolver, Root } from 'type-graphql';
import { closeDelivery } from '../app/close.ts';
import { replacedBy } from '../app/correction.ts';
import { deliveryHistory } from '../app/delivery-life.ts';
import { recallDelivery } from '../app/recall.ts';
import { requestResend, resendDelivery } from '../app/resend.ts';
import { returnDelivery } from '../app/return.ts';
import { supplementRecipients } from '../app/supplement.ts';
import type { DocumentsContext } from '../deps.ts';
import { returnReasonOf } from '../domain/delivery.ts';
import { Delivery } from '../entities/Delivery.ts';
import { ReturnReasonEnum } from './enums.ts';
import { RecipientSpecInput } from './types.ts';

@ObjectType({ description: 'One change in a delivery’s life: who, when, what, why' })
export class DeliveryChange {
  @Field(() => String)
  action!: string;
  @Field(() => String)
  fromStatus!: string;
  @Field(() => String)
  toStatus!: string;
  @Field(() => String)
  actorName!: string;
  @Field(() => String, { nullable: true })
  reason!: string | null;
  @Field(() => String, { nullable: true })
  note!: string | null;
  @Field(() => Date)
  at!: Date;
}

@ObjectType()
export class SupplementResult {
  @Field(() => Int, { description: 'New deliveries created' })
  added!: number;
  @Field(() => Int, { description: 'Units that already had a live delivery of the document' })
  alreadyDelivered!: number;
}

/** A reason or note given with an act (退回, 请求重发, 撤回…): required where the act must say why; the field named. */
const cleanNote = (note: string | undefined | null, field: string, required: boolean): string | null =>
  required ? requiredText(note, field, { max: 500 }) : optionalText(note, field, { max: 500 });

@Resolver(() => Delivery)
export class DeliveryLifeResolver {
  @FieldResolver(() => Delivery, {
    nullable: true,
    description: 'For a resent delivery: the one that replaced it — its resend, or the delivery of the corrected document (修改后重发)',
  })
  async replacedBy(@Root() d: Delivery, @Ctx() ctx: DocumentsContext): Promise<Delivery | null> {
    return replacedBy(ctx.em, d);
  }

  @FieldResolver(() => [DeliveryChange], { description: 'Every change of this delivery, oldest first' })
  async history(@Root() d: Delivery, @Ctx() ctx: DocumentsContext): Promise<DeliveryChange[]> {
    return deliveryHistory(ctx, d.id);
  }

  @Mutation(() => Delivery, {
    description:
      '退回 instead of 签收: your unit’s clerk sends a delivery back with the finding of 初审 and a note (required for OTHER); the sender sees it at once. Refused once signed for (ALREADY_SIGNED)',
  })
  async returnDelivery(
    @Arg('id', () => ID) id: string,
    @Arg('reason', () => ReturnReasonEnum) reason: string,
    @Arg('note', () => String, { nullable: true }) note: string | undefined,
    @Ctx() ctx: DocumentsContext,
  ) {
    requireCaller(ctx);
    const finding = returnReasonOf(reason);
    if (!finding) throw badInput('Unknown return reason', 'reason');
    return returnDelivery(ctx, id, finding, cleanNote(note, 'note', finding === 'OTHER'));
  }

  @Mutation(() => Delivery, { description: '请求重发: the document could not be received; the sender is asked to resend (seed 001 §10)' })
  async requestResend(@Arg('id', () => ID) id: string, @Arg('note', () => String) note: string, @Ctx() ctx: DocumentsContext) {
    requireCaller(ctx);
    return requestResend(ctx, id, cleanNote(note, 'note', true));
  }

  @Mutation(() => Delivery, { description: '撤回: the sender withdraws a delivery its recipient has not yet received (opened, printed or downloaded)' })
  async recallDelivery(@Arg('id', () => ID) id: string, @Arg('note', () => String) note: string, @Ctx() ctx: DocumentsContext) {
    requireCaller(ctx);
    return recallDelivery(ctx, id, cleanNote(note, 'note', true));
  }

  @Mutation(() => Delivery, { description: 'Answer a return or a resend request with a new delivery, linked to the old one; returns the new one' })
  async resendDelivery(@Arg('id', () => ID) id: string, @Ctx() ctx: DocumentsContext) {
    return resendDelivery(ctx, id);
  }

  @Mutation(() => Delivery, { description: '办结: the receiving unit has dealt with what it signed for (needs 签收 first), with its result' })
  async closeDelivery(
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: DocumentsContext,
    @Arg('result', () => String, { nullable: true, description: '办理结果 (at most 500 characters), kept in the history and told to the sender' })
    result?: string | null,
  ) {
    return closeDelivery(ctx, id, cleanNote(result, 'result', false));
  }

  @Mutation(() => SupplementResult, {
    description: '补发: deliver a sent document to further units, as new deliveries; units that already have it are skipped',
  })
  async supplementRecipients(
    @Arg('documentId', () => ID) documentId: string,
    @Arg('recipients', () => [RecipientSpecInput]) recipients: RecipientSpecInput[],
    @Ctx() ctx: DocumentsContext,
  ): Promise<SupplementResult> {
    return supplementRecipients(ctx, documentId, recipients);
  }
}

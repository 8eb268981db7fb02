// Urgent alerts as users see them: a unit's in-app notifications, and the sender's view of each alert's delivery.
// The use cases are in app/urgent-alerts.ts; here they meet GraphQL.
import { badInput, requireCaller } from '@yizhan/common';
import { Arg, Ctx, Field, FieldResolver, ID, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { alertsOf, markNotificationsRead, notifications } from '../app/urgent-alerts.ts';
import type { DocumentsContext } from '../deps.ts';
import { Delivery } from '../entities/Delivery.ts';

@ObjectType({ description: 'An in-app notification to a unit (urgent documents)' })
export class Notification {
  @Field(() => ID)
  id!: string;
  @Field(() => ID)
  deliveryId!: string;
  @Field(() => String)
  text!: string;
  @Field(() => Date)
  createdAt!: Date;
  @Field(() => Date, { nullable: true })
  readAt!: Date | null;
}

@ObjectType({
  description:
    'An SMS or webhook alert of an urgent delivery: retried until delivered, given up after its last attempt or a day, cancelled when the unit changes its webhook',
})
export class Alert {
  @Field(() => String)
  channel!: string;
  @Field(() => String, { description: 'The contact (SMS) or the webhook' })
  targetName!: string;
  @Field(() => String, {
    description: 'PENDING (being tried), SENT, FAILED (given up, or the webhook is not a public address) or CANCELLED (the unit changed its webhook)',
  })
  status!: string;
  @Field(() => Int)
  attempts!: number;
  @Field(() => String, { nullable: true, description: 'Why the last attempt failed; of a webhook, never what it answered' })
  lastError!: string | null;
  @Field(() => Date, { nullable: true })
  sentAt!: Date | null;
}

@Resolver(() => Delivery)
export class AlertResolver {
  @Query(() => [Notification], { description: 'Your unit’s notifications, newest first' })
  async notifications(@Arg('unreadOnly', () => Boolean, { defaultValue: false }) unreadOnly: boolean, @Ctx() ctx: DocumentsContext): Promise<Notification[]> {
    return notifications(ctx, unreadOnly);
  }

  @Mutation(() => Int, { description: 'Mark notifications read; returns how many changed' })
  async markNotificationsRead(@Arg('ids', () => [ID]) ids: string[], @Ctx() ctx: DocumentsContext): Promise<number> {
    requireCaller(ctx);
    if (!ids.every((i) => /^\d{1,18}$/.test(i))) throw badInput('Notification ids are numbers', 'ids');
    return markNotificationsRead(ctx, ids);
  }

  @FieldResolver(() => [Alert], { description: 'SMS and webhook alerts of this delivery (urgent documents)' })
  async alerts(@Root() d: Delivery, @Ctx() ctx: DocumentsContext): Promise<Alert[]> {
    return alertsOf(ctx, d.id);
  }
}

// Urgent alerts as users see them: a unit's in-app notifications, and the sender's view of each alert's delivery.
import { badInput, requireCaller } from '@yizhan/common';
import { Arg, Ctx, Field, FieldResolver, ID, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
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

@ObjectType({ description: 'An SMS or webhook alert of an urgent delivery, retried until delivered' })
export class Alert {
  @Field(() => String)
  channel!: string;
  @Field(() => String, { description: 'The contact (SMS) or the webhook' })
  targetName!: string;
  @Field(() => String)
  status!: string;
  @Field(() => Int)
  attempts!: number;
  @Field(() => String, { nullable: true })
  lastError!: string | null;
  @Field(() => Date, { nullable: true })
  sentAt!: Date | null;
}

@Resolver(() => Delivery)
export class AlertResolver {
  @Query(() => [Notification], { description: 'Your unit’s notifications, newest first' })
  async notifications(@Arg('unreadOnly', () => Boolean, { defaultValue: false }) unreadOnly: boolean, @Ctx() ctx: DocumentsContext): Promise<Notification[]> {
    const caller = requireCaller(ctx);
    const rows = (await ctx.em.execute(
      `select id::text, delivery_id, text, created_at, read_at from documents.notifications where org_id = ? ${unreadOnly ? 'and read_at is null' : ''} order by created_at desc limit 100`,
      [caller.orgId],
    )) as { id: string; delivery_id: string; text: string; created_at: string; read_at: string | null }[];
    return rows.map((r) => ({
      id: r.id,
      deliveryId: r.delivery_id,
      text: r.text,
      createdAt: new Date(r.created_at),
      readAt: r.read_at ? new Date(r.read_at) : null,
    }));
  }

  @Mutation(() => Int, { description: 'Mark notifications read; returns how many changed' })
  async markNotificationsRead(@Arg('ids', () => [ID]) ids: string[], @Ctx() ctx: DocumentsContext): Promise<number> {
    const caller = requireCaller(ctx);
    if (!ids.every((i) => /^\d{1,18}$/.test(i))) throw badInput('Notification ids are numbers', 'ids');
    const rows = (await ctx.em.execute(
      `update documents.notifications set read_at = now() where org_id = ? and read_at is null and id = any(?::bigint[]) returning id`,
      [caller.orgId, `{${ids.join(',')}}`],
    )) as unknown[];
    return rows.length;
  }

  @FieldResolver(() => [Alert], { description: 'SMS and webhook alerts of this delivery (urgent documents)' })
  async alerts(@Root() d: Delivery, @Ctx() ctx: DocumentsContext): Promise<Alert[]> {
    const rows = (await ctx.em.execute(
      'select channel, target_name, status, attempts, last_error, sent_at from documents.alerts where delivery_id = ? order by id',
      [d.id],
    )) as { channel: string; target_name: string; status: string; attempts: number; last_error: string | null; sent_at: string | null }[];
    return rows.map((r) => ({
      channel: r.channel,
      targetName: r.target_name,
      status: r.status,
      attempts: r.attempts,
      lastError: r.last_error,
      sentAt: r.sent_at ? new Date(r.sent_at) : null,
    }));
  }
}

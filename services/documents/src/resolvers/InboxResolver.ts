// The clerk inbox (seed 003 §27: every delivery lands in the unit's clerk inbox) and signing for a delivery.
import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput, forbidden, requireCaller } from '@yizhan/common';
import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { DocumentsContext } from '../deps.ts';
import { Delivery } from '../entities/Delivery.ts';
import { Document } from '../entities/Document.ts';
import { recordReceipt } from '../receipts.ts';
import { getDelivery, getDocument, likeEscape, rows } from '../store.ts';
import { InboxFilter, InboxPage, OrgRef } from './types.ts';

const encode = (d: Delivery) => Buffer.from(`${new Date(d.deliveredAt).toISOString()}|${d.id}`).toString('base64url');
function decode(cursor: string): [string, string] {
  const [at, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  if (!at || !id || Number.isNaN(Date.parse(at))) throw badInput('Malformed cursor', 'after');
  return [at, id];
}

@Resolver(() => Delivery)
export class InboxResolver {
  @Query(() => InboxPage, { description: 'Your unit’s clerk inbox, newest first' })
  async inbox(
    @Arg('filter', () => InboxFilter, { nullable: true }) filter: InboxFilter | undefined,
    @Arg('first', () => Int, { defaultValue: 20 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | undefined,
    @Ctx() ctx: DocumentsContext,
  ): Promise<InboxPage> {
    const caller = requireCaller(ctx);
    if (first < 1 || first > 200) throw badInput('first must be between 1 and 200', 'first');
    const where = ['recipient_org_id = ?'];
    const params: unknown[] = [caller.orgId];
    const f = filter ?? {};
    if (f.status) where.push('status = ?') && params.push(f.status);
    if (f.urgency) where.push('urgency = ?') && params.push(f.urgency);
    if (f.docType) where.push('doc_type = ?') && params.push(f.docType);
    if (f.senderOrgId) where.push('sender_org_id = ?::uuid') && params.push(f.senderOrgId);
    if (f.from) where.push('delivered_at >= ?') && params.push(f.from);
    if (f.to) where.push('delivered_at < ?') && params.push(f.to);
    if (f.search?.trim()) {
      const like = `%${likeEscape(f.search.trim().slice(0, 100))}%`;
      where.push('(title ilike ? or doc_number ilike ?)') && params.push(like, like);
    }
    const [counts] = (await ctx.em.execute(
      `select count(*) filter (where ${where.join(' and ')})::int as total,
              count(*) filter (where status = 'DELIVERED')::int as unread,
              count(*) filter (where status = 'DELIVERED' and deadline < now())::int as overdue
       from documents.deliveries where recipient_org_id = ?`,
      [...params, caller.orgId],
    )) as [{ total: number; unread: number; overdue: number }];
    if (after) {
      const [at, id] = decode(after);
      where.push('(delivered_at, id) < (?::timestamptz, ?::uuid)') && params.push(at, id);
    }
    const page = await rows(ctx.em, Delivery, `select * from documents.deliveries where ${where.join(' and ')} order by delivered_at desc, id desc limit ?`, [
      ...params,
      first + 1,
    ]);
    const nodes = page.slice(0, first);
    const last = nodes.at(-1);
    return {
      nodes,
      totalCount: counts.total,
      unreadCount: counts.unread,
      overdueCount: counts.overdue,
      pageInfo: { endCursor: last ? encode(last) : null, hasNextPage: page.length > first },
    };
  }

  @Query(() => Delivery, { description: 'One delivery: to your unit, or of a document your unit sent' })
  async delivery(@Arg('id', () => ID) id: string, @Ctx() ctx: DocumentsContext) {
    requireCaller(ctx);
    return getDelivery(ctx.em, id);
  }

  @Mutation(() => Delivery, { description: 'Open a delivered document: the first open is the receipt (签收) of your unit' })
  async openDelivery(@Arg('id', () => ID) id: string, @Ctx() ctx: DocumentsContext) {
    const caller = requireCaller(ctx);
    return ctx.em.transactional(async (em) => {
      const delivery = await getDelivery(em as EntityManager, id);
      if (delivery.recipientOrgId !== caller.orgId) throw forbidden('Only the recipient unit signs for a delivery');
      await recordReceipt(em as EntityManager, caller, id, 'OPEN');
      em.clear();
      return getDelivery(em as EntityManager, id);
    });
  }

  @FieldResolver(() => Document)
  async document(@Root() d: Delivery, @Ctx() ctx: DocumentsContext) {
    return getDocument(ctx.em, d.documentId);
  }

  @FieldResolver(() => OrgRef)
  recipientOrg(@Root() d: Delivery): OrgRef {
    return { id: d.recipientOrgId };
  }

  @FieldResolver(() => OrgRef)
  senderOrg(@Root() d: Delivery): OrgRef {
    return { id: d.senderOrgId };
  }
}

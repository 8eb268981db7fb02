// The clerk inbox (seed 003 §27: every delivery lands in the unit's clerk inbox) and opening a delivery (接收). The
// use cases are in app/inbox.ts and app/receive.ts; here they meet GraphQL. 签收 and the register are IntakeResolver's.
import { badInput, requireCaller } from '@yizhan/common';
import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { documentOfDelivery, inbox, reportAskedOf } from '../app/inbox.ts';
import { openDelivery } from '../app/receive.ts';
import type { DocumentsContext } from '../deps.ts';
import { Delivery } from '../entities/Delivery.ts';
import { Document } from '../entities/Document.ts';
import { getDelivery } from '../store/documents.ts';
import { InboxFilter, InboxPage, OrgRef, ReportAsked } from './types.ts';

@Resolver(() => Delivery)
export class InboxResolver {
  @Query(() => InboxPage, { description: 'Your unit’s clerk inbox, newest first' })
  async inbox(
    @Arg('filter', () => InboxFilter, { nullable: true }) filter: InboxFilter | undefined,
    @Arg('first', () => Int, { defaultValue: 20 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | undefined,
    @Ctx() ctx: DocumentsContext,
  ): Promise<InboxPage> {
    requireCaller(ctx);
    if (first < 1 || first > 200) throw badInput('first must be between 1 and 200', 'first');
    return inbox(ctx, filter, first, after);
  }

  @Query(() => Delivery, { description: 'One delivery: to your unit, or of a document your unit sent' })
  async delivery(@Arg('id', () => ID) id: string, @Ctx() ctx: DocumentsContext) {
    requireCaller(ctx);
    return getDelivery(ctx.em, id);
  }

  @Mutation(() => Delivery, {
    description:
      'Open a delivered document: the first open is the receipt (接收) of your unit. Before 签收 only its clerks (and its OA system) may open it (NOT_SIGNED_FOR)',
  })
  async openDelivery(
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: DocumentsContext,
    @Arg('openedByThere', () => String, {
      nullable: true,
      description:
        'For the exchange of a peer platform (its stand-in’s API token) only: who opened it on the other platform, as that platform names them (1–50 characters); the 接收 names them, with the platform',
    })
    openedByThere?: string | null,
  ) {
    return openDelivery(ctx, id, openedByThere ?? null);
  }

  @FieldResolver(() => ReportAsked, {
    nullable: true,
    description: '征集: what the unit was asked to report of this document (deadline and state), for the unit and the sender; null if nothing',
  })
  reportAsked(@Root() d: Delivery, @Ctx() ctx: DocumentsContext) {
    return reportAskedOf(ctx, d);
  }

  @FieldResolver(() => Document)
  async document(@Root() d: Delivery, @Ctx() ctx: DocumentsContext) {
    return documentOfDelivery(ctx, d.documentId);
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

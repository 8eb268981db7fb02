// 对端来文 (issue 19): the use case is app/peer-intake.ts; here it meets GraphQL.
import { Arg, Ctx, Field, ID, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { peerDeliveries, peerDeliveriesNotYetReceived, receiveFromPeer } from '../app/peer-intake.ts';
import type { DocumentsContext } from '../deps.ts';
import { Delivery } from '../entities/Delivery.ts';

@ObjectType({ description: '对端来文: a peer platform’s delivery, and the delivery it became here' })
export class PeerDelivery {
  @Field(() => ID)
  peerDeliveryId!: string;
  @Field(() => Delivery)
  delivery!: Delivery;
}

@Resolver()
export class PeerIntakeResolver {
  @Query(() => [PeerDelivery], {
    description:
      '对端来文, for the exchange (the API token of a peer’s stand-in): what became here of the peer deliveries it handed over — each one’s delivery with its status (签收, 退回 …) to report back to the peer; those not handed over are left out. At most 500 at once',
  })
  async peerDeliveries(@Arg('peerDeliveryIds', () => [ID]) peerDeliveryIds: string[], @Ctx() ctx: DocumentsContext): Promise<PeerDelivery[]> {
    return peerDeliveries(ctx, peerDeliveryIds);
  }

  @Query(() => [PeerDelivery], {
    description:
      '对端来文, for the exchange (the API token of a peer’s stand-in): the peer deliveries it handed over that their unit here has not yet received (接收), oldest first — those a recall (撤回) on the peer may still withdraw here. At most 500',
  })
  async peerDeliveriesNotYetReceived(@Ctx() ctx: DocumentsContext): Promise<PeerDelivery[]> {
    return peerDeliveriesNotYetReceived(ctx);
  }

  @Mutation(() => Delivery, {
    description:
      '对端来文: the exchange of a peer platform (the API token of its stand-in unit here) hands over a document delivered there, in the evidence package exported for that delivery; verified against the roots pinned for the peer (PEER_PACKAGE_REFUSED naming what failed), it is delivered to the unit the peer delivers to, once per peer delivery',
  })
  async receiveFromPeer(
    @Arg('peerDeliveryId', () => ID, { description: 'The delivery on the peer platform' }) peerDeliveryId: string,
    @Arg('evidencePackage', () => String, { description: 'The evidence package the peer exported for it (exportEvidencePackage), base64' })
    evidencePackage: string,
    @Arg('resendOf', () => ID, {
      nullable: true,
      description:
        'For a resend there (重发 or 修改后重发): the peer delivery it replaces, whose 退回 or 请求重发 it answers; its delivery here is replaced the same way',
    })
    resendOf: string | null | undefined,
    @Ctx() ctx: DocumentsContext,
  ): Promise<Delivery> {
    return receiveFromPeer(ctx, peerDeliveryId, evidencePackage, resendOf ?? null);
  }
}

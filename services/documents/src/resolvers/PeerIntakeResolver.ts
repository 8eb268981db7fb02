// 对端来文 (issue 19): the use case is app/peer-intake.ts; here it meets GraphQL.
import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import { receiveFromPeer } from '../app/peer-intake.ts';
import type { DocumentsContext } from '../deps.ts';
import { Delivery } from '../entities/Delivery.ts';

@Resolver()
export class PeerIntakeResolver {
  @Mutation(() => Delivery, {
    description:
      '对端来文: the exchange of a peer platform (the API token of its stand-in unit here) hands over a document delivered there, in the evidence package exported for that delivery; verified against the roots pinned for the peer (PEER_PACKAGE_REFUSED naming what failed), it is delivered to the unit the peer delivers to, once per peer delivery',
  })
  async receiveFromPeer(
    @Arg('peerDeliveryId', () => ID, { description: 'The delivery on the peer platform' }) peerDeliveryId: string,
    @Arg('evidencePackage', () => String, { description: 'The evidence package the peer exported for it (exportEvidencePackage), base64' })
    evidencePackage: string,
    @Ctx() ctx: DocumentsContext,
  ): Promise<Delivery> {
    return receiveFromPeer(ctx, peerDeliveryId, evidencePackage);
  }
}

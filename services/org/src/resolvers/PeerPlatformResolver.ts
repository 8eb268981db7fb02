// 对端平台 (issue 19): the peer platforms a province exchanges documents with, registered by its administrators.
import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { peerPlatforms, registerPeerPlatform } from '../app/peer-platforms.ts';
import type { OrgContext } from '../deps.ts';
import { PeerPlatform, RegisterPeerPlatformInput } from './types.ts';

@Resolver()
export class PeerPlatformResolver {
  @Query(() => [PeerPlatform], { description: 'The peer platforms registered at or below your unit (administrators)' })
  async peerPlatforms(@Ctx() ctx: OrgContext): Promise<PeerPlatform[]> {
    return peerPlatforms(ctx);
  }

  @Mutation(() => PeerPlatform, {
    description:
      'Register a peer platform (对端平台) that delivers documents to a unit you administer: its stand-in unit is registered under that unit, and its CA roots pinned',
  })
  async registerPeerPlatform(@Arg('input', () => RegisterPeerPlatformInput) input: RegisterPeerPlatformInput, @Ctx() ctx: OrgContext): Promise<PeerPlatform> {
    return registerPeerPlatform(input, ctx);
  }
}

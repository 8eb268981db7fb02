// 用印: a document approved for sending is stamped when both custodians have presented their PINs. The first
// custodian's share waits, under the service's secret, with the request; the second completes it. Each use, and
// each refused use, is in the seal's register.
import { STAMP_CHECK_WORDS } from '@yizhan/contracts/seals';
import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { cancelStampRequest, presentSealPin, requestStamp, stampRequests } from '../app/stamp.ts';
import { documentSeal } from '../app/verify-stamp.ts';
import type { SealsContext } from '../deps.ts';
import { StampRequest } from '../entities/StampRequest.ts';
import { TerminalProofInput } from './TerminalResolver.ts';
import { StampCheck, StampVerification } from './types.ts';

@Resolver()
export class StampResolver {
  @Query(() => [StampRequest], { description: 'Documents of your unit waiting for (or done with) the seal, newest first' })
  async stampRequests(@Arg('status', () => String, { nullable: true }) status: string | null, @Ctx() ctx: SealsContext) {
    return stampRequests(status, ctx);
  }

  @Query(() => StampVerification, { description: '验证印章: the document’s seal verified now, every check named (the sender and its recipients)' })
  async documentSeal(@Arg('documentId', () => ID) documentId: string, @Ctx() ctx: SealsContext): Promise<StampVerification> {
    return documentSeal(documentId, ctx);
  }

  @Mutation(() => StampRequest, { description: 'Ask for the unit’s seal on an approved document; its custodians then present their PINs' })
  async requestStamp(@Arg('documentId', () => ID) documentId: string, @Ctx() ctx: SealsContext) {
    return requestStamp(documentId, ctx);
  }

  @Mutation(() => StampRequest, {
    description: 'A custodian presents their PIN for a stamp request; when the second custodian has too, the document is stamped',
  })
  async presentSealPin(
    @Arg('requestId', () => ID) requestId: string,
    @Arg('pin', () => String) pin: string,
    @Arg('terminal', () => TerminalProofInput, { nullable: true, description: 'For a seal kept to its terminals: this computer’s proof' })
    terminal: TerminalProofInput | null,
    @Ctx() ctx: SealsContext,
  ) {
    return presentSealPin(requestId, pin, ctx, terminal);
  }

  @Mutation(() => StampRequest, { description: 'Withdraw a stamp request' })
  async cancelStampRequest(@Arg('id', () => ID) id: string, @Arg('reason', () => String) reason: string, @Ctx() ctx: SealsContext) {
    return cancelStampRequest(id, reason, ctx);
  }
}

@Resolver(() => StampCheck)
export class StampCheckResolver {
  @FieldResolver(() => String, { description: 'The check in the words a clerk reads (签章签名, 公文内容未被改动 …)' })
  label(@Root() c: StampCheck): string {
    return STAMP_CHECK_WORDS[c.check] ?? c.check;
  }
}

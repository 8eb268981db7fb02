// 用印专用终端 (seed 000 §18, seed 002 六): the computers a unit registered for using its seal, and whether its seal is
// kept to them. Each field maps to its use case.
import { Arg, Ctx, Field, ID, InputType, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { registerSealTerminal, revokeSealTerminal, sealTerminals, setSealTerminalOnly, type TerminalView } from '../app/terminals.ts';
import type { SealsContext } from '../deps.ts';
import { Seal } from '../entities/Seal.ts';

@ObjectType({ description: '用印专用终端: a computer the unit registered for using its seal, looked after by one person' })
export class SealTerminal {
  @Field(() => ID)
  id!: string;
  @Field(() => String)
  name!: string;
  @Field(() => String, { description: 'Who looks after it (专人管理), by name' })
  keeperName!: string;
  @Field(() => String, { description: 'SHA-256 of its public key (SPKI), as the computer shows it' })
  fingerprint!: string;
  @Field(() => String)
  registeredByName!: string;
  @Field(() => Date)
  registeredAt!: Date;
  @Field(() => Date, { nullable: true, description: 'When a custodian’s PIN was last taken on it' })
  lastUsedAt!: Date | null;
  @Field(() => Date, { nullable: true })
  revokedAt!: Date | null;
  @Field(() => String, { nullable: true })
  revokedByName!: string | null;
  @Field(() => String, { nullable: true })
  revokedReason!: string | null;
}

@InputType({ description: 'A computer registered as a seal terminal, from that computer' })
export class SealTerminalInput {
  @Field(() => String, { description: '1–60 characters, one line (办公室用印专用机)' })
  name!: string;
  @Field(() => ID, { description: 'The person of the unit who looks after it' })
  keeperId!: string;
  @Field(() => String, { description: 'The public key the computer made (ECDSA P-256, SPKI, base64); its private key stays there' })
  publicKey!: string;
}

@InputType({
  description:
    'The proof that a PIN comes from a registered terminal: its signature (ECDSA P-256, r‖s, base64) over "yizhan-seal-terminal\\n<requestId>\\n<your user id>"',
})
export class TerminalProofInput {
  @Field(() => ID)
  terminalId!: string;
  @Field(() => String)
  signature!: string;
}

@Resolver()
export class TerminalResolver {
  @Query(() => [SealTerminal], { description: 'Your unit’s seal terminals, those in use first (its administrators and seal keepers)' })
  async sealTerminals(@Ctx() ctx: SealsContext): Promise<TerminalView[]> {
    return sealTerminals(ctx);
  }

  @Mutation(() => SealTerminal, { description: 'Register this computer as a seal terminal of your unit (its administrator, on that computer)' })
  async registerSealTerminal(@Arg('input', () => SealTerminalInput) input: SealTerminalInput, @Ctx() ctx: SealsContext): Promise<TerminalView> {
    return registerSealTerminal(ctx, input);
  }

  @Mutation(() => SealTerminal, { description: 'Revoke a terminal (retired, lost, handed on): no PIN is taken from it again' })
  async revokeSealTerminal(@Arg('id', () => ID) id: string, @Arg('reason', () => String) reason: string, @Ctx() ctx: SealsContext): Promise<TerminalView> {
    return revokeSealTerminal(ctx, id, reason);
  }

  @Mutation(() => Seal, { description: 'Keep your unit’s seal to its registered terminals, or let it be used on any computer again (its administrator)' })
  async setSealTerminalOnly(
    @Arg('sealId', () => ID) sealId: string,
    @Arg('required', () => Boolean) required: boolean,
    @Ctx() ctx: SealsContext,
  ): Promise<Seal> {
    return setSealTerminalOnly(ctx, sealId, required);
  }
}

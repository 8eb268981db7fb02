// Login sessions: one's own (and, for a unit's administrator, an account's), logout, and "log out everywhere".
import { Arg, Ctx, Field, ID, Int, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { endUserSessions, logout, logoutEverywhere, mySessions, userSessions } from '../app/sessions.ts';
import type { OrgContext } from '../deps.ts';
import { LoginMethod, SessionEndReason } from '../domain/enums.ts';
import './enums.ts';

@ObjectType({ description: 'A login: where from, on what, when, until when' })
export class Session {
  @Field(() => ID)
  id!: string;
  @Field(() => LoginMethod)
  method!: LoginMethod;
  @Field(() => String, { nullable: true, description: 'The client address the login came from, as the gateway saw it' })
  clientAddress!: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'The browser and system the login came from, as its User-Agent named them (“Chrome 131 · Windows”); null when it named neither',
  })
  device!: string | null;
  @Field(() => Date)
  startedAt!: Date;
  @Field(() => Date)
  expiresAt!: Date;
  @Field(() => Date, { nullable: true })
  endedAt!: Date | null;
  @Field(() => SessionEndReason, { nullable: true })
  endReason!: SessionEndReason | null;
  @Field(() => Boolean, { description: 'The session of the token asking' })
  current!: boolean;
}

@Resolver()
export class SessionResolver {
  @Query(() => [Session], { description: 'Your sessions that still stand, newest first' })
  async mySessions(@Ctx() ctx: OrgContext) {
    return mySessions(ctx);
  }

  @Query(() => [Session], { description: 'An account’s sessions that still stand (its unit’s administrators, or above)' })
  async userSessions(@Arg('userId', () => ID) userId: string, @Ctx() ctx: OrgContext) {
    return userSessions(userId, ctx);
  }

  @Mutation(() => Boolean, { description: 'Log out: this token stops working at once, on every gateway. False when it had already ended' })
  async logout(@Ctx() ctx: OrgContext): Promise<boolean> {
    return logout(ctx);
  }

  @Mutation(() => Int, { description: 'End all your sessions (this one too, unless keepThisOne); the number ended' })
  async logoutEverywhere(@Arg('keepThisOne', () => Boolean, { defaultValue: false }) keepThisOne: boolean, @Ctx() ctx: OrgContext): Promise<number> {
    return logoutEverywhere(keepThisOne, ctx);
  }

  @Mutation(() => Int, { description: 'End all sessions of an account (its unit’s administrators, or above), e.g. a lost computer; the number ended' })
  async endUserSessions(@Arg('userId', () => ID) userId: string, @Ctx() ctx: OrgContext): Promise<number> {
    return endUserSessions(userId, ctx);
  }
}

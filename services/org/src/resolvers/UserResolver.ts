// People and their accounts: one person, one account (seed 004 §6). A unit's administrator manages the unit's
// accounts; an administrator of a superior unit may too (seed 003 §6(5), §12).

import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import {
  createUser,
  me,
  mobileFor,
  recordUserTraining,
  resetPassword,
  setUserMobile,
  setUserPost,
  setUserRoles,
  setUserStatus,
  unlockUser,
  users,
} from '../app/accounts.ts';
import { loginDelayMs } from '../app/login.ts';
import type { OrgContext } from '../deps.ts';
import { UserStatus } from '../domain/enums.ts';
import { Org } from '../entities/Org.ts';
import { User } from '../entities/User.ts';
import { getOrg } from '../store/orgs.ts';
import { CreateUserInput, UserWithPassword } from './types.ts';

@Resolver(() => User)
export class UserResolver {
  @Query(() => User, { description: 'The logged-in user' })
  async me(@Ctx() ctx: OrgContext): Promise<User> {
    return me(ctx);
  }

  @Query(() => [User], { description: "A unit's accounts: visible to its members and to administrators above it" })
  async users(@Arg('orgId', () => ID) orgId: string, @Ctx() ctx: OrgContext): Promise<User[]> {
    return users(orgId, ctx);
  }

  @FieldResolver(() => String, {
    nullable: true,
    description:
      "The person's own mobile (11 digits), where automatic 催办 texts a leader: shown to the person and to the administrators of the person's unit only (null to anyone else)",
  })
  mobile(@Root() user: User, @Ctx() ctx: OrgContext): string | null {
    return mobileFor(ctx, user);
  }

  @FieldResolver(() => Boolean, {
    description: 'Whether its failed logins now make each next login wait (the platform’s threshold reached): what 解锁 is for',
  })
  loginDelayed(@Root() user: User, @Ctx() ctx: OrgContext): boolean {
    return loginDelayMs(user.failedLogins, ctx.deps.settings) > 0;
  }

  @FieldResolver(() => Org)
  async org(@Root() user: User, @Ctx() ctx: OrgContext): Promise<Org> {
    return getOrg(ctx.em, user.orgId);
  }

  @Mutation(() => UserWithPassword, { description: 'Create an account with a one-time password to be changed at first login' })
  async createUser(@Arg('input', () => CreateUserInput) input: CreateUserInput, @Ctx() ctx: OrgContext): Promise<UserWithPassword> {
    return createUser(input, ctx);
  }

  @Mutation(() => User, { description: 'Unlock an account and clear its failed logins, and so the wait they impose (seed 003 §14)' })
  async unlockUser(@Arg('id', () => ID) id: string, @Ctx() ctx: OrgContext): Promise<User> {
    return unlockUser(id, ctx);
  }

  @Mutation(() => UserWithPassword, { description: 'Reset a forgotten password to a one-time password (seed 003 §14)' })
  async resetPassword(@Arg('id', () => ID) id: string, @Ctx() ctx: OrgContext): Promise<UserWithPassword> {
    return resetPassword(id, ctx);
  }

  @Mutation(() => User, { description: "Replace an account's roles" })
  async setUserRoles(@Arg('id', () => ID) id: string, @Arg('roles', () => [String]) roles: string[], @Ctx() ctx: OrgContext): Promise<User> {
    return setUserRoles(id, roles, ctx);
  }

  @Mutation(() => User, {
    description:
      "Set or clear (null) a person's mobile: the person, or an administrator of the person's unit. BAD_INPUT (field mobile) for anything but a mainland mobile number",
  })
  async setUserMobile(
    @Arg('id', () => ID) id: string,
    @Arg('mobile', () => String, { nullable: true }) mobile: string | null,
    @Ctx() ctx: OrgContext,
  ): Promise<User> {
    return setUserMobile(id, mobile, ctx);
  }

  @Mutation(() => User, {
    description:
      '培训考核 (seed 004: 考核合格后方能上岗): record the day (YYYY-MM-DD) a person passed the training and its assessment, and what it was; null clears it. An administrator of the person’s unit or above',
  })
  async recordUserTraining(
    @Arg('id', () => ID) id: string,
    @Arg('trainedOn', () => String, { nullable: true }) trainedOn: string | null,
    @Arg('note', () => String, { nullable: true }) note: string | null,
    @Ctx() ctx: OrgContext,
  ): Promise<User> {
    return recordUserTraining(id, trainedOn, note, ctx);
  }

  @Mutation(() => User, {
    description:
      '职务: set or clear (null) a person’s post (at most 30 characters of words), printed beside their name on a 命令（令） they sign. An administrator of the person’s unit or above',
  })
  async setUserPost(
    @Arg('id', () => ID) id: string,
    @Arg('post', () => String, { nullable: true }) post: string | null,
    @Ctx() ctx: OrgContext,
  ): Promise<User> {
    return setUserPost(id, post, ctx);
  }

  @Mutation(() => User, { description: 'Disable or re-enable an account' })
  async setUserStatus(@Arg('id', () => ID) id: string, @Arg('status', () => UserStatus) status: UserStatus, @Ctx() ctx: OrgContext): Promise<User> {
    return setUserStatus(id, status, ctx);
  }
}

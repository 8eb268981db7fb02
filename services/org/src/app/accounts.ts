// A unit's accounts: creating one with a one-time password, unlocking, resetting a password, roles, disabling.
import { type EntityManager } from '@mikro-orm/postgresql';
import { badInput, forbidden, optionalText, ROLES, requireCaller, YizhanError } from '@yizhan/common';
import { OrgErrorCode } from '@yizhan/contracts/org';
import { type OrgContext } from '../deps.ts';
import { type Role, UserStatus } from '../domain/enums.ts';
import { cleanMobile, mayKnowMobile } from '../domain/mobile.ts';
import { hashPassword, oneTimePassword } from '../domain/password.ts';
import { cleanPost } from '../domain/post.ts';
import { canManage } from '../domain/rules.ts';
import { checkTrainingDay, newPosts, refuseUntrainedPost } from '../domain/training.ts';
import { User } from '../entities/User.ts';
import { type CreateUserInput, type UserWithPassword } from '../resolvers/types.ts';
import { publishEscalationReach } from '../store/escalation.ts';
import { getOrg, getUser } from '../store/orgs.ts';
import { endSessionsOf } from './sessions.ts';
import { trainingRequiredOf } from './unit-settings.ts';

const USERNAME = /^[a-z0-9][a-z0-9._-]{2,63}$/;

function cleanRoles(roles: Role[]): Role[] {
  const unique = [...new Set(roles)];
  const unknown = unique.filter((r) => !(ROLES as readonly string[]).includes(r));
  if (unknown.length) throw badInput(`Unknown roles: ${unknown.join(', ')}`, 'roles');
  if (!unique.length) throw badInput('Give the account at least one role', 'roles', { zh: '至少选择一个角色' });
  return unique;
}

/** Loads an account the caller administers, inside the caller's transaction `em`. */
async function managedUser(ctx: OrgContext, em: EntityManager, id: string): Promise<User> {
  const caller = requireCaller(ctx);
  const user = await getUser(em, id);
  if (!canManage(caller, user.orgPath)) throw forbidden('Only an administrator of the account’s unit or a unit above it may do this');
  return user;
}

export async function me(ctx: OrgContext): Promise<User> {
  return getUser(ctx.em, requireCaller(ctx).userId);
}

export async function users(orgId: string, ctx: OrgContext): Promise<User[]> {
  const caller = requireCaller(ctx);
  const org = await getOrg(ctx.em, orgId);
  if (org.id !== caller.orgId && !canManage(caller, org.path)) throw forbidden(`You may not list the accounts of ${org.name}`);
  return ctx.em.find(User, { orgId: org.id }, { orderBy: { username: 'asc' } });
}

const PERSON_NAME = /^[\p{L}\p{M}\p{N}·・.'’\- （）()]+$/u;

export async function createUser(input: CreateUserInput, ctx: OrgContext): Promise<UserWithPassword> {
  const caller = requireCaller(ctx);
  const username = input.username.trim().toLowerCase();
  if (!USERNAME.test(username))
    throw badInput('User name: 3–64 lower-case letters, digits, dots, dashes or underscores, starting with a letter or digit', 'username');
  const displayName = input.displayName.trim();
  if (!displayName || displayName.length > 50) throw badInput('Display name must be 1–50 characters', 'displayName', { length: { min: 1, max: 50 } });
  // A person's name as it is printed after 签收人 and 签发人: letters of any script, and the dots, dashes and brackets of
  // names (阿卜杜拉·买买提, 李明（大）); not emoji, symbols or markup.
  if (!PERSON_NAME.test(displayName))
    throw badInput('Display name: letters of a name only (and · . - ’ ( ) and spaces), no emoji, symbols or markup', 'displayName', { personName: true });
  const roles = cleanRoles(input.roles);
  // 培训考核 may be recorded with the account: where the unit requires it, it must be (上岗 is the account's first roles).
  const trainedOn = checkTrainingDay(input.trainedOn);
  const trainingNote = trainedOn ? optionalText(input.trainingNote, 'trainingNote', { max: 100, line: true }) : null;
  const post = cleanPost(input.post);
  const password = oneTimePassword();
  const passwordHash = await hashPassword(password);
  return ctx.em.transactional(async (em) => {
    const org = await getOrg(em, input.orgId);
    if (!canManage(caller, org.path)) throw forbidden(`Only an administrator of ${org.name} or a unit above it may create its accounts`);
    if (org.status !== 'ACTIVE') throw badInput(`${org.name} is closed`, 'orgId');
    if (await em.count(User, { username }))
      throw new YizhanError(OrgErrorCode.USERNAME_TAKEN, `The user name ${username} is taken: choose another`, { field: 'username', username });
    refuseUntrainedPost(await trainingRequiredOf(em, org.id), trainedOn, roles, displayName);
    const user = em.create(User, {
      id: crypto.randomUUID(),
      orgId: org.id,
      orgPath: org.path,
      username,
      displayName,
      roles,
      passwordHash,
      trainedOn,
      trainingNote,
      post,
    });
    await em.flush();
    if (roles.includes('LEADER')) await publishEscalationReach(em, org.path, false);
    return { user, oneTimePassword: password };
  });
}

export async function unlockUser(id: string, ctx: OrgContext): Promise<User> {
  return ctx.em.transactional(async (em) => {
    const user = await managedUser(ctx, em, id);
    user.lockedAt = null;
    user.failedLogins = 0;
    return user;
  });
}

export async function resetPassword(id: string, ctx: OrgContext): Promise<UserWithPassword> {
  const password = oneTimePassword();
  const passwordHash = await hashPassword(password);
  return ctx.em.transactional(async (em) => {
    const user = await managedUser(ctx, em, id);
    Object.assign(user, { passwordHash, mustChangePassword: true, lockedAt: null, failedLogins: 0, resetRequestedAt: null });
    await endSessionsOf(ctx, em, user, 'PASSWORD_RESET');
    return { user, oneTimePassword: password };
  });
}

export async function setUserRoles(id: string, roles: string[], ctx: OrgContext): Promise<User> {
  const clean = cleanRoles(roles as Role[]);
  return ctx.em.transactional(async (em) => {
    const user = await managedUser(ctx, em, id);
    if (user.id === ctx.caller?.userId && !clean.includes('ADMIN')) throw badInput('You cannot remove your own ADMIN role', 'roles');
    refuseUntrainedPost(await trainingRequiredOf(em, user.orgId), user.trainedOn, newPosts(user.roles, clean), user.displayName);
    const changed = [...user.roles].sort().join() !== [...clean].sort().join();
    user.roles = clean;
    // The tokens say what the account may do: new roles need a new login.
    if (changed) await endSessionsOf(ctx, em, user, 'ROLES_CHANGED');
    // A leader more or fewer: documents' automatic 催办 reaches the unit's leaders as they are now.
    if (changed) await republishLeaders(em, user);
    return user;
  });
}

export async function setUserStatus(id: string, status: UserStatus, ctx: OrgContext): Promise<User> {
  return ctx.em.transactional(async (em) => {
    const user = await managedUser(ctx, em, id);
    if (user.id === ctx.caller?.userId) throw badInput('You cannot change the status of your own account', 'id');
    if (status === UserStatus.ACTIVE) {
      const org = await getOrg(em, user.orgId);
      if (org.status !== 'ACTIVE') throw badInput(`${org.name} is closed; its accounts stay disabled`, 'status');
    }
    if (status === UserStatus.DISABLED && user.status !== UserStatus.DISABLED) await endSessionsOf(ctx, em, user, 'DISABLED');
    const changed = user.status !== status;
    user.status = status;
    if (changed && user.roles.includes('LEADER')) await republishLeaders(em, user);
    return user;
  });
}

/** A person's mobile as the caller may know it: the person's own, or an administrator's of the person's unit; else null. */
export function mobileFor(ctx: OrgContext, user: User): string | null {
  const caller = ctx.caller;
  return caller && mayKnowMobile(caller, user) ? user.mobile : null;
}

/** Sets or clears a person's mobile: the person, or an administrator of the person's unit. A leader's goes to
 * documents' automatic 催办 at once. */
export async function setUserMobile(id: string, mobile: string | null, ctx: OrgContext): Promise<User> {
  const caller = requireCaller(ctx);
  const clean = cleanMobile(mobile);
  return ctx.em.transactional(async (em) => {
    const user = await getUser(em, id);
    if (!mayKnowMobile(caller, user)) throw forbidden('Only the person or an administrator of the person’s unit sets a mobile');
    const changed = user.mobile !== clean;
    user.mobile = clean;
    if (changed && user.roles.includes('LEADER') && user.status === UserStatus.ACTIVE) await republishLeaders(em, user);
    return user;
  });
}

/** After a change of who leads a unit: its `org.escalation-reach` again (documents' automatic 催办 of its leaders). */
async function republishLeaders(em: EntityManager, user: User): Promise<void> {
  await em.flush();
  await publishEscalationReach(em, user.orgPath, false);
}

/**
 * 培训考核 (seed 004: 考核合格后方能上岗): an administrator of the person's unit (or above) records the day the person
 * passed the training and its assessment, and what it was; null clears it. A day that is not one, one to come, or one
 * before 2000 is refused, naming the field.
 */
export async function recordUserTraining(id: string, trainedOn: string | null, note: string | null, ctx: OrgContext): Promise<User> {
  const day = checkTrainingDay(trainedOn);
  const what = day ? optionalText(note, 'note', { max: 100, line: true }) : null;
  return ctx.em.transactional(async (em) => {
    const user = await managedUser(ctx, em, id);
    user.trainedOn = day;
    user.trainingNote = what;
    return user;
  });
}

/** 职务: an administrator of the person's unit (or above) sets or clears (null) the person's post. */
export async function setUserPost(id: string, post: string | null, ctx: OrgContext): Promise<User> {
  const clean = cleanPost(post);
  return ctx.em.transactional(async (em) => {
    const user = await managedUser(ctx, em, id);
    user.post = clean;
    return user;
  });
}

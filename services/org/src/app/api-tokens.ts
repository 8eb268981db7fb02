// API tokens for a unit's OA system: issuing, listing and revoking them.
import { badInput, forbidden, notFound, personName, requireCaller, requiredText } from '@yizhan/common';
import { orgEvents } from '@yizhan/contracts/org';
import { emit } from '@yizhan/kernel';
import { type OrgContext } from '../deps.ts';
import { issueAccessToken } from '../domain/access-token.ts';
import { canManage } from '../domain/rules.ts';
import { ApiToken } from '../entities/ApiToken.ts';
import { type IssuedApiToken } from '../resolvers/ApiTokenResolver.ts';
import { getOrg, isUuid } from '../store/orgs.ts';
import { announceEnded } from './sessions.ts';

/** API tokens act as the unit's clerk: they read the inbox and sign for deliveries, nothing more. */
const API_ROLES = ['CLERK'];

export async function apiTokens(orgId: string, ctx: OrgContext) {
  const caller = requireCaller(ctx);
  const org = await getOrg(ctx.em, orgId);
  if (!canManage(caller, org.path)) throw forbidden(`Only an administrator of ${org.name} sees its API tokens`);
  return ctx.em.find(ApiToken, { orgId: org.id }, { orderBy: { createdAt: 'desc' } });
}

export async function issueApiToken(orgId: string, name: string, expiresInDays: number, ctx: OrgContext): Promise<IssuedApiToken> {
  const caller = requireCaller(ctx);
  const clean = requiredText(name, 'name', { max: 50, line: true });
  if (expiresInDays < 1 || expiresInDays > 730) throw badInput('expiresInDays must be between 1 and 730', 'expiresInDays');
  return ctx.em.transactional(async (em) => {
    const org = await getOrg(em, orgId);
    if (!canManage(caller, org.path)) throw forbidden(`Only an administrator of ${org.name} issues its API tokens`);
    const apiToken = em.create(ApiToken, {
      id: crypto.randomUUID(),
      orgId: org.id,
      orgPath: org.path,
      name: clean,
      roles: API_ROLES,
      createdBy: caller.userId,
      createdByName: personName(caller),
      expiresAt: new Date(Date.now() + expiresInDays * 86400_000),
    });
    await em.flush();
    const { token } = await issueAccessToken(
      apiToken.id,
      { username: `api:${clean}`, org: org.id, path: org.path, roles: API_ROLES, kind: 'api', name: clean },
      ctx.deps.tokenSigner,
      apiToken.expiresAt,
    );
    return { token, apiToken };
  });
}

export async function revokeApiToken(id: string, ctx: OrgContext) {
  const caller = requireCaller(ctx);
  return ctx.em.transactional(async (em) => {
    const t = isUuid(id) ? await em.findOne(ApiToken, { id }) : null;
    if (!t) throw notFound('API token', id);
    if (!canManage(caller, t.orgPath)) throw forbidden('Only an administrator of the unit revokes its API tokens');
    if (!t.revokedAt) {
      t.revokedAt = new Date();
      // The gateways forget the token at once (its id stands where a person's would).
      await emit(em, orgEvents.event('account.sessions-ended', { userId: t.id, reason: 'REVOKED' }, { orgPath: t.orgPath }));
      announceEnded(ctx, `user:${t.id}`);
    }
    return t;
  });
}

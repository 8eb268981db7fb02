// API tokens: a unit's administrator issues one to the unit's OA system, which then reads the clerk inbox and
// signs for deliveries through the same GraphQL API as a clerk. The gateway checks a token is not revoked.
import { badInput, forbidden, notFound, requireCaller } from '@yizhan/common';
import { Arg, Ctx, Field, ID, Int, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import type { OrgContext } from '../deps.ts';
import { canManage } from '../domain/rules.ts';
import { ApiToken } from '../entities/ApiToken.ts';
import { getOrg, isUuid } from '../store.ts';
import { issueAccessToken } from '../tokens.ts';

@ObjectType()
export class IssuedApiToken {
  @Field(() => String, { description: 'The bearer token; store it now, it is not shown again' })
  token!: string;
  @Field(() => ApiToken)
  apiToken!: ApiToken;
}

/** API tokens act as the unit's clerk: they read the inbox and sign for deliveries, nothing more. */
const API_ROLES = ['CLERK'];

@Resolver()
export class ApiTokenResolver {
  @Query(() => [ApiToken], { description: 'A unit’s API tokens' })
  async apiTokens(@Arg('orgId', () => ID) orgId: string, @Ctx() ctx: OrgContext) {
    const caller = requireCaller(ctx);
    const org = await getOrg(ctx.em, orgId);
    if (!canManage(caller, org.path)) throw forbidden(`Only an administrator of ${org.name} sees its API tokens`);
    return ctx.em.find(ApiToken, { orgId: org.id }, { orderBy: { createdAt: 'desc' } });
  }

  @Mutation(() => IssuedApiToken, { description: 'Issue an API token for the unit’s OA system' })
  async issueApiToken(
    @Arg('orgId', () => ID) orgId: string,
    @Arg('name', () => String) name: string,
    @Arg('expiresInDays', () => Int, { defaultValue: 365 }) expiresInDays: number,
    @Ctx() ctx: OrgContext,
  ): Promise<IssuedApiToken> {
    const caller = requireCaller(ctx);
    const clean = name.trim();
    if (!clean || clean.length > 50) throw badInput('Name the token’s system in 1–50 characters, e.g. 区政府OA', 'name');
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
        expiresAt: new Date(Date.now() + expiresInDays * 86400_000),
      });
      await em.flush();
      const { token } = await issueAccessToken(
        apiToken.id,
        { username: `api:${clean}`, org: org.id, path: org.path, roles: API_ROLES, kind: 'api' },
        ctx.deps.tokenSigner,
        expiresInDays * 86400,
      );
      return { token, apiToken };
    });
  }

  @Mutation(() => ApiToken, { description: 'Revoke an API token: it stops working within a minute' })
  async revokeApiToken(@Arg('id', () => ID) id: string, @Ctx() ctx: OrgContext) {
    const caller = requireCaller(ctx);
    return ctx.em.transactional(async (em) => {
      const t = isUuid(id) ? await em.findOne(ApiToken, { id }) : null;
      if (!t) throw notFound('API token', id);
      if (!canManage(caller, t.orgPath)) throw forbidden('Only an administrator of the unit revokes its API tokens');
      t.revokedAt ??= new Date();
      return t;
    });
  }
}

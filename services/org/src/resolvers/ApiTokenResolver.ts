// API tokens: a unit's administrator issues one to the unit's OA system, which then reads the clerk inbox and
// signs for deliveries through the same GraphQL API as a clerk. The gateway checks a token is not revoked.

import { Arg, Ctx, Field, ID, Int, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { apiTokens, issueApiToken, revokeApiToken } from '../app/api-tokens.ts';
import type { OrgContext } from '../deps.ts';
import { ApiToken } from '../entities/ApiToken.ts';

@ObjectType()
export class IssuedApiToken {
  @Field(() => String, { description: 'The bearer token; store it now, it is not shown again' })
  token!: string;
  @Field(() => ApiToken)
  apiToken!: ApiToken;
}

@Resolver()
export class ApiTokenResolver {
  @Query(() => [ApiToken], { description: 'A unit’s API tokens' })
  async apiTokens(@Arg('orgId', () => ID) orgId: string, @Ctx() ctx: OrgContext) {
    return apiTokens(orgId, ctx);
  }

  @Mutation(() => IssuedApiToken, { description: 'Issue an API token for the unit’s OA system' })
  async issueApiToken(
    @Arg('orgId', () => ID) orgId: string,
    @Arg('name', () => String) name: string,
    @Arg('expiresInDays', () => Int, { defaultValue: 365 }) expiresInDays: number,
    @Ctx() ctx: OrgContext,
  ): Promise<IssuedApiToken> {
    return issueApiToken(orgId, name, expiresInDays, ctx);
  }

  @Mutation(() => ApiToken, { description: 'Revoke an API token: it stops working within a minute' })
  async revokeApiToken(@Arg('id', () => ID) id: string, @Ctx() ctx: OrgContext) {
    return revokeApiToken(id, ctx);
  }
}

// 联合行文 in GraphQL: a joint document's co-issuers and their 会签, the documents waiting for the caller's unit's
// 会签, and its leader's decision (app/joint-issue.ts).
import { badInput } from '@yizhan/common';
import { Arg, Ctx, Field, FieldResolver, ID, Int, Mutation, ObjectType, Query, Resolver, Root, registerEnumType } from 'type-graphql';
import { coIssuersOf, countersign, countersignRequests, declineCountersign } from '../app/joint-issue.ts';
import type { DocumentsContext } from '../deps.ts';
import { Document } from '../entities/Document.ts';

const CountersignStatusEnum = { PENDING: 'PENDING', COUNTERSIGNED: 'COUNTERSIGNED', DECLINED: 'DECLINED' } as const;
registerEnumType(CountersignStatusEnum, { name: 'CountersignStatus', description: '会签: PENDING (待会签), COUNTERSIGNED (已会签), DECLINED (不同意)' });

@ObjectType({ description: '联合行文: a co-issuing unit of a joint document and its 会签' })
export class CoIssuer {
  @Field(() => ID)
  orgId!: string;
  @Field(() => String)
  orgName!: string;
  @Field(() => Int, { description: 'Its place in the banner and 署名 after the lead unit (1 = the first co-issuer)' })
  position!: number;
  @Field(() => CountersignStatusEnum)
  status!: keyof typeof CountersignStatusEnum;
  @Field(() => String, { nullable: true, description: 'The leader who countersigned or declined, by name' })
  decidedByName!: string | null;
  @Field(() => Date, { nullable: true })
  decidedAt!: Date | null;
  @Field(() => String, { nullable: true, description: 'The leader’s comment, or why the unit declined' })
  comment!: string | null;
  @Field(() => Boolean, { description: 'The unit’s seal stamped the document with its 会签' })
  stamped!: boolean;
}

@Resolver(() => Document)
export class JointIssueResolver {
  @FieldResolver(() => [CoIssuer], {
    description:
      '联合行文: the co-issuing units after the lead, in order, with their 会签: every one for the lead unit, its own for a co-issuer; every one for each recipient once sent',
  })
  async coIssuers(@Root() doc: Document, @Ctx() ctx: DocumentsContext) {
    return coIssuersOf(ctx, doc);
  }

  @Query(() => [Document], {
    description: 'Joint documents waiting for your unit’s 会签: approved by their lead unit, not yet decided by yours (leaders and seal keepers)',
  })
  async countersignRequests(@Ctx() ctx: DocumentsContext) {
    return countersignRequests(ctx);
  }

  @Mutation(() => Document, {
    description:
      '会签: your unit co-issues this joint document (its leaders). With a seal in use, its custodians stamp the document first (SEAL_REQUIRED otherwise); the stamp is kept with the 会签',
  })
  async countersignDocument(
    @Arg('id', () => ID) id: string,
    @Arg('comment', () => String, { nullable: true }) comment: string | undefined,
    @Ctx() ctx: DocumentsContext,
  ) {
    const c = comment?.trim() || null;
    if (c && c.length > 1000) throw badInput('The comment is at most 1000 characters', 'comment', { length: { max: 1000 } });
    return countersign(ctx, id, c);
  }

  @Mutation(() => Document, { description: 'Your unit does not co-issue this joint document: the draft goes back to its author with the reason' })
  async declineCountersign(@Arg('id', () => ID) id: string, @Arg('reason', () => String) reason: string, @Ctx() ctx: DocumentsContext) {
    return declineCountersign(ctx, id, reason);
  }
}

// 论坛 (seed 003 §31–32): topics posted to the audience their poster chose, their replies, and taking a post down. Each
// field maps to its use case (app/forum.ts).
import { Arg, Ctx, Field, ID, InputType, Int, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { forumThread, forumTopicsOf, postForumTopic, replyToForumTopic, takeDownForumPost } from '../app/forum.ts';
import type { OrgContext } from '../deps.ts';

/** What a topic and a reply both are: a post by a person, taken down with who and why kept, its text then empty. */
@ObjectType()
abstract class ForumPost {
  @Field(() => ID)
  id!: string;
  @Field(() => String, { description: 'Empty once taken down' })
  body!: string;
  @Field(() => ID)
  authorId!: string;
  @Field(() => String)
  authorName!: string;
  @Field(() => Date)
  postedAt!: Date;
  @Field(() => Date, { nullable: true })
  removedAt!: Date | null;
  @Field(() => String, { nullable: true })
  removedByName!: string | null;
  @Field(() => String, { nullable: true })
  removedReason!: string | null;
  @Field(() => Boolean, { description: 'Whether you may take it down (its author, or an administrator of the unit its topic was posted in, or above)' })
  mayTakeDown!: boolean;
}

@ObjectType({ description: 'A reply in a 论坛 topic' })
export class ForumReply extends ForumPost {
  @Field(() => String)
  authorOrgName!: string;
}

@ObjectType({ description: '论坛: a topic posted for discussion (seed 003 §31); its unit and poster answer for it' })
export class ForumTopic extends ForumPost {
  @Field(() => ID)
  orgId!: string;
  @Field(() => String)
  orgName!: string;
  @Field(() => String)
  title!: string;
  @Field(() => String, { description: 'UNIT 本单位, SUBTREE 本单位及下级单位, PEOPLE 本单位指定人员' })
  audience!: string;
  @Field(() => Date, { nullable: true })
  lastReplyAt!: Date | null;
  @Field(() => Int)
  replyCount!: number;
}

@ObjectType({ description: 'A 论坛 topic with its replies, oldest first' })
export class ForumThread extends ForumTopic {
  @Field(() => [ForumReply])
  replies!: ForumReply[];
}

@InputType({ description: 'A topic for 论坛: whom it goes to is chosen (seed 003 §32: 选择好可查看人员)' })
export class ForumTopicInput {
  @Field(() => String, { description: '1–100 characters, one line' })
  title!: string;
  @Field(() => String, { description: '1–10,000 characters' })
  body!: string;
  @Field(() => String, { description: 'UNIT, SUBTREE or PEOPLE' })
  audience!: string;
  @Field(() => [ID], { nullable: true, description: 'With PEOPLE: people of your own unit' })
  viewerIds?: string[] | null;
}

@Resolver()
export class ForumResolver {
  @Query(() => [ForumTopic], { description: '论坛: the topics you read, the latest activity first' })
  async forumTopics(@Arg('first', () => Int, { defaultValue: 50 }) first: number, @Ctx() ctx: OrgContext) {
    return forumTopicsOf(ctx, first);
  }

  @Query(() => ForumThread, { description: 'A topic you read, with its replies' })
  async forumTopic(@Arg('id', () => ID) id: string, @Ctx() ctx: OrgContext) {
    return forumThread(ctx, id);
  }

  @Mutation(() => ForumThread, { description: '论坛: post a topic to your unit, your unit and those below it, or named people of it' })
  async postForumTopic(@Arg('input', () => ForumTopicInput) input: ForumTopicInput, @Ctx() ctx: OrgContext) {
    return postForumTopic(ctx, input);
  }

  @Mutation(() => ForumThread, { description: 'Reply to a topic you read (not one taken down); 1–5,000 characters' })
  async replyToForumTopic(@Arg('topicId', () => ID) topicId: string, @Arg('body', () => String) body: string, @Ctx() ctx: OrgContext) {
    return replyToForumTopic(ctx, topicId, body);
  }

  @Mutation(() => Boolean, {
    description: 'Take a post down (kind TOPIC or REPLY), saying why: its author, or an administrator of its unit or of a unit above it',
  })
  async takeDownForumPost(
    @Arg('kind', () => String) kind: string,
    @Arg('id', () => ID) id: string,
    @Arg('reason', () => String) reason: string,
    @Ctx() ctx: OrgContext,
  ) {
    return takeDownForumPost(ctx, kind, id, reason);
  }
}

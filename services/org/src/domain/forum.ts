// 论坛 (seed 003 §31: 发布需要在多人之间共享交流的信息资料，发布单位及发布人对所发布信息负责; §32: 选择好可查看人员,
// 防止出现滥发信息现象): a topic goes to the audience its poster chose, as a 信息 does (domain/information.ts), without an
// approval; whoever reads it may reply; the poster takes their own post down, and so do the administrators of the
// topic's unit and of the units above it, saying why. Plain functions that tests call without a server.
import { badInput, isWithin, requiredText } from '@yizhan/common';
import { type Audience, audienceAdmits, checkAudience, type Reader } from './information.ts';

export interface TopicInput {
  title: string;
  body: string;
  audience: string;
  viewerIds?: string[] | null;
}
export interface CleanTopic {
  title: string;
  body: string;
  audience: Audience;
  viewerIds: string[];
}

/** The topic as posted, checked; BAD_INPUT names the field, never repeating what was sent. */
export function checkTopic(input: TopicInput): CleanTopic {
  const { audience, viewerIds } = checkAudience(input.audience, input.viewerIds);
  return { title: requiredText(input.title, 'title', { max: 100, line: true }), body: requiredText(input.body, 'body', { max: 10_000 }), audience, viewerIds };
}

export const checkReply = (body: string): string => requiredText(body, 'body', { max: 5000 });

/** Why a post is taken down: said in a line, kept with it. */
export const checkRemoval = (reason: string): string => requiredText(reason, 'reason', { max: 200, line: true });

/** Who reads a topic: whom its audience takes in, its author, and the administrators of its unit and of those above
 * it (who take posts down). Row-level security lets the unit's people and those above further; this is the rule. */
export function mayReadTopic(r: Reader, t: { orgPath: string; audience: Audience; viewerIds: readonly string[]; authorId: string }): boolean {
  return t.authorId === r.userId || audienceAdmits(r, t) || (r.roles.includes('ADMIN') && isWithin(t.orgPath, r.orgPath));
}

/** Taken down by its author, or by an administrator of the topic's unit or of one above it. */
export function mayTakeDown(r: Reader, post: { authorId: string; topicOrgPath: string }): boolean {
  return post.authorId === r.userId || (r.roles.includes('ADMIN') && isWithin(post.topicOrgPath, r.orgPath));
}

export const FORUM_KINDS = ['TOPIC', 'REPLY'] as const;
export type ForumKind = (typeof FORUM_KINDS)[number];
export function forumKind(value: string): ForumKind {
  if ((FORUM_KINDS as readonly string[]).includes(value)) return value as ForumKind;
  throw badInput(`kind is one of ${FORUM_KINDS.join(', ')}`, 'kind');
}

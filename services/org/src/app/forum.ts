// 论坛 (seed 003 §31–32): a person posts a topic to the audience they choose, those it reaches reply, and a post is
// taken down by its author or by an administrator of the topic's unit or one above it, the reason kept.
import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput, type Caller, forbidden, notFound, personName, requireCaller } from '@yizhan/common';
import { auditSubject } from '@yizhan/kernel';
import type { OrgContext } from '../deps.ts';
import { checkRemoval, checkReply, checkTopic, forumKind, mayReadTopic, mayTakeDown, type TopicInput } from '../domain/forum.ts';
import { type ForumReply, type ForumTopic, forumTopic, forumTopics, insertReply, insertTopic, repliesOf, replyOf, takeDown } from '../store/forum.ts';
import { activePeopleOf, getOrg, isUuid } from '../store/orgs.ts';

/** A post as a reader sees it: one taken down keeps who took it down and why, not its text; whether the reader may
 * take it down (its author, an administrator of the topic's unit or above). */
const shown = (reader: Caller, t: ForumTopic) => ({
  ...t,
  body: t.removedAt ? '' : t.body,
  mayTakeDown: !t.removedAt && mayTakeDown(reader, { authorId: t.authorId, topicOrgPath: t.orgPath }),
});
const shownReply = (reader: Caller, topicOrgPath: string, r: ForumReply) => ({
  ...r,
  body: r.removedAt ? '' : r.body,
  mayTakeDown: !r.removedAt && mayTakeDown(reader, { authorId: r.authorId, topicOrgPath }),
});

/** The topics the caller reads, the latest activity first. */
export async function forumTopicsOf(ctx: OrgContext, first: number) {
  const caller = requireCaller(ctx);
  if (!Number.isInteger(first) || first < 1 || first > 200) throw badInput('first must be between 1 and 200', 'first');
  return (await forumTopics(ctx.em, caller, first)).filter((t) => mayReadTopic(caller, t)).map((t) => shown(caller, t));
}

/** A topic the caller reads, with its replies. */
export async function forumThread(ctx: OrgContext, id: string, em: EntityManager = ctx.em) {
  const caller = requireCaller(ctx);
  if (!isUuid(id)) throw badInput('id is a topic’s id', 'id');
  const topic = await forumTopic(em, id);
  if (!topic || !mayReadTopic(caller, topic)) throw notFound('Topic', id);
  return { ...shown(caller, topic), replies: (await repliesOf(em, id)).map((r) => shownReply(caller, topic.orgPath, r)) };
}

/** Posts a topic to the audience chosen: the people named are the unit's own. */
export async function postForumTopic(ctx: OrgContext, input: TopicInput) {
  const caller = requireCaller(ctx);
  const clean = checkTopic(input);
  return ctx.em.transactional(async (tx) => {
    const em = tx as EntityManager;
    const unit = await getOrg(em, caller.orgId);
    if (clean.viewerIds.length && (await activePeopleOf(em, unit.id, clean.viewerIds)).length !== clean.viewerIds.length)
      throw badInput('Only people of your own unit are named as its readers', 'viewerIds');
    const id = await insertTopic(em, unit, { id: caller.userId, name: personName(caller) }, clean);
    return forumThread(ctx, id, em);
  });
}

/** Replies to a topic the caller reads and that is not taken down. */
export async function replyToForumTopic(ctx: OrgContext, topicId: string, body: string) {
  const caller = requireCaller(ctx);
  const text = checkReply(body);
  return ctx.em.transactional(async (tx) => {
    const em = tx as EntityManager;
    // (A reply racing the topic's taking down may still land beside it: the thread shows it under the removed topic.)
    const topic = await forumThread(ctx, topicId, em);
    if (topic.removedAt) throw badInput('This topic was taken down: it takes no replies', 'topicId');
    await insertReply(em, topic.id, { id: caller.userId, name: personName(caller), orgName: (await getOrg(em, caller.orgId)).name }, text);
    return forumThread(ctx, topic.id, em);
  });
}

/** Takes a topic or a reply down, by its author or an administrator of the topic's unit or one above it. */
export async function takeDownForumPost(ctx: OrgContext, kind: string, id: string, reason: string): Promise<boolean> {
  const caller = requireCaller(ctx);
  const k = forumKind(kind);
  const why = checkRemoval(reason);
  if (!isUuid(id)) throw badInput('id is a topic’s or a reply’s id', 'id');
  return ctx.em.transactional(async (tx) => {
    const em = tx as EntityManager;
    // The post as the caller reads it: a topic they do not read is not found, whether or not it exists.
    const reply = k === 'REPLY' ? await replyOf(em, id) : null;
    const topicId = k === 'TOPIC' ? id : reply?.topicId;
    const topic = topicId ? await forumTopic(em, topicId) : null;
    const post = topic && mayReadTopic(caller, topic) ? { authorId: reply?.authorId ?? topic.authorId, topicOrgPath: topic.orgPath } : null;
    if (!post || (k === 'REPLY' && !reply)) throw notFound(k === 'TOPIC' ? 'Topic' : 'Reply', id);
    if (!mayTakeDown(caller, post)) throw forbidden('A post is taken down by its author, or by an administrator of its unit or of a unit above it');
    await takeDown(em, k, id, personName(caller), why);
    if (topic) auditSubject(k === 'TOPIC' ? `《${topic.title}》` : `《${topic.title}》的回复`);
    return true;
  });
}

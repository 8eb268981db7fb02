// 论坛 (seed 003 §31: 发布需要在多人之间共享交流的信息资料，发布单位及发布人对所发布信息负责; §32: 选择好可查看人员).
// 西安市's clerk posts a topic to the city and its districts; 新城区's clerk reads it and replies, and the city's topic
// is the latest; a topic to the city alone is not 新城区's to read or answer, nor one to named people another
// person's. A reply is taken down by its author, a topic by the city's administrator with the reason kept — not by a
// district's administrator below it, nor by another reader. Bad input is refused by its field and writes nothing.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import pg from 'pg';
import { codeOf, ok, type Platform, startPlatform } from '../../../test/support/harness.ts';

let p: Platform;
before(async () => {
  p = await startPlatform({ services: ['org'] });
});
after(() => p?.close());

const gql = async (user: string, q: string, v: Record<string, unknown> = {}) => p.gql(q, v, await p.login(user));
const idOf = async (username: string) => (await p.superQuery<{ id: string }>('select id from org.users where username = $1', [username]))[0]?.id as string;
const POST = 'mutation($in: ForumTopicInput!) { postForumTopic(input: $in) { id title orgName authorName audience replies { id } } }';
const REPLY = 'mutation($t: ID!, $b: String!) { replyToForumTopic(topicId: $t, body: $b) { replyCount replies { id body authorName authorOrgName } } }';
const THREAD = 'query($id: ID!) { forumTopic(id: $id) { title body removedByName removedReason replies { body authorName removedByName removedReason } } }';
const LIST = '{ forumTopics { id title replyCount } }';
const DOWN = 'mutation($k: String!, $id: ID!, $r: String!) { takeDownForumPost(kind: $k, id: $id, reason: $r) }';
const topics = () => p.superCount('select count(*) as n from org.forum_topics');

test('论坛: a topic to the city and its districts, read and answered below; one to the city alone, or to named people, is not', async () => {
  // Refused by its field, nothing written: no title; an audience not known; people named for the whole unit; a person of
  // another unit named.
  const before = await topics();
  const base = { title: '电子公文签收经验交流', body: '各区县在签收中有哪些好做法？欢迎交流。', audience: 'SUBTREE' };
  for (const [bad, field] of [
    [{ ...base, title: ' ' }, 'title'],
    [{ ...base, audience: 'EVERYONE' }, 'audience'],
    [{ ...base, audience: 'UNIT', viewerIds: [await idOf('xa.leader')] }, 'viewerIds'],
    [{ ...base, audience: 'PEOPLE', viewerIds: [await idOf('xc.clerk')] }, 'viewerIds'],
  ] as const) {
    const r = await gql('xa.clerk', POST, { in: bad });
    assert.equal(codeOf(r), 'BAD_INPUT', field);
    assert.equal(r.errors?.[0]?.extensions?.field, field);
  }
  assert.equal(await topics(), before, 'nothing written');

  const shared = ok<{ id: string; orgName: string; authorName: string }>(await gql('xa.clerk', POST, { in: base }), 'postForumTopic');
  assert.deepEqual([shared.orgName, shared.authorName], ['西安市人民政府', '马晓燕'], 'the unit and the person who answer for it');
  const cityOnly = ok<{ id: string }>(await gql('xa.clerk', POST, { in: { ...base, title: '市政府办公室内部讨论', audience: 'UNIT' } }), 'postForumTopic');
  const named = ok<{ id: string }>(
    await gql('xa.clerk', POST, { in: { ...base, title: '给胡建华的讨论', audience: 'PEOPLE', viewerIds: [await idOf('xa.leader')] } }),
    'postForumTopic',
  );

  // 新城区 reads the shared topic and answers it; the city's own and the named one it neither reads nor answers.
  const seen = (user: string) => gql(user, LIST).then((r) => ok<{ id: string }[]>(r, 'forumTopics').map((t) => t.id));
  assert.ok((await seen('xc.clerk')).includes(shared.id));
  assert.ok(!(await seen('xc.clerk')).includes(cityOnly.id));
  assert.ok(!(await seen('xc.clerk')).includes(named.id));
  assert.ok((await seen('xa.leader')).includes(named.id), 'the person named reads it');
  assert.ok(!(await seen('xa.drafter')).includes(named.id), 'another person of the city does not');
  assert.ok(!(await seen('bj.clerk')).includes(shared.id), 'another city reads nothing of it');
  for (const id of [cityOnly.id, named.id]) {
    assert.equal(codeOf(await gql('xc.clerk', THREAD, { id })), 'NOT_FOUND');
    assert.equal(codeOf(await gql('xc.clerk', REPLY, { t: id, b: '回复' })), 'NOT_FOUND');
  }
  const replied = ok<{ replyCount: number; replies: { id: string; body: string; authorName: string; authorOrgName: string }[] }>(
    await gql('xc.clerk', REPLY, { t: shared.id, b: '我区每天9时、15时各查看一次收文，专人签收。' }),
    'replyToForumTopic',
  );
  assert.equal(replied.replyCount, 1);
  assert.deepEqual(
    replied.replies.map((r) => [r.authorName, r.authorOrgName]),
    [['王秀兰', '西安市新城区人民政府']],
  );
  assert.equal((await seen('xa.clerk'))[0], shared.id, 'the answered topic is the latest');
  assert.equal(codeOf(await gql('xc.clerk', REPLY, { t: shared.id, b: ' ' })), 'BAD_INPUT');

  // Taking down: not by another reader nor by a district's administrator below the topic's unit; the reply by its
  // author; the topic by the city's administrator, the reason kept, its text gone, no more replies.
  const reply = replied.replies[0]?.id as string;
  assert.equal(codeOf(await gql('bl.clerk', DOWN, { k: 'REPLY', id: reply, r: '无关' })), 'FORBIDDEN');
  assert.equal(codeOf(await gql('xc.admin', DOWN, { k: 'TOPIC', id: shared.id, r: '越权' })), 'FORBIDDEN');
  assert.equal(ok(await gql('xc.clerk', DOWN, { k: 'REPLY', id: reply, r: '内容有误，撤回' }), 'takeDownForumPost'), true);
  assert.equal(ok(await gql('xa.admin', DOWN, { k: 'TOPIC', id: shared.id, r: '讨论已结束' }), 'takeDownForumPost'), true);
  const thread = ok<{ body: string; removedByName: string; removedReason: string; replies: { body: string; removedByName: string }[] }>(
    await gql('xc.clerk', THREAD, { id: shared.id }),
    'forumTopic',
  );
  assert.deepEqual([thread.body, thread.removedByName, thread.removedReason], ['', '孙涛', '讨论已结束']);
  assert.deepEqual(
    thread.replies.map((r) => [r.body, r.removedByName]),
    [['', '王秀兰']],
  );
  assert.equal(codeOf(await gql('xc.clerk', REPLY, { t: shared.id, b: '再回复' })), 'BAD_INPUT', 'a topic taken down takes no replies');
  assert.equal(codeOf(await gql('xa.admin', DOWN, { k: 'POST', id: shared.id, r: '无' })), 'BAD_INPUT');
});

test('the database keeps a post as posted: no topic in another’s name, no text rewritten, only taken down', async () => {
  const topic = ok<{ id: string }>(await gql('xa.clerk', POST, { in: { title: '只可删除', body: '原文', audience: 'UNIT' } }), 'postForumTopic');
  const [xian] = await p.superQuery<{ id: string; path: string }>("select id, path::text from org.orgs where code = '610100'");
  const as = async (username: string, sql: string, params: unknown[]) => {
    const c = new pg.Client({ connectionString: p.db.appUrl });
    await c.connect();
    try {
      await c.query('begin');
      await c.query("select set_config('yizhan.user_id', $1, true), set_config('yizhan.org_id', $2, true), set_config('yizhan.org_path', $3, true)", [
        await idOf(username),
        xian?.id,
        xian?.path,
      ]);
      const r = await c.query(sql, params);
      await c.query('commit');
      return r.rowCount;
    } catch (e) {
      await c.query('rollback');
      return (e as Error).message;
    } finally {
      await c.end();
    }
  };
  const author = await idOf('xa.clerk');
  assert.match(
    String(
      await as(
        'xa.drafter',
        "insert into org.forum_topics (org_id, org_path, org_name, title, body, audience, author_id, author_name) values ($1, $2::ltree, '西安市人民政府', '冒名', '冒名', 'UNIT', $3, '马晓燕')",
        [xian?.id, xian?.path, author],
      ),
    ),
    /row-level security/,
  );
  assert.match(String(await as('xa.clerk', "update org.forum_topics set body = '改过的原文' where id = $1", [topic.id])), /kept as posted/);
  assert.equal(
    await as('xa.clerk', "update org.forum_topics set removed_at = now(), removed_by_name = '马晓燕', removed_reason = '自行删除' where id = $1", [topic.id]),
    1,
  );
  assert.equal(ok<{ removedReason: string }>(await gql('xa.clerk', THREAD, { id: topic.id }), 'forumTopic').removedReason, '自行删除');
});

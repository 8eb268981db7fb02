'use client';
// 论坛 (seed 003 §31: 使用人员可以通过“信息管理”、“论坛”发布需要在多人之间共享交流的信息资料，发布单位及发布人对所发布信息
// 负责; §32: 选择好可查看人员): the topics the viewer reads, the latest activity first; a topic with its replies; posting
// one to the unit, the unit and those below it, or named people; replying; taking a post down (its author, or an
// administrator of its unit or above), the reason shown in its place.
import { useState } from 'react';
import { AudiencePicker, audienceOf } from '../../components/AudiencePicker';
import { AskButton } from '../../components/Confirm';
import { Shell } from '../../components/Shell';
import { Empty, ErrorNote, Section } from '../../components/ui';
import { gql } from '../../lib/client';
import { fmtTime } from '../../lib/format';
import { useAction, useQuery } from '../../lib/hooks';
import { type T, useT } from '../../lib/i18n';
import { useSession } from '../../lib/session';

export default function ForumPage() {
  return (
    <Shell>
      <Forum />
    </Shell>
  );
}

function Forum() {
  const t = useT();
  const list = useQuery('ForumTopics', {});
  const [open, setOpen] = useState<string | null>(null);
  return (
    <>
      <h1>{t('论坛')}</h1>
      <p className="muted">{t('在多人之间共享交流的信息资料可在论坛发布；发布单位及发布人对所发布的内容负责，请选择好可查看范围。')}</p>
      <Post t={t} onPosted={(id) => void list.refetch().then(() => setOpen(id))} />
      <Section title={t('主题')}>
        <ErrorNote error={list.error} />
        {list.data && list.data.forumTopics.length === 0 ? (
          <Empty text={t('尚无主题')} />
        ) : (
          <table data-testid="forum-topics">
            <thead>
              <tr>
                <th>{t('主题')}</th>
                <th>{t('发布单位及发布人')}</th>
                <th>{t('回复')}</th>
                <th>{t('最后回复')}</th>
              </tr>
            </thead>
            <tbody>
              {(list.data?.forumTopics ?? []).map((x) => (
                <tr key={x.id} data-topic={x.title}>
                  <td>
                    <button type="button" className="link" onClick={() => setOpen(open === x.id ? null : x.id)}>
                      {x.title}
                    </button>{' '}
                    {x.removedAt && <span className="badge bad">{t('已删除')}</span>}
                  </td>
                  <td>
                    {x.orgName} · {x.authorName}
                  </td>
                  <td>{x.replyCount}</td>
                  <td>{fmtTime(x.lastReplyAt ?? x.postedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {open && <Thread key={open} t={t} id={open} onChange={() => void list.refetch()} />}
      </Section>
    </>
  );
}

function Post({ t, onPosted }: { t: T; onPosted: (id: string) => void }) {
  const { session } = useSession();
  const act = useAction();
  const [form, setForm] = useState({ title: '', body: '', audience: 'UNIT' });
  const [viewers, setViewers] = useState<string[]>([]);
  if (!session) return null;
  return (
    <Section title={t('发布主题')}>
      <ErrorNote error={act.error} />
      <div className="grid">
        <label className="field">
          <span>{t('标题')}</span>
          <input value={form.title} onChange={(e) => setForm({ ...form, title: e.target.value })} />
        </label>
        <label className="field">
          <span>{t('正文')}</span>
          <textarea rows={5} value={form.body} onChange={(e) => setForm({ ...form, body: e.target.value })} />
        </label>
        <AudiencePicker
          t={t}
          orgId={session.user.org.id}
          audience={form.audience}
          viewers={viewers}
          onChange={(audience, chosen) => {
            setForm({ ...form, audience });
            setViewers(chosen);
          }}
        />
      </div>
      <button
        type="button"
        className="primary"
        disabled={act.busy || !form.title.trim() || !form.body.trim() || (form.audience === 'PEOPLE' && !viewers.length)}
        onClick={() =>
          void act.run(async () => {
            const r = await gql('PostForumTopic', { input: { ...form, viewerIds: form.audience === 'PEOPLE' ? viewers : null } });
            setForm({ title: '', body: '', audience: form.audience });
            setViewers([]);
            onPosted(r.postForumTopic.id);
          })
        }
      >
        {t('发布')}
      </button>
    </Section>
  );
}

function Thread({ t, id, onChange }: { t: T; id: string; onChange: () => void }) {
  const { data, error, refetch } = useQuery('ForumTopic', { id });
  const act = useAction();
  const [reply, setReply] = useState('');
  if (error) return <ErrorNote error={error} />;
  const x = data?.forumTopic;
  if (!x) return null;
  const done = () => {
    void refetch();
    onChange();
  };
  const takeDown = (kind: 'TOPIC' | 'REPLY', postId: string) => (
    <AskButton
      label={t('删除')}
      question={kind === 'TOPIC' ? t('删除该主题') : t('删除该回复')}
      field={t('删除原因')}
      onAnswer={(reason) =>
        void act.run(async () => {
          await gql('TakeDownForumPost', { kind, id: postId, reason });
          done();
        })
      }
    />
  );
  const removed = (by: string | null | undefined, why: string | null | undefined) => (
    <p className="muted">{t('已由{name}删除：{reason}', { name: by ?? '', reason: why ?? '' })}</p>
  );
  return (
    <article className="card" data-testid="forum-thread">
      <h3>{x.title}</h3>
      <p className="muted">
        {x.orgName} · {x.authorName} · {fmtTime(x.postedAt)} · {t('可查看：{who}', { who: audienceOf(t, x.audience, x.orgName) })}
      </p>
      {x.removedAt ? removed(x.removedByName, x.removedReason) : <div style={{ whiteSpace: 'pre-wrap' }}>{x.body}</div>}
      {x.mayTakeDown && <p className="actions">{takeDown('TOPIC', x.id)}</p>}
      <ol data-testid="forum-replies">
        {x.replies.map((r) => (
          <li key={r.id} data-reply-by={r.authorName}>
            <p className="muted">
              {r.authorOrgName} · {r.authorName} · {fmtTime(r.postedAt)} {r.mayTakeDown && takeDown('REPLY', r.id)}
            </p>
            {r.removedAt ? removed(r.removedByName, r.removedReason) : <div style={{ whiteSpace: 'pre-wrap' }}>{r.body}</div>}
          </li>
        ))}
      </ol>
      <ErrorNote error={act.error} />
      {!x.removedAt && (
        <div className="actions">
          <textarea aria-label={t('回复内容')} rows={3} value={reply} onChange={(e) => setReply(e.target.value)} style={{ width: '32rem' }} />
          <button
            type="button"
            disabled={act.busy || !reply.trim()}
            onClick={() =>
              void act.run(async () => {
                await gql('ReplyToForumTopic', { topicId: x.id, body: reply });
                setReply('');
                done();
              })
            }
          >
            {t('回复')}
          </button>
        </div>
      )}
    </article>
  );
}

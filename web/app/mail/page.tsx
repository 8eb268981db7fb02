'use client';
// 内部邮件 (seed 003 §33(一): 若2人或少数几人之间沟通，可以使用内部邮件，内部邮件添加的附属档案大小限制在20M以内): what
// came to the viewer and what they sent, a message with its recipients (who has read it, for its sender) and its
// attachments, writing to a few people of the viewer's unit, the unit above it or the units directly below it, a
// reply, and putting a message away.
import { useEffect, useRef, useState } from 'react';
import { ConfirmButton } from '../../components/Confirm';
import { Shell } from '../../components/Shell';
import { Empty, ErrorNote, Section } from '../../components/ui';
import { workCountsChanged } from '../../components/WorkCounts';
import type { MailDirectoryQuery } from '../../generated/operations';
import { gql } from '../../lib/client';
import { fileToBase64, fromBase64, saveFile } from '../../lib/files';
import { fmtSize, fmtTime } from '../../lib/format';
import { useAction, useQuery } from '../../lib/hooks';
import { type T, useT } from '../../lib/i18n';
import { useSession } from '../../lib/session';

/** seed 003 §33(一): a message's attachments, 20 MB at most together (the service holds to it too). */
const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;

type Person = MailDirectoryQuery['mailDirectory'][number];
type Draft = { to: Person[]; cc: Person[]; subject: string; body: string };
const EMPTY: Draft = { to: [], cc: [], subject: '', body: '' };

export default function MailPage() {
  return (
    <Shell>
      <Mail />
    </Shell>
  );
}

function Mail() {
  const t = useT();
  const [folder, setFolder] = useState<'INBOX' | 'SENT' | 'WRITE'>('INBOX');
  const [open, setOpen] = useState<string | null>(null);
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [before, setBefore] = useState<string | null>(null);
  const box = useQuery('Mailbox', folder === 'WRITE' ? null : { folder, before });
  const write = (d: Draft) => {
    setDraft(d);
    setOpen(null);
    setFolder('WRITE');
  };
  const tab = (f: typeof folder, words: string) => (
    <button
      type="button"
      className={folder === f ? 'primary' : ''}
      onClick={() => {
        setOpen(null);
        setBefore(null);
        setFolder(f);
      }}
    >
      {words}
    </button>
  );
  const unread = box.data?.mailUnread ?? 0;
  return (
    <>
      <h1>{t('内部邮件')}</h1>
      <p className="muted">{t('两人或少数几人之间沟通使用内部邮件；附件合计不超过 20 MB。需要多人共享的信息请在“信息”中发布，公文请走收发文。')}</p>
      <div className="actions">
        {tab('INBOX', unread ? t('收件箱（{n} 封未读）', { n: unread }) : t('收件箱'))}
        {tab('SENT', t('已发送'))}
        {tab('WRITE', t('写邮件'))}
      </div>
      {folder === 'WRITE' ? (
        <Write
          t={t}
          initial={draft}
          onSent={() => {
            setDraft(EMPTY);
            setFolder('SENT');
          }}
        />
      ) : (
        <Section title={folder === 'INBOX' ? t('收件箱') : t('已发送')}>
          <ErrorNote error={box.error} />
          {box.data && box.data.mailbox.length === 0 ? (
            <Empty text={folder === 'INBOX' ? t('没有邮件') : t('尚未发送邮件')} />
          ) : (
            <table data-testid="mailbox">
              <thead>
                <tr>
                  <th>{t('主题')}</th>
                  <th>{folder === 'INBOX' ? t('发件人') : t('收件人')}</th>
                  <th>{t('时间')}</th>
                  <th>{t('附件')}</th>
                </tr>
              </thead>
              <tbody>
                {(box.data?.mailbox ?? []).map((m) => (
                  <tr key={m.id} data-mail={m.subject} style={folder === 'INBOX' && !m.readAt ? { fontWeight: 600 } : undefined}>
                    <td>
                      <button type="button" className="link" onClick={() => setOpen(open === m.id ? null : m.id)}>
                        {m.subject}
                      </button>{' '}
                      {folder === 'INBOX' && !m.readAt && <span className="badge pending">{t('未读')}</span>}
                    </td>
                    <td>{folder === 'INBOX' ? `${m.senderName} · ${m.senderOrgName}` : m.recipientNames.join(t('、'))}</td>
                    <td>{fmtTime(m.sentAt)}</td>
                    <td>{m.attachmentCount || ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {/* A page of 50, newest first: the next from after the last one shown, and back to the newest. */}
          <p className="actions">
            {before && (
              <button type="button" className="link" onClick={() => setBefore(null)}>
                {t('回到最新')}
              </button>
            )}
            {(box.data?.mailbox.length ?? 0) === 50 && (
              <button type="button" className="link" onClick={() => setBefore(box.data?.mailbox.at(-1)?.id ?? null)}>
                {t('更早的邮件')}
              </button>
            )}
          </p>
          {open && (
            <Message
              t={t}
              id={open}
              inbox={folder === 'INBOX'}
              onChange={() => void box.refetch()}
              onClose={() => setOpen(null)}
              onReply={(to, subject) => write({ ...EMPTY, to: [to], subject: subject.startsWith('回复：') ? subject : `回复：${subject}` })}
            />
          )}
        </Section>
      )}
    </>
  );
}

function Message({
  t,
  id,
  inbox,
  onChange,
  onClose,
  onReply,
}: {
  t: T;
  id: string;
  inbox: boolean;
  onChange: () => void;
  onClose: () => void;
  onReply: (to: Person, subject: string) => void;
}) {
  const { session } = useSession();
  const { data, error, refetch } = useQuery('MailMessage', { id });
  const act = useAction();
  const m = data?.mailMessage;
  const me = session?.user.id;
  const unread = Boolean(m?.recipients.some((r) => r.id === me && !r.readAt));
  // Opened from the inbox, unread: it is read now, once, and its sender will see when.
  const marked = useRef<string | null>(null);
  const changed = useRef(onChange);
  changed.current = onChange;
  useEffect(() => {
    if (!inbox || !unread || marked.current === id) return;
    marked.current = id;
    gql('MarkMailRead', { id })
      .then(() => {
        void refetch();
        changed.current();
        workCountsChanged();
      })
      .catch(() => {
        marked.current = null;
      });
  }, [inbox, unread, id, refetch]);
  if (error) return <ErrorNote error={error} />;
  if (!m) return null;
  const sender = m.senderId === me;
  const list = (kind: string) =>
    m.recipients
      .filter((r) => r.kind === kind)
      .map((r) => (sender ? `${r.name}（${r.readAt ? t('已读 {at}', { at: fmtTime(r.readAt) }) : t('未读')}）` : r.name))
      .join(t('、'));
  return (
    <article className="card" data-testid="mail-message">
      <h3>{m.subject}</h3>
      <p className="muted">
        {t('发件人')}：{m.senderName} · {m.senderOrgName} · {fmtTime(m.sentAt)}
      </p>
      <p className="muted" data-testid="mail-to">
        {t('收件人')}：{list('TO')}
      </p>
      {m.recipients.some((r) => r.kind === 'CC') && (
        <p className="muted">
          {t('抄送')}：{list('CC')}
        </p>
      )}
      <div style={{ whiteSpace: 'pre-wrap' }}>{m.body}</div>
      {m.attachments.length > 0 && (
        <ul data-testid="mail-attachments">
          {m.attachments.map((a) => (
            <li key={a.id}>
              <button
                type="button"
                className="link"
                onClick={() =>
                  void act.run(async () => {
                    const f = (await gql('MailAttachment', { id: a.id })).mailAttachment;
                    saveFile(f.name, fromBase64(f.base64), f.contentType);
                  })
                }
              >
                {a.name}
              </button>{' '}
              <span className="muted">{fmtSize(a.size)}</span>
            </li>
          ))}
        </ul>
      )}
      <ErrorNote error={act.error} />
      <p className="actions">
        {!sender && (
          <button type="button" onClick={() => onReply({ id: m.senderId, name: m.senderName, orgName: m.senderOrgName }, m.subject)}>
            {t('回复')}
          </button>
        )}
        <ConfirmButton
          label={t('删除')}
          question={t('从你的邮箱中删除这封邮件？其他人的邮箱不受影响。')}
          onConfirm={() =>
            void act.run(async () => {
              await gql('PutAwayMail', { id });
              onClose();
              onChange();
            })
          }
        />
      </p>
    </article>
  );
}

function Write({ t, initial, onSent }: { t: T; initial: Draft; onSent: () => void }) {
  const act = useAction();
  const [draft, setDraft] = useState<Draft>(initial);
  const [search, setSearch] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const found = useQuery('MailDirectory', search.trim() ? { search: search.trim() } : null);
  const total = files.reduce((n, f) => n + f.size, 0);
  const chosen = new Set([...draft.to, ...draft.cc].map((p) => p.id));
  const add = (kind: 'to' | 'cc', p: Person) => setDraft({ ...draft, [kind]: [...draft[kind], p] });
  const remove = (p: Person) => setDraft({ ...draft, to: draft.to.filter((x) => x.id !== p.id), cc: draft.cc.filter((x) => x.id !== p.id) });
  const people = (kind: 'to' | 'cc') =>
    draft[kind].map((p) => (
      <span key={p.id} className="chip">
        {p.name} · {p.orgName}{' '}
        <button type="button" className="link" aria-label={t('移除 {n}', { n: p.name })} onClick={() => remove(p)}>
          ✕
        </button>
      </span>
    ));
  return (
    <Section title={t('写邮件')}>
      <ErrorNote error={act.error} />
      <p>
        {t('收件人')}：{people('to')}
      </p>
      <p>
        {t('抄送')}：{people('cc')}
      </p>
      <label className="field">
        <span>{t('查找本单位、上级单位或直属下级单位的人员（姓名或单位）')}</span>
        <input aria-label={t('查找人员')} value={search} onChange={(e) => setSearch(e.target.value)} />
      </label>
      {search.trim() && (
        <ul data-testid="mail-directory">
          {(found.data?.mailDirectory ?? [])
            .filter((p) => !chosen.has(p.id))
            .map((p) => (
              <li key={p.id}>
                {p.name} · {p.orgName}{' '}
                <button type="button" className="link" onClick={() => add('to', p)}>
                  {t('加为收件人')}
                </button>{' '}
                <button type="button" className="link" onClick={() => add('cc', p)}>
                  {t('加为抄送')}
                </button>
              </li>
            ))}
          {found.data && found.data.mailDirectory.length === 0 && <li className="muted">{t('没有可发送的人员')}</li>}
        </ul>
      )}
      <label className="field">
        <span>{t('主题')}</span>
        <input value={draft.subject} onChange={(e) => setDraft({ ...draft, subject: e.target.value })} />
      </label>
      <label className="field">
        <span>{t('正文')}</span>
        <textarea rows={8} value={draft.body} onChange={(e) => setDraft({ ...draft, body: e.target.value })} />
      </label>
      <label className="field">
        <span>{t('附件（合计不超过 20 MB）')}</span>
        <input
          type="file"
          multiple
          onChange={(e) => {
            setFiles([...files, ...Array.from(e.target.files ?? [])]);
            e.target.value = '';
          }}
        />
      </label>
      {files.length > 0 && (
        <ul data-testid="mail-files">
          {files.map((f, n) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the same file may be chosen twice; its place is its identity
            <li key={n}>
              {f.name} <span className="muted">{fmtSize(f.size)}</span>{' '}
              <button type="button" className="link" onClick={() => setFiles(files.filter((_, k) => k !== n))}>
                {t('移除')}
              </button>
            </li>
          ))}
        </ul>
      )}
      {total > MAX_ATTACHMENT_BYTES && (
        <p className="error" role="alert">
          {t('附件合计 {size}，超过 20 MB，请减少附件', { size: fmtSize(total) })}
        </p>
      )}
      <button
        type="button"
        className="primary"
        disabled={act.busy || !draft.to.length || !draft.subject.trim() || total > MAX_ATTACHMENT_BYTES}
        onClick={() =>
          void act.run(async () => {
            const attachments = await Promise.all(files.map(async (f) => ({ name: f.name, base64: await fileToBase64(f) })));
            await gql('SendMail', {
              input: {
                subject: draft.subject.trim(),
                body: draft.body,
                to: draft.to.map((p) => p.id),
                cc: draft.cc.map((p) => p.id),
                attachments: attachments.length ? attachments : null,
              },
            });
            setFiles([]);
            onSent();
          })
        }
      >
        {t('发送')}
      </button>
    </Section>
  );
}

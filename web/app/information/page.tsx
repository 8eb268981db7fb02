'use client';
// 信息 (信息管理, seed 003 第八章): what was published to me, by 栏目 (工作动态, 通知公告, 政策法规, 经验交流); what waits for my
// approval as a leader or section head of my unit (§30: published only once approved); what I submitted and how it
// stands; and the form to submit an item, choosing who may read it (§32: 选择好可查看人员) — my unit, my unit and those
// below it, or named people of my unit.
import { useState } from 'react';
import { AudiencePicker, audienceOf } from '../../components/AudiencePicker';
import { ConfirmButton } from '../../components/Confirm';
import { Shell } from '../../components/Shell';
import { Empty, ErrorNote, Section } from '../../components/ui';
import type { InformationFieldsFragment } from '../../generated/operations';
import { gql } from '../../lib/client';
import { fileToBase64 } from '../../lib/files';
import { fmtTime } from '../../lib/format';
import { useAction, useQuery } from '../../lib/hooks';
import { type T, useT } from '../../lib/i18n';
import { useSession } from '../../lib/session';

const COLUMNS = [
  ['WORK_NEWS', '工作动态'],
  ['NOTICES', '通知公告'],
  ['POLICIES', '政策法规'],
  ['EXPERIENCE', '经验交流'],
] as const;
/** seed 003 §33(二): 图片大小限制在500K以内; a few to an item (the service holds to both). */
const MAX_IMAGE_BYTES = 500 * 1024;
const MAX_IMAGES = 9;
const STATUS: Record<string, [string, string]> = {
  PENDING: ['待审批', 'warn'],
  PUBLISHED: ['已发布', 'good'],
  REJECTED: ['已退回', 'bad'],
  WITHDRAWN: ['已撤下', 'muted'],
};

export default function InformationPage() {
  return (
    <Shell>
      <Information />
    </Shell>
  );
}

function Information() {
  const t = useT();
  const { session } = useSession();
  const [column, setColumn] = useState<string>('');
  const list = useQuery('InformationItems', { column: column || null });
  const items = list.data?.informationItems ?? [];
  const me = session!.user.displayName;
  const waiting = items.filter((i) => i.mayApprove);
  const mine = items.filter((i) => i.authorName === me && i.status !== 'PUBLISHED');
  const published = items.filter((i) => i.status === 'PUBLISHED');
  const reload = () => void list.refetch();
  return (
    <>
      <h1>{t('信息')}</h1>
      <nav className="actions" aria-label={t('栏目')} style={{ marginBottom: '0.75rem' }}>
        {[['', '全部'] as const, ...COLUMNS].map(([k, zh]) => (
          <button key={k} type="button" className={column === k ? 'primary' : ''} onClick={() => setColumn(k)}>
            {t(zh)}
          </button>
        ))}
      </nav>
      <ErrorNote error={list.error} />
      {waiting.length > 0 && (
        <Section title={t('待我审批')}>
          {waiting.map((i) => (
            <Item key={i.id} t={t} i={i} reload={reload} />
          ))}
        </Section>
      )}
      <Section title={t('已发布信息')}>
        {published.length === 0 ? <Empty text={t('暂无信息')} /> : published.map((i) => <Item key={i.id} t={t} i={i} reload={reload} />)}
      </Section>
      {mine.length > 0 && (
        <Section title={t('我提交的信息')}>
          {mine.map((i) => (
            <Item key={i.id} t={t} i={i} reload={reload} />
          ))}
        </Section>
      )}
      <Submit t={t} orgId={session!.user.org.id} onDone={reload} />
    </>
  );
}

function Item({ t, i, reload }: { t: T; i: InformationFieldsFragment; reload: () => void }) {
  const act = useAction();
  const [reason, setReason] = useState<string | null>(null);
  const [words, tone] = STATUS[i.status] ?? [i.status, 'muted'];
  // Reloads after an answer (act.run answers undefined when refused, and the refusal stays on screen).
  const run = async (fn: () => Promise<unknown>) => {
    if ((await act.run(fn)) !== undefined) reload();
  };
  return (
    <article className="card" data-information={i.title} style={{ marginBottom: '0.75rem' }}>
      <h3>
        {i.title} <span className={`badge ${tone}`}>{t(words)}</span>
      </h3>
      <p className="muted">
        {t('{column} · {org} · {author} 提交于 {at}', { column: t(i.columnName), org: i.orgName, author: i.authorName, at: fmtTime(i.submittedAt) })}
        {i.publishedAt && ` · ${t('{who} 审批发布于 {at}', { who: i.decidedByName ?? '', at: fmtTime(i.publishedAt) })}`}
        {' · '}
        {t('可查看：{who}', { who: i.audience === 'PEOPLE' && i.viewerNames.length ? i.viewerNames.join(t('、')) : audienceOf(t, i.audience, i.orgName) })}
      </p>
      {i.body.split(/\n\s*\n/).map((p, n) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the paragraphs of one text, never reordered
        <p key={n}>{p}</p>
      ))}
      {i.images.length > 0 && (
        <div className="actions" style={{ flexWrap: 'wrap', alignItems: 'flex-start' }}>
          {i.images.map((m) => (
            <Picture key={m.id} id={m.id} name={m.name} />
          ))}
        </div>
      )}
      {i.status === 'REJECTED' && i.decisionNote && (
        <p className="notice warn">{t('{who} 退回：{reason}', { who: i.decidedByName ?? '', reason: i.decisionNote })}</p>
      )}
      {i.status === 'WITHDRAWN' && <p className="muted">{t('{who} 于 {at} 撤下', { who: i.withdrawnByName ?? '', at: fmtTime(i.withdrawnAt) })}</p>}
      <ErrorNote error={act.error} />
      <div className="actions">
        {i.mayApprove && reason === null && (
          <>
            <button type="button" className="primary" disabled={act.busy} onClick={() => void run(() => gql('ApproveInformation', { id: i.id }))}>
              {t('审批发布')}
            </button>
            <button type="button" disabled={act.busy} onClick={() => setReason('')}>
              {t('退回')}
            </button>
          </>
        )}
        {reason !== null && (
          <>
            <input aria-label={t('退回理由')} placeholder={t('退回理由')} value={reason} onChange={(e) => setReason(e.target.value)} />
            <button
              type="button"
              className="primary"
              disabled={act.busy || !reason.trim()}
              onClick={() => void run(() => gql('RejectInformation', { id: i.id, reason: reason.trim() }))}
            >
              {t('确认退回')}
            </button>
            <button type="button" onClick={() => setReason(null)}>
              {t('取消')}
            </button>
          </>
        )}
        {/* 撤下 takes an item out of sight for good (退回 sends it back to its author to change): asked first. Before it is
            published, the approver's word for it is 不予发布 and the author's 撤回. */}
        {i.mayWithdraw && (
          <ConfirmButton
            label={t(i.status !== 'PENDING' ? '撤下' : i.mayApprove ? '不予发布' : '撤回')}
            className="danger"
            disabled={act.busy}
            question={t(
              i.status === 'PENDING' ? '《{title}》不再审批发布，不能恢复？如需作者修改，请用“退回”。' : '撤下《{title}》？撤下后读者不再看到它，不能恢复。',
              { title: i.title },
            )}
            onConfirm={() => void run(() => gql('WithdrawInformation', { id: i.id }))}
          />
        )}
      </div>
    </article>
  );
}

/** An image of an item, its bytes fetched as the item is shown. */
function Picture({ id, name }: { id: string; name: string }) {
  const image = useQuery('InformationImage', { id });
  const m = image.data?.informationImage;
  return (
    <figure style={{ margin: 0 }}>
      {m ? (
        // biome-ignore lint/performance/noImgElement: the image's bytes are data, not a static asset Next.js could optimise
        <img src={`data:${m.contentType};base64,${m.base64}`} alt={name} style={{ maxWidth: '16rem', maxHeight: '12rem' }} />
      ) : (
        <span className="muted">{name}</span>
      )}
      <figcaption className="muted">{name}</figcaption>
    </figure>
  );
}

function Submit({ t, orgId, onDone }: { t: T; orgId: string; onDone: () => void }) {
  const act = useAction();
  const [form, setForm] = useState({ column: 'WORK_NEWS', title: '', body: '', audience: 'UNIT' });
  const [images, setImages] = useState<File[]>([]);
  // Told at once, before anything is sent: an image over 500 KB, or more than nine.
  const tooLarge = images.filter((f) => f.size > MAX_IMAGE_BYTES);
  const [viewers, setViewers] = useState<string[]>([]);
  const [done, setDone] = useState(false);
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });
  return (
    <Section title={t('提交信息')}>
      <ErrorNote error={act.error} />
      {done && (
        <p className="notice" role="status">
          {t('已提交，经本单位领导审批后发布')}
        </p>
      )}
      <div className="grid">
        <label className="field">
          <span>{t('栏目')}</span>
          <select value={form.column} onChange={set('column')}>
            {COLUMNS.map(([k, zh]) => (
              <option key={k} value={k}>
                {t(zh)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('标题')}</span>
          <input value={form.title} onChange={set('title')} />
        </label>
        <label className="field">
          <span>{t('正文')}</span>
          <textarea rows={6} value={form.body} onChange={set('body')} placeholder={t('段落之间空一行')} />
        </label>
        <AudiencePicker
          t={t}
          orgId={orgId}
          audience={form.audience}
          viewers={viewers}
          onChange={(audience, chosen) => {
            setForm({ ...form, audience });
            setViewers(chosen);
          }}
        />
        {/* In the form's grid: its name in the label column, what it takes under the field. */}
        <label className="field">
          <span>{t('图片')}</span>
          <input
            type="file"
            aria-label={t('图片')}
            accept="image/png,image/jpeg,image/gif"
            multiple
            onChange={(e) => {
              setImages([...images, ...Array.from(e.target.files ?? [])].slice(0, MAX_IMAGES + 1));
              e.target.value = '';
            }}
          />
          <span className="muted">{t('PNG、JPEG 或 GIF，每张不超过 500 KB，最多 9 张')}</span>
        </label>
      </div>
      {images.length > 0 && (
        <ul data-testid="chosen-images">
          {images.map((f, n) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the same file may be chosen twice; its place is its identity
            <li key={n}>
              {f.name} <span className={f.size > MAX_IMAGE_BYTES ? 'refused' : 'muted'}>{`${Math.ceil(f.size / 1024)} KB`}</span>{' '}
              <button type="button" className="link" onClick={() => setImages(images.filter((_, k) => k !== n))}>
                {t('移除')}
              </button>
            </li>
          ))}
        </ul>
      )}
      {tooLarge.length > 0 && (
        <p className="error" role="alert">
          {t('图片 {names} 超过 500 KB，请压缩后再上传', { names: tooLarge.map((f) => f.name).join(t('、')) })}
        </p>
      )}
      {images.length > MAX_IMAGES && (
        <p className="error" role="alert">
          {t('每条信息最多 9 张图片')}
        </p>
      )}
      <button
        type="button"
        className="primary"
        disabled={act.busy || !form.title.trim() || !form.body.trim() || tooLarge.length > 0 || images.length > MAX_IMAGES}
        onClick={() =>
          void act.run(async () => {
            setDone(false);
            const chosen = await Promise.all(images.map(async (f) => ({ name: f.name, base64: await fileToBase64(f) })));
            const r = await gql('SubmitInformation', {
              input: { ...form, viewerIds: form.audience === 'PEOPLE' ? viewers : null, images: chosen.length ? chosen : null },
            });
            setForm({ ...form, title: '', body: '' });
            setImages([]);
            setViewers([]);
            setDone(true);
            onDone();
            return r;
          })
        }
      >
        {t('提交审批')}
      </button>
    </Section>
  );
}

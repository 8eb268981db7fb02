'use client';
// 信息 (信息管理, seed 003 第八章): what was published to me, by 栏目 (工作动态, 通知公告, 政策法规, 经验交流); what was sent
// back to me, with the reason, to change and submit again (修改后重新报送) or drop — counted beside 信息 on every page
// until I do; what waits for my approval as a leader or section head of my unit (§30: published only once approved);
// what I submitted and how it stands (taken down: by whom and why); each item's rounds for those who act on it; and
// the form to submit an item, choosing who may read it (§32: 选择好可查看人员) — my unit, my unit and those below it, or
// named people of my unit.
import { useState } from 'react';
import { audienceOf } from '../../components/AudiencePicker';
import { AskButton } from '../../components/Confirm';
import { COLUMNS, InformationForm } from '../../components/InformationForm';
import { Shell } from '../../components/Shell';
import { Empty, ErrorNote, Section } from '../../components/ui';
import type { InformationFieldsFragment } from '../../generated/operations';
import { gql } from '../../lib/client';
import { fmtTime } from '../../lib/format';
import { useAction, useQuery } from '../../lib/hooks';
import { type T, useT } from '../../lib/i18n';
import { useSession } from '../../lib/session';
import { workCountsChanged } from '../../lib/work-changed';

const STATUS: Record<string, [string, string]> = {
  PENDING: ['待审批', 'warn'],
  PUBLISHED: ['已发布', 'good'],
  REJECTED: ['已退回', 'bad'],
  WITHDRAWN: ['已撤下', 'muted'],
};
/** An item's rounds, as its history says them. */
const STEP: Record<string, string> = {
  SUBMIT: '提交审批',
  RETURN: '退回',
  RESUBMIT: '修改后重新报送',
  APPROVE: '审批发布',
  WITHDRAW: '撤下',
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
  const waiting = items.filter((i) => i.mayApprove);
  // Sent back to me: first, with the reason, until I change it or drop it.
  const returned = items.filter((i) => i.mayResubmit);
  const mine = items.filter((i) => i.mine && i.status !== 'PUBLISHED' && !i.mayResubmit);
  const published = items.filter((i) => i.status === 'PUBLISHED');
  // An action may move the count beside 信息 (what was sent back to me): the navigation reads it again.
  const reload = () => {
    void list.refetch();
    workCountsChanged();
  };
  const orgId = session!.user.org.id;
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
      {returned.length > 0 && (
        <Section title={t('退回待修改')}>
          <p className="notice warn" data-testid="information-returned">
            {t('以下信息被退回，请按退回理由修改后重新报送；不再发布的，可以不再报送。')}
          </p>
          {returned.map((i) => (
            <Item key={i.id} t={t} i={i} orgId={orgId} reload={reload} />
          ))}
        </Section>
      )}
      {waiting.length > 0 && (
        <Section title={t('待我审批')}>
          {waiting.map((i) => (
            <Item key={i.id} t={t} i={i} orgId={orgId} reload={reload} />
          ))}
        </Section>
      )}
      <Section title={t('已发布信息')}>
        {published.length === 0 ? <Empty text={t('暂无信息')} /> : published.map((i) => <Item key={i.id} t={t} i={i} orgId={orgId} reload={reload} />)}
      </Section>
      {mine.length > 0 && (
        <Section title={t('我提交的信息')}>
          {mine.map((i) => (
            <Item key={i.id} t={t} i={i} orgId={orgId} reload={reload} />
          ))}
        </Section>
      )}
      <Submit t={t} orgId={orgId} onDone={reload} />
    </>
  );
}

function Item({ t, i, orgId, reload }: { t: T; i: InformationFieldsFragment; orgId: string; reload: () => void }) {
  const act = useAction();
  const [reason, setReason] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
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
        <p className="notice warn">{t('{who} 于 {at} 退回：{reason}', { who: i.decidedByName ?? '', at: fmtTime(i.decidedAt), reason: i.decisionNote })}</p>
      )}
      {i.status === 'WITHDRAWN' && (
        <p className={i.mine ? 'notice warn' : 'muted'}>
          {i.withdrawnReason
            ? t('{who} 于 {at} 撤下：{reason}', { who: i.withdrawnByName ?? '', at: fmtTime(i.withdrawnAt), reason: i.withdrawnReason })
            : t('{who} 于 {at} 撤下', { who: i.withdrawnByName ?? '', at: fmtTime(i.withdrawnAt) })}
        </p>
      )}
      {/* Its rounds once there is more than its submission: a reason it was sent back stays in sight after it is
          changed and submitted again. */}
      {i.steps.length > 1 && (
        <details open={i.status !== 'PUBLISHED'} data-testid="information-steps">
          <summary>{t('办理经过')}</summary>
          <ol>
            {i.steps.map((x, n) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the rounds of one item, in order, never reordered
              <li key={n}>
                {fmtTime(x.at)} {x.byName} {t(STEP[x.action] ?? x.action)}
                {x.words ? t('：{words}', { words: x.words }) : ''}
              </li>
            ))}
          </ol>
        </details>
      )}
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
        {i.mayResubmit && !editing && (
          <button type="button" className="primary" disabled={act.busy} onClick={() => setEditing(true)}>
            {t('修改后重新报送')}
          </button>
        )}
        {/* 撤下 takes an item out of sight for good (退回 sends it back to its author to change), saying why: its author
            reads the reason. Before it is published, the approver's word for it is 不予发布 and the author's 撤回; sent
            back, the author's 不再报送. */}
        {i.mayWithdraw && !editing && (
          <AskButton
            label={t(withdrawal(i)[0])}
            className="danger"
            disabled={act.busy}
            question={t(withdrawal(i)[1], { title: i.title })}
            field={t('理由')}
            onAnswer={(why) => void run(() => gql('WithdrawInformation', { id: i.id, reason: why }))}
          />
        )}
      </div>
      {editing && (
        <div data-testid="information-edit">
          <h4>{t('修改后重新报送')}</h4>
          <InformationForm
            t={t}
            orgId={orgId}
            initial={{
              column: i.column,
              title: i.title,
              body: i.body,
              audience: i.audience,
              viewerIds: i.viewerIds,
              images: i.images.map((m) => ({ id: m.id, name: m.name, size: m.size })),
            }}
            submitLabel={t('重新报送审批')}
            onSubmit={async (input) => {
              const r = await gql('ResubmitInformation', { id: i.id, input });
              setEditing(false);
              reload();
              return r;
            }}
            onCancel={() => setEditing(false)}
          />
        </div>
      )}
    </article>
  );
}

/** The word for taking an item away and the question asked first, by where it stands and who asks. */
function withdrawal(i: InformationFieldsFragment): [string, string] {
  if (i.status === 'REJECTED') return ['不再报送', '《{title}》不再报送？不能恢复；如需发布，请“修改后重新报送”。'];
  if (i.status === 'PENDING' && i.mayApprove) return ['不予发布', '《{title}》不再审批发布，不能恢复？如需作者修改，请用“退回”。'];
  if (i.status === 'PENDING') return ['撤回', '撤回《{title}》？撤回后不再审批发布，不能恢复。'];
  return ['撤下', '撤下《{title}》？撤下后读者不再看到它，不能恢复。'];
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
  const [done, setDone] = useState(false);
  return (
    <Section title={t('提交信息')}>
      {done && (
        <p className="notice" role="status">
          {t('已提交，经本单位领导审批后发布')}
        </p>
      )}
      <InformationForm
        t={t}
        orgId={orgId}
        submitLabel={t('提交审批')}
        onSubmit={async (input) => {
          setDone(false);
          const r = await gql('SubmitInformation', { input });
          setDone(true);
          onDone();
          return r;
        }}
      />
    </Section>
  );
}

'use client';
// 考核评比 (seed 004 四(一): 定期组织考核评比工作并公布考核评比结果): the unit's supervisor or administrator scores the
// units below it for a period by weights they set (签收, 接收, 报送 timeliness and the share exchanged on the network);
// counts it again while a draft, adds or takes off points with a reason, publishes it — from then on the units it
// scored read it — and downloads or exports it. The units below read what the units above published. The unit's drafter
// drafts the 通报 of a published one on 拟稿.
import { useSearchParams } from 'next/navigation';
import { Suspense, useEffect, useState } from 'react';
import { ConfirmButton } from '../../components/Confirm';
import { ExportButtons } from '../../components/Export';
import { Shell } from '../../components/Shell';
import { Empty, ErrorNote, Section } from '../../components/ui';
import { assessmentTable, periodOver, periodTitle, sharing } from '../../lib/assessment';
import { gql, openBlob } from '../../lib/client';
import { beijingDay, beijingDayAfter, fmtDate, fmtTime, pct, todayInBeijing } from '../../lib/format';
import { useAction, useQuery } from '../../lib/hooks';
import { type T, useT } from '../../lib/i18n';
import { GRADE_WORDS } from '../../lib/notices';
import { hasRole, useSession } from '../../lib/session';

export default function AssessmentPage() {
  return (
    <Shell>
      {/* The assessment to open comes from the query string (useSearchParams), which a static page reads under Suspense. */}
      <Suspense>
        <Assessments />
      </Suspense>
    </Shell>
  );
}

const INDICATORS = [
  ['sign', '签收及时率'],
  ['receipt', '接收及时率'],
  ['report', '报送及时率'],
  ['electronic', '公文交换电子化率'],
] as const;
type Weights = Record<(typeof INDICATORS)[number][0], number>;

/** Last month, as the form first offers it: its first and last day. */
function lastMonth(): { from: string; to: string } {
  const [y, m] = todayInBeijing().split('-').map(Number) as [number, number];
  const [year, month] = m === 1 ? [y - 1, 12] : [y, m - 1];
  const first = `${year}-${String(month).padStart(2, '0')}-01`;
  const last = new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
  return { from: first, to: last };
}

function Assessments() {
  const t = useT();
  const { session } = useSession();
  const list = useQuery('Assessments', {});
  // A notice of a result links here with the assessment's id: it opens at once.
  const asked = useSearchParams().get('id');
  const [open, setOpen] = useState<string | null>(asked);
  useEffect(() => {
    if (asked) setOpen(asked);
  }, [asked]);
  const assessor = hasRole(session, 'SUPERVISOR', 'ADMIN');
  const own = session?.user.org.id;
  // 考核评比 scores the units below the assessor's unit: a unit with none (a county with no units under it) reads what
  // those above publish, and is not offered a form the platform would refuse (NOTHING_TO_ASSESS).
  const below = useQuery('OrgChildren', assessor && own ? { id: own } : null);
  const unitsBelow = below.data ? below.data.org.children.length : null;
  return (
    <>
      <h1>{t('考核评比')}</h1>
      <p className="muted">
        {t('依据系统记录的签收、接收、报送及时率和公文交换电子化率，对本单位以下各单位定期考核评比并公布结果；公布后被考核单位可查看，结果不再更改。')}
      </p>
      {assessor && unitsBelow !== null && unitsBelow > 0 && <NewAssessment t={t} onCreated={(id) => void list.refetch().then(() => setOpen(id))} />}
      <ErrorNote error={below.error} />
      {assessor && unitsBelow === 0 && (
        <p className="notice" data-testid="no-units-below">
          {t('考核评比用于对本单位的下级单位进行考核。本单位没有下级单位，不能新建考核评比；上级单位公布的考核结果见下表。')}
        </p>
      )}
      <Section title={t('考核评比')}>
        <ErrorNote error={list.error} />
        {list.data && list.data.assessments.length === 0 ? (
          <Empty text={t('尚无考核评比')} />
        ) : (
          <table data-testid="assessments">
            <thead>
              <tr>
                <th>{t('标题')}</th>
                <th>{t('考核单位')}</th>
                <th>{t('考核期间')}</th>
                <th>{t('参评单位')}</th>
                <th>{t('状态')}</th>
              </tr>
            </thead>
            <tbody>
              {(list.data?.assessments ?? []).map((a) => (
                <tr key={a.id} data-assessment={a.title}>
                  <td>
                    <button type="button" className="link" onClick={() => setOpen(open === a.id ? null : a.id)}>
                      {a.title}
                    </button>
                  </td>
                  <td>{a.orgId === own ? t('本单位') : a.orgName}</td>
                  <td>
                    {fmtDate(a.periodFrom)} — {fmtDate(new Date(Date.parse(a.periodTo) - 1).toISOString())}
                  </td>
                  <td>{a.results.filter((r) => r.score !== null).length}</td>
                  <td>
                    {a.publishedAt ? (
                      <span className="badge ok">{t('已公布 {at}', { at: fmtTime(a.publishedAt) })}</span>
                    ) : (
                      <span className="badge warn">{t('草稿')}</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Section>
      {open && (
        <AssessmentView
          key={open}
          t={t}
          id={open}
          mayChange={assessor}
          ownUnit={own ?? ''}
          onChange={() => void list.refetch()}
          onDiscarded={() => {
            setOpen(null);
            void list.refetch();
          }}
        />
      )}
    </>
  );
}

function NewAssessment({ t, onCreated }: { t: T; onCreated: (id: string) => void }) {
  const last = lastMonth();
  // The title is the 通报's: in Chinese whatever the reader's language. It names the period chosen until the assessor
  // writes one of their own (a title of December's figures named November was published as such).
  const [form, setForm] = useState({ title: periodTitle(last.from, last.to) ?? '', from: last.from, to: last.to });
  const [titled, setTitled] = useState(false);
  const period = (change: { from: string } | { to: string }) => {
    const next = { ...form, ...change };
    setForm(titled ? next : { ...next, title: periodTitle(next.from, next.to) ?? form.title });
  };
  const [weights, setWeights] = useState<Weights>({ sign: 40, receipt: 20, report: 25, electronic: 15 });
  const act = useAction();
  const sum = INDICATORS.reduce((s, [k]) => s + (Number.isFinite(weights[k]) ? weights[k] : 0), 0);
  return (
    <Section title={t('新建考核评比')}>
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          // A second click before the answer sends nothing (useAction runs one action at a time; the button is
          // disabled while busy), and the same form sent again gives the same draft (createAssessment).
          void act.run(async () => {
            const r = await gql('CreateAssessment', {
              input: { title: form.title, from: beijingDay(form.from), to: beijingDayAfter(form.to), weights },
            });
            onCreated(r.createAssessment.id);
          });
        }}
      >
        <label>
          {t('标题')}{' '}
          <input
            value={form.title}
            onChange={(e) => {
              // Emptied, it follows the period again.
              setTitled(e.target.value.trim() !== '');
              setForm({ ...form, title: e.target.value });
            }}
            maxLength={100}
            required
          />
        </label>
        <label>
          {t('起始日期')} <input type="date" value={form.from} onChange={(e) => period({ from: e.target.value })} required />
        </label>
        <label>
          {t('截止日期')} <input type="date" value={form.to} onChange={(e) => period({ to: e.target.value })} required />
        </label>
        <fieldset>
          <legend>{t('考核指标及分值（合计 100 分）')}</legend>
          {INDICATORS.map(([k, words]) => (
            <label key={k}>
              {t(words)}{' '}
              <input
                type="number"
                min={0}
                max={100}
                step={1}
                required
                value={Number.isFinite(weights[k]) ? weights[k] : ''}
                onChange={(e) => setWeights({ ...weights, [k]: e.target.valueAsNumber })}
              />
            </label>
          ))}
          <p className={sum === 100 ? 'muted' : 'bad'} aria-live="polite">
            {t('合计 {n} 分', { n: sum })}
          </p>
        </fieldset>
        <p className="muted">{t('某项无考核数据的单位（如考核期内未被要求报送），按其余各项折算得分。')}</p>
        <button type="submit" disabled={act.busy}>
          {t('生成考核结果（草稿）')}
        </button>
        <ErrorNote error={act.error} />
      </form>
    </Section>
  );
}

function AssessmentView({
  t,
  id,
  mayChange,
  ownUnit,
  onChange,
  onDiscarded,
}: {
  t: T;
  id: string;
  mayChange: boolean;
  ownUnit: string;
  onChange: () => void;
  onDiscarded: () => void;
}) {
  const { data, error, refetch } = useQuery('AssessmentDetail', { id });
  const act = useAction();
  const [adjusting, setAdjusting] = useState<{ orgId: string; points: string; reason: string } | null>(null);
  if (error) return <ErrorNote error={error} />;
  if (!data) return null;
  const a = data.assessment;
  const draft = !a.publishedAt;
  const changeable = draft && mayChange && a.orgId === ownUnit;
  const mine = a.results.find((r) => r.orgId === ownUnit);
  // A draft of a period still running counts what has happened so far; published, it stays so (the text says when).
  const running = draft && !periodOver(a.periodTo);
  const lastDay = fmtDate(new Date(Date.parse(a.periodTo) - 1).toISOString());
  const scoredCount = a.results.filter((r) => r.score !== null).length;
  /** A place as a ranking says it: units with equal scores share it, and each of them is 并列. */
  const place = (rank: number | null) => (rank === null ? '—' : sharing(a.results, rank) > 1 ? t('并列第 {rank} 名', { rank }) : t('第 {rank} 名', { rank }));
  const done = async () => {
    await refetch();
    onChange();
  };
  /** One of the draft's steps, then the view and the list read again. */
  const step = (name: 'RecomputeAssessment' | 'PublishAssessment') =>
    void act.run(async () => {
      await gql(name, { id });
      await done();
    });
  const rate = (r: number | null) => (r === null ? '—' : pct(r));
  const header = [t('名次'), t('单位'), ...INDICATORS.map(([, w]) => t(w)), t('基础分'), t('加减分'), t('得分'), t('等次')];
  return (
    <article className="card" data-testid="assessment">
      <h2>{a.title}</h2>
      <p className="muted">
        {t('{org} · 考核期间 {from} 至 {to} · {name}生成，数据统计于 {at}', {
          org: a.orgName,
          from: fmtDate(a.periodFrom),
          to: lastDay,
          name: a.createdByName,
          at: fmtTime(a.computedAt),
        })}
        {a.publishedAt && ` · ${t('{name}公布于 {at}', { name: a.publishedByName ?? '', at: fmtTime(a.publishedAt) })}`}
      </p>
      <p>
        {t('分值：')}
        {INDICATORS.map(([k, w]) => t('{what} {n} 分', { what: t(w), n: a.weights[k] })).join(t('、'))}
      </p>
      {mine && (
        // A unit scored by one above reads its own result first, then finds its row marked in the ranking.
        <p className="notice" data-testid="own-result">
          {mine.score === null
            ? t('本单位在考核期间内无可考核的数据。')
            : t('本单位得分 {score}，等次{grade}，名次{place}（共 {of} 个单位）。', {
                score: mine.score.toFixed(1),
                grade: t(GRADE_WORDS[mine.grade ?? ''] ?? mine.grade ?? ''),
                place: place(mine.rank),
                of: scoredCount,
              })}
        </p>
      )}
      {running && (
        <p className="bad" data-testid="period-running">
          {t('考核期间尚未结束（至 {to}）：本草稿只统计了截至 {at} 的数据，公布后结果不再更改。建议考核期结束后重新统计，再公布结果。', {
            to: lastDay,
            at: fmtTime(a.computedAt),
          })}
        </p>
      )}
      <ErrorNote error={act.error} />
      {a.results.length === 0 ? (
        <Empty text={t('考核期间内本单位以下各单位均无可考核的数据')} />
      ) : (
        <table data-testid="assessment-results">
          <thead>
            <tr>
              {header.map((h) => (
                <th key={h}>{h}</th>
              ))}
              {changeable && <th>{t('操作')}</th>}
            </tr>
          </thead>
          <tbody>
            {a.results.map((r) => (
              <tr key={r.orgId} data-unit={r.name} className={r.orgId === ownUnit ? 'mine' : undefined} aria-current={r.orgId === ownUnit ? 'true' : undefined}>
                <td>{place(r.rank)}</td>
                <td>{r.name}</td>
                <td>{rate(r.signRate)}</td>
                <td>{rate(r.receiptRate)}</td>
                <td>{rate(r.reportRate)}</td>
                <td>{rate(r.electronicRate)}</td>
                <td>{r.baseScore?.toFixed(1) ?? '—'}</td>
                <td title={r.adjustment ? t('{reason}（{name}）', { reason: r.adjustment.reason, name: r.adjustment.byName }) : undefined}>
                  {r.adjustment ? `${r.adjustment.points > 0 ? '+' : ''}${r.adjustment.points} ${r.adjustment.reason}` : ''}
                </td>
                <td>{r.score === null ? t('无数据') : r.score.toFixed(1)}</td>
                <td>{r.grade ? t(GRADE_WORDS[r.grade] ?? r.grade) : '—'}</td>
                {changeable && (
                  <td>
                    {r.score !== null && (
                      <button
                        type="button"
                        className="link"
                        onClick={() =>
                          setAdjusting({ orgId: r.orgId, points: r.adjustment ? String(r.adjustment.points) : '', reason: r.adjustment?.reason ?? '' })
                        }
                      >
                        {t('加减分')}
                      </button>
                    )}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {a.results.length > 0 && (
        <p className="muted">
          {t('得分 = 基础分 + 加分 − 减分；加分后可超过 100 分，最低为 0 分。等次：90 分及以上优秀，80 分及以上良好，60 分及以上合格，60 分以下不合格。')}
        </p>
      )}
      {adjusting && changeable && (
        <form
          className="form"
          data-testid="adjustment"
          onSubmit={(e) => {
            e.preventDefault();
            void act.run(async () => {
              await gql('SetAssessmentAdjustment', {
                id,
                orgId: adjusting.orgId,
                adjustment: { points: Number(adjusting.points), reason: adjusting.reason },
              });
              setAdjusting(null);
              await done();
            });
          }}
        >
          <p>{t('{unit} 加减分', { unit: a.results.find((r) => r.orgId === adjusting.orgId)?.name ?? '' })}</p>
          <label>
            {t('分值（-30 至 +10）')}{' '}
            <input
              type="number"
              step={0.1}
              min={-30}
              max={10}
              value={adjusting.points}
              onChange={(e) => setAdjusting({ ...adjusting, points: e.target.value })}
              required
            />
          </label>
          <label>
            {t('原因')} <input value={adjusting.reason} onChange={(e) => setAdjusting({ ...adjusting, reason: e.target.value })} maxLength={200} required />
          </label>
          <p className="actions">
            <button type="submit" disabled={act.busy}>
              {t('保存')}
            </button>
            <button
              type="button"
              disabled={act.busy}
              onClick={() =>
                void act.run(async () => {
                  await gql('SetAssessmentAdjustment', { id, orgId: adjusting.orgId, adjustment: null });
                  setAdjusting(null);
                  await done();
                })
              }
            >
              {t('取消加减分')}
            </button>
            <button type="button" className="link" onClick={() => setAdjusting(null)}>
              {t('关闭')}
            </button>
          </p>
        </form>
      )}
      <p className="actions">
        {changeable && (
          <>
            <button type="button" disabled={act.busy} onClick={() => step('RecomputeAssessment')}>
              {t('重新统计')}
            </button>
            <ConfirmButton
              label={t('公布结果')}
              question={
                running
                  ? t('考核期间尚未结束（至 {to}），现在公布的是截至 {at} 的数据，公布后各被考核单位即可查看，结果不再更改。确定现在公布吗？', {
                      to: lastDay,
                      at: fmtTime(a.computedAt),
                    })
                  : t('公布后各被考核单位即可查看，结果不再更改。确定公布吗？')
              }
              confirmLabel={t('公布')}
              disabled={act.busy}
              testId="publish-assessment"
              onConfirm={() => step('PublishAssessment')}
            />
            <ConfirmButton
              label={t('删除草稿')}
              question={t('删除后该考核评比草稿及其加减分不再保留。确定删除吗？')}
              confirmLabel={t('删除')}
              disabled={act.busy}
              onConfirm={() =>
                void act.run(async () => {
                  await gql('DiscardAssessment', { id });
                  onDiscarded();
                })
              }
            />
          </>
        )}
        <ExportButtons
          base={a.title}
          table={() =>
            assessmentTable(
              t('考核评比'),
              {
                place: t('名次'),
                unit: t('单位'),
                indicators: INDICATORS.map(([, w]) => t(w)),
                base: t('基础分'),
                points: t('加减分'),
                reason: t('加减分原因'),
                score: t('得分'),
                grade: t('等次'),
              },
              a.results,
              (g) => t(GRADE_WORDS[g] ?? g),
            )
          }
        />
        {a.pdfSha256 && (
          <button type="button" onClick={() => void openBlob(a.pdfSha256!, `${a.title}.pdf`)}>
            {t('下载 PDF')}
          </button>
        )}
      </p>
    </article>
  );
}

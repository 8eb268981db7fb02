'use client';
// 统计: a unit's subtree over a period at a glance, for supervisors, leaders and administrators: the totals, the trend
// of deliveries sent and received with 签收 in time, the ranking of units by 签收 in time (chart and table), a map of
// the province's units as a treemap coloured by timeliness with each unit's figure written on it (never colour
// alone), documents by 文种 and direction, and returns by reason. The figures are the documents service's
// `statistics` query, counted in SQL under row-level security.
import { useEffect, useMemo, useState } from 'react';
import { Chart, type ChartOption } from '../../components/Chart';
import { ExportButtons } from '../../components/Export';
import { Shell } from '../../components/Shell';
import { alarmKpi, DIRECTION, docTypeName, Empty, ErrorNote, returnReasonLabel, Section } from '../../components/ui';
import type { StatisticsQuery, SubtreeUnitsQuery } from '../../generated/operations';
import { gql } from '../../lib/client';
import { beijingDay, pct, todayInBeijing, trendStepLabel } from '../../lib/format';
import { useDebounced, useQuery, useSubscription } from '../../lib/hooks';
import { useLang, useT } from '../../lib/i18n';
import { sharedPlaces } from '../../lib/ranks';
import type { Table } from '../../lib/sheet';
import { IDLE_COLOR, type IdleUnit, unitTree } from '../../lib/unit-tree';

type Stats = StatisticsQuery['statistics'];

const monthsAgo = (n: number) => {
  const [y, m] = todayInBeijing().split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 - n, 1));
  return d.toISOString().slice(0, 10);
};

/** The bands of the map: a colour, and always the word and the figure beside it. */
const BAND: Record<string, { zh: string; color: string }> = {
  GOOD: { zh: '优（≥95%）', color: '#2e7d32' },
  FAIR: { zh: '良（80%–95%）', color: '#f9a825' },
  POOR: { zh: '差（<80%）', color: '#c62828' },
  NONE: { zh: '尚无到期应签收', color: '#9e9e9e' },
};
/** Units with nothing due listed before the rest are folded away. */
const UNRANKED_SHOWN = 10;
const rateText = (r: number | null | undefined) => (r === null || r === undefined ? '—' : pct(r));
/** A rate's card in the legend's colours: green from 95 %, red under 80 %, plain between and when there is none. */
const rateKpi = (r: number | null | undefined) => (r === null || r === undefined ? 'kpi' : r >= 0.95 ? 'kpi good' : r < 0.8 ? 'kpi bad' : 'kpi');

/** Units at the same 签收 rate share a place. */
const placesOf = (units: Stats['units']) => sharedPlaces(units, (u) => u.signRate ?? -1);

/** The columns of what each unit sent (下行, 上行, 平行), before every percentage column. */
const SENT_COLUMNS = [2, 3, 4];

/** The ranking table as exported: every unit with its figures; rates as numbers (shown as percentages). */
function statisticsTable(t: ReturnType<typeof useT>, s: Stats): Table {
  const rate = (r: number | null | undefined) => (r === null || r === undefined ? null : r);
  const places = placesOf(s.units);
  const table = {
    title: t('单位排名（签收及时率）'),
    header: [
      '#',
      '单位',
      '下行发文',
      '上行发文',
      '平行发文',
      '收文',
      '接收及时率',
      '签收及时率',
      '迟签',
      '未签收',
      '平均签收用时（小时）',
      '退回',
      '应报送',
      '按时报送',
      '报送及时率',
      '纸质收文',
      '纸质发文',
      '公文交换电子化率',
    ].map((h) => t(h)),
    rows: s.units.map((u, i) => [
      u.signRate === null ? null : places[i],
      u.name,
      u.sentDown,
      u.sentUp,
      u.sentLateral,
      u.received,
      rate(u.receiptRate),
      rate(u.signRate),
      u.signedLate,
      u.signedMissing,
      u.avgSignHours === null ? null : Number(u.avgSignHours.toFixed(1)),
      u.returns,
      u.reportsDue,
      u.reportsOnTime,
      rate(u.reportRate),
      u.paperReceived,
      u.paperSent,
      rate(u.electronicRate),
    ]),
    percent: [6, 7, 14, 17],
  };
  if (s.view !== 'SENT_TO') return table;
  // The units sent to are counted by what they received of the unit's; what they sent is not counted, so not shown.
  const keep = <T,>(row: T[]) => row.filter((_, i) => !SENT_COLUMNS.includes(i));
  return { ...table, header: keep(table.header), rows: table.rows.map(keep), percent: table.percent.map((i) => i - SENT_COLUMNS.length) };
}

export default function StatisticsPage() {
  return (
    <Shell>
      <Statistics />
    </Shell>
  );
}

/** The unit choice that asks for the units the caller's unit sent to, not a unit of its subtree. */
const SENT_TO = 'SENT_TO';

function Statistics() {
  const t = useT();
  const { lang } = useLang();
  const [from, setFrom] = useState(monthsAgo(2));
  const [to, setTo] = useState(todayInBeijing());
  const [orgId, setOrgId] = useState<string | null>(null);
  // 本单位发文的收文单位: a provincial office's counties stand outside its own subtree, and its 统计 is of them.
  const [sentTo, setSentTo] = useState(false);
  const vars =
    from <= to ? { from: beijingDay(from), to: beijingDay(to, true), ...(orgId ? { orgId } : {}), ...(sentTo ? { view: 'SENT_TO' as const } : {}) } : null;
  const { data, error, refetch } = useQuery('Statistics', vars);
  // Live, as 督办: a 签收 in the subtree is counted within 5 s (the period's figures are counted again, not per event).
  const recount = useDebounced(() => void refetch(), 5000);
  useSubscription('SubtreeReceipts', vars ? {} : null, recount);
  // A period that ends before it begins asks nothing: what was read for the last good one is not shown (nor exported) as its.
  const s = vars ? data?.statistics : undefined;
  // The units sent to: counted by what they received of the unit's, not by what they sent.
  const sentView = s?.view === 'SENT_TO';
  // Every unit of the subtree looked at, for the map: those with no document in the period are drawn as such.
  const [idle, setIdle] = useState<IdleUnit[]>([]);
  const rootId = s?.orgId;
  useEffect(() => {
    if (!rootId) return;
    let current = true;
    void (async () => {
      const all: IdleUnit[] = [];
      let after: string | null = null;
      for (let page = 0; page < 50; page++) {
        const r: SubtreeUnitsQuery = await gql('SubtreeUnits', { rootId, first: 200, after });
        all.push(...r.subtree.nodes);
        if (!r.subtree.pageInfo.hasNextPage) break;
        after = r.subtree.pageInfo.endCursor ?? null;
      }
      if (current) setIdle(all);
    })().catch(() => {
      // The map still shows the units with figures; the quiet ones are a help, not a need.
    });
    return () => {
      current = false;
    };
  }, [rootId]);
  const quiet = s ? idle.filter((u) => !s.units.some((x) => x.orgId === u.id)) : [];
  // The units one may look into: those of the caller's own subtree, kept while looking into one of them.
  // In the tree's order, each unit under its parent and indented by its level (a province lists some 300 units).
  const [choices, setChoices] = useState<{ orgId: string; name: string }[]>([]);
  useEffect(() => {
    if (!s || orgId || sentView) return;
    const top = Math.min(...s.units.map((u) => u.depth));
    const inTree = [...s.units].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    setChoices(inTree.map((u) => ({ orgId: u.orgId, name: `${'\u3000'.repeat(Math.max(0, u.depth - top))}${u.name}` })));
  }, [s, orgId, sentView]);

  const trend = useMemo<ChartOption | null>(
    () =>
      s
        ? {
            tooltip: { trigger: 'axis' },
            legend: { top: 0, data: [t('发文份数'), t('收文份数'), t('按时签收'), t('迟签或未签收')] },
            grid: { left: 40, right: 20, bottom: 30, top: 40, containLabel: true },
            // Each step as people name it (2026年11月; a week by its first day, said to be one).
            xAxis: { type: 'category', data: s.trend.map((p) => trendStepLabel(p.period, s.granularity as 'day' | 'week' | 'month', lang)) },
            yAxis: { type: 'value', minInterval: 1 },
            series: [
              { name: t('发文份数'), type: 'line', data: s.trend.map((p) => p.sent), label: { show: true } },
              { name: t('收文份数'), type: 'line', data: s.trend.map((p) => p.received), label: { show: true } },
              // A bar as wide as a bar, not the whole period's column when there are few.
              { name: t('按时签收'), type: 'bar', barMaxWidth: 40, data: s.trend.map((p) => p.signedOnTime) },
              { name: t('迟签或未签收'), type: 'bar', barMaxWidth: 40, data: s.trend.map((p) => p.signedLate + p.signedMissing) },
            ],
          }
        : null,
    [s, t, lang],
  );
  const rankedUnits = useMemo(() => (s ? s.units.filter((u) => u.signRate !== null) : []), [s]);
  const places = useMemo(() => placesOf(s?.units ?? []), [s]);
  // A province's hundred units with nothing yet due are a wall of dashes: the first few shown, the rest on asking.
  const [allUnits, setAllUnits] = useState(false);
  const folded = s && !allUnits ? Math.max(0, s.units.length - rankedUnits.length - UNRANKED_SHOWN) : 0;
  const shownUnits = s ? s.units.slice(0, s.units.length - folded) : [];
  const ranking = useMemo<ChartOption | null>(() => {
    if (!s) return null;
    const top = rankedUnits.slice(0, 30).reverse();
    return {
      tooltip: { trigger: 'axis' },
      grid: { left: 10, right: 60, bottom: 20, top: 10, containLabel: true },
      xAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
      yAxis: { type: 'category', data: top.map((u) => u.name) },
      series: [
        {
          name: t('签收及时率'),
          type: 'bar',
          data: top.map((u) => ({ value: Math.round((u.signRate ?? 0) * 1000) / 10, itemStyle: { color: BAND[u.band]?.color } })),
          label: { show: true, position: 'right', formatter: '{c}%' },
        },
      ],
    };
  }, [s, rankedUnits, t]);
  const map = useMemo<ChartOption | null>(
    () =>
      s
        ? {
            tooltip: { formatter: (p: { name: string }) => p.name.replace('\n', ' · ') },
            series: [
              {
                type: 'treemap',
                name: s.orgName,
                roam: false,
                nodeClick: false,
                breadcrumb: { show: false },
                // A box too narrow for a name cuts it with an ellipsis (breaking it left fragments like 宝宝宝); the tooltip names it.
                label: { show: true, formatter: '{b}', overflow: 'truncate', ellipsis: '…' },
                upperLabel: { show: true, height: 30, formatter: '{b}', overflow: 'truncate', ellipsis: '…' },
                // The series' own root is not labelled: its one child, the unit looked at, already is.
                levels: [
                  { upperLabel: { show: false }, itemStyle: { borderColor: '#fff', borderWidth: 2, gapWidth: 2 } },
                  { itemStyle: { borderColor: '#eee', gapWidth: 1 } },
                ],
                data: unitTree(s.units, idle, {
                  active: (u) => `${u.name}\n${t('签收及时率')} ${rateText(u.signRate)}`,
                  idle: (name) => `${name}\n${t('该期间无收发文')}`,
                  color: (band) => BAND[band]?.color ?? '#9e9e9e',
                  own: (name) => t('{name}（本级）', { name }),
                }),
              },
            ],
          }
        : null,
    [s, t, idle],
  );

  return (
    <>
      <h1>{t('统计')}</h1>
      <div className="actions" data-testid="stat-controls">
        <label>
          {t('起始日期')} <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
        </label>
        <label>
          {t('截止日期')} <input type="date" value={to} onChange={(e) => setTo(e.target.value)} />
        </label>
        <label>
          {t('单位')}{' '}
          <select
            value={sentTo ? SENT_TO : (orgId ?? '')}
            onChange={(e) => {
              setSentTo(e.target.value === SENT_TO);
              setOrgId(e.target.value && e.target.value !== SENT_TO ? e.target.value : null);
            }}
          >
            <option value="">{t('本单位及下级单位')}</option>
            <option value={SENT_TO}>{t('本单位发文的收文单位')}</option>
            {choices.map((c) => (
              <option key={c.orgId} value={c.orgId}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      {from > to ? (
        <p className="error" role="alert" data-testid="period-reversed">
          {t('截止日期不能早于起始日期')}
        </p>
      ) : (
        <ErrorNote error={error} />
      )}
      {sentView && s && (
        <p className="muted" data-testid="stat-sent-to">
          {t('{u}发出的公文在各收文单位的接收、签收、退回与报送情况', { u: s.orgName })}
        </p>
      )}
      {!s && !error && <p className="muted">{t('加载中…')}</p>}
      {s && (
        <>
          <div className="kpis" data-testid="stat-totals">
            <div className="kpi">
              <div className="n">{s.totals.documentsSent}</div>
              <div className="l">{t('发文（件）')}</div>
            </div>
            <div className="kpi">
              <div className="n">{s.totals.received}</div>
              <div className="l">{t('收文（份）')}</div>
            </div>
            <div className={rateKpi(s.totals.receiptRate)}>
              <div className="n">{rateText(s.totals.receiptRate)}</div>
              <div className="l">{t('接收及时率')}</div>
            </div>
            <div className={rateKpi(s.totals.signRate)}>
              <div className="n">{rateText(s.totals.signRate)}</div>
              <div className="l">{t('签收及时率')}</div>
            </div>
            <div className={alarmKpi(s.totals.returns)}>
              <div className="n">{s.totals.returns}</div>
              <div className="l">{t('退回来文')}</div>
            </div>
            <div className={rateKpi(s.totals.reportRate)}>
              <div className="n">{rateText(s.totals.reportRate)}</div>
              <div className="l">{t('报送及时率')}</div>
            </div>
            <div className={rateKpi(s.totals.electronicRate)} data-testid="stat-electronic">
              <div className="n">{rateText(s.totals.electronicRate)}</div>
              <div className="l">{t('公文交换电子化率')}</div>
            </div>
            <div className="kpi" data-testid="stat-paper">
              <div className="n">
                {s.paper.received} / {s.paper.sent}
              </div>
              <div className="l">{t('纸质补录（收 / 发）')}</div>
            </div>
          </div>
          <Section title={t('趋势')}>
            {s.trend.length === 0 ? (
              <Empty text={t('该期间没有收发文')} />
            ) : (
              trend && (
                <Chart
                  option={trend}
                  label={t('按{g}的收发文与签收趋势', { g: t(s.granularity === 'day' ? '日' : s.granularity === 'week' ? '周' : '月') })}
                  testId="chart-trend"
                />
              )
            )}
          </Section>
          <Section
            title={t('单位排名（签收及时率）')}
            actions={
              s.units.length > 0 && (
                <div className="actions">
                  <ExportButtons base={`${t('统计')}-${from}-${to}`} table={() => statisticsTable(t, s)} />
                </div>
              )
            }
          >
            {rankedUnits.length > 0 && ranking && (
              <Chart
                option={ranking}
                label={t('各单位签收及时率排名')}
                height={Math.max(200, Math.min(rankedUnits.length, 30) * 26 + 40)}
                testId="chart-ranking"
              />
            )}
            {s.units.length === 0 ? (
              <Empty text={t('该期间没有收发文')} />
            ) : (
              <div className="table-wrap">
                <table data-testid="stat-ranking">
                  <thead>
                    <tr>
                      <th>#</th>
                      <th>{t('单位')}</th>
                      {!sentView && <th>{t('发出份数（下行/上行/平行）')}</th>}
                      <th>{t('收文')}</th>
                      <th>{t('接收及时率')}</th>
                      <th>{t('签收及时率')}</th>
                      <th>{t('迟签')}</th>
                      <th>{t('未签收')}</th>
                      <th>{t('平均签收用时')}</th>
                      <th>{t('退回来文')}</th>
                      <th>{t('报送及时率')}</th>
                      <th>{t('电子化率')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {shownUnits.map((u, i) => (
                      <tr key={u.orgId} data-unit={u.name}>
                        <td>{u.signRate === null ? '—' : places[i]}</td>
                        <td className="nowrap">
                          {/* A unit sent to is not one to look into: it need not stand below. */}
                          {sentView ? (
                            u.name
                          ) : (
                            <button type="button" className="link" onClick={() => setOrgId(u.orgId)}>
                              {u.name}
                            </button>
                          )}
                        </td>
                        {!sentView && (
                          <td>
                            {u.sentDown}/{u.sentUp}/{u.sentLateral}
                          </td>
                        )}
                        <td data-testid="received">{u.received}</td>
                        <td>{rateText(u.receiptRate)}</td>
                        <td data-testid="sign-rate">
                          {rateText(u.signRate)} <span className="muted">{t(BAND[u.band]?.zh ?? u.band)}</span>
                        </td>
                        <td>{u.signedLate}</td>
                        <td>{u.signedMissing}</td>
                        <td>{u.avgSignHours === null ? '—' : t('{h} 小时', { h: u.avgSignHours.toFixed(1) })}</td>
                        <td>{u.returns}</td>
                        <td>
                          {rateText(u.reportRate)}
                          {u.reportsDue > 0 && (
                            <span className="muted">
                              {' '}
                              ({u.reportsOnTime}/{u.reportsDue})
                            </span>
                          )}
                        </td>
                        <td data-testid="electronic-rate">
                          {rateText(u.electronicRate)}
                          {u.paperReceived + u.paperSent > 0 && <span className="muted"> {t('（纸质 {n} 件）', { n: u.paperReceived + u.paperSent })}</span>}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            {folded > 0 && (
              <p>
                <button type="button" className="link" onClick={() => setAllUnits(true)} data-testid="show-all-units">
                  {t('另有 {n} 个单位尚无到期应签收，展开', { n: folded })}
                </button>
              </p>
            )}
          </Section>
          {/* A map of the subtree: the units sent to stand across the province, in the ranking above. */}
          {!sentView && (
            <Section title={t('{u}及所属单位签收情况图', { u: s.orgName })}>
              <p className="muted" data-testid="map-legend">
                {t('面积为收文份数，颜色与文字为签收及时率：')}
                {Object.entries(BAND).map(([k, b]) => (
                  <span key={k} className="legend-item">
                    <span aria-hidden="true" style={{ display: 'inline-block', width: 12, height: 12, background: b.color, margin: '0 4px 0 12px' }} />
                    {t(b.zh)}
                  </span>
                ))}
                <span className="legend-item">
                  <span aria-hidden="true" style={{ display: 'inline-block', width: 12, height: 12, background: IDLE_COLOR, margin: '0 4px 0 12px' }} />
                  {t('该期间无收发文')}
                </span>
              </p>
              {quiet.length > 0 && (
                <p className="muted" data-testid="idle-units">
                  {t('该期间无收发文的单位（{n} 个）：{names}', { n: quiet.length, names: quiet.map((u) => u.name).join(t('、')) })}
                </p>
              )}
              {(s.units.length > 0 || quiet.length > 0) && map && <Chart option={map} label={t('各单位签收及时率分布图')} height={420} testId="chart-map" />}
            </Section>
          )}
          <Section title={t('按文种和行文方向')}>
            {s.byType.length === 0 ? (
              <Empty text={t('该期间没有收发文')} />
            ) : (
              <table data-testid="stat-types">
                <thead>
                  <tr>
                    <th>{t('文种')}</th>
                    <th>{t('行文方向')}</th>
                    <th>{t('发出（份）')}</th>
                    <th>{t('收到（份）')}</th>
                  </tr>
                </thead>
                <tbody>
                  {s.byType.map((r) => (
                    <tr key={`${r.docType}${r.direction}`}>
                      <td>{docTypeName(r.docType, lang)}</td>
                      <td>{t(DIRECTION[r.direction] ?? r.direction)}</td>
                      <td>{r.sent}</td>
                      <td>{r.received}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </Section>
          <Section title={t('退回原因')}>
            {s.returnReasons.length === 0 ? (
              <Empty text={t('该期间没有退回')} />
            ) : (
              <table data-testid="stat-returns">
                <tbody>
                  {s.returnReasons.map((r) => (
                    <tr key={r.reason}>
                      <td>{returnReasonLabel(t, r.reason)}</td>
                      <td>{r.count}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </Section>
        </>
      )}
    </>
  );
}

'use client';
// 运维监控 (issue 20): for the platform's operators, the administrators of the top unit. Each process of the platform
// as the gateway finds it now: up or down; its events — waiting in the outbox and for how long, the newest published,
// and how far behind each service that follows them is; live subscriptions; table sizes; memory and event-loop delay.
// Read again every ten seconds. Prometheus reads the same figures at each process's /metrics.
import { useCallback, useEffect, useState } from 'react';
import { Shell } from '../../components/Shell';
import { ErrorNote, Section } from '../../components/ui';
import { fetchOperations, type PlatformError } from '../../lib/client';
import { fmtDate, fmtSize, fmtTime } from '../../lib/format';
import { useQuery } from '../../lib/hooks';
import { type T, useT } from '../../lib/i18n';

interface Metric {
  name: string;
  help: string;
  values: { labels: Record<string, string | number>; value: number }[];
}
interface Replica {
  service: string;
  id: string;
  address: string;
  pid: number;
  startedAt: string;
  seenAt: string;
  state: 'up' | 'down' | 'stopped';
}
interface Figures {
  at: string;
  gateway: Metric[];
  subgraphs: { name: string; up: boolean; metrics: Metric[] }[];
  /** Every replica of every service, as the services hear each other (absent from an older gateway). */
  replicas?: Replica[];
}

const SERVICE: Record<string, string> = { org: '组织机构', documents: '公文', certificates: '证书', seals: '印章', archive: '档案', gateway: '网关' };
const value = (ms: Metric[], name: string, labels: Record<string, string> = {}) =>
  ms.find((m) => m.name === name)?.values.find((v) => Object.entries(labels).every(([k, l]) => v.labels[k] === l))?.value;

export default function OperationsPage() {
  return (
    <Shell>
      <Operations />
    </Shell>
  );
}

function Operations() {
  const t = useT();
  const [figures, setFigures] = useState<Figures | null>(null);
  const [error, setError] = useState<PlatformError | null>(null);
  const load = useCallback(async () => {
    try {
      setFigures(await fetchOperations<Figures>());
      setError(null);
    } catch (e) {
      setError(e as PlatformError);
    }
  }, []);
  useEffect(() => {
    void load();
    const timer = setInterval(() => void load(), 10_000);
    return () => clearInterval(timer);
  }, [load]);
  const published = new Map((figures?.subgraphs ?? []).map((s) => [s.name, value(s.metrics, 'yizhan_outbox_published_seq')]));
  return (
    <>
      <h1>{t('运维监控')}</h1>
      <ErrorNote error={error} />
      {figures && (
        <>
          <p className="muted" data-testid="operations-at">
            {t('更新于 {at}，每10秒刷新', { at: fmtTime(figures.at) })} ·{' '}
            {t('网关：{n} 个实时连接', { n: value(figures.gateway, 'yizhan_gateway_websockets') ?? 0 })}
          </p>
          <Section title={t('各服务')}>
            <table data-testid="operations-services">
              <thead>
                <tr>
                  <th>{t('服务')}</th>
                  <th>{t('状态')}</th>
                  <th>{t('待发布事件')}</th>
                  <th>{t('最久等待')}</th>
                  <th>{t('已发布序号')}</th>
                  <th>{t('跟随滞后')}</th>
                  <th>{t('实时订阅')}</th>
                  <th>{t('数据量')}</th>
                  <th>{t('内存')}</th>
                  <th>{t('事件循环延迟 p99')}</th>
                </tr>
              </thead>
              <tbody>
                {figures.subgraphs.map((s) => (
                  <ServiceRow key={s.name} t={t} s={s} published={published} />
                ))}
              </tbody>
            </table>
          </Section>
          <ReplicasSection t={t} replicas={figures.replicas ?? []} />
          <StorageSection t={t} subgraphs={figures.subgraphs} />
          <PartitionsSection t={t} subgraphs={figures.subgraphs} />
          <CertificateExpirySection t={t} />
          <ServiceFigures t={t} subgraphs={figures.subgraphs} />
        </>
      )}
    </>
  );
}

function ServiceRow({ t, s, published }: { t: T; s: Figures['subgraphs'][number]; published: Map<string, number | undefined> }) {
  const m = s.metrics;
  const unpublished = value(m, 'yizhan_outbox_unpublished_events');
  const oldest = value(m, 'yizhan_outbox_oldest_unpublished_seconds') ?? 0;
  // How far each followed service's events are ahead of where this one has processed them.
  const lags = (m.find((x) => x.name === 'yizhan_event_consumer_seq')?.values ?? []).map((v) => {
    const source = String(v.labels.source);
    return `${t(SERVICE[source] ?? source)} ${Math.max(0, (published.get(source) ?? v.value) - v.value)}`;
  });
  const p99 = value(m, 'nodejs_eventloop_lag_p99_seconds');
  return (
    <tr data-service={s.name}>
      <td>{t(SERVICE[s.name] ?? s.name)}</td>
      <td>{s.up ? <span className="badge good">{t('运行中')}</span> : <span className="badge bad">{t('无响应')}</span>}</td>
      <td>{unpublished ?? '—'}</td>
      <td className={oldest > 60 ? 'bad' : ''}>{unpublished ? t('{s} 秒', { s: oldest.toFixed(1) }) : '—'}</td>
      <td>{value(m, 'yizhan_outbox_published_seq') ?? '—'}</td>
      <td>{lags.length ? lags.join(t('；')) : '—'}</td>
      <td>{value(m, 'yizhan_live_subscriptions') ?? '—'}</td>
      <td>{s.up ? fmtSize(value(m, 'yizhan_table_bytes') ?? 0) : '—'}</td>
      <td>{s.up ? fmtSize(value(m, 'process_resident_memory_bytes') ?? 0) : '—'}</td>
      <td>{p99 === undefined ? '—' : t('{ms} 毫秒', { ms: (p99 * 1000).toFixed(1) })}</td>
    </tr>
  );
}

const REPLICA_STATE: Record<Replica['state'], [string, string]> = { up: ['运行中', 'good'], down: ['无响应', 'bad'], stopped: ['已停止', ''] };

/**
 * 各实例: every replica of every service, each saying it is alive every 5 s. One silent for 15 s is 无响应 (killed,
 * paused, cut off); one stopped in order says so. A restarted replica is a new line; the old one is kept 10 minutes.
 */
function ReplicasSection({ t, replicas }: { t: T; replicas: Replica[] }) {
  if (!replicas.length) return null;
  const up = replicas.filter((r) => r.state === 'up').length;
  return (
    <Section title={t('各实例（{up}/{n} 运行中）', { up, n: replicas.length })}>
      <table data-testid="operations-replicas">
        <thead>
          <tr>
            <th>{t('服务')}</th>
            <th>{t('实例')}</th>
            <th>{t('进程号')}</th>
            <th>{t('启动于')}</th>
            <th>{t('最近心跳')}</th>
            <th>{t('状态')}</th>
          </tr>
        </thead>
        <tbody>
          {replicas.map((r) => {
            const [words, tone] = REPLICA_STATE[r.state];
            return (
              <tr key={r.id} data-service={r.service} data-state={r.state}>
                <td>{t(SERVICE[r.service] ?? r.service)}</td>
                <td>{r.address}</td>
                <td>{r.pid}</td>
                <td>{fmtTime(r.startedAt)}</td>
                <td>{fmtTime(r.seenAt)}</td>
                <td>
                  <span className={`badge ${tone}`}>{t(words)}</span>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </Section>
  );
}

const VOLUME: Record<string, string> = { files: '公文文件', archive: '档案' };

/**
 * 文件存储: each store of files (documents' files, the archive's records) with its volume's space left. Below 10 %
 * it warns; full, new files, prints and drafts are refused (STORAGE_FULL) until space is freed, with nothing half-saved.
 */
function StorageSection({ t, subgraphs }: { t: T; subgraphs: Figures['subgraphs'] }) {
  const rows = subgraphs.flatMap((s) =>
    (s.metrics.find((m) => m.name === 'yizhan_blob_volume_bytes')?.values ?? []).map((v) => {
      const volume = String(v.labels.volume);
      return { volume, size: v.value, free: value(s.metrics, 'yizhan_blob_volume_free_bytes', { volume }) ?? 0 };
    }),
  );
  if (!rows.length) return null;
  return (
    <Section title={t('文件存储')}>
      <table data-testid="operations-storage">
        <thead>
          <tr>
            <th>{t('存储')}</th>
            <th>{t('容量')}</th>
            <th>{t('剩余')}</th>
            <th>{t('状态')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const share = r.size ? r.free / r.size : 0;
            // Full means less room than one more file of the platform's usual size would take.
            const state = r.free < 1024 * 1024 ? ['已满', 'bad'] : share < 0.1 ? ['空间不足', 'warn'] : ['正常', 'good'];
            return (
              <tr key={r.volume} data-volume={r.volume}>
                <td>{t(VOLUME[r.volume] ?? r.volume)}</td>
                <td>{fmtSize(r.size)}</td>
                <td>
                  {fmtSize(r.free)}
                  {t('（{r}）', { r: `${(share * 100).toFixed(1)}%` })}
                </td>
                <td>
                  <span className={`badge ${state[1]}`}>{t(state[0] as string)}</span>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </Section>
  );
}

const PARTITIONED: Record<string, string> = {
  outbox: '事件发件箱',
  audit_log: '审计日志',
  deliveries: '公文分发',
  delivery_history: '分发记录',
  delivery_evidence: '分发证据链',
  notifications: '单位通知',
};
const PERIOD: Record<string, string> = { month: '按月', year: '按年' };

/**
 * 数据分区: each table partitioned by time, per service: its partitions attached and detached, how far ahead they
 * stand ready (the keeper makes them hourly; within a week of the end it warns, past it writes are refused), and its rows.
 */
function PartitionsSection({ t, subgraphs }: { t: T; subgraphs: Figures['subgraphs'] }) {
  const rows = subgraphs.flatMap((s) =>
    (s.metrics.find((m) => m.name === 'yizhan_partitions')?.values ?? [])
      .filter((v) => v.labels.state === 'attached')
      .map((v) => {
        const table = String(v.labels.table);
        return {
          service: s.name,
          table,
          period: String(v.labels.period),
          attached: v.value,
          detached: value(s.metrics, 'yizhan_partitions', { table, state: 'detached' }) ?? 0,
          ready: value(s.metrics, 'yizhan_partitions_ready_seconds', { table }),
          rows: value(s.metrics, 'yizhan_partition_rows', { table }) ?? 0,
        };
      }),
  );
  if (!rows.length) return null;
  return (
    <Section title={t('数据分区')}>
      <table data-testid="operations-partitions">
        <thead>
          <tr>
            <th>{t('服务')}</th>
            <th>{t('数据表')}</th>
            <th>{t('分区方式')}</th>
            <th>{t('在用分区')}</th>
            <th>{t('已分离')}</th>
            <th>{t('已建至')}</th>
            <th>{t('行数（估计）')}</th>
            <th>{t('状态')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const state = r.ready === undefined || r.ready <= 0 ? ['分区已用尽', 'bad'] : r.ready < 7 * 86400 ? ['分区即将用尽', 'warn'] : ['正常', 'good'];
            return (
              <tr key={`${r.service}-${r.table}`} data-table={`${r.service}.${r.table}`}>
                <td>{t(SERVICE[r.service] ?? r.service)}</td>
                <td>{t(PARTITIONED[r.table] ?? r.table)}</td>
                <td>{t(PERIOD[r.period] ?? r.period)}</td>
                <td>{r.attached}</td>
                <td>{r.detached}</td>
                {/* The last day the partitions built cover (their end is the next period's first moment). */}
                <td>{r.ready === undefined ? '—' : fmtDate(new Date(Date.now() + r.ready * 1000 - 60_000).toISOString())}</td>
                <td>{r.rows.toLocaleString()}</td>
                <td>
                  <span className={`badge ${state[1]}`}>{t(state[0] as string)}</span>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </Section>
  );
}

/** A service's own figures (alerts, expiry dates …): every yizhan_ gauge the table above does not show. */
function ServiceFigures({ t, subgraphs }: { t: T; subgraphs: Figures['subgraphs'] }) {
  const SHOWN = new Set([
    'yizhan_outbox_unpublished_events',
    'yizhan_outbox_oldest_unpublished_seconds',
    'yizhan_outbox_published_seq',
    'yizhan_event_consumer_seq',
    'yizhan_live_subscriptions',
    'yizhan_hub_last_seq',
    'yizhan_table_bytes',
    'yizhan_blob_volume_bytes',
    'yizhan_blob_volume_free_bytes',
    'yizhan_replicas',
    'yizhan_partitions',
    'yizhan_partitions_ready_seconds',
    'yizhan_partition_rows',
    // Shown in their own section (CertificateExpirySection), by name.
    'yizhan_certificates_expiring',
    'yizhan_certificate_soonest_expiry_seconds',
    'yizhan_crl_next_update_seconds',
  ]);
  const own = subgraphs.flatMap((s) => s.metrics.filter((m) => m.name.startsWith('yizhan_') && !SHOWN.has(m.name)).map((m) => ({ service: s.name, m })));
  if (!own.length) return null;
  return (
    <Section title={t('各服务自身指标')}>
      <table>
        <tbody>
          {own.flatMap(({ service, m }) =>
            m.values.map((v) => (
              <tr key={`${service}-${m.name}-${JSON.stringify(v.labels)}`}>
                <td>{t(SERVICE[service] ?? service)}</td>
                <td>
                  {m.help}{' '}
                  <span className="muted">
                    {Object.entries(v.labels)
                      .filter(([k]) => k !== 'service')
                      .map(([k, l]) => `${k}=${l}`)
                      .join(' ')}
                  </span>
                </td>
                <td>{v.value}</td>
              </tr>
            )),
          )}
        </tbody>
      </table>
    </Section>
  );
}

const EXPIRY_KIND: Record<string, string> = { UNIT: '单位证书', PERSON: '个人证书', SEAL: '印章证书', TSA: '时间戳服务', CA: 'CA' };
const EXPIRY_STATE: Record<string, { zh: string; tone: string }> = {
  OK: { zh: '正常', tone: 'good' },
  WARNING: { zh: '即将到期', tone: 'warn' },
  URGENT: { zh: '7天内到期', tone: 'bad' },
  EXPIRED: { zh: '已到期', tone: 'bad' },
  DUE: { zh: '即将到下次更新', tone: 'warn' },
  OVERDUE: { zh: '已过下次更新', tone: 'bad' },
};

/** 证书与CRL到期: certificates ending within 30 days, soonest first, and each suite's CRL against its next update. */
function CertificateExpirySection({ t }: { t: T }) {
  const { data, error } = useQuery('CertificateExpiry', { withinDays: 30 });
  const e = data?.certificateExpiry;
  const badge = (state: string) => {
    const s = EXPIRY_STATE[state] ?? { zh: state, tone: '' };
    return <span className={`badge ${s.tone}`}>{t(s.zh)}</span>;
  };
  return (
    <Section title={t('证书与CRL到期')}>
      <ErrorNote error={error} />
      {e && (
        <>
          <table data-testid="operations-crls">
            <thead>
              <tr>
                <th>{t('证书吊销列表')}</th>
                <th>{t('编号')}</th>
                <th>{t('下次更新')}</th>
                <th>{t('状态')}</th>
              </tr>
            </thead>
            <tbody>
              {e.crls.map((c) => (
                <tr key={c.suite}>
                  <td>{c.suite}</td>
                  <td>{c.number}</td>
                  <td>{fmtTime(c.nextUpdate)}</td>
                  <td>{badge(c.state)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {e.certificates.length === 0 ? (
            <p className="muted">{t('{d}天内没有到期的证书。', { d: e.withinDays })}</p>
          ) : (
            <table data-testid="operations-expiring">
              <thead>
                <tr>
                  <th>{t('类别')}</th>
                  <th>{t('持有者')}</th>
                  <th>{t('用途')}</th>
                  <th>{t('算法')}</th>
                  <th>{t('到期时间')}</th>
                  <th>{t('剩余天数')}</th>
                  <th>{t('状态')}</th>
                </tr>
              </thead>
              <tbody>
                {e.certificates.map((c) => (
                  <tr key={c.id ?? `${c.suite}-${c.usage}`}>
                    <td>{t(EXPIRY_KIND[c.kind] ?? c.kind)}</td>
                    <td>{c.holderName}</td>
                    <td>{c.usage}</td>
                    <td>{c.suite}</td>
                    <td>{fmtTime(c.notAfter)}</td>
                    <td>{c.daysLeft.toFixed(1)}</td>
                    <td>{badge(c.state)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </Section>
  );
}

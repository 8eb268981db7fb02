// What a subgraph tells its operators (issue 20): Prometheus metrics at GET /metrics, and the same figures as JSON
// for the gateway's operations console. Besides Node's own (memory, CPU, event-loop delay: prom-client's defaults),
// every service reports its event plumbing — what its outbox holds unpublished and for how long, the newest sequence
// it published, where each of its event consumers stands, its live subscriptions — and the size of its tables.
// A service adds its own figures (documents: alerts waiting or given up; certificates: when the CA and CRL expire).
// Figures are read when scraped, never on a timer: an idle platform does no work for them.
import type { Logger } from '@yizhan/common';
import pg from 'pg';
import { collectDefaultMetrics, Gauge, Registry } from 'prom-client';
import type { BlobStore } from './blobs.ts';
import { type PartitionState, partitionStateSql } from './db/partitions.ts';
import type { EventHub } from './events/hub.ts';

export type { Registry } from 'prom-client';

/** A service's own figures: called on each scrape with the registry to set its gauges in. */
export type MetricsExtra = (registry: Registry) => void;

/** What a service's own gauge sets on each scrape: values by labels (none for a gauge without labels). */
export interface GaugeSetter {
  set(labels: Record<string, string>, value: number): void;
  /** Forgets every labelled value (before setting those that still exist). */
  reset(): void;
}

/**
 * A gauge of a service's own, read at each scrape (`collect`), so a service adds figures without depending on
 * prom-client itself.
 */
export function addGauge(registry: Registry, opts: { name: string; help: string; labelNames?: string[]; collect(g: GaugeSetter): Promise<void> | void }): void {
  new Gauge({
    name: opts.name,
    help: opts.help,
    labelNames: opts.labelNames ?? [],
    registers: [registry],
    async collect() {
      await opts.collect({ set: (labels, value) => this.set(labels, value), reset: () => this.reset() });
    },
  });
}

/**
 * The size and free space of the volumes a service keeps files on (documents: its files; archive: its records), by
 * volume name: a volume filling up is seen before writes are refused (STORAGE_FULL).
 */
export function blobVolumeMetrics(volumes: Record<string, BlobStore>): MetricsExtra {
  return (registry) => {
    // Both gauges read one statfs per volume and scrape.
    let read: Promise<[string, { size: number; free: number } | null][]> | null = null;
    const space = () => {
      read ??= Promise.all(
        Object.entries(volumes).map(async ([name, store]) => [name, await store.space().catch(() => null)] as [string, { size: number; free: number } | null]),
      ).finally(() => setTimeout(() => (read = null), 0));
      return read;
    };
    for (const [name, help, pick] of [
      ['yizhan_blob_volume_bytes', 'Size of the volume a store of files is on, by store', (s: { size: number }) => s.size],
      ['yizhan_blob_volume_free_bytes', 'Space left on the volume a store of files is on, by store', (s: { free: number }) => s.free],
    ] as const) {
      addGauge(registry, {
        name,
        help,
        labelNames: ['volume'],
        async collect(g) {
          for (const [volume, s] of await space()) if (s) g.set({ volume }, pick(s));
        },
      });
    }
  };
}

export interface ServiceMetricsOptions {
  service: string;
  /** The service's schema: its outbox, event offsets and tables. */
  schema: string;
  /** The relay role's URL: it reads the whole outbox (the application role sees only a unit's events). */
  relayUrl?: string;
  /** The application role's URL, for the offsets and the table sizes. */
  appUrl: string;
  hub?: EventHub | null;
  log: Logger;
}

/** A registry with the figures every subgraph reports; `close()` ends its connections. */
export function serviceMetrics(opts: ServiceMetricsOptions): { registry: Registry; close(): Promise<void> } {
  const registry = new Registry();
  registry.setDefaultLabels({ service: opts.service });
  collectDefaultMetrics({ register: registry });
  // One connection each at most, opened on the first scrape and dropped when idle.
  const relay = opts.relayUrl ? new pg.Pool({ connectionString: opts.relayUrl, max: 1, idleTimeoutMillis: 30_000 }) : null;
  const app = new pg.Pool({ connectionString: opts.appUrl, max: 1, idleTimeoutMillis: 30_000 });
  for (const pool of [relay, app]) pool?.on('error', (e) => opts.log.warn({ err: e }, 'metrics connection lost'));
  const s = `"${opts.schema}"`;
  const quietly = async <T>(what: string, fn: () => Promise<T>): Promise<T | null> => {
    try {
      return await fn();
    } catch (e) {
      opts.log.warn({ err: e }, `metrics: ${what} not read`);
      return null;
    }
  };

  if (relay) {
    let outbox: Promise<{ unpublished: number; oldest: number; seq: number } | null> | null = null;
    // The three outbox gauges read one row per scrape.
    const readOutbox = () => {
      outbox ??= quietly('outbox', async () => {
        const { rows } = await relay.query(
          `select count(*) filter (where published_at is null)::int as unpublished,
                  coalesce(extract(epoch from now() - min(occurred_at) filter (where published_at is null)), 0)::float as oldest,
                  coalesce(max(publish_seq), 0)::bigint::text as seq
             from ${s}.outbox`,
        );
        return { unpublished: rows[0].unpublished, oldest: rows[0].oldest, seq: Number(rows[0].seq) };
      }).finally(() => setTimeout(() => (outbox = null), 0));
      return outbox;
    };
    new Gauge({
      name: 'yizhan_outbox_unpublished_events',
      help: 'Events written to the outbox and not yet published',
      registers: [registry],
      async collect() {
        const o = await readOutbox();
        if (o) this.set(o.unpublished);
      },
    });
    new Gauge({
      name: 'yizhan_outbox_oldest_unpublished_seconds',
      help: 'Age of the oldest event not yet published (0 when none waits)',
      registers: [registry],
      async collect() {
        const o = await readOutbox();
        if (o) this.set(o.oldest);
      },
    });
    new Gauge({
      name: 'yizhan_outbox_published_seq',
      help: 'The newest publish sequence of the service’s events',
      registers: [registry],
      async collect() {
        const o = await readOutbox();
        if (o) this.set(o.seq);
      },
    });
  }
  new Gauge({
    name: 'yizhan_event_consumer_seq',
    help: 'The last sequence of another service’s events this service has processed, by source',
    labelNames: ['source'],
    registers: [registry],
    async collect() {
      this.reset();
      const rows = await quietly('event offsets', async () => {
        const exists = await app.query('select to_regclass($1) is not null as yes', [`${opts.schema}.event_offsets`]);
        if (!exists.rows[0]?.yes) return [];
        return (await app.query(`select source, seq::text from ${s}.event_offsets`)).rows as { source: string; seq: string }[];
      });
      for (const r of rows ?? []) this.set({ source: r.source }, Number(r.seq));
    },
  });
  new Gauge({
    name: 'yizhan_table_bytes',
    help: 'Size of the service’s tables with their indexes and TOAST',
    registers: [registry],
    async collect() {
      const bytes = await quietly('table sizes', async () => {
        const { rows } = await app.query(
          `select coalesce(sum(pg_total_relation_size(c.oid)), 0)::bigint::text as bytes
             from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = $1 and c.relkind = 'r'`,
          [opts.schema],
        );
        return Number(rows[0]?.bytes);
      });
      if (bytes !== null) this.set(bytes);
    },
  });
  // The tables partitioned by time (db/partitions.ts): how many partitions are attached and detached, how far ahead
  // they stand ready (rows beyond would be refused: the keeper must have run), and the rows they hold.
  let partitions: Promise<PartitionState[] | null> | null = null;
  const readPartitions = () => {
    partitions ??= quietly('partitions', async () => {
      const exists = await app.query('select to_regclass($1) is not null as yes', [`${opts.schema}.partitioned_tables`]);
      if (!exists.rows[0]?.yes) return [];
      return (await app.query(partitionStateSql(opts.schema))).rows as PartitionState[];
    }).finally(() => setTimeout(() => (partitions = null), 0));
    return partitions;
  };
  for (const [name, help, labels, set] of [
    [
      'yizhan_partitions',
      'Partitions of a table partitioned by time, attached and detached',
      ['table', 'period', 'state'],
      (g: GaugeSetter, p: PartitionState) => {
        g.set({ table: p.table, period: p.period, state: 'attached' }, p.attached);
        g.set({ table: p.table, period: p.period, state: 'detached' }, p.detached);
      },
    ],
    [
      'yizhan_partitions_ready_seconds',
      'Time until the end of the newest partition made ahead, by table',
      ['table'],
      (g: GaugeSetter, p: PartitionState) => {
        if (p.ready_until) g.set({ table: p.table }, Math.round((new Date(p.ready_until).getTime() - Date.now()) / 1000));
      },
    ],
    [
      'yizhan_partition_rows',
      'Rows in the attached partitions of a table partitioned by time (the planner’s estimate)',
      ['table'],
      (g: GaugeSetter, p: PartitionState) => g.set({ table: p.table }, Number(p.rows)),
    ],
  ] as const) {
    addGauge(registry, {
      name,
      help,
      labelNames: [...labels],
      async collect(g) {
        g.reset();
        for (const p of (await readPartitions()) ?? []) set(g, p);
      },
    });
  }
  if (opts.hub) {
    const hub = opts.hub;
    new Gauge({
      name: 'yizhan_live_subscriptions',
      help: 'Live subscriptions this process serves',
      registers: [registry],
      collect() {
        this.set(hub.subscriptions);
      },
    });
    new Gauge({
      name: 'yizhan_hub_last_seq',
      help: 'The newest event sequence this process’s hub has seen',
      registers: [registry],
      collect() {
        this.set(hub.lastSeq);
      },
    });
  }
  return {
    registry,
    async close() {
      await relay?.end();
      await app.end();
    },
  };
}

/** The figures as the operations console reads them: name, labels, value. */
export async function metricsSnapshot(
  registry: Registry,
): Promise<{ name: string; help: string; values: { labels: Record<string, string | number>; value: number }[] }[]> {
  const all = await registry.getMetricsAsJSON();
  return all.map((m) => ({
    name: m.name,
    help: m.help,
    values: (m as unknown as { values: { labels: Record<string, string | number>; value: number }[] }).values.map((v) => ({
      labels: v.labels,
      value: v.value,
    })),
  }));
}

// The operators' view (issue 20): GET /metrics, the gateway's own Prometheus metrics (for the monitoring: with the
// bearer token YIZHAN_METRICS_TOKEN, or from this machine when none is set), and GET /operations, the operations
// console's figures for the platform's operators — an administrator of the top unit — gathered from every subgraph's
// /metrics at the moment of asking: which are up, their outbox backlog and its age, the published sequence of each
// and where every consumer of it stands (the lag), live subscriptions, table sizes, memory, and the service's own
// figures; and every replica of every subgraph that the subgraphs hear from (each says it is alive on the database's
// notification channel: kernel replicas.ts), named by host and port. Nothing is cached and no subgraph URL is shown.
import type http from 'node:http';
import type { Caller } from '@yizhan/common';
import { collectDefaultMetrics, Gauge, Registry } from 'prom-client';
import type { Readiness } from './readiness.ts';

/** A replica as a subgraph heard from it (kernel ReplicaSeen: the gateway reads it, it does not import it). */
interface Replica {
  service: string;
  id: string;
  address: string;
  pid: number;
  startedAt: string;
  seenAt: string;
  state: 'up' | 'down' | 'stopped';
}

interface Snapshot {
  name: string;
  help: string;
  values: { labels: Record<string, string | number>; value: number }[];
}

export interface OperationsOptions {
  subgraphs: Record<string, string>;
  authenticate(authorization: string | undefined): Promise<Caller | null>;
  readiness(): Promise<Readiness>;
  /** Open WebSocket connections now. */
  sockets(): number;
  corsOrigins: string[];
  metricsToken?: string;
}

/** The platform's operators: administrators of the top unit (the province's, whose 电子政务办公室 runs it). */
export const isOperator = (c: Caller | null) => !!c && c.roles.includes('ADMIN') && !c.orgPath.includes('.');

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

export function operations(opts: OperationsOptions) {
  const registry = new Registry();
  registry.setDefaultLabels({ service: 'gateway' });
  collectDefaultMetrics({ register: registry });
  new Gauge({
    name: 'yizhan_gateway_websockets',
    help: 'Open WebSocket connections',
    registers: [registry],
    collect() {
      this.set(opts.sockets());
    },
  });
  new Gauge({
    name: 'yizhan_subgraph_up',
    help: '1 when the subgraph answers its readiness check',
    labelNames: ['subgraph'],
    registers: [registry],
    async collect() {
      const r = await opts.readiness();
      for (const [name, state] of Object.entries(r.subgraphs)) this.set({ subgraph: name }, state === 'up' ? 1 : 0);
    },
  });

  const json = (req: http.IncomingMessage, res: http.ServerResponse, status: number, body: unknown) => {
    const origin = req.headers.origin;
    const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' };
    if (origin && opts.corsOrigins.includes(origin)) Object.assign(headers, { 'access-control-allow-origin': origin, vary: 'Origin' });
    res.writeHead(status, headers).end(JSON.stringify(body));
  };

  async function subgraphFigures(name: string, location: string): Promise<{ name: string; up: boolean; metrics: Snapshot[]; replicas: Replica[] }> {
    try {
      const res = await fetch(new URL('/metrics', location), { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(3_000) });
      if (!res.ok) return { name, up: false, metrics: [], replicas: [] };
      const body = (await res.json()) as { metrics: Snapshot[]; replicas?: Replica[] };
      return { name, up: true, metrics: body.metrics, replicas: body.replicas ?? [] };
    } catch {
      return { name, up: false, metrics: [], replicas: [] };
    }
  }

  /** Every subgraph hears every replica: the freshest word on each, by service and address. */
  const everyReplica = (lists: Replica[][]) => {
    const byId = new Map<string, Replica>();
    for (const r of lists.flat()) {
      const known = byId.get(r.id);
      if (!known || known.seenAt < r.seenAt) byId.set(r.id, r);
    }
    return [...byId.values()].sort(
      (a, b) => a.service.localeCompare(b.service) || a.address.localeCompare(b.address) || a.startedAt.localeCompare(b.startedAt),
    );
  };

  return {
    /** GET /metrics: Prometheus text. */
    async serveMetrics(req: http.IncomingMessage, res: http.ServerResponse) {
      const auth = req.headers.authorization;
      const allowed = opts.metricsToken
        ? auth === `Bearer ${opts.metricsToken}`
        : LOOPBACK.has(req.socket.remoteAddress ?? '') && !req.headers['x-forwarded-for'];
      if (!allowed) return json(req, res, 403, { errors: [{ message: 'Metrics are for the monitoring only', extensions: { code: 'FORBIDDEN' } }] });
      res.writeHead(200, { 'content-type': registry.contentType }).end(await registry.metrics());
    },

    /** GET /operations: the console's figures, for operators. */
    async serveOperations(req: http.IncomingMessage, res: http.ServerResponse) {
      if (req.method === 'OPTIONS') {
        const origin = req.headers.origin;
        if (origin && opts.corsOrigins.includes(origin)) {
          res.setHeader('access-control-allow-origin', origin);
          res.setHeader('access-control-allow-headers', 'authorization');
          res.setHeader('vary', 'Origin');
        }
        return void res.writeHead(204).end();
      }
      let caller: Caller | null = null;
      try {
        caller = await opts.authenticate(req.headers.authorization);
      } catch {
        return json(req, res, 401, { errors: [{ message: 'Log in first', extensions: { code: 'UNAUTHENTICATED' } }] });
      }
      if (!caller) return json(req, res, 401, { errors: [{ message: 'Log in first', extensions: { code: 'UNAUTHENTICATED' } }] });
      if (!isOperator(caller))
        return json(req, res, 403, {
          errors: [{ message: 'The operations console is for the administrators of the top unit', extensions: { code: 'FORBIDDEN' } }],
        });
      const figures = await Promise.all(Object.entries(opts.subgraphs).map(([name, location]) => subgraphFigures(name, location)));
      const gateway = (await registry.getMetricsAsJSON()) as unknown as Snapshot[];
      const replicas = everyReplica(figures.map((f) => f.replicas));
      const subgraphs = figures.map(({ replicas: _, ...f }) => f);
      json(req, res, 200, { at: new Date().toISOString(), gateway, subgraphs, replicas });
    },
  };
}

// The gateway's readiness (`GET /readyz`): ready only when every subgraph it composes answers its own readiness (the
// subgraph's database included). Otherwise 503, naming the subgraphs that are down, never their addresses. A
// subgraph's answer is asked at most once a second, however often /readyz is: the check cannot be used to flood them.
import type http from 'node:http';

export interface Readiness {
  ready: boolean;
  /** Subgraph name → up or down. */
  subgraphs: Record<string, 'up' | 'down'>;
}

export function readinessCheck(subgraphs: Record<string, string>, opts: { timeoutMs?: number; cacheMs?: number } = {}) {
  const timeoutMs = opts.timeoutMs ?? 1_000;
  const cacheMs = opts.cacheMs ?? 1_000;
  let last: { at: number; result: Promise<Readiness> } | null = null;

  const up = async (location: string): Promise<boolean> => {
    try {
      const res = await fetch(new URL('/readyz', location), { signal: AbortSignal.timeout(timeoutMs) });
      await res.body?.cancel();
      return res.ok;
    } catch {
      return false;
    }
  };

  const check = (): Promise<Readiness> => {
    if (last && Date.now() - last.at < cacheMs) return last.result;
    const result = Promise.all(Object.entries(subgraphs).map(async ([name, location]) => [name, (await up(location)) ? 'up' : 'down'] as const)).then(
      (entries) => ({ ready: entries.every(([, state]) => state === 'up'), subgraphs: Object.fromEntries(entries) }),
    );
    last = { at: Date.now(), result };
    return result;
  };

  return {
    check,
    /** Answers GET /readyz: 200 when every subgraph is up, else 503 with the names of those down. */
    async serve(_req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
      const r = await check();
      const down = Object.entries(r.subgraphs)
        .filter(([, state]) => state === 'down')
        .map(([name]) => name);
      res.writeHead(r.ready ? 200 : 503, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end(JSON.stringify(r.ready ? { status: 'ready', subgraphs: r.subgraphs } : { status: 'unavailable', down, subgraphs: r.subgraphs }));
    },
  };
}

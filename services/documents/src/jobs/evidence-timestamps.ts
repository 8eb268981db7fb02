// The evidence job (issue 17): links the queued delivery events into their units' chains and time-stamps, in one
// batch, every receipt signed since the last batch and every chain head that moved — when the configured number of
// items wait or the oldest has waited the configured time (YIZHAN_EVIDENCE_BATCH_ITEMS / _MS). A batch is a Merkle
// tree over the receipts' signatures and the heads (lib/crypto batch-timestamp.ts), one RFC 3161 token over its root
// from the platform's TSA (SM2, SM3), and each item's path, written by migration 0016's functions as the relay role.
// A read that needs its evidence linked or time-stamped asks for it at once (link, flush).
//
// The TSA is the certificates service's, asked on this service's own authority (common's service-call.ts: its own
// key, the one internal call whose contract names it), so that a batch is time-stamped on time whether or not anyone
// is signed in.
import type { InternalClient, Logger } from '@yizhan/common';
import type { certificatesApi } from '@yizhan/contracts/certificates';
import { chainHeadLeaf, merkleTree } from '@yizhan/crypto';
import { keepConnected } from '@yizhan/kernel';

/** Items in one batch at most. */
const MAX_BATCH = 5000;

export interface EvidenceBatcher {
  /** Links what is queued, now (before a chain is read); answers how many links were written. */
  link(): Promise<number>;
  /** Links and time-stamps everything waiting, now; answers how many items the batch anchored. */
  flush(): Promise<number>;
  /** One turn of the timer: a batch if enough waits or the oldest waited long enough. */
  tick(): Promise<number>;
  close(): Promise<void>;
}

export async function startEvidenceBatcher(opts: {
  relayUrl: string;
  log: Logger;
  certificates?: InternalClient<typeof certificatesApi>;
  /** This service's signed header for its own calls (service-call.ts `serviceAuthority`). */
  authority: () => Promise<string>;
  batchItems: number;
  batchMs: number;
}): Promise<EvidenceBatcher> {
  const connection = await keepConnected({ url: opts.relayUrl, name: 'evidence time stamps', log: opts.log });
  let running: Promise<number> | null = null;
  let closing = false;

  // The timer's check and a flush asked by a request share the connection: their queries take turns on it, and none
  // waits for a database that is away (the next tick tries again).
  const query = async <T>(text: string, values: unknown[] = []): Promise<T[]> => (await connection.use((client) => client.query(text, values), 0)).rows as T[];
  const link = async () => Number((await query<{ n: number }>('select documents.link_evidence() as n'))[0]?.n ?? 0);

  async function batch(): Promise<number> {
    await link();
    const ca = opts.certificates;
    if (!ca) return 0;
    // One batch at a time across replicas (a session lock of this connection: a replica that dies lets it go), so
    // that two do not time-stamp the same items.
    await query('select pg_advisory_lock(hashtext($1))', ['documents.evidence_batch']);
    try {
      return await anchorWaiting(ca, await opts.authority());
    } finally {
      await query('select pg_advisory_unlock(hashtext($1))', ['documents.evidence_batch']).catch(() => undefined);
    }
  }

  async function anchorWaiting(ca: InternalClient<typeof certificatesApi>, authority: string): Promise<number> {
    const rows = await query<{ receipt_id: string | null; signature: Buffer | null; org_id: string | null; seq: string | null; hash: string | null }>(
      'select * from documents.evidence_to_anchor($1)',
      [MAX_BATCH],
    );
    if (!rows.length) return 0;
    const leaves = rows.map((r) => (r.signature ? new Uint8Array(r.signature) : chainHeadLeaf(r.org_id as string, Number(r.seq), r.hash as string)));
    const tree = merkleTree('SM3', leaves);
    const token = await ca.call('timestamp', authority, { hashAlgorithm: 'SM3', digest: tree.root, suite: 'SM2' });
    const items = rows.map((r, i) =>
      r.receipt_id ? { receiptId: r.receipt_id, path: tree.paths[i] } : { orgId: r.org_id, seq: Number(r.seq), hash: r.hash, path: tree.paths[i] },
    );
    await query('select documents.anchor_evidence($1, $2, $3, $4, $5)', [
      token.suite,
      tree.root,
      Buffer.from(token.token, 'base64'),
      token.genTime,
      JSON.stringify(items),
    ]);
    return rows.length;
  }

  /** One batch at a time per replica; a flush asked during one runs after it (for what came meanwhile). */
  async function flush(): Promise<number> {
    while (running) await running.catch(() => 0);
    running = batch();
    try {
      return await running;
    } finally {
      running = null;
    }
  }

  async function tick(): Promise<number> {
    if (running || !connection.current) return 0;
    try {
      const [w] = await query<{ items: string; since: Date | null }>('select * from documents.evidence_waiting()');
      const items = Number(w?.items ?? 0);
      if (!items) return 0;
      const waited = w?.since ? Date.now() - new Date(w.since).getTime() : 0;
      if (items < opts.batchItems && waited < opts.batchMs) return 0;
      const n = await flush();
      if (n) opts.log.info({ count: n }, 'evidence time-stamped in a batch');
      return n;
    } catch (e) {
      // A batch cut off by shutdown is taken up again by the next start: the queue is in the database.
      if (!closing) opts.log.error({ err: e }, 'evidence batch failed');
      return 0;
    }
  }

  const timer = setInterval(() => void tick(), Math.max(100, Math.min(opts.batchMs, 1000)));
  timer.unref();
  return {
    link,
    flush,
    tick,
    async close() {
      closing = true;
      clearInterval(timer);
      while (running) await running.catch(() => 0);
      await connection.close();
    },
  };
}

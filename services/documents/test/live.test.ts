// Live receipts through the gateway over graphql-ws: a sender's document view with fields from the org subgraph,
// a unit's inbox, a supervisor's subtree, the throttled board, tenant filtering, resuming from a cursor, and the
// relay's guarantees (two relays never publish twice; a failed batch loses nothing).
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { createLogger, type PublishedEvent } from '@yizhan/common';
import { postgresBus, startRelay } from '@yizhan/kernel';
import { type Client, createClient } from 'graphql-ws';
import pg from 'pg';
import WebSocket from 'ws';
import { type Platform, startPlatform } from '../../../test/support/harness.ts';

const transports: [string, string][] = [['PostgreSQL', 'postgres']];
if (process.env.YIZHAN_TEST_NATS_URL) transports.push(['NATS JetStream', process.env.YIZHAN_TEST_NATS_URL]);

for (const [name, bus] of transports) {
  describe(`events over ${name}`, () => {
    let p: Platform;
    const ids: Record<string, string> = {};
    const tokens: Record<string, string> = {};
    const token = async (user: string) => {
      tokens[user] ??= await p.login(user);
      return tokens[user] as string;
    };
    const gql = async (user: string, query: string, variables: Record<string, unknown> = {}) => p.gql(query, variables, await token(user));
    const clients: Client[] = [];

    before(async () => {
      process.env.YIZHAN_BOARD_INTERVAL_MS = '300';
      process.env.YIZHAN_EVENT_BUS = bus;
      p = await startPlatform({ services: ['documents'] });
      process.env.YIZHAN_EVENT_BUS = 'postgres';
      for (const [k, code] of Object.entries({ province: '610000', xian: '610100', xincheng: '610102', beilin: '610103' })) ids[k] = await p.orgId(code);
    });
    after(async () => {
      for (const c of clients) await c.dispose();
      await p.close();
    });

    /** A subscription through the gateway; `next()` waits for the next result (or fails after a while). */
    async function subscribe(user: string, query: string, variables: Record<string, unknown> = {}) {
      const client = createClient({
        url: p.gatewayUrl.replace('http', 'ws'),
        webSocketImpl: WebSocket,
        connectionParams: { authorization: `Bearer ${await token(user)}` },
        retryAttempts: 0,
      });
      clients.push(client);
      const results: Record<string, any>[] = [];
      const waiters: ((r: Record<string, any>) => void)[] = [];
      let failure: unknown = null;
      let completed = false;
      const unsubscribe = client.subscribe(
        { query, variables },
        {
          next: (r) => {
            const w = waiters.shift();
            if (w) w(r as Record<string, any>);
            else results.push(r as Record<string, any>);
          },
          error: (e) => {
            failure = e;
            for (const w of waiters.splice(0)) w({ errors: [{ message: String((e as Error)?.message ?? e) }] });
          },
          complete: () => {
            completed = true;
          },
        },
      );
      return {
        /** Whether the server ended the subscription. */
        completed: () => completed,
        next(ms = 5000): Promise<Record<string, any>> {
          const r = results.shift();
          if (r) return Promise.resolve(r);
          if (failure) return Promise.resolve({ errors: [{ message: String(failure) }] });
          return new Promise((resolve, reject) => {
            const t = setTimeout(() => reject(new Error('no event in time')), ms);
            waiters.push((x) => {
              clearTimeout(t);
              resolve(x);
            });
          });
        },
        /** The next result that satisfies `pred` (events from earlier steps may still be on their way). */
        async nextWhere(pred: (r: Record<string, any>) => boolean, ms = 5000): Promise<Record<string, any>> {
          for (;;) {
            const r = await this.next(ms);
            if (r.errors || pred(r)) return r;
          }
        },
        /** Results that arrived without being asked for, so far. */
        buffered: () => results.length,
        close: async () => {
          unsubscribe();
          await client.dispose();
        },
      };
    }

    async function sendFromXian(title: string, orgIds: string[]): Promise<string> {
      const created = await gql('xa.drafter', 'mutation($in: DraftInput!) { createDraft(input: $in) { id } }', {
        in: { docType: '通知', title, body: '正文', docPrefix: '市政发', recipients: [{ orgIds }] },
      });
      const id = created.data?.createDraft.id as string;
      await gql('xa.drafter', 'mutation($id: ID!) { submitForApproval(id: $id) { id } }', { id });
      await gql('xa.leader', 'mutation($id: ID!) { approveDocument(id: $id) { id } }', { id });
      await gql('xa.leader', 'mutation($id: ID!) { approveDocument(id: $id) { id } }', { id });
      const sent = await gql('xa.clerk', 'mutation($id: ID!, $k: String!) { sendDocument(id: $id, sendKey: $k) { status } }', { id, k: randomUUID() });
      assert.equal(sent.data?.sendDocument.status, 'SENT', JSON.stringify(sent.errors));
      return id;
    }

    const deliveryOf = async (user: string, documentId: string) =>
      ((await gql(user, '{ inbox(first: 50) { nodes { id documentId } } }')).data?.inbox.nodes as { id: string; documentId: string }[]).find(
        (n) => n.documentId === documentId,
      )?.id as string;

    describe(`live receipts (events over ${name})`, () => {
      test('the sender watches a document’s deliveries; the payload carries the recipient’s name from the org subgraph', async () => {
        const doc = await sendFromXian('实时签收测试', [ids.xincheng as string, ids.beilin as string]);
        const watch = await subscribe(
          'xa.clerk',
          'subscription($d: ID!) { deliveryChanged(documentId: $d) { cursor type status receivedAt receivedByName signedAt signedByName recipientOrg { name } } }',
          { d: doc },
        );
        await new Promise((r) => setTimeout(r, 300)); // the subscription reaches the subgraph
        await gql('xc.clerk', 'mutation($id: ID!) { openDelivery(id: $id) { id } }', { id: await deliveryOf('xc.clerk', doc) });
        const e = await watch.nextWhere((r) => r.data.deliveryChanged.type === 'delivery.received');
        assert.equal(e.errors, undefined, JSON.stringify(e.errors));
        assert.deepEqual(
          {
            type: e.data.deliveryChanged.type,
            status: e.data.deliveryChanged.status,
            by: e.data.deliveryChanged.receivedByName,
            org: e.data.deliveryChanged.recipientOrg.name,
          },
          { type: 'delivery.received', status: 'RECEIVED', by: '王秀兰', org: '西安市新城区人民政府' },
        );
        // 签收 is the second moment, announced with both times.
        await gql('xc.clerk', 'mutation($id: ID!) { signForDelivery(id: $id) { id } }', { id: await deliveryOf('xc.clerk', doc) });
        const signed = await watch.nextWhere((r) => r.data.deliveryChanged.type === 'delivery.signed');
        assert.equal(signed.errors, undefined, JSON.stringify(signed.errors));
        assert.deepEqual(
          {
            status: signed.data.deliveryChanged.status,
            by: signed.data.deliveryChanged.signedByName,
            both: !!signed.data.deliveryChanged.receivedAt && !!signed.data.deliveryChanged.signedAt,
          },
          { status: 'SIGNED', by: '王秀兰', both: true },
        );
        await watch.close();
      });

      test('a unit’s inbox and a supervisor’s subtree see only their own units’ events', async () => {
        const xcInbox = await subscribe('xc.clerk', 'subscription { inboxChanged { type documentId } }');
        const blInbox = await subscribe('bl.clerk', 'subscription { inboxChanged { type documentId } }');
        const cityReceipts = await subscribe('xa.admin', 'subscription { subtreeReceipts { type recipientOrg { name } } }');
        const siblingReceipts = await subscribe('bl.admin', 'subscription { subtreeReceipts { type } }');
        await new Promise((r) => setTimeout(r, 300));
        const doc = await sendFromXian('只给新城区', [ids.xincheng as string]);
        const got = await xcInbox.nextWhere((r) => r.data.inboxChanged.documentId === doc);
        assert.equal(got.data.inboxChanged.documentId, doc);
        await gql('xc.clerk', 'mutation($id: ID!) { openDelivery(id: $id) { id } }', { id: await deliveryOf('xc.clerk', doc) });
        const receipt = await cityReceipts.nextWhere((r) => r.data.subtreeReceipts.recipientOrg.name === '西安市新城区人民政府');
        assert.equal(receipt.data.subtreeReceipts.recipientOrg.name, '西安市新城区人民政府');
        // 签收 reaches the supervisor's subtree and every screen of the unit's inbox.
        await gql('xc.clerk', 'mutation($id: ID!) { signForDelivery(id: $id) { id } }', { id: await deliveryOf('xc.clerk', doc) });
        assert.equal((await cityReceipts.nextWhere((r) => r.data.subtreeReceipts.type === 'delivery.signed')).data.subtreeReceipts.type, 'delivery.signed');
        assert.equal((await xcInbox.nextWhere((r) => r.data.inboxChanged.type === 'delivery.signed')).data.inboxChanged.documentId, doc);
        await new Promise((r) => setTimeout(r, 500));
        assert.equal(blInbox.buffered(), 0, '碑林区 hears nothing of a document for 新城区');
        assert.equal(siblingReceipts.buffered(), 0, '碑林区 hears nothing of 新城区’s receipts');
        for (const s of [xcInbox, blInbox, cityReceipts, siblingReceipts]) await s.close();
      });

      test('every inbox is served by the live edge: documents holds one feed for the gateway however many subscribe', async () => {
        const settle = async (read: () => number, target: number) => {
          for (let i = 0; i < 100 && read() !== target; i++) await new Promise((r) => setTimeout(r, 100));
          return read();
        };
        // Earlier tests' subscriptions end in their own time: the counts first settle.
        const steady = async (read: () => number) => {
          let last = -1;
          for (let i = 0; i < 100 && read() !== last; i++) {
            last = read();
            await new Promise((r) => setTimeout(r, 200));
          }
          return read();
        };
        const edge = await steady(p.liveSubscribers);
        const upstream = await steady(p.documentsSubscriptions);
        // Five watchers of 新城区's inbox (one unit, one operation) and three other units' inboxes.
        const same = await Promise.all(Array.from({ length: 5 }, () => subscribe('xc.clerk', 'subscription { inboxChanged { cursor documentId } }')));
        const others = await Promise.all(['bl.clerk', 'bj.clerk', 'xa.clerk'].map((u) => subscribe(u, 'subscription { inboxChanged { cursor } }')));
        assert.equal(await settle(p.liveSubscribers, edge + 8), edge + 8, 'the edge serves all eight');
        assert.equal(p.documentsSubscriptions(), upstream, 'and documents opened no stream for any of them');
        const doc = await sendFromXian('共享订阅测试', [ids.xincheng as string]);
        for (const s of same) assert.equal((await s.nextWhere((r) => r.data.inboxChanged.documentId === doc)).data.inboxChanged.documentId, doc);
        for (const s of [...same, ...others]) await s.close();
        assert.equal(await settle(p.liveSubscribers, edge), edge, 'no subscription left behind');
      });

      test('a delivery passing its due time unsigned is announced to the supervisors above it, once', async () => {
        // Earlier tests' deliveries fall due at the next check (09:00 or 15:00 China time): a day ahead, before anyone
        // listens, so a run across a check announces none of them here.
        await p.superQuery("update documents.deliveries set due_at = now() + interval '1 day' where overdue_at is null");
        const cityOverdue = await subscribe('xa.admin', 'subscription { subtreeOverdue { type docNumber recipientOrg { name } } }');
        const siblingOverdue = await subscribe('bl.admin', 'subscription { subtreeOverdue { type } }');
        await new Promise((r) => setTimeout(r, 300));
        const doc = await sendFromXian('逾期提醒测试', [ids.xincheng as string]);
        const c = new pg.Client({ connectionString: p.db.superUrl });
        await c.connect();
        await c.query("update documents.deliveries set due_at = now() - interval '1 minute' where document_id = $1", [doc]);
        await c.end();
        assert.equal(await p.markOverdue(), 1);
        assert.equal(await p.markOverdue(), 0, 'marked once');
        // The announcement names the unit as its delivery does, so the edge renders the name without asking org.
        const c2 = new pg.Client({ connectionString: p.db.superUrl });
        await c2.connect();
        const named = await c2.query(
          `select o.payload->>'recipientName' as said, d.recipient_name as recorded from documents.outbox o
             join documents.deliveries d on d.id = (o.payload->>'deliveryId')::uuid
            where o.type = 'delivery.overdue' and d.document_id = $1`,
          [doc],
        );
        await c2.end();
        assert.deepEqual(named.rows, [{ said: '西安市新城区人民政府', recorded: '西安市新城区人民政府' }]);
        const e = await cityOverdue.nextWhere((r) => r.data.subtreeOverdue.recipientOrg.name === '西安市新城区人民政府');
        assert.equal(e.data.subtreeOverdue.type, 'delivery.overdue');
        await new Promise((r) => setTimeout(r, 400));
        assert.equal(siblingOverdue.buffered(), 0, '碑林区 hears nothing of 新城区');
        await cityOverdue.close();
        await siblingOverdue.close();
      });

      test('a unit cannot watch a document it may not see, and a bad token is refused on connect', async () => {
        const doc = await sendFromXian('碑林区看不到', [ids.xincheng as string]);
        const denied = await subscribe('bl.clerk', 'subscription($d: ID!) { deliveryChanged(documentId: $d) { type } }', { d: doc });
        const r = await denied.next();
        assert.match(JSON.stringify(r.errors), /does not exist or is not visible/);
        const board = await subscribe('bl.clerk', 'subscription($d: ID!) { deliveryBoard(documentId: $d) { total } }', { d: doc });
        assert.match(JSON.stringify((await board.next()).errors), /does not exist or is not visible/, 'nor its board');
        // Watching the units below is supervision: a city clerk is refused, with the roles it needs.
        for (const field of ['subtreeReceipts', 'subtreeOverdue']) {
          const watch = await subscribe('xa.clerk', `subscription { ${field} { type } }`);
          assert.match(JSON.stringify((await watch.next()).errors), /SUPERVISOR/, field);
        }
        const closed = await new Promise<number>((resolve) => {
          const ws = new WebSocket(p.gatewayUrl.replace('http', 'ws'), 'graphql-transport-ws');
          ws.on('open', () => ws.send(JSON.stringify({ type: 'connection_init', payload: { authorization: 'Bearer forged.token.here' } })));
          ws.on('close', (code) => resolve(code));
        });
        assert.equal(closed, 4403);
        const malformed = await new Promise<number>((resolve) => {
          const ws = new WebSocket(p.gatewayUrl.replace('http', 'ws'), 'graphql-transport-ws');
          ws.on('open', () => ws.send('{not json'));
          ws.on('close', (code) => resolve(code));
        });
        assert.equal(malformed, 4400);
        const oversized = await new Promise<number>((resolve) => {
          const ws = new WebSocket(p.gatewayUrl.replace('http', 'ws'), 'graphql-transport-ws');
          ws.on('open', () => ws.send('x'.repeat(200 * 1024)));
          ws.on('close', (code) => resolve(code));
        });
        assert.equal(oversized, 1009, 'a message over the size limit closes the connection');
      });

      test('a client that reconnects with its last cursor receives what it missed, in order, then live events', async () => {
        const first = await subscribe('xc.clerk', 'subscription { inboxChanged { cursor documentId } }');
        await new Promise((r) => setTimeout(r, 300));
        const a = await sendFromXian('断线前', [ids.xincheng as string]);
        const seen = await first.nextWhere((r) => r.data.inboxChanged.documentId === a);
        await first.close();
        const b = await sendFromXian('断线期间一', [ids.xincheng as string]);
        const c = await sendFromXian('断线期间二', [ids.xincheng as string]);
        const resumed = await subscribe('xc.clerk', 'subscription($after: String) { inboxChanged(after: $after) { cursor documentId } }', {
          after: seen.data.inboxChanged.cursor,
        });
        const ours = (r: Record<string, any>) => [b, c].includes(r.data.inboxChanged.documentId);
        assert.equal((await resumed.nextWhere(ours)).data.inboxChanged.documentId, b, 'missed events come in order');
        assert.equal((await resumed.nextWhere(ours)).data.inboxChanged.documentId, c);
        await new Promise((r) => setTimeout(r, 200));
        const d = await sendFromXian('重连之后', [ids.xincheng as string]);
        assert.equal((await resumed.nextWhere((r) => r.data.inboxChanged.documentId === d)).data.inboxChanged.documentId, d);
        await resumed.close();
      });

      test('the live board counts at once, then aggregates a burst of 签收 into few updates', async () => {
        const doc = await sendFromXian('看板测试', [ids.xincheng as string, ids.beilin as string, await p.orgId('610104'), await p.orgId('610111')]);
        const BOARD = 'subscription($d: ID!) { deliveryBoard(documentId: $d) { total received signed pending } }';
        const board = await subscribe('xa.clerk', BOARD, { d: doc });
        assert.deepEqual((await board.next()).data.deliveryBoard, { total: 4, received: 0, signed: 0, pending: 4 });
        // A recipient's board counts its own delivery, all it may see.
        const own = await subscribe('xc.clerk', BOARD, { d: doc });
        assert.deepEqual((await own.next()).data.deliveryBoard, { total: 1, received: 0, signed: 0, pending: 1 });
        // Three 签收 and a 退回 of a delivery never opened: it stays live, not received, not signed for.
        const acted = await Promise.all([
          ...['xc.clerk', 'bl.clerk', '610104.clerk'].map(async (u) =>
            gql(u, 'mutation($id: ID!) { signForDelivery(id: $id) { status } }', { id: await deliveryOf(u, doc) }),
          ),
          (async () =>
            gql('610111.clerk', 'mutation($id: ID!) { returnDelivery(id: $id, reason: WRONG_FORMAT, note: "缺页") { status } }', {
              id: await deliveryOf('610111.clerk', doc),
            }))(),
        ]);
        assert.deepEqual(
          acted.map((o) => o.data?.signForDelivery?.status ?? o.data?.returnDelivery?.status ?? JSON.stringify(o.errors)),
          ['SIGNED', 'SIGNED', 'SIGNED', 'RETURNED'],
        );
        let last = (await board.next()).data.deliveryBoard;
        let updates = 1;
        while (last.signed < 3 || last.pending > 1) {
          last = (await board.next()).data.deliveryBoard;
          updates++;
        }
        assert.deepEqual(last, { total: 4, received: 3, signed: 3, pending: 1 });
        assert.ok(updates <= 3, `3 签收 and a 退回 in a burst came as ${updates} updates`);
        // The same as the rows underneath count them.
        const [rows] = await p.superQuery<{ total: number; received: number; signed: number }>(
          `select count(*)::int total, count(received_at)::int received, count(signed_at)::int signed
             from documents.deliveries where document_id = $1 and status not in ('RESENT', 'RECALLED')`,
          [doc],
        );
        assert.deepEqual({ total: last.total, received: last.received, signed: last.signed }, rows);
        let mine = (await own.next()).data.deliveryBoard;
        while (mine.signed < 1) mine = (await own.next()).data.deliveryBoard;
        assert.deepEqual(mine, { total: 1, received: 1, signed: 1, pending: 0 });
        await own.close();
        await board.close();
      });
    });

    describe(`faults (${name})`, () => {
      test('the documents service dies in the middle of a burst of receipts: the client resumes from its cursor, nothing lost, nothing twice, each event naming the one before', async () => {
        const units = ['610102', '610103', '610104', '610111', '610112', '610113'];
        const unitIds = await Promise.all(units.map((c) => p.orgId(c)));
        const doc = await sendFromXian('中断恢复测试', unitIds);
        const received = new Map<string, { deliveryId: string; type: string }>(); // by cursor
        const query = 'subscription($d: ID!, $after: String) { deliveryChanged(documentId: $d, after: $after) { cursor previousCursor deliveryId type } }';
        // Each event names its predecessor in this client's stream: the chain proves continuity across the restart.
        let held: string | null = null;
        let watch = await subscribe('xa.clerk', query, { d: doc });
        await new Promise((r) => setTimeout(r, 300));
        const open = async (code: string) =>
          gql(`${code}.clerk`, 'mutation($id: ID!) { openDelivery(id: $id) { status } }', { id: await deliveryOf(`${code}.clerk`, doc) });
        await Promise.all(units.slice(0, 3).map(open));
        // Take receipts until three have arrived (a delivered event may come first, depending on relay timing).
        const take = async (w: typeof watch, count: number) => {
          let last: string | null = null;
          while ([...received.values()].filter((r) => r.type === 'delivery.received').length < count) {
            const e = (await w.next()).data.deliveryChanged;
            assert.ok(!received.has(e.cursor), 'no event twice');
            assert.equal(e.previousCursor, held, 'the event names the last one the client holds');
            received.set(e.cursor, e);
            last = e.cursor;
            held = e.cursor;
          }
          return last;
        };
        const lastCursor = await take(watch, 3);
        await p.restartDocuments(); // the subscription's stream dies with the service
        await watch.close();
        // While the client is away, the rest sign.
        await Promise.all(units.slice(3).map(open));
        watch = await subscribe('xa.clerk', query, { d: doc, after: lastCursor });
        await take(watch, 6);
        await watch.close();
        const receipts = [...received.values()].filter((r) => r.type === 'delivery.received').map((r) => r.deliveryId);
        assert.equal(receipts.length, 6);
        assert.equal(new Set(receipts).size, 6, 'every receipt arrived exactly once');
      });
    });

    describe(`the gateway resumes (${name})`, () => {
      test('a subscription that never asked for a cursor outlives a restart of the documents service: no error, no complete, every event once, in order', async () => {
        const query = 'subscription { inboxChanged { documentId type } }';
        const watch = await subscribe('xc.clerk', query);
        await new Promise((r) => setTimeout(r, 300));
        const a = await sendFromXian('网关续传之前', [ids.xincheng as string]);
        assert.equal((await watch.nextWhere((r) => r.data.inboxChanged.documentId === a)).data.inboxChanged.documentId, a);
        await p.restartDocuments();
        // Sent while the gateway has not yet opened the stream again: it comes from the replay after the last cursor.
        const b = await sendFromXian('网关续传期间', [ids.xincheng as string]);
        await new Promise((r) => setTimeout(r, 1500));
        const c = await sendFromXian('网关续传之后', [ids.xincheng as string]);
        const ours = new Set([a, b, c]);
        const seen: string[] = [];
        while (!seen.includes(c)) {
          const r = await watch.next(10_000);
          assert.equal(r.errors, undefined, `no error reaches the client: ${JSON.stringify(r.errors)}`);
          if (ours.has(r.data.inboxChanged.documentId)) seen.push(r.data.inboxChanged.documentId);
        }
        assert.deepEqual(seen, [b, c], 'the events of and after the restart, once each and in order, and the one before not again');
        assert.equal(watch.completed(), false, 'the client saw no complete');
        await watch.close();
      });
    });

    describe(`the relay (${name})`, () => {
      async function insertEvents(n: number, batch = 'x'): Promise<void> {
        const c = new pg.Client({ connectionString: p.db.appUrl });
        await c.connect();
        await c.query('begin');
        await c.query("select set_config('yizhan.org_path', 'p61.c6101', true)");
        await c.query(
          "insert into documents.outbox (type, org_path, payload) select 'test.event', 'p61.c6101', jsonb_build_object('n', g, 'batch', $2::text) from generate_series(1, $1) g",
          [n, batch],
        );
        await c.query('commit');
        await c.end();
      }
      async function published(type: string) {
        const c = new pg.Client({ connectionString: p.db.superUrl });
        await c.connect();
        try {
          const { rows } = await c.query("select id, publish_seq, published_at, payload->>'batch' as batch from documents.outbox where type = $1 order by id", [
            type,
          ]);
          return rows as { id: string; publish_seq: string | null; published_at: Date | null; batch: string }[];
        } finally {
          await c.end();
        }
      }

      test('two relays publish every event exactly once, in commit order', async () => {
        const log = createLogger('test-relay');
        const seen: PublishedEvent[] = [];
        const recording = {
          publish: async (c: pg.ClientBase, s: string, events: PublishedEvent[]) => {
            seen.push(...events);
            await postgresBus.publish(c, s, events);
          },
        };
        const [r1, r2] = await Promise.all([
          startRelay({ relayUrl: p.db.relayUrl, schema: 'documents', bus: recording, log }),
          startRelay({ relayUrl: p.db.relayUrl, schema: 'documents', bus: recording, log }),
        ]);
        await Promise.all([insertEvents(300, 'a'), insertEvents(300, 'b')]);
        for (let i = 0; i < 20 && (await published('test.event')).some((r) => !r.published_at); i++) {
          await Promise.all([r1.drain(), r2.drain()]);
        }
        await Promise.all([r1.close(), r2.close()]);
        const rows = await published('test.event');
        assert.equal(rows.length, 600);
        assert.ok(
          rows.every((r) => r.published_at),
          'every event published',
        );
        const seqs = rows.map((r) => Number(r.publish_seq));
        assert.equal(new Set(seqs).size, 600, 'no sequence given twice');
        // Within one transaction the sequence follows the events' order; across transactions it follows commit order.
        for (const batch of ['a', 'b']) {
          const own = rows.filter((r) => r.batch === batch).map((r) => Number(r.publish_seq));
          assert.equal(own.length, 300);
          assert.deepEqual(
            own,
            [...own].sort((x, y) => x - y),
            `sequence follows the order of transaction ${batch}`,
          );
        }
        const ours = seen.filter((e) => e.type === 'test.event');
        assert.ok(ours.length <= 600, 'the test relays published nothing twice (the service’s own relay may have taken some)');
      });

      test('a relay whose publishing fails publishes nothing, and the next relay publishes it all', async () => {
        const log = createLogger('test-relay');
        await insertEvents(50);
        const broken = await startRelay({
          relayUrl: p.db.relayUrl,
          schema: 'documents',
          log,
          bus: {
            publish: async () => {
              throw new Error('bus down');
            },
          },
        });
        await broken.drain();
        await broken.close();
        // The service's own relay is still running and completes the job; whichever publishes, each event once.
        for (let i = 0; i < 40 && (await published('test.event')).some((r) => !r.published_at); i++) await new Promise((r) => setTimeout(r, 100));
        const rows = await published('test.event');
        assert.ok(rows.every((r) => r.published_at));
        assert.equal(new Set(rows.map((r) => r.publish_seq)).size, rows.length);
      });
    });
  });
}

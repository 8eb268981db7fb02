// Benchmark: a national day, simulated (issue 19). The generator builds the country's tree in the shape of the real
// one (one national office; 34 provinces, 333 prefectures, 2,844 counties, about 38,700 townships and about 3,000
// departments: 44,930 units) and a slice of it to run here: k× is one province deployment (its own database, as
// docs/scale.md decides) with k prefectures of the country's average shape, 8 counties of 13 townships each and 6
// departments per prefecture, 3k provincial departments, and the national office as the stand-in for the national
// deployment that sends the province its national documents. 1× = 123 units and the national office (about 1/365 of
// the country, 1/11 of an average province's governments); 8× = 977 and the national office. Each slice runs on its
// own throwaway PostgreSQL and NATS, with org, documents and the gateway from the production build.
//
// The driver plays one working day, 08:00–18:00 compressed into DAY seconds, through the gateway as real clients do
// (GraphQL over HTTP for queries and mutations; every unit's clerk holds its inbox subscription over graphql-ws):
//   08:30 the national office sends a 通知 to the province; the province's clerk signs for it and 转发 it to the whole
//         province (the national broadcast reaching thousands, as 逐级转发 does);
//   09:00 and 15:00 the check peaks: every clerk checks the inbox within 20 minutes of the hour and handles what is
//         waiting: opens it (接收), signs for it (签收) or, 2 % of them, returns it (退回), and prints 25 % (打印);
//   10:00 and 14:00 the province broadcasts to the whole province; 11:00 each prefecture to its own subtree;
//   13:00–14:00 every county reports upward (答复: drafted, approved twice, sent to the province);
//   all day the clerks of the sending units (province, prefectures, counties) and one in ten of the others react to
//   an arrival within the hour, and each clerk glances at the inbox once more at a random time.
// Measured per slice: operations per second and p50/p99 by kind, the peaks' rate, each broadcast from its send to
// the last inbox event, CPU and resident memory of each process (the gateway, org, documents, PostgreSQL, NATS and
// this driver, from /proc), the database's growth, outbox rows (events) and NATS traffic of the day.
// Usage: npm run bench:national-day -- [scales=1,2,4,8] [daySeconds=60] [concurrency=32]

import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { documentsDatabase } from '@yizhan/documents';
import { asUnit, openOrm } from '@yizhan/kernel';
import { hashPassword, orgDatabase, syntheticUscc } from '@yizhan/org';
import { type Client, createClient } from 'graphql-ws';
import pg from 'pg';
import WebSocket from 'ws';
import { buildProcesses } from '../scripts/lib/build.ts';
import { startNats } from '../scripts/lib/nats.ts';
import { BENCH_PASSWORD, benchDatabase, inBatches, type ProcSample, percentile, postgresSample, procSample, startLiveStack } from './lib.ts';

const SCALES = (process.argv[2] ?? '1,2,4,8').split(',').map(Number);
const DAY_S = Number(process.argv[3] ?? 60);
const CONCURRENCY = Number(process.argv[4] ?? 32);

// ---------------------------------------------------------------------------------------------------------------
// The tree

type Level = 'PROVINCE' | 'CITY' | 'COUNTY';
type Kind = 'GOVERNMENT' | 'DEPARTMENT' | 'CENTRAL_AGENCY';
type Role = 'national' | 'province' | 'prefecture' | 'county' | 'township' | 'department';
interface Unit {
  id: string;
  code: string;
  name: string;
  shortName: string;
  level: Level;
  kind: Kind;
  parentId: string | null;
  path: string;
  role: Role;
}

function unit(parent: Unit | null, code: string, name: string, level: Level, kind: Kind, role: Role): Unit {
  // The org service's path labels (services/org/src/domain/codes.ts): governments by division code, others by code.
  const label =
    kind === 'GOVERNMENT' && /^[1-8]\d{5}$/.test(code)
      ? level === 'PROVINCE'
        ? `p${code.slice(0, 2)}`
        : level === 'CITY'
          ? `c${code.slice(0, 4)}`
          : `k${code}`
      : `u${code.toLowerCase()}`;
  return { id: randomUUID(), code, name, shortName: name, level, kind, parentId: parent?.id ?? null, path: parent ? `${parent.path}.${label}` : label, role };
}

/** One province: its government and departments, its prefectures (each with departments), counties and townships.
 * There is no TOWNSHIP level in the org model yet (DESIGN §1: "TOWNSHIP later"): a township is a COUNTY-level
 * government under its county, coded by a unified social credit code in the county's division. */
function provinceTree(pc: string, departments: number, prefectures: { departments: number; counties: number[] }[]): Unit[] {
  const gov = unit(null, `${pc}0000`, `合成${pc}省人民政府`, 'PROVINCE', 'GOVERNMENT', 'province');
  const rows = [gov];
  let seq = 1;
  for (let d = 0; d < departments; d++)
    rows.push(unit(gov, syntheticUscc(`${pc}0000`, seq++), `合成${pc}省第${d + 1}厅`, 'PROVINCE', 'DEPARTMENT', 'department'));
  for (const [j, pref] of prefectures.entries()) {
    const cc = `${pc}${String(j + 1).padStart(2, '0')}`;
    const city = unit(gov, `${cc}00`, `合成${cc}市人民政府`, 'CITY', 'GOVERNMENT', 'prefecture');
    rows.push(city);
    for (let d = 0; d < pref.departments; d++)
      rows.push(unit(city, syntheticUscc(`${cc}00`, seq++), `合成${cc}市第${d + 1}局`, 'CITY', 'DEPARTMENT', 'department'));
    for (const [k, townships] of pref.counties.entries()) {
      const kc = `${cc}${String(k + 1).padStart(2, '0')}`;
      const county = unit(city, kc, `合成${kc}县人民政府`, 'COUNTY', 'GOVERNMENT', 'county');
      rows.push(county);
      for (let t = 0; t < townships; t++) rows.push(unit(county, syntheticUscc(kc, seq++), `合成${kc}县第${t + 1}镇`, 'COUNTY', 'GOVERNMENT', 'township'));
    }
  }
  return rows;
}

/** `total` spread over `n` as evenly as integers allow. */
const spread = (total: number, n: number) => Array.from({ length: n }, (_, i) => Math.floor(((i + 1) * total) / n) - Math.floor((i * total) / n));

/** The country: 34 provinces, 333 prefectures, 2,844 counties, 38,700 townships; 30 departments per province and 6
 * per prefecture. Province codes 11–44 (synthetic: the demo province's 61 is not among them). */
export function countryTree(): Unit[][] {
  const prefectures = spread(333, 34);
  const counties = spread(2844, 333);
  const townships = spread(38_700, 2844);
  let p = 0;
  let c = 0;
  return prefectures.map((n, i) =>
    provinceTree(
      String(11 + i),
      30,
      Array.from({ length: n }, () => ({ departments: 6, counties: Array.from({ length: counties[p++] as number }, () => townships[c++] as number) })),
    ),
  );
}

/** The slice k×: one province with k prefectures of 8 counties × 13 townships and 6 departments, 3k provincial
 * departments. */
export const sliceTree = (k: number) =>
  provinceTree(
    '11',
    3 * k,
    Array.from({ length: k }, () => ({ departments: 6, counties: Array(8).fill(13) })),
  );

const NATIONAL = unit(null, '100000', '合成国务院办公厅', 'PROVINCE', 'CENTRAL_AGENCY', 'national');

async function insertTree(appUrl: string, tree: Unit[]) {
  const orm = await openOrm(appUrl, orgDatabase, { poolMax: 2 });
  const hash = await hashPassword(BENCH_PASSWORD);
  const senders = tree.filter((u) => u.role === 'province' || u.role === 'prefecture' || u.role === 'county');
  const prefix: Record<string, string> = { province: '合政发', prefecture: '合市发', county: '合县报', national: '国办发' };
  try {
    for (const [root, rows] of [
      [NATIONAL, [NATIONAL]],
      [tree[0] as Unit, tree],
    ] as const) {
      await asUnit(orm, root.path, async (em) => {
        for (let i = 0; i < rows.length; i += 1000) {
          const chunk = rows.slice(i, i + 1000);
          await em.execute(
            `insert into org.orgs (id, code, name, short_name, level, kind, parent_id, path) values ${chunk.map(() => '(?, ?, ?, ?, ?, ?, ?, ?::ltree)').join(', ')}`,
            chunk.flatMap((o) => [o.id, o.code, o.name, o.shortName, o.level, o.kind, o.parentId, o.path]),
          );
          await em.execute(
            `insert into org.org_names (org_id, org_path, name, short_name, valid_from, reason) values ${chunk.map(() => "(?, ?::ltree, ?, ?, now(), 'registered')").join(', ')}`,
            chunk.flatMap((o) => [o.id, o.path, o.name, o.shortName]),
          );
        }
        // The national office sends to provinces (平行: a central agency at province level); a province down its tree.
        const [direction, receiverLevels] = root === NATIONAL ? ['LATERAL', '{PROVINCE}'] : ['DOWN', null];
        await em.execute(
          `insert into org.routing_rules (org_id, org_path, name, side, direction, effect, receiver_levels) values (?, ?::ltree, ?, 'SENDER', ?, 'ALLOW', ?::text[])`,
          [root.id, root.path, root === NATIONAL ? '向各省发文' : '向下级发文', direction, receiverLevels],
        );
        const users: [string, string, Unit][] = [];
        for (const u of rows) users.push([`nd.c.${u.code.toLowerCase()}`, u.role === 'township' || u.role === 'department' ? '{CLERK}' : '{CLERK,DRAFTER}', u]);
        for (const u of root === NATIONAL ? rows : senders) {
          users.push([`nd.a.${u.code.toLowerCase()}`, '{APPROVER,LEADER}', u]);
          await em.execute('insert into org.unit_settings (org_id, org_path, doc_prefixes) values (?, ?::ltree, ?::text[])', [
            u.id,
            u.path,
            `{${prefix[u.role]}}`,
          ]);
        }
        for (let i = 0; i < users.length; i += 500) {
          const chunk = users.slice(i, i + 500);
          await em.execute(
            `insert into org.users (org_id, org_path, username, display_name, roles, password_hash, must_change_password, password_changed_at)
             values ${chunk.map(() => '(?, ?::ltree, ?, ?, ?::text[], ?, false, now())').join(', ')}`,
            chunk.flatMap(([name, roles, u]) => [u.id, u.path, name, `${u.shortName}${roles.includes('APPROVER') ? '领导' : '收文员'}`, roles, hash]),
          );
        }
      });
    }
  } finally {
    await orm.close();
  }
}

// ---------------------------------------------------------------------------------------------------------------
// NATS JetStream with its monitoring port (the messages and bytes of the day), synchronous writes where the server
// has the setting (2.10+; Debian 12 ships 2.9, which syncs every two minutes).

const natsTraffic = async (monitor: string) => {
  const v = (await (await fetch(`${monitor}/varz`)).json()) as Record<string, number>;
  return { inMsgs: v.in_msgs ?? 0, inBytes: v.in_bytes ?? 0, outMsgs: v.out_msgs ?? 0, outBytes: v.out_bytes ?? 0 };
};

// ---------------------------------------------------------------------------------------------------------------
// One slice's day

interface SliceResult {
  k: number;
  units: number;
  loginS: number;
  dayS: number;
  ops: Map<string, number[]>;
  errors: Map<string, number>;
  peaks: { name: string; ops: number; seconds: number }[];
  hours: number[];
  busiest: { ops: number; clock: string };
  blobsBefore: number;
  blobsAfter: number;
  broadcasts: { kind: string; recipients: number; arrived: number; ms: number }[];
  deliveries: number;
  waiting: number;
  events: number;
  dbBefore: number;
  dbAfter: number;
  documentsBytes: number;
  nats: { inMsgs: number; inBytes: number; outMsgs: number; outBytes: number };
  procs: Record<string, { cpu: number; peakRss: number }>;
  load: string;
}

async function runSlice(k: number): Promise<SliceResult> {
  const tree = sliceTree(k);
  const byId = new Map(tree.map((u, i) => [u.id, i]));
  const province = tree[0] as Unit;
  const nats = await startNats({ monitor: true });
  if (!nats?.monitor) throw new Error('nats-server is needed: npm test installs it');
  const db = await benchDatabase([orgDatabase, documentsDatabase]);
  const closers: (() => Promise<void>)[] = [];
  const clients: Client[] = [];
  try {
    await insertTree(db.appUrl, tree);
    const stack = await startLiveStack(db, closers, { YIZHAN_LOGIN_ADDRESS_LIMIT: '1000000', YIZHAN_EVENT_BUS: nats.url });
    const url = stack.gateway.url;
    const postmaster = db.postmaster;
    const owner = new pg.Client({ connectionString: db.ownerUrl });
    await owner.connect();
    closers.push(() => owner.end());

    // Requests: each timed by kind (the wait for a slot not counted). The clerks' requests at most CONCURRENCY in
    // flight (clerks beyond wait their turn, as a saturated server would make them); the few senders' never wait
    // behind the clerks' queue.
    const ops = new Map<string, number[]>();
    const errors = new Map<string, number>();
    const done: { t: number }[] = [];
    let inFlight = 0;
    const waiting: (() => void)[] = [];
    const call = async (kind: string, query: string, variables: Record<string, unknown>, token?: string): Promise<Record<string, any> | null> => {
      const queued = CLERK_KINDS.has(kind);
      if (queued && inFlight >= CONCURRENCY) await new Promise<void>((r) => waiting.push(r));
      if (queued) inFlight++;
      const t = performance.now();
      try {
        const res = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
          body: JSON.stringify({ query, variables }),
        });
        const body = (await res.json()) as { data?: Record<string, any>; errors?: { message: string; extensions?: { code?: string } }[] };
        const ms = performance.now() - t;
        if (body.errors) {
          errors.set(kind, (errors.get(kind) ?? 0) + 1);
          if ((errors.get(kind) ?? 0) <= 2) console.log(`  ${kind}: ${body.errors[0]?.extensions?.code ?? ''} ${body.errors[0]?.message}`);
          return null;
        }
        (ops.get(kind) ?? ops.set(kind, []).get(kind))?.push(ms);
        done.push({ t: performance.now() });
        return body.data as Record<string, any>;
      } catch (e) {
        errors.set(kind, (errors.get(kind) ?? 0) + 1);
        if ((errors.get(kind) ?? 0) <= 2) console.log(`  ${kind}: ${(e as Error).message}`);
        return null;
      } finally {
        if (queued) {
          inFlight--;
          waiting.shift()?.();
        }
      }
    };

    // Everyone logs in (not part of the day: an argon2 hash each).
    const t0 = performance.now();
    const clerk = await inBatches(
      tree,
      8,
      async (u) => (await call('login', LOGIN, { u: `nd.c.${u.code.toLowerCase()}`, p: BENCH_PASSWORD }))?.login.token as string,
    );
    const lead = new Map<string, string>();
    for (const u of tree.filter((x) => ['province', 'prefecture', 'county'].includes(x.role)))
      lead.set(u.id, (await call('login', LOGIN, { u: `nd.a.${u.code.toLowerCase()}`, p: BENCH_PASSWORD }))?.login.token as string);
    const national = {
      clerk: (await call('login', LOGIN, { u: `nd.c.${NATIONAL.code}`, p: BENCH_PASSWORD }))?.login.token as string,
      lead: (await call('login', LOGIN, { u: `nd.a.${NATIONAL.code}`, p: BENCH_PASSWORD }))?.login.token as string,
    };
    const loginS = (performance.now() - t0) / 1000;
    ops.delete('login');
    console.log(`  ${tree.length + 1} units; ${tree.length + lead.size + 2} people logged in in ${loginS.toFixed(0)} s`);

    // Every clerk's inbox subscription. An arrival is remembered per unit and document; a reacting clerk handles it
    // within the hour.
    const broadcasts = new Map<string, { kind: string; t0: number; recipients: number; arrived: number; last: number }>();
    const deliveryOf = new Map<string, string>(); // `${unit index}:${documentId}` → deliveryId
    const handled = new Map<string, Promise<boolean>>(); // deliveryId → signed for (false: returned or refused)
    const reacts = (i: number) => i % 10 === 0 || ['province', 'prefecture', 'county'].includes(tree[i]?.role as string);
    let dayStart = 0;
    let running = true;
    const dayMs = (minutes: number) => (minutes / 600) * DAY_S * 1000; // a span of the day, in wall milliseconds
    const at = (clock: string, jitterMinutes = 0) => {
      const [h, m] = clock.split(':').map(Number) as [number, number];
      return dayMs(h * 60 + m - 480 + Math.random() * jitterMinutes);
    };
    const sleepUntil = async (ms: number) => {
      const wait = dayStart + ms - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    };
    const handle = (i: number, deliveryId: string): Promise<boolean> => {
      const existing = handled.get(deliveryId);
      if (existing) return existing;
      const token = clerk[i] as string;
      const p = (async () => {
        await call('open', 'mutation($id: ID!) { openDelivery(id: $id) { id status } }', { id: deliveryId }, token);
        if (Math.random() < 0.02) {
          await call('return', 'mutation($id: ID!) { returnDelivery(id: $id, reason: NOT_OURS, note: "非本单位业务") { id } }', { id: deliveryId }, token);
          return false;
        }
        const signed = await call('sign', 'mutation($id: ID!) { signForDelivery(id: $id) { id status } }', { id: deliveryId }, token);
        if (Math.random() < 0.25) await call('print', 'mutation($id: ID!) { printDelivery(id: $id) { copyNumber } }', { id: deliveryId }, token);
        return signed !== null;
      })();
      handled.set(deliveryId, p);
      return p;
    };
    const t1 = performance.now();
    await inBatches(tree, 50, async (u, i) => {
      const client = createClient({
        url: url.replace('http', 'ws'),
        webSocketImpl: WebSocket,
        connectionParams: { authorization: `Bearer ${clerk[i]}` },
        lazy: false,
        retryAttempts: 0,
      });
      clients.push(client);
      await new Promise<void>((resolve, reject) => {
        client.on('connected', () => resolve());
        client.subscribe(
          { query: 'subscription { inboxChanged { type deliveryId documentId } }' },
          {
            next: (r) => {
              const e = (r.data as Record<string, any> | undefined)?.inboxChanged;
              if (e?.type !== 'delivery.delivered') return;
              deliveryOf.set(`${i}:${e.documentId}`, e.deliveryId);
              const b = broadcasts.get(e.documentId);
              if (b) {
                b.arrived++;
                b.last = performance.now();
              }
              if (running && reacts(i)) setTimeout(() => void handle(i, e.deliveryId), u.role === 'province' ? dayMs(5) : dayMs(5 + Math.random() * 55));
            },
            error: reject,
            complete: () => {},
          },
        );
      });
    });
    console.log(`  ${clients.length} inbox subscriptions in ${((performance.now() - t1) / 1000).toFixed(1)} s`);

    // A document drafted, approved twice and sent; a broadcast is followed to its last inbox.
    const send = async (kind: string, from: { clerk: string; lead: string }, input: Record<string, unknown>, track: boolean) => {
      const d = await call('draft', 'mutation($in: DraftInput!) { createDraft(input: $in) { id } }', { in: input }, from.clerk);
      return dispatch(kind, from, d?.createDraft.id, track);
    };
    const dispatch = async (kind: string, from: { clerk: string; lead: string }, id: string | undefined, track: boolean) => {
      if (!id) return null;
      await call('submit', 'mutation($id: ID!) { submitForApproval(id: $id) { id } }', { id }, from.clerk);
      await call('approve', 'mutation($id: ID!) { approveDocument(id: $id) { id } }', { id }, from.lead);
      await call('approve', 'mutation($id: ID!) { approveDocument(id: $id) { id } }', { id }, from.lead);
      const b = { kind, t0: performance.now(), recipients: 0, arrived: 0, last: 0 };
      if (track) broadcasts.set(id, b);
      const r = await call(
        `send (${kind})`,
        'mutation($id: ID!, $k: String!) { sendDocument(id: $id, sendKey: $k) { recipientCount } }',
        { id, k: randomUUID() },
        from.clerk,
      );
      b.recipients = r?.sendDocument.recipientCount ?? 0;
      return id;
    };
    const whole = (u: Unit) => [{ selector: { rootId: u.id } }];
    const inbox = async (i: number) => {
      const r = await call('inbox', '{ inbox(first: 50, filter: { signed: false }) { totalCount nodes { id status } } }', {}, clerk[i]);
      for (const n of (r?.inbox.nodes ?? []) as { id: string; status: string }[])
        if (n.status === 'DELIVERED' || n.status === 'RECEIVED') await handle(i, n.id);
    };
    const senderOf = (u: Unit) => ({ clerk: clerk[byId.get(u.id) as number] as string, lead: lead.get(u.id) as string });

    const sample = () => {
      const s: Record<string, ProcSample> = { postgres: postgresSample(postmaster) };
      for (const [name, p] of [
        ['gateway', stack.gateway.child.pid],
        ['org', stack.org.child.pid],
        ['documents', stack.documents.child.pid],
        ['nats', nats.pid],
        ['driver (this bench)', process.pid],
      ] as const)
        s[name] = procSample(p as number) ?? { cpu: 0, rss: 0 };
      return s;
    };
    const counts = async () => {
      const r = await owner.query(
        `select pg_database_size(current_database())::bigint as db,
                (select count(*) from org.outbox) + (select count(*) from documents.outbox) as events,
                (select count(*) from documents.deliveries) as deliveries,
                (select count(*) from documents.deliveries where status in ('DELIVERED', 'RECEIVED')) as waiting,
                (select coalesce(sum(pg_total_relation_size(c.oid)), 0) from pg_class c join pg_namespace n on n.oid = c.relnamespace
                  where n.nspname = 'documents' and c.relkind in ('r', 'p')) as documents_bytes`,
      );
      const row = r.rows[0];
      return {
        db: Number(row.db),
        events: Number(row.events),
        deliveries: Number(row.deliveries),
        waiting: Number(row.waiting),
        documentsBytes: Number(row.documents_bytes),
      };
    };

    await new Promise((r) => setTimeout(r, 2000));
    const blobDir = process.env.YIZHAN_BLOB_DIR ?? path.join(process.env.YIZHAN_DATA_DIR as string, 'blobs');
    const blobsBefore = dirBytes(blobDir);
    const before = { counts: await counts(), procs: sample(), nats: await natsTraffic(nats.monitor as string) };
    const peakRss: Record<string, number> = {};
    const sampler = setInterval(() => {
      for (const [name, s] of Object.entries(sample())) peakRss[name] = Math.max(peakRss[name] ?? 0, s.rss);
    }, 1000);
    const load = os.loadavg()[0]?.toFixed(1) as string;
    console.log(`  the day starts (${DAY_S} s for 08:00–18:00, load average ${load})`);
    dayStart = performance.now();
    const tasks: Promise<unknown>[] = [];
    const later = (ms: number, fn: () => Promise<unknown>) => tasks.push(sleepUntil(ms).then(fn));

    // 08:30 the national 通知 to the province; its clerk signs for it (reacting), then 转发 to the whole province.
    later(at('08:30'), async () => {
      const doc = await send(
        'national',
        national,
        { docType: '通知', title: '国务院办公厅关于做好年末工作的通知', body: '正文', docPrefix: '国办发', recipients: [{ orgIds: [province.id] }] },
        false,
      );
      if (!doc) return;
      await sleepUntil(at('08:40'));
      let delivery = deliveryOf.get(`0:${doc}`);
      for (let n = 0; !delivery && n < 100; n++) {
        await new Promise((r) => setTimeout(r, 50));
        delivery = deliveryOf.get(`0:${doc}`);
      }
      if (!delivery) return console.log('  the national document did not reach the province');
      await handle(0, delivery);
      const fwd = await call(
        'draft',
        'mutation($d: ID!, $r: [RecipientSpecInput!]!) { draftForward(deliveryId: $d, recipients: $r, docPrefix: "合政发") { id } }',
        { d: delivery, r: whole(province) },
        clerk[0],
      );
      await dispatch('national, forwarded to the province', senderOf(province), fwd?.draftForward.id, true);
    });
    // The province's broadcasts, the prefectures' notices.
    let provincial1: Promise<string | null> = new Promise(() => {});
    later(at('10:00'), async () => {
      provincial1 = send(
        'provincial',
        senderOf(province),
        { docType: '通知', title: '关于报送年度工作总结的通知', body: '正文', docPrefix: '合政发', recipients: whole(province) },
        true,
      );
      await provincial1;
    });
    later(at('14:00'), () =>
      send(
        'provincial',
        senderOf(province),
        {
          docType: '通知',
          title: '关于加强值班工作的紧急通知',
          body: '正文',
          docPrefix: '合政发',
          urgency: 'URGENT',
          deadline: new Date(Date.now() + 2 * 86_400_000).toISOString(),
          recipients: whole(province),
        },
        true,
      ),
    );
    for (const p of tree.filter((u) => u.role === 'prefecture'))
      later(at('11:00', 10), () =>
        send('prefecture', senderOf(p), { docType: '通知', title: '关于转报材料的通知', body: '正文', docPrefix: '合市发', recipients: whole(p) }, true),
      );
    // 13:00–14:00 every county reports upward: a reply to the province's morning broadcast.
    for (const c of tree.filter((u) => u.role === 'county')) {
      const i = byId.get(c.id) as number;
      later(at('13:00', 60), async () => {
        const doc = await provincial1;
        let delivery = doc && deliveryOf.get(`${i}:${doc}`);
        for (let n = 0; doc && !delivery && n < 200; n++) {
          await new Promise((r) => setTimeout(r, 50));
          delivery = deliveryOf.get(`${i}:${doc}`);
        }
        if (!delivery) return console.log('  a county did not receive the provincial document');
        // A county that returned the notice (退回, 2 % of deliveries) does not answer it.
        if (!(await handle(i, delivery))) return console.log('  a county returned the provincial notice: no report from it');
        // Its 签发人 is the county's leader, by name (the one account with LEADER, made above).
        const r = await call(
          'draft',
          'mutation($d: ID!, $s: String) { draftReply(deliveryId: $d, title: "关于年度工作总结的报告", body: "正文", docPrefix: "合县报", signer: $s) { id } }',
          { d: delivery, s: `${c.shortName}领导` },
          clerk[i],
        );
        await dispatch('upward report', senderOf(c), r?.draftReply.id, false);
      });
    }
    // The two checks and a glance at a random time, for every clerk.
    const peakMarks: Record<string, [number, number]> = {};
    for (const [i] of tree.entries()) {
      later(at('09:00', 20), () => inbox(i));
      later(at('15:00', 20), () => inbox(i));
      later(at('08:00', 600), () => inbox(i));
    }
    await Promise.all(tasks);
    // What the clerks received late in the day is handled before the day's accounts close.
    await Promise.all([...handled.values()]);
    const dayS = (performance.now() - dayStart) / 1000;
    running = false;
    // Wait for the last broadcasts' events.
    for (let n = 0; n < 100 && [...broadcasts.values()].some((b) => b.arrived < b.recipients); n++) await new Promise((r) => setTimeout(r, 100));
    await new Promise((r) => setTimeout(r, 1500)); // the relay publishes the last events
    clearInterval(sampler);
    const after = { counts: await counts(), procs: sample(), nats: await natsTraffic(nats.monitor as string) };
    for (const [name, s] of Object.entries(after.procs)) peakRss[name] = Math.max(peakRss[name] ?? 0, s.rss);

    // The peaks: the operations completed between hh:00 and hh:30 of the day clock (wall time as scheduled).
    for (const [name, from, to] of [
      ['09:00–10:00', at('09:00'), at('10:00')],
      ['15:00–16:00', at('15:00'), at('16:00')],
      ['whole day', 0, dayS * 1000],
    ] as const) {
      const n = done.filter((d) => d.t - dayStart >= from && d.t - dayStart < to).length;
      peakMarks[name] = [n, (to - from) / 1000];
    }
    // Operations per hour of the day clock (completion time mapped back to it) and the busiest wall second.
    const hours = Array.from({ length: 10 }, () => 0);
    const seconds = new Map<number, number>();
    for (const d of done) {
      const t = d.t - dayStart;
      if (t < 0) continue;
      const h = Math.min(9, Math.floor(t / dayMs(60)));
      hours[h] = (hours[h] ?? 0) + 1;
      seconds.set(Math.floor(t / 1000), (seconds.get(Math.floor(t / 1000)) ?? 0) + 1);
    }
    const busiest = [...seconds.entries()].sort((a, b) => b[1] - a[1])[0] ?? [0, 0];
    const busiestClock = 480 + (busiest[0] * 1000 * 600) / (DAY_S * 1000);
    const procs: SliceResult['procs'] = {};
    for (const name of Object.keys(after.procs))
      procs[name] = { cpu: ((after.procs[name] as ProcSample).cpu - (before.procs[name] as ProcSample).cpu) / dayS, peakRss: peakRss[name] ?? 0 };
    const traffic = {
      inMsgs: after.nats.inMsgs - before.nats.inMsgs,
      inBytes: after.nats.inBytes - before.nats.inBytes,
      outMsgs: after.nats.outMsgs - before.nats.outMsgs,
      outBytes: after.nats.outBytes - before.nats.outBytes,
    };
    return {
      k,
      units: tree.length + 1,
      loginS,
      dayS,
      ops,
      errors,
      peaks: Object.entries(peakMarks).map(([name, [n, s]]) => ({ name, ops: n, seconds: s })),
      hours,
      busiest: {
        ops: busiest[1],
        clock: `${String(Math.floor(busiestClock / 60)).padStart(2, '0')}:${String(Math.floor(busiestClock % 60)).padStart(2, '0')}`,
      },
      blobsBefore,
      blobsAfter: dirBytes(blobDir),
      broadcasts: [...broadcasts.values()].map((b) => ({
        kind: b.kind,
        recipients: b.recipients,
        arrived: b.arrived,
        ms: b.last ? b.last - b.t0 : Number.NaN,
      })),
      deliveries: after.counts.deliveries - before.counts.deliveries,
      waiting: after.counts.waiting,
      events: after.counts.events - before.counts.events,
      dbBefore: before.counts.db,
      dbAfter: after.counts.db,
      documentsBytes: after.counts.documentsBytes,
      nats: traffic,
      procs,
      load,
    };
  } finally {
    for (const c of clients) await Promise.resolve(c.dispose()).catch(() => {});
    for (const close of closers.reverse()) await close().catch(() => {});
    await db.stop();
    await nats.stop();
  }
}

/** The bytes of the files under a folder (the blobs: printed copies, OFD files). */
function dirBytes(dir: string): number {
  let total = 0;
  for (const e of fs.existsSync(dir) ? fs.readdirSync(dir, { withFileTypes: true }) : []) {
    const p = path.join(dir, e.name);
    total += e.isDirectory() ? dirBytes(p) : e.isFile() ? fs.statSync(p).size : 0;
  }
  return total;
}

const CLERK_KINDS = new Set(['inbox', 'open', 'sign', 'print', 'return']);
const LOGIN = 'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }';

// ---------------------------------------------------------------------------------------------------------------

const country = countryTree();
const count = (role: Role) => country.flat().filter((u) => u.role === role).length;
console.log(
  `The country's tree: ${country.flat().length + 1} units — 1 national office, ${country.length} provinces, ${count('prefecture')} prefectures, ${count('county')} counties, ${count('township')} townships, ${count('department')} departments`,
);
await buildProcesses(console.log);
const results: SliceResult[] = [];
for (const k of SCALES) {
  console.log(`\nslice ${k}×`);
  results.push(await runSlice(k));
}

const mb = (b: number) => (b / 1024 / 1024).toFixed(1);
const f1 = (n: number) => n.toFixed(1);
console.log(`\nA working day (08:00–18:00) in ${DAY_S} s per slice, at most ${CONCURRENCY} requests in flight; ${new Date().toISOString().slice(0, 10)}\n`);
console.log(`| slice | ${results.map((r) => `${r.k}× (${r.units} units)`).join(' | ')} |`);
console.log(`|---|${results.map(() => '---').join('|')}|`);
const line = (name: string, fn: (r: SliceResult) => string) => console.log(`| ${name} | ${results.map(fn).join(' | ')} |`);
line('load average at the start', (r) => r.load);
line(`the day took (s; scheduled ${DAY_S})`, (r) => f1(r.dayS));
line('deliveries / events (outbox rows)', (r) => `${r.deliveries} / ${r.events}`);
line('deliveries still waiting for 签收 or 退回 at the end', (r) => String(r.waiting));
line('operations, whole day (ops/s)', (r) => {
  const p = r.peaks.find((x) => x.name === 'whole day');
  return p ? `${p.ops} (${f1(p.ops / r.dayS)})` : '';
});
line('operations per hour of the day, 08–17', (r) => r.hours.join(' · '));
line('busiest second (ops, at day clock)', (r) => `${r.busiest.ops} at ${r.busiest.clock}`);
for (const name of ['09:00–10:00', '15:00–16:00'])
  line(`operations completed ${name} (ops/s)`, (r) => {
    const p = r.peaks.find((x) => x.name === name);
    return p ? `${p.ops} (${f1(p.ops / p.seconds)})` : '';
  });
const kinds = [...new Set(results.flatMap((r) => [...r.ops.keys()]))].sort();
for (const kind of kinds)
  line(`${kind}: n (per s), p50 / p99 ms`, (r) => {
    const xs = r.ops.get(kind) ?? [];
    return xs.length ? `${xs.length} (${(xs.length / r.dayS).toFixed(2)}), ${f1(percentile(xs, 50))} / ${f1(percentile(xs, 99))}` : '';
  });
line('errors', (r) => [...r.errors.entries()].map(([k, n]) => `${k} ${n}`).join(', ') || '0');
const bkinds = [...new Set(results.flatMap((r) => r.broadcasts.map((b) => b.kind)))];
for (const kind of bkinds)
  line(`${kind}: send → last inbox (ms; arrived/recipients)`, (r) =>
    r.broadcasts
      .filter((b) => b.kind === kind)
      .map((b) => `${b.ms.toFixed(0)} (${b.arrived}/${b.recipients})`)
      .join(', '),
  );
for (const name of Object.keys(results[0]?.procs ?? {}))
  line(`${name}: CPU (cores, day average) / peak RSS MB`, (r) => `${(r.procs[name]?.cpu ?? 0).toFixed(2)} / ${mb(r.procs[name]?.peakRss ?? 0)}`);
for (const name of Object.keys(results[0]?.procs ?? {}))
  line(`${name}: CPU seconds per 1,000 deliveries`, (r) => (((r.procs[name]?.cpu ?? 0) * r.dayS * 1000) / Math.max(1, r.deliveries)).toFixed(1));
line('database size before → after (MB)', (r) => `${mb(r.dbBefore)} → ${mb(r.dbAfter)}`);
line('growth per delivery (KB)', (r) => ((r.dbAfter - r.dbBefore) / 1024 / Math.max(1, r.deliveries)).toFixed(2));
line('files (printed copies, OFD) added (MB)', (r) => mb(r.blobsAfter - r.blobsBefore));
line('NATS in: messages / MB', (r) => `${r.nats.inMsgs} / ${mb(r.nats.inBytes)}`);
line('NATS out: messages / MB', (r) => `${r.nats.outMsgs} / ${mb(r.nats.outBytes)}`);
line('logins before the day (s)', (r) => r.loginS.toFixed(0));

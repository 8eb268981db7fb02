// The exchange between two deployments (对端平台, issue 19; seed 000 §1, §9): the national platform and a province,
// say. Each registers the other as a peer, with a stand-in unit under the office that exchanges with it: the
// province's 国务院办公厅 stands in for the national platform, the national platform's stand-in for the province. The
// exchange holds each stand-in's API token and carries, turn by turn and both ways, what was sent to a stand-in:
//   1. hands over each new delivery to the stand-in on one side: its evidence package, exported there, is taken in on
//      the other side (receiveFromPeer: verified against the pinned roots, delivered to the unit the stand-in stands
//      under); a resend names the delivery it replaces. A package refused is answered with 请求重发, saying why;
//   2. reports back what became of it: 接收 when its unit opens it, 签收, 退回 with its reason, 请求重发;
//   3. carries a recall (撤回): a delivery withdrawn by its sender before its unit received it is withdrawn there too,
//      in the turn that sees it, even one made while that turn was handing it over.
// It keeps no state of its own: every step is idempotent on both sides and each turn reads where things stand, so a
// restart, a crash half-way or a turn missed repeats nothing and loses nothing.
import type { Logger } from '@yizhan/common';
import { type GatewayClient, GatewayError, handOn } from './gateway-client.ts';

export interface ExchangeOptions {
  /** The peer platform, as the stand-in there for this platform (its API token there). */
  peer: GatewayClient;
  /** This platform, as the peer's stand-in here (its API token here). */
  here: GatewayClient;
  log: Logger;
  /** Between turns; 30 s unless given (a clerk checks twice a day: half a minute is prompt). */
  intervalMs?: number;
}

/** What a turn did in one direction. */
export interface Carried {
  /** Deliveries taken in on the other side. */
  handedOver: number;
  /** Packages refused there (answered with 请求重发). */
  refused: number;
  received: number;
  signed: number;
  returned: number;
  resendRequested: number;
  recalled: number;
  /** Steps that failed for now (a platform away, a timeout): tried again next turn. */
  failed: number;
}

/** What a turn did: from the peer to here (downward, for a province) and from here to the peer. */
export interface ExchangeTurn {
  fromPeer: Carried;
  toPeer: Carried;
}

interface InboxNode {
  id: string;
  documentId: string;
  docNumber: string;
  title: string;
  status: string;
  /** A resend's: the delivery it replaces. */
  parentDeliveryId: string | null;
}

interface Twin {
  peerDeliveryId: string;
  delivery: {
    id: string;
    status: string;
    stateReason: string | null;
    stateNote: string | null;
    receivedByName: string | null;
    signedByName: string | null;
  };
}

// 待签收 (arrived, not yet signed for or returned): new ones to hand over, handed-over ones to report back.
const INBOX = `query($after: String) {
  inbox(first: 100, after: $after, filter: { signed: false }) { nodes { id documentId docNumber title status parentDeliveryId } pageInfo { hasNextPage endCursor } }
}`;
const EXPORT = 'mutation($d: ID!) { exportEvidencePackage(documentId: $d) { base64 } }';
const RECEIVE = 'mutation($d: ID!, $p: String!, $r: ID) { receiveFromPeer(peerDeliveryId: $d, evidencePackage: $p, resendOf: $r) { id } }';
const TWIN = '{ id status stateReason stateNote receivedByName signedByName }';
const TWINS = `query($ids: [ID!]!) { peerDeliveries(peerDeliveryIds: $ids) { peerDeliveryId delivery ${TWIN} } }`;
const NOT_YET_RECEIVED = `{ peerDeliveriesNotYetReceived { peerDeliveryId delivery ${TWIN} } }`;
const DELIVERY = 'query($id: ID!) { delivery(id: $id) { status stateNote } }';
const OPEN = 'mutation($id: ID!, $by: String) { openDelivery(id: $id, openedByThere: $by) { status } }';
const SIGN = 'mutation($id: ID!, $by: String) { signForDelivery(id: $id, signedByThere: $by) { status } }';
const RETURN = 'mutation($id: ID!, $r: ReturnReason!, $n: String) { returnDelivery(id: $id, reason: $r, note: $n) { status } }';
const REQUEST_RESEND = 'mutation($id: ID!, $n: String!) { requestResend(id: $id, note: $n) { status } }';
const RECALL = 'mutation($id: ID!, $n: String!) { recallDelivery(id: $id, note: $n) { status } }';

/** The most deliveries a turn hands over each way (a broadcast's worth waits for the next turns, in order). */
const HAND_OVER_PER_TURN = 500;
const RETURN_REASONS = new Set(['NOT_OURS', 'AGAINST_ROUTING', 'WRONG_FORMAT', 'INCOMPLETE', 'NOT_COSIGNED', 'OTHER']);
const RECEIVED_THERE = new Set(['RECEIVED', 'PRINTED']);

/** A failure's stable code (FORBIDDEN, UNAVAILABLE, TOO_LARGE …), for the log: what an operator acts on. */
const codeOf = (e: unknown) => (e instanceof GatewayError ? e.code : 'INTERNAL');

const nothingCarried = (): Carried => ({ handedOver: 0, refused: 0, received: 0, signed: 0, returned: 0, resendRequested: 0, recalled: 0, failed: 0 });
const carriedAny = (c: Carried) => Object.values(c).some((n) => n > 0);

/** The stand-in's inbox waiting for 签收, page by page (read whole before acting: acting moves them). */
async function waitingFor(from: GatewayClient): Promise<InboxNode[]> {
  const out: InboxNode[] = [];
  let after: string | null = null;
  do {
    const page: { inbox: { nodes: InboxNode[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } } = await from.request(INBOX, { after });
    out.push(...page.inbox.nodes);
    after = page.inbox.pageInfo.hasNextPage ? page.inbox.pageInfo.endCursor : null;
  } while (after);
  return out;
}

/** Their twins on the other side (those handed over), asked 500 at a time. */
async function twinsOf(to: GatewayClient, ids: string[]): Promise<Map<string, Twin>> {
  const out = new Map<string, Twin>();
  for (let i = 0; i < ids.length; i += 500) {
    const { peerDeliveries } = await to.request<{ peerDeliveries: Twin[] }>(TWINS, { ids: ids.slice(i, i + 500) });
    for (const t of peerDeliveries) out.set(t.peerDeliveryId, t);
  }
  return out;
}

/**
 * One direction of a turn: what was sent to the stand-in on `from` is carried to `to`, where the other stand-in takes
 * it in; what became of it on `to` is reported back on `from`.
 */
async function carry(from: GatewayClient, to: GatewayClient, log: Logger): Promise<Carried> {
  const c = nothingCarried();
  const waiting = await waitingFor(from);
  const twins = await twinsOf(
    to,
    waiting.map((d) => d.id),
  );
  const step = async (d: { id: string; docNumber?: string }, what: string, fn: () => Promise<void>) => {
    try {
      await fn();
    } catch (e) {
      c.failed++;
      log.warn({ delivery: d.id, docNumber: d.docNumber, code: codeOf(e), err: (e as Error).message, to: to.url }, `could not ${what}; next turn`);
    }
  };

  // 1. Hand over what is new, oldest first.
  for (const d of waiting.filter((w) => !twins.has(w.id) && w.status === 'DELIVERED').slice(0, HAND_OVER_PER_TURN))
    await step(d, 'hand a document over', async () => {
      try {
        // The package streams from one gateway to the other: the exchange never holds it whole.
        await handOn(from, { query: EXPORT, variables: { d: d.documentId }, field: 'exportEvidencePackage', key: 'base64' }, to, {
          query: RECEIVE,
          variables: { d: d.id, r: d.parentDeliveryId },
          as: 'p',
        });
        c.handedOver++;
      } catch (e) {
        if (!(e instanceof GatewayError) || e.code !== 'PEER_PACKAGE_REFUSED') throw e;
        // It cannot be received as it is (a changed byte, a CA not the peer's): the sender is asked to send it again.
        await from.request(REQUEST_RESEND, { id: d.id, n: `对端平台交换未能接收（证据包验证未通过）：${e.message}`.slice(0, 500) });
        log.warn(
          { delivery: d.id, docNumber: d.docNumber, code: e.code, err: e.message },
          'a document was refused by the other platform; its sender is asked to resend it',
        );
        c.refused++;
      }
    });

  // 2. Report back what became of each one handed over.
  for (const d of waiting) {
    const twin = twins.get(d.id);
    if (!twin) continue;
    const { status, stateReason, stateNote, receivedByName, signedByName } = twin.delivery;
    if (RECEIVED_THERE.has(status) && d.status === 'DELIVERED')
      await step(d, 'report 接收 back', async () => {
        await from.request(OPEN, { id: d.id, by: receivedByName?.slice(0, 50) ?? null });
        c.received++;
      });
    else if (status === 'SIGNED' || status === 'CLOSED')
      await step(d, 'report 签收 back', async () => {
        // Who signed there, by name (the sender sees them, not this exchange's token).
        await from.request(SIGN, { id: d.id, by: signedByName?.slice(0, 50) ?? null });
        c.signed++;
      });
    else if (status === 'RETURNED')
      await step(d, 'report 退回 back', async () => {
        const reason = stateReason && RETURN_REASONS.has(stateReason) ? stateReason : 'OTHER';
        await from.request(RETURN, { id: d.id, r: reason, n: stateNote ?? (reason === 'OTHER' ? stateReason : null) });
        c.returned++;
      });
    else if (status === 'RESEND_REQUESTED')
      await step(d, 'report 请求重发 back', async () => {
        await from.request(REQUEST_RESEND, { id: d.id, n: stateNote ?? '请求重发' });
        c.resendRequested++;
      });
  }

  // 3. A recall: handed over, not yet received there, and no longer waiting here — withdrawn by its sender? What
  // waits is read again, not taken from the start of the turn: a recall made while this turn handed the same
  // delivery over is carried now, not a turn later.
  const { peerDeliveriesNotYetReceived } = await to.request<{ peerDeliveriesNotYetReceived: Twin[] }>(NOT_YET_RECEIVED);
  const waitingIds = peerDeliveriesNotYetReceived.length ? new Set((await waitingFor(from)).map((d) => d.id)) : new Set<string>();
  for (const twin of peerDeliveriesNotYetReceived.filter((t) => !waitingIds.has(t.peerDeliveryId)))
    await step({ id: twin.peerDeliveryId }, 'carry a recall', async () => {
      const { delivery } = await from.request<{ delivery: { status: string; stateNote: string | null } }>(DELIVERY, { id: twin.peerDeliveryId });
      if (delivery.status !== 'RECALLED') return;
      await to.request(RECALL, { id: twin.delivery.id, n: `发文单位已撤回：${delivery.stateNote ?? ''}`.slice(0, 500) });
      c.recalled++;
    });
  return c;
}

export function startExchange(opts: ExchangeOptions) {
  const { peer, here, log } = opts;
  const intervalMs = opts.intervalMs ?? 30_000;

  /** One direction, its failure logged and the other direction carried on. */
  const carryLogged = async (from: GatewayClient, to: GatewayClient): Promise<Carried> => {
    try {
      return await carry(from, to, log);
    } catch (e) {
      log.warn({ code: codeOf(e), err: (e as Error).message, from: from.url, to: to.url }, 'exchange turn failed one way; next turn');
      return { ...nothingCarried(), failed: 1 };
    }
  };

  let running: Promise<ExchangeTurn> | null = null;
  /** One turn: from the peer to here, then from here to the peer. */
  async function turn(): Promise<ExchangeTurn> {
    const t: ExchangeTurn = { fromPeer: await carryLogged(peer, here), toPeer: await carryLogged(here, peer) };
    if (carriedAny(t.fromPeer) || carriedAny(t.toPeer)) log.info(t, 'exchange turn');
    return t;
  }
  /** A turn now, or the one running (never two at once). */
  const tick = () => {
    running ??= turn().finally(() => {
      running = null;
    });
    return running;
  };

  let timer: NodeJS.Timeout | null = null;
  let closed = false;
  const schedule = (delayMs: number) => {
    if (closed) return;
    timer = setTimeout(async () => {
      await tick();
      schedule(intervalMs);
    }, delayMs);
  };
  // The first turn at once: what arrived while the exchange was stopped is handed over now.
  schedule(0);
  return {
    tick,
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      await running?.catch(() => {});
    },
  };
}

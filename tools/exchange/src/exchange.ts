// The exchange between two deployments (对端平台, issue 19; seed 000 §1, §9): the national platform delivers to the
// unit that stands there for this province, and this province keeps a stand-in unit for the national platform. The
// exchange holds one API token on each side and, turn by turn:
//   1. hands over what arrived there: each new delivery's evidence package, exported there, is taken in here
//      (receiveFromPeer: verified against the peer's pinned roots, delivered to the receiving unit), then opened there
//      (接收: it reached this platform). A package refused here is answered there with 请求重发, saying why;
//   2. reports back what became of it here: a 签收 is signed for there, a 退回 returned there with its reason, a 请求重发
//      requested there.
// It keeps no state of its own: every step is idempotent on both sides and each turn reads where things stand, so a
// restart, a crash half-way or a turn missed repeats nothing and loses nothing.
import type { Logger } from '@yizhan/common';
import { type GatewayClient, GatewayError } from './gateway-client.ts';

export interface ExchangeOptions {
  /** The peer platform, as the unit that stands there for this one (its API token there). */
  peer: GatewayClient;
  /** This platform, as the peer's stand-in unit (its API token here). */
  here: GatewayClient;
  log: Logger;
  /** Between turns; 30 s unless given (a clerk checks twice a day: half a minute is prompt). */
  intervalMs?: number;
}

/** What a turn did. */
export interface ExchangeTurn {
  /** Deliveries of the peer taken in here. */
  handedOver: number;
  /** Packages refused here (answered there with 请求重发). */
  refused: number;
  signed: number;
  returned: number;
  resendRequested: number;
  /** Steps that failed for now (a platform away, a timeout): tried again next turn. */
  failed: number;
}

interface InboxNode {
  id: string;
  documentId: string;
  docNumber: string;
  title: string;
  status: string;
}

// 待签收 (arrived, not yet signed for or returned): new ones to hand over, handed-over ones to report back.
const INBOX = `query($after: String) {
  inbox(first: 100, after: $after, filter: { signed: false }) { nodes { id documentId docNumber title status } pageInfo { hasNextPage endCursor } }
}`;
const EXPORT = 'mutation($d: ID!) { exportEvidencePackage(documentId: $d) { base64 } }';
const RECEIVE = 'mutation($d: ID!, $p: String!) { receiveFromPeer(peerDeliveryId: $d, evidencePackage: $p) { id } }';
const OPEN = 'mutation($id: ID!) { openDelivery(id: $id) { status } }';
const TWINS = 'query($ids: [ID!]!) { peerDeliveries(peerDeliveryIds: $ids) { peerDeliveryId delivery { status stateReason stateNote } } }';
const SIGN = 'mutation($id: ID!) { signForDelivery(id: $id) { status } }';
const RETURN = 'mutation($id: ID!, $r: ReturnReason!, $n: String) { returnDelivery(id: $id, reason: $r, note: $n) { status } }';
const REQUEST_RESEND = 'mutation($id: ID!, $n: String!) { requestResend(id: $id, note: $n) { status } }';

/** The most deliveries a turn hands over (a broadcast's worth waits for the next turns, in order). */
const HAND_OVER_PER_TURN = 500;
const RETURN_REASONS = new Set(['NOT_OURS', 'AGAINST_ROUTING', 'WRONG_FORMAT', 'INCOMPLETE', 'NOT_COSIGNED', 'OTHER']);

export function startExchange(opts: ExchangeOptions) {
  const { peer, here, log } = opts;
  const intervalMs = opts.intervalMs ?? 30_000;

  /** The peer's inbox waiting for 签收, page by page (read whole before acting: acting moves them). */
  async function peerInbox(): Promise<InboxNode[]> {
    const out: InboxNode[] = [];
    let after: string | null = null;
    do {
      const page: { inbox: { nodes: InboxNode[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } } = await peer.request(INBOX, { after });
      out.push(...page.inbox.nodes);
      after = page.inbox.pageInfo.hasNextPage ? page.inbox.pageInfo.endCursor : null;
    } while (after);
    return out;
  }

  async function handOver(d: InboxNode, t: ExchangeTurn): Promise<void> {
    const { exportEvidencePackage } = await peer.request<{ exportEvidencePackage: { base64: string } }>(EXPORT, { d: d.documentId });
    try {
      await here.request(RECEIVE, { d: d.id, p: exportEvidencePackage.base64 });
    } catch (e) {
      if (!(e instanceof GatewayError) || e.code !== 'PEER_PACKAGE_REFUSED') throw e;
      // It cannot be received as it is (a changed byte, a CA not the peer's): the sender is asked to send it again.
      await peer.request(REQUEST_RESEND, { id: d.id, n: `对端平台交换未能接收（证据包验证未通过）：${e.message}`.slice(0, 500) });
      log.warn({ delivery: d.id, docNumber: d.docNumber, err: e.message }, 'a peer document was refused; its sender is asked to resend it');
      t.refused++;
      return;
    }
    await peer.request(OPEN, { id: d.id });
    t.handedOver++;
  }

  async function reportBack(received: InboxNode[], t: ExchangeTurn): Promise<void> {
    for (let i = 0; i < received.length; i += 500) {
      const batch = received.slice(i, i + 500);
      const { peerDeliveries } = await here.request<{
        peerDeliveries: { peerDeliveryId: string; delivery: { status: string; stateReason: string | null; stateNote: string | null } }[];
      }>(TWINS, { ids: batch.map((d) => d.id) });
      for (const twin of peerDeliveries) {
        const { status, stateReason, stateNote } = twin.delivery;
        const id = twin.peerDeliveryId;
        try {
          if (status === 'SIGNED' || status === 'CLOSED') {
            await peer.request(SIGN, { id });
            t.signed++;
          } else if (status === 'RETURNED') {
            const reason = stateReason && RETURN_REASONS.has(stateReason) ? stateReason : 'OTHER';
            await peer.request(RETURN, { id, r: reason, n: stateNote ?? (reason === 'OTHER' ? stateReason : null) });
            t.returned++;
          } else if (status === 'RESEND_REQUESTED') {
            await peer.request(REQUEST_RESEND, { id, n: stateNote ?? '请求重发' });
            t.resendRequested++;
          }
        } catch (e) {
          t.failed++;
          log.warn({ delivery: id, status, err: (e as Error).message }, 'could not report back to the peer platform; next turn');
        }
      }
    }
  }

  let running: Promise<ExchangeTurn> | null = null;
  /** One turn: hand over what arrived there, then report back what became of it here. */
  async function turn(): Promise<ExchangeTurn> {
    const t: ExchangeTurn = { handedOver: 0, refused: 0, signed: 0, returned: 0, resendRequested: 0, failed: 0 };
    const waiting = await peerInbox();
    for (const d of waiting.filter((w) => w.status === 'DELIVERED').slice(0, HAND_OVER_PER_TURN)) {
      try {
        await handOver(d, t);
      } catch (e) {
        t.failed++;
        log.warn({ delivery: d.id, docNumber: d.docNumber, err: (e as Error).message }, 'could not hand a peer document over; next turn');
      }
    }
    // Handed over (opened there) and not yet answered: what became of each here.
    await reportBack(
      waiting.filter((w) => w.status !== 'DELIVERED'),
      t,
    );
    if (t.handedOver || t.refused || t.signed || t.returned || t.resendRequested || t.failed) log.info(t, 'exchange turn');
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
      try {
        await tick();
      } catch (e) {
        log.warn({ err: (e as Error).message, peer: peer.url }, 'exchange turn failed; next turn');
      }
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

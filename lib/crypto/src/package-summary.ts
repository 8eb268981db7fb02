// What a reader of an evidence package wants said in their own words beside the verdicts: each checked part by its
// Chinese name (回执, 时间戳 … not the path alone), and how far the document got with the units it went to, as its
// verified events record it.
import { MANIFEST_PATH } from './evidence-package.ts';

/** A manifest item's kind in the reader's words. */
const KIND_WORDS: Record<string, string> = {
  canonical: '签署内容',
  body: '正文',
  attachment: '附件',
  ofd: 'OFD 版式文件',
  stamp: '电子印章签名',
  receipt: '回执',
  approval: '审批签名',
  events: '事件链',
  'event-contents': '事件内容',
  timestamp: '时间戳',
  certificate: '证书',
  crl: '证书吊销列表',
};

/** The parts a verdict names that are no file of the package. */
const NAMED_PARTS: Record<string, string> = {
  [MANIFEST_PATH]: '清单',
  'manifest digests': '数字摘要',
  'trust anchors': '信任根',
  content: '签署内容',
  body: '正文',
  stamp: '电子印章签名',
};

/**
 * A verdict's item in the reader's words: a file by its manifest kind (an OFD's seal verdicts, `<ofd path> seal …`,
 * as the OFD's 电子签章), a named part by its name; null for what has none.
 */
export function partName(item: string, kindOf: (path: string) => string | undefined): string | null {
  const kind = kindOf(item);
  if (kind) return KIND_WORDS[kind] ?? null;
  if (item in NAMED_PARTS) return NAMED_PARTS[item] as string;
  if (item.startsWith('attachment ')) return '附件';
  const [path, ...rest] = item.split(' ');
  if (rest.length && kindOf(path as string) === 'ofd') return 'OFD 版式文件的电子签章';
  return null;
}

/** How far the document got with the units it went to: each unit counted once, by its latest delivery. */
export interface DeliveriesRecorded {
  units: number;
  /** 已签收 (办结 after it included). */
  signed: number;
  /** 已接收 (opened, printed or downloaded), not yet signed for. */
  received: number;
  /** Delivered, not yet opened. */
  waiting: number;
  /** 退回 or 请求重发, not resent yet. */
  returned: number;
  recalled: number;
}

type EventLine = { seq?: unknown; event?: unknown };

/** A receipt that held: which delivery, whose, what it says the unit did (RECEIVED, SIGNED, RETURNED). */
export interface HeldReceipt {
  deliveryId: string;
  orgId: string;
  action: string;
}

/**
 * How far a delivery got, by what anything in the package says of it: a later step outranks an earlier one whichever
 * says it (the sender's chain knows its sends, resends and recalls; a recipient's acts are in the recipient's chain and
 * in its signed receipts, which a sender's package carries).
 */
const RANK: Record<string, number> = { DELIVERED: 0, RECEIVED: 1, PRINTED: 1, RETURNED: 2, RESEND_REQUESTED: 2, SIGNED: 3, CLOSED: 3, RECALLED: 4 };

/**
 * The deliveries of `documentId` the package records — in its events' contents (held against their time-stamped
 * links before this reads them) and its signed receipts that held — each unit counted once, by its latest delivery (a
 * resend replaces the one it resends), at the furthest step anything records. Null when it records no delivery.
 */
export function deliveriesRecorded(lines: EventLine[], documentId: string, receipts: HeldReceipt[] = []): DeliveriesRecorded | null {
  const deliveries = new Map<string, { orgId: string; rank: number; replaced: boolean }>();
  const step = (deliveryId: string, orgId: string, status: string) => {
    const d = deliveries.get(deliveryId) ?? { orgId, rank: 0, replaced: false };
    if (status === 'RESENT') d.replaced = true;
    else d.rank = Math.max(d.rank, RANK[status] ?? 0);
    deliveries.set(deliveryId, d);
  };
  for (const line of [...lines].sort((a, b) => Number(a.seq) - Number(b.seq))) {
    const e = line.event as { type?: unknown; payload?: Record<string, unknown> } | null;
    const p = e?.payload;
    if (typeof e?.type !== 'string' || !e.type.startsWith('delivery.') || !p || p.documentId !== documentId) continue;
    if (typeof p.recipientOrgId !== 'string' || typeof p.deliveryId !== 'string' || typeof p.status !== 'string') continue;
    step(p.deliveryId, p.recipientOrgId, p.status);
  }
  for (const r of receipts) step(r.deliveryId, r.orgId, r.action);
  if (!deliveries.size) return null;
  // Each unit's delivery in force: the one not replaced by a resend (the last seen, should the package hold no other).
  const current = new Map<string, number>();
  for (const d of deliveries.values()) if (!d.replaced || !current.has(d.orgId)) current.set(d.orgId, d.rank);
  const ranks = [...current.values()];
  const count = (rank: number) => ranks.filter((r) => r === rank).length;
  return { units: current.size, waiting: count(0), received: count(1), returned: count(2), signed: count(3), recalled: count(4) };
}

/** The deliveries in a line of each language: what is none is left out. */
export function deliveriesInWords(d: DeliveriesRecorded): { zh: string; en: string } {
  const parts: [number, string, string][] = [
    [d.signed, '已签收', 'signed for'],
    [d.received, '已接收未签收', 'opened, not signed for'],
    [d.waiting, '未接收', 'not yet opened'],
    [d.returned, '退回或请求重发', 'returned or asked to be resent'],
    [d.recalled, '已撤回', 'recalled'],
  ];
  const shown = parts.filter(([n]) => n > 0);
  return {
    zh: `证据包记载的收文单位 ${d.units} 个：${shown.map(([n, zh]) => `${zh} ${n} 个`).join('，')}`,
    en: `the package records ${d.units} receiving unit${d.units === 1 ? '' : 's'}: ${shown.map(([n, , en]) => `${n} ${en}`).join(', ')}`,
  };
}

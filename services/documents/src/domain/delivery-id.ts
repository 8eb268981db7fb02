// Where a delivery is kept, from its id. The deliveries are kept by their document's send time, a partition a year
// (migration 0031), and a statement that names only the id makes PostgreSQL plan and probe every year kept: ten years
// cost six times what one does, in every step of every delivery (measured in bench/README, "A delivery found by its
// id"). A delivery's id is a UUID version 7 whose time is its document's send time, to the millisecond (made where
// the deliveries are written, store/deliveries.ts), so its id alone says which year it is kept in. Ids made before
// that, version 4, say nothing, and a row whose send time was moved since (by hand) is not where its id says: a reader
// that does not find it where its id says looks everywhere (store/delivery-by-id.ts).
import { randomInt } from 'node:crypto';

/** The millisecond a delivery's send time lies in, as its id says it, or null when its id says nothing. */
export interface SentWindow {
  /** Inclusive, ISO 8601. */
  from: string;
  /** Exclusive: one millisecond after `from`. */
  to: string;
}

/** The first millisecond of the year 10000: JavaScript writes later times as +010000-…, which PostgreSQL does not read. */
const YEAR_10000 = Date.parse('+010000-01-01T00:00:00Z');

const V7 = /^([0-9a-f]{8})-([0-9a-f]{4})-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

/** The send time a version 7 id carries (its first 48 bits, milliseconds since 1970), or null for any other id. */
export function sentWindowOf(id: string): SentWindow | null {
  const m = V7.exec(id);
  if (!m) return null;
  const ms = Number.parseInt(`${m[1]}${m[2]}`, 16);
  // 48 bits reach the year 10889: past 9999 no delivery was ever sent, so such an id says nothing of where one is kept
  // (found by hostile-input: the window was handed to PostgreSQL and failed as an internal error).
  if (ms + 1 >= YEAR_10000) return null;
  return { from: new Date(ms).toISOString(), to: new Date(ms + 1).toISOString() };
}

/**
 * The window a delivery's id names, if the send time it was read with lies in it (then every statement on it may name
 * the window); null otherwise. A time read back with less precision than kept stays in its millisecond.
 */
export function windowHolding(id: string, sentAt: Date | string): SentWindow | null {
  const w = sentWindowOf(id);
  const t = new Date(sentAt).getTime();
  return w && Date.parse(w.from) <= t && t < Date.parse(w.to) ? w : null;
}

/**
 * The first seven bytes, in hex, of the ids of the deliveries of a document sent at `sentAt`: the send time in
 * milliseconds (48 bits) and the version, 7, with four random bits. The rest (the variant and 70 random bits) comes
 * from a version 4 id made for each delivery.
 */
export function deliveryIdHead(sentAt: Date): string {
  const ms = sentAt.getTime();
  if (!Number.isSafeInteger(ms) || ms < 0 || ms >= 2 ** 48) throw new RangeError(`a delivery's send time out of range: ${ms} ms since 1970`);
  return `${ms.toString(16).padStart(12, '0')}7${randomInt(16).toString(16)}`;
}

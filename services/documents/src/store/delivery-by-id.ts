// A delivery read by its id where its id says it is kept (domain/delivery-id.ts): PostgreSQL then plans and probes
// that year's partition alone, not every year kept. A delivery not found there (an id made before ids carried their
// send time, a row whose send time was moved by hand, or one the caller may not see) is looked for everywhere.
import type { WhereInterface } from 'kysely';
import { type SentWindow, sentWindowOf } from '../domain/delivery-id.ts';
import type { DB } from './db.ts';

/** What was found, and where: the window its id names, or null if it was found only by looking everywhere. */
export interface KeptDelivery<T> {
  row: T;
  kept: SentWindow | null;
}

/** Reads a delivery by `read`, first within the window its id names, then, if that finds nothing, without one. */
export async function findById<T>(id: string, read: (kept: SentWindow | null) => Promise<T | null | undefined>): Promise<KeptDelivery<T> | undefined> {
  const kept = sentWindowOf(id);
  if (kept) {
    const row = await read(kept);
    if (row) return { row, kept };
  }
  const row = await read(null);
  return row ? { row, kept: null } : undefined;
}

/** A statement on the deliveries narrowed to the window (unchanged without one): `.$call(keptIn(d.kept))`. */
export const keptIn =
  (kept: SentWindow | null) =>
  <Q extends WhereInterface<DB, 'documents.deliveries'>>(q: Q): Q =>
    kept ? (q.where('document_sent_at', '>=', kept.from).where('document_sent_at', '<', kept.to) as Q) : q;

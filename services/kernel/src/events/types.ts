// An event as subscribers see it: its place in the published order is its cursor.
import { isWithin } from '../db/tenancy.ts';
export interface PublishedEvent {
  /** publish_seq: gapless in commit order per schema; a client resumes after the last one it saw. */
  seq: number;
  schema: string;
  type: string;
  orgPath: string;
  otherPath: string | null;
  payload: Record<string, unknown>;
  occurredAt: string;
}

/** An outbox row (publish_seq, type, org_path, other_path, payload, occurred_at) as a published event. */
// biome-ignore lint/suspicious/noExplicitAny: a database row
export function toPublishedEvent(schema: string, r: Record<string, any>): PublishedEvent {
  return {
    seq: Number(r.publish_seq),
    schema,
    type: r.type,
    orgPath: r.org_path,
    otherPath: r.other_path,
    payload: r.payload,
    occurredAt: new Date(r.occurred_at).toISOString(),
  };
}

/** The same rule row-level security applies to the outbox: an event is visible to the units above either end. */
export function visibleTo(event: PublishedEvent, scopePath: string): boolean {
  const within = (p: string | null) => p !== null && isWithin(p, scopePath);
  return within(event.orgPath) || within(event.otherPath);
}

/** Cursors travel as opaque strings: the schema and the sequence. */
export const encodeCursor = (schema: string, seq: number) => Buffer.from(`${schema}:${seq}`).toString('base64url');
export function decodeCursor(cursor: string, schema: string): number {
  const [s, n] = Buffer.from(cursor, 'base64url').toString().split(':');
  const seq = Number(n);
  if (s !== schema || !Number.isInteger(seq) || seq < 0) throw new Error('malformed cursor');
  return seq;
}

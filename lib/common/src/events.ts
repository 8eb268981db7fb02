// Events as every process sees them, and the typed catalogue each service declares in its contract.
//
// A service writes an event with a constructor from its catalogue (never a hand-built type string and payload);
// a consumer reads one back through the same catalogue, which checks the payload against its schema and hands out
// a typed event. The catalogue is the only place an event's name and shape are written down.
import { z } from 'zod';
import { isWithin } from './hierarchy.ts';

export interface PublishedEvent {
  /** publish_seq: gapless in commit order per schema; a client resumes after the last one it saw. */
  seq: number;
  schema: string;
  type: string;
  orgPath: string;
  otherPath: string | null;
  payload: Record<string, unknown>;
  occurredAt: string;
  /**
   * Set by a hub on what it hands one subscriber: the sequence of the event it handed that subscriber before this one,
   * or the cursor it resumed after; null on the first event of a fresh subscription. A client holding that event (or
   * that cursor) knows it missed nothing in between — its stream is filtered, so the sequences themselves skip.
   */
  previousSeq?: number | null;
}

/** The same rule row-level security applies to the outbox: an event is visible to the units above either end. */
export function visibleTo(event: Pick<PublishedEvent, 'orgPath' | 'otherPath'>, scopePath: string): boolean {
  // No closure: this runs for every event a subscriber is offered, and the build keeps names (a defineProperty each).
  const { orgPath, otherPath } = event;
  return (typeof orgPath === 'string' && isWithin(orgPath, scopePath)) || (typeof otherPath === 'string' && isWithin(otherPath, scopePath));
}

/** Cursors travel as opaque strings: the schema and the sequence. */
export const encodeCursor = (schema: string, seq: number) => Buffer.from(`${schema}:${seq}`).toString('base64url');
export function decodeCursor(cursor: string, schema: string): number {
  const [s, n] = Buffer.from(cursor, 'base64url').toString().split(':');
  const seq = Number(n);
  if (s !== schema || !Number.isInteger(seq) || seq < 0) throw new Error('malformed cursor');
  return seq;
}

type Payloads = Record<string, z.ZodType<Record<string, unknown>>>;

/** An event ready for the outbox: made by a catalogue's `event()`, written by the kernel's `emit()`. */
export interface OutgoingEvent<Name extends string = string> {
  schema: string;
  type: Name;
  /** The unit the event is about. */
  orgPath: string;
  /** The unit at the other end, if any (a delivery's recipient): both sides may see the event. */
  otherPath: string | null;
  payload: Record<string, unknown>;
}

/** A published event whose payload has been checked against its catalogue entry. */
export type TypedEvent<P extends Payloads, Name extends keyof P & string = keyof P & string> = {
  [N in Name]: Omit<PublishedEvent, 'type' | 'payload'> & { type: N; payload: z.output<P[N]> };
}[Name];

export interface EventCatalogue<P extends Payloads> {
  /** The outbox schema these events are published from (the owning service's). */
  schema: string;
  payloads: P;
  names: { [N in keyof P & string]: N };
  /** The one constructor for every event of the catalogue: the payload is checked against its schema. */
  event<N extends keyof P & string>(type: N, payload: z.input<P[N]>, where: { orgPath: string; otherPath?: string | null }): OutgoingEvent<N>;
  /** For SQL that writes many events at once (insert … select): the payload's keys, each mapped to an SQL
   * expression, become a `jsonb_build_object(…)`; the type system checks that every key of the payload is there. */
  sqlPayload<N extends keyof P & string>(type: N, columns: { [K in keyof z.input<P[N]>]-?: string }): string;
  /** A published event as this catalogue's typed event; `null` if it is not one of `types` (or not of this schema).
   * A payload that does not match its schema throws: the writer and the reader disagree, and that is a bug. */
  read<N extends keyof P & string>(event: PublishedEvent, ...types: N[]): TypedEvent<P, N> | null;
}

export function defineEvents<P extends Payloads>(schema: string, payloads: P): EventCatalogue<P> {
  // One published event reaches many subscribers, each in a copy that names its own predecessor but shares the
  // payload object: the payload is checked once, not once each.
  const checked = new WeakMap<object, Record<string, unknown>>();
  const names = Object.fromEntries(Object.keys(payloads).map((n) => [n, n])) as { [N in keyof P & string]: N };
  return {
    schema,
    payloads,
    names,
    event(type, payload, where) {
      const parsed = (payloads[type] as z.ZodType).parse(payload) as Record<string, unknown>;
      return { schema, type, orgPath: where.orgPath, otherPath: where.otherPath ?? null, payload: parsed };
    },
    sqlPayload(_type, columns) {
      const pairs = Object.entries(columns as Record<string, string>).map(([k, expr]) => `'${k}', ${expr}`);
      return `jsonb_build_object(${pairs.join(', ')})`;
    },
    read(event, ...types) {
      if (event.schema !== schema || !(event.type in payloads)) return null;
      if (types.length && !types.includes(event.type as never)) return null;
      let payload = checked.get(event.payload);
      if (!payload) {
        const parsed = (payloads[event.type] as z.ZodType).safeParse(event.payload);
        if (!parsed.success) throw new Error(`Event ${schema}/${event.type} #${event.seq} does not match its catalogue: ${z.prettifyError(parsed.error)}`);
        payload = parsed.data as Record<string, unknown>;
        checked.set(event.payload, payload);
      }
      // The union of typed events is what the schemas just proved; TypeScript cannot follow a lookup by name.
      return { ...event, payload } as never;
    },
  };
}

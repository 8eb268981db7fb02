// An outbox row as a published event (the event types themselves are in @yizhan/common: every process sees them).
import type { PublishedEvent } from '@yizhan/common';

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

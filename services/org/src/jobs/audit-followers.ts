// The other services' audit entries: each writes them as `audit.recorded` events of its own outbox, in the
// transaction of what it records; org follows each outbox and appends them to the log, once each, in order.
import type { MikroORM } from '@mikro-orm/postgresql';
import { auditEvents, type Logger } from '@yizhan/common';
import { startEventConsumer } from '@yizhan/kernel';
import { appendAudit } from '../store/audit.ts';

/** The services whose outboxes carry audit entries (those with an outbox and a relay). */
export const AUDITED_SERVICES = ['documents', 'seals', 'certificates', 'archive'] as const;

export async function startAuditFollowers(opts: { relayUrl: string; orm: MikroORM; log: Logger }) {
  const followers = await Promise.all(
    AUDITED_SERVICES.map((schema) =>
      startEventConsumer({
        relayUrl: opts.relayUrl,
        orm: opts.orm,
        events: auditEvents(schema),
        offsetTable: 'org.event_offsets',
        types: ['audit.recorded'],
        handle: (e, em) => appendAudit(em, schema, [{ entry: e.payload, orgPath: e.orgPath, otherPath: e.otherPath }]),
        log: opts.log,
      }),
    ),
  );
  return {
    drain: async () => {
      for (const f of followers) await f.drain();
    },
    close: async () => {
      for (const f of followers) await f.close();
    },
  };
}

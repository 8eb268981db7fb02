// The other services' audit entries: each writes them as `audit.recorded` events of its own outbox, in the
// transaction of what it records; org follows each outbox and appends them to the log, once each, in order.
import type { MikroORM } from '@mikro-orm/postgresql';
import { auditEvents, type Logger } from '@yizhan/common';
import { outboxesPresent, startEventConsumer } from '@yizhan/kernel';
import { appendAudit } from '../store/audit.ts';

/** The services whose outboxes carry audit entries (those with an outbox and a relay). */
export const AUDITED_SERVICES = ['documents', 'seals', 'certificates', 'archive'] as const;

export async function startAuditFollowers(opts: { relayUrl: string; orm: MikroORM; log: Logger }) {
  // A deployment without one of the services (a benchmark, a partial stack) has no outbox of it to follow.
  const present = await outboxesPresent(opts.relayUrl, AUDITED_SERVICES);
  const followed = AUDITED_SERVICES.filter((schema) => present.includes(schema));
  if (followed.length < AUDITED_SERVICES.length) opts.log.info({ followed }, 'audit entries followed only from the services present');
  const followers = await Promise.all(
    followed.map((schema) =>
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

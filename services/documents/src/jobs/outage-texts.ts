// Following org's outage notices (seed 003 §45: after two hours without a fix the units are told to pass documents on
// paper): each `announcement.outage-texted` event names one unit and its registered contacts with a mobile; each
// mobile gets the notice by SMS through the alert dispatcher, once per notice (a unique index makes a repeated event
// change nothing). Org owns the notice and the contacts, documents the alerts: this never reads org's tables.
import type { EntityManager } from '@mikro-orm/postgresql';
import type { TypedEvent } from '@yizhan/common';
import type { orgEvents } from '@yizhan/contracts/org';
import { sql } from 'kysely';
import { withDb } from '../store/sql.ts';

export const OUTAGE_EVENTS = ['announcement.outage-texted'] as const;
type Followed = TypedEvent<(typeof orgEvents)['payloads'], (typeof OUTAGE_EVENTS)[number]>;

/** Runs in the consumer's transaction, scoped to the unit told (row-level security: its own alerts as recipient). */
export async function onOutageTexted(e: Followed, em: EntityManager): Promise<void> {
  const { announcementId, orgId, text, contacts } = e.payload;
  if (!contacts.length) return;
  await withDb(em, (db) =>
    db
      .insertInto('documents.alerts')
      .values(
        contacts.map((c) => ({
          announcement_id: announcementId,
          sender_path: sql<string>`${e.otherPath ?? e.orgPath}::ltree`,
          recipient_path: sql<string>`${e.orgPath}::ltree`,
          channel: 'SMS',
          target: c.mobile,
          target_name: c.name,
          text,
          payload: JSON.stringify({ announcementId, orgId, kind: 'ANNOUNCEMENT' }),
        })),
      )
      .onConflict((oc) => oc.columns(['announcement_id', 'target']).where('announcement_id', 'is not', null).doNothing())
      .execute(),
  );
}

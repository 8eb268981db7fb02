// Following org's events: when a unit sets, changes or clears its alert webhook (`org.alert-webhook-changed`), its
// pending webhook alerts to any other target are cancelled, so an old target (perhaps one that was never meant to
// receive them) stops being tried. Org owns the webhook, documents the alerts: this never reads org's tables.
import type { EntityManager } from '@mikro-orm/postgresql';
import type { TypedEvent } from '@yizhan/common';
import type { orgEvents } from '@yizhan/contracts/org';
import { sql } from 'kysely';
import { WEBHOOK_CHANGED } from '../domain/alert-policy.ts';
import { withDb } from '../store/sql.ts';

export const FOLLOWED_ORG_EVENTS = ['org.alert-webhook-changed'] as const;
type Followed = TypedEvent<(typeof orgEvents)['payloads'], (typeof FOLLOWED_ORG_EVENTS)[number]>;

/** Runs in the consumer's transaction, scoped to the unit (row-level security: its own alerts as recipient). */
export async function onWebhookChanged(e: Followed, em: EntityManager): Promise<void> {
  const keep = e.payload.webhookSha256;
  await withDb(em, (db) =>
    db
      .updateTable('documents.alerts')
      .set({ status: 'CANCELLED', last_error: WEBHOOK_CHANGED })
      .where('status', '=', 'PENDING')
      .where('channel', '=', 'WEBHOOK')
      .where('recipient_path', '=', sql<string>`${e.orgPath}::ltree`)
      // The URL travels only as its SHA-256: alerts already queued to the new webhook stay.
      .$if(keep !== null, (qb) => qb.where(sql<string>`encode(sha256(convert_to(target, 'UTF8')), 'hex')`, '<>', keep as string))
      .execute(),
  );
}

// Transactional outbox: an event is a row written in the same transaction as the change it describes, so an
// event exists if and only if the change committed. A relay (see the live-receipts work) publishes the rows.
import type { EntityManager } from '@mikro-orm/postgresql';
import { SCOPE_SETTING } from './rls.ts';

export function outboxTableSql(schema: string): string[] {
  return [
    `CREATE TABLE ${schema}.outbox (
      id bigserial PRIMARY KEY,
      type text NOT NULL,
      org_path ltree NOT NULL,
      payload jsonb NOT NULL,
      occurred_at timestamptz NOT NULL DEFAULT now(),
      published_at timestamptz
    )`,
    `CREATE INDEX outbox_unpublished ON ${schema}.outbox (id) WHERE published_at IS NULL`,
    // Events are tenant data too: a unit reads only its subtree's events.
    `ALTER TABLE ${schema}.outbox ENABLE ROW LEVEL SECURITY`,
    `ALTER TABLE ${schema}.outbox FORCE ROW LEVEL SECURITY`,
    // A unit reads the events about its subtree; it may announce events to others (a send reaches other units).
    `CREATE POLICY outbox_read ON ${schema}.outbox FOR SELECT USING (org_path <@ nullif(current_setting('${SCOPE_SETTING}', true), '')::ltree)`,
    `CREATE POLICY outbox_write ON ${schema}.outbox FOR INSERT WITH CHECK (nullif(current_setting('${SCOPE_SETTING}', true), '') IS NOT NULL)`,
  ];
}

/** Writes an event inside the caller's transaction. `orgPath` is the unit the event concerns. */
export async function emitEvent(em: EntityManager, schema: string, type: string, orgPath: string, payload: Record<string, unknown>): Promise<void> {
  await em.execute(`insert into ${schema}.outbox (type, org_path, payload) values (?, ?::ltree, ?::jsonb)`, [type, orgPath, JSON.stringify(payload)]);
}

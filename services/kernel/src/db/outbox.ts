// Transactional outbox: an event is a row written in the same transaction as the change it describes, so an
// event exists if and only if the change committed. The relay (events/relay.ts) later gives each event its place in
// the published order, `publish_seq`, which is the cursor subscribers resume from.
import type { EntityManager } from '@mikro-orm/postgresql';
import type { OutgoingEvent } from '@yizhan/common';
import { SCOPE_SETTING } from './rls.ts';

export const OUTBOX_CHANNEL = 'yizhan_outbox';
export const EVENTS_CHANNEL = 'yizhan_events';

const scope = `nullif(current_setting('${SCOPE_SETTING}', true), '')::ltree`;

/** `relayRole` reads and marks every event of the schema; tenants read only events about their subtree. */
export function outboxTableSql(schema: string, relayRole: string): string[] {
  if (!/^[a-z_][a-z0-9_]*$/.test(relayRole)) throw new Error(`Unsafe role name ${relayRole}`);
  return [
    `CREATE TABLE ${schema}.outbox (
      id bigserial PRIMARY KEY,
      type text NOT NULL,
      -- The unit the event is about, and (for a delivery) the unit at the other end: both sides may see it.
      org_path ltree NOT NULL,
      other_path ltree,
      payload jsonb NOT NULL,
      occurred_at timestamptz NOT NULL DEFAULT now(),
      published_at timestamptz,
      publish_seq bigint UNIQUE
    )`,
    `CREATE INDEX outbox_unpublished ON ${schema}.outbox (id) WHERE published_at IS NULL`,
    `CREATE SEQUENCE ${schema}.outbox_publish_seq`,
    `ALTER TABLE ${schema}.outbox ENABLE ROW LEVEL SECURITY`,
    `ALTER TABLE ${schema}.outbox FORCE ROW LEVEL SECURITY`,
    `CREATE POLICY outbox_read ON ${schema}.outbox FOR SELECT USING (org_path <@ ${scope} OR other_path <@ ${scope})`,
    // A unit may announce events to others (a send reaches other units).
    `CREATE POLICY outbox_write ON ${schema}.outbox FOR INSERT WITH CHECK (${scope} IS NOT NULL)`,
    `CREATE POLICY outbox_relay ON ${schema}.outbox TO ${relayRole} USING (true) WITH CHECK (true)`,
    `CREATE FUNCTION ${schema}.outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $f$
      BEGIN PERFORM pg_notify('${OUTBOX_CHANNEL}', TG_TABLE_SCHEMA); RETURN NULL; END $f$`,
    `CREATE TRIGGER outbox_notify AFTER INSERT ON ${schema}.outbox FOR EACH STATEMENT EXECUTE FUNCTION ${schema}.outbox_notify()`,
  ];
}

/**
 * An event's id is drawn only once its transaction has its transaction id (`pg_current_xact_id()` assigns it first).
 * That lets the relay know when every event up to an id has committed or rolled back — all their transactions are
 * older than one it saw begin after those ids were drawn — so its claim can start there instead of at the first
 * entry of `outbox_unpublished`, past the dead entries of events just published (relay.ts, "the floor"). Written as a
 * migration of each service (its outbox existed before); the relay uses the floor only where this default is in place.
 */
export const outboxIdsAfterTheirTransactionSql = (schema: string): string =>
  `ALTER TABLE ${schema}.outbox ALTER COLUMN id SET DEFAULT
    CASE WHEN pg_current_xact_id() IS NOT NULL THEN nextval('${schema}.outbox_id_seq'::regclass) END`;

/** Writes an event, made by its service's catalogue (`events.event(…)`), inside the caller's transaction. */
export async function emit(em: EntityManager, event: OutgoingEvent): Promise<void> {
  await emitAll(em, [event]);
}

/**
 * Writes events of one service in the caller's transaction as one statement, in the order given (their ids, and so
 * the order the relay publishes them in, follow it): a step that announces two things (a 签收 that implies its 接收)
 * costs one round trip and one run of the outbox's triggers, not two.
 */
export async function emitAll(em: EntityManager, events: readonly OutgoingEvent[]): Promise<void> {
  if (!events.length) return;
  const schema = events[0]?.schema;
  if (events.some((e) => e.schema !== schema)) throw new Error('emitAll writes the events of one outbox at a time');
  await em.execute(
    `insert into ${schema}.outbox (type, org_path, other_path, payload) values ${events.map(() => '(?, ?::ltree, ?::ltree, ?::jsonb)').join(', ')}`,
    events.flatMap((e) => [e.type, e.orgPath, e.otherPath, JSON.stringify(e.payload)]),
  );
}

// Following org's events: a unit dissolved or merged away (`org.dissolved`, `org.merged`; seed 003 §9). What was sent
// to it and not signed for is withdrawn, a merged unit's handed on to the unit it joined (app/closed-recipients.ts);
// its pending alerts (SMS, webhook) are cancelled and its handling's deadline reminders stopped: nobody is there to
// read them, and a section's duty mobile of a unit that is gone is not texted.
import type { EntityManager } from '@mikro-orm/postgresql';
import { commonAncestor } from '@yizhan/common';
import { withinScope } from '@yizhan/kernel';
import { sql } from 'kysely';
import { settleClosedRecipient, type UnitClosed } from '../app/closed-recipients.ts';
import { UNIT_CLOSED } from '../domain/alert-policy.ts';
import { clearSchedule } from '../store/bulletins.ts';
import { withDb } from '../store/sql.ts';

export const CLOSED_UNIT_EVENTS = ['org.dissolved', 'org.merged'] as const;

/** The consumer's scope for the event: the closed unit, or the lowest unit above it and the one it joined (both ends
 * of what is handed on lie within it, as row-level security asks). */
export const closedUnitScope = (e: UnitClosed): string =>
  e.type === 'org.merged' && e.payload.mergedIntoPath ? commonAncestor(e.orgPath, e.payload.mergedIntoPath) : e.orgPath;

export async function onUnitClosed(e: UnitClosed, em: EntityManager): Promise<void> {
  await settleClosedRecipient(e, em);
  await withDb(em, (db) =>
    db
      .updateTable('documents.alerts')
      .set({ status: 'CANCELLED', last_error: UNIT_CLOSED })
      .where('status', '=', 'PENDING')
      .where('recipient_path', '=', sql<string>`${e.orgPath}::ltree`)
      .execute(),
  );
  // Its handling is the unit's own (a table only the unit reads): stopped as that unit.
  await withinScope(em, e.orgPath, () =>
    withDb(em, (db) =>
      db
        .updateTable('documents.handling_tasks')
        .set({ reminded_before_at: sql`coalesce(reminded_before_at, now())`, reminded_due_at: sql`coalesce(reminded_due_at, now())` })
        .where('org_id', '=', e.payload.orgId)
        .where('status', '<>', 'DONE')
        .execute(),
    ),
  );
  // A closed unit publishes no more bulletins.
  await withinScope(em, e.orgPath, () => clearSchedule(em, e.payload.orgId));
}

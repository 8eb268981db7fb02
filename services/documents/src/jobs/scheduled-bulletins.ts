// 定期通报: every documents replica looks each minute for the units whose scheduled bulletin is due (as the relay role,
// through documents.bulletin_schedules_due, migration 0049, which tells no more than the units' ids and paths) and
// publishes each in the unit's own scope (app/bulletin-schedule.ts), so row-level security bounds what it counts.
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Logger, TypedEvent } from '@yizhan/common';
import type { orgEvents } from '@yizhan/contracts/org';
import { asUnit, type BlobStore, startPeriodicStatementAsOf } from '@yizhan/kernel';
import { publishDueBulletins } from '../app/bulletin-schedule.ts';
import { renameScheduledUnit } from '../store/bulletins.ts';

export const SCHEDULE_ORG_EVENTS = ['org.renamed'] as const;
type Renamed = TypedEvent<(typeof orgEvents)['payloads'], (typeof SCHEDULE_ORG_EVENTS)[number]>;

/** A unit renamed: its next scheduled bulletins print its new name. In the consumer's transaction, as the unit. */
export const onUnitRenamed = (e: Renamed, em: EntityManager): Promise<void> => renameScheduledUnit(em, e.payload.orgId, e.payload.name);

/** Units looked at per turn (the longest due first; the rest at the next turn). */
const BATCH = 100;

/** The job: `tick(at)` publishes what is due at `at` (tests), its timer what is due now. */
export const startScheduledBulletins = (opts: { relayUrl: string; log: Logger; orm: MikroORM; blobs: BlobStore; intervalMs?: number }) =>
  startPeriodicStatementAsOf({
    ...opts,
    name: 'scheduled bulletins',
    did: 'scheduled bulletins (定期通报) published',
    run: async (client, at) => {
      const when = at ?? new Date();
      const { rows } = await client.query<{ org_id: string; org_path: string }>('select org_id, org_path::text from documents.bulletin_schedules_due($1, $2)', [
        when,
        BATCH,
      ]);
      let published = 0;
      // One unit's trouble is logged and retried at the next turn; the units after it are published all the same.
      for (const u of rows)
        try {
          published += (await asUnit(opts.orm, u.org_path, (em) => publishDueBulletins(em, opts.blobs, u.org_id, when))).length;
        } catch (err) {
          opts.log.error({ err, orgId: u.org_id }, 'a scheduled bulletin was not published');
        }
      return published;
    },
  });

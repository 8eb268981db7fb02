// Following org's events. A 信息 published waits to be archived (jobs/archive-queue.ts). A unit moved under another superior: its records, registers and chain move with it (kernel
// db/reroot.ts). A unit dissolved or merged away (seed 003 §9(2)): its fonds, and any it kept, go into the custody of
// the unit that keeps its archive, and each fond's evidence chain says so.
import type { EntityManager } from '@mikro-orm/postgresql';
import { commonAncestor, type TypedEvent } from '@yizhan/common';
import type { orgEvents } from '@yizhan/contracts/org';
import { followUnitMoves, withinScope } from '@yizhan/kernel';
import { takeCustody } from '../store/custody.ts';
import { appendChain } from '../store/records.ts';
import { onInformationPublished } from './archive-queue.ts';

export const ORG_FOLLOWED = ['org.moved', 'org.dissolved', 'org.merged', 'information.published'] as const;
type OrgEvent = TypedEvent<(typeof orgEvents)['payloads'], (typeof ORG_FOLLOWED)[number]>;
type UnitClosed = Extract<OrgEvent, { type: 'org.dissolved' | 'org.merged' }>;

/** Who keeps a closed unit's archive: as org named it; for an event of an org that names none yet (a rolling upgrade),
 * the unit a merged one joined. */
function custodianOf(e: UnitClosed): { orgId: string; path: string; name: string } | null {
  const p = e.payload;
  if (p.archiveCustodianId && p.archiveCustodianPath && p.archiveCustodianName)
    return { orgId: p.archiveCustodianId, path: p.archiveCustodianPath, name: p.archiveCustodianName };
  if (e.type === 'org.merged' && p.mergedIntoId && p.mergedIntoPath && p.mergedIntoName)
    return { orgId: p.mergedIntoId, path: p.mergedIntoPath, name: p.mergedIntoName };
  return null;
}

/** The consumer's scope: for a closed unit, the lowest unit above it and its custodian (custody is written there). */
export function orgEventScope(e: OrgEvent): string {
  if (e.type === 'org.moved' || e.type === 'information.published') return e.orgPath;
  const custodian = custodianOf(e);
  return custodian ? commonAncestor(e.orgPath, custodian.path) : e.orgPath;
}

const moved = followUnitMoves('archive');

export async function onOrgEvent(e: OrgEvent, em: EntityManager): Promise<void> {
  if (e.type === 'org.moved') return moved(e, em);
  if (e.type === 'information.published') return onInformationPublished(e, em);
  const custodian = custodianOf(e);
  if (!custodian) return;
  const taken = await takeCustody(em, {
    fonds: { orgId: e.payload.orgId, path: e.orgPath, name: e.payload.name ?? e.payload.code, code: e.payload.code },
    closedAs: e.type === 'org.merged' ? 'MERGED' : 'DISSOLVED',
    reason: e.payload.reason,
    closedAt: new Date(e.occurredAt),
    custodian,
  });
  if (!taken.length) return;
  // Each fond's chain records its new keeper, written as that keeper (whose scope reaches the fonds it now keeps).
  await withinScope(em, custodian.path, async () => {
    for (const f of taken)
      await appendChain(em, { orgId: f.orgId, orgPath: f.orgPath }, 'CUSTODY', null, {
        keeper: custodian.name,
        closedAs: e.type === 'org.merged' ? 'MERGED' : 'DISSOLVED',
        reason: e.payload.reason,
        ...(f.from ? { from: f.from } : {}),
      });
  });
}

// 全宗: the fonds a unit keeps. Its own, and those of closed units in its custody (seed 003 §9(2)): the catalogue, the
// statistics, the chain, appraisal, the access register and the year's export each work on one fonds, the unit's own
// unless another it keeps is named.
import { notFound, requireCaller } from '@yizhan/common';
import { isUuid } from '@yizhan/kernel';
import type { ArchiveContext } from '../deps.ts';
import type { Fonds } from '../resolvers/types.ts';
import { fondsInCustodyOf, keptFonds, ownRecordCount } from '../store/custody.ts';

/** The fonds named (the unit's own when none is): a closed unit's only if the caller's unit keeps it. */
export async function fondsOf(ctx: ArchiveContext, fondsId: string | null | undefined): Promise<{ orgId: string; orgPath: string }> {
  const caller = requireCaller(ctx);
  if (fondsId == null || fondsId === caller.orgId) return { orgId: caller.orgId, orgPath: caller.orgPath };
  const held = isUuid(fondsId) ? await keptFonds(ctx.em, caller.orgId, fondsId) : undefined;
  if (!held) throw notFound('Fonds', fondsId);
  return { orgId: held.fonds_org_id, orgPath: held.fonds_path };
}

/** The unit's fonds: its own first, then the closed units' in its custody, in the order it received them. */
export async function archiveFonds(ctx: ArchiveContext): Promise<Fonds[]> {
  const caller = requireCaller(ctx);
  const held = await fondsInCustodyOf(ctx.em, caller.orgId);
  return [
    {
      unitId: caller.orgId,
      own: true,
      closedAs: null,
      closedReason: null,
      closedAt: null,
      keptSince: null,
      records: await ownRecordCount(ctx.em, caller.orgId),
    },
    ...held.map((f) => ({
      unitId: f.fonds_org_id,
      own: false,
      closedAs: f.closed_as,
      closedReason: f.closed_reason,
      closedAt: new Date(f.closed_at),
      keptSince: new Date(f.since),
      records: Number(f.records ?? 0),
    })),
  ];
}

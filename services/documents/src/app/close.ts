// 办结: the receiving unit has dealt with what it signed for; its register entry says so, and its copy goes to the archive.
import type { EntityManager } from '@mikro-orm/postgresql';
import { requireCaller } from '@yizhan/common';
import type { DocumentsContext } from '../deps.ts';
import { closeNote } from '../domain/handling.ts';
import type { Delivery } from '../entities/Delivery.ts';
import { getDelivery } from '../store/documents.ts';
import { setHandlingStatus } from '../store/intake.ts';
import { applyAction } from './delivery-life.ts';
import { requireNoOpenHandling } from './handling.ts';

/** 办结, with the 办理结果 the unit records (as the conclusion of an instructed one is, app/handling.ts). */
export async function closeDelivery(ctx: DocumentsContext, id: string, result: string | null = null): Promise<Delivery> {
  const caller = requireCaller(ctx);
  const closed = await ctx.em.transactional(async (em) => {
    // What a leader instructed is concluded by its 主办 section (handling.ts), not closed around it.
    await requireNoOpenHandling(em as EntityManager, id);
    await applyAction(em as EntityManager, caller, id, 'CLOSE', null, result ? closeNote(result) : null);
    // The register's 办理情况 is kept current in the same transaction.
    await setHandlingStatus(em as EntityManager, id, 'CLOSED');
    em.clear();
    return getDelivery(em as EntityManager, id);
  });
  // Its handling closed, the unit's copy goes to the archive now. Should that fail, the archive has it listed
  // (it follows the close event) for the archivist: the close itself stands either way.
  if (ctx.deps.archive) {
    await ctx.deps.archive
      .call('ingest', ctx.callerHeader, { documentId: closed.documentId })
      .catch((err) => ctx.log.warn({ err, deliveryId: id }, 'archiving on close failed; the document waits in the archive queue'));
  }
  return closed;
}

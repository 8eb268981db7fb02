// 退回: the recipient unit sends a delivery back with the reason (seeds 000 §12, 003 §29); the sender sees it at once.
import type { EntityManager } from '@mikro-orm/postgresql';
import { requireCaller } from '@yizhan/common';
import type { DocumentsContext } from '../deps.ts';
import type { ReturnReason } from '../domain/delivery.ts';
import type { Delivery } from '../entities/Delivery.ts';
import { getDelivery } from '../store/documents.ts';
import { applyAction } from './delivery-life.ts';

export async function returnDelivery(ctx: DocumentsContext, id: string, reason: ReturnReason, note: string | null): Promise<Delivery> {
  const caller = requireCaller(ctx);
  return ctx.em.transactional(async (em) => {
    await applyAction(em as EntityManager, caller, id, 'RETURN', reason, note);
    em.clear();
    return getDelivery(em as EntityManager, id);
  });
}

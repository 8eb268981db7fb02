// 撤回: the sending unit withdraws a delivery not yet signed for.
import type { EntityManager } from '@mikro-orm/postgresql';
import { requireCaller } from '@yizhan/common';
import type { DocumentsContext } from '../deps.ts';
import type { Delivery } from '../entities/Delivery.ts';
import { getDelivery } from '../store/documents.ts';
import { applyAction } from './delivery-life.ts';

export async function recallDelivery(ctx: DocumentsContext, id: string, note: string | null): Promise<Delivery> {
  const caller = requireCaller(ctx);
  return ctx.em.transactional(async (em) => {
    await applyAction(em as EntityManager, caller, id, 'RECALL', 'RECALLED_BY_SENDER', note);
    em.clear();
    return getDelivery(em as EntityManager, id);
  });
}

// 退回: instead of 签收, the recipient unit's clerk sends a delivery back with the finding of 初审 (seeds 000 §12, 003
// §29; 条例 第二十四条) and a note; the sender sees it at once. What is signed for is not returned (ALREADY_SIGNED).
import type { EntityManager } from '@mikro-orm/postgresql';
import { ErrorCode, hasRole, requireCaller, YizhanError } from '@yizhan/common';
import type { DocumentsContext } from '../deps.ts';
import type { ReturnReason } from '../domain/delivery.ts';
import type { Delivery } from '../entities/Delivery.ts';
import { getDelivery } from '../store/documents.ts';
import { applyAction } from './delivery-life.ts';
import { receiptsOf } from './receipts.ts';

export async function returnDelivery(ctx: DocumentsContext, id: string, reason: ReturnReason, note: string | null): Promise<Delivery> {
  const caller = requireCaller(ctx);
  // 初审 is the clerk's, as 签收 is: the two answers to the same check.
  if (!hasRole(caller, 'CLERK')) {
    throw new YizhanError(ErrorCode.FORBIDDEN, 'Only your unit’s clerk (or its OA system) returns a delivery', { requiredRoles: ['CLERK'] });
  }
  return ctx.em.transactional(async (em) => {
    await applyAction(em as EntityManager, caller, id, 'RETURN', reason, note);
    // The unit's signed receipt of the return, with the finding of 初审.
    await receiptsOf(ctx)?.make(em as EntityManager, id, 'RETURNED', note ? `${reason}: ${note}` : reason);
    em.clear();
    return getDelivery(em as EntityManager, id);
  });
}

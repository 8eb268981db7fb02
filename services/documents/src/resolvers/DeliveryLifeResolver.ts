// What happens to a delivery after it lands (issue 4, "Delivery life"): return with a reason, ask for a resend,
// recall, resend as a new linked delivery, close; and 补发 to units added after the send. Every change is in the
// delivery's history and announced as an event.
import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput, ErrorCode, forbidden, requireCaller, requireRole, YizhanError } from '@yizhan/common';
import { type AlertTarget, OrgErrorCode, recipientSpec } from '@yizhan/org/contract';
import { Arg, Ctx, Field, FieldResolver, ID, Int, Mutation, ObjectType, Resolver, Root } from 'type-graphql';
import { dueFor } from '../calendar.ts';
import { DocumentsErrorCode } from '../contract.ts';
import type { DocumentsContext } from '../deps.ts';
import { RETURN_REASONS, type ReturnReason } from '../domain/delivery.ts';
import { Delivery } from '../entities/Delivery.ts';
import { applyAction } from '../life.ts';
import { insertDeliveries } from '../store/deliveries.ts';
import { getDelivery, getDocument } from '../store.ts';
import { ReturnReasonEnum } from './enums.ts';
import { RecipientSpecInput } from './types.ts';

@ObjectType({ description: 'One change in a delivery’s life: who, when, what, why' })
export class DeliveryChange {
  @Field(() => String)
  action!: string;
  @Field(() => String)
  fromStatus!: string;
  @Field(() => String)
  toStatus!: string;
  @Field(() => String)
  actorName!: string;
  @Field(() => String, { nullable: true })
  reason!: string | null;
  @Field(() => String, { nullable: true })
  note!: string | null;
  @Field(() => Date)
  at!: Date;
}

@ObjectType()
export class SupplementResult {
  @Field(() => Int, { description: 'New deliveries created' })
  added!: number;
  @Field(() => Int, { description: 'Units that already had a live delivery of the document' })
  alreadyDelivered!: number;
}

const cleanNote = (note: string | undefined | null, field: string, required: boolean): string | null => {
  const n = (note ?? '').trim();
  if (!n && required) throw badInput('Say why', field);
  if (n.length > 500) throw badInput('At most 500 characters', field);
  return n || null;
};

/** Copies a delivery as a new, linked one for the same recipient (the old one stays in history as RESENT). */
async function resendCopy(em: EntityManager, old: Delivery, alerts: { targets: AlertTarget[] } | null): Promise<string> {
  const doc = await getDocument(em, old.documentId);
  const now = new Date();
  const dueAt = await dueFor(em, old.senderPath, now, old.deadline);
  const { ids } = await insertDeliveries(em, {
    doc: { ...doc, docNumber: old.docNumber },
    recipients: { orgIds: [old.recipientOrgId], paths: [old.recipientPath], names: [old.recipientName], roles: [old.role], printQuotas: [old.printQuota] },
    deliveredAt: now,
    dueAt,
    resendOf: old.id,
    alerts,
  });
  const [id] = ids;
  if (!id) throw new YizhanError(ErrorCode.INTERNAL, 'Resend failed');
  return id;
}

@Resolver(() => Delivery)
export class DeliveryLifeResolver {
  @FieldResolver(() => [DeliveryChange], { description: 'Every change of this delivery, oldest first' })
  async history(@Root() d: Delivery, @Ctx() ctx: DocumentsContext): Promise<DeliveryChange[]> {
    const rows = (await ctx.em.execute(
      'select action, from_status, to_status, actor_name, reason, note, at from documents.delivery_history where delivery_id = ? order by id',
      [d.id],
    )) as { action: string; from_status: string; to_status: string; actor_name: string; reason: string | null; note: string | null; at: string }[];
    return rows.map((r) => ({
      action: r.action,
      fromStatus: r.from_status,
      toStatus: r.to_status,
      actorName: r.actor_name,
      reason: r.reason,
      note: r.note,
      at: new Date(r.at),
    }));
  }

  @Mutation(() => Delivery, { description: '退回: send a delivery back with the reason (seeds 000 §12, 003 §29); the sender sees it at once' })
  async returnDelivery(
    @Arg('id', () => ID) id: string,
    @Arg('reason', () => ReturnReasonEnum) reason: ReturnReason,
    @Arg('note', () => String, { nullable: true }) note: string | undefined,
    @Ctx() ctx: DocumentsContext,
  ) {
    const caller = requireCaller(ctx);
    if (!(RETURN_REASONS as readonly string[]).includes(reason)) throw badInput('Unknown return reason', 'reason');
    const n = cleanNote(note, 'note', reason === 'OTHER');
    return ctx.em.transactional(async (em) => {
      await applyAction(em as EntityManager, caller, id, 'RETURN', reason, n);
      em.clear();
      return getDelivery(em as EntityManager, id);
    });
  }

  @Mutation(() => Delivery, { description: '请求重发: the document could not be received; the sender is asked to resend (seed 001 §10)' })
  async requestResend(@Arg('id', () => ID) id: string, @Arg('note', () => String) note: string, @Ctx() ctx: DocumentsContext) {
    const caller = requireCaller(ctx);
    const n = cleanNote(note, 'note', true);
    return ctx.em.transactional(async (em) => {
      await applyAction(em as EntityManager, caller, id, 'REQUEST_RESEND', 'CANNOT_RECEIVE', n);
      em.clear();
      return getDelivery(em as EntityManager, id);
    });
  }

  @Mutation(() => Delivery, { description: '撤回: the sender withdraws a delivery not yet signed for' })
  async recallDelivery(@Arg('id', () => ID) id: string, @Arg('note', () => String) note: string, @Ctx() ctx: DocumentsContext) {
    const caller = requireCaller(ctx);
    const n = cleanNote(note, 'note', true);
    return ctx.em.transactional(async (em) => {
      await applyAction(em as EntityManager, caller, id, 'RECALL', 'RECALLED_BY_SENDER', n);
      em.clear();
      return getDelivery(em as EntityManager, id);
    });
  }

  @Mutation(() => Delivery, { description: 'Answer a return or a resend request with a new delivery, linked to the old one; returns the new one' })
  async resendDelivery(@Arg('id', () => ID) id: string, @Ctx() ctx: DocumentsContext) {
    const caller = requireCaller(ctx);
    const old = await getDelivery(ctx.em, id);
    // An urgent document's resend alerts its recipient again, as the send did.
    const urgent = old.urgency !== 'NORMAL' || (await getDocument(ctx.em, old.documentId)).isTelegram;
    const alerts = urgent
      ? {
          targets: (
            await ctx.deps.org.call('recipients', ctx.callerHeader, {
              docType: old.docType,
              recipients: [{ orgIds: [old.recipientOrgId] }],
              withAlertTargets: true,
            })
          ).alertTargets,
        }
      : null;
    return ctx.em.transactional(async (em) => {
      await applyAction(em as EntityManager, caller, id, 'RESEND', null, null);
      const newId = await resendCopy(em as EntityManager, old, alerts);
      em.clear();
      return getDelivery(em as EntityManager, newId);
    });
  }

  @Mutation(() => Delivery, { description: 'The receiving unit has dealt with the document' })
  async closeDelivery(@Arg('id', () => ID) id: string, @Ctx() ctx: DocumentsContext) {
    const caller = requireCaller(ctx);
    const closed = await ctx.em.transactional(async (em) => {
      await applyAction(em as EntityManager, caller, id, 'CLOSE', null, null);
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

  @Mutation(() => SupplementResult, {
    description: '补发: deliver a sent document to further units, as new deliveries; units that already have it are skipped',
  })
  async supplementRecipients(
    @Arg('documentId', () => ID) documentId: string,
    @Arg('recipients', () => [RecipientSpecInput]) recipients: RecipientSpecInput[],
    @Ctx() ctx: DocumentsContext,
  ): Promise<SupplementResult> {
    const caller = requireCaller(ctx);
    requireRole(caller, 'CLERK', 'DRAFTER');
    const doc = await getDocument(ctx.em, documentId);
    if (doc.orgId !== caller.orgId) throw forbidden('Only the sending unit adds recipients');
    if (doc.status !== 'SENT') throw new YizhanError(DocumentsErrorCode.NOT_APPROVED, 'Only a sent document gets further recipients', { status: doc.status });
    const urgent = doc.urgency !== 'NORMAL' || doc.isTelegram;
    const routed = await ctx.deps.org.call('recipients', ctx.callerHeader, {
      docType: doc.docType,
      recipients: recipientSpec.array().parse(recipients),
      withAlertTargets: urgent,
    });
    if (routed.refusals.length) {
      const first = routed.refusals[0];
      throw new YizhanError(
        OrgErrorCode.ROUTING_REFUSED,
        `${routed.refusals.length} recipients are refused (first: ${first?.orgName}: ${first?.reason}); nothing was added`,
        {
          refused: routed.refusals.slice(0, 20),
        },
      );
    }
    return ctx.em.transactional(async (em) => {
      await em.execute('select id from documents.documents where id = ? for update', [doc.id]);
      const now = new Date();
      const dueAt = await dueFor(em as EntityManager, doc.orgPath, now, doc.deadline);
      const { count: n } = await insertDeliveries(em as EntityManager, {
        doc: { ...doc, docNumber: doc.docNumber ?? '' },
        recipients: routed,
        deliveredAt: now,
        dueAt,
        supplement: true,
        alerts: urgent ? { targets: routed.alertTargets } : null,
      });
      await em.execute('update documents.documents set recipient_count = recipient_count + ?, updated_at = now() where id = ?', [n, doc.id]);
      return { added: n, alreadyDelivered: routed.orgIds.length - n };
    });
  }
}

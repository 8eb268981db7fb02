// What happens to a delivery after it lands (issue 4, "Delivery life"): return with a reason, ask for a resend,
// recall, resend as a new linked delivery, close; and 补发 to units added after the send. Every change is in the
// delivery's history and announced as an event.
import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput, callInternal, ErrorCode, forbidden, requireCaller, requireRole, YizhanError } from '@yizhan/kernel';
import { sql } from 'kysely';
import { Arg, Ctx, Field, FieldResolver, ID, Int, Mutation, ObjectType, Resolver, Root } from 'type-graphql';
import { dueFor } from '../calendar.ts';
import type { DocumentsContext } from '../deps.ts';
import { RETURN_REASONS, type ReturnReason } from '../domain/delivery.ts';
import { Delivery } from '../entities/Delivery.ts';
import { applyAction } from '../life.ts';
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
async function resendCopy(em: EntityManager, oldId: string): Promise<string> {
  const [old] = (await em.execute('select sender_path::text as sender_path, deadline from documents.deliveries where id = ?', [oldId])) as {
    sender_path: string;
    deadline: string | null;
  }[];
  const now = new Date();
  const dueAt = await dueFor(em, old?.sender_path as string, now, old?.deadline ? new Date(old.deadline) : null);
  const [row] = (await em.execute(
    `insert into documents.deliveries (document_id, sender_org_id, sender_path, sender_name, recipient_org_id, recipient_path, recipient_name,
       role, print_quota, doc_type, doc_number, title, urgency, deadline, status, delivered_at, parent_delivery_id, due_at)
     select document_id, sender_org_id, sender_path, sender_name, recipient_org_id, recipient_path, recipient_name,
       role, print_quota, doc_type, doc_number, title, urgency, deadline, 'DELIVERED', ?, id, ?
     from documents.deliveries where id = ?
     returning id, recipient_path::text, sender_path::text, recipient_org_id, document_id, doc_number`,
    [now, dueAt, oldId],
  )) as { id: string; recipient_path: string; sender_path: string; recipient_org_id: string; document_id: string; doc_number: string }[];
  if (!row) throw new YizhanError(ErrorCode.INTERNAL, 'Resend failed');
  await em.execute(`insert into documents.outbox (type, org_path, other_path, payload) values ('delivery.delivered', ?::ltree, ?::ltree, ?::jsonb)`, [
    row.sender_path,
    row.recipient_path,
    JSON.stringify({
      deliveryId: row.id,
      documentId: row.document_id,
      recipientOrgId: row.recipient_org_id,
      status: 'DELIVERED',
      docNumber: row.doc_number,
      resendOf: oldId,
    }),
  ]);
  return row.id;
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
    return ctx.em.transactional(async (em) => {
      await applyAction(em as EntityManager, caller, id, 'RESEND', null, null);
      const newId = await resendCopy(em as EntityManager, id);
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
    if (ctx.deps.archiveUrl) {
      await callInternal(ctx.deps.archiveUrl, 'ingest', ctx.callerHeader, { documentId: closed.documentId }).catch((err) =>
        ctx.log.warn({ err, deliveryId: id }, 'archiving on close failed; the document waits in the archive queue'),
      );
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
    if (doc.status !== 'SENT') throw new YizhanError(ErrorCode.NOT_APPROVED, 'Only a sent document gets further recipients', { status: doc.status });
    const routed = await callInternal<{
      orgIds: string[];
      paths: string[];
      names: string[];
      roles: string[];
      printQuotas: number[];
      allowed: boolean[];
      refusals: { orgName: string; rule: string | null; reason: string }[];
    }>(ctx.deps.orgUrl, 'recipients', ctx.callerHeader, { docType: doc.docType, recipients });
    if (routed.refusals.length) {
      const first = routed.refusals[0];
      throw new YizhanError(
        ErrorCode.ROUTING_REFUSED,
        `${routed.refusals.length} recipients are refused (first: ${first?.orgName}: ${first?.reason}); nothing was added`,
        {
          refused: routed.refusals.slice(0, 20),
        },
      );
    }
    return ctx.em.transactional(async (em) => {
      await em.execute('select id from documents.documents where id = ? for update', [doc.id]);
      const tx = (em as EntityManager).getKysely();
      const now = new Date();
      const dueAt = await dueFor(em as EntityManager, doc.orgPath, now, doc.deadline);
      const added = await sql<{ n: number }>`
        with wanted as (
          select * from unnest(${routed.orgIds}::uuid[], ${routed.paths}::text[], ${routed.names}::text[], ${routed.roles}::text[], ${routed.printQuotas}::int[])
            as r(id, path, name, role, quota)
          where not exists (select 1 from documents.deliveries d where d.document_id = ${doc.id} and d.recipient_org_id = r.id and d.status not in ('RESENT', 'RECALLED'))),
        delivered as (
          insert into documents.deliveries (document_id, sender_org_id, sender_path, sender_name, recipient_org_id, recipient_path, recipient_name,
            role, print_quota, doc_type, doc_number, title, urgency, deadline, status, delivered_at, due_at)
          select ${doc.id}, ${doc.orgId}, ${doc.orgPath}::ltree, ${doc.orgName}, w.id, w.path::ltree, w.name, w.role, w.quota,
                 ${doc.docType}, ${doc.docNumber}, ${doc.title}, ${doc.urgency}, ${doc.deadline}, 'DELIVERED', ${now}, ${dueAt}
          from wanted w
          returning id, recipient_path, recipient_org_id),
        announced as (
          insert into documents.outbox (type, org_path, other_path, payload)
          select 'delivery.delivered', ${doc.orgPath}::ltree, recipient_path,
                 jsonb_build_object('deliveryId', id, 'documentId', ${doc.id}::uuid, 'recipientOrgId', recipient_org_id, 'status', 'DELIVERED',
                                    'docNumber', ${doc.docNumber}::text, 'supplement', true)
          from delivered returning 1)
        select count(*)::int as n from announced`.execute(tx);
      const n = added.rows[0]?.n ?? 0;
      await em.execute('update documents.documents set recipient_count = recipient_count + ?, updated_at = now() where id = ?', [n, doc.id]);
      return { added: n, alreadyDelivered: routed.orgIds.length - n };
    });
  }
}

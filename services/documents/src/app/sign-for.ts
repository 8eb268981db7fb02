// 签收 and 登记 (条例 第二十四条; seeds 000 §12, 001 §10, 003 §29(2)): the unit's clerk, or its OA system, accepts a
// delivery after checking sender, seal and format. In one transaction: the state machine's SIGN step (receipt implied
// when nothing came before), the unit's next 收文编号 (a counter row locked by the upsert, like the 发文字号: no gaps,
// no duplicates), the entry in its 收文登记簿, the history, and the events. A second 签收 writes nothing.
import type { EntityManager } from '@mikro-orm/postgresql';
import { ErrorCode, hasRole, personName, requireCaller, YizhanError } from '@yizhan/common';
import { documentsEvents } from '@yizhan/contracts/documents';
import { emitAll, views } from '@yizhan/kernel';
import { sql } from 'kysely';
import type { DocumentsContext } from '../deps.ts';
import { nextStatus } from '../domain/delivery.ts';
import { formatIntakeNumber, intakeYear } from '../domain/intake.ts';
import { Delivery } from '../entities/Delivery.ts';
import { keptIn } from '../store/delivery-by-id.ts';
import { withDb } from '../store/sql.ts';
import { lockDelivery, readDelivery, sideOf } from './delivery-life.ts';
import { namedOnPeer } from './peer-intake.ts';
import { checkOwnSignature, receiptsOf, type SignedReceipts } from './receipts.ts';

export async function signForDelivery(
  ctx: DocumentsContext,
  id: string,
  ownSignature: { receipt: string; signature: string } | null = null,
  signedByThere: string | null = null,
): Promise<Delivery> {
  const caller = requireCaller(ctx);
  // 签收 is the clerk's (seed 003 §27: deliveries land in the clerk's inbox); an OA system's API token acts as one.
  if (!hasRole(caller, 'CLERK')) {
    throw new YizhanError(ErrorCode.FORBIDDEN, 'Only your unit’s clerk (or its OA system) signs for a delivery', { requiredRoles: ['CLERK'] });
  }
  // The exchange reports a 签收 made on the peer platform: the sender sees who signed there, not the exchange's token.
  const name = signedByThere === null ? personName(caller) : await namedOnPeer(ctx, signedByThere, 'signedByThere');
  const receipts = receiptsOf(ctx);
  // The receipt the clerk signed with their own certificate, checked before anything is locked or written.
  const own = ownSignature ? await checkOwnSignature(ctx, id, ownSignature) : null;
  // The unit's receipts (of the 接收 it implies, then of the 签收) are signed before the transaction, by the CA: its
  // call then holds no row lock and none of the pool's connections, which a storm of 签收 (or a slow CA) would
  // otherwise leave every other request waiting for. A 签收 the delivery's state refuses is refused before the call.
  const signedAt = new Date();
  let signed: SignedReceipts | null = null;
  if (receipts) {
    const seen = await readDelivery(ctx.em, id);
    nextStatus(seen.status, 'SIGN', sideOf(caller, seen));
    signed = await receipts.sign(
      ctx.em,
      [...(seen.received_at ? [] : [{ deliveryId: id, action: 'RECEIVED' as const, subject: seen }]), { deliveryId: id, action: 'SIGNED', own, subject: seen }],
      signedAt,
    );
  }
  return ctx.em.transactional(async (tx) => {
    const em = tx as EntityManager;
    const d = await lockDelivery(em, id);
    const to = nextStatus(d.status, 'SIGN', sideOf(caller, d));
    const year = intakeYear(signedAt);
    // The unit's next 收文编号 and the delivery's SIGN step, in one statement: the counter row is locked by its upsert
    // as before, the delivery by lockDelivery. The whole row comes back: it is also what the 签收 answers with (a view
    // of it, below), not read again.
    const { last_seq: seq, ...row } = await withDb(em, (db) =>
      db
        .with('counter', (db) =>
          db
            .insertInto('documents.intake_counters')
            .values({ org_id: caller.orgId, org_path: caller.orgPath, year, last_seq: 1 })
            .onConflict((oc) => oc.columns(['org_id', 'year']).doUpdateSet({ last_seq: sql<number>`intake_counters.last_seq + 1` }))
            .returning('last_seq'),
        )
        .with('signed', (db) =>
          db
            .updateTable('documents.deliveries')
            .set((eb) => ({
              status: to,
              signed_at: signedAt,
              signed_by: caller.userId,
              signed_by_name: name,
              state_reason: null,
              state_note: null,
              state_changed_at: signedAt,
              // 签收 implies 接收: a clerk who signs without having opened it has read it through the OA system or here.
              received_at: eb.fn.coalesce('received_at', eb.val(signedAt.toISOString())),
              received_by: eb.fn.coalesce('received_by', eb.val(caller.userId)),
              received_by_name: eb.fn.coalesce('received_by_name', eb.val(name)),
              receipt_action: eb.fn.coalesce('receipt_action', sql.lit('OPEN')),
            }))
            .where('id', '=', d.id)
            .$call(keptIn(d.kept))
            .returningAll(),
        )
        .selectFrom(['signed', 'counter'])
        .selectAll('signed')
        .select('counter.last_seq')
        .executeTakeFirstOrThrow(),
    );
    const receivedAt = row.received_at ?? signedAt.toISOString();
    const history = (action: string, from: string, status: string, note: string, at: Date | string) => ({
      delivery_id: d.id,
      sender_path: d.sender_path,
      recipient_path: d.recipient_path,
      action,
      from_status: from,
      to_status: status,
      actor_id: caller.userId,
      actor_name: name,
      note,
      at,
    });
    // The entry in the 收文登记簿 and the history — the receipt and the 签收 are two moments even when they fall
    // together, both in the history (the 接收 first) — in one statement.
    const implied = !d.received_at;
    await withDb(em, (db) =>
      db
        .with('registered', (db) =>
          db.insertInto('documents.intake_register').values({
            org_id: caller.orgId,
            org_path: caller.orgPath,
            delivery_id: d.id,
            document_id: d.document_id,
            year,
            seq,
            sender_org_id: row.sender_org_id,
            sender_name: row.sender_name,
            doc_number: row.doc_number,
            title: row.title,
            doc_type: row.doc_type,
            urgency: row.urgency,
            copies: row.print_quota,
            received_at: receivedAt,
            signed_at: signedAt,
            signed_by: caller.userId,
            signed_by_name: name,
          }),
        )
        .insertInto('documents.delivery_history')
        .values([
          ...(implied ? [history('RECEIVE', d.status, 'RECEIVED', 'SIGN', signedAt)] : []),
          // A receipt the clerk signed with their own certificate says so where the 签收 is shown (处理记录).
          history('SIGN', implied ? 'RECEIVED' : d.status, to, `收文编号 ${formatIntakeNumber(year, seq)}${own ? ' · 本人证书签名' : ''}`, signedAt),
        ])
        .execute(),
    );
    const where = { orgPath: d.sender_path, otherPath: d.recipient_path };
    const ends = {
      deliveryId: d.id,
      documentId: d.document_id,
      recipientOrgId: d.recipient_org_id,
      recipientName: d.recipient_name,
      docNumber: row.doc_number,
    };
    // Both moments announced, in one statement.
    await emitAll(em, [
      ...(implied
        ? [
            documentsEvents.event(
              'delivery.received',
              { ...ends, status: 'RECEIVED', receivedAt: signedAt.toISOString(), receivedByName: name, action: 'OPEN' },
              where,
            ),
          ]
        : []),
      documentsEvents.event(
        'delivery.signed',
        { ...ends, status: 'SIGNED', from: d.status, receivedAt, signedAt: signedAt.toISOString(), signedByName: name },
        where,
      ),
    ]);
    // The receipts signed above, kept with the step. The 接收's only if this 签收 implied it: one opened meanwhile
    // made its own. (A delivery received when read is received still: received_at is never cleared.)
    if (signed) await receipts?.keep(em, signed, (action) => action !== 'RECEIVED' || implied);
    return views(em, Delivery, [row])[0] as Delivery;
  });
}

// 对端来文: the documents a peer platform's stand-in holds here, found by the peer's delivery they answer for.
import type { EntityManager } from '@mikro-orm/postgresql';
import { pgArray } from '@yizhan/kernel';
import { sql } from 'kysely';
import { withDb } from './sql.ts';

/** The deliveries here of the stand-in's documents taken in for these peer deliveries (those not taken in are left out). */
export async function peerDeliveriesHere(
  em: EntityManager,
  standInOrgId: string,
  peerDeliveryIds: string[],
): Promise<{ id: string; peerDeliveryId: string }[]> {
  return withDb(em, (db) =>
    db
      .selectFrom('documents.deliveries as d')
      .innerJoin('documents.documents as doc', 'doc.id', 'd.document_id')
      .select(['d.id', sql<string>`doc.peer_origin->>'deliveryId'`.as('peerDeliveryId')])
      .where('doc.org_id', '=', standInOrgId)
      .where(sql<boolean>`doc.peer_origin->>'deliveryId' = any(${pgArray(peerDeliveryIds)}::text[])`)
      .execute(),
  );
}

/** A taken-in document's content digest here (what this platform's receipts name), once it is written. */
export async function keepContentDigest(em: EntityManager, documentId: string, digest: string): Promise<void> {
  await withDb(em, (db) => db.updateTable('documents.documents').set({ content_sha256: digest }).where('id', '=', documentId).execute());
}

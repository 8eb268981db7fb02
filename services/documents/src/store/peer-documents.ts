// 对端来文: the documents a peer platform's stand-in holds here, found by the peer's delivery they answer for.
import type { EntityManager } from '@mikro-orm/postgresql';
import { pgArray } from '@yizhan/kernel';
import { type Kysely, sql } from 'kysely';
import type { DB } from './db.ts';
import { withDb } from './sql.ts';

/** A stand-in's document taken in for a peer delivery: its delivery here and where that stands. */
export interface PeerTwin {
  /** The delivery here. */
  id: string;
  peerDeliveryId: string;
  /** The document on the peer platform it was taken in from. */
  peerDocumentId: string;
  status: string;
}

/** The stand-in's deliveries of documents taken in from its peer, with where each came from. */
const twinQuery = (db: Kysely<DB>, standInOrgId: string) =>
  db
    .selectFrom('documents.deliveries as d')
    .innerJoin('documents.documents as doc', 'doc.id', 'd.document_id')
    .select([
      'd.id',
      'd.status',
      sql<string>`doc.peer_origin->>'deliveryId'`.as('peerDeliveryId'),
      sql<string>`doc.peer_origin->>'documentId'`.as('peerDocumentId'),
    ])
    .where('doc.org_id', '=', standInOrgId)
    .where('d.sender_org_id', '=', standInOrgId);

/** The deliveries here of the stand-in's documents taken in for these peer deliveries (those not taken in are left out). */
export const peerDeliveriesHere = (em: EntityManager, standInOrgId: string, peerDeliveryIds: string[]): Promise<PeerTwin[]> =>
  withDb(em, (db) =>
    twinQuery(db, standInOrgId)
      .where(sql<boolean>`doc.peer_origin->>'deliveryId' = any(${pgArray(peerDeliveryIds)}::text[])`)
      .execute(),
  );

/** The stand-in's deliveries here of a peer document, however many times it was taken in (a resend is taken in anew). */
export const peerTwinsOfDocument = (em: EntityManager, standInOrgId: string, peerDocumentId: string): Promise<PeerTwin[]> =>
  withDb(em, (db) => twinQuery(db, standInOrgId).where(sql<boolean>`doc.peer_origin->>'documentId' = ${peerDocumentId}`).execute());

/** The stand-in's deliveries here not yet received (接收) by their unit, oldest first: those a recall on the peer may still withdraw. */
export const peerDeliveriesNotReceived = (em: EntityManager, standInOrgId: string, limit: number): Promise<PeerTwin[]> =>
  withDb(em, (db) =>
    twinQuery(db, standInOrgId).where('doc.peer_origin', 'is not', null).where('d.status', '=', 'DELIVERED').orderBy('d.delivered_at').limit(limit).execute(),
  );

/** The peer platform each of these documents was taken in from; documents of this platform's own are left out. */
/** A taken-in document's content digest here (what this platform's receipts name), once it is written. */
export async function keepContentDigest(em: EntityManager, documentId: string, digest: string): Promise<void> {
  await withDb(em, (db) => db.updateTable('documents.documents').set({ content_sha256: digest }).where('id', '=', documentId).execute());
}

// The archive's SQL that several use cases share: one record (of a fonds the unit keeps), a fonds' evidence chain
// (append, read, verify), and the item numbers given in a year.
import type { EntityManager } from '@mikro-orm/postgresql';
import { notFound } from '@yizhan/common';
import { isUuid } from '@yizhan/kernel';
import { sql } from 'kysely';
import { type ChainLink, firstBrokenLink, GENESIS, linkHash } from '../domain/chain.ts';
import { ArchiveRecord } from '../entities/ArchiveRecord.ts';
import { keeps } from './custody.ts';
import { withDb } from './sql.ts';

/** A record of a fonds the unit `keeperId` keeps (its own, or a closed unit's in its custody); not found otherwise. */
export async function getRecord(em: EntityManager, id: string, keeperId: string): Promise<ArchiveRecord> {
  const r = isUuid(id) ? await em.findOne(ArchiveRecord, { id }) : null;
  if (!r || !(await keeps(em, keeperId, r.orgId))) throw notFound('Archive record', id);
  return r;
}

/** The unit's records (not destroyed) of `documentIds`, and those whose metadata names `documentId` among its
 * relations (documents' archival package): what is filed with a record. */
export function recordsFiledWith(em: EntityManager, orgId: string, documentIds: string[], documentId: string) {
  return withDb(em, (db) =>
    db
      .selectFrom('archive.records')
      .select(['id', 'document_id', 'archival_number', 'title', 'doc_number', 'metadata'])
      .where('org_id', '=', orgId)
      .where('status', '!=', 'DESTROYED')
      .where((eb) =>
        eb.or([
          ...(documentIds.length ? [eb('document_id', 'in', documentIds)] : []),
          eb(sql<unknown>`metadata -> 'relations'`, '@>', sql<unknown>`${JSON.stringify([{ documentId }])}::jsonb`),
        ]),
      )
      .orderBy('archived_at')
      .execute(),
  );
}

/** Appends an event to the unit's evidence chain: one writer at a time per unit, each link hashing the one before. */
export async function appendChain(em: EntityManager, unit: { orgId: string; orgPath: string }, kind: string, recordId: string | null, payload: unknown) {
  await withDb(em, async (db) => {
    // An advisory lock is a function call, not a table: it stays raw SQL (its result is not read).
    await sql`select pg_advisory_xact_lock(hashtext(${`archive.chain:${unit.orgId}`}))`.execute(db);
    const last = await db
      .selectFrom('archive.chain')
      .select(['seq', 'hash'])
      .where('org_id', '=', unit.orgId)
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirst();
    const seq = last ? Number(last.seq) + 1 : 1;
    const prevHash = last?.hash ?? GENESIS;
    const at = new Date().toISOString();
    const hash = linkHash(prevHash, { seq, kind, recordId, payload, at });
    await db
      .insertInto('archive.chain')
      // seq is a bigint: written as its text, as node-postgres reads it.
      .values({
        org_id: unit.orgId,
        org_path: unit.orgPath,
        seq: String(seq),
        kind,
        record_id: recordId,
        payload: JSON.stringify(payload),
        at,
        prev_hash: prevHash,
        hash,
      })
      .execute();
  });
}

export async function chainOf(em: EntityManager, orgId: string): Promise<ChainLink[]> {
  const rows = await withDb(em, (db) =>
    db
      .selectFrom('archive.chain')
      .select(['seq', 'kind', 'record_id', 'payload', 'at', 'prev_hash', 'hash'])
      .where('org_id', '=', orgId)
      .orderBy('seq')
      .execute(),
  );
  return rows.map((r) => ({ seq: Number(r.seq), kind: r.kind, recordId: r.record_id, payload: r.payload, at: r.at, prevHash: r.prev_hash, hash: r.hash }));
}

export const verifyChain = (links: ChainLink[]) => ({ length: links.length, firstBroken: firstBrokenLink(links) });

/** The item numbers this archive gave the unit in a year (records imported keep their own and are left out). */
export async function itemsOf(em: EntityManager, orgId: string, year: number, series: string): Promise<number[]> {
  const rows = await withDb(em, (db) =>
    db
      .selectFrom('archive.records')
      .select('item_no')
      .where('org_id', '=', orgId)
      .where('year', '=', year)
      .where('numbered_in', '=', series)
      .where('imported_from', 'is', null)
      .execute(),
  );
  return rows.map((r) => r.item_no);
}

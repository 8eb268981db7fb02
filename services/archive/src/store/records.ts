// The archive's SQL that several use cases share: one record (of a fonds the unit keeps), the catalogue's search, a
// fonds' evidence chain (append, read, verify), and the item numbers given in a year.
import type { EntityManager } from '@mikro-orm/postgresql';
import { notFound } from '@yizhan/common';
import { isUuid, likeEscape, views } from '@yizhan/kernel';
import { sql } from 'kysely';
import { type ChainLink, firstBrokenLink, GENESIS, linkHash } from '../domain/chain.ts';
import { DOC_NUMBER_BRACKETS, type SearchWord } from '../domain/search.ts';
import { ArchiveRecord } from '../entities/ArchiveRecord.ts';
import { keeps } from './custody.ts';
import { withDb } from './sql.ts';

/** A record of a fonds the unit `keeperId` keeps (its own, or a closed unit's in its custody); not found otherwise. */
export async function getRecord(em: EntityManager, id: string, keeperId: string): Promise<ArchiveRecord> {
  const r = isUuid(id) ? await em.findOne(ArchiveRecord, { id }) : null;
  if (!r || !(await keeps(em, keeperId, r.orgId))) throw notFound('Archive record', id);
  return r;
}

/** What the catalogue is filtered by: the fonds, and each of the rest when given. */
export interface CatalogueFilter {
  orgId: string;
  year: number | null;
  status: string | null;
  retention: string | null;
  docType: string | null;
  words: SearchWord[];
}

/**
 * A fonds' catalogue, newest first (the first 500), in the caller's row-level-security scope: every word found in the
 * title, the 文号 (its brackets read as 〔〕, both sides), the 档号, the 主送 or 抄送 its metadata keeps (as
 * documents gave them, or as corrected since), or a 发文's recipient units. Shown, not changed: views.
 */
export async function catalogueRecords(em: EntityManager, f: CatalogueFilter): Promise<ArchiveRecord[]> {
  // The user's words are matched as words: their % and _ (and the escape itself) are no wildcards.
  const like = (s: string) => `%${likeEscape(s)}%`;
  const docNumber = sql<string>`translate(doc_number, ${DOC_NUMBER_BRACKETS.from}, ${DOC_NUMBER_BRACKETS.to})`;
  const rows = await withDb(em, (db) => {
    let q = db.selectFrom('archive.records').selectAll().where('org_id', '=', f.orgId);
    if (f.year != null) q = q.where('year', '=', f.year);
    if (f.status) q = q.where('status', '=', f.status);
    if (f.retention) q = q.where('retention', '=', f.retention);
    if (f.docType) q = q.where('doc_type', '=', f.docType);
    for (const w of f.words)
      q = q.where((eb) =>
        eb.or([
          eb('title', 'ilike', like(w.text)),
          eb(docNumber, 'ilike', like(w.docNumber)),
          eb('archival_number', 'ilike', like(w.archivalNumber)),
          eb(sql<string>`metadata ->> 'mainTo'`, 'ilike', like(w.text)),
          eb(sql<string>`metadata ->> 'ccTo'`, 'ilike', like(w.text)),
          // A 发文's recipients by their full names, as its deliveries name them: the 主送 line may say 各市人民政府
          // and the 抄送 line a short form (莲湖区) of the unit one searches for.
          sql<boolean>`role = 'SENDER' and exists (select 1 from jsonb_array_elements(events) d where d ->> 'recipient_name' ilike ${like(w.text)})`,
        ]),
      );
    return q.orderBy('archived_at', 'desc').orderBy('id').limit(500).execute();
  });
  return views(em, ArchiveRecord, rows);
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

/** A record's metadata as it was archived, before its first correction (its current metadata if never corrected), and
 * the changes of each correction since, in order, as the evidence chain recorded them. */
export async function correctionsOf(
  em: EntityManager,
  r: { id: string; orgId: string; orgPath: string; metadata: object; metadataVersion: number },
): Promise<{ archived: object; changes: Record<string, unknown>[] }> {
  if (r.metadataVersion <= 1) return { archived: r.metadata, changes: [] };
  return withDb(em, async (db) => {
    const first = await db
      .selectFrom('archive.metadata_versions')
      .select('metadata')
      .where('record_id', '=', r.id)
      .where('org_path', '=', r.orgPath)
      .orderBy('version')
      .limit(1)
      .executeTakeFirst();
    const links = await db
      .selectFrom('archive.chain')
      .select('payload')
      .where('org_id', '=', r.orgId)
      .where('record_id', '=', r.id)
      .where('kind', '=', 'CORRECT')
      .orderBy('seq')
      .execute();
    const changes = links.map((l) => ((l.payload as { changes?: Record<string, unknown> }).changes ?? {}) as Record<string, unknown>);
    return { archived: (first?.metadata as object | undefined) ?? r.metadata, changes };
  });
}

/** The item numbers this archive gave the unit in a fonds' class of a year (records imported keep their own and are
 * left out). */
export async function itemsOf(em: EntityManager, orgId: string, fonds: string, year: number, series: string): Promise<number[]> {
  const rows = await withDb(em, (db) =>
    db
      .selectFrom('archive.records')
      .select('item_no')
      .where('org_id', '=', orgId)
      .where('fonds', '=', fonds)
      .where('year', '=', year)
      .where('numbered_in', '=', series)
      .where('imported_from', 'is', null)
      .execute(),
  );
  return rows.map((r) => r.item_no);
}

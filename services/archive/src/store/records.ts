// The archive's SQL that several use cases share: one record, the unit's evidence chain (append, read, verify), and
// the item numbers given in a year.
import type { EntityManager } from '@mikro-orm/postgresql';
import { notFound } from '@yizhan/common';
import { isUuid } from '@yizhan/kernel';
import { type ChainLink, firstBrokenLink, GENESIS, linkHash } from '../domain/chain.ts';
import { ArchiveRecord } from '../entities/ArchiveRecord.ts';

export async function getRecord(em: EntityManager, id: string): Promise<ArchiveRecord> {
  const r = isUuid(id) ? await em.findOne(ArchiveRecord, { id }) : null;
  if (!r) throw notFound('Archive record', id);
  return r;
}

/** Appends an event to the unit's evidence chain: one writer at a time per unit, each link hashing the one before. */
export async function appendChain(em: EntityManager, unit: { orgId: string; orgPath: string }, kind: string, recordId: string | null, payload: unknown) {
  await em.execute('select pg_advisory_xact_lock(hashtext(?))', [`archive.chain:${unit.orgId}`]);
  const [last] = (await em.execute('select seq, hash from archive.chain where org_id = ? order by seq desc limit 1', [unit.orgId])) as {
    seq: string;
    hash: string;
  }[];
  const seq = last ? Number(last.seq) + 1 : 1;
  const prevHash = last?.hash ?? GENESIS;
  const at = new Date().toISOString();
  const hash = linkHash(prevHash, { seq, kind, recordId, payload, at });
  await em.execute(
    'insert into archive.chain (org_id, org_path, seq, kind, record_id, payload, at, prev_hash, hash) values (?, ?::ltree, ?, ?, ?, ?, ?, ?, ?)',
    [unit.orgId, unit.orgPath, seq, kind, recordId, JSON.stringify(payload), at, prevHash, hash],
  );
}

export async function chainOf(em: EntityManager, orgId: string): Promise<ChainLink[]> {
  const rows = (await em.execute('select seq, kind, record_id, payload, at, prev_hash, hash from archive.chain where org_id = ? order by seq', [orgId])) as {
    seq: string;
    kind: string;
    record_id: string | null;
    payload: unknown;
    at: string;
    prev_hash: string;
    hash: string;
  }[];
  return rows.map((r) => ({ seq: Number(r.seq), kind: r.kind, recordId: r.record_id, payload: r.payload, at: r.at, prevHash: r.prev_hash, hash: r.hash }));
}

export const verifyChain = (links: ChainLink[]) => ({ length: links.length, firstBroken: firstBrokenLink(links) });

/** The item numbers this archive gave the unit in a year (records imported keep their own and are left out). */
export async function itemsOf(em: EntityManager, orgId: string, year: number): Promise<number[]> {
  const rows = (await em.execute('select item_no from archive.records where org_id = ? and year = ? and imported_from is null', [orgId, year])) as {
    item_no: number;
  }[];
  return rows.map((r) => r.item_no);
}

// The evidence log's reads (its writes are PostgreSQL's own: the outbox trigger of migration 0014 appends every
// delivery event to its unit's chain). Row-level security shows a unit its own chain only.
import type { EntityManager } from '@mikro-orm/postgresql';
import { sql } from 'kysely';
import type { EvidenceLink } from '../domain/evidence.ts';
import { withDb } from './sql.ts';

const link = (r: {
  seq: string;
  org_id: string;
  kind: string;
  document_id: string | null;
  delivery_id: string | null;
  digest: string;
  at: string;
  prev_hash: string;
  hash: string;
  event: unknown;
}): EvidenceLink => ({
  seq: Number(r.seq),
  unit: r.org_id,
  kind: r.kind,
  documentId: r.document_id,
  deliveryId: r.delivery_id,
  digest: r.digest,
  at: r.at,
  prev: r.prev_hash,
  hash: r.hash,
  event: r.event,
});

// The time exactly as the trigger hashed it (ISO 8601, milliseconds, UTC).
const AT = sql<string>`to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`.as('at');
const COLUMNS = ['seq', 'org_id', 'kind', 'document_id', 'delivery_id', 'digest', AT, 'prev_hash', 'hash', 'event'] as const;

/** The unit's whole chain, in order. */
export async function evidenceChainOf(em: EntityManager, orgId: string): Promise<EvidenceLink[]> {
  const rows = await withDb(em, (db) => db.selectFrom('documents.delivery_evidence').select(COLUMNS).where('org_id', '=', orgId).orderBy('seq').execute());
  return rows.map(link);
}

/** The unit's links about one document, in order. */
export async function evidenceOfDocument(em: EntityManager, orgId: string, documentId: string): Promise<EvidenceLink[]> {
  const rows = await withDb(em, (db) =>
    db.selectFrom('documents.delivery_evidence').select(COLUMNS).where('org_id', '=', orgId).where('document_id', '=', documentId).orderBy('seq').execute(),
  );
  return rows.map(link);
}

/** The unit's links from one seq to another, in order: a consecutive slice of its chain. */
export async function evidenceSegment(em: EntityManager, orgId: string, fromSeq: number, toSeq: number): Promise<EvidenceLink[]> {
  const rows = await withDb(em, (db) =>
    db
      .selectFrom('documents.delivery_evidence')
      .select(COLUMNS)
      .where('org_id', '=', orgId)
      .where('seq', '>=', String(fromSeq))
      .where('seq', '<=', String(toSeq))
      .orderBy('seq')
      .execute(),
  );
  return rows.map(link);
}

/** Whether the document was delivered to the unit. */
export async function deliveredTo(em: EntityManager, documentId: string, orgId: string): Promise<boolean> {
  const row = await withDb(em, (db) =>
    db.selectFrom('documents.deliveries').select('id').where('document_id', '=', documentId).where('recipient_org_id', '=', orgId).executeTakeFirst(),
  );
  return !!row;
}

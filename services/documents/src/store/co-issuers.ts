// documents.co_issuers: a joint document's co-issuing units and their 会签 (migration 0018_joint_issue), read and
// written in the caller's transaction and scope (the lead unit and each co-issuer see the rows of their documents).
import type { EntityManager } from '@mikro-orm/postgresql';
import { sql } from 'kysely';
import type { CountersignStatus } from '../domain/joint-issue.ts';
import { withDb } from './sql.ts';

export interface CoIssuerRow {
  documentId: string;
  position: number;
  orgId: string;
  orgPath: string;
  orgName: string;
  status: CountersignStatus;
  decidedByName: string | null;
  decidedAt: Date | null;
  comment: string | null;
  stamp: Record<string, unknown> | null;
}

const columns = [
  'document_id',
  'position',
  'org_id',
  sql<string>`org_path::text`.as('org_path'),
  'org_name',
  'status',
  'decided_by_name',
  'decided_at',
  'comment',
  'stamp',
] as const;

type Raw = {
  document_id: string;
  position: number;
  org_id: string;
  org_path: string;
  org_name: string;
  status: string;
  decided_by_name: string | null;
  decided_at: string | Date | null;
  comment: string | null;
  stamp: unknown;
};

const toRow = (r: Raw): CoIssuerRow => ({
  documentId: r.document_id,
  position: r.position,
  orgId: r.org_id,
  orgPath: r.org_path,
  orgName: r.org_name,
  status: r.status as CountersignStatus,
  decidedByName: r.decided_by_name,
  decidedAt: r.decided_at ? new Date(r.decided_at) : null,
  comment: r.comment,
  stamp: (r.stamp as Record<string, unknown> | null) ?? null,
});

/**
 * The co-issuers of a document visible to the caller, in the banner's order; `share` holds them (FOR SHARE) until
 * the transaction ends, so no 会签 is decided while a send reads them.
 */
export async function coIssuerRows(em: EntityManager, documentId: string, share = false): Promise<CoIssuerRow[]> {
  const rows = await withDb(em, (db) =>
    db
      .selectFrom('documents.co_issuers')
      .select(columns)
      .where('document_id', '=', documentId)
      .orderBy('position')
      .$if(share, (q) => q.forShare())
      .execute(),
  );
  return rows.map(toRow);
}

/** The caller's unit's row of a joint document, locked until the transaction ends (unless `lock` is false). */
export async function lockOwnRow(em: EntityManager, documentId: string, orgId: string, lock = true): Promise<CoIssuerRow | null> {
  const row = await withDb(em, (db) =>
    db
      .selectFrom('documents.co_issuers')
      .select(columns)
      .where('document_id', '=', documentId)
      .where('org_id', '=', orgId)
      .$if(lock, (q) => q.forUpdate())
      .executeTakeFirst(),
  );
  return row ? toRow(row) : null;
}

/** Names the co-issuers again (at a submission): every earlier decision is dropped, every unit PENDING. */
export async function replaceCoIssuers(
  em: EntityManager,
  documentId: string,
  leadPath: string,
  units: { orgId: string; orgPath: string; orgName: string }[],
): Promise<void> {
  await withDb(em, (db) => db.deleteFrom('documents.co_issuers').where('document_id', '=', documentId).execute());
  if (!units.length) return;
  await withDb(em, (db) =>
    db
      .insertInto('documents.co_issuers')
      .values(
        units.map((u, i) => ({
          document_id: documentId,
          position: i + 1,
          lead_path: sql<string>`${leadPath}::ltree`,
          org_id: u.orgId,
          org_path: sql<string>`${u.orgPath}::ltree`,
          org_name: u.orgName,
        })),
      )
      .execute(),
  );
}

/** A co-issuer's decision: COUNTERSIGNED with its stamp (or none, without a seal in use), or DECLINED with the reason. */
export async function decide(
  em: EntityManager,
  documentId: string,
  orgId: string,
  d: { status: 'COUNTERSIGNED' | 'DECLINED'; userId: string; userName: string; comment: string | null; stamp: unknown | null },
): Promise<void> {
  await withDb(em, (db) =>
    db
      .updateTable('documents.co_issuers')
      .set({
        status: d.status,
        decided_by: d.userId,
        decided_by_name: d.userName,
        decided_at: sql<string>`clock_timestamp()`,
        comment: d.comment,
        stamp: d.stamp ? JSON.stringify(d.stamp) : null,
      })
      .where('document_id', '=', documentId)
      .where('org_id', '=', orgId)
      .where('status', '=', 'PENDING')
      .execute(),
  );
}

/** The joint documents waiting for the caller's unit's 会签: approved by their lead, not yet decided by this unit. */
export async function waitingFor(em: EntityManager, orgId: string): Promise<string[]> {
  const rows = await withDb(em, (db) =>
    db
      .selectFrom('documents.co_issuers as c')
      .innerJoin('documents.documents as d', 'd.id', 'c.document_id')
      .select('c.document_id')
      .where('c.org_id', '=', orgId)
      .where('c.status', '=', 'PENDING')
      .where('d.status', '=', 'APPROVED')
      .orderBy('d.updated_at', 'desc')
      .limit(200)
      .execute(),
  );
  return rows.map((r) => r.document_id);
}

/**
 * The co-issuers' names in the banner's order, for a co-issuing unit (which sees only its own row): read through
 * `documents.joint_issuer_names` (migration 0026), which answers nothing to a unit that does not co-issue the document.
 */
export async function jointIssuerNames(em: EntityManager, documentId: string): Promise<string[]> {
  const { rows } = await withDb(em, (db) =>
    sql<{ pos: number; org_name: string }>`SELECT pos, org_name FROM documents.joint_issuer_names(${documentId}::uuid)`.execute(db),
  );
  return rows.map((r) => r.org_name);
}

// 考核评比's rows (domain/assessment.ts): a unit's assessments, drafts and published, read under row-level security —
// the assessing unit and those above it read all of its; the units below read the published ones (migration 0050).
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Insertable, Selectable, Updateable } from 'kysely';
import { sql } from 'kysely';
import type { Adjustment, AssessedUnit, Weights } from '../domain/assessment.ts';
import type { DB } from './db.ts';
import { withDb } from './sql.ts';

export interface StoredAssessment {
  id: string;
  orgId: string;
  orgPath: string;
  orgName: string;
  title: string;
  periodFrom: Date;
  periodTo: Date;
  weights: Weights;
  units: AssessedUnit[];
  adjustments: Record<string, Adjustment>;
  computedAt: Date;
  createdByName: string;
  createdAt: Date;
  publishedAt: Date | null;
  publishedByName: string | null;
  pdfSha256: string | null;
}

type Row = Selectable<DB['documents.assessments']>;

const toAssessment = (r: Row): StoredAssessment => ({
  id: r.id,
  orgId: r.org_id,
  orgPath: r.org_path,
  orgName: r.org_name,
  title: r.title,
  periodFrom: new Date(r.period_from),
  periodTo: new Date(r.period_to),
  // jsonb columns: what was stored (migration 0050).
  weights: r.weights as Weights,
  units: r.units as AssessedUnit[],
  adjustments: r.adjustments as Record<string, Adjustment>,
  computedAt: new Date(r.computed_at),
  createdByName: r.created_by_name,
  createdAt: new Date(r.created_at),
  publishedAt: r.published_at ? new Date(r.published_at) : null,
  publishedByName: r.published_by_name,
  pdfSha256: r.pdf_sha256,
});

export async function insertAssessment(em: EntityManager, row: Insertable<DB['documents.assessments']>): Promise<StoredAssessment> {
  return toAssessment(await withDb(em, (db) => db.insertInto('documents.assessments').values(row).returningAll().executeTakeFirstOrThrow()));
}

/**
 * The unit's draft of this title, period and weights, if it has one, locked — the same form sent twice (a double click,
 * a retry) finds the draft the first made. The unit's assessments are created one at a time (a transaction lock on the
 * unit), so two at once do not both find none.
 */
export async function sameDraft(
  em: EntityManager,
  a: { orgId: string; title: string; from: Date; to: Date; weights: Weights },
): Promise<StoredAssessment | null> {
  const row = await withDb(em, async (db) => {
    // An advisory lock is a function call, not a table: it stays raw SQL (its result is not read).
    await sql`select pg_advisory_xact_lock(hashtext(${`documents.assessment:${a.orgId}`}))`.execute(db);
    return db
      .selectFrom('documents.assessments')
      .selectAll()
      .where('org_id', '=', a.orgId)
      .where('published_at', 'is', null)
      .where('title', '=', a.title)
      .where('period_from', '=', a.from.toISOString())
      .where('period_to', '=', a.to.toISOString())
      .where(sql<boolean>`weights = ${JSON.stringify(a.weights)}::jsonb`)
      .orderBy('created_at', 'desc')
      .limit(1)
      .forUpdate()
      .executeTakeFirst();
  });
  return row ? toAssessment(row) : null;
}

/** One assessment visible to the caller, locked for a change when `forUpdate` (a draft's writer is its unit). */
export async function findAssessment(em: EntityManager, id: string, forUpdate = false): Promise<StoredAssessment | null> {
  const row = await withDb(em, (db) => {
    const q = db.selectFrom('documents.assessments').selectAll().where('id', '=', id);
    return (forUpdate ? q.forUpdate() : q).executeTakeFirst();
  });
  return row ? toAssessment(row) : null;
}

/** A draft changed (the caller holds its row locked: still there, still a draft). */
export async function updateDraft(em: EntityManager, id: string, set: Updateable<DB['documents.assessments']>): Promise<StoredAssessment> {
  const row = await withDb(em, (db) =>
    db.updateTable('documents.assessments').set(set).where('id', '=', id).where('published_at', 'is', null).returningAll().executeTakeFirstOrThrow(),
  );
  return toAssessment(row);
}

export async function deleteDraft(em: EntityManager, id: string): Promise<boolean> {
  const r = await withDb(em, (db) => db.deleteFrom('documents.assessments').where('id', '=', id).where('published_at', 'is', null).executeTakeFirst());
  return r.numDeletedRows > 0n;
}

/**
 * The assessments a unit sees: its own (drafts too, when `drafts`) and those published by the units above it, which
 * score it; the newest first. Under row-level security either way; the path condition keeps out what a unit above it
 * may read of the units beside it.
 */
export async function assessmentsOfUnit(
  em: EntityManager,
  unit: { orgId: string; orgPath: string },
  opts: { drafts: boolean; limit: number },
): Promise<StoredAssessment[]> {
  const rows = await withDb(em, (db) =>
    db
      .selectFrom('documents.assessments')
      .selectAll()
      .where((eb) =>
        eb.or([
          eb.and([eb('org_id', '=', unit.orgId), ...(opts.drafts ? [] : [eb('published_at', 'is not', null)])]),
          eb.and([eb('published_at', 'is not', null), sql<boolean>`org_path @> ${unit.orgPath}::ltree`, eb('org_id', '<>', unit.orgId)]),
        ]),
      )
      .orderBy('created_at', 'desc')
      .limit(opts.limit)
      .execute(),
  );
  return rows.map(toAssessment);
}

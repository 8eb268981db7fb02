// 纸质补录 in SQL, in the caller's transaction and row-level-security scope (the unit's rows and those below it).
import type { EntityManager } from '@mikro-orm/postgresql';
import { sql } from 'kysely';
import type { PaperDirection } from '../domain/paper-records.ts';
import { withDb } from './sql.ts';

export interface PaperRow {
  id: string;
  orgId: string;
  direction: PaperDirection;
  counterpartName: string;
  docNumber: string;
  title: string;
  docType: string;
  paperAt: Date;
  scanSha256: string | null;
  scanName: string | null;
  outageNote: string | null;
  recordedByName: string;
  recordedAt: Date;
  intakeNumber: number | null;
  intakeYear: number | null;
}

export async function insertPaperRecord(
  em: EntityManager,
  r: Omit<PaperRow, 'recordedAt' | 'intakeNumber' | 'intakeYear'> & { orgPath: string; recordedBy: string },
): Promise<void> {
  await withDb(em, (db) =>
    db
      .insertInto('documents.paper_records')
      .values({
        id: r.id,
        org_id: r.orgId,
        org_path: sql<string>`${r.orgPath}::ltree`,
        direction: r.direction,
        counterpart_name: r.counterpartName,
        doc_number: r.docNumber,
        title: r.title,
        doc_type: r.docType,
        paper_at: r.paperAt,
        scan_sha256: r.scanSha256,
        scan_name: r.scanName,
        outage_note: r.outageNote,
        recorded_by: r.recordedBy,
        recorded_by_name: r.recordedByName,
      })
      .execute(),
  );
}

/** The unit's paper records, newest paper time first, with the 收文编号 a received one took. */
export async function paperRecordsOf(
  em: EntityManager,
  orgId: string,
  f: { id?: string; direction?: PaperDirection | null; from?: Date | null; to?: Date | null; limit?: number },
): Promise<PaperRow[]> {
  const rows = await withDb(em, (db) =>
    db
      .selectFrom('documents.paper_records as p')
      .leftJoin('documents.intake_register as r', 'r.paper_record_id', 'p.id')
      .select([
        'p.id',
        'p.org_id',
        'p.direction',
        'p.counterpart_name',
        'p.doc_number',
        'p.title',
        'p.doc_type',
        'p.paper_at',
        'p.scan_sha256',
        'p.scan_name',
        'p.outage_note',
        'p.recorded_by_name',
        'p.recorded_at',
        'r.seq',
        'r.year',
      ])
      .where('p.org_id', '=', orgId)
      .$if(f.id !== undefined, (q) => q.where('p.id', '=', f.id as string))
      .$if(!!f.direction, (q) => q.where('p.direction', '=', f.direction as string))
      .$if(!!f.from, (q) => q.where('p.paper_at', '>=', (f.from as Date).toISOString()))
      .$if(!!f.to, (q) => q.where('p.paper_at', '<', (f.to as Date).toISOString()))
      .orderBy('p.paper_at', 'desc')
      .orderBy('p.id')
      .limit(f.limit ?? 500)
      .execute(),
  );
  return rows.map((r) => ({
    id: r.id,
    orgId: r.org_id,
    direction: r.direction as PaperDirection,
    counterpartName: r.counterpart_name,
    docNumber: r.doc_number,
    title: r.title,
    docType: r.doc_type,
    paperAt: new Date(r.paper_at),
    scanSha256: r.scan_sha256,
    scanName: r.scan_name,
    outageNote: r.outage_note,
    recordedByName: r.recorded_by_name,
    recordedAt: new Date(r.recorded_at),
    intakeNumber: r.seq ?? null,
    intakeYear: r.year ?? null,
  }));
}

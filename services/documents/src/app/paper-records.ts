// 纸质补录 (issue 20; seed 003 §45, 001 §31): after an outage the unit's clerk records what travelled on paper —
// received (来文单位, 文号, 标题, 收到时间) or sent (主送单位, 文号, 标题, 发出时间), with a scan the unit uploaded if
// there is one. A paper document received takes the unit's next 收文编号 (of the year it arrived) and an entry in its
// 收文登记簿 marked 纸质补录, so the register, its exports and the statistics are whole.
import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput, checkPeriod, ErrorCode, hasRole, personName, requireCaller, requireRole, YizhanError } from '@yizhan/common';
import { sql } from 'kysely';
import type { DocumentsContext } from '../deps.ts';
import { intakeYear, REGISTER_READERS } from '../domain/intake.ts';
import { checkPaperInput, type PaperDirection, type PaperInput } from '../domain/paper-records.ts';
import { insertPaperRecord, type PaperRow, paperRecordsOf } from '../store/paper-records.ts';
import { withDb } from '../store/sql.ts';

export async function recordPaperDocument(ctx: DocumentsContext, input: PaperInput & { scanSha256?: string | null }): Promise<PaperRow> {
  const caller = requireCaller(ctx);
  if (!hasRole(caller, 'CLERK'))
    throw new YizhanError(ErrorCode.FORBIDDEN, 'Only your unit’s clerk records documents received or sent on paper', { requiredRoles: ['CLERK'] });
  const c = checkPaperInput(input, new Date());
  const sha = input.scanSha256?.trim().toLowerCase() || null;
  if (sha && !/^[0-9a-f]{64}$/.test(sha)) throw badInput('scanSha256 is the SHA-256 an upload answered with', 'scanSha256');
  const name = personName(caller);
  return ctx.em.transactional(async (tx) => {
    const em = tx as EntityManager;
    let scanName: string | null = null;
    if (sha) {
      const up = await withDb(em, (db) =>
        db.selectFrom('documents.uploads').select('filename').where('org_id', '=', caller.orgId).where('sha256', '=', sha).executeTakeFirst(),
      );
      if (!up) throw badInput('scanSha256 names no file your unit uploaded', 'scanSha256');
      scanName = up.filename;
    }
    const id = crypto.randomUUID();
    await insertPaperRecord(em, {
      id,
      orgId: caller.orgId,
      orgPath: caller.orgPath,
      direction: c.direction,
      counterpartName: c.counterpartName,
      docNumber: c.docNumber,
      title: c.title,
      docType: c.docType,
      paperAt: c.paperAt,
      scanSha256: sha,
      scanName,
      outageNote: c.outageNote,
      recordedBy: caller.userId,
      recordedByName: name,
    });
    if (c.direction === 'RECEIVED') {
      // The 收文编号 as a 签收 takes it: the unit's counter row, in this transaction (no gap, no duplicate).
      const year = intakeYear(c.paperAt);
      const { last_seq: seq } = await withDb(em, (db) =>
        db
          .insertInto('documents.intake_counters')
          .values({ org_id: caller.orgId, org_path: caller.orgPath, year, last_seq: 1 })
          .onConflict((oc) => oc.columns(['org_id', 'year']).doUpdateSet({ last_seq: sql<number>`intake_counters.last_seq + 1` }))
          .returning('last_seq')
          .executeTakeFirstOrThrow(),
      );
      await withDb(em, (db) =>
        db
          .insertInto('documents.intake_register')
          .values({
            org_id: caller.orgId,
            org_path: caller.orgPath,
            delivery_id: null,
            document_id: null,
            paper_record_id: id,
            year,
            seq,
            sender_org_id: null,
            sender_name: c.counterpartName,
            doc_number: c.docNumber,
            title: c.title,
            doc_type: c.docType,
            urgency: 'NORMAL',
            copies: 1,
            received_at: c.paperAt,
            signed_at: c.paperAt,
            signed_by: caller.userId,
            signed_by_name: name,
          })
          .execute(),
      );
    }
    const [row] = await paperRecordsOf(em, caller.orgId, { id });
    return row as PaperRow;
  });
}

/** The caller's unit's paper records (for those who read its register), newest paper time first. */
export async function paperRecords(ctx: DocumentsContext, f: { direction?: PaperDirection | null; from?: Date | null; to?: Date | null }): Promise<PaperRow[]> {
  const caller = requireCaller(ctx);
  requireRole(caller, ...REGISTER_READERS);
  checkPeriod(f.from, f.to);
  return paperRecordsOf(ctx.em, caller.orgId, f);
}

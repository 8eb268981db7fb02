// Files (seed 003 §33): uploading a body or an attachment for the unit's drafts, and downloading a file the caller's
// unit may see. A recipient's first download of a delivered document's file is its receipt. The HTTP routes are http/files.ts.
import type { EntityManager } from '@mikro-orm/postgresql';
import { type Caller, ErrorCode, YizhanError } from '@yizhan/common';
import { recordHandedOut, type SubgraphContext } from '@yizhan/kernel';
import { sql } from 'kysely';
import type { DocumentsDeps } from '../deps.ts';
import { notSignedFor } from '../domain/delivery.ts';
import { withDb } from '../store/sql.ts';
import { receiptMaker } from './receipts.ts';
import { heldBeforeSigning, recordDownload } from './receive.ts';

/** Stores the file and records it as the unit's upload (once per unit and content). */
export async function uploadFile(ctx: SubgraphContext, deps: DocumentsDeps, caller: Caller, content: Buffer, contentType: string, filename: string) {
  const { sha256, size } = await deps.blobs.put(content);
  await ctx.em.transactional(async (em) => {
    await withDb(em as EntityManager, (db) =>
      db
        .insertInto('documents.uploads')
        .values({
          org_id: caller.orgId,
          org_path: caller.orgPath,
          sha256,
          size,
          content_type: contentType,
          filename,
          uploaded_by: caller.userId,
        })
        .onConflict((oc) => oc.columns(['org_id', 'sha256']).doNothing())
        .execute(),
    );
  });
  return { sha256, size, contentType, filename };
}

/** A file the caller's unit may see, or null; downloading it for a delivery whose file it is records the receipt. */
export async function downloadFile(
  ctx: SubgraphContext,
  deps: DocumentsDeps,
  caller: Caller,
  sha: string,
  delivery: string | null,
): Promise<{ content: Buffer; contentType: string; filename: string } | null> {
  const em = ctx.em as EntityManager;
  // Visible: the unit's own upload, or a file of a document row-level security lets the unit read.
  const found = await withDb(em, (db) =>
    db
      .selectFrom('documents.uploads')
      .select(['content_type', 'filename'])
      .where('org_id', '=', caller.orgId)
      .where('sha256', '=', sha)
      .unionAll(
        db
          // Each attachment of the documents' jsonb list, as a row.
          .selectFrom(['documents.documents as d', sql<{ value: unknown }>`jsonb_array_elements(d.attachments)`.as('a')])
          .select([sql<string>`a->>'contentType'`.as('content_type'), sql<string>`a->>'name'`.as('filename')])
          .where(sql<boolean>`a->>'sha256' = ${sha}`),
      )
      .unionAll(
        db
          .selectFrom('documents.documents')
          .select([sql.lit('text/html; charset=utf-8').as('content_type'), sql.lit('body.html').as('filename')])
          .where('body_sha256', '=', sha),
      )
      .unionAll(
        // The OFD 版式 file made at the send (app/ofd.ts), named by the 发文字号.
        db
          .selectFrom('documents.documents')
          .select([sql.lit('application/ofd').as('content_type'), sql<string>`coalesce(doc_number, title) || '.ofd'`.as('filename')])
          .where('ofd_sha256', '=', sha),
      )
      .unionAll(
        db
          .selectFrom('documents.prints')
          .select([sql.lit('application/pdf').as('content_type'), sql<string>`'打印件（份号' || lpad(copy_number::text, 6, '0') || '）.pdf'`.as('filename')])
          .where('pdf_sha256', '=', sha),
      )
      .unionAll(
        db
          .selectFrom('documents.bulletins')
          .select([sql.lit('application/pdf').as('content_type'), sql.lit('通报.pdf').as('filename')])
          .where('pdf_sha256', '=', sha),
      )
      .unionAll(
        // 考核评比: a published result, read by the units it scored (row-level security, migration 0050).
        db
          .selectFrom('documents.assessments')
          .select([sql.lit('application/pdf').as('content_type'), sql.lit('考核评比结果.pdf').as('filename')])
          .where('pdf_sha256', '=', sha),
      )
      .limit(1)
      .executeTakeFirst(),
  );
  if (!found) return null;
  // Before 签收 a delivered document's files are its unit's clerks' only, named delivery or not.
  if (await heldBeforeSigning(em, caller, sha)) throw notSignedFor('download');
  // Only the delivery's own file signs for it; another delivery named here is refused before anything is recorded.
  if (delivery) {
    await em.transactional(async (tx) => {
      await recordDownload(tx as EntityManager, caller, delivery, sha, receiptMaker(deps, ctx.callerHeader, caller));
    });
  }
  const content = await deps.blobs.get(sha);
  if (!content) throw new YizhanError(ErrorCode.INTERNAL, 'File missing from the blob store');
  await em.transactional((tx) =>
    recordHandedOut('documents', ctx, tx as EntityManager, caller, {
      category: 'DOWNLOAD',
      action: 'download',
      targetType: 'File',
      targetId: sha,
      targetName: found.filename,
      detail: { filename: found.filename, delivery },
    }),
  );
  return { content, contentType: found.content_type, filename: found.filename };
}

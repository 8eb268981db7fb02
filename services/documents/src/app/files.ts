// Files (seed 003 §33): uploading a body or an attachment for the unit's drafts, and downloading a file the caller's
// unit may see. A recipient's first download of a delivered document's file is its receipt. The HTTP routes are http/files.ts.
import type { EntityManager } from '@mikro-orm/postgresql';
import { type Caller, ErrorCode, YizhanError } from '@yizhan/common';
import type { SubgraphContext } from '@yizhan/kernel';
import type { DocumentsDeps } from '../deps.ts';
import { recordReceipt } from './receive.ts';

/** Stores the file and records it as the unit's upload (once per unit and content). */
export async function uploadFile(ctx: SubgraphContext, deps: DocumentsDeps, caller: Caller, content: Buffer, contentType: string, filename: string) {
  const { sha256, size } = await deps.blobs.put(content);
  await ctx.em.transactional(async (em) => {
    await em.execute(
      `insert into documents.uploads (org_id, org_path, sha256, size, content_type, filename, uploaded_by) values (?, ?::ltree, ?, ?, ?, ?, ?)
       on conflict (org_id, sha256) do nothing`,
      [caller.orgId, caller.orgPath, sha256, size, contentType, filename, caller.userId],
    );
  });
  return { sha256, size, contentType, filename };
}

/** A file the caller's unit may see, or null; downloading it for a delivery records the receipt. */
export async function downloadFile(
  ctx: SubgraphContext,
  deps: DocumentsDeps,
  caller: Caller,
  sha: string,
  delivery: string | null,
): Promise<{ content: Buffer; contentType: string; filename: string } | null> {
  const em = ctx.em as EntityManager;
  // Visible: the unit's own upload, or a file of a document row-level security lets the unit read.
  const [found] = (await em.execute(
    `select content_type, filename from documents.uploads where org_id = ? and sha256 = ?
     union all
     select a->>'contentType', a->>'name' from documents.documents d, jsonb_array_elements(d.attachments) a where a->>'sha256' = ?
     union all
     select 'text/html; charset=utf-8', 'body.html' from documents.documents where body_sha256 = ?
     union all
     select 'application/pdf', 'copy-' || copy_number || '.pdf' from documents.prints where pdf_sha256 = ?
     union all
     select 'application/pdf', 'bulletin.pdf' from documents.bulletins where pdf_sha256 = ?
     limit 1`,
    [caller.orgId, sha, sha, sha, sha, sha],
  )) as { content_type: string; filename: string }[];
  if (!found) return null;
  if (delivery) {
    await em.transactional(async (tx) => {
      await recordReceipt(tx as EntityManager, caller, delivery, 'DOWNLOAD');
    });
  }
  const content = await deps.blobs.get(sha);
  if (!content) throw new YizhanError(ErrorCode.INTERNAL, 'File missing from the blob store');
  return { content, contentType: found.content_type, filename: found.filename };
}

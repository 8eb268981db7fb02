// Files over HTTP (the gateway forwards /blobs here with the signed caller context): upload a body or an
// attachment, download one. A recipient's first download of a delivered document's file is its receipt.
import type { EntityManager } from '@mikro-orm/postgresql';
import { type Caller, ErrorCode, hasRole, YizhanError } from '@yizhan/common';
import { isSha256, type SubgraphContext } from '@yizhan/kernel';
import express from 'express';
import type { DocumentsDeps } from './deps.ts';
import { IMAGE } from './domain/document.ts';
import { recordReceipt } from './receipts.ts';

type Guard = { requireSignedCaller: express.RequestHandler; contextFor: (res: express.Response) => SubgraphContext };

const fail = (res: express.Response, status: number, code: string, message: string) => res.status(status).json({ errors: [{ message, extensions: { code } }] });

export function fileRoutes(deps: DocumentsDeps) {
  return (app: express.Express, guard: Guard) => {
    const limits = deps.settings.files;
    app.post('/blobs', guard.requireSignedCaller, express.raw({ type: () => true, limit: limits.maxFileBytes }), async (req, res) => {
      const ctx = guard.contextFor(res);
      try {
        const caller = ctx.caller as Caller | null;
        if (!caller) return fail(res, 401, ErrorCode.UNAUTHENTICATED, 'You must log in first');
        if (!hasRole(caller, 'DRAFTER', 'CLERK')) return fail(res, 403, ErrorCode.FORBIDDEN, 'Files are uploaded by drafters and clerks');
        const content = req.body as Buffer;
        if (!Buffer.isBuffer(content) || !content.length) return fail(res, 400, ErrorCode.BAD_INPUT, 'The request body is the file; it was empty');
        const contentType = (req.header('content-type') ?? 'application/octet-stream').split(';')[0]?.trim() ?? 'application/octet-stream';
        if (IMAGE.test(contentType) && content.length > limits.maxImageBytes) {
          return fail(
            res,
            413,
            ErrorCode.TOO_LARGE,
            `Images are limited to ${limits.maxImageBytes / 1024} KB (seed 003 §33); this one is ${Math.ceil(content.length / 1024)} KB`,
          );
        }
        const filename = decodeURIComponent(req.header('x-filename') ?? 'file').slice(0, 200);
        const { sha256, size } = await deps.blobs.put(content);
        await ctx.em.transactional(async (em) => {
          await em.execute(
            `insert into documents.uploads (org_id, org_path, sha256, size, content_type, filename, uploaded_by) values (?, ?::ltree, ?, ?, ?, ?, ?)
             on conflict (org_id, sha256) do nothing`,
            [caller.orgId, caller.orgPath, sha256, size, contentType, filename, caller.userId],
          );
        });
        res.status(201).json({ sha256, size, contentType, filename });
      } catch (e) {
        ctx.log.error({ err: e }, 'upload failed');
        fail(res, 500, ErrorCode.INTERNAL, 'Upload failed');
      } finally {
        ctx.em.clear();
      }
    });

    app.get('/blobs/:sha256', guard.requireSignedCaller, async (req, res) => {
      const ctx = guard.contextFor(res);
      try {
        const caller = ctx.caller as Caller | null;
        if (!caller) return fail(res, 401, ErrorCode.UNAUTHENTICATED, 'You must log in first');
        const sha = String(req.params.sha256);
        if (!isSha256(sha)) return fail(res, 400, ErrorCode.BAD_INPUT, 'Expected a SHA-256 in hex');
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
        if (!found) return fail(res, 404, ErrorCode.NOT_FOUND, `File ${sha} does not exist or is not visible to you`);
        const delivery = typeof req.query.delivery === 'string' ? req.query.delivery : null;
        if (delivery) {
          await em.transactional(async (tx) => {
            await recordReceipt(tx as EntityManager, caller, delivery, 'DOWNLOAD');
          });
        }
        const content = await deps.blobs.get(sha);
        if (!content) throw new YizhanError(ErrorCode.INTERNAL, 'File missing from the blob store');
        res.setHeader('content-type', found.content_type);
        res.setHeader('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(found.filename)}`);
        res.end(content);
      } catch (e) {
        ctx.log.error({ err: e }, 'download failed');
        fail(res, 500, ErrorCode.INTERNAL, 'Download failed');
      } finally {
        ctx.em.clear();
      }
    });
  };
}

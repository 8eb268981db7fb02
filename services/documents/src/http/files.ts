// Files over HTTP (the gateway forwards /blobs here with the signed caller context): upload a body or an
// attachment, download one. The routes check the caller and the request; the use cases are in app/files.ts.
import { type Caller, ErrorCode, hasRole } from '@yizhan/common';
import { isSha256, type SubgraphContext } from '@yizhan/kernel';
import express from 'express';
import { downloadFile, uploadFile } from '../app/files.ts';
import type { DocumentsDeps } from '../deps.ts';
import { IMAGE } from '../domain/document.ts';

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
        res.status(201).json(await uploadFile(ctx, deps, caller, content, contentType, filename));
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
        const delivery = typeof req.query.delivery === 'string' ? req.query.delivery : null;
        const found = await downloadFile(ctx, deps, caller, sha, delivery);
        if (!found) return fail(res, 404, ErrorCode.NOT_FOUND, `File ${sha} does not exist or is not visible to you`);
        res.setHeader('content-type', found.contentType);
        res.setHeader('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(found.filename)}`);
        res.end(found.content);
      } catch (e) {
        ctx.log.error({ err: e }, 'download failed');
        fail(res, 500, ErrorCode.INTERNAL, 'Download failed');
      } finally {
        ctx.em.clear();
      }
    });
  };
}

// Files over HTTP (the gateway forwards /blobs here with the signed caller context): upload a body or an
// attachment, download one, or turn a Word draft into a body (POST /blobs?import=word). The routes check the caller and the request; the use cases are in app/files.ts.
import { type Caller, ErrorCode, errorEntry, hasRole, YizhanError } from '@yizhan/common';
import { DocumentsErrorCode } from '@yizhan/contracts/documents';
import { isSha256, type SubgraphContext } from '@yizhan/kernel';
import express from 'express';
import { downloadFile, uploadFile } from '../app/files.ts';
import { importWordBody } from '../app/word-import.ts';
import type { DocumentsDeps } from '../deps.ts';
import { IMAGE } from '../domain/document.ts';
import { fileContentMismatch, fileKindProblem } from '../domain/file-kind.ts';
import { keptFileName } from '../domain/file-name.ts';

/**
 * The refusals a use case raises that the file routes answer with their code, by HTTP status (anything else is a
 * logged 500 INTERNAL): common's codes with the status of its one table (errorEntry), documents' own here, since the
 * table answers a contract's code with 400.
 */
export const STATUS: Record<string, number> = {
  ...Object.fromEntries([ErrorCode.BAD_INPUT, ErrorCode.FORBIDDEN, ErrorCode.NOT_FOUND, ErrorCode.STORAGE_FULL].map((code) => [code, errorEntry(code).status])),
  [DocumentsErrorCode.NOT_SIGNED_FOR]: 403,
  [DocumentsErrorCode.FILE_KIND_REFUSED]: 415,
  [DocumentsErrorCode.FILE_CONTENT_MISMATCH]: 415,
  [DocumentsErrorCode.FILE_INFECTED]: 422,
};

type Guard = { requireSignedCaller: express.RequestHandler; contextFor: (res: express.Response) => SubgraphContext };

export const fail = (res: express.Response, status: number, code: string, message: string) =>
  res.status(status).json({ errors: [{ message, extensions: { code } }] });

export function fileRoutes(deps: DocumentsDeps) {
  return (app: express.Express, guard: Guard) => {
    const limits = deps.settings.files;
    const maxMb = `${Number((limits.maxFileBytes / 1024 / 1024).toFixed(1))} MB`;
    // A file over the limit is refused before it is read when its length says so; one without a length is read only
    // up to the limit (express.raw), the kernel's error handler answering 413 TOO_LARGE: never a stack or an echo.
    const withinLimit: express.RequestHandler = (req, res, next) => {
      const declared = Number(req.header('content-length'));
      if (Number.isFinite(declared) && declared > limits.maxFileBytes) {
        res.setHeader('connection', 'close');
        return fail(res, 413, ErrorCode.TOO_LARGE, `Files are limited to ${maxMb}; this one is ${Math.ceil(declared / 1024 / 1024)} MB`);
      }
      next();
    };
    app.post('/blobs', guard.requireSignedCaller, withinLimit, express.raw({ type: () => true, limit: limits.maxFileBytes }), async (req, res) => {
      const ctx = guard.contextFor(res);
      try {
        const caller = ctx.caller as Caller | null;
        if (!caller) return fail(res, 401, ErrorCode.UNAUTHENTICATED, 'You must log in first');
        if (!hasRole(caller, 'DRAFTER', 'CLERK')) return fail(res, 403, ErrorCode.FORBIDDEN, 'Files are uploaded by drafters and clerks');
        const content = req.body as Buffer;
        if (!Buffer.isBuffer(content) || !content.length) return fail(res, 400, ErrorCode.BAD_INPUT, 'The request body is the file; it was empty');
        // POST /blobs?import=word: a .docx's text as a draft's body and what was not kept; nothing is stored.
        if (req.query.import === 'word') return res.status(200).json(await importWordBody(caller, content));
        const contentType = (req.header('content-type') ?? 'application/octet-stream').split(';')[0]?.trim() ?? 'application/octet-stream';
        if (IMAGE.test(contentType) && content.length > limits.maxImageBytes) {
          return fail(
            res,
            413,
            ErrorCode.TOO_LARGE,
            `Images are limited to ${limits.maxImageBytes / 1024} KB (seed 003 §33); this one is ${Math.ceil(content.length / 1024)} KB`,
          );
        }
        const filename = keptFileName(req.header('x-filename'));
        if (filename === null) return fail(res, 400, ErrorCode.BAD_INPUT, 'X-Filename must be the file name, URI-encoded UTF-8, without control characters');
        const kind = fileKindProblem(filename, content);
        if (kind) return fail(res, 415, DocumentsErrorCode.FILE_KIND_REFUSED, kind);
        const mismatch = fileContentMismatch(filename, content);
        if (mismatch) return fail(res, 415, DocumentsErrorCode.FILE_CONTENT_MISMATCH, mismatch);
        // Scanned before it is kept: a file with a virus is not entered into the system (seed 003 §40). A scanner that
        // fails says so, and the file is not passed as safe.
        const infected = await deps.scan(filename, content);
        if (infected) return fail(res, 422, DocumentsErrorCode.FILE_INFECTED, `“${filename}” did not pass the malware scan: ${infected}`);
        res.status(201).json(await uploadFile(ctx, deps, caller, content, contentType, filename));
      } catch (e) {
        if (e instanceof YizhanError && e.code in STATUS) return fail(res, STATUS[e.code] as number, e.code, e.message);
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
        // A refusal (a delivery not the file's, not the unit's) is the caller's to read, with its code.
        if (e instanceof YizhanError && e.code in STATUS) return fail(res, STATUS[e.code] as number, e.code, e.message);
        ctx.log.error({ err: e }, 'download failed');
        fail(res, 500, ErrorCode.INTERNAL, 'Download failed');
      } finally {
        ctx.em.clear();
      }
    });
  };
}

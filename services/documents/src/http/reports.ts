// 征集/报送: every report of a request at once (GET /blobs?reports=<documentId>): a zip with 报送情况.csv and each
// unit's report. Under /blobs because that is the one file path the gateway forwards here with the signed caller
// context; any other /blobs query passes on to the next route. The use case is app/collection.ts.
import { type Caller, ErrorCode, YizhanError } from '@yizhan/common';
import { DocumentsErrorCode } from '@yizhan/contracts/documents';
import type { SubgraphContext } from '@yizhan/kernel';
import type express from 'express';
import { reportsZip } from '../app/collection.ts';
import type { DocumentsContext, DocumentsDeps } from '../deps.ts';
import { fail, STATUS } from './files.ts';

type Guard = { requireSignedCaller: express.RequestHandler; contextFor: (res: express.Response) => SubgraphContext };

export function reportRoutes(deps: DocumentsDeps) {
  return (app: express.Express, guard: Guard) => {
    app.get('/blobs', guard.requireSignedCaller, async (req, res, next) => {
      const documentId = req.query.reports;
      if (documentId === undefined) return next();
      const ctx = guard.contextFor(res);
      try {
        const caller = ctx.caller as Caller | null;
        if (!caller) return fail(res, 401, ErrorCode.UNAUTHENTICATED, 'You must log in first');
        if (typeof documentId !== 'string' || !documentId) return fail(res, 400, ErrorCode.BAD_INPUT, 'reports names a document id');
        const file = await reportsZip({ ...ctx, deps } as DocumentsContext, documentId);
        res.setHeader('content-type', 'application/zip');
        res.setHeader('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.filename)}`);
        res.end(file.content);
      } catch (e) {
        if (e instanceof YizhanError && e.code === DocumentsErrorCode.REPORT_STATE) return fail(res, 409, e.code, e.message);
        if (e instanceof YizhanError && e.code in STATUS) return fail(res, STATUS[e.code] as number, e.code, e.message);
        ctx.log.error({ err: e }, 'reports download failed');
        fail(res, 500, ErrorCode.INTERNAL, 'Download failed');
      } finally {
        ctx.em.clear();
      }
    });
  };
}

// The office's forms as printable PDFs (GET /blobs?sheet=handling&delivery=<id>, the 收文处理单; GET
// /blobs?sheet=draft&document=<id>, the 发文稿纸). Under /blobs because that is the one file path the gateway forwards
// here with the signed caller context; any other /blobs query passes on to the next route. The use cases are
// app/sheets.ts.
import { type Caller, ErrorCode, YizhanError } from '@yizhan/common';
import type { SubgraphContext } from '@yizhan/kernel';
import type express from 'express';
import { draftSheetPdf, handlingSheetPdf } from '../app/sheets.ts';
import type { DocumentsContext, DocumentsDeps } from '../deps.ts';
import { fail, STATUS } from './files.ts';

type Guard = { requireSignedCaller: express.RequestHandler; contextFor: (res: express.Response) => SubgraphContext };

const SHEETS = { handling: 'delivery', draft: 'document' } as const;

export function sheetRoutes(deps: DocumentsDeps) {
  return (app: express.Express, guard: Guard) => {
    app.get('/blobs', guard.requireSignedCaller, async (req, res, next) => {
      const sheet = req.query.sheet;
      if (sheet === undefined) return next();
      const ctx = guard.contextFor(res);
      try {
        const caller = ctx.caller as Caller | null;
        if (!caller) return fail(res, 401, ErrorCode.UNAUTHENTICATED, 'You must log in first');
        if (sheet !== 'handling' && sheet !== 'draft')
          return fail(res, 400, ErrorCode.BAD_INPUT, 'sheet is handling (the 收文处理单 of a delivery) or draft (the 发文稿纸 of a document)');
        const param = SHEETS[sheet];
        const id = req.query[param];
        if (typeof id !== 'string' || !id) return fail(res, 400, ErrorCode.BAD_INPUT, `sheet=${sheet} names a ${param} id (${param}=<id>)`);
        const file = await (sheet === 'handling' ? handlingSheetPdf : draftSheetPdf)({ ...ctx, deps } as DocumentsContext, id);
        res.setHeader('content-type', 'application/pdf');
        res.setHeader('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(file.filename)}`);
        res.end(file.content);
      } catch (e) {
        if (e instanceof YizhanError && e.code in STATUS) return fail(res, STATUS[e.code] as number, e.code, e.message);
        ctx.log.error({ err: e }, 'sheet print failed');
        fail(res, 500, ErrorCode.INTERNAL, 'Printing the form failed');
      } finally {
        ctx.em.clear();
      }
    });
  };
}

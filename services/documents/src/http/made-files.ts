// The files this service makes on request, under GET /blobs?<param>=… — a register (register=intake|outgoing), a form
// (sheet=handling|draft), every report of a 征集 (reports=<documentId>) — share one route shape: the signed caller
// required, the file made by its use case and answered under the name it gives; a refusal answered with its code and
// status (files.ts STATUS, and the route's own), anything else a logged 500 that says nothing more. Under /blobs
// because that is the one file path the gateway forwards here with the signed caller context; a query without the
// route's parameter passes on to the next route.
import { ErrorCode, YizhanError } from '@yizhan/common';
import type { SubgraphContext } from '@yizhan/kernel';
import type express from 'express';
import type { DocumentsContext, DocumentsDeps } from '../deps.ts';
import { fail, STATUS } from './files.ts';

type Guard = { requireSignedCaller: express.RequestHandler; contextFor: (res: express.Response) => SubgraphContext };

export interface MadeFile {
  content: Buffer;
  contentType: string;
  filename: string;
  /** Shown by the browser rather than saved (a form to print). */
  inline?: boolean;
}

/** A query parameter as the one string it must be, or undefined (absent, repeated, or nested). */
export const one = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

export function madeFileRoute(
  deps: DocumentsDeps,
  opts: {
    /** The query parameter that names this route's files; null: every GET /blobs? query that came this far. */
    param: string | null;
    /** What failed, in a logged 500's message. */
    failure: string;
    make: (ctx: DocumentsContext, query: express.Request['query']) => Promise<MadeFile>;
    /** The route's own refusals, by code, beside STATUS. */
    statusOf?: Record<string, number>;
  },
) {
  return (app: express.Express, guard: Guard) => {
    app.get('/blobs', guard.requireSignedCaller, async (req, res, next) => {
      if (opts.param !== null && req.query[opts.param] === undefined) return next();
      const ctx = guard.contextFor(res);
      try {
        if (!ctx.caller) return fail(res, 401, ErrorCode.UNAUTHENTICATED, 'You must log in first');
        const file = await opts.make({ ...ctx, deps } as DocumentsContext, req.query);
        res.setHeader('content-type', file.contentType);
        res.setHeader('content-disposition', `${file.inline ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(file.filename)}`);
        res.end(file.content);
      } catch (e) {
        const status = e instanceof YizhanError ? (opts.statusOf?.[e.code] ?? STATUS[e.code]) : undefined;
        if (e instanceof YizhanError && status) return fail(res, status, e.code, e.message);
        ctx.log.error({ err: e, route: opts.param ?? 'blobs' }, `${opts.failure} failed`);
        fail(res, 500, ErrorCode.INTERNAL, `${opts.failure} failed`);
      } finally {
        ctx.em.clear();
      }
    });
  };
}

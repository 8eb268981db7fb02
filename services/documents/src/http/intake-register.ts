// The 收文登记簿 as a file (GET /blobs?register=intake&year=2026[&from=…&to=…&search=…][&format=csv|pdf]): CSV for
// Excel (UTF-8 with a byte-order mark) or a printable PDF of the period; and the 发文登记簿 of a year as a printable PDF
// (GET /blobs?register=outgoing&year=2026[&prefix=…]&format=pdf). Under /blobs because that is the one file path the
// gateway forwards here with the signed caller context; the use cases are app/intake-register.ts and
// app/outgoing-register.ts.
import { type Caller, ErrorCode, optionalText, YizhanError } from '@yizhan/common';
import type { SubgraphContext } from '@yizhan/kernel';
import type express from 'express';
import { exportIntakeRegister, type RegisterFormat } from '../app/intake-register.ts';
import { exportOutgoingRegister } from '../app/outgoing-register.ts';
import type { DocumentsContext, DocumentsDeps } from '../deps.ts';
import { fail, STATUS } from './files.ts';

type Guard = { requireSignedCaller: express.RequestHandler; contextFor: (res: express.Response) => SubgraphContext };

const one = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** A query parameter as a date, or a BAD_INPUT naming it: a date PostgreSQL holds, between the years 1 and 9999. */
function dateParam(v: string | undefined, name: string): Date | null {
  if (v === undefined || v === '') return null;
  const d = new Date(/^\d{4}-\d{2}-\d{2}$/.test(v) ? `${v}T00:00:00+08:00` : v);
  if (Number.isNaN(d.getTime()))
    throw new YizhanError(ErrorCode.BAD_INPUT, `${name} must be a date (YYYY-MM-DD, China time) or a date and time`, { field: name });
  const year = d.getUTCFullYear();
  if (year < 1 || year > 9999) throw new YizhanError(ErrorCode.BAD_INPUT, `${name} must lie between the years 1 and 9999`, { field: name });
  return d;
}

export function intakeRegisterRoutes(deps: DocumentsDeps) {
  return (app: express.Express, guard: Guard) => {
    app.get('/blobs', guard.requireSignedCaller, async (req, res) => {
      const ctx = guard.contextFor(res);
      try {
        const caller = ctx.caller as Caller | null;
        if (!caller) return fail(res, 401, ErrorCode.UNAUTHENTICATED, 'You must log in first');
        const register = one(req.query.register);
        if (register !== 'intake' && register !== 'outgoing')
          return fail(res, 404, ErrorCode.NOT_FOUND, 'No such file: name a file by its SHA-256, or ask for register=intake or register=outgoing');
        const yearText = one(req.query.year) ?? '';
        if (!/^\d{4}$/.test(yearText)) return fail(res, 400, ErrorCode.BAD_INPUT, 'year must be a year, e.g. 2026');
        const format = (one(req.query.format) ?? (register === 'outgoing' ? 'pdf' : 'csv')).toLowerCase();
        if (register === 'outgoing' && format !== 'pdf')
          return fail(res, 400, ErrorCode.BAD_INPUT, 'The 发文登记簿 is exported as pdf (its CSV and XLSX come from the dashboard)');
        if (format !== 'csv' && format !== 'pdf') return fail(res, 400, ErrorCode.BAD_INPUT, 'format is csv or pdf');
        // Text as a form's: no NUL, control character or half a surrogate pair, which PostgreSQL would refuse.
        const prefix = optionalText(one(req.query.prefix), 'prefix', { max: 20, line: true });
        const search = optionalText(one(req.query.search), 'search', { max: 200, line: true });
        const file =
          register === 'outgoing'
            ? await exportOutgoingRegister({ ...ctx, deps } as DocumentsContext, Number(yearText), prefix)
            : await exportIntakeRegister(
                { ...ctx, deps } as DocumentsContext,
                { year: Number(yearText), search, from: dateParam(one(req.query.from), 'from'), to: dateParam(one(req.query.to), 'to') },
                format as RegisterFormat,
              );
        res.setHeader('content-type', file.contentType);
        res.setHeader('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.filename)}`);
        res.end(file.content);
      } catch (e) {
        if (e instanceof YizhanError && e.code in STATUS) return fail(res, STATUS[e.code] as number, e.code, e.message);
        ctx.log.error({ err: e }, 'register export failed');
        fail(res, 500, ErrorCode.INTERNAL, 'Export failed');
      } finally {
        ctx.em.clear();
      }
    });
  };
}

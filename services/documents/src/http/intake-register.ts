// The 收文登记簿 as a file (GET /blobs?register=intake&year=2026[&from=…&to=…&search=…][&format=csv|pdf]): CSV for
// Excel (UTF-8 with a byte-order mark) or a printable PDF of the period; and the 发文登记簿 of a year as a printable PDF
// (GET /blobs?register=outgoing&year=2026[&prefix=…]&format=pdf), through the route all made files share
// (made-files.ts). The use cases are app/intake-register.ts and app/outgoing-register.ts.
import { badInput, ErrorCode, optionalText, YizhanError } from '@yizhan/common';
import { exportIntakeRegister, type RegisterFormat } from '../app/intake-register.ts';
import { exportOutgoingRegister } from '../app/outgoing-register.ts';
import type { DocumentsDeps } from '../deps.ts';
import { madeFileRoute, one } from './made-files.ts';

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

export const intakeRegisterRoutes = (deps: DocumentsDeps) =>
  madeFileRoute(deps, {
    // The last of the /blobs routes: a query none of the others named ends here.
    param: null,
    failure: 'Export',
    async make(ctx, query) {
      const register = one(query.register);
      if (register !== 'intake' && register !== 'outgoing')
        throw new YizhanError(ErrorCode.NOT_FOUND, 'No such file: name a file by its SHA-256, or ask for register=intake or register=outgoing');
      const yearText = one(query.year) ?? '';
      if (!/^\d{4}$/.test(yearText)) throw badInput('year must be a year, e.g. 2026', 'year');
      const format = (one(query.format) ?? (register === 'outgoing' ? 'pdf' : 'csv')).toLowerCase();
      if (register === 'outgoing' && format !== 'pdf') throw badInput('The 发文登记簿 is exported as pdf (its CSV and XLSX come from the dashboard)', 'format');
      if (format !== 'csv' && format !== 'pdf') throw badInput('format is csv or pdf', 'format');
      // Text as a form's: no NUL, control character or half a surrogate pair, which PostgreSQL would refuse.
      const prefix = optionalText(one(query.prefix), 'prefix', { max: 20, line: true });
      const search = optionalText(one(query.search), 'search', { max: 200, line: true });
      return register === 'outgoing'
        ? exportOutgoingRegister(ctx, Number(yearText), prefix)
        : exportIntakeRegister(
            ctx,
            { year: Number(yearText), search, from: dateParam(one(query.from), 'from'), to: dateParam(one(query.to), 'to') },
            format as RegisterFormat,
          );
    },
  });

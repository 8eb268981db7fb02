// The office's forms as printable PDFs (GET /blobs?sheet=handling&delivery=<id>, the 收文处理单; GET
// /blobs?sheet=draft&document=<id>, the 发文稿纸), through the route all made files share (made-files.ts). The use
// cases are app/sheets.ts.
import { badInput } from '@yizhan/common';
import { draftSheetPdf, handlingSheetPdf } from '../app/sheets.ts';
import type { DocumentsDeps } from '../deps.ts';
import { madeFileRoute, one } from './made-files.ts';

const SHEETS = { handling: 'delivery', draft: 'document' } as const;

export const sheetRoutes = (deps: DocumentsDeps) =>
  madeFileRoute(deps, {
    param: 'sheet',
    failure: 'Printing the form',
    async make(ctx, query) {
      const sheet = one(query.sheet);
      if (sheet !== 'handling' && sheet !== 'draft')
        throw badInput('sheet is handling (the 收文处理单 of a delivery) or draft (the 发文稿纸 of a document)', 'sheet');
      const param = SHEETS[sheet];
      const id = one(query[param]);
      if (!id) throw badInput(`sheet=${sheet} names a ${param} id (${param}=<id>)`, param);
      const printed = await (sheet === 'handling' ? handlingSheetPdf : draftSheetPdf)(ctx, id);
      return { content: printed.content, contentType: 'application/pdf', filename: printed.filename, inline: true };
    },
  });

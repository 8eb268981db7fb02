// 征集/报送: every report of a request at once (GET /blobs?reports=<documentId>): a zip with 报送情况.csv and each
// unit's report, through the route all made files share (made-files.ts). The use case is app/collection.ts.
import { badInput } from '@yizhan/common';
import { DocumentsErrorCode } from '@yizhan/contracts/documents';
import { reportsZip } from '../app/collection.ts';
import type { DocumentsDeps } from '../deps.ts';
import { madeFileRoute, one } from './made-files.ts';

export const reportRoutes = (deps: DocumentsDeps) =>
  madeFileRoute(deps, {
    param: 'reports',
    failure: 'Download',
    statusOf: { [DocumentsErrorCode.REPORT_STATE]: 409 },
    async make(ctx, query) {
      const documentId = one(query.reports);
      if (!documentId) throw badInput('reports names a document id', 'reports');
      const file = await reportsZip(ctx, documentId);
      return { content: file.content, contentType: 'application/zip', filename: file.filename };
    },
  });

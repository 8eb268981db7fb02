// The archive's internal API: the documents service archives a recipient's copy when its clerk closes the delivery.
// Requests arrive checked against the contract.

import { personName, requireCaller } from '@yizhan/common';
import { archiveApi } from '@yizhan/contracts/archive';
import { serveInternalApi } from '@yizhan/kernel';
import { ingest } from './app/ingest.ts';
import type { ArchiveContext, ArchiveDeps } from './deps.ts';
import { archivedOnCloseBy } from './domain/archiver.ts';

async function ingestNow(ctx: ArchiveContext, { documentId }: { documentId: string }) {
  const caller = requireCaller(ctx);
  const r = await ingest(ctx, caller, documentId, archivedOnCloseBy(personName(caller)));
  return { recordId: r.id, archivalNumber: r.archivalNumber, status: r.status };
}

export const archiveInternalApi = serveInternalApi<typeof archiveApi, ArchiveDeps>(archiveApi, { ingest: ingestNow });

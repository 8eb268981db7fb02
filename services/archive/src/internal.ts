// The archive's internal API: the documents service archives a recipient's copy when its clerk closes the delivery.
import { badInput, requireCaller, type SubgraphContext } from '@yizhan/kernel';
import type { ArchiveDeps } from './deps.ts';
import { ingest } from './store.ts';

/** POST /internal/ingest {documentId}: archive the caller's unit's copy now (its handling closed). */
export async function ingestEndpoint(ctx: SubgraphContext<ArchiveDeps>, body: unknown) {
  const caller = requireCaller(ctx);
  const { documentId } = (body ?? {}) as { documentId?: string };
  if (typeof documentId !== 'string') throw badInput('Expected {documentId}');
  const r = await ingest(ctx, caller, documentId, `${caller.username} (办结)`);
  return { recordId: r.id, archivalNumber: r.archivalNumber, status: r.status };
}

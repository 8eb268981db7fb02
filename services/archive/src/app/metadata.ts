// Correcting a record's metadata: a new version; the earlier ones are kept and the content never changes.

import { type EntityManager } from '@mikro-orm/postgresql';
import { badInput, personName, requireCaller, requiredText, requireRole } from '@yizhan/common';
import { type ArchiveContext } from '../deps.ts';
import { refuseElementsNotOf, refuseUncorrectable, refuseUndisclosedWithoutReason } from '../domain/metadata.ts';
import { ArchiveRecord } from '../entities/ArchiveRecord.ts';
import { appendChain, getRecord } from '../store/records.ts';
import { withDb } from '../store/sql.ts';
import { unitOf } from './checks.ts';

export async function correctArchiveMetadata(id: string, changes: Record<string, unknown>, reason: string, ctx: ArchiveContext): Promise<ArchiveRecord> {
  const caller = requireCaller(ctx);
  requireRole(caller, 'ARCHIVIST');
  const why = requiredText(reason, 'reason', { max: 500 });
  if (!changes || typeof changes !== 'object' || Array.isArray(changes) || !Object.keys(changes).length)
    throw badInput('Name the metadata elements to correct', 'changes', { zh: '至少修改一项元数据' });
  refuseUncorrectable(changes);
  return ctx.em.transactional(async (tx) => {
    const em = tx as EntityManager;
    const r = await getRecord(em, id, caller.orgId);
    refuseElementsNotOf(r.role, changes);
    refuseUndisclosedWithoutReason({ ...r.metadata, ...changes });
    await withDb(em, (db) =>
      db
        .insertInto('archive.metadata_versions')
        .values({
          record_id: r.id,
          org_path: r.orgPath,
          version: r.metadataVersion,
          metadata: JSON.stringify(r.metadata),
          reason: why,
          changed_by_name: personName(caller),
        })
        .execute(),
    );
    r.metadata = { ...r.metadata, ...changes };
    r.metadataVersion += 1;
    if (typeof changes.title === 'string') r.title = changes.title;
    if (typeof changes.docNumber === 'string') r.docNumber = changes.docNumber;
    await em.flush();
    await appendChain(em, unitOf(r), 'CORRECT', r.id, { version: r.metadataVersion, changes, reason: why, by: personName(caller) });
    return r;
  });
}

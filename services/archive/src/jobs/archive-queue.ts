// What waits to be archived, from the documents service's events: a unit's sent document (its 发文), and a
// delivery whose handling the recipient closed (its 收文). The archivist works through the list; a closed delivery
// is usually archived at once (documents asks), and stays listed only if that failed.
import type { EntityManager } from '@mikro-orm/postgresql';
import type { TypedEvent } from '@yizhan/common';
import type { documentsEvents } from '@yizhan/contracts/documents';
import { withDb } from '../store/sql.ts';

export const FOLLOWED = ['document.sent', 'delivery.close'] as const;
type Followed = TypedEvent<(typeof documentsEvents)['payloads'], (typeof FOLLOWED)[number]>;

export async function onDocumentEvent(e: Followed, em: EntityManager): Promise<void> {
  if (e.type === 'document.sent') {
    const p = e.payload;
    await withDb(em, (db) =>
      db
        .insertInto('archive.pending')
        .values({ org_id: p.orgId, org_path: e.orgPath, document_id: p.documentId, role: 'SENDER', title: p.title, doc_number: p.docNumber, reason: 'sent' })
        .onConflict((oc) => oc.doNothing())
        .execute(),
    );
    return;
  }
  const recipientPath = e.otherPath;
  if (recipientPath) {
    await withDb(em, (db) =>
      db
        .insertInto('archive.pending')
        .values({ org_id: e.payload.recipientOrgId, org_path: recipientPath, document_id: e.payload.documentId, role: 'RECIPIENT', reason: 'handling closed' })
        .onConflict((oc) => oc.doNothing())
        .execute(),
    );
  }
}

/** A 信息 the unit published waits to be archived beside its documents (seed 003 §34). */
export async function onInformationPublished(
  e: { orgPath: string; payload: { informationId: string; orgId: string; title: string } },
  em: EntityManager,
): Promise<void> {
  await withDb(em, (db) =>
    db
      .insertInto('archive.pending')
      .values({
        org_id: e.payload.orgId,
        org_path: e.orgPath,
        document_id: e.payload.informationId,
        role: 'INFORMATION',
        title: e.payload.title,
        reason: 'published',
      })
      .onConflict((oc) => oc.doNothing())
      .execute(),
  );
}

/** The unit an event's pending entry belongs to: the recipient for a closed delivery, else the sender. */
export const pendingScope = (e: Followed) => (e.type === 'delivery.close' && e.otherPath ? e.otherPath : e.orgPath);

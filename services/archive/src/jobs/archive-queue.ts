// What waits to be archived, from the documents service's events: a unit's sent document (its 发文), and a
// delivery whose handling the recipient closed (its 收文). The archivist works through the list; a closed delivery
// is usually archived at once (documents asks), and stays listed only if that failed.
import type { EntityManager } from '@mikro-orm/postgresql';
import type { TypedEvent } from '@yizhan/common';
import type { documentsEvents } from '@yizhan/documents/contract';

export const FOLLOWED = ['document.sent', 'delivery.close'] as const;
type Followed = TypedEvent<(typeof documentsEvents)['payloads'], (typeof FOLLOWED)[number]>;

export async function onDocumentEvent(e: Followed, em: EntityManager): Promise<void> {
  if (e.type === 'document.sent') {
    const p = e.payload;
    await em.execute(
      `insert into archive.pending (org_id, org_path, document_id, role, title, doc_number, reason) values (?, ?::ltree, ?, 'SENDER', ?, ?, 'sent') on conflict do nothing`,
      [p.orgId, e.orgPath, p.documentId, p.title, p.docNumber],
    );
    return;
  }
  if (e.otherPath) {
    await em.execute(
      `insert into archive.pending (org_id, org_path, document_id, role, reason) values (?, ?::ltree, ?, 'RECIPIENT', 'handling closed') on conflict do nothing`,
      [e.payload.recipientOrgId, e.otherPath, e.payload.documentId],
    );
  }
}

/** The unit an event's pending entry belongs to: the recipient for a closed delivery, else the sender. */
export const pendingScope = (e: Followed) => (e.type === 'delivery.close' && e.otherPath ? e.otherPath : e.orgPath);

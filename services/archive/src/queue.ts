// What waits to be archived, from the documents service's events: a unit's sent document (its 发文), and a
// delivery whose handling the recipient closed (its 收文). The archivist works through the list; a closed delivery
// is usually archived at once (documents asks), and stays listed only if that failed.
import type { EntityManager } from '@mikro-orm/postgresql';
import type { PublishedEvent } from '@yizhan/kernel';

export async function onDocumentEvent(e: PublishedEvent, em: EntityManager): Promise<void> {
  const p = e.payload as { documentId?: string; orgId?: string; title?: string; recipientOrgId?: string; docNumber?: string };
  if (e.type === 'document.sent' && p.orgId) {
    await em.execute(
      `insert into archive.pending (org_id, org_path, document_id, role, title, doc_number, reason) values (?, ?::ltree, ?, 'SENDER', ?, ?, 'sent') on conflict do nothing`,
      [p.orgId, e.orgPath, p.documentId, p.title ?? null, p.docNumber ?? null],
    );
    return;
  }
  if (e.type === 'delivery.close' && p.recipientOrgId && e.otherPath) {
    await em.execute(
      `insert into archive.pending (org_id, org_path, document_id, role, reason) values (?, ?::ltree, ?, 'RECIPIENT', 'handling closed') on conflict do nothing`,
      [p.recipientOrgId, e.otherPath, p.documentId],
    );
  }
}

/** The unit an event's pending entry belongs to: the recipient for a closed delivery, else the sender. */
export const pendingScope = (e: PublishedEvent) => (e.type === 'delivery.close' && e.otherPath ? e.otherPath : e.orgPath);

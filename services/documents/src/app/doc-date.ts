// 成文日期 when the drafter leaves it empty (GB/T 9704 §7.3.5; 党政机关公文处理工作条例): the date the unit's leader
// 签发 the document, in Beijing time. Derived wherever the document is laid out or shown (the print, the OFD at the
// stamp's request and at the send, the sheet), never written into the document: its approvals and its seal sign its
// canonical content (store/canonical.ts), which holds `docDate`. The same answer each time it is asked once the
// document is approved: the 签发 is recorded once (a withdrawn or resubmitted document is approved again, and its OFD
// stamped again).
// A joint document (联合行文) is dated by the lead's 签发 too, although the standard dates it by the last co-issuer's:
// each co-issuer's seal signs the OFD, with its date, when that co-issuer countersigns, so a 会签 on a later day would
// move the date under the seals already set and the send would refuse the OFD. A drafter who wants the last 会签's
// date writes it in (成文日期 on the draft).
import type { EntityManager } from '@mikro-orm/postgresql';
import { effectiveDocDate } from '../domain/gbt9704.ts';
import type { Document } from '../entities/Document.ts';
import { issuedAt } from '../store/issued.ts';
import { openReservation } from '../store/numbers.ts';

/** The document's 成文日期 (YYYY-MM-DD): its own docDate, else its 签发's Beijing date; null before the 签发. */
export async function docDateOf(em: EntityManager, doc: Document): Promise<string | null> {
  if (doc.docDate) return effectiveDocDate(doc.docDate, []);
  if (doc.status !== 'APPROVED' && doc.status !== 'SENT') return null;
  // A co-issuing unit reads neither the lead's approval steps nor (before it is a recipient) its signed approvals: it
  // reads the lead's number, which a joint document takes in the 签发's own transaction (app/numbering.ts).
  let lead = await issuedAt(em, doc.id);
  if (!lead && doc.coIssuerIds.length && doc.status === 'APPROVED') {
    const numbered = await openReservation(em, doc.id);
    lead = numbered ? new Date(numbered.reserved_at) : null;
  }
  return lead ? effectiveDocDate(null, [lead]) : null;
}

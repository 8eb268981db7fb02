// The send (DESIGN §3.1): checks approval, 密级 and routing, expands recipients, and in one transaction allocates
// the 发文字号, creates one delivery per recipient unit and the events announcing them. Idempotent by key.
// Built for broadcasts: the deliveries and events are two set-based statements, whatever the number of recipients.
import { callInternal, ErrorCode, pgArray, requireCaller, requireRole, YizhanError } from '@yizhan/kernel';
import type { DocumentsContext, Unit } from './deps.ts';
import { formatDocNumber, refuseClassified } from './domain/document.ts';
import type { Document } from './entities/Document.ts';
import { callerUnit, getDocument } from './store.ts';

interface Decision {
  org: { id: string; path: string; name: string; level: string; kind: string };
  role: 'MAIN' | 'CC';
  printQuota: number;
  allowed: boolean;
  ruleId: string | null;
  ruleName: string | null;
  reason: string;
  direction: 'DOWN' | 'UP' | 'LATERAL';
}

/** The year of a 发文字号 is the year in China, whatever the server's time zone. */
const chinaYear = (d: Date) => new Date(d.getTime() + 8 * 3600_000).getUTCFullYear();

function alreadySent(doc: { sendKey: string | null; docNumber: string | null }, key: string): void {
  if (doc.sendKey !== key) {
    throw new YizhanError(ErrorCode.ALREADY_SENT, `This document was already sent as ${doc.docNumber}; it is not sent twice`, { docNumber: doc.docNumber });
  }
}

export async function sendDocument(ctx: DocumentsContext, id: string, sendKey: string, skipRefused: boolean): Promise<Document> {
  const caller = requireCaller(ctx);
  requireRole(caller, 'CLERK', 'DRAFTER');
  const key = sendKey.trim();
  if (!key || key.length > 100) throw new YizhanError(ErrorCode.BAD_INPUT, 'sendKey must be 1–100 characters', { field: 'sendKey' });

  const doc = await getDocument(ctx.em, id);
  if (doc.orgId !== caller.orgId) throw new YizhanError(ErrorCode.FORBIDDEN, 'Only the unit that drafted a document sends it');
  if (doc.status === 'SENT') {
    alreadySent(doc, key);
    return doc; // the same send retried: nothing happens twice
  }
  if (doc.status !== 'APPROVED') {
    throw new YizhanError(
      ErrorCode.NOT_APPROVED,
      `The document is ${doc.status.toLowerCase().replace('_', ' ')}; it is sent only once its approval chain has approved it`,
      {
        status: doc.status,
      },
    );
  }
  refuseClassified(null); // a stored document is non-classified by construction; the check is kept where it matters

  const unit: Unit = await callerUnit(ctx);
  if (!doc.docPrefix) throw new YizhanError(ErrorCode.BAD_INPUT, 'Choose a 机关代字 (docPrefix) before sending', { field: 'docPrefix' });
  if (!unit.docPrefixes.includes(doc.docPrefix)) {
    throw new YizhanError(ErrorCode.BAD_INPUT, `${doc.docPrefix} is not a 机关代字 of ${unit.name} (${unit.docPrefixes.join('、') || 'none set'})`, {
      field: 'docPrefix',
    });
  }
  if (!doc.recipients.length) throw new YizhanError(ErrorCode.BAD_INPUT, 'The document has no recipients', { field: 'recipients' });

  const { decisions } = await callInternal<{ decisions: Decision[] }>(ctx.deps.orgUrl, 'recipients', ctx.callerHeader, {
    docType: doc.docType,
    recipients: doc.recipients,
  });
  const refused = decisions.filter((d) => !d.allowed);
  const allowed = decisions.filter((d) => d.allowed);
  if ((refused.length && !skipRefused) || !allowed.length) {
    const sample = refused.slice(0, 20).map((d) => ({ orgId: d.org.id, orgName: d.org.name, ruleId: d.ruleId, rule: d.ruleName, reason: d.reason }));
    const first = refused[0];
    throw new YizhanError(
      ErrorCode.ROUTING_REFUSED,
      allowed.length
        ? `${refused.length} of ${decisions.length} recipients are refused (first: ${first?.org.name}: ${first?.reason}); nothing was sent. Remove them, or send with skipRefused to send to the others`
        : `No recipient may receive this document (first: ${first?.org.name}: ${first?.reason}); nothing was sent`,
      { refusedCount: refused.length, refused: sample },
    );
  }
  if (!doc.signer && allowed.some((d) => d.direction === 'UP')) {
    throw new YizhanError(ErrorCode.BAD_INPUT, 'A document sent upward names its 签发人 (signer)', { field: 'signer' });
  }

  return ctx.em.transactional(async (em) => {
    // Lock the document: two concurrent sends of it queue here, and the second sees the first's result.
    const [current] = (await em.execute('select status, send_key, doc_number from documents.documents where id = ? for update', [doc.id])) as {
      status: string;
      send_key: string | null;
      doc_number: string | null;
    }[];
    if (current?.status === 'SENT') {
      alreadySent({ sendKey: current.send_key, docNumber: current.doc_number }, key);
      return getDocument(em, doc.id);
    }
    if (current?.status !== 'APPROVED') throw new YizhanError(ErrorCode.NOT_APPROVED, 'The document is no longer approved', { status: current?.status });

    const year = chinaYear(new Date());
    const [{ last_seq: seq }] = (await em.execute(
      `insert into documents.number_counters (org_id, org_path, prefix, year, last_seq) values (?, ?::ltree, ?, ?, 1)
       on conflict (org_id, prefix, year) do update set last_seq = number_counters.last_seq + 1 returning last_seq`,
      [doc.orgId, doc.orgPath, doc.docPrefix, year],
    )) as [{ last_seq: number }];
    const docNumber = formatDocNumber(doc.docPrefix as string, year, seq);
    const sentAt = new Date();

    await em.execute(
      `insert into documents.deliveries (document_id, sender_org_id, sender_path, sender_name, recipient_org_id, recipient_path, recipient_name,
         role, print_quota, doc_type, doc_number, title, urgency, deadline, status, delivered_at)
       select ?, ?, ?::ltree, ?, r.id, r.path::ltree, r.name, r.role, r.quota, ?, ?, ?, ?, ?, 'DELIVERED', ?
       from unnest(?::uuid[], ?::text[], ?::text[], ?::text[], ?::int[]) as r(id, path, name, role, quota)`,
      [
        doc.id,
        doc.orgId,
        doc.orgPath,
        doc.orgName,
        doc.docType,
        docNumber,
        doc.title,
        doc.urgency,
        doc.deadline,
        sentAt,
        pgArray(allowed.map((d) => d.org.id)),
        pgArray(allowed.map((d) => d.org.path)),
        pgArray(allowed.map((d) => d.org.name)),
        pgArray(allowed.map((d) => d.role)),
        `{${allowed.map((d) => d.printQuota).join(',')}}`,
      ],
    );
    ctx.deps.fault?.('after-deliveries');
    await em.execute(
      `insert into documents.outbox (type, org_path, payload)
       select 'delivery.delivered', recipient_path,
              jsonb_build_object('deliveryId', id, 'documentId', document_id, 'recipientOrgId', recipient_org_id,
                                 'docNumber', doc_number, 'urgency', urgency, 'isTelegram', ?::boolean)
       from documents.deliveries where document_id = ?`,
      [doc.isTelegram, doc.id],
    );
    await em.execute(`insert into documents.outbox (type, org_path, payload) values ('document.sent', ?::ltree, ?::jsonb)`, [
      doc.orgPath,
      JSON.stringify({ documentId: doc.id, docNumber, recipientCount: allowed.length, refusedCount: refused.length }),
    ]);
    await em.execute(
      `update documents.documents set status = 'SENT', doc_year = ?, doc_seq = ?, doc_number = ?, sent_at = ?, sent_by = ?, send_key = ?,
         recipient_count = ?, updated_at = now() where id = ?`,
      [year, seq, docNumber, sentAt, caller.userId, key, allowed.length, doc.id],
    );
    em.clear();
    return getDocument(em, doc.id);
  });
}

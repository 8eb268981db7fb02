// The send (DESIGN §3.1): checks approval, 密级 and routing, expands recipients, and in one transaction allocates
// the 发文字号, creates one delivery per recipient unit and the events announcing them. Idempotent by key.
// Built for broadcasts: the deliveries and events are two set-based statements, whatever the number of recipients.
import type { EntityManager } from '@mikro-orm/postgresql';
import { callInternal, ErrorCode, requireCaller, requireRole, YizhanError } from '@yizhan/kernel';
import { sql } from 'kysely';
import { dueFor } from './calendar.ts';
import { canonicalContent } from './canonical.ts';
import type { DocumentsContext, Unit } from './deps.ts';
import { formatDocNumber, refuseClassified } from './domain/document.ts';
import type { Document } from './entities/Document.ts';
import { callerUnit, getDocument } from './store.ts';
import { queueAlerts } from './urgent.ts';

/** The org service's answer: one array per field, one entry per recipient unit; refusals with their rule. */
interface Routed {
  orgIds: string[];
  paths: string[];
  names: string[];
  roles: ('MAIN' | 'CC')[];
  printQuotas: number[];
  directions: ('DOWN' | 'UP' | 'LATERAL')[];
  allowed: boolean[];
  refusals: { orgId: string; orgName: string; ruleId: string | null; rule: string | null; reason: string }[];
  /** For urgent documents: each recipient unit's alert contacts (SMS) and webhook. */
  alertTargets?: { orgId: string; kind: 'SMS' | 'WEBHOOK'; name: string; target: string }[];
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

  const urgent = doc.urgency !== 'NORMAL' || doc.isTelegram;
  const routed = await callInternal<Routed>(ctx.deps.orgUrl, 'recipients', ctx.callerHeader, {
    docType: doc.docType,
    recipients: doc.recipients,
    withAlertTargets: urgent,
  });
  const keep = routed.allowed.flatMap((ok, i) => (ok ? [i] : []));
  const refused = routed.refusals;
  if ((refused.length && !skipRefused) || !keep.length) {
    const first = refused[0];
    throw new YizhanError(
      ErrorCode.ROUTING_REFUSED,
      keep.length
        ? `${refused.length} of ${routed.orgIds.length} recipients are refused (first: ${first?.orgName}: ${first?.reason}); nothing was sent. Remove them, or send with skipRefused to send to the others`
        : `No recipient may receive this document (first: ${first?.orgName}: ${first?.reason}); nothing was sent`,
      { refusedCount: refused.length, refused: refused.slice(0, 20) },
    );
  }
  if (!doc.signer && keep.some((i) => routed.directions[i] === 'UP')) {
    throw new YizhanError(ErrorCode.BAD_INPUT, 'A document sent upward names its 签发人 (signer)', { field: 'signer' });
  }
  const pick = <T>(column: T[]) => keep.map((i) => column[i] as T);
  // A unit with a seal in use sends only what both its custodians stamped, for this very content (issue 6);
  // the stamp travels with the document and every print verifies it.
  const stamp = ctx.deps.sealsUrl
    ? (
        await callInternal<{ required: boolean; stamp: Record<string, unknown> | null }>(ctx.deps.sealsUrl, 'stamp-for-send', ctx.callerHeader, {
          documentId: doc.id,
          canonical: Buffer.from(await canonicalContent(doc, ctx.deps.blobs)).toString('base64'),
        })
      ).stamp
    : null;

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
    // Due by the first inbox check after arrival on a working day, or by an urgent document's deadline.
    const dueAt = await dueFor(em as EntityManager, doc.orgPath, sentAt, doc.deadline);

    // The two statements a broadcast's cost lies in go through Kysely with bound parameters: MikroORM's raw
    // execute inlines every value into the SQL text, which for 10,000 recipients is slower to build and parse.
    const tx = (em as EntityManager).getKysely();
    // One statement writes every delivery and, from what it returns, the event announcing each.
    await sql`
      with delivered as (
        insert into documents.deliveries (document_id, sender_org_id, sender_path, sender_name, recipient_org_id, recipient_path, recipient_name,
          role, print_quota, doc_type, doc_number, title, urgency, deadline, status, delivered_at, due_at)
        select ${doc.id}, ${doc.orgId}, ${doc.orgPath}::ltree, ${doc.orgName}, r.id, r.path::ltree, r.name, r.role, r.quota,
               ${doc.docType}, ${docNumber}, ${doc.title}, ${doc.urgency}, ${doc.deadline}, 'DELIVERED', ${sentAt}, ${dueAt}
        from unnest(${pick(routed.orgIds)}::uuid[], ${pick(routed.paths)}::text[], ${pick(routed.names)}::text[],
                    ${pick(routed.roles)}::text[], ${pick(routed.printQuotas)}::int[]) as r(id, path, name, role, quota)
        returning id, recipient_path, recipient_org_id)
      insert into documents.outbox (type, org_path, other_path, payload)
      select 'delivery.delivered', ${doc.orgPath}::ltree, recipient_path,
             jsonb_build_object('deliveryId', id, 'documentId', ${doc.id}::uuid, 'recipientOrgId', recipient_org_id, 'status', 'DELIVERED',
                                'docNumber', ${docNumber}::text, 'urgency', ${doc.urgency}::text, 'isTelegram', ${doc.isTelegram}::boolean)
      from delivered`.execute(tx);
    ctx.deps.fault?.('after-deliveries');
    // 特急/加急 and 明传电报 alert the recipient units at once, also outside working hours (seed 002 §8): an in-app
    // notification now, SMS and webhook alerts queued in this same transaction and retried until delivered.
    if (urgent) await queueAlerts(em as EntityManager, doc, docNumber, routed.alertTargets ?? []);
    await em.execute(`insert into documents.outbox (type, org_path, payload) values ('document.sent', ?::ltree, ?::jsonb)`, [
      doc.orgPath,
      JSON.stringify({ documentId: doc.id, orgId: doc.orgId, title: doc.title, docNumber, recipientCount: keep.length, refusedCount: refused.length }),
    ]);
    await em.execute(
      `update documents.documents set status = 'SENT', doc_year = ?, doc_seq = ?, doc_number = ?, sent_at = ?, sent_by = ?, send_key = ?,
         recipient_count = ?, stamp = ?::jsonb, updated_at = now() where id = ?`,
      [year, seq, docNumber, sentAt, caller.userId, key, keep.length, stamp ? JSON.stringify(stamp) : null, doc.id],
    );
    em.clear();
    return getDocument(em, doc.id);
  });
}

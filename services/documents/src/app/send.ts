// The send (DESIGN §3.1): checks approval, 密级 and routing, expands recipients, and in one transaction allocates
// the 发文字号 (or uses the one the document took for its stamp, app/numbering.ts), creates one delivery per recipient
// unit and the events announcing them. Idempotent by key.
// Built for broadcasts: the deliveries and events are two set-based statements, whatever the number of recipients.
import type { EntityManager } from '@mikro-orm/postgresql';
import { badInputSaid, beijingDateTime, beijingYear, ErrorCode, personName, requireCaller, requireRole, YizhanError } from '@yizhan/common';
import { DocumentsErrorCode, documentsEvents } from '@yizhan/contracts/documents';
import { OrgErrorCode, recipientSpec } from '@yizhan/contracts/org';
import type { Stamp } from '@yizhan/contracts/seals';
import { emit } from '@yizhan/kernel';
import { sql } from 'kysely';
import type { DocumentsContext, Unit } from '../deps.ts';
import {
  counterYear,
  docTypeProblem,
  formatDocNumber,
  isBriefing,
  isOrder,
  numberStyleOf,
  prefixProblem,
  refuseClassified,
  upwardBriefingProblem,
} from '../domain/document.ts';
import { packOfd } from '../domain/ofd/index.ts';
import { contentDigest } from '../domain/receipts.ts';
import type { Document } from '../entities/Document.ts';
import { dueFor } from '../store/calendar.ts';
import { canonicalContent } from '../store/canonical.ts';
import { insertDeliveries } from '../store/deliveries.ts';
import { callerUnit, getDocument } from '../store/documents.ts';
import { fittingReservation, markSent, nextSeq, openReservation } from '../store/numbers.ts';
import { withDb } from '../store/sql.ts';
import { onReplySent, openCollectionOnSend } from './collection.ts';
import { answerReturns } from './correction.ts';
import { jointIssuersForSend } from './joint-issue.ts';
import { ofdSource, sealedSentOfd, storeSentOfd } from './ofd.ts';

function alreadySent(doc: { sendKey: string | null; docNumber: string | null }, key: string): void {
  if (doc.sendKey !== key) {
    throw new YizhanError(DocumentsErrorCode.ALREADY_SENT, `This document was already sent as ${doc.docNumber}; it is not sent twice`, {
      docNumber: doc.docNumber,
    });
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
      DocumentsErrorCode.NOT_APPROVED,
      `The document is ${doc.status.toLowerCase().replace('_', ' ')}; it is sent only once its approval chain has approved it`,
      {
        status: doc.status,
      },
    );
  }
  refuseClassified(null); // a stored document is non-classified by construction; the check is kept where it matters
  // 征集 set in 拟稿: a deadline that passed while the document was approved would make every report late at once.
  if (doc.reportDeadline && doc.reportDeadline.getTime() <= Date.now()) {
    throw new YizhanError(
      DocumentsErrorCode.REPORT_DEADLINE_PASSED,
      `The reporting deadline set in the draft (${beijingDateTime(doc.reportDeadline)}) has passed: set a new one (征集) before sending`,
      { field: 'reportDeadline' },
    );
  }

  const unit: Unit = await callerUnit(ctx);
  const urgent = doc.urgency !== 'NORMAL' || doc.isTelegram;
  const { routed, keep, refused } = await routeForSend(ctx, doc, unit, { withAlertTargets: urgent, skipRefused });
  // 联合行文: refused early when a co-issuer has not countersigned (checked again, held, in the transaction).
  const joint = await jointIssuersForSend(ctx.em, doc);
  const pick = <T>(column: T[]) => keep.map((i) => column[i] as T);
  // A unit with a seal in use sends only what both its custodians stamped, for this very content (issue 6);
  // the stamp travels with the document and every print verifies it. Its digest is kept for the receipts.
  const canonical = await canonicalContent(doc, ctx.deps.blobs);
  const stamp = ctx.deps.seals
    ? (await ctx.deps.seals.call('stamp-for-send', ctx.callerHeader, { documentId: doc.id, canonical: Buffer.from(canonical).toString('base64') })).stamp
    : null;

  // The OFD 版式 file (app/ofd.ts) is laid out from what is read here, once the number and time are known. Numbered for
  // its stamp and signed by the seal: laid out now with that number, and refused if it is not what the seal signed.
  const reserved = await openReservation(ctx.em, doc.id);
  // 联合行文: each co-issuer's seal signed it too, as its stamp (kept with its 会签) brought it.
  const coSigned = joint.flatMap((j, i) => {
    const ofd = (j.stamp as Stamp | null)?.ofd;
    return ofd ? [{ position: i + 1, orgName: j.orgName, ofd }] : [];
  });
  const signedOfd =
    ctx.deps.ofd !== false && reserved && (stamp?.ofd || coSigned.length) ? await sealedSentOfd(ctx, doc, reserved, stamp?.ofd ?? null, coSigned) : null;
  const source = ctx.deps.ofd === false || signedOfd ? null : await ofdSource(ctx, doc);

  return ctx.em.transactional(async (em) => {
    // Lock the document: two concurrent sends of it queue here, and the second sees the first's result.
    const current = await withDb(em as EntityManager, (db) =>
      db.selectFrom('documents.documents').select(['status', 'send_key', 'doc_number']).where('id', '=', doc.id).forUpdate().executeTakeFirst(),
    );
    if (current?.status === 'SENT') {
      alreadySent({ sendKey: current.send_key, docNumber: current.doc_number }, key);
      return getDocument(em, doc.id);
    }
    if (current?.status !== 'APPROVED')
      throw new YizhanError(DocumentsErrorCode.NOT_APPROVED, 'The document is no longer approved', { status: current?.status });

    const jointIssuers = await jointIssuersForSend(em as EntityManager, doc);
    // The number the document took for its stamp, if it still fits (its 机关代字), else the counter's next.
    const held = await fittingReservation(em as EntityManager, doc.id, doc.docPrefix, personName(caller));
    if (signedOfd && held?.id !== reserved?.id) {
      throw new YizhanError(DocumentsErrorCode.OFD_CHANGED, 'The document’s number changed while it was being sent: ask for the stamp again', {
        changed: ['发文字号'],
      });
    }
    const year = held ? held.year : beijingYear();
    const seq = held
      ? held.seq
      : await nextSeq(em as EntityManager, { orgId: doc.orgId, orgPath: doc.orgPath, prefix: doc.docPrefix as string, year: counterYear(doc.docType, year) });
    if (held) await markSent(em as EntityManager, held.id);
    const docNumber = formatDocNumber(doc.docPrefix as string, year, seq, numberStyleOf(unit, doc.docType, doc.docPrefix));
    const sentAt = new Date();
    // Due by the first inbox check after arrival on a working day, or by an urgent document's deadline.
    const dueAt = await dueFor(em as EntityManager, doc.orgPath, sentAt, doc.deadline);

    // 修改后重发: the returned deliveries of the original this correction reaches are answered by it (app/correction.ts).
    const parentIds = await answerReturns(em as EntityManager, caller, doc, pick(routed.orgIds), docNumber);
    const inserting = insertDeliveries(em as EntityManager, {
      doc: { ...doc, docNumber, sentAt },
      parentIds,
      recipients: {
        orgIds: pick(routed.orgIds),
        paths: pick(routed.paths),
        names: pick(routed.names),
        roles: pick(routed.roles),
        printQuotas: pick(routed.printQuotas),
        directions: pick(routed.directions),
      },
      deliveredAt: sentAt,
      dueAt,
      alerts: urgent ? { targets: routed.alertTargets } : null,
    });
    // The OFD, once per document, whatever the number of recipients: laid out in the next turn of the event loop, once
    // the deliveries' statement is on its way, so that it renders while PostgreSQL writes them; stored before the commit.
    const ofd = signedOfd
      ? ctx.deps.blobs.put(packOfd(signedOfd, sentAt)).then((b) => b.sha256)
      : source
        ? new Promise((next) => setImmediate(next)).then(() =>
            storeSentOfd(
              ctx,
              { ...source, stamped: Boolean(stamp) || jointIssuers.some((j) => j.stamp), coIssuerNames: jointIssuers.map((j) => j.orgName) },
              { id: doc.id, docNumber, sentAt, docType: doc.docType },
            ),
          )
        : null;
    await inserting;
    ctx.deps.fault?.('after-deliveries');
    await emit(
      em as EntityManager,
      documentsEvents.event(
        'document.sent',
        { documentId: doc.id, orgId: doc.orgId, title: doc.title, docNumber, recipientCount: keep.length, refusedCount: refused.length },
        { orgPath: doc.orgPath },
      ),
    );
    const ofdSha256 = await ofd;
    await withDb(em as EntityManager, (db) =>
      db
        .updateTable('documents.documents')
        .set({
          status: 'SENT',
          doc_year: year,
          doc_seq: seq,
          doc_number: docNumber,
          sent_at: sentAt,
          sent_by: caller.userId,
          send_key: key,
          recipient_count: keep.length,
          stamp: stamp ? JSON.stringify(stamp) : null,
          joint_issuers: JSON.stringify(jointIssuers),
          ofd_sha256: ofdSha256,
          content_sha256: contentDigest(canonical),
          // 征集 set in 拟稿 is asked as the document goes (openCollectionOnSend below opens the reports and tells the units).
          report_requested_at: doc.reportDeadline ? sentAt : null,
          updated_at: sql<Date>`now()`,
        })
        .where('id', '=', doc.id)
        .execute(),
    );
    // A reply counts as its unit's report where the original asked for reports (征集), and as a step of its handling.
    await onReplySent(em as EntityManager, caller, doc, docNumber, sentAt);
    await openCollectionOnSend(em as EntityManager, doc, docNumber, personName(caller));
    em.clear();
    return getDocument(em, doc.id);
  });
}

/**
 * What a send checks of the draft itself, before anything is written: its 机关代字, its recipients as org expands and
 * routes them (unknown units, print quotas, routing rules), and the 签发人 of a document sent upward. The submission
 * for approval checks the same (approve.ts), so that an approved document is not one its send must refuse; there a
 * recipient some rule refuses is let through (`skipRefused`: the send may leave it out), none allowed is not.
 */
export async function routeForSend(ctx: DocumentsContext, doc: Document, unit: Unit, opts: { withAlertTargets: boolean; skipRefused: boolean }) {
  const typeBad = docTypeProblem(unit, doc.docType);
  if (typeBad) throw badInputSaid(typeBad, 'docType');
  if (!doc.docPrefix)
    throw new YizhanError(
      ErrorCode.BAD_INPUT,
      `Choose a ${isOrder(doc.docType) ? '令 (an order’s 令号)' : isBriefing(doc.docType) ? '简报刊名' : '机关代字'} (docPrefix) before sending`,
      {
        field: 'docPrefix',
      },
    );
  const prefixBad = prefixProblem(unit, doc.docType, doc.docPrefix);
  if (prefixBad) throw badInputSaid(prefixBad, 'docPrefix');
  if (!doc.recipients.length) throw new YizhanError(ErrorCode.BAD_INPUT, 'The document has no recipients', { field: 'recipients' });
  const routed = await ctx.deps.org.call('recipients', ctx.callerHeader, {
    docType: doc.docType,
    // Stored as the draft gave them (checked then); read back by the org contract's schema.
    recipients: recipientSpec.array().parse(doc.recipients),
    withAlertTargets: opts.withAlertTargets,
    // A reply (答复) reaches the original's sender by the rules' reply exception (app/reply.ts).
    replyToOrgId: doc.replyToOrgId,
  });
  // A selection with no unit in it (all county-level units below an office) names nobody: said as such, not as a refusal.
  if (!routed.orgIds.length)
    throw new YizhanError(ErrorCode.BAD_INPUT, 'The recipients name no unit (a selection with no unit below its root): choose the recipients again', {
      field: 'recipients',
    });
  const keep = routed.allowed.flatMap((ok, i) => (ok ? [i] : []));
  const refused = routed.refusals;
  if ((refused.length && !opts.skipRefused) || !keep.length) {
    const first = refused[0];
    throw new YizhanError(
      OrgErrorCode.ROUTING_REFUSED,
      keep.length
        ? `${refused.length} of ${routed.orgIds.length} recipients are refused (first: ${first?.orgName}: ${first?.reason}); nothing was sent. Remove them, or send with skipRefused to send to the others`
        : `No recipient may receive this document (first: ${first?.orgName}: ${first?.reason}); nothing was sent`,
      { refusedCount: refused.length, refused: refused.slice(0, 20) },
    );
  }
  const upward = keep.some((i) => routed.directions[i] === 'UP');
  if (!doc.signer && (upward || isOrder(doc.docType))) {
    const what = upward ? 'A document sent upward' : 'A 命令（令）, which carries its 签发人’s 职务 and 签名章 (GB/T 9704 §7.3.5.3),';
    throw new YizhanError(DocumentsErrorCode.SIGNER_REQUIRED, `${what} names its 签发人 (signer): one of the unit’s leaders`, {
      field: 'signer',
    });
  }
  const briefing = upward ? upwardBriefingProblem(unit, doc.docType, doc.docPrefix) : null;
  if (briefing) throw new YizhanError(DocumentsErrorCode.BRIEFING_UPWARD, briefing, { field: 'docPrefix', allowed: unit.briefingTitles?.[0] });
  return { routed, keep, refused };
}

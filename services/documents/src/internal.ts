// The documents service's internal API, for the seals service and the archive (never exposed by the gateway): the
// handlers of the calls its contract declares. Requests arrive checked against the contract.
import { badInput, DISCLOSURE_WORDS, notFound, requireCaller } from '@yizhan/common';
import { documentsApi, documentsLiveApi } from '@yizhan/contracts/documents';
import { isUuid, serveInternalApi, sha256Hex } from '@yizhan/kernel';
import { sql } from 'kysely';
import { liveEventsBetween, liveGrants, liveReplay } from './app/live-receipts.ts';
import { reserveNumber } from './app/numbering.ts';
import { ofdToSign } from './app/ofd.ts';
import { peerSealVerification } from './app/peer-intake.ts';
import { draftSheetOf, handlingSheetOf } from './app/sheets.ts';
import { approvalEnvelopes } from './app/signed-approvals.ts';
import type { DocumentsContext, DocumentsDeps } from './deps.ts';
import type { Document } from './entities/Document.ts';
import { canonicalContent } from './store/canonical.ts';
import { getDocument, sentProgress } from './store/documents.ts';
import { withDb } from './store/sql.ts';

async function canonical(ctx: DocumentsContext, { documentId, peerSeal }: { documentId: string; peerSeal?: boolean }) {
  requireCaller(ctx);
  if (!isUuid(documentId)) throw notFound('Document', documentId);
  const doc = await getDocument(ctx.em, documentId);
  return {
    id: doc.id,
    title: doc.title,
    status: doc.status,
    orgId: doc.orgId,
    orgPath: doc.orgPath,
    coIssuerIds: doc.coIssuerIds,
    canonical: Buffer.from(await canonicalContent(doc, ctx.deps.blobs)).toString('base64'),
    stamp: doc.stamp,
    peerSeal: peerSeal && doc.peerOrigin ? await peerSealVerification(ctx.deps.blobs, doc.peerOrigin) : null,
  };
}

/** The documents a document is linked to as the archive files them: the one it answers, passes on or corrects. */
function relationsOf(doc: Document) {
  return [
    ...(doc.replyTo && doc.replyToDocumentId
      ? [{ kind: 'REPLY_TO', documentId: doc.replyToDocumentId, title: doc.replyTo.title, docNumber: doc.replyTo.docNumber, orgName: doc.replyTo.orgName }]
      : []),
    ...(doc.forwardOf && doc.forwardOfDocumentId
      ? [
          {
            kind: 'FORWARD_OF',
            documentId: doc.forwardOfDocumentId,
            title: doc.forwardOf.title,
            docNumber: doc.forwardOf.docNumber,
            orgName: doc.forwardOf.orgName,
          },
        ]
      : []),
    ...(doc.correctionOf
      ? [
          {
            kind: 'CORRECTION_OF',
            documentId: doc.correctionOf.documentId,
            title: doc.correctionOf.title,
            docNumber: doc.correctionOf.docNumber,
            orgName: doc.orgName,
          },
        ]
      : []),
  ];
}

async function archivalPackage(ctx: DocumentsContext, { documentId }: { documentId: string }) {
  const caller = requireCaller(ctx);
  if (!isUuid(documentId)) throw notFound('Document', documentId);
  const doc = await getDocument(ctx.em, documentId);
  if (doc.status !== 'SENT') throw badInput('Only a sent document is archived', 'documentId');
  const sender = doc.orgId === caller.orgId;
  const file = async (sha256: string) => ((await ctx.deps.blobs.get(sha256)) ?? Buffer.alloc(0)).toString('base64');
  const deliveries = await withDb(ctx.em, (db) =>
    db
      .selectFrom('documents.deliveries as d')
      .select([
        'd.id',
        'd.recipient_org_id',
        'd.recipient_name',
        'd.role',
        'd.status',
        'd.delivered_at',
        'd.received_at',
        'd.received_by_name',
        'd.receipt_action',
        'd.print_quota',
        // The delivery's history as one JSON list, oldest first.
        // The recipient unit's handling (拟办, 批示, 承办, 传阅, 催办, 办结): its own rows only (row-level security), so a
        // sender's package carries none of its recipients' handling.
        sql<unknown>`(select json_build_object('status', x.status, 'proposal', x.proposal, 'proposedBy', x.proposed_by_name, 'instruction', x.instruction,
                       'instructedBy', x.instructed_by_name, 'deadline', x.deadline, 'result', x.result, 'concludedBy', x.concluded_by_name, 'concludedAt', x.concluded_at,
                       'tasks', coalesce((select json_agg(json_build_object('section', t.section_name, 'role', t.role, 'deadline', t.deadline, 'status', t.status,
                          'acceptedBy', t.accepted_by_name, 'result', t.result, 'doneBy', t.done_by_name, 'doneAt', t.done_at) order by t.role desc, t.section_name)
                          from documents.handling_tasks t where t.delivery_id = x.delivery_id), '[]'),
                       'readers', coalesce((select json_agg(json_build_object('name', r.user_name, 'readAt', r.read_at, 'comment', r.comment) order by r.sent_at)
                          from documents.handling_readers r where r.delivery_id = x.delivery_id), '[]'),
                       'steps', coalesce((select json_agg(json_build_object('action', s.action, 'actor', s.actor_name, 'note', s.note, 'channel', s.channel, 'at', s.at) order by s.id)
                          from documents.handling_history s where s.delivery_id = x.delivery_id), '[]'))
                     from documents.handlings x where x.delivery_id = d.id)`.as('handling'),
        sql<unknown>`coalesce((select json_agg(json_build_object('action', h.action, 'from', h.from_status, 'to', h.to_status, 'actor', h.actor_name,
                       'reason', h.reason, 'note', h.note, 'at', h.at) order by h.at, h.id) from documents.delivery_history h where h.delivery_id = d.id), '[]')`.as(
          'history',
        ),
      ])
      .where('d.document_id', '=', doc.id)
      .$if(!sender, (qb) => qb.where('d.recipient_org_id', '=', caller.orgId))
      .orderBy('d.recipient_path')
      .execute(),
  );
  if (!sender && !deliveries.length) throw notFound('Document', documentId);
  return {
    role: sender ? ('SENDER' as const) : ('RECIPIENT' as const),
    document: {
      id: doc.id,
      orgId: doc.orgId,
      orgName: doc.orgName,
      docType: doc.docType,
      docNumber: doc.docNumber,
      title: doc.title,
      signer: doc.signer,
      mainTo: doc.mainTo,
      ccTo: doc.ccTo,
      urgency: doc.urgency,
      isTelegram: doc.isTelegram,
      docDate: doc.docDate,
      signatureLine: doc.signatureLine,
      notes: doc.notes,
      printingOrg: doc.printingOrg,
      printingDate: doc.printingDate,
      attachmentsOnPaper: doc.attachmentsOnPaper,
      paperNote: doc.paperNote,
      // 公开属性 as the catalogue records it, in words (null: the document was never marked).
      disclosure: doc.disclosure ? DISCLOSURE_WORDS[doc.disclosure] : null,
      disclosureReason: doc.disclosureReason,
      // The documents it answers (答复: 来文 and 复文, DA/T 22), passes on or corrects, so the archive can file them
      // together with what it holds of them.
      relations: relationsOf(doc),
      sentAt: doc.sentAt,
      authorName: doc.authorName,
      classification: null,
    },
    body: { name: '正文.html', contentType: 'text/html; charset=utf-8', sha256: doc.bodySha256, data: await file(doc.bodySha256) },
    attachments: await Promise.all(
      doc.attachments.map(async (a) => ({ name: a.name, contentType: a.contentType, sha256: a.sha256, data: await file(a.sha256) })),
    ),
    // The 版式文件 as made at the send (GB/T 33190 OFD), kept by the archive beside the body it was laid out from.
    layout: doc.ofdSha256
      ? { name: `${doc.docNumber ?? doc.title}.ofd`, contentType: 'application/ofd', sha256: doc.ofdSha256, data: await file(doc.ofdSha256) }
      : null,
    stamp: doc.stamp,
    canonical: Buffer.from(await canonicalContent(doc, ctx.deps.blobs)).toString('base64'),
    deliveries,
    ...(await filedWith(ctx, doc, sender, deliveries)),
  };
}

/** What the office files with its copy (DA/T 22: the 稿纸 or 处理单 goes with the document): the sender's 发文稿纸 and
 * its signed approvals; a recipient's 收文处理单 of the delivery it signed for. */
async function filedWith(ctx: DocumentsContext, doc: Document, sender: boolean, deliveries: { id: string }[]) {
  const pdf = (s: { content: Buffer; filename: string }) => ({
    name: s.filename,
    contentType: 'application/pdf',
    sha256: sha256Hex(s.content),
    data: s.content.toString('base64'),
  });
  if (sender) {
    const approvals = Buffer.from(`${JSON.stringify(await approvalEnvelopes(ctx.em, doc.id), null, 2)}\n`, 'utf8');
    return {
      form: pdf(await draftSheetOf(ctx, doc)),
      approvals: { name: '审批签名.json', contentType: 'application/json', sha256: sha256Hex(approvals), data: approvals.toString('base64') },
    };
  }
  for (const d of deliveries) {
    const sheet = await handlingSheetOf(ctx, d.id);
    if (sheet) return { form: pdf(sheet), approvals: null };
  }
  return { form: null, approvals: null };
}

const served = serveInternalApi<typeof documentsApi, DocumentsDeps>(documentsApi, {
  canonical,
  // 登记 before 用印 (app/numbering.ts), and what the seal signs of the OFD (app/ofd.ts).
  'reserve-number': async (ctx, { documentId }) => {
    const r = await reserveNumber(ctx, documentId);
    return { docNumber: r?.doc_number ?? null, reservedAt: r ? new Date(r.reserved_at).toISOString() : null };
  },
  'ofd-to-sign': (ctx, input) => ofdToSign(ctx, input),
  'sent-progress': async (ctx, { documentIds }) => ({ progress: await sentProgress(ctx.em, requireCaller(ctx).orgId, documentIds) }),
  'archival-package': archivalPackage,
});
// The gateway's live edge asks what a subscriber may see, and what a resuming one missed, one by one or in batches
// (app/live-receipts.ts).
const live = serveInternalApi<typeof documentsLiveApi, DocumentsDeps>(documentsLiveApi, {
  'live-grants': async (ctx, { requests }) => ({ answers: await liveGrants(ctx, requests) }),
  'live-events': (ctx, { after, upTo }) => liveEventsBetween(ctx, after, upTo),
  'live-replay': (ctx, { field, args, after, upTo }) => liveReplay(ctx, field, args, after, upTo),
});
export const documentsInternalApi = {
  service: served.service,
  endpoints: { ...served.endpoints, ...live.endpoints },
  serviceCallers: { ...served.serviceCallers, ...live.serviceCallers },
  each: { ...served.each, ...live.each },
};

// 对端来文 (issue 19): a document taken in from a peer platform — another deployment, such as the national platform
// delivering to a province government (seed 000 §1, §9). The exchange, holding the API token of the peer's stand-in
// unit here, hands over the evidence package the peer exported for the delivery; it is verified against the roots
// pinned for that peer (org's `peer`), and becomes here a sent document of the stand-in with one delivery to the
// unit the peer delivers to. From there the clerk checks, signs for (签收), registers and forwards it like any other.
import { badInput, conflict, contentTypeOfName, forbidden, requireCaller, YizhanError } from '@yizhan/common';
import { DocumentsErrorCode, type PeerSealVerification } from '@yizhan/contracts/documents';
import { type Manifest, readSesSignature, unzipEvidence, verifyPackage } from '@yizhan/crypto';
import { type BlobStore, sha256Hex } from '@yizhan/kernel';
import type { DocumentsContext } from '../deps.ts';
import { SIGNED_STATUSES, UNSIGNED_STATUSES } from '../domain/delivery.ts';
import { beijingDateTime } from '../domain/gbt9704.ts';
import { contentDigest } from '../domain/receipts.ts';
import { Delivery } from '../entities/Delivery.ts';
import { Document, type PeerOrigin } from '../entities/Document.ts';
import { dueFor } from '../store/calendar.ts';
import { canonicalContent } from '../store/canonical.ts';
import { insertDeliveries } from '../store/deliveries.ts';
import { getDelivery } from '../store/documents.ts';
import { keepContentDigest, type PeerTwin, peerDeliveriesHere, peerDeliveriesNotReceived, peerTwinsOfDocument } from '../store/peer-documents.ts';
import { applyAction } from './delivery-life.ts';
import { isOaSystem } from './reply.ts';

/** The largest package taken in: a document's files at their most (YIZHAN_MAX_DOCUMENT_KB, 50 MB) and its evidence. */
export const PEER_PACKAGE_MAX_BYTES = 52 * 1024 * 1024;

/** What the peer's canonical content says of the document (GB/T 9704 elements; the body and files by SHA-256). */
interface PeerCanonical {
  documentId: string;
  orgName: string;
  docType: string;
  docPrefix: string | null;
  title: string;
  signer: string | null;
  /** An order's 签发人职务, where the peer kept one. */
  signerPost?: string;
  mainTo: string | null;
  ccTo: string | null;
  body: string;
  attachments: { name: string; sha256: string; size: number }[];
  attachmentsOnPaper: boolean;
  paperNote: string | null;
  signatureLine: string | null;
  docDate: string | null;
  notes: string | null;
  printingOrg: string | null;
  printingDate: string | null;
  urgency: string;
  isTelegram: boolean;
  deadline: string | null;
}

/** The package's files; a package that is not a zip is refused as one that does not verify. */
function unzipped(zip: Uint8Array, platform: string): Map<string, Uint8Array> {
  try {
    return unzipEvidence(zip);
  } catch {
    throw new YizhanError(DocumentsErrorCode.PEER_PACKAGE_REFUSED, `The evidence package from ${platform} is not a complete zip (不是完整的 zip 证据包)`, {
      field: 'evidencePackage',
      failed: ['package'],
    });
  }
}

/** The package's files (verified) as its manifest names them: one of a kind, or all of a kind. */
function filesOf(files: Map<string, Uint8Array>) {
  const manifest = JSON.parse(new TextDecoder().decode(files.get('META-INF/manifest.json'))) as Manifest;
  const all = (kind: string) => manifest.items.filter((i) => i.kind === kind).map((i) => ({ ...i, bytes: files.get(i.path) as Uint8Array }));
  return { manifest, all, one: (kind: string) => all(kind)[0] };
}

/** The peer platform the caller stands in for, if the caller is that stand-in's API token (the exchange); else refused. */
export async function peerOfExchange(ctx: DocumentsContext) {
  const caller = requireCaller(ctx);
  const peer = isOaSystem(caller) ? await ctx.deps.org.call('peer', ctx.callerHeader, {}) : null;
  if (!peer) throw forbidden('Only the exchange of a peer platform (the API token of its stand-in unit) hands over documents from it');
  return { caller, peer };
}

/**
 * Who acted on the peer platform (opened it, signed for it), with that platform's name, as the exchange reports it
 * back: only a stand-in's token says so; anyone else naming a person is FORBIDDEN.
 */
export async function namedOnPeer(ctx: DocumentsContext, who: string, field: string): Promise<string> {
  const name = who.trim();
  if (!name || name.length > 50 || /\p{Cc}/u.test(name))
    throw badInput('Name who acted on the peer platform in 1–50 characters', field, { length: { min: 1, max: 50 } });
  const { peer } = await peerOfExchange(ctx);
  return `${name}（${peer.platform}）`;
}

/** A delivery here that stands: arrived and not sent back, withdrawn or replaced. */
const STANDING = new Set<string>([...UNSIGNED_STATUSES, ...SIGNED_STATUSES]);

/** The most peer deliveries asked about at once. */
export const PEER_DELIVERIES_MAX = 500;

/**
 * For the exchange: what became here of the peer's deliveries it handed over (each one's delivery here, with its
 * status — 签收, 退回 — to report back to the peer); deliveries not handed over are left out.
 */
export async function peerDeliveries(ctx: DocumentsContext, peerDeliveryIds: string[]): Promise<{ peerDeliveryId: string; delivery: Delivery }[]> {
  const { caller } = await peerOfExchange(ctx);
  if (peerDeliveryIds.length > PEER_DELIVERIES_MAX) throw badInput(`Ask for at most ${PEER_DELIVERIES_MAX} peer deliveries at once`, 'peerDeliveryIds');
  const keys = [...new Set(peerDeliveryIds.map((id) => id.trim()).filter(Boolean))];
  if (!keys.length) return [];
  return withDeliveries(ctx, await peerDeliveriesHere(ctx.em, caller.orgId, keys));
}

/**
 * For the exchange: the peer deliveries it handed over that their unit here has not yet received (接收), oldest first —
 * those a recall (撤回) on the peer may still withdraw here.
 */
export async function peerDeliveriesNotYetReceived(ctx: DocumentsContext): Promise<{ peerDeliveryId: string; delivery: Delivery }[]> {
  const { caller } = await peerOfExchange(ctx);
  return withDeliveries(ctx, await peerDeliveriesNotReceived(ctx.em, caller.orgId, PEER_DELIVERIES_MAX));
}

async function withDeliveries(ctx: DocumentsContext, found: PeerTwin[]) {
  const deliveries = new Map((await ctx.em.find(Delivery, { id: { $in: found.map((f) => f.id) } })).map((d) => [d.id, d]));
  return found.map((f) => ({ peerDeliveryId: f.peerDeliveryId, delivery: deliveries.get(f.id) as Delivery }));
}

const peerKey = (id: string, field: string) => {
  const key = id.trim();
  if (!key || key.length > 100) throw badInput('Name the delivery on the peer platform (its id, 1–100 characters)', field, { length: { min: 1, max: 100 } });
  return key;
};

/**
 * Takes in a peer delivery's document. A resend there (重发, or 修改后重发: `resendOf` names the peer delivery it
 * replaces) answers the 退回 or 请求重发 reported back from here: its twin here is replaced the same way, the new
 * delivery linked to the old one, so the clerk's inbox and the stand-in's board read as for a resend within the platform.
 */
export async function receiveFromPeer(
  ctx: DocumentsContext,
  peerDeliveryId: string,
  evidencePackage: string,
  resendOf: string | null = null,
): Promise<Delivery> {
  const { caller, peer } = await peerOfExchange(ctx);
  const deliveryKey = peerKey(peerDeliveryId, 'peerDeliveryId');
  // Given at all, it names a delivery: "" is no resend, and refused as such.
  const replacesKey = resendOf !== null && resendOf !== undefined ? peerKey(resendOf, 'resendOf') : null;
  if (peer.receiving.status !== 'ACTIVE') throw badInput(`${peer.receiving.name} is closed: nothing is delivered to it`, 'peerDeliveryId');

  const [existing] = await peerDeliveriesHere(ctx.em, caller.orgId, [deliveryKey]);
  if (existing) return getDelivery(ctx.em, existing.id);

  if (evidencePackage.length > (PEER_PACKAGE_MAX_BYTES * 4) / 3 + 4 || !/^[A-Za-z0-9+/]*={0,2}$/.test(evidencePackage))
    throw badInput(`The evidence package must be base64 of at most ${PEER_PACKAGE_MAX_BYTES / 1024 / 1024} MB`, 'evidencePackage');
  const zip = new Uint8Array(Buffer.from(evidencePackage, 'base64'));
  const roots = peer.roots.map((r) => new Uint8Array(Buffer.from(r, 'base64')));
  const files = unzipped(zip, peer.platform);
  const verified = verifyPackage(files, { roots });
  if (!verified.valid) {
    const failed = verified.verdicts.filter((v) => !v.ok);
    throw new YizhanError(
      DocumentsErrorCode.PEER_PACKAGE_REFUSED,
      `The evidence package from ${peer.platform} does not verify against its pinned roots: ${failed.map((v) => `${v.item}: ${v.zh}（${v.en}）`).join('; ')}`,
      { field: 'evidencePackage', failed: failed.map((v) => v.item) },
    );
  }
  const { manifest, one, all } = filesOf(files);
  const canonical = JSON.parse(new TextDecoder().decode(one('canonical')?.bytes)) as PeerCanonical;

  // Scanned as an upload is, before anything is kept: a document from another platform enters this one too.
  for (const f of [...all('attachment'), ...all('body')]) {
    const infected = await ctx.deps.scan(f.path, Buffer.from(f.bytes));
    if (infected)
      throw new YizhanError(
        DocumentsErrorCode.FILE_INFECTED,
        `The package from ${peer.platform} carries a file that did not pass the malware scan (${f.path}): ${infected}`,
        {
          field: 'evidencePackage',
        },
      );
  }
  // The files, kept here by their SHA-256 (the verifier checked each against the canonical content).
  const { blobs } = ctx.deps;
  const body = await blobs.put(Buffer.from(one('body')?.bytes as Uint8Array));
  const attachmentFiles = all('attachment');
  const attachments = await Promise.all(
    canonical.attachments.map(async (a) => {
      const file = attachmentFiles.find((f) => f.sha256 === a.sha256) as { bytes: Uint8Array; contentType?: string };
      const kept = await blobs.put(Buffer.from(file.bytes));
      return { name: a.name, sha256: kept.sha256, size: kept.size, contentType: mediaType(file.contentType) ?? contentTypeOfName(a.name) };
    }),
  );
  const ofd = one('ofd');
  const ofdKept = ofd ? await blobs.put(Buffer.from(ofd.bytes)) : null;
  const kept = await blobs.put(Buffer.from(zip));

  return ctx.em.transactional(async (em) => {
    // One intake of a peer's document at a time for the unit: requests handed over together (a retry beside the first,
    // a replay under another delivery id) each see what the one before them took in, not the same empty table.
    await em.execute('select pg_advisory_xact_lock(hashtext(?))', [`peer-intake:${caller.orgId}:${canonical.documentId}`]);
    const [already] = await peerDeliveriesHere(em, caller.orgId, [deliveryKey]);
    if (already) return getDelivery(em, already.id);
    // What it replaces here: the twin of the peer delivery it resends, when that was returned or asked to be resent.
    const [replaced] = replacesKey ? await peerDeliveriesHere(em, caller.orgId, [replacesKey]) : [];
    const answers = replaced && (replaced.status === 'RETURNED' || replaced.status === 'RESEND_REQUESTED') ? replaced : null;
    // A genuine package handed over again under another delivery's id (a replay) would deliver the document twice:
    // while it stands here (arrived, received, signed for), the same document comes again only as a resend.
    const standing = (await peerTwinsOfDocument(em, caller.orgId, canonical.documentId)).find((t) => STANDING.has(t.status));
    if (standing)
      throw conflict(
        `This document from ${peer.platform} was taken in already, for its delivery ${standing.peerDeliveryId}, and stands here; it comes again only as a resend of a delivery returned or asked to be resent (resendOf)`,
        { field: 'peerDeliveryId' },
      );
    const now = new Date();
    const origin: PeerOrigin = {
      platform: peer.platform,
      senderName: canonical.orgName,
      docNumber: manifest.docNumber ?? null,
      documentId: canonical.documentId,
      deliveryId: deliveryKey,
      packageSha256: kept.sha256,
      rootFingerprints: manifest.items.filter((i) => i.kind === 'certificate' && i.role === 'ROOT').map((i) => i.sha256),
      receivedAt: now,
    };
    const deadline = canonical.deadline ? new Date(canonical.deadline) : null;
    const doc = em.create(Document, {
      id: crypto.randomUUID(),
      orgId: caller.orgId,
      orgPath: caller.orgPath,
      orgName: canonical.orgName,
      docType: canonical.docType,
      docPrefix: canonical.docPrefix,
      title: canonical.title,
      signer: canonical.signer,
      signerPost: canonical.signerPost ?? null,
      mainTo: canonical.mainTo,
      ccTo: canonical.ccTo,
      bodySha256: body.sha256,
      bodySize: body.size,
      attachments,
      attachmentsOnPaper: canonical.attachmentsOnPaper,
      paperNote: canonical.paperNote,
      signatureLine: canonical.signatureLine,
      docDate: canonical.docDate,
      notes: canonical.notes,
      printingOrg: canonical.printingOrg,
      printingDate: canonical.printingDate,
      urgency: canonical.urgency as Document['urgency'],
      isTelegram: canonical.isTelegram,
      deadline,
      approvalChain: null,
      authorId: caller.userId,
      authorName: peer.platform,
      status: 'SENT',
      sendKey: `peer:${deliveryKey}`,
      sentAt: now,
      sentBy: caller.userId,
      recipientCount: 1,
      docYear: null,
      docSeq: null,
      docNumber: origin.docNumber ?? `（${peer.platform}来文）`,
      ofdSha256: ofdKept?.sha256 ?? null,
      peerOrigin: origin,
    } as never) as Document;
    await em.flush();
    // Its content digest here, which this platform's receipts name (the peer's own is in the package it came in).
    const digest = contentDigest(await canonicalContent(doc, blobs));
    await keepContentDigest(em, doc.id, digest);
    if (answers) await applyAction(em, caller, answers.id, answers.peerDocumentId === canonical.documentId ? 'RESEND' : 'CORRECT_RESEND', null, null);
    const r = peer.receiving;
    const { ids } = await insertDeliveries(em, {
      doc: { ...doc, docNumber: doc.docNumber as string, sentAt: now, deadline },
      recipients: { orgIds: [r.id], paths: [r.path], names: [r.name], roles: ['MAIN'], printQuotas: [1] },
      deliveredAt: now,
      dueAt: await dueFor(em, r.path, now, deadline),
      resendOf: answers?.id ?? null,
    });
    return getDelivery(em, ids[0] as string);
  });
}

/** The media type a peer's manifest gives, when it is one (type/subtype, nothing more): else the name decides. */
const mediaType = (v: string | undefined) => (v && v.length <= 100 && /^[a-z]+\/[a-z0-9.+-]+$/i.test(v) ? v.toLowerCase() : null);

/**
 * 验证印章 of a document from a peer platform (seed 004): its sender's stamp, checked now with everything else in the
 * package it came in, against the roots that package verified against when it was taken in (pinned for the peer then).
 * This platform's seals service does not know the peer's CA; the print and the seal check before 签收 ask here.
 */
export async function peerSealVerification(blobs: BlobStore, origin: PeerOrigin): Promise<PeerSealVerification> {
  /** The package cannot be checked at all: the verdict says why. */
  const unchecked = (reason: string): PeerSealVerification => ({
    platform: origin.platform,
    valid: false,
    sealOrgName: null,
    signedAt: null,
    checks: [{ check: 'PACKAGE', ok: false, reason }],
    sesSignature: null,
    imagePng: null,
  });
  const zip = await blobs.get(origin.packageSha256);
  if (!zip) return unchecked('对端来文的证据包已缺失（the package it came in is missing）');
  let files: Map<string, Uint8Array>;
  try {
    files = unzipEvidence(zip);
  } catch {
    return unchecked('对端来文的证据包已损坏（not a zip）');
  }
  const { manifest, one, all } = filesOf(files);
  const roots = all('certificate').filter((c) => c.role === 'ROOT' && origin.rootFingerprints.includes(sha256Hex(c.bytes)));
  const verified = verifyPackage(files, { roots: roots.map((r) => r.bytes) });
  const stamp = one('stamp')?.bytes;
  // Each check by what it covers and what it found, in the reader's words (the verifier's own verdicts).
  const checks = verified.verdicts.map((v) => ({ check: `${v.item}：${v.zh}`, ok: v.ok, reason: v.ok ? null : v.en }));
  const facts = stamp ? readSesSignature(stamp) : null;
  const valid = verified.valid && !!facts && manifest.documentId === origin.documentId;
  return {
    platform: origin.platform,
    valid,
    sealOrgName: facts?.seal.property.name ?? null,
    signedAt: facts?.timeInfo.toISOString() ?? null,
    checks,
    sesSignature: stamp ? Buffer.from(stamp).toString('base64') : null,
    imagePng: valid && facts?.seal.picture.type.toUpperCase() === 'PNG' ? Buffer.from(facts.seal.picture.data).toString('base64') : null,
  };
}

/** For a print: the peer's seal image only when every check passes, and the note the print carries. */
export async function verifiedPeerSeal(blobs: BlobStore, origin: PeerOrigin): Promise<{ png: Buffer | null; note: string }> {
  const v = await peerSealVerification(blobs, origin);
  if (v.valid && v.signedAt)
    return {
      png: v.imagePng ? Buffer.from(v.imagePng, 'base64') : null,
      note: `电子印章验证通过（${origin.platform}，签章时间 ${beijingDateTime(new Date(v.signedAt))}）`,
    };
  const failed = v.checks.find((c) => !c.ok);
  return { png: null, note: `对端来文的电子印章验证未通过，未显示印章：${failed ? failed.check : '证据包不完整'}` };
}

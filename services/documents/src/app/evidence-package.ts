// The evidence package of a document (issue 17; docs/evidence-package.md), produced for the sending unit or a
// receiving unit by its clerks and administrators: the canonical content and files, the OFD 版式 file as sent (whose
// digest the receipts carry, issue 18), the GB/T 38540 stamp, every
// signed receipt the unit may see, the unit's own evidence chain from the document's first link to its last (the
// links of other documents between them as the chain hashes them: ids, kinds and digests, no content), a fresh
// time stamp over that head, and the CA's certificates and CRLs. `npx yizhan-verify` checks it offline.
import { ErrorCode, notFound, requireCaller, requireRole, YizhanError } from '@yizhan/common';
import { buildEvidencePackage, CHAIN_GENESIS, canonicalJson, type ReceiptEnvelope, sha256Hex } from '@yizhan/crypto';
import { isUuid } from '@yizhan/kernel';
import type { DocumentsContext } from '../deps.ts';
import { chainEntry } from '../domain/evidence.ts';
import { fileNamePart } from '../domain/file-name.ts';
import { canonicalContent } from '../store/canonical.ts';
import { getDocument } from '../store/documents.ts';
import { deliveredTo, evidenceOfDocument, evidenceSegment } from '../store/evidence.ts';
import { receiptsOfDocument, receiptsWaiting } from '../store/receipts.ts';
import { EVIDENCE_READERS, linkQueued } from './delivery-evidence.ts';
import { approvalEnvelopes } from './signed-approvals.ts';

type PackageFile = Parameters<typeof buildEvidencePackage>[1][number];
const utf8 = (s: string) => new Uint8Array(Buffer.from(s, 'utf8'));
const bytes = (b: string) => new Uint8Array(Buffer.from(b, 'base64'));
const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64');
const extOf = (name: string) => /\.([A-Za-z0-9]{1,8})$/.exec(name)?.[1]?.toLowerCase() ?? 'bin';

export interface EvidencePackageFile {
  filename: string;
  contentType: string;
  sha256: string;
  size: number;
  base64: string;
}

export async function exportEvidencePackage(ctx: DocumentsContext, documentId: string): Promise<EvidencePackageFile> {
  const caller = requireCaller(ctx);
  requireRole(caller, ...EVIDENCE_READERS);
  if (!isUuid(documentId)) throw notFound('Document', documentId);
  const ca = ctx.deps.certificates;
  if (!ca) throw new YizhanError(ErrorCode.UNAVAILABLE, 'Evidence packages need the certificates service, which is not configured');
  // Row-level security shows the document to its unit and to the units it was delivered to.
  const doc = await getDocument(ctx.em, documentId);
  if (doc.orgId !== caller.orgId && !(await deliveredTo(ctx.em, documentId, caller.orgId))) throw notFound('Document', documentId);
  const files: PackageFile[] = [];
  const canonical = await canonicalContent(doc, ctx.deps.blobs);
  files.push({ path: 'content/canonical.json', kind: 'canonical', bytes: canonical });
  const body = await ctx.deps.blobs.get(doc.bodySha256);
  if (body) files.push({ path: 'content/body.html', kind: 'body', bytes: new Uint8Array(body) });
  for (const [i, a] of doc.attachments.entries()) {
    const content = await ctx.deps.blobs.get(a.sha256);
    if (content)
      files.push({ path: `content/attachments/${i + 1}.${extOf(a.name)}`, kind: 'attachment', contentType: a.contentType, bytes: new Uint8Array(content) });
  }
  // The OFD 版式 file as kept: the receipts name its SHA-256, the verifier compares.
  const ofd = doc.ofdSha256 ? await ctx.deps.blobs.get(doc.ofdSha256) : null;
  if (ofd) files.push({ path: 'content/document.ofd', kind: 'ofd', bytes: new Uint8Array(ofd) });
  const der = typeof doc.stamp?.der === 'string' ? doc.stamp.der : null;
  if (der) files.push({ path: 'stamp/stamp.der', kind: 'stamp', bytes: bytes(der) });

  // Every receipt with its time stamp: those still waiting for their batch are time-stamped now.
  await linkQueued(ctx);
  if (ctx.deps.evidence && (await receiptsWaiting(ctx.em, documentId))) await ctx.deps.evidence.flush();
  for (const r of await receiptsOfDocument(ctx.em, documentId)) {
    const env: ReceiptEnvelope = {
      receipt: r.receipt,
      signature: b64(r.signature),
      certificate: b64(r.certificate),
      timestamp: r.timestamp ? b64(r.timestamp) : '',
      ...(r.timestampPath ? { timestampPath: r.timestampPath } : {}),
      ...(r.person ? { person: { signature: b64(r.person.signature), certificate: b64(r.person.certificate) } } : {}),
    };
    files.push({ path: `receipts/${r.deliveryId}-${r.action}.json`, kind: 'receipt', bytes: utf8(`${JSON.stringify(env, null, 2)}\n`) });
  }

  // The signed approvals (审批 and 签发) the unit sees: the drafting unit's and, once sent, each recipient's.
  for (const [i, a] of (await approvalEnvelopes(ctx.em, documentId)).entries())
    files.push({ path: `approvals/${i + 1}-step${a.approval.step}.json`, kind: 'approval', bytes: utf8(`${JSON.stringify(a, null, 2)}\n`) });

  // The unit's chain from the document's first link to its last, as hashed; its head time-stamped now.
  const own = await evidenceOfDocument(ctx.em, caller.orgId, documentId);
  let chain: { start: string; head: string } | undefined;
  if (own.length) {
    const slice = await evidenceSegment(ctx.em, caller.orgId, (own[0] as { seq: number }).seq, (own.at(-1) as { seq: number }).seq);
    const lines = slice.map((l) => canonicalJson(chainEntry(l)));
    chain = { start: slice[0]?.prev ?? CHAIN_GENESIS, head: slice.at(-1)?.hash ?? CHAIN_GENESIS };
    files.push({ path: 'events/events.jsonl', kind: 'events', bytes: utf8(`${lines.join('\n')}\n`) });
    // The events themselves of the document's own links (its send, its deliveries, receipts, replies and reports), each
    // checked offline against the digest its link holds; the other documents' links between them stay digests only.
    const contents = own.map((l) => canonicalJson({ seq: l.seq, event: l.event }));
    files.push({ path: 'events/contents.jsonl', kind: 'event-contents', bytes: utf8(`${contents.join('\n')}\n`) });
    const token = await ca.call('timestamp', ctx.callerHeader, { hashAlgorithm: 'SHA-256', digest: chain.head, suite: 'RSA' });
    files.push({ path: 'timestamps/events-head.tsr', kind: 'timestamp', bytes: bytes(token.token), covers: { eventsHead: chain.head } });
  }

  // What an offline verifier needs of the CA: its certificates by role and its current CRLs, both suites.
  const trust = await ca.call('trust-material', ctx.callerHeader, {});
  for (const s of trust.suites) {
    for (const [role, cert] of [
      ['ROOT', s.root],
      ['ISSUING', s.issuing],
      ['SEAL_MAKER', s.sealMaker],
      ['TSA', s.tsa],
    ] as const)
      files.push({ path: `certs/${s.suite}-${role}.cer`, kind: 'certificate', role, suite: s.suite, bytes: bytes(cert) });
    files.push({ path: `crls/${s.suite}.crl`, kind: 'crl', suite: s.suite, bytes: bytes(s.crl) });
  }

  const zip = buildEvidencePackage(
    { documentId, title: doc.title, ...(doc.docNumber ? { docNumber: doc.docNumber } : {}), createdAt: new Date().toISOString(), ...(chain ? { chain } : {}) },
    files,
  );
  return {
    // Named as the office's other files of a document are: by its 发文字号 and title (a reader keeps several).
    filename: `证据包-${doc.docNumber ?? '未编号'}-${fileNamePart(doc.title, 60)}.zip`,
    contentType: 'application/vnd.yizhan.evidence+zip',
    sha256: sha256Hex(zip),
    size: zip.length,
    base64: b64(zip),
  };
}

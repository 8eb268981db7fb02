// 信息归档 (seed 003 §34: 各使用单位定期把本单位形成的电子公文、信息和材料…进行归档): the archivist files a 信息 the unit
// published, as org holds it — its body as a UTF-8 text file, its images as attachments, its 栏目, publisher and
// approver as metadata — numbered in a series of its own (…-XX-0001) and checked like any record.
import { beijingDate, beijingYear, canonicalJson, notFound, personName, requireCaller, requireRole } from '@yizhan/common';
import { isUuid } from '@yizhan/kernel';
import type { ArchiveContext } from '../deps.ts';
import type { ArchiveRecord } from '../entities/ArchiveRecord.ts';
import { file, refuseIfFiled, storeFiles } from './ingest.ts';
import { callerUnit } from './peers.ts';

export async function archiveInformation(informationId: string, ctx: ArchiveContext): Promise<ArchiveRecord> {
  const caller = requireCaller(ctx);
  requireRole(caller, 'ARCHIVIST');
  if (!isUuid(informationId)) throw notFound('Information', informationId);
  // org answers only for an item the caller's own unit published (NOT_FOUND otherwise).
  const item = await ctx.deps.org.call('information-record', ctx.callerHeader, { informationId });
  const unit = await callerUnit(ctx);
  await refuseIfFiled(ctx, unit.id, item.id, 'INFORMATION');
  // Its body as a UTF-8 text file, its images (seed 003 §33(二)) as its attachments.
  const components = await storeFiles(ctx, [
    ['BODY', { name: `${item.title}.txt`, contentType: 'text/plain; charset=utf-8', content: Buffer.from(item.body, 'utf8') }],
    ...item.images.map((m) => ['ATTACHMENT', { name: m.name, contentType: m.contentType, content: Buffer.from(m.base64, 'base64') }] as const),
  ]);
  // What org says the item is, its body and images by the digests org made of them: the check's authenticity and
  // integrity compare the files the archive keeps with it, now and at every check after.
  const attachments = item.images.map((m) => ({ name: m.name, sha256: m.sha256 }));
  const canonical = Buffer.from(
    canonicalJson({ title: item.title, docType: '信息', orgName: item.orgName, body: item.bodySha256, attachments }),
    'utf8',
  ).toString('base64');
  const publishedAt = new Date(item.publishedAt);
  return file(ctx, caller, personName(caller), {
    unit,
    sourceId: item.id,
    role: 'INFORMATION',
    title: item.title,
    docType: '信息',
    docNumber: null,
    year: beijingYear(publishedAt),
    metadata: {
      informationId: item.id,
      title: item.title,
      docType: '信息',
      docNumber: null,
      orgName: item.orgName,
      docDate: beijingDate(publishedAt),
      sentAt: item.publishedAt,
      column: item.columnName,
      author: item.authorName,
      approvedBy: item.approvedByName,
      audience: item.audienceName,
      withdrawnAt: item.withdrawnAt,
      pages: null,
      attachments,
    },
    components,
    canonical,
    stamp: null,
    verification: null,
    events: [],
  });
}

// Ingest, checks and the evidence chain, in the caller's unit of work.
import type { EntityManager } from '@mikro-orm/postgresql';
import { beijingYear, type Caller, type CallOutput, canonicalJson, conflict, notFound } from '@yizhan/common';
import { isUuid, sha256Hex } from '@yizhan/kernel';
import { type sealsApi, stamp as stampSchema } from '@yizhan/seals/contract';
import type { ArchiveContext } from './deps.ts';
import { type ChainLink, firstBrokenLink, GENESIS, linkHash } from './domain/chain.ts';
import { type CheckReport, type Component, fourPropertyCheck } from './domain/checks.ts';
import { archivalNumber, defaultRetention, type Retention, retentionUntil } from './domain/retention.ts';
import { ArchiveRecord } from './entities/ArchiveRecord.ts';

export async function getRecord(em: EntityManager, id: string): Promise<ArchiveRecord> {
  const r = isUuid(id) ? await em.findOne(ArchiveRecord, { id }) : null;
  if (!r) throw notFound('Archive record', id);
  return r;
}

/** Appends an event to the unit's evidence chain: one writer at a time per unit, each link hashing the one before. */
export async function appendChain(em: EntityManager, unit: { orgId: string; orgPath: string }, kind: string, recordId: string | null, payload: unknown) {
  await em.execute('select pg_advisory_xact_lock(hashtext(?))', [`archive.chain:${unit.orgId}`]);
  const [last] = (await em.execute('select seq, hash from archive.chain where org_id = ? order by seq desc limit 1', [unit.orgId])) as {
    seq: string;
    hash: string;
  }[];
  const seq = last ? Number(last.seq) + 1 : 1;
  const prevHash = last?.hash ?? GENESIS;
  const at = new Date().toISOString();
  const hash = linkHash(prevHash, { seq, kind, recordId, payload, at });
  await em.execute(
    'insert into archive.chain (org_id, org_path, seq, kind, record_id, payload, at, prev_hash, hash) values (?, ?::ltree, ?, ?, ?, ?, ?, ?, ?)',
    [unit.orgId, unit.orgPath, seq, kind, recordId, JSON.stringify(payload), at, prevHash, hash],
  );
}

export async function chainOf(em: EntityManager, orgId: string): Promise<ChainLink[]> {
  const rows = (await em.execute('select seq, kind, record_id, payload, at, prev_hash, hash from archive.chain where org_id = ? order by seq', [orgId])) as {
    seq: string;
    kind: string;
    record_id: string | null;
    payload: unknown;
    at: string;
    prev_hash: string;
    hash: string;
  }[];
  return rows.map((r) => ({ seq: Number(r.seq), kind: r.kind, recordId: r.record_id, payload: r.payload, at: r.at, prevHash: r.prev_hash, hash: r.hash }));
}

export const verifyChain = (links: ChainLink[]) => ({ length: links.length, firstBroken: firstBrokenLink(links) });

/** What the archive keeps of a stamp's verification. */
export type Verification = Pick<CallOutput<typeof sealsApi, 'verify'>, 'valid' | 'checks'> & { signedAt?: string; sealOrgName?: string };

/** The stamp verified now by the seals service (null when the document carries none). */
export async function verifyStamp(
  ctx: ArchiveContext,
  documentId: string,
  canonical: string | null,
  stamp: Record<string, unknown> | null,
): Promise<Verification | null> {
  if (!stamp || !canonical) return null;
  // Kept as the documents service holds it; read by the seals contract's schema, which the seals service checks again.
  const v = await ctx.deps.seals.call('verify', ctx.callerHeader, { documentId, canonical, stamp: stampSchema.parse(stamp) });
  return { valid: v.valid, checks: v.checks, signedAt: v.signedAt, sealOrgName: v.sealOrgName };
}

/** The item numbers this archive gave the unit in a year (records imported keep their own and are left out). */
export async function itemsOf(em: EntityManager, orgId: string, year: number): Promise<number[]> {
  const rows = (await em.execute('select item_no from archive.records where org_id = ? and year = ? and imported_from is null', [orgId, year])) as {
    item_no: number;
  }[];
  return rows.map((r) => r.item_no);
}

export async function runCheck(
  ctx: ArchiveContext,
  em: EntityManager,
  r: Pick<ArchiveRecord, 'orgId' | 'year' | 'metadata' | 'components' | 'canonical' | 'importedFrom'>,
  stamp: Verification | null,
): Promise<CheckReport> {
  return fourPropertyCheck({
    metadata: r.metadata as never,
    components: r.components as unknown as Component[],
    read: (c) => ctx.deps.store.get(c.sha256),
    canonical: r.canonical,
    stamp,
    items: r.importedFrom ? null : await itemsOf(em, r.orgId, r.year),
    scan: ctx.deps.scan,
  });
}

/** The caller's unit as the org service describes it: its code is the fonds (全宗) numbers and packages carry. */
export const callerUnit = (ctx: ArchiveContext) => ctx.deps.org.call('unit', ctx.callerHeader, {});

const fixityOf = (metadata: unknown, components: unknown, canonical: string | null) => sha256Hex(canonicalJson({ metadata, components, canonical }));

/** Archives the caller's unit's copy of a sent document: files into the archive's store, a gapless number, the checks. */
export async function ingest(ctx: ArchiveContext, caller: Caller, documentId: string, by: string): Promise<ArchiveRecord> {
  const pkg = await ctx.deps.documents.call('archival-package', ctx.callerHeader, { documentId });
  const unit = await callerUnit(ctx);
  const already = await ctx.em.findOne(ArchiveRecord, { orgId: unit.id, documentId, role: pkg.role });
  if (already) throw conflict(`Already archived as ${already.archivalNumber}`, { recordId: already.id, archivalNumber: already.archivalNumber });
  const verification = await verifyStamp(ctx, documentId, pkg.canonical, pkg.stamp);

  // The files go into the archive's own store before anything is written: a record never points at a missing file.
  const components: Component[] = [];
  for (const [role, f] of [['BODY', pkg.body] as const, ...pkg.attachments.map((a) => ['ATTACHMENT', a] as const)]) {
    const content = Buffer.from(f.data, 'base64');
    const { sha256, size } = await ctx.deps.store.put(content);
    components.push({ role, name: f.name, contentType: f.contentType, sha256, size });
  }
  const metadata = { ...pkg.document, attachments: pkg.attachments.map((a) => ({ name: a.name, sha256: a.sha256 })) };
  const year = beijingYear(pkg.document.sentAt ? new Date(pkg.document.sentAt) : new Date());

  return ctx.em.transactional(async (tx) => {
    const em = tx as EntityManager;
    const [rule] = (await em.execute('select retention from archive.retention_rules where org_id = ? and doc_type = ?', [unit.id, pkg.document.docType])) as {
      retention: Retention;
    }[];
    const retention = rule?.retention ?? defaultRetention(pkg.document.docType);
    const [{ last_item: itemNo }] = (await em.execute(
      `insert into archive.numbering (org_id, org_path, year, last_item) values (?, ?::ltree, ?, 1)
       on conflict (org_id, year) do update set last_item = numbering.last_item + 1 returning last_item`,
      [unit.id, unit.path, year],
    )) as [{ last_item: number }];
    const record = em.create(ArchiveRecord, {
      id: crypto.randomUUID(),
      orgId: unit.id,
      orgPath: unit.path,
      orgName: unit.name,
      documentId,
      role: pkg.role,
      fonds: unit.code,
      year,
      itemNo,
      retention,
      retentionUntil: retentionUntil(year, retention),
      archivalNumber: archivalNumber(unit.code, year, retention, pkg.role, itemNo),
      title: pkg.document.title,
      docType: pkg.document.docType,
      docNumber: pkg.document.docNumber,
      metadata,
      components: components as unknown as Record<string, unknown>[],
      canonical: pkg.canonical,
      stamp: pkg.stamp ? { stamp: pkg.stamp, verification } : null,
      events: pkg.deliveries,
      fixity: fixityOf(metadata, components, pkg.canonical),
      checkReport: {},
      status: 'ARCHIVED',
      archivedBy: caller.userId,
      archivedByName: by,
    });
    await em.flush();
    const report = await runCheck(ctx, em, record, verification);
    record.checkReport = report as unknown as Record<string, unknown>;
    record.status = report.passed ? 'ARCHIVED' : 'QUARANTINED';
    await em.flush();
    await em.execute(
      `insert into archive.pending (org_id, org_path, document_id, role, title, doc_number, reason, record_id) values (?, ?::ltree, ?, ?, ?, ?, 'archived', ?)
       on conflict (org_id, document_id, role) do update set record_id = excluded.record_id`,
      [unit.id, unit.path, documentId, pkg.role, record.title, record.docNumber, record.id],
    );
    await appendChain(em, { orgId: unit.id, orgPath: unit.path }, 'INGEST', record.id, {
      archivalNumber: record.archivalNumber,
      fixity: record.fixity,
      passed: report.passed,
      by,
    });
    return record;
  });
}

// Packages: exporting a record or a year as self-describing packages (registered as exports), and importing them
// after verifying them.

import { type EntityManager } from '@mikro-orm/postgresql';
import { badInput, type Caller, conflict, ErrorCode, personName, requireCaller, requireRole, YizhanError } from '@yizhan/common';
import { sha256Hex } from '@yizhan/kernel';
import { sql } from 'kysely';
import { type ArchiveContext } from '../deps.ts';
import { type Component } from '../domain/checks.ts';
import { buildPackage, buildYearPackage, type Manifest, readPackage, readYearPackage } from '../domain/package.ts';
import { checkArchiveYear, itemCategory, type RecordRole, type Retention, retentionUntil } from '../domain/retention.ts';
import { ArchiveRecord } from '../entities/ArchiveRecord.ts';
import type { ArchivePackage } from '../resolvers/types.ts';
import { fondsCarried, fondsNumberOf } from '../store/fonds-number.ts';
import { appendChain, getRecord } from '../store/records.ts';
import { withDb } from '../store/sql.ts';
import { runCheck } from './checks.ts';
import { fondsOf } from './fonds.ts';
import { callerUnit, type Verification } from './peers.ts';

const sha256 = sha256Hex;

const refused = (problems: string[]) => new YizhanError(ErrorCode.BAD_INPUT, `The package does not verify: ${problems.join('; ')}`, { problems });

interface Verified {
  manifest: Manifest | null;
  files: Map<string, Buffer>;
  parts: Record<string, string>;
}

/**
 * Restores checked packages into the caller's unit, in one transaction: all or none. Each keeps its archival number
 * (taken ones are refused), the counter moves past it, the checks run on the restored files, the chain records it.
 */
async function restoreAll(ctx: ArchiveContext, caller: Caller, packages: Verified[]): Promise<ArchiveRecord[]> {
  const unit = await callerUnit(ctx);
  // A package of the unit's own fonds: under its code (every 档号 until a 全宗号 was set), one its records carry (a
  // 全宗号 it archived under), or its 全宗号 now for a package its unit made (a restore into an empty archive). A 全宗号
  // is the unit's to choose, so it alone never admits another unit's package: one set to a sibling's code does not.
  const own = (await fondsNumberOf(ctx.em, unit.id))?.fonds_number;
  for (const r of packages) {
    const m = r.manifest as Manifest;
    if (m.fonds !== unit.code && !(m.fonds === own && m.orgName === unit.name) && !(await fondsCarried(ctx.em, unit.id, m.fonds)))
      throw new YizhanError(
        ErrorCode.FORBIDDEN,
        `The package belongs to fonds ${m.fonds}, not to your unit (${own ? `全宗号 ${own}, code ${unit.code}` : unit.code}): set your unit’s 全宗号 first if the archives gave it ${m.fonds}`,
      );
  }
  for (const r of packages) for (const f of (r.manifest as Manifest).files) await ctx.deps.store.put(r.files.get(f.sha256) as Buffer);
  return ctx.em.transactional(async (tx) => {
    const em = tx as EntityManager;
    const restored: ArchiveRecord[] = [];
    for (const r of packages) {
      const m = r.manifest as Manifest;
      const stamp = JSON.parse(r.parts['stamps.json'] ?? 'null') as { verification?: Verification } | null;
      const series = itemCategory(m.retention as Retention, m.role);
      const taken = await withDb(em, (db) =>
        db
          .selectFrom('archive.records')
          .select('archival_number')
          .where('org_id', '=', unit.id)
          .where((eb) =>
            eb.or([
              eb('archival_number', '=', m.archivalNumber),
              eb.and([eb('fonds', '=', m.fonds), eb('year', '=', m.year), eb('numbered_in', '=', series), eb('item_no', '=', m.itemNo)]),
            ]),
          )
          .execute(),
      );
      if (taken.length) throw conflict(`${m.archivalNumber} (or its item number) is already in this archive`, { archivalNumber: m.archivalNumber });
      // The item number travels with the record; the counter moves past it, so later numbers stay unique.
      await withDb(em, (db) =>
        db
          .insertInto('archive.numbering')
          .values({ org_id: unit.id, org_path: unit.path, fonds: m.fonds, year: m.year, category: series, last_item: m.itemNo })
          // The existing row is named by its table, unqualified, as PostgreSQL's ON CONFLICT has it.
          .onConflict((oc) =>
            oc.columns(['org_id', 'fonds', 'year', 'category']).doUpdateSet({ last_item: sql<number>`greatest(numbering.last_item, excluded.last_item)` }),
          )
          .execute(),
      );
      const record = em.create(ArchiveRecord, {
        id: crypto.randomUUID(),
        orgId: unit.id,
        orgPath: unit.path,
        orgName: unit.name,
        documentId: m.documentId,
        role: m.role,
        fonds: m.fonds,
        year: m.year,
        itemNo: m.itemNo,
        numberedIn: series,
        retention: m.retention,
        retentionUntil: retentionUntil(m.year, m.retention as Retention),
        archivalNumber: m.archivalNumber,
        title: String(m.metadata.title ?? ''),
        docType: String(m.metadata.docType ?? ''),
        docNumber: (m.metadata.docNumber as string | null) ?? null,
        metadata: m.metadata,
        components: m.files.map(({ path: _path, ...c }) => c) as unknown as Record<string, unknown>[],
        canonical: m.canonical,
        stamp: stamp as Record<string, unknown> | null,
        events: JSON.parse(r.parts['events.json'] ?? '[]') as unknown[],
        fixity: m.fixity ?? sha256(Buffer.from(JSON.stringify(m))),
        checkReport: {},
        status: 'ARCHIVED',
        archivedBy: caller.userId,
        archivedByName: personName(caller),
        importedFrom: sha256(Buffer.from(JSON.stringify(m))),
      });
      await em.flush();
      // The stamp was verified where it was made (this instance has another CA); its result travels in the package.
      const report = await runCheck(ctx, em, record, stamp?.verification ?? null);
      record.checkReport = report as unknown as Record<string, unknown>;
      record.status = report.passed ? 'ARCHIVED' : 'QUARANTINED';
      await em.flush();
      await appendChain(em, { orgId: unit.id, orgPath: unit.path }, 'IMPORT', record.id, {
        archivalNumber: m.archivalNumber,
        passed: report.passed,
        by: personName(caller),
      });
      restored.push(record);
    }
    return restored;
  });
}

async function packageOf(ctx: ArchiveContext, r: ArchiveRecord): Promise<Uint8Array> {
  const components = r.components as unknown as Component[];
  const files = [];
  for (const c of components) {
    const content = await ctx.deps.store.get(c.sha256);
    if (!content) throw new YizhanError(ErrorCode.INTERNAL, `${c.name} is missing from the archive: run the four-property check`);
    files.push({ ...c, content });
  }
  return buildPackage({
    manifest: {
      recordId: r.id,
      documentId: r.documentId,
      archivalNumber: r.archivalNumber,
      fonds: r.fonds,
      year: r.year,
      itemNo: r.itemNo,
      retention: r.retention,
      role: r.role as RecordRole,
      orgName: r.orgName,
      metadata: r.metadata,
      canonical: r.canonical,
      fixity: r.fixity,
    },
    files,
    events: r.events,
    stamp: r.stamp,
    checkReport: r.checkReport,
  });
}

export async function exportArchiveRecord(id: string, ctx: ArchiveContext): Promise<ArchivePackage> {
  const caller = requireCaller(ctx);
  requireRole(caller, 'ARCHIVIST');
  const r = await getRecord(ctx.em, id, caller.orgId);
  if (r.status === 'DESTROYED') throw badInput('The record was destroyed; nothing is left to export', 'id');
  const zip = await packageOf(ctx, r);
  await ctx.em.transactional(async (tx) => {
    const em = tx as EntityManager;
    await withDb(em, (db) =>
      db
        .insertInto('archive.access_log')
        .values({ record_id: r.id, org_path: r.orgPath, user_id: caller.userId, user_name: personName(caller), action: 'EXPORT' })
        .execute(),
    );
    await appendChain(em, { orgId: r.orgId, orgPath: r.orgPath }, 'EXPORT', r.id, { sha256: sha256(zip), by: personName(caller) });
  });
  return { filename: `${r.archivalNumber}.zip`, sha256: sha256(zip), base64: Buffer.from(zip).toString('base64') };
}

export async function exportArchiveYear(year: number, fondsId: string | null, ctx: ArchiveContext): Promise<ArchivePackage> {
  const caller = requireCaller(ctx);
  requireRole(caller, 'ARCHIVIST');
  checkArchiveYear(year);
  const fonds = await fondsOf(ctx, fondsId);
  const records = await ctx.em.find(ArchiveRecord, { orgId: fonds.orgId, year, status: { $ne: 'DESTROYED' } }, { orderBy: { itemNo: 'asc' } });
  const packages = [];
  for (const r of records) packages.push({ archivalNumber: r.archivalNumber, zip: await packageOf(ctx, r) });
  const zip = buildYearPackage(year, packages);
  await ctx.em.transactional((tx) =>
    appendChain(tx as EntityManager, fonds, 'EXPORT_YEAR', null, {
      year,
      records: records.length,
      sha256: sha256(zip),
    }),
  );
  return { filename: `archive-${year}.zip`, sha256: sha256(zip), base64: Buffer.from(zip).toString('base64') };
}

export async function importArchivePackage(pkg: string, ctx: ArchiveContext): Promise<ArchiveRecord> {
  const caller = requireCaller(ctx);
  requireRole(caller, 'ARCHIVIST');
  const read = readPackage(new Uint8Array(Buffer.from(pkg, 'base64')));
  if (read.problems.length || !read.manifest) throw refused(read.problems);
  const [record] = await restoreAll(ctx, caller, [read]);
  return record as ArchiveRecord;
}

export async function importArchiveYear(pkg: string, ctx: ArchiveContext): Promise<ArchiveRecord[]> {
  const caller = requireCaller(ctx);
  requireRole(caller, 'ARCHIVIST');
  const { records, problems } = readYearPackage(new Uint8Array(Buffer.from(pkg, 'base64')));
  if (problems.length || !records.length) throw refused(problems.length ? problems : ['the year package holds no records']);
  return restoreAll(ctx, caller, records);
}

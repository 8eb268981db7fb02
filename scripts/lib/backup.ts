// Backups that restore (issue 20). A backup is a folder: every service schema's tables, copied out in ONE snapshot
// (a REPEATABLE READ transaction, so the documents, their deliveries, the seals, the certificates and the archive
// agree with each other), each table gzipped in PostgreSQL's COPY text format with its column list; the sequences'
// positions; each service's applied migrations; then the file stores (content-addressed blobs and the archive's
// copies) and the keys folder; and a manifest naming every file with its SHA-256 and every table with its row count.
//
// Why not pg_dump: the embedded PostgreSQL ships no client programs, and Debian's pg_dump (15 on bookworm) refuses a
// newer server (18). The schema is the migrations' work anyway: a restore migrates a fresh database to exactly the
// backup's migrations, loads the rows, and only then applies the migrations this version adds, so a backup restores
// into a newer version of the platform too.
//
// The files are copied after the snapshot is taken, while it is still held. The stores only ever add files (a blob's
// name is its SHA-256 and it is written before the row that names it commits), so the copy holds every file the
// snapshot's rows name; files written after the snapshot are extra and harmless.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import type { Config } from '@yizhan/common';
import { migrateService, openOrm, provisionDatabase, withDatabase } from '@yizhan/kernel';
import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { services } from './services.ts';

export const BACKUP_FORMAT = 'yizhan-backup/1';

export interface BackupTable {
  schema: string;
  table: string;
  columns: string[];
  rows: number;
  file: string;
  sha256: string;
}

export interface BackupFile {
  /** Path inside the backup folder. */
  file: string;
  sha256: string;
  bytes: number;
}

export interface BackupManifest {
  format: typeof BACKUP_FORMAT;
  createdAt: string;
  database: string;
  postgres: string;
  /** Each service's schema and the migrations applied when the snapshot was taken, in order. */
  services: { name: string; schema: string; migrations: string[] }[];
  tables: BackupTable[];
  sequences: { schema: string; name: string; value: string | null }[];
  stores: { blobs: BackupFile[]; archive: BackupFile[]; keys: BackupFile[] };
}

/** Where the platform keeps what a backup must hold beside the database. */
export interface Stores {
  blobDir: string;
  archiveDir: string;
  keysDir: string;
}

export const storesOf = (config: Config): Stores => ({
  blobDir: config.files.blobDir,
  archiveDir: process.env.YIZHAN_ARCHIVE_DIR ?? path.join(config.dataDir, 'archive'),
  keysDir: process.env.YIZHAN_KEYS_DIR ?? path.join(config.dataDir, 'keys'),
});

const ident = (s: string) => `"${s.replaceAll('"', '""')}"`;
const qualified = (schema: string, name: string) => `${ident(schema)}.${ident(name)}`;

async function sha256OfFile(file: string): Promise<string> {
  const h = createHash('sha256');
  await pipeline(fs.createReadStream(file), h);
  return h.digest('hex');
}

/** Every file under `dir` (relative paths), skipping a store's unfinished temporary files. */
function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return (fs.readdirSync(dir, { recursive: true, withFileTypes: true }) as fs.Dirent[])
    .filter((d) => d.isFile() && !d.name.endsWith('.tmp'))
    .map((d) => path.relative(dir, path.join(d.parentPath, d.name)))
    .sort();
}

async function copyStore(from: string, backupDir: string, into: string): Promise<BackupFile[]> {
  const out: BackupFile[] = [];
  for (const rel of filesUnder(from)) {
    const file = path.join(into, rel);
    const target = path.join(backupDir, file);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.copyFileSync(path.join(from, rel), target);
    out.push({ file, sha256: await sha256OfFile(target), bytes: fs.statSync(target).size });
  }
  return out;
}

/**
 * The tables of the service schemas with their columns (generated ones left out: PostgreSQL computes them again). A
 * table partitioned by time is one table here, read through its parent, with the partitions its keeper detached
 * (`<schema>.partitions`): a restore puts every row back through the parent, into the partitions of the day it runs.
 */
async function tablesOf(client: pg.Client, schemas: string[]): Promise<{ schema: string; table: string; columns: string[]; detached: string[] }[]> {
  const detached = new Map<string, string[]>();
  for (const schema of schemas) {
    const kept = await client.query<{ keeps: boolean }>(`select to_regclass($1) is not null as keeps`, [`${schema}.partitions`]);
    if (!kept.rows[0]?.keeps) continue;
    const { rows } = await client.query<{ table_name: string; partition_name: string }>(
      `select table_name, partition_name from ${qualified(schema, 'partitions')} where detached_at is not null order by upper_bound`,
    );
    for (const r of rows) detached.set(`${schema}.${r.table_name}`, [...(detached.get(`${schema}.${r.table_name}`) ?? []), r.partition_name]);
  }
  const set = new Set([...detached.entries()].flatMap(([t, parts]) => parts.map((p) => `${t.split('.')[0]}.${p}`)));
  const { rows } = await client.query<{ schema: string; table: string; columns: string[] }>(
    `select n.nspname as schema, c.relname as table,
            array_agg(a.attname::text order by a.attnum) as columns
       from pg_class c
       join pg_namespace n on n.oid = c.relnamespace
       join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped and a.attgenerated = ''
      where c.relkind in ('r', 'p') and not c.relispartition and n.nspname = any($1)
      group by n.nspname, c.relname
      order by n.nspname, c.relname`,
    [schemas],
  );
  return rows.filter((r) => !set.has(`${r.schema}.${r.table}`)).map((r) => ({ ...r, detached: detached.get(`${r.schema}.${r.table}`) ?? [] }));
}

/**
 * Takes a backup of the database at `adminUrl` (a superuser URL; `database` in it) and the stores into `to`, which
 * must not exist yet. Runs against a live platform: the services keep working while it copies.
 */
export async function backup(opts: { adminUrl: string; database: string; stores: Stores; to: string; log?: (m: string) => void }): Promise<BackupManifest> {
  const log = opts.log ?? (() => {});
  if (fs.existsSync(opts.to)) throw new Error(`${opts.to} exists already: a backup goes into a new folder`);
  fs.mkdirSync(path.join(opts.to, 'db'), { recursive: true });
  const all = await services();
  const client = new pg.Client({ connectionString: withDatabase(opts.adminUrl, opts.database) });
  await client.connect();
  try {
    await client.query('begin isolation level repeatable read read only');
    const [{ version }] = (await client.query<{ version: string }>('show server_version')).rows as [{ version: string }];
    const createdAt = (await client.query<{ now: Date }>('select now()')).rows[0]?.now.toISOString() as string;
    const svc: BackupManifest['services'] = [];
    for (const s of all) {
      const { rows } = await client.query<{ name: string }>(`select name from ${qualified(s.database.schema, 'schema_migrations')} order by id`);
      svc.push({ name: s.name, schema: s.database.schema, migrations: rows.map((r) => r.name) });
    }
    const schemas = all.map((s) => s.database.schema);
    const tables: BackupTable[] = [];
    for (const t of await tablesOf(client, schemas)) {
      const file = path.join('db', `${t.schema}.${t.table}.copy.gz`);
      const cols = t.columns.map(ident).join(', ');
      let rows = 0;
      const from = [t.table, ...t.detached].map((name) => `SELECT ${cols} FROM ${qualified(t.schema, name)}`).join(' UNION ALL ');
      const source = client.query(copyTo(`COPY (${from}) TO STDOUT`));
      source.on('data', (chunk: Buffer) => {
        for (const b of chunk) if (b === 10) rows++;
      });
      await pipeline(source, zlib.createGzip(), fs.createWriteStream(path.join(opts.to, file)));
      tables.push({ schema: t.schema, table: t.table, columns: t.columns, rows, file, sha256: await sha256OfFile(path.join(opts.to, file)) });
    }
    const { rows: seqs } = await client.query<{ schema: string; name: string; value: string | null }>(
      'select schemaname as schema, sequencename as name, last_value::text as value from pg_sequences where schemaname = any($1) order by 1, 2',
      [schemas],
    );
    log(`数据库快照 database snapshot: ${tables.length} tables, ${tables.reduce((n, t) => n + t.rows, 0)} rows`);
    // The files, while the snapshot is still held (see the header).
    const stores = {
      blobs: await copyStore(opts.stores.blobDir, opts.to, 'blobs'),
      archive: await copyStore(opts.stores.archiveDir, opts.to, 'archive'),
      keys: await copyStore(opts.stores.keysDir, opts.to, 'keys'),
    };
    await client.query('commit');
    log(`文件 files: ${stores.blobs.length} blobs, ${stores.archive.length} archive copies, ${stores.keys.length} keys`);
    const manifest: BackupManifest = {
      format: BACKUP_FORMAT,
      createdAt,
      database: opts.database,
      postgres: version,
      services: svc,
      tables,
      sequences: seqs,
      stores,
    };
    fs.writeFileSync(path.join(opts.to, 'manifest.json'), `${JSON.stringify(manifest, null, 1)}\n`);
    // The keys are in it: only its owner may read it.
    fs.chmodSync(opts.to, 0o700);
    return manifest;
  } finally {
    await client.end();
  }
}

/** Reads a backup's manifest and checks every file in it against its SHA-256; names the first that differs. */
export async function readBackup(dir: string): Promise<BackupManifest> {
  const file = path.join(dir, 'manifest.json');
  if (!fs.existsSync(file)) throw new BackupRefused('NOT_A_BACKUP', `${dir} has no manifest.json: not a Yizhan backup`);
  const manifest = JSON.parse(fs.readFileSync(file, 'utf8')) as BackupManifest;
  if (manifest.format !== BACKUP_FORMAT) throw new BackupRefused('NOT_A_BACKUP', `${dir}: format ${manifest.format}, expected ${BACKUP_FORMAT}`);
  const listed = [...manifest.tables, ...manifest.stores.blobs, ...manifest.stores.archive, ...manifest.stores.keys];
  for (const f of listed) {
    const at = path.join(dir, f.file);
    if (!fs.existsSync(at)) throw new BackupRefused('BACKUP_DAMAGED', `${f.file} is missing from the backup`);
    if ((await sha256OfFile(at)) !== f.sha256) throw new BackupRefused('BACKUP_DAMAGED', `${f.file} differs from the backup's manifest`);
  }
  return manifest;
}

export class BackupRefused extends Error {
  constructor(
    readonly code: 'NOT_A_BACKUP' | 'BACKUP_DAMAGED' | 'DATABASE_NOT_EMPTY' | 'KEYS_DIFFER' | 'NEWER_THAN_THIS_VERSION',
    message: string,
  ) {
    super(message);
  }
}

/** Whether any service table of `database` holds a row (a restore does not write over a platform in use). */
async function hasData(adminUrl: string, database: string, schemas: string[]): Promise<boolean> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    const exists = await admin.query('select 1 from pg_database where datname = $1', [database]);
    if (!exists.rowCount) return false;
  } finally {
    await admin.end();
  }
  const client = new pg.Client({ connectionString: withDatabase(adminUrl, database) });
  await client.connect();
  try {
    for (const t of await tablesOf(client, schemas)) {
      if (t.table === 'schema_migrations') continue;
      const { rowCount } = await client.query(`select 1 from ${qualified(t.schema, t.table)} limit 1`);
      if (rowCount) return true;
    }
    return false;
  } finally {
    await client.end();
  }
}

/**
 * Restores a backup into the database `config.databaseName` at `adminUrl` and into `stores`. Refuses, changing
 * nothing, a damaged backup, a database that already holds data (unless `replace`: it is dropped first) and keys that
 * differ from those already in place (unless `replace`). Returns the manifest, after checking each table's row count.
 */
export async function restore(opts: {
  from: string;
  adminUrl: string;
  config: Config;
  stores: Stores;
  replace?: boolean;
  log?: (m: string) => void;
}): Promise<BackupManifest> {
  const log = opts.log ?? (() => {});
  const manifest = await readBackup(opts.from);
  const all = await services();
  const byName = new Map(all.map((s) => [s.name, s]));
  for (const s of manifest.services) {
    const known = new Set((byName.get(s.name)?.database.migrations ?? []).map((m: { name: string }) => m.name.replace(/\.(ts|js)$/, '')));
    const unknown = s.migrations.filter((m) => !known.has(m.replace(/\.(ts|js)$/, '')));
    if (!byName.has(s.name) || unknown.length)
      throw new BackupRefused(
        'NEWER_THAN_THIS_VERSION',
        `the backup's ${s.name} has migrations this version does not know (${unknown.join(', ')}): restore it with its own version`,
      );
  }
  const database = opts.config.databaseName;
  const schemas = all.map((s) => s.database.schema);
  if (!opts.replace && (await hasData(opts.adminUrl, database, schemas)))
    throw new BackupRefused('DATABASE_NOT_EMPTY', `the database ${database} holds data already: restore into an empty one, or replace it (--replace)`);
  for (const k of manifest.stores.keys) {
    const rel = path.relative('keys', k.file);
    const present = path.join(opts.stores.keysDir, rel);
    if (!opts.replace && fs.existsSync(present) && (await sha256OfFile(present)) !== k.sha256)
      throw new BackupRefused('KEYS_DIFFER', `${present} differs from the backup's key: a platform with other keys lives here (replace it with --replace)`);
  }

  if (opts.replace) {
    const admin = new pg.Client({ connectionString: opts.adminUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${ident(database)} WITH (FORCE)`);
    await admin.end();
  }
  const urls = await provisionDatabase(opts.adminUrl, opts.config, schemas);
  // The schema exactly as the backup knew it.
  for (const s of manifest.services) {
    const svc = byName.get(s.name);
    const last = s.migrations.at(-1);
    if (!svc || !last) continue;
    const orm = await openOrm(urls.migratorUrl, svc.database, { poolMax: 1, migrator: true });
    try {
      await orm.migrator.up({ to: last.replace(/\.(ts|js)$/, '') });
    } finally {
      await orm.close();
    }
  }
  // The rows, all in one transaction, with triggers and foreign keys quiet while they load (the append-only guards
  // would refuse nothing here, but the chains' own triggers must not rewrite what the backup holds).
  const client = new pg.Client({ connectionString: withDatabase(opts.adminUrl, database) });
  await client.connect();
  try {
    await client.query('begin');
    await client.query('set local session_replication_role = replica');
    await client.query(`TRUNCATE ${manifest.tables.map((t) => qualified(t.schema, t.table)).join(', ')}`);
    for (const t of manifest.tables) {
      const sink = client.query(copyFrom(`COPY ${qualified(t.schema, t.table)} (${t.columns.map(ident).join(', ')}) FROM STDIN`));
      await pipeline(fs.createReadStream(path.join(opts.from, t.file)), zlib.createGunzip(), sink);
    }
    for (const s of manifest.sequences) {
      if (s.value !== null) await client.query('select setval($1::regclass, $2::bigint, true)', [qualified(s.schema, s.name), s.value]);
    }
    for (const t of manifest.tables) {
      const { rows } = await client.query<{ n: string }>(`select count(*)::text as n from ${qualified(t.schema, t.table)}`);
      if (Number(rows[0]?.n) !== t.rows) throw new Error(`${t.schema}.${t.table}: ${rows[0]?.n} rows restored, the backup has ${t.rows}`);
    }
    await client.query('commit');
  } catch (e) {
    await client.query('rollback').catch(() => {});
    throw e;
  } finally {
    await client.end();
  }
  log(`数据库已恢复 database restored: ${manifest.tables.length} tables, ${manifest.tables.reduce((n, t) => n + t.rows, 0)} rows`);
  // What this version adds on top, and the roles' grants.
  for (const svc of all) {
    const applied = await migrateService(urls.migratorUrl, opts.config, svc.database);
    if (applied.length) log(`${svc.name}: applied migrations newer than the backup: ${applied.join(', ')}`);
  }
  const put = (files: BackupFile[], into: string, prefix: string) => {
    for (const f of files) {
      const target = path.join(into, path.relative(prefix, f.file));
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.copyFileSync(path.join(opts.from, f.file), target);
    }
  };
  put(manifest.stores.blobs, opts.stores.blobDir, 'blobs');
  put(manifest.stores.archive, opts.stores.archiveDir, 'archive');
  put(manifest.stores.keys, opts.stores.keysDir, 'keys');
  for (const f of manifest.stores.keys) fs.chmodSync(path.join(opts.stores.keysDir, path.relative('keys', f.file)), 0o600);
  log(
    `文件已恢复 files restored: ${manifest.stores.blobs.length} blobs, ${manifest.stores.archive.length} archive copies, ${manifest.stores.keys.length} keys`,
  );
  return manifest;
}

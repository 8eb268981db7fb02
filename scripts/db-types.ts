// npm run db-types: each service's Kysely database type, from its tables as the migrations leave them, on a
// throwaway embedded PostgreSQL (nothing to install).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureKeys, loadConfig } from '@yizhan/common';
import { migrateService, provisionDatabase, startEmbeddedPostgres, withDatabase } from '@yizhan/kernel';
import { writeDatabaseTypes } from './lib/db-types.ts';
import { services } from './lib/services.ts';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yizhan-db-types-'));
fs.chmodSync(dataDir, 0o755); // the embedded PostgreSQL runs as its own user and must reach its folder
process.env.YIZHAN_DATA_DIR = dataDir;
process.env.LOG_LEVEL ??= 'warn';
await ensureKeys();
const server = await startEmbeddedPostgres(path.join(dataDir, 'postgres'), { persistent: false });
try {
  const config = loadConfig();
  const all = await services();
  const urls = await provisionDatabase(
    server.adminUrl,
    config,
    all.map((s) => s.database.schema),
  );
  for (const s of all) await migrateService(urls.migratorUrl, config, s.database);
  const written = await writeDatabaseTypes(
    withDatabase(server.adminUrl, config.databaseName),
    all.map((s) => s.database.schema),
  );
  console.log(written.length ? written.map((f) => `wrote ${f}`).join('\n') : 'database types are up to date');
} finally {
  await server.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
}

// Shared by the benchmarks: a throwaway embedded PostgreSQL, provisioned and migrated like the real one.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { ensureKeys, loadConfig, migrateService, provisionDatabase, type ServiceDatabase, startEmbeddedPostgres, withDatabase } from '@yizhan/kernel';

export async function benchDatabase(services: ServiceDatabase[]) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yizhan-bench-'));
  fs.chmodSync(dataDir, 0o755); // the embedded PostgreSQL runs as its own user and must reach its folder
  process.env.YIZHAN_DATA_DIR = dataDir;
  process.env.YIZHAN_DATABASE = 'yizhan_bench';
  process.env.LOG_LEVEL ??= 'warn';
  await ensureKeys();
  const server = await startEmbeddedPostgres(path.join(dataDir, 'postgres'), { persistent: false });
  const config = loadConfig();
  const urls = await provisionDatabase(
    server.adminUrl,
    config,
    services.map((s) => s.schema),
  );
  for (const s of services) await migrateService(urls.migratorUrl, config, s);
  return {
    ...urls,
    ownerUrl: withDatabase(server.adminUrl, config.databaseName),
    async stop() {
      await server.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

export async function timed<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const t = performance.now();
  const r = await fn();
  return [performance.now() - t, r];
}

// npm run backup [-- --to <folder>]: a backup of the platform in the data folder (scripts/lib/backup.ts says what is
// in it). Online: while npm start runs, it reads from that PostgreSQL and the platform keeps working; otherwise it
// starts the embedded PostgreSQL on the data folder for the copy and stops it after. With DATABASE_URL set (a
// PostgreSQL of your own) it backs up that database. Exit 0 with the folder's name; 1 on failure.
import path from 'node:path';
import { beijingDateTime, loadConfig } from '@yizhan/common';
import { runningPostgresUrl, startEmbeddedPostgres } from '@yizhan/kernel';
import { backup, storesOf } from './lib/backup.ts';
import { DataFolderInUse, holdDataFolder } from './lib/data-lock.ts';

const log = (m: string) => console.log(`[yizhan backup] ${m}`);
const config = loadConfig();
const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};
// The folder is named by its Beijing time, so that a list of backups sorts by when they were taken.
const stamp = beijingDateTime(new Date()).replace(/[-:]/g, '').replace(' ', '-');
const to = path.resolve(arg('--to') ?? path.join(config.dataDir, 'backups', `yizhan-${stamp}`));

const pgDir = path.join(config.dataDir, 'postgres');
let adminUrl = config.adminDatabaseUrl ?? runningPostgresUrl(pgDir);
let stop = async () => {};
try {
  if (!adminUrl) {
    // Nothing runs on the folder: hold it (npm start waits) and start its PostgreSQL for the copy.
    const lock = await holdDataFolder(config.dataDir, log);
    const server = await startEmbeddedPostgres(pgDir, { persistent: true });
    adminUrl = server.adminUrl;
    stop = async () => {
      await server.stop();
      lock.release();
    };
  }
  const manifest = await backup({ adminUrl, database: config.databaseName, stores: storesOf(config), to, log });
  const rows = manifest.tables.reduce((n, t) => n + t.rows, 0);
  log(
    `备份完成 backup done: ${to} (${manifest.tables.length} tables, ${rows} rows, ${manifest.stores.blobs.length} files, as of ${beijingDateTime(manifest.createdAt)} 北京时间)`,
  );
  log('备份中含平台密钥，请按密钥保管 the backup holds the platform keys: keep it as you keep them');
  await stop();
  process.exit(0);
} catch (e) {
  console.error(`[yizhan backup] 备份失败 backup failed: ${(e as Error).message}`);
  if (e instanceof DataFolderInUse) process.exit(2);
  await stop().catch(() => {});
  process.exit(1);
}

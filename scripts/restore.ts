// npm run restore -- <backup folder> [--replace]: the platform of a backup into the data folder (or the database at
// DATABASE_URL), ready for npm start. Every file of the backup is checked against its manifest first; a data folder
// whose database already holds data, or whose keys differ, is left alone unless --replace says to replace it.
// npm start must not be running on the folder. Exit 0 when restored, 1 on failure, 2 when refused.
import path from 'node:path';
import { beijingDateTime, loadConfig } from '@yizhan/common';
import { startEmbeddedPostgres } from '@yizhan/kernel';
import { BackupRefused, restore, storesOf } from './lib/backup.ts';
import { DataFolderInUse, holdDataFolder } from './lib/data-lock.ts';

const log = (m: string) => console.log(`[yizhan restore] ${m}`);
/** Why a restore was refused, in the operator's words; the English detail follows. */
const REFUSED: Record<string, string> = {
  NOT_A_BACKUP: '不是驿站备份目录',
  BACKUP_DAMAGED: '备份已损坏，未写入任何内容',
  DATABASE_NOT_EMPTY: '数据库中已有数据，未覆盖',
  KEYS_DIFFER: '此处已有其他平台的密钥，未覆盖',
  NEWER_THAN_THIS_VERSION: '备份来自更新的版本，请用其版本恢复',
};
const config = loadConfig();
const from = process.argv.slice(2).find((a) => !a.startsWith('--'));
if (!from) {
  console.error('[yizhan restore] 请指明备份目录 name the backup folder: npm run restore -- <folder> [--replace]');
  process.exit(2);
}
let stop = async () => {};
try {
  const lock = await holdDataFolder(config.dataDir, log);
  let adminUrl = config.adminDatabaseUrl;
  if (!adminUrl) {
    const server = await startEmbeddedPostgres(path.join(config.dataDir, 'postgres'), { persistent: true });
    adminUrl = server.adminUrl;
    stop = async () => {
      await server.stop();
      lock.release();
    };
  } else stop = async () => lock.release();
  const manifest = await restore({ from: path.resolve(from), adminUrl, config, stores: storesOf(config), replace: process.argv.includes('--replace'), log });
  log(`恢复完成 restored: the platform as of ${beijingDateTime(manifest.createdAt)} 北京时间; start it with npm start`);
  await stop();
  process.exit(0);
} catch (e) {
  const refused = e instanceof BackupRefused || e instanceof DataFolderInUse;
  const why = e instanceof BackupRefused ? `${REFUSED[e.code]} (${e.code}) ` : '';
  console.error(`[yizhan restore] ${refused ? '未恢复 refused' : '恢复失败 failed'}: ${why}${(e as Error).message}`);
  await stop().catch(() => {});
  process.exit(refused ? 2 : 1);
}

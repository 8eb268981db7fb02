// One npm start per data folder. The running one writes its pid into the folder (npm-start.pid); a second start on
// the same folder says which process holds it and stops, instead of failing on PostgreSQL's own lock. A PostgreSQL
// left running by an npm start that was killed (kill -9: nobody stopped it) is stopped first, and said so.
import fs from 'node:fs';
import path from 'node:path';
import { postgresHolding } from '@yizhan/kernel';

export class DataFolderInUse extends Error {}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** Takes the data folder for this process; throws DataFolderInUse naming the pid of the npm start that holds it. */
export async function holdDataFolder(dataDir: string, log: (m: string) => void): Promise<{ release(): void }> {
  fs.mkdirSync(dataDir, { recursive: true });
  const lockFile = path.join(dataDir, 'npm-start.pid');
  const holder = Number(fs.existsSync(lockFile) ? fs.readFileSync(lockFile, 'utf8').trim() : NaN);
  if (Number.isSafeInteger(holder) && holder !== process.pid && alive(holder)) {
    throw new DataFolderInUse(
      `the data folder ${dataDir} is in use by another npm start (pid ${holder}): stop it first (Ctrl-C in its terminal, or kill ${holder}), or set YIZHAN_DATA_DIR to another folder`,
    );
  }
  // The holder is gone. Its PostgreSQL may still run (it was killed, not stopped): stop that one now.
  const pgDir = path.join(dataDir, 'postgres');
  const orphan = postgresHolding(pgDir);
  if (orphan && !Number.isSafeInteger(holder)) {
    throw new DataFolderInUse(
      `the data folder ${dataDir} is in use by a PostgreSQL (pid ${orphan}) that npm start did not start: stop it first (kill ${orphan})`,
    );
  }
  if (orphan) {
    log(`stopping the PostgreSQL (pid ${orphan}) that a killed npm start (pid ${holder}) left running on ${pgDir}`);
    process.kill(orphan, 'SIGINT');
    for (let i = 0; i < 100 && alive(orphan); i++) await new Promise((r) => setTimeout(r, 100));
    if (alive(orphan)) throw new DataFolderInUse(`the PostgreSQL (pid ${orphan}) on ${pgDir} does not stop: stop it (kill ${orphan}) and start again`);
  }
  fs.writeFileSync(lockFile, String(process.pid));
  return {
    release() {
      try {
        if (fs.readFileSync(lockFile, 'utf8').trim() === String(process.pid)) fs.rmSync(lockFile);
      } catch {
        /* already gone */
      }
    },
  };
}

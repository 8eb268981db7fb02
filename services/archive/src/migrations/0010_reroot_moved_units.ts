import { loadConfig } from '@yizhan/common';
import { rerootFunctionSql } from '@yizhan/kernel';
import { Migration } from '@yizhan/kernel/migration';

/**
 * A unit moved under another superior (org's `org.moved`) takes its rows here with it: `archive.reroot_unit` moves
 * every path of the unit and of those below it (kernel db/reroot.ts), run by this service's follower of org's events.
 * Before it, a moved unit found nothing of its own here: its rows kept the path it had left.
 */
export class RerootMovedUnits extends Migration {
  override up(): void {
    for (const s of rerootFunctionSql('archive', { keep: ['outbox'], appRole: loadConfig().appRole.name })) this.addSql(s);
  }
}

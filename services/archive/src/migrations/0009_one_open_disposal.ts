import { Migration } from '@yizhan/kernel/migration';

/**
 * One open disposal proposal per record (app/disposal.ts refuses a second under a lock; this is the second line): two
 * open at once — destroy and keep longer — were both decided, in either order, and a record kept permanently could
 * then be destroyed. Proposals already open twice keep the first; the later ones are closed as the platform's.
 */
export class OneOpenDisposal extends Migration {
  override up(): void {
    this.addSql(`UPDATE archive.disposals d SET status = 'REJECTED', decided_by_name = '驿站平台（自动）', decided_at = now()
      WHERE d.status = 'PENDING'
        AND EXISTS (SELECT 1 FROM archive.disposals e WHERE e.record_id = d.record_id AND e.status = 'PENDING'
                    AND (e.created_at, e.id) < (d.created_at, d.id))`);
    this.addSql("CREATE UNIQUE INDEX disposals_one_open ON archive.disposals (record_id) WHERE status = 'PENDING'");
  }
}

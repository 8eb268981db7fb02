import { loadConfig } from '@yizhan/common';
import { outboxPartitioning, partitionTablesSql } from '@yizhan/kernel';
import { Migration } from '@yizhan/kernel/migration';

/** The outbox, partitioned by month (kernel db/partitions.ts; issue 19). */
export class Partitions extends Migration {
  override up(): void {
    for (const s of partitionTablesSql('seals', loadConfig().relayRole.name, [outboxPartitioning('seals')])) this.addSql(s);
  }
}

import { loadConfig } from '@yizhan/common';
import { outboxPartitioning, partitionTablesSql } from '@yizhan/kernel';
import { Migration } from '@yizhan/kernel/migration';

/** The tables that grow with traffic, partitioned by time (kernel db/partitions.ts; issue 19): the outbox by month, and the audit log by month with three years attached (seed 003 §42 keeps it six months at least; detached months stay in the schema). */
export class Partitions extends Migration {
  override up(): void {
    for (const s of partitionTablesSql('org', loadConfig().relayRole.name, [
      outboxPartitioning('org'),
      { table: 'org.audit_log', column: 'at', period: 'month', ahead: 2, keep: 36 },
    ]))
      this.addSql(s);
  }
}

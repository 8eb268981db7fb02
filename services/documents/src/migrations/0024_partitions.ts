import { loadConfig } from '@yizhan/common';
import { outboxPartitioning, partitionTablesSql } from '@yizhan/kernel';
import { Migration } from '@yizhan/kernel/migration';

/** The tables that grow with traffic, partitioned by time (kernel db/partitions.ts; issue 19): the outbox by month; a delivery's history and its notifications by year. (The alerts stay whole: an outage text is sent once per announcement and target, a uniqueness PostgreSQL keeps only within one partition.) The 催办 an escalation points at (escalations.urge_id) is a reference check now (a history row is keyed by (id, at); made here since the kernel makes such checks, by 0031 in a database partitioned before). */
export class Partitions extends Migration {
  override up(): void {
    for (const s of partitionTablesSql('documents', loadConfig().relayRole.name, [
      outboxPartitioning('documents'),
      { table: 'documents.delivery_history', column: 'at', period: 'year', ahead: 1, keep: 10 },
      { table: 'documents.notifications', column: 'created_at', period: 'year', ahead: 1, keep: 3 },
    ]))
      this.addSql(s);
  }
}

import { outboxIdsAfterTheirTransactionSql } from '@yizhan/kernel';
import { Migration } from '@yizhan/kernel/migration';

/** An event's id drawn after its transaction's id, so the relay's claim can start past what it published (kernel db/outbox.ts). */
export class OutboxIdsAfterTheirTransaction extends Migration {
  override up(): void {
    this.addSql(outboxIdsAfterTheirTransactionSql('certificates'));
  }
}

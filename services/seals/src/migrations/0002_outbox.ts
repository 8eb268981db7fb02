import { loadConfig } from '@yizhan/common';
import { outboxTableSql } from '@yizhan/kernel';
import { Migration } from '@yizhan/kernel/migration';

/** An outbox, so that this service's audit entries reach org's audit log in the transaction of what they record. */
export class Outbox extends Migration {
  override up(): void {
    for (const s of outboxTableSql('seals', loadConfig().relayRole.name)) this.addSql(s);
  }
}

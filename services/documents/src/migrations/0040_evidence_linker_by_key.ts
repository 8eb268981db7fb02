import { Migration } from '@yizhan/kernel/migration';
import { evidenceWaitingFunction, linkEvidenceFunction } from './evidence-linker-sql.ts';

/**
 * The evidence job reads the queued events by the outbox's key (evidence-linker-sql.ts), in the linker and in its poll
 * of what waits: their cost follows what is queued, not what the outbox keeps. The same links as before.
 */
export class EvidenceLinkerByKey extends Migration {
  override up(): void {
    this.addSql(linkEvidenceFunction('0040'));
    this.addSql(evidenceWaitingFunction('0040'));
  }
}

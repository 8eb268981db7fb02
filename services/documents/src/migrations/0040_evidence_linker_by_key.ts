import { Migration } from '@yizhan/kernel/migration';
import { linkEvidenceFunction } from './evidence-linker-sql.ts';

/**
 * The evidence linker reads the queued events by the outbox's key (evidence-linker-sql.ts): its cost follows what is
 * queued, not what the outbox keeps. The same links as before.
 */
export class EvidenceLinkerByKey extends Migration {
  override up(): void {
    this.addSql(linkEvidenceFunction('0040'));
  }
}

import { Migration } from '@yizhan/kernel/migration';

/**
 * What an audit entry was about, in a reader's words as it stood then (a person's name, a certificate's holder and
 * serial, an archived record's 档号, a file's name): the log shows it under 对象 where an id would say nothing to an
 * administrator. Entries written before have none (the log is append-only: they are not filled in).
 */
export class AuditTargetNames extends Migration {
  override up(): void {
    this.addSql('ALTER TABLE org.audit_log ADD COLUMN target_name text');
  }
}

import { scopeOncePerStatementSql } from '@yizhan/kernel';
import { Migration } from '@yizhan/kernel/migration';

/** Every policy reads the caller's scope once per statement, not once per row (kernel db/rls.ts scopeOncePerStatementSql). */
export class ScopeOnce extends Migration {
  override up(): void {
    this.addSql(scopeOncePerStatementSql('archive'));
  }
}

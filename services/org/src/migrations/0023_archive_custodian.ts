import { Migration } from '@yizhan/kernel/migration';

/**
 * A closed unit's archive goes to a unit that keeps it (seed 003 §9(2): 相关档案按被撤销单位提出的处理办法进行处理):
 * the unit it was merged into, or for a dissolved unit the one its dissolution names (its superior unless another is
 * named). Units closed before this are given here the keeper they would have had (the unit they joined, or their
 * superior); the archive takes a fonds into custody only from the closing event, so theirs is not in its custody.
 */
export class ArchiveCustodian extends Migration {
  override up(): void {
    this.addSql('ALTER TABLE org.orgs ADD COLUMN archive_custodian_id uuid REFERENCES org.orgs (id)');
    // As their owner, past row-level security for the one statement (the migrator has no unit).
    this.addSql('ALTER TABLE org.orgs NO FORCE ROW LEVEL SECURITY');
    this.addSql(`UPDATE org.orgs SET archive_custodian_id = CASE WHEN status = 'MERGED' THEN merged_into_id ELSE parent_id END WHERE status <> 'ACTIVE'`);
    this.addSql('ALTER TABLE org.orgs FORCE ROW LEVEL SECURITY');
  }
}

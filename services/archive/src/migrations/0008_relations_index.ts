import { Migration } from '@yizhan/kernel/migration';

/**
 * 关联文件: the records that name a document among their relations (a 请示's 批复, a notice's 复文) are found by
 * containment in `metadata -> 'relations'` (store/records.ts `recordsFiledWith`), each time a record is opened. Without
 * an index that read walks every record of the unit; with it, the few that name the document.
 */
export class RelationsIndex extends Migration {
  override up(): void {
    this.addSql("CREATE INDEX records_relations ON archive.records USING gin ((metadata -> 'relations') jsonb_path_ops)");
  }
}

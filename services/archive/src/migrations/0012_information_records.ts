import { Migration } from '@yizhan/kernel/migration';

/**
 * A unit archives the 信息 it published as well as its documents (seed 003 §34: 电子公文、信息和材料). Such a record's
 * role is INFORMATION and its document_id is the item's id at org; its 件号 counts in a class of its own (…-XX).
 */
export class InformationRecords extends Migration {
  override up(): void {
    for (const table of ['pending', 'records'])
      this.addSql(
        `ALTER TABLE archive.${table} DROP CONSTRAINT ${table}_role_check,
           ADD CONSTRAINT ${table}_role_check CHECK (role IN ('SENDER', 'RECIPIENT', 'INFORMATION'))`,
      );
  }
}

import { Migration } from '@yizhan/kernel/migration';

/**
 * The telegram grades (issue 18): 党政机关公文处理工作条例 第九条(三) and GB/T 9704-2012 §7.2.3 grade a document 特急
 * or 加急, and a 电报 特提, 特急, 加急 or 平急. FLASH (特提) and PLAIN_URGENT (平急) join the urgencies, and only a
 * telegram carries them; a telegram carries a grade (never NORMAL). Deliveries and the intake register copy the
 * grade as text and need no change. A telegram stored before this with no grade is taken as 平急, its lowest (its
 * deliveries keep the grade they were sent with).
 */
export class TelegramGrades extends Migration {
  override up(): void {
    const sql = [
      `UPDATE documents.documents SET urgency = 'PLAIN_URGENT' WHERE is_telegram AND urgency = 'NORMAL'`,
      'ALTER TABLE documents.documents DROP CONSTRAINT documents_urgency_check',
      `ALTER TABLE documents.documents ADD CONSTRAINT documents_urgency_check
        CHECK (urgency IN ('NORMAL', 'URGENT', 'EXTRA_URGENT', 'FLASH', 'PLAIN_URGENT'))`,
      `ALTER TABLE documents.documents ADD CONSTRAINT documents_telegram_grade
        CHECK (CASE WHEN is_telegram THEN urgency IN ('FLASH', 'EXTRA_URGENT', 'URGENT', 'PLAIN_URGENT')
                    ELSE urgency IN ('NORMAL', 'URGENT', 'EXTRA_URGENT') END)`,
    ];
    for (const s of sql) this.addSql(s);
  }
}

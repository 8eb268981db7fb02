import { Migration } from '@yizhan/kernel/migration';

/**
 * 简报刊名 (seed 002 三: "陕政通报"、"要情通报"等内部刊物; seed 000 §4: 政务信息简报): the names of the briefings a unit
 * issues, beside its 机关代字. A 简报 is numbered by its 刊名 and year (2026年第12期), not by a 机关代字.
 */
export class BriefingTitles extends Migration {
  override up(): void {
    this.addSql(`ALTER TABLE org.unit_settings ADD COLUMN briefing_titles text[] NOT NULL DEFAULT '{}'
      CHECK (cardinality(briefing_titles) <= 5)`);
  }
}

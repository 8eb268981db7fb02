import { Migration } from '@yizhan/kernel/migration';

/**
 * 件号 within each class of a fonds (DA/T 22-2015: 全宗 is the scheme's first level, then 年度, 保管期限 and
 * 机构(问题)): a unit that sets the 全宗号 its archives gave it starts each class of the year at 0001 under it
 * (Z109-WS·2026-D30-FW-0001), where it went on from the numbers it had given under its code. Each counter and each
 * record's place in its series is kept by fonds; the counters there are take the fonds of the records they numbered.
 */
export class ItemsByFonds extends Migration {
  override up(): void {
    const sql = [
      `ALTER TABLE archive.numbering ADD COLUMN fonds text NOT NULL DEFAULT ''`,
      `UPDATE archive.numbering n SET fonds = coalesce((
         SELECT r.fonds FROM archive.records r
          WHERE r.org_id = n.org_id AND r.year = n.year AND r.numbered_in = n.category
          ORDER BY r.item_no DESC LIMIT 1), '')`,
      'ALTER TABLE archive.numbering DROP CONSTRAINT numbering_pkey',
      'ALTER TABLE archive.numbering ADD PRIMARY KEY (org_id, fonds, year, category)',
      'ALTER TABLE archive.records DROP CONSTRAINT records_item_in_series',
      'ALTER TABLE archive.records ADD CONSTRAINT records_item_in_series UNIQUE (org_id, fonds, year, numbered_in, item_no)',
    ];
    for (const s of sql) this.addSql(s);
  }
}

import { Migration } from '@yizhan/kernel/migration';

/**
 * 件号 within each category of a year (DA/T 22: items are numbered within the lowest class of the scheme, here
 * 保管期限 and 收文/发文: 610102-2026-D30-SW-0001, 610102-2026-D30-FW-0001 …), where they ran across the whole year.
 * A record says which series its number belongs to (`numbered_in`: the category, or '' for the year-wide numbers
 * given before this migration, which stay as they were and are checked for gaps as before).
 */
export class ItemsByCategory extends Migration {
  override up(): void {
    this.addSql(`ALTER TABLE archive.numbering ADD COLUMN category text NOT NULL DEFAULT ''`);
    this.addSql('ALTER TABLE archive.numbering DROP CONSTRAINT numbering_pkey');
    this.addSql('ALTER TABLE archive.numbering ADD PRIMARY KEY (org_id, year, category)');
    this.addSql(`ALTER TABLE archive.records ADD COLUMN numbered_in text NOT NULL DEFAULT ''`);
    this.addSql('ALTER TABLE archive.records DROP CONSTRAINT records_org_id_year_item_no_key');
    this.addSql('ALTER TABLE archive.records ADD CONSTRAINT records_item_in_series UNIQUE (org_id, year, numbered_in, item_no)');
    // The series a record's number belongs to is part of what the record is: it does not change either.
    this.addSql(`CREATE FUNCTION archive.guard_series() RETURNS trigger LANGUAGE plpgsql AS $f$
      BEGIN
        IF NEW.numbered_in <> OLD.numbered_in THEN
          RAISE EXCEPTION 'an archived record does not change (record %)', OLD.id USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
      END $f$`);
    this.addSql('CREATE TRIGGER records_series_immutable BEFORE UPDATE ON archive.records FOR EACH ROW EXECUTE FUNCTION archive.guard_series()');
  }
}

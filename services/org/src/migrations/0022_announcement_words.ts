import { Migration } from '@yizhan/kernel/migration';

/**
 * The words of an announcement the platform wrote itself, kept beside its Chinese title and body so a reader in
 * English is told the same (domain/emergency.ts `AnnouncementWords`): an office's outage notice made on escalation
 * (its unit and its plan, written by the app), the platform's own after two hours (the reporting unit, when it
 * reported, the answering office) and its restoration notice (the unit of the notice it ends). The two the platform
 * publishes come from `org.notify_outages`; a trigger fills their words as they are inserted, from the fault report
 * and the notice restored, so that function stays as it is. A person's own announcement has none: it is shown as
 * written.
 */
export class AnnouncementWords extends Migration {
  override up(): void {
    const sql = [
      'ALTER TABLE org.announcements ADD COLUMN words jsonb',
      `CREATE FUNCTION org.announcement_words() RETURNS trigger
        LANGUAGE plpgsql SET search_path = pg_catalog, org AS $f$
        BEGIN
          IF NEW.restores_id IS NOT NULL THEN
            SELECT jsonb_build_object('made', 'RESTORED', 'unit', a.words->>'unit') INTO NEW.words
              FROM org.announcements a WHERE a.id = NEW.restores_id AND a.words ? 'unit';
          ELSIF NEW.kind = 'OUTAGE' AND NEW.fault_report_id IS NOT NULL THEN
            SELECT jsonb_build_object('made', 'OVERDUE_FAULT', 'unit', r.name, 'reportedAt', f.reported_at, 'office', s.name) INTO NEW.words
              FROM org.fault_reports f JOIN org.orgs r ON r.id = f.org_id JOIN org.orgs s ON s.id = NEW.scope_org_id
             WHERE f.id = NEW.fault_report_id;
          END IF;
          RETURN NEW;
        END $f$`,
      `CREATE TRIGGER announcement_words BEFORE INSERT ON org.announcements
         FOR EACH ROW WHEN (NEW.automatic AND NEW.words IS NULL) EXECUTE FUNCTION org.announcement_words()`,
    ];
    for (const s of sql) this.addSql(s);
  }
}

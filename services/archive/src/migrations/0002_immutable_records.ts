import { Migration } from '@yizhan/kernel/migration';

/**
 * Archived records are immutable below the application too: a trigger refuses any change to what a record is (its
 * document, number, content, evidence, fixity) and any deletion. What may change: versioned metadata corrections,
 * the check report and quarantine, holds, a retention extended, and a destruction that erases the content.
 */
export class ImmutableRecords extends Migration {
  override up(): void {
    this.addSql(`CREATE FUNCTION archive.guard_record() RETURNS trigger LANGUAGE plpgsql AS $f$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          RAISE EXCEPTION 'archived records are never deleted (record %): destroy them through appraisal', OLD.id USING ERRCODE = 'check_violation';
        END IF;
        IF NEW.id <> OLD.id OR NEW.org_id <> OLD.org_id OR NEW.document_id <> OLD.document_id OR NEW.role <> OLD.role
           OR NEW.fonds <> OLD.fonds OR NEW.year <> OLD.year OR NEW.item_no <> OLD.item_no OR NEW.archival_number <> OLD.archival_number
           OR NEW.fixity <> OLD.fixity OR NEW.stamp IS DISTINCT FROM OLD.stamp OR NEW.archived_at <> OLD.archived_at THEN
          RAISE EXCEPTION 'an archived record does not change (record %)', OLD.id USING ERRCODE = 'check_violation';
        END IF;
        IF OLD.status = 'DESTROYED' AND NEW.status <> 'DESTROYED' THEN
          RAISE EXCEPTION 'a destroyed record stays destroyed (record %)', OLD.id USING ERRCODE = 'check_violation';
        END IF;
        -- The content changes only by being erased in a destruction.
        IF (NEW.components IS DISTINCT FROM OLD.components OR NEW.canonical IS DISTINCT FROM OLD.canonical OR NEW.events IS DISTINCT FROM OLD.events)
           AND NEW.status <> 'DESTROYED' THEN
          RAISE EXCEPTION 'an archived record''s content does not change (record %)', OLD.id USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
      END $f$`);
    this.addSql('CREATE TRIGGER records_immutable BEFORE UPDATE OR DELETE ON archive.records FOR EACH ROW EXECUTE FUNCTION archive.guard_record()');
  }
}

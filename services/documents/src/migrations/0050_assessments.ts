import { REROOT_ALLOWED, rerootPoliciesSql } from '@yizhan/kernel';
import { Migration } from '@yizhan/kernel/migration';

/**
 * 考核评比 (seed 004 四(一); domain/assessment.ts): a unit's scoring of the units below it for a period — the weights,
 * each unit's figures as counted when it was worked out, the points added or taken off with their reasons — a draft
 * until published, then kept as published (a trigger), with its PDF. The assessing unit and those above it read it,
 * the assessing unit alone writes it; once published, the units below read it too, and each unit scored finds its
 * result among its notices.
 */
export class Assessments extends Migration {
  override up(): void {
    const scope = "(SELECT nullif(current_setting('yizhan.org_path', true), '')::ltree)";
    const sql = [
      `CREATE TABLE documents.assessments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        org_id uuid NOT NULL,
        org_path ltree NOT NULL,
        org_name text NOT NULL,
        title text NOT NULL,
        period_from timestamptz NOT NULL,
        period_to timestamptz NOT NULL,
        weights jsonb NOT NULL,
        units jsonb NOT NULL,
        adjustments jsonb NOT NULL DEFAULT '{}',
        computed_at timestamptz NOT NULL,
        created_by uuid NOT NULL,
        created_by_name text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        published_at timestamptz,
        published_by uuid,
        published_by_name text,
        pdf_sha256 text,
        CHECK (period_to > period_from),
        CHECK ((published_at IS NULL) = (pdf_sha256 IS NULL))
      )`,
      'CREATE INDEX assessments_unit ON documents.assessments USING gist (org_path)',
      'ALTER TABLE documents.assessments ENABLE ROW LEVEL SECURITY',
      'ALTER TABLE documents.assessments FORCE ROW LEVEL SECURITY',
      // Read by the assessing unit and those above it; written by the assessing unit alone (a unit above reads a
      // draft, it does not change it); once published, read by the units below.
      `CREATE POLICY assessments_read ON documents.assessments FOR SELECT USING (org_path <@ ${scope})`,
      `CREATE POLICY assessments_insert ON documents.assessments FOR INSERT WITH CHECK (org_path = ${scope})`,
      `CREATE POLICY assessments_update ON documents.assessments FOR UPDATE USING (org_path = ${scope}) WITH CHECK (org_path = ${scope})`,
      `CREATE POLICY assessments_delete ON documents.assessments FOR DELETE USING (org_path = ${scope})`,
      `CREATE POLICY assessments_published ON documents.assessments FOR SELECT
        USING (published_at IS NOT NULL AND org_path @> ${scope})`,
      // Published is final: what the units were told is what stays (a correction is a new assessment); a moved unit's
      // path follows it.
      `CREATE FUNCTION documents.assessment_as_published() RETURNS trigger LANGUAGE plpgsql AS $f$
        BEGIN
          ${REROOT_ALLOWED}
          IF OLD.published_at IS NOT NULL THEN
            RAISE EXCEPTION 'assessment % is published and kept as published', OLD.id USING ERRCODE = 'check_violation';
          END IF;
          RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
        END $f$`,
      `CREATE TRIGGER assessment_as_published BEFORE UPDATE OR DELETE ON documents.assessments
        FOR EACH ROW EXECUTE FUNCTION documents.assessment_as_published()`,
      // The scored units are told in their inbox (站内通知, kind ASSESSED): a notice about an assessment, not a delivery.
      'ALTER TABLE documents.notifications ALTER COLUMN delivery_id DROP NOT NULL',
      'ALTER TABLE documents.notifications ADD COLUMN assessment_id uuid',
      'ALTER TABLE documents.notifications ADD CONSTRAINT notification_about CHECK (delivery_id IS NOT NULL OR assessment_id IS NOT NULL)',
      'ALTER TABLE documents.notifications DROP CONSTRAINT notifications_kind_check',
      `ALTER TABLE documents.notifications ADD CONSTRAINT notifications_kind_check
        CHECK (kind IN ('ARRIVED', 'REPORT_REQUESTED', 'REPORT_RETURNED', 'REPORT_REMINDED', 'URGED', 'AUTO_URGED', 'ASSESSED'))`,
      rerootPoliciesSql('documents', ['outbox', 'inbox_totals', 'inbox_totals_pending', 'board_figures', 'board_figures_pending']),
    ];
    for (const s of sql) this.addSql(s);
  }
}

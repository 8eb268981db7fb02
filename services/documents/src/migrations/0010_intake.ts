import { tenantTableSql } from '@yizhan/kernel';
import { Migration } from '@yizhan/kernel/migration';

/**
 * 签收 and 登记 (issue 15): 签收 becomes its own moment after 接收 (a SIGNED status, who and when), and numbers the
 * delivery in the unit's 收文登记簿. The register has one entry per signed-for delivery, which the unit's later
 * handling (拟办, 批办, 承办, 传阅) refers to. Overdue and supervision count 签收 from now on.
 */
export class Intake extends Migration {
  override up(): void {
    const sql = [
      'ALTER TABLE documents.deliveries DROP CONSTRAINT delivery_status',
      `ALTER TABLE documents.deliveries ADD CONSTRAINT delivery_status
        CHECK (status IN ('DELIVERED', 'RECEIVED', 'PRINTED', 'SIGNED', 'RETURNED', 'RESEND_REQUESTED', 'RESENT', 'RECALLED', 'CLOSED'))`,
      `ALTER TABLE documents.deliveries
        ADD COLUMN signed_at timestamptz,
        ADD COLUMN signed_by uuid,
        ADD COLUMN signed_by_name text`,
      // Until now the first open was taken for 签收, and only what was opened could be closed: a closed delivery
      // was signed for when it was received. What is received and not closed waits for its clerk's 签收.
      `UPDATE documents.deliveries SET signed_at = received_at, signed_by = received_by, signed_by_name = received_by_name
        WHERE status = 'CLOSED' AND signed_at IS NULL`,
      'ALTER TABLE documents.deliveries DROP CONSTRAINT delivery_received',
      `ALTER TABLE documents.deliveries
        ADD CONSTRAINT delivery_received CHECK (status NOT IN ('RECEIVED', 'PRINTED', 'SIGNED', 'CLOSED') OR received_at IS NOT NULL),
        ADD CONSTRAINT delivery_signed CHECK (status NOT IN ('SIGNED', 'CLOSED') OR (signed_at IS NOT NULL AND signed_by_name IS NOT NULL))`,

      // Overdue means not signed for by the due time (supervision counts 签收, not the first open).
      'DROP INDEX documents.deliveries_overdue',
      "CREATE INDEX deliveries_unsigned_due ON documents.deliveries (due_at) WHERE signed_at IS NULL AND status IN ('DELIVERED', 'RECEIVED', 'PRINTED')",
      `CREATE OR REPLACE FUNCTION documents.mark_overdue() RETURNS integer
        LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, documents AS $f$
          WITH due AS (
            UPDATE documents.deliveries SET overdue_at = now()
            WHERE status IN ('DELIVERED', 'RECEIVED', 'PRINTED') AND signed_at IS NULL AND due_at < now() AND overdue_at IS NULL
            RETURNING id, document_id, sender_path, recipient_path, recipient_org_id, doc_number, due_at, status),
          announced AS (
            INSERT INTO documents.outbox (type, org_path, other_path, payload)
            SELECT 'delivery.overdue', sender_path, recipient_path,
                   jsonb_build_object('deliveryId', id, 'documentId', document_id, 'recipientOrgId', recipient_org_id,
                                      'docNumber', doc_number, 'status', status, 'dueAt', due_at)
            FROM due RETURNING 1)
          SELECT count(*)::int FROM announced
        $f$`,

      // 收文编号 counters: one row per unit and year, incremented inside the 签收 transaction (like the 发文字号's),
      // so a rolled-back 签收 gives its number back and concurrent ones queue on the row: no gaps, no duplicates.
      `CREATE TABLE documents.intake_counters (
        org_id uuid NOT NULL,
        org_path ltree NOT NULL,
        year integer NOT NULL,
        last_seq integer NOT NULL,
        PRIMARY KEY (org_id, year)
      )`,
      ...tenantTableSql('documents.intake_counters', 'unit'),

      // 收文登记簿: the unit's own book of what it signed for, one entry per delivery. The delivery's elements are
      // copied, as a paper register would: the entry reads alone, and the unit's later handling refers to its id.
      `CREATE TABLE documents.intake_register (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        org_id uuid NOT NULL,
        org_path ltree NOT NULL,
        delivery_id uuid NOT NULL UNIQUE REFERENCES documents.deliveries (id),
        document_id uuid NOT NULL,
        year integer NOT NULL,
        seq integer NOT NULL CHECK (seq > 0),
        sender_org_id uuid NOT NULL,
        sender_name text NOT NULL,
        doc_number text NOT NULL,
        title text NOT NULL,
        doc_type text NOT NULL,
        urgency text NOT NULL,
        copies integer NOT NULL,
        received_at timestamptz NOT NULL,
        signed_at timestamptz NOT NULL,
        signed_by uuid NOT NULL,
        signed_by_name text NOT NULL,
        -- 承办 and 办理情况: filled and kept current by the unit's handling.
        handler_name text,
        handling_status text NOT NULL DEFAULT 'REGISTERED',
        handling_changed_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        UNIQUE (org_id, year, seq)
      )`,
      'CREATE INDEX intake_register_signed ON documents.intake_register (org_id, signed_at DESC)',
      ...tenantTableSql('documents.intake_register', 'unit'),
    ];
    for (const s of sql) this.addSql(s);
  }
}

import { partiesTableSql } from '@yizhan/kernel';
import { Migration } from '@yizhan/kernel/migration';

/**
 * 答复, 转发 and 征集/报送 (issue 15, last step). A document may answer one its unit received (a reply: 批复, 报告,
 * 复函, linked to the original and addressed to its sender), or pass one on to the units below as its own notice (a
 * 转发, carrying the original by reference: its body and attachments by SHA-256, and the original's seal
 * verification as it stood when the forward was drafted). Each link names the unit's delivery of the original, and
 * copies what the link shows (title, 发文字号, sender), so the new document reads alone where the original is not
 * visible (a county reading a city's 转发 of a provincial notice sees the province's document only through it).
 *
 * A sender may ask a sent document's recipients to report by a deadline (征集): the request is the document's
 * (report_deadline, report_note), and `documents.reports` holds one row per recipient delivery: missing, reported
 * (by which reply, when, how many times) or returned for correction (why), and the reminders sent. Both parties read
 * it (the requester writes the return and reminders, the reporter's send writes the report), like deliveries.
 */
export class RepliesCollection extends Migration {
  override up(): void {
    const sql = [
      `ALTER TABLE documents.documents
        ADD COLUMN reply_to_document_id uuid REFERENCES documents.documents (id),
        ADD COLUMN reply_to_delivery_id uuid REFERENCES documents.deliveries (id),
        ADD COLUMN reply_to_org_id uuid,
        ADD COLUMN reply_to jsonb,
        ADD COLUMN forward_of_document_id uuid REFERENCES documents.documents (id),
        ADD COLUMN forward_of_delivery_id uuid REFERENCES documents.deliveries (id),
        ADD COLUMN forward_of jsonb,
        ADD COLUMN report_deadline timestamptz,
        ADD COLUMN report_note text,
        ADD COLUMN report_requested_at timestamptz,
        ADD CONSTRAINT document_reply_or_forward CHECK (reply_to_document_id IS NULL OR forward_of_document_id IS NULL),
        ADD CONSTRAINT document_reply_linked CHECK ((reply_to_document_id IS NULL) = (reply_to IS NULL) AND (reply_to_document_id IS NULL) = (reply_to_org_id IS NULL)),
        ADD CONSTRAINT document_forward_linked CHECK ((forward_of_document_id IS NULL) = (forward_of IS NULL))`,
      'CREATE INDEX documents_replies ON documents.documents (reply_to_document_id) WHERE reply_to_document_id IS NOT NULL',
      'CREATE INDEX documents_forwards ON documents.documents (forward_of_document_id) WHERE forward_of_document_id IS NOT NULL',

      `CREATE TABLE documents.reports (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        request_document_id uuid NOT NULL REFERENCES documents.documents (id),
        request_delivery_id uuid NOT NULL UNIQUE REFERENCES documents.deliveries (id),
        sender_path ltree NOT NULL,
        recipient_path ltree NOT NULL,
        reporter_org_id uuid NOT NULL,
        reporter_name text NOT NULL,
        deadline timestamptz NOT NULL,
        status text NOT NULL DEFAULT 'MISSING' CHECK (status IN ('MISSING', 'REPORTED', 'RETURNED')),
        report_document_id uuid REFERENCES documents.documents (id),
        report_doc_number text,
        report_title text,
        reported_at timestamptz,
        submissions integer NOT NULL DEFAULT 0,
        returned_at timestamptz,
        returned_by_name text,
        return_reason text,
        reminded_at timestamptz,
        reminders integer NOT NULL DEFAULT 0,
        changed_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        UNIQUE (request_document_id, reporter_org_id),
        CONSTRAINT report_reported CHECK (status = 'MISSING' OR (report_document_id IS NOT NULL AND reported_at IS NOT NULL)),
        CONSTRAINT report_returned CHECK (status <> 'RETURNED' OR return_reason IS NOT NULL)
      )`,
      'CREATE INDEX reports_reporter ON documents.reports (reporter_org_id, status)',
      ...partiesTableSql('documents.reports'),
    ];
    for (const s of sql) this.addSql(s);
  }
}

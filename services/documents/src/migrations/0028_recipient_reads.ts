import { Migration } from '@yizhan/kernel/migration';

/**
 * A recipient reaches what a broadcast's document holds for it without scanning its deliveries (issue 19; found by
 * bench/evidence.ts: every 签收 of a 10,000-recipient broadcast read the document, and the policy's EXISTS walked all
 * 10,000 deliveries of it by `document_id` to find one whose `recipient_path` is the caller's — a cost that grew with
 * the broadcast). The same EXISTS guarded the document's copy counter (every print takes a 份号 from it) and its
 * signed approvals. A branch before each finds the caller's own live delivery by the unique index on
 * (document_id, recipient_org_id), with the caller's unit id (`yizhan.org_id`, set beside the scope); it still
 * requires the path within the scope, so it grants nothing the old branch did not. A unit reading above its
 * recipients (a supervisor), a recalled or resent delivery's unit, and work scoped by path alone take the old branch.
 */
export class RecipientReads extends Migration {
  override up(): void {
    const scope = "nullif(current_setting('yizhan.org_path', true), '')::ltree";
    const unit = "nullif(current_setting('yizhan.org_id', true), '')::uuid";
    /** The caller's own live delivery of `document`, by index; then any delivery within the scope, as before. */
    const delivered = (document: string, within: '<@' | '=') =>
      `EXISTS (SELECT 1 FROM documents.deliveries d
                WHERE d.document_id = ${document} AND d.recipient_org_id = ${unit}
                  AND d.status NOT IN ('RESENT', 'RECALLED') AND d.recipient_path ${within} ${scope})
        OR EXISTS (SELECT 1 FROM documents.deliveries d WHERE d.document_id = ${document} AND d.recipient_path ${within} ${scope})`;
    const sql = [
      'DROP POLICY document_parties ON documents.documents',
      `CREATE POLICY document_parties ON documents.documents
        USING (org_path = ${scope} OR (status = 'SENT' AND org_path <@ ${scope}) OR ${delivered('documents.id', '<@')})
        WITH CHECK (org_path = ${scope})`,
      'DROP POLICY copy_counter_parties ON documents.copy_counters',
      `CREATE POLICY copy_counter_parties ON documents.copy_counters
        USING (sender_path <@ ${scope} OR ${delivered('copy_counters.document_id', '<@')})
        WITH CHECK (sender_path <@ ${scope} OR ${delivered('copy_counters.document_id', '<@')})`,
      'DROP POLICY approval_signatures_read ON documents.approval_signatures',
      `CREATE POLICY approval_signatures_read ON documents.approval_signatures FOR SELECT
        USING (org_path = ${scope} OR ${delivered('approval_signatures.document_id', '=')})`,
    ];
    for (const s of sql) this.addSql(s);
  }
}

import { Migration } from '@yizhan/kernel/migration';

/**
 * A recipient reads a broadcast's document without scanning its deliveries (issue 19; found by bench/evidence.ts:
 * every 签收 of a 10,000-recipient broadcast read the document, and the policy's EXISTS walked all 10,000 deliveries
 * of it by `document_id` to find one whose `recipient_path` is the caller's — a cost that grew with the broadcast).
 * A branch before it finds the caller's own live delivery by the unique index on (document_id, recipient_org_id),
 * with the caller's unit id (`yizhan.org_id`, set beside the scope); it still requires the path within the scope, so
 * it grants nothing the old branch did not. A unit reading above its recipients (a supervisor), a recalled or resent
 * delivery's unit, and work scoped by path alone take the old branch, as before.
 */
export class RecipientReads extends Migration {
  override up(): void {
    const scope = "nullif(current_setting('yizhan.org_path', true), '')::ltree";
    const unit = "nullif(current_setting('yizhan.org_id', true), '')::uuid";
    this.addSql('DROP POLICY document_parties ON documents.documents');
    this.addSql(`CREATE POLICY document_parties ON documents.documents
      USING (org_path = ${scope}
        OR (status = 'SENT' AND org_path <@ ${scope})
        OR EXISTS (SELECT 1 FROM documents.deliveries d
                    WHERE d.document_id = documents.id AND d.recipient_org_id = ${unit}
                      AND d.status NOT IN ('RESENT', 'RECALLED') AND d.recipient_path <@ ${scope})
        OR EXISTS (SELECT 1 FROM documents.deliveries d WHERE d.document_id = documents.id AND d.recipient_path <@ ${scope}))
      WITH CHECK (org_path = ${scope})`);
  }
}

import { Migration } from '@yizhan/kernel/migration';

/**
 * Signed approvals (issue 17; seed 003 §3): each approval of a draft — the last is the 签发 — signed with the
 * approving unit's key over the draft's canonical content digest, naming the person, step, role and comment, and
 * time-stamped over the signature (lib/crypto approval.ts), written in the approval's transaction. Read by the
 * drafting unit and by the units the document was delivered to; written only by the drafting unit; never changed or
 * removed (triggers, as receipts).
 */
export class SignedApprovals extends Migration {
  override up(): void {
    const scope = "nullif(current_setting('yizhan.org_path', true), '')::ltree";
    const sql = [
      `CREATE TABLE documents.approval_signatures (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        document_id uuid NOT NULL REFERENCES documents.documents (id),
        approval_step_id bigint NOT NULL UNIQUE REFERENCES documents.approval_steps (id),
        org_path ltree NOT NULL,
        step integer NOT NULL,
        approval jsonb NOT NULL,
        signature bytea NOT NULL,
        certificate bytea NOT NULL,
        suite text NOT NULL CHECK (suite IN ('RSA', 'SM2')),
        timestamp_token bytea NOT NULL,
        signed_at timestamptz NOT NULL
      )`,
      'CREATE INDEX approval_signatures_document ON documents.approval_signatures (document_id, step)',
      'ALTER TABLE documents.approval_signatures ENABLE ROW LEVEL SECURITY',
      'ALTER TABLE documents.approval_signatures FORCE ROW LEVEL SECURITY',
      `CREATE POLICY approval_signatures_read ON documents.approval_signatures FOR SELECT USING (
        org_path = ${scope}
        OR EXISTS (SELECT 1 FROM documents.deliveries d WHERE d.document_id = approval_signatures.document_id AND d.recipient_path = ${scope}))`,
      `CREATE POLICY approval_signatures_write ON documents.approval_signatures FOR INSERT WITH CHECK (org_path = ${scope})`,
      `CREATE TRIGGER approval_signatures_append_only BEFORE UPDATE OR DELETE ON documents.approval_signatures
        FOR EACH ROW EXECUTE FUNCTION documents.receipts_are_kept()`,
      `CREATE TRIGGER approval_signatures_no_truncate BEFORE TRUNCATE ON documents.approval_signatures
        FOR EACH STATEMENT EXECUTE FUNCTION documents.receipts_are_kept()`,
    ];
    for (const s of sql) this.addSql(s);
  }
}

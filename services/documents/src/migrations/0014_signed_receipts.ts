import { Migration } from '@yizhan/kernel/migration';

/**
 * Signed receipts (issue 17): every 接收, 签收 and 退回 of a delivery leaves the receiving unit's receipt, written in
 * the action's transaction — the receipt as signed (canonical JSON of delivery, document, content and stamp digests,
 * action, time), the unit's signature and signing certificate (from the certificates service, which keeps the key),
 * and the platform TSA's RFC 3161 token over the signature. Read by the receiving unit (its own) and the sending unit
 * (every recipient's); written only by the receiving unit; never changed or removed (triggers, as the evidence log).
 */
export class SignedReceipts extends Migration {
  override up(): void {
    const scope = "nullif(current_setting('yizhan.org_path', true), '')::ltree";
    const sql = [
      `CREATE TABLE documents.receipts (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        delivery_id uuid NOT NULL REFERENCES documents.deliveries (id),
        document_id uuid NOT NULL,
        recipient_org_id uuid NOT NULL,
        sender_path ltree NOT NULL,
        recipient_path ltree NOT NULL,
        action text NOT NULL CHECK (action IN ('RECEIVED', 'SIGNED', 'RETURNED')),
        receipt jsonb NOT NULL,
        signature bytea NOT NULL,
        certificate bytea NOT NULL,
        suite text NOT NULL CHECK (suite IN ('RSA', 'SM2')),
        timestamp_token bytea NOT NULL,
        signed_at timestamptz NOT NULL,
        UNIQUE (delivery_id, action)
      )`,
      'CREATE INDEX receipts_document ON documents.receipts (document_id)',
      'ALTER TABLE documents.receipts ENABLE ROW LEVEL SECURITY',
      'ALTER TABLE documents.receipts FORCE ROW LEVEL SECURITY',
      `CREATE POLICY receipts_read ON documents.receipts FOR SELECT USING (recipient_path = ${scope} OR sender_path = ${scope})`,
      `CREATE POLICY receipts_write ON documents.receipts FOR INSERT WITH CHECK (recipient_path = ${scope})`,
      `CREATE FUNCTION documents.receipts_are_kept() RETURNS trigger LANGUAGE plpgsql AS $f$
        BEGIN
          RAISE EXCEPTION 'receipts are kept as signed: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
        END
      $f$`,
      `CREATE TRIGGER receipts_append_only BEFORE UPDATE OR DELETE ON documents.receipts
        FOR EACH ROW EXECUTE FUNCTION documents.receipts_are_kept()`,
      `CREATE TRIGGER receipts_no_truncate BEFORE TRUNCATE ON documents.receipts
        FOR EACH STATEMENT EXECUTE FUNCTION documents.receipts_are_kept()`,
    ];
    for (const s of sql) this.addSql(s);
  }
}

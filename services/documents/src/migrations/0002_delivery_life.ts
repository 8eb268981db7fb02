import { partiesTableSql } from '@yizhan/kernel';
import { Migration } from '@yizhan/kernel/migration';

/** The delivery state machine: more states, the reason of the last change, linked resends, and the history. */
export class DeliveryLife extends Migration {
  override up(): void {
    const sql = [
      // The constraints of the first version knew only DELIVERED and RECEIVED.
      `DO $$ DECLARE c record; BEGIN
        FOR c IN SELECT conname FROM pg_constraint WHERE conrelid = 'documents.deliveries'::regclass AND contype = 'c' LOOP
          EXECUTE format('ALTER TABLE documents.deliveries DROP CONSTRAINT %I', c.conname);
        END LOOP;
      END $$`,
      `ALTER TABLE documents.deliveries
        ADD CONSTRAINT delivery_status CHECK (status IN ('DELIVERED', 'RECEIVED', 'PRINTED', 'RETURNED', 'RESEND_REQUESTED', 'RESENT', 'RECALLED', 'CLOSED')),
        ADD CONSTRAINT delivery_print_quota CHECK (print_quota BETWEEN 0 AND 100),
        ADD CONSTRAINT delivery_role CHECK (role IN ('MAIN', 'CC')),
        ADD CONSTRAINT delivery_receipt_action CHECK (receipt_action IN ('OPEN', 'PRINT', 'DOWNLOAD')),
        ADD CONSTRAINT delivery_received CHECK (status NOT IN ('RECEIVED', 'PRINTED', 'CLOSED') OR received_at IS NOT NULL),
        ADD COLUMN parent_delivery_id uuid REFERENCES documents.deliveries (id),
        ADD COLUMN state_reason text,
        ADD COLUMN state_note text,
        ADD COLUMN state_changed_at timestamptz`,
      // One live delivery per recipient and document; a resent or recalled one makes room for its successor.
      'ALTER TABLE documents.deliveries DROP CONSTRAINT deliveries_document_id_recipient_org_id_key',
      `CREATE UNIQUE INDEX deliveries_live_recipient ON documents.deliveries (document_id, recipient_org_id) WHERE status NOT IN ('RESENT', 'RECALLED')`,
      'CREATE INDEX deliveries_document ON documents.deliveries (document_id)',

      `CREATE TABLE documents.delivery_history (
        id bigserial PRIMARY KEY,
        delivery_id uuid NOT NULL REFERENCES documents.deliveries (id),
        sender_path ltree NOT NULL,
        recipient_path ltree NOT NULL,
        action text NOT NULL,
        from_status text NOT NULL,
        to_status text NOT NULL,
        actor_id uuid NOT NULL,
        actor_name text NOT NULL,
        reason text,
        note text,
        at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`,
      'CREATE INDEX delivery_history_delivery ON documents.delivery_history (delivery_id, id)',
      ...partiesTableSql('documents.delivery_history'),
    ];
    for (const s of sql) this.addSql(s);
  }
}

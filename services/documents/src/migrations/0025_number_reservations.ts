import { tenantTableSql } from '@yizhan/kernel';
import { Migration } from '@yizhan/kernel/migration';

/**
 * 登记 before 用印 (issue 18): a unit with a seal numbers a document when its stamp is asked for, so that the OFD the
 * seal signs carries the 发文字号 and the date it will be sent with. `number_reservations` is the unit's ledger of the
 * numbers it took that way, from the same gapless counter as the send (`number_counters`): each stays RESERVED with its
 * document until the send uses it (SENT) or the document goes back to its drafter unsent (VOIDED, 作废, with the
 * reason, never reused). The 发文登记簿 lists every number: sent, reserved, or voided — no silent gap.
 * `reserved_at` is the date the document's OFD shows (its CreationDate), fixed when the seal signs it.
 */
export class NumberReservations extends Migration {
  override up(): void {
    const sql = [
      `CREATE TABLE documents.number_reservations (
        id uuid PRIMARY KEY,
        org_id uuid NOT NULL,
        org_path ltree NOT NULL,
        document_id uuid NOT NULL REFERENCES documents.documents (id),
        title text NOT NULL,
        prefix text NOT NULL,
        year integer NOT NULL,
        seq integer NOT NULL CHECK (seq > 0),
        doc_number text NOT NULL,
        status text NOT NULL DEFAULT 'RESERVED' CHECK (status IN ('RESERVED', 'SENT', 'VOIDED')),
        reserved_at timestamptz NOT NULL DEFAULT now(),
        reserved_by_name text NOT NULL,
        voided_at timestamptz,
        voided_by_name text,
        void_reason text CHECK (length(void_reason) <= 1000),
        UNIQUE (org_id, prefix, year, seq),
        CHECK ((status = 'VOIDED') = (voided_at IS NOT NULL AND void_reason IS NOT NULL))
      )`,
      // A document holds at most one number not yet sent or voided.
      `CREATE UNIQUE INDEX number_reservations_open ON documents.number_reservations (document_id) WHERE status = 'RESERVED'`,
      'CREATE INDEX number_reservations_register ON documents.number_reservations (org_id, year, prefix, seq)',
      ...tenantTableSql('documents.number_reservations', 'unit'),
    ];
    for (const s of sql) this.addSql(s);
  }
}

import { loadConfig } from '@yizhan/common';
import { outboxTableSql, partiesTableSql, SCOPE_SETTING, tenantTableSql } from '@yizhan/kernel';
import { Migration } from '@yizhan/kernel/migration';

const scope = `nullif(current_setting('${SCOPE_SETTING}', true), '')::ltree`;

/** Documents and their drafts' history, approvals, numbering, deliveries, uploads, and the outbox. */
export class DocumentsInitial extends Migration {
  override up(): void {
    const sql = [
      `CREATE TABLE documents.documents (
        id uuid PRIMARY KEY,
        org_id uuid NOT NULL,
        org_path ltree NOT NULL,
        org_name text NOT NULL,
        co_issuer_ids uuid[] NOT NULL DEFAULT '{}',
        doc_type text NOT NULL,
        doc_prefix text,
        doc_year integer,
        doc_seq integer,
        doc_number text,
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
        signer text,
        main_to text,
        cc_to text,
        recipients jsonb NOT NULL DEFAULT '[]',
        body_sha256 text NOT NULL,
        body_size integer NOT NULL,
        attachments jsonb NOT NULL DEFAULT '[]',
        attachments_on_paper boolean NOT NULL DEFAULT false,
        paper_note text,
        signature_line text,
        doc_date date,
        notes text,
        printing_org text,
        printing_date date,
        urgency text NOT NULL DEFAULT 'NORMAL' CHECK (urgency IN ('NORMAL', 'URGENT', 'EXTRA_URGENT')),
        is_telegram boolean NOT NULL DEFAULT false,
        deadline timestamptz,
        -- Only non-classified documents exist here: a 密级 is refused before anything is written.
        classification text CHECK (classification IS NULL),
        status text NOT NULL DEFAULT 'DRAFT' CHECK (status IN ('DRAFT', 'IN_APPROVAL', 'APPROVED', 'REJECTED', 'SENT')),
        approval_chain text[],
        approval_step integer NOT NULL DEFAULT 0,
        version integer NOT NULL DEFAULT 1,
        author_id uuid NOT NULL,
        author_name text NOT NULL,
        send_key text,
        sent_at timestamptz,
        sent_by uuid,
        recipient_count integer,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (org_id, doc_prefix, doc_year, doc_seq),
        UNIQUE (org_id, send_key),
        CHECK (status <> 'SENT' OR (doc_number IS NOT NULL AND sent_at IS NOT NULL))
      )`,
      'CREATE INDEX documents_org ON documents.documents (org_id, updated_at DESC)',
      'CREATE INDEX documents_path ON documents.documents USING gist (org_path)',

      `CREATE TABLE documents.deliveries (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        document_id uuid NOT NULL REFERENCES documents.documents (id),
        sender_org_id uuid NOT NULL,
        sender_path ltree NOT NULL,
        sender_name text NOT NULL,
        recipient_org_id uuid NOT NULL,
        recipient_path ltree NOT NULL,
        recipient_name text NOT NULL,
        role text NOT NULL CHECK (role IN ('MAIN', 'CC')),
        print_quota integer NOT NULL CHECK (print_quota BETWEEN 0 AND 100),
        -- Copied from the sent (immutable) document so an inbox filters and lists without a join.
        doc_type text NOT NULL,
        doc_number text NOT NULL,
        title text NOT NULL,
        urgency text NOT NULL,
        deadline timestamptz,
        status text NOT NULL DEFAULT 'DELIVERED' CHECK (status IN ('DELIVERED', 'RECEIVED')),
        delivered_at timestamptz NOT NULL,
        received_at timestamptz,
        received_by uuid,
        received_by_name text,
        receipt_action text CHECK (receipt_action IN ('OPEN', 'PRINT', 'DOWNLOAD')),
        UNIQUE (document_id, recipient_org_id),
        CHECK ((status = 'RECEIVED') = (received_at IS NOT NULL))
      )`,
      'CREATE INDEX deliveries_inbox ON documents.deliveries (recipient_org_id, delivered_at DESC, id DESC)',
      // No GiST index on recipient_path or sender_path: reads go by recipient unit (above) or by document (the
      // unique index leads with it), and a GiST index made a 10,000-recipient broadcast 40% slower (bench/).

      // A document is visible to its own unit; once sent, to the units above it and to every recipient (and the
      // units above those, who supervise receipts). Drafts stay inside the unit.
      'ALTER TABLE documents.documents ENABLE ROW LEVEL SECURITY',
      'ALTER TABLE documents.documents FORCE ROW LEVEL SECURITY',
      `CREATE POLICY document_parties ON documents.documents
        USING (org_path = ${scope}
          OR (status = 'SENT' AND org_path <@ ${scope})
          OR EXISTS (SELECT 1 FROM documents.deliveries d WHERE d.document_id = documents.id AND d.recipient_path <@ ${scope}))
        WITH CHECK (org_path = ${scope})`,
      ...partiesTableSql('documents.deliveries'),

      `CREATE TABLE documents.document_versions (
        id bigserial PRIMARY KEY,
        document_id uuid NOT NULL REFERENCES documents.documents (id),
        org_path ltree NOT NULL,
        version integer NOT NULL,
        snapshot jsonb NOT NULL,
        edited_by uuid NOT NULL,
        edited_by_name text NOT NULL,
        edited_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (document_id, version)
      )`,
      ...tenantTableSql('documents.document_versions', 'unit'),

      `CREATE TABLE documents.approval_steps (
        id bigserial PRIMARY KEY,
        document_id uuid NOT NULL REFERENCES documents.documents (id),
        org_path ltree NOT NULL,
        step integer NOT NULL,
        role text,
        action text NOT NULL CHECK (action IN ('SUBMITTED', 'APPROVED', 'REJECTED')),
        user_id uuid NOT NULL,
        user_name text NOT NULL,
        comment text,
        at timestamptz NOT NULL DEFAULT now()
      )`,
      'CREATE INDEX approval_steps_document ON documents.approval_steps (document_id, id)',
      ...tenantTableSql('documents.approval_steps', 'unit'),

      // 发文字号 counters: one row per unit, 机关代字 and year, incremented inside the send transaction, so a
      // rolled-back send gives its number back and concurrent sends queue on the row: no gaps, no duplicates.
      `CREATE TABLE documents.number_counters (
        org_id uuid NOT NULL,
        org_path ltree NOT NULL,
        prefix text NOT NULL,
        year integer NOT NULL,
        last_seq integer NOT NULL,
        PRIMARY KEY (org_id, prefix, year)
      )`,
      ...tenantTableSql('documents.number_counters', 'unit'),

      `CREATE TABLE documents.uploads (
        org_id uuid NOT NULL,
        org_path ltree NOT NULL,
        sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        size integer NOT NULL,
        content_type text NOT NULL,
        filename text NOT NULL,
        uploaded_by uuid NOT NULL,
        uploaded_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (org_id, sha256)
      )`,
      ...tenantTableSql('documents.uploads', 'unit'),

      ...outboxTableSql('documents', loadConfig().relayRole.name),
    ];
    for (const s of sql) this.addSql(s);
  }
}

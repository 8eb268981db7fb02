import { tenantTableSql } from '@yizhan/kernel';
import { Migration } from '@yizhan/kernel/migration';

/**
 * Archived records with their numbering, retention, metadata versions, access register, disposals, the evidence
 * chain, and the queue of documents waiting to be archived. All of it is the unit's own: outsiders see nothing.
 */
export class ArchiveInitial extends Migration {
  override up(): void {
    const sql = [
      // Documents whose handling closed (a recipient closed its delivery) or that the unit sent: waiting to be archived.
      `CREATE TABLE archive.pending (
        org_id uuid NOT NULL,
        org_path ltree NOT NULL,
        document_id uuid NOT NULL,
        role text NOT NULL CHECK (role IN ('SENDER', 'RECIPIENT')),
        title text,
        doc_number text,
        reason text NOT NULL,
        record_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (org_id, document_id, role)
      )`,
      ...tenantTableSql('archive.pending', 'unit'),
      `CREATE TABLE archive.records (
        id uuid PRIMARY KEY,
        org_id uuid NOT NULL,
        org_path ltree NOT NULL,
        org_name text NOT NULL,
        document_id uuid NOT NULL,
        role text NOT NULL CHECK (role IN ('SENDER', 'RECIPIENT')),
        fonds text NOT NULL,
        year integer NOT NULL,
        item_no integer NOT NULL,
        retention text NOT NULL CHECK (retention IN ('PERMANENT', 'Y30', 'Y10')),
        retention_until date,
        archival_number text NOT NULL UNIQUE,
        title text NOT NULL,
        doc_type text NOT NULL,
        doc_number text,
        metadata jsonb NOT NULL,
        metadata_version integer NOT NULL DEFAULT 1,
        components jsonb NOT NULL,
        canonical text,
        stamp jsonb,
        events jsonb NOT NULL,
        fixity text NOT NULL,
        check_report jsonb NOT NULL,
        status text NOT NULL CHECK (status IN ('ARCHIVED', 'QUARANTINED', 'DESTROYED')),
        hold boolean NOT NULL DEFAULT false,
        hold_reason text,
        archived_by uuid,
        archived_by_name text NOT NULL,
        archived_at timestamptz NOT NULL DEFAULT now(),
        imported_from text,
        UNIQUE (org_id, document_id, role),
        UNIQUE (org_id, year, item_no)
      )`,
      ...tenantTableSql('archive.records', 'unit'),
      // 件号 without gaps per unit and year: a counter row, moved in the ingest's own transaction.
      `CREATE TABLE archive.numbering (
        org_id uuid NOT NULL,
        org_path ltree NOT NULL,
        year integer NOT NULL,
        last_item integer NOT NULL,
        PRIMARY KEY (org_id, year)
      )`,
      ...tenantTableSql('archive.numbering', 'unit'),
      `CREATE TABLE archive.metadata_versions (
        record_id uuid NOT NULL REFERENCES archive.records (id),
        org_path ltree NOT NULL,
        version integer NOT NULL,
        metadata jsonb NOT NULL,
        reason text NOT NULL,
        changed_by_name text NOT NULL,
        at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (record_id, version)
      )`,
      ...tenantTableSql('archive.metadata_versions', 'unit'),
      `CREATE TABLE archive.retention_rules (
        org_id uuid NOT NULL,
        org_path ltree NOT NULL,
        doc_type text NOT NULL,
        retention text NOT NULL CHECK (retention IN ('PERMANENT', 'Y30', 'Y10')),
        PRIMARY KEY (org_id, doc_type)
      )`,
      ...tenantTableSql('archive.retention_rules', 'unit'),
      `CREATE TABLE archive.access_requests (
        id uuid PRIMARY KEY,
        record_id uuid NOT NULL REFERENCES archive.records (id),
        org_path ltree NOT NULL,
        requester_id uuid NOT NULL,
        requester_name text NOT NULL,
        purpose text NOT NULL CHECK (length(purpose) BETWEEN 2 AND 500),
        status text NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'APPROVED', 'REJECTED')),
        decided_by_name text,
        decided_at timestamptz,
        expires_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`,
      ...tenantTableSql('archive.access_requests', 'unit'),
      // 调阅登记 (seed 003 §37): every view and download of an archived record.
      `CREATE TABLE archive.access_log (
        id bigserial PRIMARY KEY,
        record_id uuid NOT NULL REFERENCES archive.records (id),
        org_path ltree NOT NULL,
        request_id uuid,
        user_id uuid NOT NULL,
        user_name text NOT NULL,
        action text NOT NULL CHECK (action IN ('VIEW', 'DOWNLOAD', 'EXPORT')),
        component text,
        at timestamptz NOT NULL DEFAULT now()
      )`,
      ...tenantTableSql('archive.access_log', 'unit'),
      `CREATE TABLE archive.disposals (
        id uuid PRIMARY KEY,
        record_id uuid NOT NULL REFERENCES archive.records (id),
        org_path ltree NOT NULL,
        decision text NOT NULL CHECK (decision IN ('DESTROY', 'EXTEND')),
        extend_to text CHECK (extend_to IN ('PERMANENT', 'Y30', 'Y10')),
        reason text NOT NULL,
        requested_by_name text NOT NULL,
        status text NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'APPROVED', 'REJECTED')),
        decided_by_name text,
        decided_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`,
      ...tenantTableSql('archive.disposals', 'unit'),
      `CREATE TABLE archive.chain (
        org_id uuid NOT NULL,
        org_path ltree NOT NULL,
        seq bigint NOT NULL,
        kind text NOT NULL,
        record_id uuid,
        payload jsonb NOT NULL,
        at text NOT NULL,
        prev_hash text NOT NULL,
        hash text NOT NULL,
        PRIMARY KEY (org_id, seq)
      )`,
      ...tenantTableSql('archive.chain', 'unit'),
      'CREATE TABLE archive.event_offsets (source text PRIMARY KEY, seq bigint NOT NULL)',
    ];
    for (const s of sql) this.addSql(s);
  }
}

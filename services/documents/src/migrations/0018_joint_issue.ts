import { Migration } from '@yizhan/kernel/migration';

/**
 * 联合行文 (issue 18): a joint document is drafted and sent by its lead unit (主办机关) and countersigned (会签) by
 * each co-issuing unit's leader before the send, each co-issuer stamping with its own seal where it has one in use.
 *
 * `documents.co_issuers` holds one row per co-issuing unit, in the banner's order after the lead: written by the lead
 * when it submits the draft (PENDING), decided by the co-issuer (COUNTERSIGNED with its stamp, or DECLINED with the
 * reason), read by both. A co-issuing unit reads the document it is asked to countersign (a SELECT policy beside the
 * document's own), never changes it. At the send the lead copies the decisions and stamps into the document
 * (`joint_issuers`), so every recipient's print places each issuer's seal over its 署名.
 */
export class JointIssue extends Migration {
  override up(): void {
    const scope = "nullif(current_setting('yizhan.org_path', true), '')::ltree";
    const either = `lead_path = ${scope} OR org_path = ${scope}`;
    const sql = [
      `CREATE TABLE documents.co_issuers (
        document_id uuid NOT NULL REFERENCES documents.documents (id),
        position integer NOT NULL CHECK (position >= 1),
        lead_path ltree NOT NULL,
        org_id uuid NOT NULL,
        org_path ltree NOT NULL,
        org_name text NOT NULL,
        status text NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'COUNTERSIGNED', 'DECLINED')),
        decided_by uuid,
        decided_by_name text,
        decided_at timestamptz,
        comment text,
        stamp jsonb,
        PRIMARY KEY (document_id, org_id),
        UNIQUE (document_id, position),
        CONSTRAINT co_issuer_decided CHECK (status = 'PENDING' OR (decided_by IS NOT NULL AND decided_at IS NOT NULL)),
        CONSTRAINT co_issuer_declined CHECK (status <> 'DECLINED' OR comment IS NOT NULL)
      )`,
      'CREATE INDEX co_issuers_unit ON documents.co_issuers (org_id, status)',
      'ALTER TABLE documents.co_issuers ENABLE ROW LEVEL SECURITY',
      'ALTER TABLE documents.co_issuers FORCE ROW LEVEL SECURITY',
      `CREATE POLICY co_issuer_parties ON documents.co_issuers USING (${either}) WITH CHECK (${either})`,
      // The co-issuing unit reads the document it countersigns (permissive: OR'ed with document_parties).
      `CREATE POLICY document_co_issuers ON documents.documents FOR SELECT
        USING (EXISTS (SELECT 1 FROM documents.co_issuers c WHERE c.document_id = documents.id AND c.org_path = ${scope}))`,
      `ALTER TABLE documents.documents ADD COLUMN joint_issuers jsonb NOT NULL DEFAULT '[]'`,
    ];
    for (const s of sql) this.addSql(s);
  }
}

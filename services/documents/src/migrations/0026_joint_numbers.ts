import { loadConfig } from '@yizhan/common';
import { Migration } from '@yizhan/kernel/migration';

/**
 * 联合行文 signed in its OFD by every issuer (issue 18): a joint document takes the lead unit's 发文字号 when the lead's
 * chain approves it (app/numbering.ts), and each co-issuing unit's seal signs the OFD laid out with that number, its
 * date and every issuer's 署名 (app/ofd.ts). So a co-issuing unit reads, of a document it co-issues:
 *
 * - the lead's number (a SELECT policy beside the unit's own, OR'ed with it); it never writes the lead's numbers, and
 *   the 发文登记簿 stays each unit's own (it reads its own unit's rows by org_id);
 * - the co-issuers' names in the banner's order (`joint_issuer_names`): it sees only its own row of co_issuers, and a
 *   policy of co_issuers over co_issuers would recurse, so the names are read as the table owner through this one
 *   function, and only by a unit that co-issues the document (its own row, under its scope).
 */
export class JointNumbers extends Migration {
  override up(): void {
    const app = loadConfig().appRole.name;
    const scope = "nullif(current_setting('yizhan.org_path', true), '')::ltree";
    const sql = [
      `CREATE POLICY number_reservation_co_issuers ON documents.number_reservations FOR SELECT
        USING (EXISTS (SELECT 1 FROM documents.co_issuers c WHERE c.document_id = number_reservations.document_id AND c.org_path = ${scope}))`,
      `DO $$ BEGIN
        EXECUTE format('CREATE POLICY joint_issuer_names ON documents.co_issuers FOR SELECT TO %I USING (true)', current_user);
      END $$`,
      `CREATE FUNCTION documents.joint_issuer_names(p_document uuid) RETURNS TABLE (pos integer, org_name text)
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, documents AS $f$
          SELECT c.position, c.org_name FROM documents.co_issuers c
           WHERE c.document_id = p_document
             AND EXISTS (SELECT 1 FROM documents.co_issuers me WHERE me.document_id = p_document AND me.org_path::text = current_setting('yizhan.org_path', true))
           ORDER BY c.position
        $f$`,
      'REVOKE ALL ON FUNCTION documents.joint_issuer_names(uuid) FROM PUBLIC',
      `GRANT EXECUTE ON FUNCTION documents.joint_issuer_names(uuid) TO "${app}"`,
    ];
    for (const s of sql) this.addSql(s);
  }
}

import { Migration } from '@yizhan/kernel/migration';

/**
 * The contacts of the units a unit's documents reached. Row-level security lets a unit read the contacts of its own
 * subtree only, so the provincial office (陕西省人民政府办公厅, beside the cities, not above them) could not see who
 * to telephone or text at the counties it sent to. Documents knows which units a caller's unit sent to; it asks for
 * those on its own authority (the contract's `contacts-of-recipients`), and this function answers past the subtree
 * rule, for the units named only. The owner reads the table through the policy of migration 0005.
 */
export class ContactsOfRecipients extends Migration {
  override up(): void {
    const sql = [
      `CREATE FUNCTION org.contacts_of_recipients(p_orgs uuid[])
        RETURNS TABLE (org_id uuid, name text, post text, phone text, mobile text)
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, org AS $f$
          SELECT c.org_id, c.name, c.post, c.phone, c.mobile FROM org.contacts c
          WHERE c.org_id = ANY (p_orgs) ORDER BY c.org_id, c.name
        $f$`,
      'REVOKE ALL ON FUNCTION org.contacts_of_recipients(uuid[]) FROM PUBLIC',
    ];
    for (const s of sql) this.addSql(s);
  }
}

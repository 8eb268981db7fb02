import { Migration } from '@yizhan/kernel/migration';

/**
 * A person is shown by name: who changed a routing rule and who issued an API token are kept by name beside their id
 * (as the audit log keeps its actors), so a reader who cannot see that person's account (a county reading the
 * province's change) still reads a name, and a user name is never what is shown.
 */
export class ActorNames extends Migration {
  override up(): void {
    this.addSql('ALTER TABLE org.routing_rule_audit ADD COLUMN actor_name text');
    this.addSql('ALTER TABLE org.api_tokens ADD COLUMN created_by_name text');
    // The changes and tokens made before: their people's names as the accounts have them now.
    this.addSql('UPDATE org.routing_rule_audit c SET actor_name = u.display_name FROM org.users u WHERE u.id = c.actor_id');
    this.addSql('UPDATE org.api_tokens t SET created_by_name = u.display_name FROM org.users u WHERE u.id = t.created_by');
  }
}

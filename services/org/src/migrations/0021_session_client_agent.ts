import { Migration } from '@yizhan/kernel/migration';

/**
 * What a session was opened from: the browser or program its login named itself as (its User-Agent, as the gateway
 * passed it on). A person's sessions (我的账号) otherwise show only a time and an address, and two logins from one
 * office's network cannot be told apart when one of them is to be ended.
 */
export class SessionClientAgent extends Migration {
  override up(): void {
    this.addSql('ALTER TABLE org.sessions ADD COLUMN client_agent text CHECK (char_length(client_agent) <= 300)');
  }
}

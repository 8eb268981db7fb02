import { loadConfig } from '@yizhan/common';
import { Migration } from '@yizhan/kernel/migration';

/**
 * 内部邮件 (seed 003 §33(一): 若2人或少数几人之间沟通，可以使用内部邮件…附属档案大小限制在20M以内): a message between a few
 * people, with its attachments, 20 MB at most together. Mail is a person's, not a unit's: row-level security reads
 * the person (`yizhan.user_id`) — the sender and the recipients of a message see it, nobody else, not even their
 * unit's administrator. A recipient's row says when they read it and whether they put it away; the sender's copy is
 * put away on the message. No ltree column: what a person wrote stays where it was sent when a unit moves.
 */
export class InternalMail extends Migration {
  override up(): void {
    const app = loadConfig().appRole.name.replaceAll('"', '""');
    const me = "nullif(current_setting('yizhan.user_id', true), '')::uuid";
    const myUnit = "nullif(current_setting('yizhan.org_id', true), '')::uuid";
    const sql = [
      `CREATE TABLE org.mail_messages (
        id uuid PRIMARY KEY,
        sender_id uuid NOT NULL,
        sender_name text NOT NULL,
        sender_org_id uuid NOT NULL,
        sender_org_name text NOT NULL,
        subject text NOT NULL CHECK (length(subject) BETWEEN 1 AND 200),
        body text NOT NULL CHECK (length(body) <= 20000),
        attachment_bytes bigint NOT NULL DEFAULT 0 CHECK (attachment_bytes BETWEEN 0 AND 20971520),
        sent_at timestamptz NOT NULL DEFAULT now(),
        sender_deleted_at timestamptz
      )`,
      'CREATE INDEX mail_messages_sent ON org.mail_messages (sender_id, sent_at DESC, id DESC)',
      `CREATE TABLE org.mail_recipients (
        message_id uuid NOT NULL REFERENCES org.mail_messages (id),
        user_id uuid NOT NULL,
        user_name text NOT NULL,
        org_name text NOT NULL,
        -- The sender, beside each row: who may read the recipients without asking the messages (no policy loop).
        sender_id uuid NOT NULL,
        kind text NOT NULL CHECK (kind IN ('TO', 'CC')),
        sent_at timestamptz NOT NULL,
        read_at timestamptz,
        deleted_at timestamptz,
        PRIMARY KEY (message_id, user_id)
      )`,
      'CREATE INDEX mail_recipients_box ON org.mail_recipients (user_id, sent_at DESC, message_id DESC)',
      `CREATE TABLE org.mail_attachments (
        id uuid PRIMARY KEY,
        message_id uuid NOT NULL REFERENCES org.mail_messages (id),
        sender_id uuid NOT NULL,
        position integer NOT NULL,
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
        content_type text NOT NULL,
        size integer NOT NULL CHECK (size > 0),
        sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        content bytea NOT NULL,
        UNIQUE (message_id, position)
      )`,
      ...['mail_messages', 'mail_recipients', 'mail_attachments'].flatMap((t) => [
        `ALTER TABLE org.${t} ENABLE ROW LEVEL SECURITY`,
        `ALTER TABLE org.${t} FORCE ROW LEVEL SECURITY`,
      ]),
      `CREATE POLICY mail_read ON org.mail_messages FOR SELECT
        USING (sender_id = ${me} OR EXISTS (SELECT 1 FROM org.mail_recipients r WHERE r.message_id = mail_messages.id AND r.user_id = ${me}))`,
      `CREATE POLICY mail_send ON org.mail_messages FOR INSERT WITH CHECK (sender_id = ${me} AND sender_org_id = ${myUnit})`,
      `CREATE POLICY mail_put_away ON org.mail_messages FOR UPDATE USING (sender_id = ${me}) WITH CHECK (sender_id = ${me})`,
      // Every party to a message sees its whole list of recipients, as a letter shows its 收件人 and 抄送. A policy cannot
      // ask its own table, so a function of the owner's does (the owner reads the rows by its own policy, not this one).
      `DO $$ BEGIN
        EXECUTE format('CREATE POLICY mail_owner ON org.mail_recipients FOR SELECT TO %I USING (true)', current_user);
      END $$`,
      `CREATE FUNCTION org.mail_party(p_message uuid) RETURNS boolean
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, org AS $f$
          SELECT EXISTS (SELECT 1 FROM org.mail_recipients r WHERE r.message_id = p_message AND (r.user_id = ${me} OR r.sender_id = ${me}))
        $f$`,
      `CREATE POLICY mail_read ON org.mail_recipients FOR SELECT TO "${app}" USING (user_id = ${me} OR sender_id = ${me} OR org.mail_party(message_id))`,
      `CREATE POLICY mail_send ON org.mail_recipients FOR INSERT WITH CHECK (sender_id = ${me})`,
      `CREATE POLICY mail_own ON org.mail_recipients FOR UPDATE USING (user_id = ${me}) WITH CHECK (user_id = ${me})`,
      `CREATE POLICY mail_read ON org.mail_attachments FOR SELECT
        USING (sender_id = ${me} OR EXISTS (SELECT 1 FROM org.mail_recipients r WHERE r.message_id = mail_attachments.message_id AND r.user_id = ${me}))`,
      `CREATE POLICY mail_send ON org.mail_attachments FOR INSERT WITH CHECK (sender_id = ${me})`,
      // Whom the caller may write to: the active people of their own unit, of the unit above it and of the units directly
      // below it (domain/mail.ts mayWrite says the same), by name or unit name, or by id (a message's recipients). The
      // people of the unit above are beyond the caller's row-level security on org.users, hence a function of the owner's.
      `CREATE FUNCTION org.mail_directory(p_search text, p_ids uuid[], p_limit integer)
        RETURNS TABLE (id uuid, display_name text, org_id uuid, org_name text, org_path public.ltree)
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public, org AS $f$
          WITH me AS (SELECT nullif(current_setting('yizhan.org_path', true), '')::ltree AS path)
          SELECT u.id, u.display_name, o.id, o.name, o.path
            FROM me, org.users u JOIN org.orgs o ON o.id = u.org_id
           WHERE me.path IS NOT NULL AND u.status = 'ACTIVE' AND o.status = 'ACTIVE'
             AND (o.path = me.path
                  OR (nlevel(me.path) > 1 AND o.path = subpath(me.path, 0, nlevel(me.path) - 1))
                  OR (o.path <@ me.path AND nlevel(o.path) = nlevel(me.path) + 1))
             AND (p_ids IS NULL OR u.id = ANY (p_ids))
             AND (p_search IS NULL OR strpos(u.display_name, p_search) > 0 OR strpos(o.name, p_search) > 0)
           ORDER BY o.path = me.path DESC, o.path, u.display_name
           LIMIT p_limit
        $f$`,
      'REVOKE ALL ON FUNCTION org.mail_directory(text, uuid[], integer) FROM PUBLIC',
    ];
    for (const s of sql) this.addSql(s);
  }
}

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
    // Read once per statement (a sub-select), not once per row.
    const me = "(SELECT nullif(current_setting('yizhan.user_id', true), '')::uuid)";
    const myUnit = "(SELECT nullif(current_setting('yizhan.org_id', true), '')::uuid)";
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
      // The owner's functions below read the mail tables by these policies of the owner's, never by the application's
      // (a policy that asked its own table, directly or through them, would recurse).
      ...['mail_messages', 'mail_recipients'].map(
        (t) => `DO $$ BEGIN EXECUTE format('CREATE POLICY mail_owner ON org.${t} FOR SELECT TO %I USING (true)', current_user); END $$`,
      ),
      // Whether the caller is a party to a message (its sender or one of its recipients): every party sees its whole list
      // of recipients, as a letter shows its 收件人 and 抄送.
      `CREATE FUNCTION org.mail_party(p_message uuid) RETURNS boolean
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, org AS $f$
          SELECT EXISTS (SELECT 1 FROM org.mail_recipients r WHERE r.message_id = p_message AND (r.user_id = ${me} OR r.sender_id = ${me}))
        $f$`,
      // Whether the caller sent the message: only its sender adds its recipients and its attachments.
      `CREATE FUNCTION org.mail_sent_by_me(p_message uuid) RETURNS boolean
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, org AS $f$
          SELECT EXISTS (SELECT 1 FROM org.mail_messages m WHERE m.id = p_message AND m.sender_id = ${me})
        $f$`,
      `CREATE POLICY mail_read ON org.mail_messages FOR SELECT TO "${app}"
        USING (sender_id = ${me} OR EXISTS (SELECT 1 FROM org.mail_recipients r WHERE r.message_id = mail_messages.id AND r.user_id = ${me}))`,
      `CREATE POLICY mail_send ON org.mail_messages FOR INSERT TO "${app}" WITH CHECK (sender_id = ${me} AND sender_org_id = ${myUnit})`,
      `CREATE POLICY mail_put_away ON org.mail_messages FOR UPDATE TO "${app}" USING (sender_id = ${me}) WITH CHECK (sender_id = ${me})`,
      `CREATE POLICY mail_read ON org.mail_recipients FOR SELECT TO "${app}" USING (user_id = ${me} OR sender_id = ${me} OR org.mail_party(message_id))`,
      `CREATE POLICY mail_send ON org.mail_recipients FOR INSERT TO "${app}" WITH CHECK (sender_id = ${me} AND org.mail_sent_by_me(message_id))`,
      `CREATE POLICY mail_own ON org.mail_recipients FOR UPDATE TO "${app}" USING (user_id = ${me}) WITH CHECK (user_id = ${me})`,
      `CREATE POLICY mail_read ON org.mail_attachments FOR SELECT TO "${app}"
        USING (sender_id = ${me} OR EXISTS (SELECT 1 FROM org.mail_recipients r WHERE r.message_id = mail_attachments.message_id AND r.user_id = ${me}))`,
      `CREATE POLICY mail_send ON org.mail_attachments FOR INSERT TO "${app}" WITH CHECK (sender_id = ${me} AND org.mail_sent_by_me(message_id))`,
      // What was sent stays as sent: an update changes only the reading and the putting away (no policy lets anyone
      // update an attachment, or delete anything).
      `CREATE FUNCTION org.mail_as_sent() RETURNS trigger LANGUAGE plpgsql AS $f$
        DECLARE kept record;
        BEGIN
          kept := OLD;
          IF TG_TABLE_NAME = 'mail_recipients' THEN
            kept := json_populate_record(OLD, json_build_object('read_at', NEW.read_at, 'deleted_at', NEW.deleted_at));
          ELSE
            kept := json_populate_record(OLD, json_build_object('sender_deleted_at', NEW.sender_deleted_at));
          END IF;
          IF kept::text IS DISTINCT FROM NEW::text THEN
            RAISE EXCEPTION 'mail is kept as sent: only its reading and putting away change' USING ERRCODE = 'insufficient_privilege';
          END IF;
          RETURN NEW;
        END
      $f$`,
      'CREATE TRIGGER mail_as_sent BEFORE UPDATE ON org.mail_messages FOR EACH ROW EXECUTE FUNCTION org.mail_as_sent()',
      'CREATE TRIGGER mail_as_sent BEFORE UPDATE ON org.mail_recipients FOR EACH ROW EXECUTE FUNCTION org.mail_as_sent()',
      // Whom the caller may write to: the active people of their own unit, of the unit above it and of the units directly
      // below it (the one rule of it), by name or unit name, or by id (a message's recipients). The
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

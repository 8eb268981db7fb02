import { SCOPE_SETTING, USER_SETTING } from '@yizhan/kernel';
import { Migration } from '@yizhan/kernel/migration';

/**
 * 论坛 (seed 003 §31: 使用人员可以通过“信息管理”、“论坛”发布需要在多人之间共享交流的信息资料，发布单位及发布人对所发布信息
 * 负责; §32: 选择好可查看人员): topics a person posts for discussion to the audience they choose — their unit, their unit and
 * those below it, or named people of it — and replies to them by those who read them. No approval, unlike a 信息: the
 * publishing unit and the person answer for it, and its administrators (or those above) take a post down, with the
 * reason kept. Row-level security as 信息's: the posting unit and the units above it read its topics; anyone else
 * reads what its audience takes in; a reply is read with its topic and written only to a topic one reads.
 */
export class Forum extends Migration {
  override up(): void {
    const scope = `(select nullif(current_setting('${SCOPE_SETTING}', true), '')::ltree)`;
    const user = `(select nullif(current_setting('${USER_SETTING}', true), '')::uuid)`;
    const sql = [
      `CREATE TABLE org.forum_topics (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        org_id uuid NOT NULL REFERENCES org.orgs (id),
        org_path ltree NOT NULL,
        org_name text NOT NULL,
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 100),
        body text NOT NULL CHECK (length(body) BETWEEN 1 AND 10000),
        audience text NOT NULL CHECK (audience IN ('UNIT', 'SUBTREE', 'PEOPLE')),
        viewer_ids uuid[] NOT NULL DEFAULT '{}',
        author_id uuid NOT NULL,
        author_name text NOT NULL,
        posted_at timestamptz NOT NULL DEFAULT now(),
        last_reply_at timestamptz,
        removed_at timestamptz,
        removed_by_name text,
        removed_reason text CHECK (length(removed_reason) <= 200),
        CHECK ((audience = 'PEOPLE') = (cardinality(viewer_ids) BETWEEN 1 AND 200))
      )`,
      'CREATE INDEX forum_topics_path ON org.forum_topics USING gist (org_path)',
      'CREATE INDEX forum_topics_recent ON org.forum_topics (coalesce(last_reply_at, posted_at) DESC)',
      `CREATE TABLE org.forum_replies (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        topic_id uuid NOT NULL REFERENCES org.forum_topics (id),
        body text NOT NULL CHECK (length(body) BETWEEN 1 AND 5000),
        author_id uuid NOT NULL,
        author_name text NOT NULL,
        author_org_name text NOT NULL,
        posted_at timestamptz NOT NULL DEFAULT now(),
        removed_at timestamptz,
        removed_by_name text,
        removed_reason text CHECK (length(removed_reason) <= 200)
      )`,
      'CREATE INDEX forum_replies_topic ON org.forum_replies (topic_id, posted_at)',
      ...['forum_topics', 'forum_replies'].flatMap((t) => [`ALTER TABLE org.${t} ENABLE ROW LEVEL SECURITY`, `ALTER TABLE org.${t} FORCE ROW LEVEL SECURITY`]),
      // The posting unit and those above it read its topics (the application narrows a topic to named people further,
      // as 信息's); a person posts as themselves in their own unit; the unit and those above take one down.
      `CREATE POLICY forum_own ON org.forum_topics FOR SELECT USING (org_path <@ ${scope})`,
      `CREATE POLICY forum_post ON org.forum_topics FOR INSERT WITH CHECK (org_path = ${scope} AND author_id = ${user})`,
      `CREATE POLICY forum_take_down_topic ON org.forum_topics FOR UPDATE USING (org_path <@ ${scope} OR author_id = ${user})`,
      `CREATE POLICY forum_audience ON org.forum_topics FOR SELECT USING (
         (audience = 'SUBTREE' AND ${scope} <@ org_path)
         OR (audience = 'UNIT' AND ${scope} = org_path)
         OR (audience = 'PEOPLE' AND ${scope} = org_path AND ${user} = ANY (viewer_ids)))`,
      // A topic's activity moves with its replies (last_reply_at), written by whoever replies: the function below.
      `CREATE POLICY forum_read ON org.forum_replies FOR SELECT USING (EXISTS (SELECT 1 FROM org.forum_topics t WHERE t.id = forum_replies.topic_id))`,
      `CREATE POLICY forum_reply ON org.forum_replies FOR INSERT
        WITH CHECK (author_id = ${user} AND EXISTS (SELECT 1 FROM org.forum_topics t WHERE t.id = forum_replies.topic_id))`,
      // Taken down by its author, or by the topic's unit's administrators and those above (the application says who).
      `CREATE POLICY forum_take_down ON org.forum_replies FOR UPDATE
        USING (author_id = ${user} OR EXISTS (SELECT 1 FROM org.forum_topics t WHERE t.id = forum_replies.topic_id AND t.org_path <@ ${scope}))`,
      // A reply makes its topic the latest, for every reader: a function of the owner's, since a reader of another unit
      // may not write the topic's row.
      `DO $$ BEGIN
        EXECUTE format('CREATE POLICY forum_activity ON org.forum_topics FOR UPDATE TO %I USING (true) WITH CHECK (true)', current_user);
        EXECUTE format('CREATE POLICY forum_activity_read ON org.forum_topics FOR SELECT TO %I USING (true)', current_user);
      END $$`,
      // What was posted stays as posted: an update takes a post down (who, when, why), or moves its topic's activity.
      `CREATE FUNCTION org.forum_as_posted() RETURNS trigger LANGUAGE plpgsql AS $f$
        DECLARE kept record;
        BEGIN
          IF TG_TABLE_NAME = 'forum_topics' THEN
            kept := json_populate_record(OLD, json_build_object('removed_at', NEW.removed_at, 'removed_by_name', NEW.removed_by_name,
                                                                'removed_reason', NEW.removed_reason, 'last_reply_at', NEW.last_reply_at));
          ELSE
            kept := json_populate_record(OLD, json_build_object('removed_at', NEW.removed_at, 'removed_by_name', NEW.removed_by_name,
                                                                'removed_reason', NEW.removed_reason));
          END IF;
          IF kept::text IS DISTINCT FROM NEW::text OR (OLD.removed_at IS NOT NULL AND NEW.removed_at IS DISTINCT FROM OLD.removed_at) THEN
            RAISE EXCEPTION 'a forum post is kept as posted: it is only taken down' USING ERRCODE = 'insufficient_privilege';
          END IF;
          RETURN NEW;
        END
      $f$`,
      'CREATE TRIGGER forum_as_posted BEFORE UPDATE ON org.forum_topics FOR EACH ROW EXECUTE FUNCTION org.forum_as_posted()',
      'CREATE TRIGGER forum_as_posted BEFORE UPDATE ON org.forum_replies FOR EACH ROW EXECUTE FUNCTION org.forum_as_posted()',
      `CREATE FUNCTION org.forum_replied(p_reply uuid) RETURNS void
        LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, org AS $f$
          UPDATE org.forum_topics t SET last_reply_at = greatest(coalesce(t.last_reply_at, r.posted_at), r.posted_at)
            FROM org.forum_replies r
           WHERE r.id = p_reply AND r.author_id = ${user} AND t.id = r.topic_id
        $f$`,
    ];
    for (const s of sql) this.addSql(s);
  }
}

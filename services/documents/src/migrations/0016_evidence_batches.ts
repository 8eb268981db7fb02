import { loadConfig } from '@yizhan/common';
import { Migration } from '@yizhan/kernel/migration';
import { evidenceWaitingFunction, linkEvidenceFunction } from './evidence-linker-sql.ts';

/**
 * The evidence log off the hot path, and trusted time in batches (issue 17; bench/README "The cost of evidence").
 *
 * 1. The outbox trigger, in the event's transaction, only queues the statement's delivery events (`evidence_pending`:
 *    their outbox ids, one set-based INSERT); the events themselves are the outbox's rows, kept for good. The links
 *    are written by `documents.link_evidence()`, below the application as before: by the evidence job (every N
 *    events or T seconds, jobs/evidence-timestamps.ts) right before it time-stamps the heads, and by every read of a
 *    chain before it reads. One linker at a time; a statement links everything queued, set-based: a running aggregate
 *    over each unit's events (`documents.chain_agg`) instead of PL/pgSQL's per-row loop. The same link function as
 *    before, so links written before verify as they did; a link's time is its event's (the outbox's occurred_at).
 *    A chain is as fixed as its last time-stamped head in either case: linking at the batch loses nothing.
 * 2. Time stamps in batches. Receipts are signed in the action's transaction and queued (`evidence_unanchored`);
 *    chain heads that moved since their last time stamp are pending by `evidence_heads`. A batch is a Merkle tree
 *    (lib/crypto's batch-timestamp.ts) over the receipts' signatures and the heads, one RFC 3161 token over its root
 *    (`evidence_timestamps`), and each item's path to the root (`evidence_anchors`): a receipt or a head is checked
 *    offline with its path and the token. Receipts signed before keep their own token. Both tables are append-only,
 *    like the log, and written only through the functions below.
 */
export class EvidenceBatches extends Migration {
  override up(): void {
    const relay = loadConfig().relayRole.name;
    const scope = "nullif(current_setting('yizhan.org_path', true), '')::ltree";
    const sql = [
      // One link's hash from the one before (`state`, or the chain's head `start` for the first of a statement).
      `CREATE FUNCTION documents.chain_step(state text, start text, pre text, post text) RETURNS text
        LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $f$
        DECLARE p text := coalesce(state, start);
        BEGIN
          RETURN encode(sha256(convert_to(p || E'\\n' || pre || p || post, 'UTF8')), 'hex');
        END
      $f$`,
      'CREATE AGGREGATE documents.chain_agg(text, text, text) (SFUNC = documents.chain_step, STYPE = text)',
      `CREATE TABLE documents.evidence_heads (
        org_id uuid PRIMARY KEY,
        org_path ltree NOT NULL,
        seq bigint NOT NULL,
        hash text NOT NULL,
        changed_at timestamptz NOT NULL,
        anchored_seq bigint NOT NULL DEFAULT 0
      )`,
      'CREATE INDEX evidence_heads_pending ON documents.evidence_heads (changed_at) WHERE seq > anchored_seq',
      'ALTER TABLE documents.evidence_heads ENABLE ROW LEVEL SECURITY',
      'ALTER TABLE documents.evidence_heads FORCE ROW LEVEL SECURITY',
      `INSERT INTO documents.evidence_heads (org_id, org_path, seq, hash, changed_at)
        SELECT DISTINCT ON (org_id) org_id, org_path, seq, hash, at FROM documents.delivery_evidence ORDER BY org_id, seq DESC`,
      `CREATE TABLE documents.evidence_pending (outbox_id bigint PRIMARY KEY)`,
      'ALTER TABLE documents.evidence_pending ENABLE ROW LEVEL SECURITY',
      'ALTER TABLE documents.evidence_pending FORCE ROW LEVEL SECURITY',
      `CREATE OR REPLACE FUNCTION documents.log_delivery_evidence() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
        SET search_path = pg_catalog, public, documents AS $f$
        BEGIN
          INSERT INTO documents.evidence_pending (outbox_id)
          SELECT a.id FROM added a
          WHERE a.type = 'document.sent' OR a.type LIKE 'delivery.%' OR a.type LIKE 'handling.%' OR a.payload->>'deliveryId' IS NOT NULL;
          RETURN NULL;
        END
      $f$`,
      // Links everything queued into its unit's chain, in the order of the events; answers how many links it wrote.
      // One linker at a time (a transaction-wide lock): the chains' heads are read after it, so no two linkers fork one.
      linkEvidenceFunction('0016'),
      // Batched time stamps: the tokens, each item's path to its token's root, and the receipts still waiting.
      `CREATE TABLE documents.evidence_timestamps (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        suite text NOT NULL CHECK (suite IN ('RSA', 'SM2')),
        root text NOT NULL,
        token bytea NOT NULL,
        gen_time timestamptz NOT NULL,
        leaves integer NOT NULL
      )`,
      'ALTER TABLE documents.evidence_timestamps ENABLE ROW LEVEL SECURITY',
      'ALTER TABLE documents.evidence_timestamps FORCE ROW LEVEL SECURITY',
      // A token says only that a root digest existed at a time: anyone signed in may read it.
      'CREATE POLICY evidence_timestamps_read ON documents.evidence_timestamps FOR SELECT USING (true)',
      `CREATE TABLE documents.evidence_anchors (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        timestamp_id bigint NOT NULL REFERENCES documents.evidence_timestamps (id),
        receipt_id bigint UNIQUE REFERENCES documents.receipts (id),
        org_id uuid,
        chain_seq bigint,
        chain_hash text,
        reader_path ltree NOT NULL,
        sender_path ltree,
        path jsonb NOT NULL,
        UNIQUE (org_id, chain_seq),
        CHECK ((receipt_id IS NOT NULL) <> (chain_seq IS NOT NULL))
      )`,
      'CREATE INDEX evidence_anchors_head ON documents.evidence_anchors (org_id, chain_seq) WHERE chain_seq IS NOT NULL',
      'ALTER TABLE documents.evidence_anchors ENABLE ROW LEVEL SECURITY',
      'ALTER TABLE documents.evidence_anchors FORCE ROW LEVEL SECURITY',
      // A receipt's anchor is read where the receipt is (its recipient and its sender); a head's by its unit.
      `CREATE POLICY evidence_anchors_read ON documents.evidence_anchors FOR SELECT USING (reader_path = ${scope} OR sender_path = ${scope})`,
      `CREATE TABLE documents.evidence_unanchored (receipt_id bigint PRIMARY KEY, queued_at timestamptz NOT NULL DEFAULT clock_timestamp())`,
      'ALTER TABLE documents.evidence_unanchored ENABLE ROW LEVEL SECURITY',
      'ALTER TABLE documents.evidence_unanchored FORCE ROW LEVEL SECURITY',
      'ALTER TABLE documents.receipts ALTER COLUMN timestamp_token DROP NOT NULL',
      // A receipt written without its own token waits for the next batch.
      `CREATE FUNCTION documents.queue_receipt_timestamps() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
        SET search_path = pg_catalog, public, documents AS $f$
        BEGIN
          INSERT INTO documents.evidence_unanchored (receipt_id) SELECT n.id FROM added n WHERE n.timestamp_token IS NULL;
          RETURN NULL;
        END
      $f$`,
      `CREATE TRIGGER receipts_queue_timestamps AFTER INSERT ON documents.receipts
        REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION documents.queue_receipt_timestamps()`,
      `DO $$ BEGIN
        EXECUTE format('CREATE POLICY evidence_reads_outbox ON documents.outbox FOR SELECT TO %I USING (true)', current_user);
        EXECUTE format('CREATE POLICY evidence_pending_owner ON documents.evidence_pending FOR ALL TO %I USING (true) WITH CHECK (true)', current_user);
        EXECUTE format('CREATE POLICY evidence_heads_owner ON documents.evidence_heads FOR ALL TO %I USING (true) WITH CHECK (true)', current_user);
        EXECUTE format('CREATE POLICY evidence_unanchored_owner ON documents.evidence_unanchored FOR ALL TO %I USING (true) WITH CHECK (true)', current_user);
        EXECUTE format('CREATE POLICY evidence_timestamps_owner ON documents.evidence_timestamps FOR ALL TO %I USING (true) WITH CHECK (true)', current_user);
        EXECUTE format('CREATE POLICY evidence_anchors_owner ON documents.evidence_anchors FOR ALL TO %I USING (true) WITH CHECK (true)', current_user);
        EXECUTE format('CREATE POLICY receipts_owner_reads ON documents.receipts FOR SELECT TO %I USING (true)', current_user);
      END $$`,
      // What waits for a time stamp: how many items, and since when (the job's "every N events or T seconds").
      evidenceWaitingFunction('0016'),
      // The next batch's items: waiting receipts (their signatures) and moved heads, oldest first.
      `CREATE FUNCTION documents.evidence_to_anchor(p_max integer)
        RETURNS TABLE (receipt_id bigint, signature bytea, org_id uuid, seq bigint, hash text) LANGUAGE sql STABLE SECURITY DEFINER
        SET search_path = pg_catalog, public, documents AS $f$
        (SELECT r.id, r.signature, NULL::uuid, NULL::bigint, NULL::text
           FROM documents.evidence_unanchored q JOIN documents.receipts r ON r.id = q.receipt_id ORDER BY q.queued_at LIMIT p_max)
        UNION ALL
        (SELECT NULL, NULL, h.org_id, h.seq, h.hash FROM documents.evidence_heads h WHERE h.seq > h.anchored_seq ORDER BY h.changed_at LIMIT p_max)
      $f$`,
      // A batch's token and every item's path; an item a second replica anchored already is left as it is.
      `CREATE FUNCTION documents.anchor_evidence(p_suite text, p_root text, p_token bytea, p_gen_time timestamptz, p_items jsonb)
        RETURNS integer LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, documents AS $f$
        DECLARE ts bigint; n integer;
        BEGIN
          INSERT INTO documents.evidence_timestamps (suite, root, token, gen_time, leaves)
            VALUES (p_suite, p_root, p_token, p_gen_time, jsonb_array_length(p_items)) RETURNING id INTO ts;
          INSERT INTO documents.evidence_anchors (timestamp_id, receipt_id, reader_path, sender_path, path)
            SELECT ts, r.id, r.recipient_path, r.sender_path, i->'path'
            FROM jsonb_array_elements(p_items) i JOIN documents.receipts r ON r.id = (i->>'receiptId')::bigint
            ON CONFLICT DO NOTHING;
          GET DIAGNOSTICS n = ROW_COUNT;
          DELETE FROM documents.evidence_unanchored q USING jsonb_array_elements(p_items) i WHERE q.receipt_id = (i->>'receiptId')::bigint;
          INSERT INTO documents.evidence_anchors (timestamp_id, org_id, chain_seq, chain_hash, reader_path, path)
            SELECT ts, x.org_id, x.seq, x.hash, x.org_path, i->'path'
            FROM jsonb_array_elements(p_items) i
            JOIN documents.delivery_evidence x ON x.org_id = (i->>'orgId')::uuid AND x.seq = (i->>'seq')::bigint AND x.hash = i->>'hash'
            ON CONFLICT DO NOTHING;
          UPDATE documents.evidence_heads h SET anchored_seq = greatest(h.anchored_seq, (i->>'seq')::bigint)
            FROM jsonb_array_elements(p_items) i WHERE i ? 'orgId' AND h.org_id = (i->>'orgId')::uuid;
          RETURN n;
        END
      $f$`,
      `CREATE FUNCTION documents.evidence_is_kept() RETURNS trigger LANGUAGE plpgsql AS $f$
        BEGIN
          RAISE EXCEPTION 'time-stamped evidence is kept as written: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
        END
      $f$`,
      ...['evidence_timestamps', 'evidence_anchors'].flatMap((t) => [
        `CREATE TRIGGER ${t}_append_only BEFORE UPDATE OR DELETE ON documents.${t} FOR EACH ROW EXECUTE FUNCTION documents.evidence_is_kept()`,
        `CREATE TRIGGER ${t}_no_truncate BEFORE TRUNCATE ON documents.${t} FOR EACH STATEMENT EXECUTE FUNCTION documents.evidence_is_kept()`,
      ]),
      ...['evidence_waiting()', 'link_evidence()', 'evidence_to_anchor(integer)', 'anchor_evidence(text, text, bytea, timestamptz, jsonb)'].flatMap((f) => [
        `REVOKE ALL ON FUNCTION documents.${f} FROM PUBLIC`,
        `GRANT EXECUTE ON FUNCTION documents.${f} TO "${relay}"`,
      ]),
    ];
    for (const s of sql) this.addSql(s);
  }
}

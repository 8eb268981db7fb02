import { Migration } from '@yizhan/kernel/migration';

/**
 * The evidence log of every delivery event (issue 17): append-only, hash-chained per unit, written by PostgreSQL
 * itself. A trigger on the outbox turns each delivery event of a statement (document.sent, delivery.*,
 * handling.changed, and any later event naming a delivery) into a link of the chain of the unit that acted — the
 * recipient for 接收, 签收, prints, 退回, 请求重发, 办结 and its handling; the sender for the rest — in the same
 * transaction as the change the event records, whoever wrote it: a use case, the broadcast's set-based statement
 * or a job. No use case can forget it, and the application's role cannot write a row itself (no INSERT policy is
 * its). Each link hashes the one before it as lib/crypto's `chainHash` does, so the offline verifier checks it too:
 *
 *   hash = SHA-256( prev ‖ "\n" ‖ canonical JSON of {seq, unit, kind, documentId, deliveryId, digest, at, prev} )
 *   digest = SHA-256( canonical JSON of the event {type, payload} ), the event itself kept beside it
 *
 * UPDATE, DELETE and TRUNCATE are refused by triggers (and never granted: `appendOnly`); a unit reads its own chain.
 */
export class DeliveryEvidence extends Migration {
  override up(): void {
    const scope = "nullif(current_setting('yizhan.org_path', true), '')::ltree";
    const sql = [
      `CREATE TABLE documents.delivery_evidence (
        org_id uuid NOT NULL,
        org_path ltree NOT NULL,
        seq bigint NOT NULL CHECK (seq > 0),
        kind text NOT NULL,
        document_id uuid,
        delivery_id uuid,
        event jsonb NOT NULL,
        digest text NOT NULL,
        at timestamptz NOT NULL,
        prev_hash text NOT NULL,
        hash text NOT NULL,
        outbox_id bigint NOT NULL,
        PRIMARY KEY (org_id, seq)
      )`,
      'CREATE INDEX delivery_evidence_document ON documents.delivery_evidence (document_id, org_id, seq)',
      'ALTER TABLE documents.delivery_evidence ENABLE ROW LEVEL SECURITY',
      'ALTER TABLE documents.delivery_evidence FORCE ROW LEVEL SECURITY',
      // The unit reads its own chain; nobody else's, not even the units above it.
      `CREATE POLICY evidence_read ON documents.delivery_evidence FOR SELECT USING (org_path = ${scope})`,
      // Canonical JSON as lib/crypto's canonicalJson writes it: keys sorted (by code point), no insignificant space.
      `CREATE FUNCTION documents.canonical_json(j jsonb) RETURNS text LANGUAGE sql IMMUTABLE STRICT AS $f$
        SELECT CASE jsonb_typeof(j)
          WHEN 'object' THEN '{' || coalesce((SELECT string_agg(to_json(k)::text || ':' || documents.canonical_json(v), ',' ORDER BY k COLLATE "C")
                                              FROM jsonb_each(j) AS e(k, v)), '') || '}'
          WHEN 'array' THEN '[' || coalesce((SELECT string_agg(documents.canonical_json(v), ',' ORDER BY n)
                                             FROM jsonb_array_elements(j) WITH ORDINALITY AS a(v, n)), '') || ']'
          ELSE j::text
        END
      $f$`,
      `CREATE FUNCTION documents.uuid_or_null(t text) RETURNS uuid LANGUAGE sql IMMUTABLE AS $f$
        SELECT CASE WHEN t ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' THEN t::uuid END
      $f$`,
      // One statement's events, in order, each linked into its unit's chain. Units are locked in one order (by id),
      // so two transactions never wait for each other's units crosswise.
      `CREATE FUNCTION documents.log_delivery_evidence() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
        SET search_path = pg_catalog, public, documents AS $f$
        DECLARE
          r record;
          cur uuid;
          n bigint;
          prev text;
          at_ms timestamptz;
          at_text text;
          ev jsonb;
          dig text;
          h text;
          o_org uuid[] := '{}'; o_path ltree[] := '{}'; o_seq bigint[] := '{}'; o_kind text[] := '{}'; o_doc uuid[] := '{}';
          o_del uuid[] := '{}'; o_event jsonb[] := '{}'; o_digest text[] := '{}'; o_at timestamptz[] := '{}'; o_prev text[] := '{}';
          o_hash text[] := '{}'; o_outbox bigint[] := '{}';
        BEGIN
          FOR r IN
            WITH e AS (
              SELECT a.id, a.type, a.payload, a.org_path,
                     documents.uuid_or_null(a.payload->>'deliveryId') AS delivery_id
              FROM added a
              WHERE a.type = 'document.sent' OR a.type LIKE 'delivery.%' OR a.type LIKE 'handling.%' OR a.payload->>'deliveryId' IS NOT NULL
            )
            SELECT e.id, e.type, e.payload, e.delivery_id,
                   coalesce(d.document_id, documents.uuid_or_null(e.payload->>'documentId')) AS document_id,
                   CASE
                     WHEN e.type IN ('delivery.received', 'delivery.signed', 'delivery.print', 'delivery.return', 'delivery.request_resend',
                                     'delivery.close', 'delivery.open', 'delivery.download') THEN d.recipient_org_id
                     WHEN e.type = 'document.sent' OR e.type LIKE 'handling.%' THEN documents.uuid_or_null(e.payload->>'orgId')
                     ELSE d.sender_org_id
                   END AS unit,
                   CASE
                     WHEN e.type IN ('delivery.received', 'delivery.signed', 'delivery.print', 'delivery.return', 'delivery.request_resend',
                                     'delivery.close', 'delivery.open', 'delivery.download') THEN d.recipient_path
                     WHEN e.type = 'document.sent' OR e.type LIKE 'handling.%' THEN e.org_path
                     ELSE d.sender_path
                   END AS unit_path
            FROM e LEFT JOIN documents.deliveries d ON d.id = e.delivery_id
            ORDER BY 6, e.id
          LOOP
            CONTINUE WHEN r.unit IS NULL OR r.unit_path IS NULL;
            IF cur IS DISTINCT FROM r.unit THEN
              cur := r.unit;
              PERFORM pg_advisory_xact_lock(hashtext('documents.delivery_evidence:' || cur::text));
              SELECT l.seq, l.hash INTO n, prev FROM documents.delivery_evidence l WHERE l.org_id = cur ORDER BY l.seq DESC LIMIT 1;
              n := coalesce(n, 0);
              prev := coalesce(prev, repeat('0', 64));
            END IF;
            n := n + 1;
            at_ms := date_trunc('milliseconds', clock_timestamp());
            at_text := to_char(at_ms AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"');
            ev := jsonb_build_object('type', r.type, 'payload', r.payload);
            dig := encode(sha256(convert_to(documents.canonical_json(ev), 'UTF8')), 'hex');
            h := encode(sha256(convert_to(prev || E'\\n' || documents.canonical_json(jsonb_build_object(
                   'seq', n, 'unit', cur, 'kind', r.type, 'documentId', r.document_id, 'deliveryId', r.delivery_id,
                   'digest', dig, 'at', at_text, 'prev', prev)), 'UTF8')), 'hex');
            o_org := o_org || cur; o_path := o_path || r.unit_path; o_seq := o_seq || n; o_kind := o_kind || r.type;
            o_doc := o_doc || r.document_id; o_del := o_del || r.delivery_id; o_event := o_event || ev; o_digest := o_digest || dig;
            o_at := o_at || at_ms; o_prev := o_prev || prev; o_hash := o_hash || h; o_outbox := o_outbox || r.id;
            prev := h;
          END LOOP;
          IF cardinality(o_seq) > 0 THEN
            INSERT INTO documents.delivery_evidence (org_id, org_path, seq, kind, document_id, delivery_id, event, digest, at, prev_hash, hash, outbox_id)
            SELECT * FROM unnest(o_org, o_path, o_seq, o_kind, o_doc, o_del, o_event, o_digest, o_at, o_prev, o_hash, o_outbox);
          END IF;
          RETURN NULL;
        END
      $f$`,
      `CREATE TRIGGER outbox_delivery_evidence AFTER INSERT ON documents.outbox
        REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION documents.log_delivery_evidence()`,
      // The function runs as its owner (this migration's role): it reads the deliveries the events name and the
      // chains' heads of any unit, and appends links; the application's role can do none of this itself.
      `DO $$ BEGIN
        EXECUTE format('CREATE POLICY evidence_writer ON documents.delivery_evidence FOR ALL TO %I USING (true) WITH CHECK (true)', current_user);
        EXECUTE format('CREATE POLICY evidence_reads_deliveries ON documents.deliveries FOR SELECT TO %I USING (true)', current_user);
      END $$`,
      `CREATE FUNCTION documents.delivery_evidence_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $f$
        BEGIN
          RAISE EXCEPTION 'the delivery evidence log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
        END
      $f$`,
      `CREATE TRIGGER delivery_evidence_append_only BEFORE UPDATE OR DELETE ON documents.delivery_evidence
        FOR EACH ROW EXECUTE FUNCTION documents.delivery_evidence_is_append_only()`,
      `CREATE TRIGGER delivery_evidence_no_truncate BEFORE TRUNCATE ON documents.delivery_evidence
        FOR EACH STATEMENT EXECUTE FUNCTION documents.delivery_evidence_is_append_only()`,
    ];
    for (const s of sql) this.addSql(s);
  }
}

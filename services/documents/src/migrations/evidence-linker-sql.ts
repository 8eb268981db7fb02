// The evidence job's SQL that reads the queue against the outbox — the linker (`documents.link_evidence()`) and what
// waits (`documents.evidence_waiting()`) — as 0016_evidence_batches wrote it and as later migrations restate it: one
// text, the part that differs given by the migration.

/** How 0016 read the queued events: a join the planner may turn into a merge join over the whole outbox. */
const QUEUED_EVENTS_0016 = `e AS (
            SELECT a.id, a.type, a.payload, a.org_path, documents.uuid_or_null(a.payload->>'deliveryId') AS delivery_id,
                   date_trunc('milliseconds', a.occurred_at) AS at_ms
            FROM queued q JOIN documents.outbox a ON a.id = q.outbox_id
          )`;

/**
 * The queued events read one by one by the outbox's key (0040): the subquery's LIMIT keeps the planner from flattening
 * it into a join, so each queued id is one index probe per partition, and the rest of the statement works on the
 * queued events only. The join of 0016 became a merge join that walked the outbox from its first event, working out
 * every event's canonical form on the way: a linking's cost grew with everything the outbox kept (about 0.6 s for a
 * few hundred events once a few broadcasts had passed, and more for every month a deployment keeps).
 */
const QUEUED_EVENTS_0040 = `e AS MATERIALIZED (
            SELECT a.id, a.type, a.payload, a.org_path, documents.uuid_or_null(a.payload->>'deliveryId') AS delivery_id,
                   date_trunc('milliseconds', a.occurred_at) AS at_ms
            FROM queued q
            CROSS JOIN LATERAL (SELECT o.id, o.type, o.payload, o.org_path, o.occurred_at FROM documents.outbox o WHERE o.id = q.outbox_id LIMIT 1) a
          )`;

/** The events the receiving unit acts in, which go to its chain (the rest are the sender's). 0045 adds 追加列印份数. */
const RECIPIENT_ACTS_0016 = [
  'delivery.received',
  'delivery.signed',
  'delivery.print',
  'delivery.return',
  'delivery.request_resend',
  'delivery.close',
  'delivery.open',
  'delivery.download',
];
const RECIPIENT_ACTS_0045 = [...RECIPIENT_ACTS_0016, 'delivery.request_copies'];

/** Links everything queued into its unit's chain, in the order of the events; answers how many links it wrote. */
export function linkEvidenceFunction(version: '0016' | '0040' | '0045'): string {
  const queuedEvents = version === '0016' ? QUEUED_EVENTS_0016 : QUEUED_EVENTS_0040;
  const recipientActs = (version === '0045' ? RECIPIENT_ACTS_0045 : RECIPIENT_ACTS_0016).map((t) => `'${t}'`).join(', ');
  return `${version === '0016' ? 'CREATE' : 'CREATE OR REPLACE'} FUNCTION documents.link_evidence() RETURNS integer LANGUAGE plpgsql SECURITY DEFINER
        SET search_path = pg_catalog, public, documents AS $f$
        DECLARE linked_count integer;
        BEGIN
          IF NOT EXISTS (SELECT 1 FROM documents.evidence_pending) THEN
            RETURN 0;
          END IF;
          PERFORM pg_advisory_xact_lock(hashtext('documents.evidence_linker'));
          WITH queued AS (
            DELETE FROM documents.evidence_pending RETURNING outbox_id
          ), ${queuedEvents}, r AS (
            SELECT e.id, e.type, e.payload, e.delivery_id, e.at_ms,
                   CASE WHEN f.nested IS FALSE
                     THEN '{"payload":{' || coalesce(f.flat, '') || '},"type":' || to_json(e.type)::text || '}'
                     ELSE documents.canonical_json(jsonb_build_object('type', e.type, 'payload', e.payload))
                   END AS canon,
                   coalesce(d.document_id, documents.uuid_or_null(e.payload->>'documentId')) AS document_id,
                   CASE
                     WHEN e.type IN (${recipientActs}) THEN d.recipient_org_id
                     WHEN e.type = 'document.sent' OR e.type LIKE 'handling.%' THEN documents.uuid_or_null(e.payload->>'orgId')
                     ELSE d.sender_org_id
                   END AS unit,
                   CASE
                     WHEN e.type IN (${recipientActs}) THEN d.recipient_path
                     WHEN e.type = 'document.sent' OR e.type LIKE 'handling.%' THEN e.org_path
                     ELSE d.sender_path
                   END AS unit_path
            FROM e LEFT JOIN documents.deliveries d ON d.id = e.delivery_id
            LEFT JOIN LATERAL (
              SELECT string_agg(to_json(x.key)::text || ':' || x.value::text, ',' ORDER BY x.key COLLATE "C") AS flat,
                     coalesce(bool_or(jsonb_typeof(x.value) IN ('object', 'array')), false) AS nested
              FROM jsonb_each(CASE WHEN jsonb_typeof(e.payload) = 'object' THEN e.payload ELSE '{}'::jsonb END) AS x
            ) f ON jsonb_typeof(e.payload) = 'object'
          ), heads AS (
            SELECT u.unit, coalesce(l.seq, 0) AS seq, coalesce(l.hash, repeat('0', 64)) AS hash
            FROM (SELECT DISTINCT r.unit FROM r WHERE r.unit IS NOT NULL) u
            LEFT JOIN LATERAL (SELECT x.seq, x.hash FROM documents.delivery_evidence x WHERE x.org_id = u.unit ORDER BY x.seq DESC LIMIT 1) l ON true
          ), numbered AS (
            SELECT r.*, h.hash AS start, h.seq + row_number() OVER (PARTITION BY r.unit ORDER BY r.id) AS n,
                   encode(sha256(convert_to(r.canon, 'UTF8')), 'hex') AS dig
            FROM r JOIN heads h ON h.unit = r.unit
            WHERE r.unit_path IS NOT NULL
          ), linked AS (
            SELECT numbered.*,
                   documents.chain_agg(start,
                     -- The link's canonical JSON, keys in order: at, deliveryId, digest, documentId, kind, prev, seq, unit.
                     '{"at":"' || to_char(at_ms AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') || '","deliveryId":' || coalesce('"' || delivery_id::text || '"', 'null') ||
                     ',"digest":"' || dig || '","documentId":' || coalesce('"' || document_id::text || '"', 'null') ||
                     ',"kind":' || to_json(type)::text || ',"prev":"',
                     '","seq":' || n::text || ',"unit":"' || unit::text || '"}'
                   ) OVER (PARTITION BY unit ORDER BY n ROWS UNBOUNDED PRECEDING) AS hash
            FROM numbered
          ), written AS (
            INSERT INTO documents.delivery_evidence (org_id, org_path, seq, kind, document_id, delivery_id, event, digest, at, prev_hash, hash, outbox_id)
            SELECT unit, unit_path, n, type, document_id, delivery_id, jsonb_build_object('type', type, 'payload', payload), dig, at_ms,
                   coalesce(lag(hash) OVER (PARTITION BY unit ORDER BY n), start), hash, id
            FROM linked
            RETURNING org_id, org_path, seq, hash
          ), heads_moved AS (
          INSERT INTO documents.evidence_heads AS h (org_id, org_path, seq, hash, changed_at)
          SELECT DISTINCT ON (org_id) org_id, org_path, seq, hash, clock_timestamp() FROM written ORDER BY org_id, seq DESC
          ON CONFLICT (org_id) DO UPDATE SET org_path = excluded.org_path, seq = excluded.seq, hash = excluded.hash, changed_at = excluded.changed_at
            RETURNING 1
          )
          SELECT (SELECT count(*) FROM written) INTO linked_count;
          RETURN coalesce(linked_count, 0);
        END
      $f$`;
}

/** When the oldest queued event happened: 0016 joined the queue to the outbox (a merge join over all of it, at every
 * poll of the job, twice a second); 0040 looks each queued event up by key. */
const OLDEST_PENDING = {
  '0016': '(SELECT min(o.occurred_at) FROM documents.evidence_pending p JOIN documents.outbox o ON o.id = p.outbox_id)',
  '0040':
    '(SELECT min(o.occurred_at) FROM documents.evidence_pending p CROSS JOIN LATERAL (SELECT x.occurred_at FROM documents.outbox x WHERE x.id = p.outbox_id LIMIT 1) o)',
};

/** How many items wait for the next batch time stamp, and since when. */
export function evidenceWaitingFunction(version: '0016' | '0040'): string {
  const oldestPending = OLDEST_PENDING[version];
  return `${version === '0016' ? 'CREATE' : 'CREATE OR REPLACE'} FUNCTION documents.evidence_waiting() RETURNS TABLE (items bigint, since timestamptz) LANGUAGE sql STABLE SECURITY DEFINER
        SET search_path = pg_catalog, public, documents AS $f$
        SELECT (SELECT count(*) FROM documents.evidence_pending) + (SELECT count(*) FROM documents.evidence_unanchored) + coalesce((SELECT sum(h.seq - h.anchored_seq) FROM documents.evidence_heads h WHERE h.seq > h.anchored_seq), 0),
               least(${oldestPending},
                     (SELECT min(queued_at) FROM documents.evidence_unanchored), (SELECT min(changed_at) FROM documents.evidence_heads h WHERE h.seq > h.anchored_seq))
      $f$`;
}

// Tables that grow with traffic (the outboxes, the delivery history, notifications, alerts, the audit log) are
// partitioned by time with PostgreSQL's own range partitioning, by Beijing calendar month or year. A service's schema
// keeps its list in `<schema>.partitioned_tables` and its partitions in `<schema>.partitions`;
// `<schema>.keep_partitions()` (SECURITY DEFINER, run by each service's partition keeper on a timer) creates the
// partitions ahead and detaches the old ones. A detached partition stays in the schema as a table of its own, row-level
// security on and forced, and no policy: nobody reads it until the owner (the migrator) lifts the forcing to export it
// or attaches it again.
//
// An existing table is converted in place (`partitionByTimeSql`): it becomes the first partition, holding everything
// up to the end of its newest row's period, so no row is copied; the parent takes over its columns, defaults,
// identity, checks, keys, indexes, policies, triggers and grants. A key, unique constraint or unique index gains the
// time column (PostgreSQL's rule for partitioned tables): choose a column that does not change the uniqueness meant
// (deliveries go by their document's send time, the same for all of a document's deliveries). A foreign key that
// referenced the old table cannot reference the partitioned one by its key without the time column; it is replaced by
// a reference check (`<schema>.check_references()`, triggers on both tables) that refuses what the key refused: a row
// naming a key that is not there, and deleting or re-keying a row still named. Detaching an old partition is not a
// delete: the rows that name it keep their value, as a record does.

export type PartitionPeriod = 'month' | 'year';

export interface TimePartitioning {
  /** schema.table */
  table: string;
  /** The timestamptz column a row is placed by; it must never change after the insert. */
  column: string;
  period: PartitionPeriod;
  /** Periods made ahead of the current one. */
  ahead: number;
  /** Periods kept attached before the current one; older partitions are detached. */
  keep: number;
}

/** The time zone partitions follow: a year's bulletin and a month's audit are Beijing's year and month. */
export const PARTITION_TIME_ZONE = 'Asia/Shanghai';

const ident = (s: string) => {
  if (!/^[a-z_][a-z0-9_]*$/.test(s)) throw new Error(`Unsafe identifier ${s}`);
  return s;
};
const split = (table: string) => {
  const [schema, name, more] = table.split('.');
  if (!schema || !name || more !== undefined) throw new Error(`Expected schema.table, got ${table}`);
  return [ident(schema), ident(name)] as const;
};

/**
 * Once per schema, before its first conversion: the schema's lists and its keeper. `runner` is the role that runs
 * the keeper (the relay role, as the other periodic statements).
 */
export function partitionKeeperSql(schema: string, runner: string): string[] {
  const s = ident(schema);
  const r = runner.replaceAll('"', '""');
  return [
    `CREATE TABLE ${s}.partitioned_tables (
      table_name text PRIMARY KEY,
      column_name text NOT NULL,
      period text NOT NULL CHECK (period IN ('month', 'year')),
      ahead integer NOT NULL CHECK (ahead BETWEEN 1 AND 36),
      keep integer NOT NULL CHECK (keep >= 1)
    )`,
    `CREATE TABLE ${s}.partitions (
      partition_name text PRIMARY KEY,
      table_name text NOT NULL REFERENCES ${s}.partitioned_tables (table_name),
      -- NULL: from the beginning (the converted table).
      lower_bound timestamptz,
      upper_bound timestamptz NOT NULL,
      created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
      detached_at timestamptz
    )`,
    // The services read both lists (the operations console); only the owner, through the keeper, writes them.
    ...['partitioned_tables', 'partitions'].flatMap((t) => [
      `ALTER TABLE ${s}.${t} ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY`,
      `CREATE POLICY ${t}_read ON ${s}.${t} FOR SELECT USING (true)`,
      `DO $$ BEGIN EXECUTE format('CREATE POLICY ${t}_keeper ON ${s}.${t} TO %I USING (true) WITH CHECK (true)', current_user); END $$`,
    ]),
    `CREATE FUNCTION ${s}.keep_partitions(p_at timestamptz DEFAULT now()) RETURNS integer
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public SET timezone = '${PARTITION_TIME_ZONE}' AS $f$
      DECLARE
        t record;
        p record;
        step interval;
        current_start timestamptz;
        lo timestamptz;
        hi timestamptz;
        target timestamptz;
        name text;
        done integer := 0;
      BEGIN
        FOR t IN SELECT * FROM ${s}.partitioned_tables ORDER BY table_name LOOP
          -- One keeper at a time per table, whichever replica runs it.
          PERFORM pg_advisory_xact_lock(hashtext('${s}.' || t.table_name || '/partitions'));
          step := ('1 ' || t.period)::interval;
          current_start := date_trunc(t.period, p_at);
          target := current_start + (t.ahead + 1) * step;
          SELECT max(upper_bound) INTO lo FROM ${s}.partitions WHERE table_name = t.table_name;
          lo := coalesce(lo, current_start);
          WHILE lo < target LOOP
            hi := date_trunc(t.period, lo) + step;
            name := t.table_name || '_p' || to_char(lo, CASE t.period WHEN 'year' THEN 'YYYY' ELSE 'YYYYMM' END);
            EXECUTE format('CREATE TABLE ${s}.%I PARTITION OF ${s}.%I FOR VALUES FROM (%L) TO (%L)', name, t.table_name, lo, hi);
            -- Read through the parent, whose policies apply; on its own (once detached, say) by nobody, until the owner
            -- lifts the forcing to export it.
            EXECUTE format('ALTER TABLE ${s}.%I ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY', name);
            INSERT INTO ${s}.partitions (partition_name, table_name, lower_bound, upper_bound) VALUES (name, t.table_name, lo, hi);
            done := done + 1;
            lo := hi;
          END LOOP;
          FOR p IN SELECT * FROM ${s}.partitions
                    WHERE table_name = t.table_name AND detached_at IS NULL AND upper_bound <= current_start - t.keep * step
                    ORDER BY upper_bound LOOP
            EXECUTE format('ALTER TABLE ${s}.%I DETACH PARTITION ${s}.%I', t.table_name, p.partition_name);
            UPDATE ${s}.partitions SET detached_at = clock_timestamp() WHERE partition_name = p.partition_name;
            done := done + 1;
          END LOOP;
        END LOOP;
        RETURN done;
      END
      $f$`,
    `REVOKE ALL ON FUNCTION ${s}.keep_partitions(timestamptz) FROM PUBLIC`,
    `GRANT EXECUTE ON FUNCTION ${s}.keep_partitions(timestamptz) TO "${r}"`,
  ];
}

/**
 * A foreign key's checks, for a key PostgreSQL cannot hold one on (a partitioned table's key without its time
 * column): `<schema>.check_references(name, child, column, parent, key)` makes the function `<name>_present()` that
 * looks the key up as PostgreSQL's own check does (one statement, planned once per session) and fires it after each
 * inserted row naming a key, and after an update changing it; on `parent`, a statement trigger refuses deleting rows
 * still named and a row trigger refuses changing a named key (`reference_check()`: neither happens in the platform,
 * so their one-off queries are not worth a function each). The checks read both tables as their owner (a policy lets
 * the owner read every row, as PostgreSQL's own foreign keys ignore row-level security) and fail with SQLSTATE 23503,
 * as a foreign key does. Idempotent: each conversion states it again.
 */
export function referenceCheckSql(schema: string): string[] {
  const s = ident(schema);
  return [
    `CREATE OR REPLACE FUNCTION ${s}.reference_check() RETURNS trigger
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $f$
      -- TG_ARGV: the check's name, the table holding the column, the column, the table referenced, its key; and
      -- 'removed' (a statement's deleted rows, as the transition table removed) or 'rekeyed' (a row's key changed).
      DECLARE
        named text;
      BEGIN
        IF TG_ARGV[5] = 'removed' THEN
          EXECUTE format('SELECT o.%3$I::text FROM removed o WHERE EXISTS (SELECT 1 FROM %1$s c WHERE c.%2$I = o.%3$I) LIMIT 1',
            TG_ARGV[1], TG_ARGV[2], TG_ARGV[4]) INTO named;
        ELSE
          EXECUTE format('SELECT ($1).%3$I::text WHERE EXISTS (SELECT 1 FROM %1$s c WHERE c.%2$I = ($1).%3$I)', TG_ARGV[1], TG_ARGV[2], TG_ARGV[4])
            INTO named USING OLD;
        END IF;
        IF named IS NOT NULL THEN
          RAISE EXCEPTION 'update or delete on table "%" violates foreign key "%" on table "%"', TG_ARGV[3], TG_ARGV[0], TG_ARGV[1]
            USING ERRCODE = 'foreign_key_violation', DETAIL = format('Key (%s)=(%s) is still referenced from table "%s".', TG_ARGV[4], named, TG_ARGV[1]);
        END IF;
        RETURN NULL;
      END
      $f$`,
    `REVOKE ALL ON FUNCTION ${s}.reference_check() FROM PUBLIC`,
    `CREATE OR REPLACE FUNCTION ${s}.check_references(p_name text, p_child regclass, p_col text, p_parent regclass, p_key text) RETURNS void
      LANGUAGE plpgsql SET search_path = pg_catalog, public AS $f$
      DECLARE
        n text := left(p_name, 50);
        present text := format('${s}.%I', left(p_name, 50) || '_present');
        t regclass;
      BEGIN
        EXECUTE format($q$CREATE OR REPLACE FUNCTION %s() RETURNS trigger
          LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $b$
          BEGIN
            IF NOT EXISTS (SELECT 1 FROM %s p WHERE p.%I = NEW.%I) THEN
              RAISE EXCEPTION USING ERRCODE = 'foreign_key_violation', MESSAGE = %L,
                DETAIL = format(%L, NEW.%I);
            END IF;
            RETURN NULL;
          END
          $b$$q$, present, p_parent, p_key, p_col,
          format('insert or update on table "%s" violates foreign key "%s"', p_child, p_name),
          format('Key (%s)=(%%s) is not present in table "%s".', p_col, p_parent), p_col);
        EXECUTE format('REVOKE ALL ON FUNCTION %s() FROM PUBLIC', present);
        EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %s FOR EACH ROW WHEN (NEW.%I IS NOT NULL) EXECUTE FUNCTION %s()',
          n || '_added', p_child, p_col, present);
        EXECUTE format('CREATE TRIGGER %I AFTER UPDATE OF %I ON %s FOR EACH ROW WHEN (NEW.%I IS NOT NULL AND NEW.%I IS DISTINCT FROM OLD.%I)
          EXECUTE FUNCTION %s()', n || '_changed', p_col, p_child, p_col, p_col, p_col, present);
        EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %s REFERENCING OLD TABLE AS removed FOR EACH STATEMENT
          EXECUTE FUNCTION ${s}.reference_check(%L, %L, %L, %L, %L, %L)', n || '_removed', p_parent, p_name, p_child, p_col, p_parent, p_key, 'removed');
        EXECUTE format('CREATE TRIGGER %I AFTER UPDATE OF %I ON %s FOR EACH ROW WHEN (NEW.%I IS DISTINCT FROM OLD.%I)
          EXECUTE FUNCTION ${s}.reference_check(%L, %L, %L, %L, %L, %L)', n || '_rekeyed', p_key, p_parent, p_key, p_key, p_name, p_child, p_col, p_parent, p_key, 'rekeyed');
        FOREACH t IN ARRAY ARRAY[p_child, p_parent] LOOP
          IF NOT EXISTS (SELECT 1 FROM pg_policy WHERE polrelid = t AND polname = 'owner_checks_references') THEN
            EXECUTE format('CREATE POLICY owner_checks_references ON %s FOR SELECT TO %I USING (true)', t, current_user);
          END IF;
        END LOOP;
      END
      $f$`,
    `REVOKE ALL ON FUNCTION ${s}.check_references(text, regclass, text, regclass, text) FROM PUBLIC`,
  ];
}

/**
 * For loading years of records kept before the platform (a predecessor system's, or a benchmark's):
 * `<schema>.partition_history(table, from)` splits the first partition, while it is still empty, into one partition per
 * period from `from` on and the rest before it, so that history is kept, pruned and detached by period as what comes
 * after it is. Run by the tables' owner (the migrator) or a superuser; the partitions it makes belong to the table's
 * owner and have row-level security forced, as the keeper's. Refuses a first partition that holds anything.
 */
export function partitionHistorySql(schema: string): string[] {
  const s = ident(schema);
  return [
    `CREATE OR REPLACE FUNCTION ${s}.partition_history(p_table text, p_from timestamptz) RETURNS integer
      LANGUAGE plpgsql SET search_path = pg_catalog, public SET timezone = '${PARTITION_TIME_ZONE}' AS $f$
      DECLARE
        t record;
        first record;
        step interval;
        lo timestamptz;
        hi timestamptz;
        name text;
        owner name;
        done integer := 0;
      BEGIN
        SELECT * INTO t FROM ${s}.partitioned_tables WHERE table_name = p_table;
        IF NOT FOUND THEN
          RAISE EXCEPTION '${s}.% is not partitioned', p_table;
        END IF;
        SELECT * INTO first FROM ${s}.partitions WHERE table_name = p_table AND lower_bound IS NULL AND detached_at IS NULL;
        IF NOT FOUND THEN
          RAISE EXCEPTION 'the first partition of ${s}.% is detached', p_table;
        END IF;
        -- Never written to (security is forced on a partition, so its size, not a count, says so).
        IF pg_relation_size(format('${s}.%I', first.partition_name)::regclass) > 0 THEN
          RAISE EXCEPTION 'the first partition of ${s}.% holds rows: history is loaded before anything else', p_table;
        END IF;
        step := ('1 ' || t.period)::interval;
        lo := date_trunc(t.period, p_from);
        IF lo >= first.upper_bound THEN
          RAISE EXCEPTION 'history from % is not before the first partition''s end (%)', p_from, first.upper_bound;
        END IF;
        SELECT c.relowner::regrole::name INTO owner FROM pg_class c WHERE c.oid = format('${s}.%I', p_table)::regclass;
        EXECUTE format('ALTER TABLE ${s}.%I DETACH PARTITION ${s}.%I', p_table, first.partition_name);
        EXECUTE format('ALTER TABLE ${s}.%I ATTACH PARTITION ${s}.%I FOR VALUES FROM (MINVALUE) TO (%L)', p_table, first.partition_name, lo);
        UPDATE ${s}.partitions SET upper_bound = lo WHERE partition_name = first.partition_name;
        WHILE lo < first.upper_bound LOOP
          hi := date_trunc(t.period, lo) + step;
          name := p_table || '_p' || to_char(lo, CASE t.period WHEN 'year' THEN 'YYYY' ELSE 'YYYYMM' END);
          EXECUTE format('CREATE TABLE ${s}.%I PARTITION OF ${s}.%I FOR VALUES FROM (%L) TO (%L)', name, p_table, lo, hi);
          EXECUTE format('ALTER TABLE ${s}.%I ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY', name);
          EXECUTE format('ALTER TABLE ${s}.%I OWNER TO %I', name, owner);
          INSERT INTO ${s}.partitions (partition_name, table_name, lower_bound, upper_bound) VALUES (name, p_table, lo, hi);
          done := done + 1;
          lo := hi;
        END LOOP;
        RETURN done;
      END
      $f$`,
    `REVOKE ALL ON FUNCTION ${s}.partition_history(text, timestamptz) FROM PUBLIC`,
  ];
}

/**
 * SQL of a `CREATE POLICY` statement re-stating the `pg_policies` row `p` on the table `on` (an SQL expression naming
 * it): its name, permissiveness, command, roles, and its two expressions as PostgreSQL prints them.
 */
const policyStatement = (p: string, on: string) =>
  `format('CREATE POLICY %I ON %s AS %s FOR %s TO %s%s%s', ${p}.policyname, ${on}, ${p}.permissive, ${p}.cmd,
     (SELECT string_agg(CASE WHEN x = 'public' THEN 'PUBLIC' ELSE quote_ident(x) END, ', ') FROM unnest(${p}.roles) x),
     CASE WHEN ${p}.qual IS NOT NULL THEN ' USING (' || ${p}.qual || ')' ELSE '' END,
     CASE WHEN ${p}.with_check IS NOT NULL THEN ' WITH CHECK (' || ${p}.with_check || ')' ELSE '' END)`;

/**
 * Converts `table` into a table partitioned by `column`, in place, then registers it with the schema's keeper and
 * makes its partitions ahead. Run by the migrator (the owner), inside the migration's transaction.
 */
export function partitionByTimeSql(p: TimePartitioning): string[] {
  const [s, t] = split(p.table);
  const col = ident(p.column);
  if (!Number.isInteger(p.ahead) || !Number.isInteger(p.keep)) throw new Error('ahead and keep are whole periods');
  const before = `${t}_before`;
  return [
    ...referenceCheckSql(s),
    ...partitionHistorySql(s),
    `DO $do$
    DECLARE
      old regclass;
      parent text := format('%I.%I', '${s}', '${t}');
      r record;
      cols text;
      def text;
      bound timestamptz;
      last_value bigint;
      zone text := current_setting('timezone');
      fks text[] := '{}';
      readers text[];
      item text[];
      expr boolean;
      pred text;
      method text;
      has_col boolean;
    BEGIN
      PERFORM set_config('timezone', '${PARTITION_TIME_ZONE}', true);
      -- Other tables' policies that read this one (a document's recipients seen through its deliveries) point at it by
      -- its identity: their text is kept now, while it names the table, and stated again once the parent stands.
      SELECT coalesce(array_agg(ARRAY[format('%I.%I', p.schemaname, p.tablename), p.policyname,
               ${policyStatement('p', "format('%I.%I', p.schemaname, p.tablename)")}]), '{}')
        INTO readers
        FROM pg_policies p
       WHERE (p.schemaname, p.tablename, p.policyname) IN (
               SELECT n.nspname, c.relname, pol.polname FROM pg_depend d
                 JOIN pg_policy pol ON d.classid = 'pg_policy'::regclass AND d.objid = pol.oid
                 JOIN pg_class c ON c.oid = pol.polrelid JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE d.refobjid = parent::regclass AND pol.polrelid <> parent::regclass);
      EXECUTE format('ALTER TABLE %s RENAME TO %I', parent, '${before}');
      old := format('%I.%I', '${s}', '${before}')::regclass;
      -- The owner reads every row here (the highest id, the newest time); security is forced again below.
      EXECUTE format('ALTER TABLE %s NO FORCE ROW LEVEL SECURITY', old);
      EXECUTE format('CREATE TABLE %s (LIKE %s INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING GENERATED INCLUDING COMMENTS) PARTITION BY RANGE (%I)',
        parent, old, '${col}');

      -- Identity columns: the parent's own identity goes on from where the old one was.
      FOR r IN SELECT a.attname, a.attidentity FROM pg_attribute a WHERE a.attrelid = old AND a.attidentity <> '' AND NOT a.attisdropped LOOP
        EXECUTE format('SELECT coalesce(max(%I), 0) FROM %s', r.attname, old) INTO last_value;
        EXECUTE format('ALTER TABLE %s ALTER COLUMN %I DROP IDENTITY', old, r.attname);
        EXECUTE format('ALTER TABLE %s ALTER COLUMN %I ADD GENERATED %s AS IDENTITY (START WITH %s)', parent, r.attname,
          CASE r.attidentity WHEN 'a' THEN 'ALWAYS' ELSE 'BY DEFAULT' END, last_value + 1);
      END LOOP;
      -- Serial columns: their sequence now belongs to the parent (and outlives the first partition).
      FOR r IN SELECT a.attname, pg_get_serial_sequence(old::text, a.attname) AS seq FROM pg_attribute a
                WHERE a.attrelid = old AND a.attnum > 0 AND NOT a.attisdropped LOOP
        IF r.seq IS NOT NULL THEN
          EXECUTE format('ALTER SEQUENCE %s OWNED BY %s.%I', r.seq, parent, r.attname);
        END IF;
      END LOOP;

      -- Foreign keys that point at it by a key without the time column cannot point at the parent: each becomes a
      -- reference check on the parent (and on the table holding it, or the parent itself if it pointed at itself).
      FOR r IN SELECT c.conname, c.conrelid::regclass AS child, a.attname AS col, k.attname AS key, cardinality(c.conkey) AS width
                 FROM pg_constraint c
                 JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
                 JOIN pg_attribute k ON k.attrelid = c.confrelid AND k.attnum = c.confkey[1]
                WHERE c.confrelid = old AND c.contype = 'f' AND c.conparentid = 0 LOOP
        IF r.width <> 1 THEN
          RAISE EXCEPTION 'foreign key % on % has more than one column: not converted', r.conname, r.child;
        END IF;
        RAISE NOTICE 'replacing % on % by a reference check: it referenced %, now partitioned', r.conname, r.child, parent;
        EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', r.child, r.conname);
        fks := fks || ARRAY[ARRAY[r.conname::text, CASE WHEN r.child = old THEN parent ELSE r.child::text END, r.col::text, r.key::text]];
      END LOOP;
      -- Primary key and unique constraints, with the time column added where they lack it.
      FOR r IN SELECT c.conname, c.contype, array_agg(a.attname ORDER BY k.n) AS names
                 FROM pg_constraint c, unnest(c.conkey) WITH ORDINALITY k(attnum, n), pg_attribute a
                WHERE c.conrelid = old AND c.contype IN ('p', 'u') AND a.attrelid = old AND a.attnum = k.attnum
                GROUP BY c.conname, c.contype LOOP
        SELECT string_agg(quote_ident(x), ', ') INTO cols
          FROM unnest(r.names || CASE WHEN '${col}' = ANY (r.names) THEN '{}'::name[] ELSE ARRAY['${col}']::name[] END) x;
        EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', old, r.conname);
        EXECUTE format('ALTER TABLE %s ADD CONSTRAINT %I %s (%s)', parent, r.conname, CASE r.contype WHEN 'p' THEN 'PRIMARY KEY' ELSE 'UNIQUE' END, cols);
      END LOOP;
      -- Other indexes: the same on the parent; the old table's index is renamed and becomes the first partition's.
      FOR r IN SELECT i.indexrelid, c.relname, i.indisunique FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
                WHERE i.indrelid = old AND NOT EXISTS (SELECT 1 FROM pg_constraint x WHERE x.conindid = i.indexrelid) LOOP
        IF r.indisunique THEN
          -- A unique index (a partial one, say) gains the time column, as the keys above did; the first partition gets
          -- its own copy when it is attached, and the old one goes.
          SELECT string_agg(quote_ident(a.attname), ', ' ORDER BY k.n), bool_or(k.attnum = 0), pg_get_expr(i.indpred, i.indrelid), am.amname,
                 bool_or(a.attname = '${col}')
            INTO cols, expr, pred, method, has_col
            FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_am am ON am.oid = ic.relam,
                 unnest(i.indkey::int2[]) WITH ORDINALITY k(attnum, n) LEFT JOIN pg_attribute a ON a.attrelid = old AND a.attnum = k.attnum
           WHERE i.indexrelid = r.indexrelid GROUP BY i.indpred, i.indrelid, am.amname;
          IF expr THEN
            RAISE EXCEPTION 'unique index % of % is on an expression: not converted', r.relname, parent;
          END IF;
          EXECUTE format('DROP INDEX %I.%I', '${s}', r.relname);
          EXECUTE format('CREATE UNIQUE INDEX %I ON %s USING %s (%s)%s', r.relname, parent, method,
            cols || CASE WHEN has_col THEN '' ELSE ', ${col}' END, CASE WHEN pred IS NULL THEN '' ELSE ' WHERE ' || pred END);
          CONTINUE;
        END IF;
        def := pg_get_indexdef(r.indexrelid);
        EXECUTE format('ALTER INDEX %I.%I RENAME TO %I', '${s}', r.relname, left(r.relname, 55) || '_before');
        EXECUTE replace(def, ' ON ' || old::text || ' ', ' ON ' || parent || ' ');
      END LOOP;

      -- Foreign keys it holds: the same on the parent (the first partition keeps its own, which the parent's adopts).
      FOR r IN SELECT conname, pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conrelid = old AND contype = 'f' LOOP
        EXECUTE format('ALTER TABLE %s ADD CONSTRAINT %I %s', parent, r.conname, r.def);
      END LOOP;

      -- Row-level security and its policies move to the parent; a partition keeps security on with no policy.
      EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY', parent);
      FOR r IN SELECT * FROM pg_policies WHERE schemaname = '${s}' AND tablename = '${before}' LOOP
        EXECUTE ${policyStatement('r', 'parent')};
        EXECUTE format('DROP POLICY %I ON %s', r.policyname, old);
      END LOOP;
      EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY', old);
      -- Triggers (append-only guards, the outbox's notify and evidence) fire on the parent.
      FOR r IN SELECT tgname, pg_get_triggerdef(oid) AS def FROM pg_trigger WHERE tgrelid = old AND NOT tgisinternal LOOP
        EXECUTE format('DROP TRIGGER %I ON %s', r.tgname, old);
        EXECUTE replace(r.def, ' ON ' || old::text || ' ', ' ON ' || parent || ' ');
      END LOOP;
      -- Grants, as they were on the table.
      FOR r IN SELECT a.privilege_type, g.rolname FROM pg_class c CROSS JOIN LATERAL aclexplode(c.relacl) a JOIN pg_roles g ON g.oid = a.grantee
                WHERE c.oid = old AND a.grantee <> c.relowner LOOP
        EXECUTE format('GRANT %s ON %s TO %I', r.privilege_type, parent, r.rolname);
      END LOOP;

      -- The other tables' policies kept at the start, stated again: they now read the parent.
      IF cardinality(readers) > 0 THEN
        FOREACH item SLICE 1 IN ARRAY readers LOOP
          EXECUTE format('DROP POLICY %I ON %s', item[2], item[1]);
          EXECUTE item[3];
        END LOOP;
      END IF;
      -- The foreign keys dropped above, as reference checks now that the parent stands.
      IF cardinality(fks) > 0 THEN
        FOREACH item SLICE 1 IN ARRAY fks LOOP
          EXECUTE format('SELECT ${s}.check_references(%L, %L::regclass, %L, %L::regclass, %L)', item[1], item[2], item[3], parent, item[4]);
        END LOOP;
      END IF;

      -- The old table becomes the first partition: everything up to the end of its newest row's period.
      EXECUTE format('SELECT date_trunc(%L, coalesce(max(%I), now())) + interval ''1 ${p.period}'' FROM %s', '${p.period}', '${col}', old) INTO bound;
      EXECUTE format('ALTER TABLE %s ATTACH PARTITION %s FOR VALUES FROM (MINVALUE) TO (%L)', parent, old, bound);
      INSERT INTO ${s}.partitioned_tables (table_name, column_name, period, ahead, keep) VALUES ('${t}', '${col}', '${p.period}', ${p.ahead}, ${p.keep});
      INSERT INTO ${s}.partitions (partition_name, table_name, lower_bound, upper_bound) VALUES ('${before}', '${t}', NULL, bound);
      PERFORM set_config('timezone', zone, true);
    END
    $do$`,
    `SELECT ${s}.keep_partitions()`,
  ];
}

/** A partitioned table's state (a row of partitionStateSql), for the operations console. */
export interface PartitionState {
  table: string;
  period: PartitionPeriod;
  attached: number;
  detached: number;
  /** The end of the newest partition made ahead: rows stamped from then on would be refused. */
  ready_until: string | null;
  /** Rows in the attached partitions (the planner's estimate), as text (bigint). */
  rows: string;
}

/** Every partitioned table of `schema` and its partitions, as the keeper left them. Readable by the services. */
export function partitionStateSql(schema: string): string {
  const s = ident(schema);
  return `SELECT t.table_name AS table, t.period,
      count(*) FILTER (WHERE p.detached_at IS NULL)::int AS attached,
      count(*) FILTER (WHERE p.detached_at IS NOT NULL)::int AS detached,
      max(p.upper_bound) FILTER (WHERE p.detached_at IS NULL) AS ready_until,
      coalesce(sum(greatest(c.reltuples, 0)) FILTER (WHERE p.detached_at IS NULL), 0)::bigint AS rows
    FROM ${s}.partitioned_tables t
    LEFT JOIN ${s}.partitions p ON p.table_name = t.table_name
    LEFT JOIN pg_class c ON c.oid = to_regclass('${s}.' || quote_ident(p.partition_name))
    GROUP BY t.table_name, t.period ORDER BY t.table_name`;
}

/** The outbox of `schema`: by month, a year kept attached (a subscriber resumes from its cursor within that year). */
export const outboxPartitioning = (schema: string): TimePartitioning => ({
  table: `${schema}.outbox`,
  column: 'occurred_at',
  period: 'month',
  ahead: 2,
  keep: 12,
});

/** A service's first partitioning migration: its keeper, then each table converted. */
export function partitionTablesSql(schema: string, runner: string, tables: TimePartitioning[]): string[] {
  return [...partitionKeeperSql(schema, runner), ...tables.flatMap(partitionByTimeSql)];
}

// A unit moved under another superior (org's `org.moved`, seed 003 §9) takes its rows with it. Every service keeps a
// unit's path beside its rows for row-level security; org re-roots its own tables in the move's transaction
// (services/org app/move-unit.ts), and each other service re-roots its schema when it reads the event, with one
// function per schema made by these statements:
//
// - `<schema>.reroot_unit(old_path, new_path)` updates every ltree column of every table of the schema (read from the
//   catalogue when it runs, so a table made later is not forgotten) for the unit and everything below it, except the
//   tables that keep the paths of then (the outbox: events as they were published) or that follow the others by
//   trigger (kept counts). It runs as its owner, the migrator, and answers how many values it moved.
// - row-level security holds that owner to units like anyone (FORCE): each table gets a policy `reroot` for it
//   (`rerootPoliciesSql`, run again by any migration that adds a table with a path).
// - an append-only table lets a row's paths, and nothing else, change while the function runs (`REROOT_ALLOWED`, in
//   its guard), so what is kept as signed or time-stamped stays as it was.

import type { EntityManager } from '@mikro-orm/postgresql';

/** Set for the transaction while a schema's reroot_unit runs: an append-only guard lets paths change then. */
export const REROOTING_SETTING = 'yizhan.rerooting';

/** The path columns a re-rooting changes, by the names the platform gives them. */
export const PATH_COLUMNS = ['org_path', 'sender_path', 'recipient_path', 'reader_path', 'lead_path', 'other_path'] as const;

/**
 * A guard's first statement (plpgsql) in an append-only table's trigger function: an UPDATE while the schema re-roots a
 * moved unit, changing nothing but the row's paths, passes.
 */
export const REROOT_ALLOWED = `IF TG_OP = 'UPDATE' AND current_setting('${REROOTING_SETTING}', true) = 'on'
          AND (to_jsonb(NEW) - ARRAY[${PATH_COLUMNS.map((c) => `'${c}'`).join(', ')}]) = (to_jsonb(OLD) - ARRAY[${PATH_COLUMNS.map((c) => `'${c}'`).join(', ')}]) THEN
          RETURN NEW;
        END IF;`;

const name = (s: string) => {
  if (!/^[a-z_][a-z0-9_]*$/.test(s)) throw new Error(`Unsafe name ${s}`);
  return s;
};

/** The function, its grant to the application's role (which the service's event consumer runs as), and the policies. */
export function rerootFunctionSql(schema: string, opts: { keep: readonly string[]; appRole: string }): string[] {
  const s = name(schema);
  const keep = opts.keep.map(name);
  return [
    `CREATE OR REPLACE FUNCTION ${s}.reroot_unit(old_path public.ltree, new_path public.ltree) RETURNS integer
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $f$
      DECLARE c record; moved integer := 0; n integer;
      BEGIN
        IF old_path IS NULL OR new_path IS NULL OR nlevel(old_path) = 0 OR nlevel(new_path) = 0 OR new_path <@ old_path OR old_path <@ new_path THEN
          RAISE EXCEPTION 'a unit is moved from one place to another: % to % is not a move', old_path, new_path USING ERRCODE = 'invalid_parameter_value';
        END IF;
        PERFORM set_config('${REROOTING_SETTING}', 'on', true);
        FOR c IN
          SELECT t.relname AS tbl, a.attname AS col
            FROM pg_class t
            JOIN pg_namespace ns ON ns.oid = t.relnamespace
            JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum > 0 AND NOT a.attisdropped
           WHERE ns.nspname = '${s}' AND t.relkind IN ('r', 'p') AND NOT t.relispartition
             AND a.atttypid = 'public.ltree'::regtype
             AND t.relname <> ALL (ARRAY[${keep.map((k) => `'${k}'`).join(', ')}]::text[])
           ORDER BY 1, 2
        LOOP
          EXECUTE format('UPDATE %I.%I SET %I = CASE WHEN %I = $1 THEN $2 ELSE $2 || subpath(%I, nlevel($1)) END WHERE %I <@ $1',
                         '${s}', c.tbl, c.col, c.col, c.col, c.col)
            USING old_path, new_path;
          GET DIAGNOSTICS n = ROW_COUNT;
          moved := moved + n;
        END LOOP;
        PERFORM set_config('${REROOTING_SETTING}', 'off', true);
        RETURN moved;
      END
    $f$`,
    `REVOKE ALL ON FUNCTION ${s}.reroot_unit(public.ltree, public.ltree) FROM PUBLIC`,
    `GRANT EXECUTE ON FUNCTION ${s}.reroot_unit(public.ltree, public.ltree) TO "${opts.appRole.replaceAll('"', '""')}"`,
    rerootPoliciesSql(s, keep),
  ];
}

/** A policy `reroot` for the migrator on every table of the schema under row-level security with a path column, not kept. */
export function rerootPoliciesSql(schema: string, keep: readonly string[]): string {
  const s = name(schema);
  return `DO $$ DECLARE t record; BEGIN
      FOR t IN
        SELECT c.relname FROM pg_class c JOIN pg_namespace ns ON ns.oid = c.relnamespace
         WHERE ns.nspname = '${s}' AND c.relkind IN ('r', 'p') AND NOT c.relispartition AND c.relrowsecurity
           AND c.relname <> ALL (ARRAY[${keep.map((k) => `'${name(k)}'`).join(', ')}]::text[])
           AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.atttypid = 'public.ltree'::regtype)
           AND NOT EXISTS (SELECT 1 FROM pg_policy p WHERE p.polrelid = c.oid AND p.polname = 'reroot')
      LOOP
        EXECUTE format('CREATE POLICY reroot ON %I.%I TO %I USING (true) WITH CHECK (true)', '${s}', t.relname, current_user);
      END LOOP;
    END $$`;
}

/** A service's handler of org's `org.moved`: its schema's rows of the unit, and of those below it, move with it. */
export const followUnitMoves =
  (schema: string) =>
  async (e: { payload: { oldPath: string; newPath: string } }, em: EntityManager): Promise<void> => {
    await em.execute(`select ${name(schema)}.reroot_unit(?::ltree, ?::ltree)`, [e.payload.oldPath, e.payload.newPath]);
  };

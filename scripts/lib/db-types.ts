// Typed SQL from the model: each service's tables, as its migrations leave them, turned into the Kysely database
// type its store queries with (`em.getKysely<DB>()`), so a query's result is typed by the table it reads and never
// cast by hand. Written to services/<svc>/src/store/db.ts by `npm run db-types`; a test fails while they are stale.
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from '@yizhan/common';
import pg from 'pg';

interface Column {
  table_name: string;
  column_name: string;
  udt_name: string;
  is_nullable: 'YES' | 'NO';
  column_default: string | null;
  is_identity: 'YES' | 'NO';
}

/** What the driver hands back for each PostgreSQL type: bigint and numeric as text (they may not fit a number), and
 * date, timestamp and timestamptz as text too, because MikroORM sets the pool's parsers so (createPostgreSqlTypeParsers);
 * a value passed in may be a Date or its ISO text. */
const TS: Record<string, string> = {
  uuid: 'string',
  text: 'string',
  varchar: 'string',
  bpchar: 'string',
  citext: 'string',
  ltree: 'string',
  int2: 'number',
  int4: 'number',
  float4: 'number',
  float8: 'number',
  int8: 'string',
  numeric: 'string',
  bool: 'boolean',
  timestamptz: 'Instant',
  timestamp: 'Instant',
  date: 'Instant',
  time: 'string',
  interval: 'string',
  jsonb: 'Json',
  json: 'Json',
  bytea: 'Buffer',
  inet: 'string',
};

function tsType(udt: string): string {
  if (udt.startsWith('_')) return `${tsType(udt.slice(1))}[]`;
  const t = TS[udt];
  if (!t) throw new Error(`No TypeScript type for PostgreSQL type ${udt}: add it to scripts/lib/db-types.ts`);
  return t;
}

/** A column's Kysely type: what a select reads, an insert writes (optional where the database fills it in: a default,
 * an identity), an update writes. */
function columnType(c: Column): string {
  const nullable = c.is_nullable === 'YES' ? ' | null' : '';
  const filled = c.column_default !== null || c.is_identity === 'YES';
  const base = tsType(c.udt_name);
  const scalar = base.replace(/\[\]$/, '');
  const array = base.endsWith('[]') ? '[]' : '';
  // Dates and times read back as text and are written as a Date or text; JSON reads back parsed, is written as text.
  const [read, write] =
    scalar === 'Instant' ? [`string${array}`, array ? `(Date | string)[]` : 'Date | string'] : scalar === 'Json' ? ['unknown', 'string'] : [base, base];
  if (read === write && !filled) return `${read}${nullable}`;
  if (read === write) return `Generated<${read}${nullable}>`;
  return `ColumnType<${read}${nullable}, ${write}${nullable}${filled ? ' | undefined' : ''}, ${write}${nullable}>`;
}

const pascal = (s: string) => s.replace(/(^|_)([a-z0-9])/g, (_m, _u, c: string) => c.toUpperCase());

/** The generated module for one service schema. */
export async function databaseTypes(client: pg.Client, schema: string): Promise<string> {
  const { rows } = await client.query<Column>(
    `select c.table_name, c.column_name, c.udt_name, c.is_nullable, c.column_default, c.is_identity
       from information_schema.columns c join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
      where c.table_schema = $1 and t.table_type = 'BASE TABLE' and c.table_name <> 'mikro_orm_migrations'
        -- A partition is written and read through its table, and its name changes with the calendar.
        and not exists (select 1 from pg_class k join pg_namespace kn on kn.oid = k.relnamespace
                         where kn.nspname = c.table_schema and k.relname = c.table_name and k.relispartition)
      order by c.table_name, c.ordinal_position`,
    [schema],
  );
  const tables = new Map<string, Column[]>();
  for (const r of rows) tables.set(r.table_name, [...(tables.get(r.table_name) ?? []), r]);
  const out = [`// Generated from the ${schema} schema as its migrations leave it (npm run db-types); do not edit.`];
  const usesJson = rows.some((r) => r.udt_name === 'json' || r.udt_name === 'jsonb');
  const usesInstant = rows.some((r) => /^_?(date|timestamp|timestamptz)$/.test(r.udt_name));
  out.push(
    usesJson || usesInstant ? "import type { ColumnType, Generated } from 'kysely';" : "import type { Generated } from 'kysely';",
    '',
    "// Dates and times read back as text (the pool's parsers keep them so) and are written as a Date or text; JSON reads",
    '// back parsed and is written as JSON text.',
    '',
  );
  for (const [table, columns] of tables) {
    out.push(`export interface ${pascal(table)}Table {`);
    for (const c of columns) {
      const t = columnType(c);
      out.push(`  ${/^[a-z_][a-z0-9_]*$/.test(c.column_name) ? c.column_name : JSON.stringify(c.column_name)}: ${t};`);
    }
    out.push('}', '');
  }
  out.push('/** Every table of the schema, by its qualified name, for `em.getKysely<DB>()`. */', 'export interface DB {');
  for (const table of tables.keys()) out.push(`  '${schema}.${table}': ${pascal(table)}Table;`);
  out.push('}', '');
  return out.join('\n');
}

export const dbTypesFile = (schema: string) => path.join(repoRoot, 'services', schema, 'src', 'store', 'db.ts');

/** Writes (or, with `check`, compares) every service's database types; returns the files that differ. */
export async function writeDatabaseTypes(url: string, schemas: string[], check = false): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const stale: string[] = [];
  try {
    for (const schema of schemas) {
      const text = await databaseTypes(client, schema);
      const file = dbTypesFile(schema);
      const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
      if (current === text) continue;
      stale.push(path.relative(repoRoot, file));
      if (!check) fs.writeFileSync(file, text);
    }
  } finally {
    await client.end();
  }
  return stale;
}

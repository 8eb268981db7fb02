// Which services' outboxes a database holds: a partial stack (a benchmark, a service not deployed) has only some, and a
// follower of all of them follows those present.
import pg from 'pg';

/** The schemas among `schemas` whose outbox exists, asked as the relay role (which is granted the outboxes). */
export async function outboxesPresent(relayUrl: string, schemas: readonly string[]): Promise<string[]> {
  const client = new pg.Client({ connectionString: relayUrl });
  // Its errors reach the query's promise; a connection lost while idle must not crash the process.
  client.on('error', () => {});
  await client.connect();
  try {
    const { rows } = await client.query<{ s: string }>(`select s from unnest($1::text[]) s where to_regclass(s || '.outbox') is not null`, [schemas]);
    return rows.map((r) => r.s);
  } finally {
    await client.end();
  }
}

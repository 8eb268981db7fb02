// A transaction's BEGIN travels with the caller's scope and its first statement. MikroORM opens every scoped
// transaction with `begin` and then `select set_config(…, true), …` (tenancy.ts), each its own round trip to
// PostgreSQL, and wraps a read outside a transaction in one (begin, scope, the read, commit). On these machines a round
// trip costs the service about 100 µs of CPU and a wake-up of the database (bench/README, "The cost of evidence"), and a
// request makes many. This client answers the `begin` and the scope itself and sends them with the statement that
// follows, as one simple query (`begin; select set_config(…); <statement>`, its parameters written in as literals):
// a scoped read is two round trips (that, and the commit), not four. A statement that cannot be written so (a cursor,
// a quote of its own) goes right behind them in the same queue; a transaction that ends before any statement never
// reaches the server. The rollback of a transaction whose connection was lost is answered here too, so that the pool
// gets its connection back.
import pg from 'pg';
import pgUtils from 'pg/lib/utils.js';

/** What MikroORM sends to set a transaction's session variables: `select set_config('…', '…', true), …`, its values
 * inlined as literals (MikroORM quotes them). */
const SCOPE_STATEMENT = /^select set_config\('/;

const answered = (command: string) => ({ command, rowCount: null, oid: 0, rows: [], fields: [] }) as unknown as pg.QueryResult;

/**
 * The statement as one simple query's text, its parameters written in as literals — or null when that cannot be done
 * safely: text with a quote, a comment or a semicolon of its own (a literal already in it, or several statements).
 * A literal here is untyped, exactly as an extended query's parameter is (pg sends them all with type 0), so
 * PostgreSQL resolves each the same way; the values are turned to text by pg's own `prepareValue`.
 */
function inlined(text: string, values: unknown[]): string | null {
  if (/['";\\]|--|\/\*|\$\$/.test(text.replaceAll(/"[a-z_][a-z0-9_]*"/g, ''))) return null;
  const params = values.map((v) => {
    const prepared = pgUtils.prepareValue(v) as unknown;
    if (prepared === null || prepared === undefined) return 'NULL';
    if (prepared instanceof Uint8Array) return pg.escapeLiteral(`\\x${Buffer.from(prepared).toString('hex')}`);
    return typeof prepared === 'string' ? pg.escapeLiteral(prepared) : null;
  });
  const named = [...text.matchAll(/\$(\d+)/g)].map((m) => Number(m[1]));
  if (params.includes(null) || named.some((i) => i < 1 || i > params.length)) return null;
  return text.replace(/\$(\d+)/g, (_, i: string) => params[Number(i) - 1] as string);
}

export class ScopedBeginClient extends pg.Client {
  /** A `begin` answered here and not yet sent, with the scope statement answered after it, if there was one. */
  #held: { scope: string | null } | null = null;

  /** The connection is gone (pg's own flags, which pg-pool reads too to drop such a client when it is released). */
  get #lost(): boolean {
    const own = this as unknown as { _queryable: boolean; _ended: boolean };
    return !own._queryable || own._ended;
  }

  // biome-ignore lint/suspicious/noExplicitAny: pg's query has a dozen overloads; this passes each through unchanged
  override query(...args: any[]): any {
    const [text, values, callback] = args;
    const plain = typeof text === 'string' && typeof values !== 'function' && callback === undefined;
    const noValues = values === undefined || (Array.isArray(values) && values.length === 0);
    // A transaction whose connection was lost ended with it on the server: its rollback is done, and answered so —
    // whether the loss was known before the rollback or only once it was sent (the server's FATAL message can reach
    // the statement before the socket's end reaches the client). Failing it instead would keep the client checked
    // out of the pool for ever (Kysely releases a transaction's connection only once its rollback succeeds,
    // kysely#1990), and after a few — a PostgreSQL restart under load — every query of the service would wait for
    // ever. Released, the client is dropped by the pool.
    if (plain && noValues && text === 'rollback' && !this.#held) {
      if (this.#lost) return Promise.resolve(answered('ROLLBACK'));
      return (super.query(text) as Promise<pg.QueryResult>).catch((e: unknown) => {
        // A FATAL error ends the session (the socket's end follows it).
        if (this.#lost || (e as { severity?: string }).severity === 'FATAL') return answered('ROLLBACK');
        throw e;
      });
    }
    const held = this.#held;
    if (!held) {
      if (plain && noValues && text === 'begin') {
        this.#held = { scope: null };
        return Promise.resolve(answered('BEGIN'));
      }
      return (super.query as (...a: unknown[]) => unknown)(...args);
    }
    // The scope comes right after the begin: answered too, and held with it.
    if (plain && noValues && held.scope === null && SCOPE_STATEMENT.test(text)) {
      held.scope = text;
      return Promise.resolve(answered('SELECT'));
    }
    this.#held = null;
    // A transaction that ends before any statement never reached the server.
    if (plain && noValues && (text === 'commit' || text === 'rollback')) return Promise.resolve(answered(text.toUpperCase()));
    const opening = held.scope ? `begin; ${held.scope}` : 'begin';
    const statement = plain ? inlined(text, values ?? []) : null;
    if (statement !== null) {
      // One simple query: the begin, the scope and the first statement; its answer is the last of PostgreSQL's.
      return (super.query(`${opening}; ${statement}`) as Promise<pg.QueryResult | pg.QueryResult[]>).then((r) =>
        Array.isArray(r) ? (r.at(-1) as pg.QueryResult) : r,
      );
    }
    // Otherwise the statement goes right behind its opening: the client's queue keeps them in order. The opening fails
    // only with its connection, and then so does the statement behind it, which reports it.
    (super.query(opening) as Promise<unknown>).catch(() => {});
    return (super.query as (...a: unknown[]) => unknown)(...args);
  }
}

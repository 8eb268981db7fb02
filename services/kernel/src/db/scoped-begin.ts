// A transaction's BEGIN travels with the caller's scope. MikroORM opens every scoped transaction with two statements,
// `begin` and then `select set_config(…, true), …` (tenancy.ts), each its own round trip to PostgreSQL; a read outside
// a transaction is wrapped in one (begin, scope, the read, commit). On these machines a round trip costs the service
// about 100 µs of CPU and a wake-up of the database (bench/README, "The cost of evidence"), and a request makes many.
// This client holds a `begin` back and sends it with the statement that follows: the scope's set_config in one simple
// query (`begin; select set_config('…', '…', true), …`), anything else right behind it in the same queue. A
// transaction that ends before any statement never reaches the server.
import pg from 'pg';

/** What MikroORM sends to set a transaction's session variables: `select set_config('…', '…', true), …`, its values
 * inlined as literals (MikroORM quotes them). */
const SCOPE_STATEMENT = /^select set_config\('/;

const answered = (command: string) => ({ command, rowCount: null, oid: 0, rows: [], fields: [] }) as unknown as pg.QueryResult;

export class ScopedBeginClient extends pg.Client {
  /** A `begin` answered here and not yet sent. */
  #held = false;

  // biome-ignore lint/suspicious/noExplicitAny: pg's query has a dozen overloads; this passes each through unchanged
  override query(...args: any[]): any {
    const [text, values, callback] = args;
    const plain = typeof text === 'string' && typeof values !== 'function' && callback === undefined;
    const noValues = values === undefined || (Array.isArray(values) && values.length === 0);
    if (!this.#held) {
      if (plain && noValues && text === 'begin') {
        this.#held = true;
        return Promise.resolve(answered('BEGIN'));
      }
      return (super.query as (...a: unknown[]) => unknown)(...args);
    }
    this.#held = false;
    if (plain && noValues && (text === 'commit' || text === 'rollback')) return Promise.resolve(answered(text.toUpperCase()));
    if (plain && noValues && SCOPE_STATEMENT.test(text)) {
      // One simple query of two statements: PostgreSQL answers both, the scope's answer is the one asked for.
      return (super.query(`begin; ${text}`) as Promise<pg.QueryResult | pg.QueryResult[]>).then((r) => (Array.isArray(r) ? (r.at(-1) as pg.QueryResult) : r));
    }
    // Anything else goes right behind its begin: the client's queue keeps them in order. A begin fails only with its
    // connection, and then so does the statement behind it, which reports it.
    (super.query('begin') as Promise<unknown>).catch(() => {});
    return (super.query as (...a: unknown[]) => unknown)(...args);
  }
}

// Whether an error means the database went away, not that the statement was wrong: shared by the subgraphs' error
// formatting (UNAVAILABLE, never INTERNAL) and the event relay (a batch cut short by a lost connection is a warning).

/** Socket errors of a connection that could not be made or was cut (the database's host down, moving or cut off). */
const UNREACHABLE = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'ETIMEDOUT', 'ECONNRESET', 'EPIPE', 'EAI_AGAIN']);

/**
 * Whether an error means the database is away rather than the request wrong: no connection (a socket error), one
 * cut (pg's "Connection terminated"), SQLSTATE class 08 (connection exception) or a server shutting down or starting
 * (57P01–57P03). The caller may ask again in a moment: UNAVAILABLE, never INTERNAL.
 */
export function databaseAway(e: unknown, sqlState?: string): boolean {
  if (sqlState && (sqlState.startsWith('08') || ['57P01', '57P02', '57P03'].includes(sqlState))) return true;
  for (let err = e as { code?: unknown; message?: unknown; cause?: unknown } | undefined, depth = 0; err && depth < 4; err = err.cause as typeof err, depth++) {
    if (typeof err.code === 'string' && UNREACHABLE.has(err.code)) return true;
    if (typeof err.message === 'string' && /^Connection terminated|connect (ECONNREFUSED|EHOSTUNREACH|ENETUNREACH|ETIMEDOUT)/.test(err.message)) return true;
  }
  return false;
}

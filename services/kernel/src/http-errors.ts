// The last word of a subgraph's express app: a route that does not exist, and every error a middleware raised (the
// body parsers' too large or malformed bodies above all), answered as a small JSON error with a stable code — never
// express's HTML error page, a stack trace or an echo of the request.
import type { Logger } from '@yizhan/common';
import { ErrorCode } from '@yizhan/common';
import type express from 'express';

const MB = 1024 * 1024;

/** A byte count in megabytes, as limits are stated to people: 2 MB, 20 MB, 0.5 MB. */
export const megabytes = (bytes: number) => `${Number((bytes / MB).toFixed(1))} MB`;

export const jsonError = (res: express.Response, status: number, code: string, message: string) =>
  res.status(status).json({ errors: [{ message, extensions: { code } }] });

/** No such route: a 404 in the same shape as every other error. */
export const notFoundHandler: express.RequestHandler = (_req, res) => {
  jsonError(res, 404, ErrorCode.NOT_FOUND, 'No such route');
};

interface HttpError {
  status?: number;
  statusCode?: number;
  /** body-parser's kind of error: entity.too.large, entity.parse.failed, encoding.unsupported … */
  type?: string;
  /** The limit a too large body went over, in bytes. */
  limit?: number;
}

/** The final error handler (express 5: four arguments). 4xx errors are the caller's and named; the rest are logged and hidden. */
export function errorHandler(log: Logger): express.ErrorRequestHandler {
  return (err: unknown, _req, res, next) => {
    // An answer already under way cannot become an error: express ends the connection.
    if (res.headersSent) return next(err);
    const e = (typeof err === 'object' && err ? err : {}) as HttpError;
    const status = e.status ?? e.statusCode ?? 500;
    // The request is not read further: the connection closes once this answer is sent.
    if (status === 413) {
      res.setHeader('connection', 'close');
      const limit = typeof e.limit === 'number' ? ` of ${megabytes(e.limit)}` : '';
      return jsonError(res, 413, ErrorCode.TOO_LARGE, `The request body is larger than the limit${limit}`);
    }
    if (e.type === 'entity.parse.failed') return jsonError(res, 400, ErrorCode.BAD_REQUEST, 'The request body is not valid JSON');
    if (status === 415) return jsonError(res, 415, ErrorCode.BAD_REQUEST, 'The request body’s encoding or charset is not supported');
    if (status >= 400 && status < 500) return jsonError(res, status, ErrorCode.BAD_REQUEST, 'The request could not be read');
    log.error({ err }, 'unexpected HTTP error');
    jsonError(res, 500, ErrorCode.INTERNAL, 'Internal error');
  };
}

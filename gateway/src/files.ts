// /blobs: file upload and download, forwarded to the documents service with the signed caller context. GraphQL
// carries documents' elements; files travel as plain HTTP bodies, streamed, never base64 inside JSON.
import type http from 'node:http';
import { CALLER_HEADER, type Caller, ErrorCode, traceHeaders } from '@yizhan/common';
import { GraphQLError } from 'graphql';
import { boundedStream, declaredLength, tooLarge } from './body-limit.ts';

const SIMPLE_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What is wrong with a request's parameters and headers, before it is forwarded: a client's mistake, BAD_INPUT. */
export function blobRequestProblem(target: URL, filename: string | string[] | undefined): string | null {
  const delivery = target.searchParams.get('delivery');
  if (delivery !== null && !UUID.test(delivery)) return 'delivery must be a delivery id (a UUID)';
  if (filename === undefined) return null;
  if (typeof filename !== 'string') return 'Send one X-Filename header';
  let decoded: string;
  try {
    decoded = decodeURIComponent(filename);
  } catch {
    return 'X-Filename must be the file name percent-encoded (encodeURIComponent)';
  }
  if (/[\u0000-\u001f\u007f]/.test(decoded)) return 'X-Filename may not contain control characters';
  return null;
}

const reply = (res: http.ServerResponse, status: number, code: string, message: string) => {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ errors: [{ message, extensions: { code } }] }));
};

export function blobProxy(opts: {
  documentsUrl: string | undefined;
  authenticate: (authorization: string | undefined) => Promise<Caller | null>;
  /** The signed caller context, with the client's address (the audit log's 地址 of each download and upload). */
  sign: (caller: Caller, req: http.IncomingMessage) => Promise<string>;
  /** Browser origins allowed to upload and download (the dashboard's). */
  corsOrigins?: string[];
  /** Largest upload, in bytes: the documents service's file limit (YIZHAN_MAX_FILE_KB, 20 MB by default). */
  maxUploadBytes: number;
}) {
  const limit = opts.maxUploadBytes;
  return async (req: http.IncomingMessage, res: http.ServerResponse) => {
    const origin = req.headers.origin;
    if (origin && opts.corsOrigins?.includes(origin)) {
      res.setHeader('access-control-allow-origin', origin);
      res.setHeader('vary', 'Origin');
      res.setHeader('access-control-expose-headers', 'content-disposition');
      if (req.method === 'OPTIONS') {
        res.writeHead(204, {
          'access-control-allow-methods': 'GET, POST',
          'access-control-allow-headers': 'authorization, content-type, x-filename, x-yizhan-csrf',
          'access-control-max-age': '600',
        });
        return res.end();
      }
    }
    if (!opts.documentsUrl) return reply(res, 503, 'UNAVAILABLE', 'The documents service is not configured');
    let caller: Caller | null;
    try {
      caller = await opts.authenticate(req.headers.authorization);
    } catch (e) {
      return reply(res, 401, 'UNAUTHENTICATED', (e as GraphQLError).message);
    }
    if (!caller) return reply(res, 401, 'UNAUTHENTICATED', 'You must log in first');
    if (req.method !== 'GET' && req.method !== 'POST') return reply(res, 405, 'BAD_REQUEST', 'Use GET to download and POST to upload');
    // A browser may send a "simple" POST cross-site without asking first: such uploads need the CSRF header.
    const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    if (req.method === 'POST' && (!type || SIMPLE_TYPES.includes(type)) && !req.headers['x-yizhan-csrf']) {
      return reply(res, 403, 'FORBIDDEN', 'Upload with the file’s own content type, or send the x-yizhan-csrf header');
    }
    const target = new URL(req.url ?? '/blobs', opts.documentsUrl.replace(/\/graphql$/, '/'));
    // Only the file routes themselves: a path that normalises elsewhere (`/blobs/../internal/…`) is not forwarded.
    if (!/^\/blobs(\/[0-9a-f]{64})?$/.test(target.pathname)) return reply(res, 404, 'NOT_FOUND', 'No such file route');
    const problem = blobRequestProblem(target, req.headers['x-filename']);
    if (problem) return reply(res, 400, ErrorCode.BAD_INPUT, problem);
    const headers: Record<string, string> = { ...traceHeaders(), [CALLER_HEADER]: await opts.sign(caller, req) };
    for (const h of ['content-type', 'content-length', 'x-filename']) {
      const v = req.headers[h];
      if (typeof v === 'string') headers[h] = v;
    }
    // An upload over the limit is refused here: at once when its length says so, else when it passes the limit
    // while streaming on (never buffered, never read further, never echoed).
    const declared = declaredLength(req);
    if (req.method === 'POST' && declared !== null && declared > limit) return tooLarge(req, res, limit, 'The file');
    let over = false;
    let upstream: Response;
    try {
      upstream = await fetch(target, {
        method: req.method,
        headers,
        body:
          req.method === 'POST'
            ? boundedStream(req, limit, () => {
                over = true;
              })
            : undefined,
        duplex: 'half',
      } as RequestInit);
    } catch (e) {
      if (over) return tooLarge(req, res, limit, 'The file');
      throw e;
    }
    if (over && !res.headersSent) return tooLarge(req, res, limit, 'The file');
    const out: Record<string, string> = {};
    for (const h of ['content-type', 'content-disposition']) {
      const v = upstream.headers.get(h);
      if (v) out[h] = v;
    }
    res.writeHead(upstream.status, out);
    if (upstream.body) for await (const chunk of upstream.body as unknown as AsyncIterable<Uint8Array>) res.write(chunk);
    res.end();
  };
}

// Request bodies at the edge: the gateway refuses one over its limit itself, before parsing or forwarding anything,
// as a small JSON GraphQL error (413 TOO_LARGE naming the limit), never reading more than the limit into memory and
// never echoing what was sent. A declared Content-Length over the limit is refused before a byte is read; a body
// without one is read only until it goes over.
import type http from 'node:http';

const MB = 1024 * 1024;

/** /graphql: 2 MB, as every subgraph's own JSON limit. */
export const DEFAULT_REQUEST_BYTES = 2 * MB;
/** /graphql for a caller with a valid token: the archive imports packages inline (base64), up to its subgraph's 150 MB. */
export const DEFAULT_SIGNED_IN_REQUEST_BYTES = 150 * MB;

/** A byte count in megabytes, as limits are stated to people: 2 MB, 20 MB. */
export const megabytes = (bytes: number) => `${Number((bytes / MB).toFixed(1))} MB`;

export function replyError(res: http.ServerResponse, status: number, code: string, message: string, extra: Record<string, string> = {}) {
  res.writeHead(status, { 'content-type': 'application/json', ...extra }).end(JSON.stringify({ errors: [{ message, extensions: { code } }] }));
}

/** How much more of a refused body is read and dropped before its connection is given up. */
const DRAIN_BYTES = 32 * MB;

/**
 * 413 naming the limit. The rest of the body is read and dropped (none of it kept), up to 32 MB more, and only then is
 * the connection given up: closing it at once made a client that was still sending fail on its next write (EPIPE)
 * before it could read the answer.
 */
export function tooLarge(req: http.IncomingMessage, res: http.ServerResponse, limit: number, what = 'The request body') {
  let drained = 0;
  req.on('data', (chunk: Buffer) => {
    drained += chunk.length;
    if (drained > DRAIN_BYTES) req.socket.destroy();
  });
  req.on('error', () => {});
  req.resume();
  replyError(res, 413, 'TOO_LARGE', `${what} is larger than the limit of ${megabytes(limit)}`);
}

/** The declared Content-Length, or null when there is none (a chunked body). */
export function declaredLength(req: http.IncomingMessage): number | null {
  const v = req.headers['content-length'];
  if (v === undefined) return null;
  const n = Number(v);
  return Number.isFinite(n) && n >= 0 ? n : null;
}

/** The body, at most `limit` bytes; null as soon as it goes over (reading stops there). */
export function readBounded(req: http.IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        done();
        req.pause();
        chunks.length = 0;
        return resolve(null);
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      done();
      resolve(Buffer.concat(chunks, size));
    };
    const onError = (e: Error) => {
      done();
      reject(e);
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
  });
}

/**
 * An upload streamed on as it comes, never buffered: it errors (and calls `onOver`) once it passes `limit` bytes,
 * and stops reading there. The socket is left open for the answer.
 */
export function boundedStream(req: http.IncomingMessage, limit: number, onOver: () => void): ReadableStream<Uint8Array> {
  let size = 0;
  let finished = false;
  const stop = () => {
    finished = true;
    req.pause();
    req.removeAllListeners('data');
  };
  return new ReadableStream<Uint8Array>({
    start(controller) {
      req.pause();
      req.on('data', (chunk: Buffer) => {
        if (finished) return;
        size += chunk.length;
        if (size > limit) {
          stop();
          onOver();
          return controller.error(new Error('The upload is over the limit'));
        }
        controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
        if ((controller.desiredSize ?? 0) <= 0) req.pause();
      });
      req.once('end', () => {
        if (finished) return;
        finished = true;
        controller.close();
      });
      req.once('error', (e) => {
        if (finished) return;
        finished = true;
        controller.error(e);
      });
    },
    pull() {
      if (!finished) req.resume();
    },
    cancel() {
      stop();
    },
  });
}

// WebSocket handshakes admitted a few hundred at a time (issue 13). After a gateway restarts every client connects
// again at once; taken all together, ten thousand handshakes and first messages fill the event loop for seconds, and
// an office's ordinary requests (a send, a page) wait behind all of them (bench/README, "The gateway killed under its
// subscribers": a send took 9–14 s). Here a connection past the limit waits, its request read but not yet answered,
// until one admitted before it has sent its first message (graphql-ws's connection_init), closed, or held its place
// too long; requests arriving meanwhile are served between the waves.
import type http from 'node:http';
import type { Duplex } from 'node:stream';
import type { WebSocketServer } from 'ws';

export interface HandshakeOptions {
  /** The one path that takes WebSocket connections; another is answered 404. */
  path: string;
  /** Handshakes under way at once. */
  atOnce: number;
  /** The longest an admitted connection holds its place waiting for its first message. */
  holdMs: number;
}

export function admitHandshakes(server: http.Server, wss: WebSocketServer, opts: HandshakeOptions): { readonly waiting: number } {
  let active = 0;
  const queue: (() => void)[] = [];
  const next = () => {
    while (active < opts.atOnce && queue.length) {
      active++;
      (queue.shift() as () => void)();
    }
  };
  const admit = (req: http.IncomingMessage, socket: Duplex, head: Buffer) => {
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      clearTimeout(timer);
      active--;
      setImmediate(next);
    };
    const timer = setTimeout(release, opts.holdMs);
    timer.unref();
    if (socket.destroyed) return release();
    socket.once('close', release);
    // A refused handshake (an Origin not allowed) is answered by ws and its socket closed: the place is freed.
    wss.handleUpgrade(req, socket, head, (ws) => {
      ws.once('message', () => setImmediate(release));
      wss.emit('connection', ws, req);
    });
  };
  server.on('upgrade', (req: http.IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => {});
    if (new URL(req.url ?? '/', 'http://gateway').pathname !== opts.path) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    queue.push(() => admit(req, socket, head));
    next();
  });
  return {
    get waiting() {
      return queue.length;
    },
  };
}

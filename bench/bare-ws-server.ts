// The baseline of bench/live-units.ts: a bare WebSocket server in its own process, as the gateway is. Clients
// connect; POST /fire answers at once, then sends each connected socket one message of the given size (a graphql-ws
// `next` as the gateway sends it), as the gateway sends each clerk its delivery's event after `sendDocument` returns.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';

const server = http.createServer();
const wss = new WebSocketServer({ server });
const sockets = new Set<import('ws').WebSocket>();
wss.on('connection', (ws) => {
  sockets.add(ws);
  ws.on('close', () => sockets.delete(ws));
});
server.on('request', (req, res) => {
  let body = '';
  req.on('data', (c) => (body += c));
  req.on('end', () => {
    const payload = String(JSON.parse(body || '{}').payload ?? '');
    res.end('ok');
    setImmediate(() => {
      let i = 0;
      for (const ws of sockets) ws.send(payload.replace('#', String(i++)));
    });
  });
});
server.listen(0, '127.0.0.1', () => process.send?.({ port: (server.address() as AddressInfo).port }));

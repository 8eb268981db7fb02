import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import WebSocket, { WebSocketServer } from 'ws';
import { admitHandshakes } from './handshakes.ts';

test('past the limit a connection waits until one before it has spoken, and requests are answered meanwhile', async (t) => {
  const server = http.createServer((_req, res) => res.end('ok'));
  const wss = new WebSocketServer({ noServer: true });
  const gate = admitHandshakes(server, wss, { path: '/graphql', atOnce: 2, holdMs: 10_000 });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  t.after(() => {
    for (const c of wss.clients) c.terminate();
    server.close();
  });
  const open = (path = '/graphql') => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}${path}`);
    const opened = new Promise<boolean>((resolve) => {
      ws.once('open', () => resolve(true));
      ws.once('error', () => resolve(false));
    });
    return { ws, opened };
  };
  const settled = (p: Promise<unknown>, ms: number) => Promise.race([p.then(() => true), new Promise((r) => setTimeout(() => r(false), ms))]);

  const [a, b, c] = [open(), open(), open()];
  assert.ok(await a.opened);
  assert.ok(await b.opened);
  assert.equal(await settled(c.opened, 300), false, 'the third waits: two handshakes are under way');
  assert.equal(gate.waiting, 1);
  const res = await fetch(`http://127.0.0.1:${port}/`);
  assert.equal(await res.text(), 'ok', 'an ordinary request is answered while it waits');
  a.ws.send('{"type":"connection_init"}');
  assert.ok(await c.opened, 'the first one spoke: the third is let in');
  assert.equal(gate.waiting, 0);

  const wrong = open('/elsewhere');
  assert.equal(await wrong.opened, false, 'another path takes no connection');
});

test('a connection that closes while it holds or waits for its place gives it up', async (t) => {
  const server = http.createServer((_req, res) => res.end('ok'));
  const wss = new WebSocketServer({ noServer: true });
  admitHandshakes(server, wss, { path: '/graphql', atOnce: 1, holdMs: 10_000 });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  t.after(() => {
    for (const c of wss.clients) c.terminate();
    server.close();
  });
  const first = new WebSocket(`ws://127.0.0.1:${port}/graphql`);
  await new Promise((r) => first.once('open', r));
  const second = new WebSocket(`ws://127.0.0.1:${port}/graphql`);
  second.on('error', () => {});
  first.terminate();
  await new Promise((r) => second.once('open', r));
  assert.equal(second.readyState, WebSocket.OPEN, 'the place freed by a closed connection goes to the next');
});

// Subscriptions over Server-Sent Events, the way Hive Gateway subscribes to an HTTP subgraph: a GET (or POST) to
// /graphql with `Accept: text/event-stream` in "distinct connections" mode — `event: next` per result, then
// `event: complete`. The gateway turns these into graphql-ws messages for its clients.
import type express from 'express';
import { type ExecutionResult, type GraphQLSchema, getOperationAST, parse, subscribe, validate } from 'graphql';
import type { SubgraphContext } from './subgraph.ts';

const HEARTBEAT_MS = 12_000;

export const wantsEventStream = (req: express.Request) => (req.header('accept') ?? '').includes('text/event-stream');

function params(req: express.Request): { query?: string; variables?: Record<string, unknown>; operationName?: string } {
  if (req.method === 'GET') {
    const q = req.query as Record<string, string | undefined>;
    return { query: q.query, variables: q.variables ? JSON.parse(q.variables) : undefined, operationName: q.operationName || undefined };
  }
  return req.body ?? {};
}

/** Streams currently open, so a shutdown can end them instead of waiting for clients to leave. */
export const openStreams = new Set<express.Response>();

export async function serveEventStream(schema: GraphQLSchema, req: express.Request, res: express.Response, ctx: SubgraphContext): Promise<void> {
  const send = (event: string, data: unknown) => res.write(`event: ${event}\ndata: ${data === undefined ? '' : JSON.stringify(data)}\n\n`);
  let result: AsyncIterableIterator<ExecutionResult> | ExecutionResult;
  try {
    const p = params(req);
    if (!p.query) throw new Error('Missing query');
    const document = parse(p.query);
    const errors = validate(schema, document);
    if (errors.length) {
      res.status(400).json({ errors: errors.map((e) => ({ message: e.message, extensions: { code: 'BAD_REQUEST' } })) });
      return;
    }
    if (getOperationAST(document, p.operationName)?.operation !== 'subscription') {
      res.status(400).json({ errors: [{ message: 'Only subscriptions are served as an event stream', extensions: { code: 'BAD_REQUEST' } }] });
      return;
    }
    result = (await subscribe({ schema, document, variableValues: p.variables, operationName: p.operationName, contextValue: ctx })) as typeof result;
  } catch (e) {
    res.status(400).json({ errors: [{ message: (e as Error).message, extensions: { code: 'BAD_REQUEST' } }] });
    return;
  }
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive', 'x-accel-buffering': 'no' });
  res.flushHeaders();
  if (!(Symbol.asyncIterator in result)) {
    send('next', result);
    send('complete', undefined);
    res.end();
    return;
  }
  const stream = result;
  openStreams.add(res);
  res.on('close', () => openStreams.delete(res));
  const heartbeat = setInterval(() => res.write(':\n\n'), HEARTBEAT_MS);
  // The response closing (the gateway went away or aborted) ends the subscription.
  res.on('close', () => {
    clearInterval(heartbeat);
    void stream.return?.();
  });
  try {
    for await (const value of stream) {
      send('next', value);
    }
  } catch (e) {
    send('next', { errors: [{ message: (e as Error).message, extensions: { code: 'INTERNAL' } }] });
  } finally {
    clearInterval(heartbeat);
    if (!res.writableEnded) {
      send('complete', undefined);
      res.end();
    }
  }
}

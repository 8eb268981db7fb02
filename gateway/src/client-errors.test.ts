// The gateway's mapping onto common's table of codes, as plain functions: the statuses by Accept header, the engines'
// codes, graphql-armor's limits worded as limits, and the gateway's own variable names never shown.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { GraphQLError } from 'graphql';
import {
  acceptsAnAnswer,
  acceptsLegacyJsonOnly,
  mapError,
  requestErrorStatus,
  variablesWritten,
  withoutGatewayVariables,
  wordedResults,
} from './client-errors.ts';

test('a request error is 200 under application/json alone, the table’s status otherwise', () => {
  assert.equal(acceptsLegacyJsonOnly('application/json'), true);
  assert.equal(acceptsLegacyJsonOnly('application/graphql-response+json, application/json;q=0.9'), false);
  assert.equal(acceptsLegacyJsonOnly('*/*'), false);
  assert.equal(acceptsLegacyJsonOnly(undefined), false);
  assert.equal(requestErrorStatus('BAD_REQUEST', 'application/json'), 200);
  assert.equal(requestErrorStatus('BAD_REQUEST', '*/*'), 400);
  assert.equal(requestErrorStatus('UNKNOWN_TRUSTED_DOCUMENT', 'application/graphql-response+json'), 404);
  assert.equal(requestErrorStatus('UNAUTHENTICATED', 'application/json'), 401, 'not a GraphQL request error');
  assert.equal(requestErrorStatus('INTERNAL', 'application/json'), 500);
});

test('the engines’ codes become the table’s', () => {
  for (const code of ['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT']) {
    assert.equal(mapError(new GraphQLError('x', { extensions: { code } }), false).extensions.code, 'BAD_REQUEST');
  }
  assert.equal(mapError(new GraphQLError('x', { extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } }), false).extensions.code, 'UNKNOWN_TRUSTED_DOCUMENT');
  assert.equal(mapError(new GraphQLError('x', { extensions: { code: 'ROUTING_REFUSED' } }), true).extensions.code, 'ROUTING_REFUSED', 'a service’s own code');
  assert.equal(mapError(new GraphQLError('Cannot query field'), false).extensions.code, 'BAD_REQUEST', 'no code, nothing ran');
  assert.equal(mapError(new GraphQLError('fetch failed', { originalError: new Error('fetch failed') }), true).extensions.code, 'INTERNAL');
  assert.equal(mapError(new GraphQLError('x', { extensions: { code: 'BAD_REQUEST', http: { status: 400 } } }), false).extensions.http, undefined);
});

test('graphql-armor’s limits are worded as limits, with the limit named', () => {
  const depth = mapError(new GraphQLError('Syntax Error: Query depth limit of 10 exceeded, found 11.'), false);
  assert.equal(depth.message, 'The operation is deeper than the limit of 10 (it is 11 deep)');
  assert.deepEqual(depth.extensions, { code: 'BAD_REQUEST', limit: 'depth', max: 10, found: 11 });
  const tokens = mapError(new GraphQLError('Syntax Error: Token limit of 2000 exceeded.', { extensions: { code: 'GRAPHQL_PARSE_FAILED' } }), false);
  assert.equal(tokens.message, 'The operation has more tokens than the limit of 2000');
  assert.equal(tokens.extensions.limit, 'tokens');
});

test('the gateway’s own variables are never named', () => {
  assert.equal(
    withoutGatewayVariables('Variable "$_receiptPerformance_from" got invalid value "x"; DateTime cannot represent it'),
    'Argument "from" got invalid value "x"; DateTime cannot represent it',
  );
  assert.equal(withoutGatewayVariables('Variable "$_v0_from" of required type'), 'Argument "from" of required type');
  assert.doesNotMatch(withoutGatewayVariables('see $_internal_thing and "$_x"'), /\$_/);
  assert.equal(withoutGatewayVariables('Variable "$from" got invalid value'), 'Variable "$from" got invalid value', 'the client’s own stay');
  // A literal passed on under its argument's name: the client wrote no `$from`, so it is the argument.
  const written = variablesWritten('{ receiptPerformance(from: "nope", to: $to) { total } }');
  assert.deepEqual(written, new Set(['to']));
  assert.equal(withoutGatewayVariables('Variable "$from" got invalid value "nope"', written), 'Argument "from" got invalid value "nope"');
  assert.equal(withoutGatewayVariables('Variable "$to" got invalid value 5', written), 'Variable "$to" got invalid value 5', 'the client’s own stay');
  assert.equal(variablesWritten(undefined), undefined, 'a stored operation, its text unknown here: nothing rewritten');
});

test('an engine’s own refusal keeps its status and gets the table’s code', () => {
  const csrf = mapError(new GraphQLError('Required CSRF header(s) not present', { extensions: { http: { status: 403 } } }), false);
  assert.equal(csrf.extensions.code, 'FORBIDDEN');
  assert.equal(csrf.status, 403);
  const method = mapError(new GraphQLError('GraphQL only supports GET and POST requests.', { extensions: { http: { status: 405 } } }), false);
  assert.equal(method.extensions.code, 'BAD_REQUEST');
  assert.equal(method.status, 405);
  const parse = mapError(new GraphQLError('Syntax Error', { extensions: { code: 'GRAPHQL_PARSE_FAILED', http: { spec: true, status: 400 } } }), false);
  assert.equal(parse.status, undefined, 'a spec status follows the Accept header instead');
});

test('in production no error guesses at the schema’s names, and no engine exception is passed on', () => {
  const field = new GraphQLError('Cannot query field "titel" on type "Document". Did you mean "title"?');
  assert.equal(mapError(field, false, true).message, 'Cannot query field "titel" on type "Document".');
  assert.match(mapError(field, false).message, /Did you mean "title"\?/, 'kept in development');
  const enumValue = new GraphQLError('Value "ADMINX" does not exist in "Role" enum. Did you mean the enum value "ADMIN"?');
  assert.equal(mapError(enumValue, false, true).message, 'Value "ADMINX" does not exist in "Role" enum.');
  const several = 'Unknown argument "firts". Did you mean "first", "filter", or "after"?';
  assert.equal(mapError(new GraphQLError(several), false, true).message, 'Unknown argument "firts".');
  // A JSON parser's exception on an empty body, as the engine records it: not the client's to see.
  const parse = mapError(
    new GraphQLError('POST body sent invalid JSON.', {
      extensions: {
        http: { status: 400 },
        originalError: { name: 'SyntaxError', message: 'Unexpected end of JSON input', stack: 'SyntaxError: …\n    at JSON.parse' },
      },
    }),
    false,
    true,
  );
  assert.equal(parse.extensions.originalError, undefined);
  assert.equal(parse.extensions.code, 'BAD_REQUEST');
  // The subgraph that refused, as the gateway records it: the house's layout, not the client's to read in production.
  const refused = new GraphQLError('该公文不存在', { extensions: { code: 'NOT_FOUND', serviceName: 'documents' } });
  assert.equal(mapError(refused, true, true).extensions.serviceName, undefined);
  assert.equal(mapError(refused, true, true).extensions.code, 'NOT_FOUND');
  assert.equal(mapError(refused, true).extensions.serviceName, 'documents', 'kept in development');
});

test('over a socket, each result of a stream is worded, and ending the stream reaches its source at once', async () => {
  const engine = new GraphQLError('Variable "$_v0_from" got invalid value "nope"', { extensions: { code: 'BAD_USER_INPUT' } });
  const one = await wordedResults({ data: null, errors: [engine] }, '{ a(from: "nope") }');
  assert.ok(!(Symbol.asyncIterator in one));
  assert.equal(one.errors?.[0]?.message, 'Argument "from" got invalid value "nope"');
  assert.equal(one.errors?.[0]?.extensions.code, 'BAD_REQUEST');

  let ended = false;
  // A source whose next() never settles: an idle subscription.
  const source: AsyncIterableIterator<{ data?: unknown; errors?: GraphQLError[] }> = {
    next: () => new Promise(() => {}),
    return: async () => {
      ended = true;
      return { done: true, value: undefined };
    },
    [Symbol.asyncIterator]() {
      return source;
    },
  };
  const stream = await wordedResults(source as never, 'subscription { x }');
  assert.ok(Symbol.asyncIterator in stream);
  void stream.next();
  await stream.return?.();
  assert.equal(ended, true, 'the source was ended while a next() was pending');

  const errors = [engine];
  const results = [{ data: { x: 1 } }, { data: null, errors }];
  const mapped: unknown[] = [];
  for await (const r of (await wordedResults(
    (async function* () {
      yield* results;
    })() as never,
    'subscription { x }',
  )) as AsyncIterable<{ errors?: GraphQLError[] }>)
    mapped.push(r.errors?.[0]?.extensions.code ?? 'ok');
  assert.deepEqual(mapped, ['ok', 'BAD_REQUEST']);
});

test('an Accept header admits an answer when it names one of the gateway’s forms, a wildcard over one, or nothing', () => {
  for (const yes of [
    null,
    '',
    '*/*',
    'application/json',
    'application/*',
    'text/html, application/graphql-response+json;q=0.9',
    'text/event-stream',
    'multipart/*',
  ])
    assert.equal(acceptsAnAnswer(yes), true, String(yes));
  for (const no of ['text/html', 'image/png, application/xml;q=0.5', 'application/json;q=0', 'application/xml']) assert.equal(acceptsAnAnswer(no), false, no);
});

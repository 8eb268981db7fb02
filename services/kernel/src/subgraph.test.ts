// What a subgraph tells the client when a resolver fails (Apollo hands formatError the resolver's error wrapped, with
// its path): typed errors as they are, the database's refusals as the caller's (CONFLICT, FORBIDDEN) whichever layer
// raised them, and nothing else of the inside.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ErrorCode, YizhanError } from '@yizhan/common';
import { GraphQLError } from 'graphql';
import pg from 'pg';
import { formatError } from './subgraph.ts';

const logged: unknown[] = [];
const log = { error: (o: unknown) => logged.push(o) } as unknown as Parameters<typeof formatError>[0];
const format = (e: Error) => formatError(log)({ message: e.message, path: ['x'] }, new GraphQLError(e.message, { originalError: e, path: ['x'] }));

function databaseError(code: string, message: string): pg.DatabaseError {
  const e = new pg.DatabaseError(message, message.length, 'error');
  e.code = code;
  return e;
}

test('a typed error keeps its code and words', () => {
  const f = format(new YizhanError(ErrorCode.BAD_INPUT, 'Say why', { field: 'note' }));
  assert.equal(f.extensions?.code, 'BAD_INPUT');
  assert.equal(f.message, 'Say why');
  assert.equal(f.extensions?.field, 'note');
});

test('a unique violation from typed SQL is a CONFLICT', () => {
  const f = format(databaseError('23505', 'duplicate key value violates unique constraint "x_key"'));
  assert.equal(f.extensions?.code, ErrorCode.CONFLICT);
  assert.doesNotMatch(f.message, /x_key/, 'the constraint name stays inside');
});

test('a row-level-security refusal from typed SQL is FORBIDDEN', () => {
  const f = format(databaseError('42501', 'new row violates row-level security policy for table "deliveries"'));
  assert.equal(f.extensions?.code, ErrorCode.FORBIDDEN);
  assert.doesNotMatch(f.message, /deliveries/);
});

test('any other database error is an internal error, logged, its text not shown', () => {
  logged.length = 0;
  const f = format(databaseError('42P01', 'relation "documents.secret_table" does not exist'));
  assert.equal(f.extensions?.code, ErrorCode.INTERNAL);
  assert.equal(f.message, 'Internal error');
  assert.equal(logged.length, 1);
});

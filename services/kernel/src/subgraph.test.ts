// What a subgraph tells the client when a resolver fails (Apollo hands formatError the resolver's error wrapped, with
// its path): typed errors as they are, the database's refusals as the caller's (CONFLICT, FORBIDDEN) whichever layer
// raised them, and nothing else of the inside.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DriverException } from '@mikro-orm/core';
import { ErrorCode, YizhanError } from '@yizhan/common';
import { GraphQLError } from 'graphql';
import pg from 'pg';
import { formatError } from './subgraph.ts';

const logged: unknown[] = [];
const log = { error: (o: unknown) => logged.push(o), warn: (o: unknown) => logged.push(o) } as unknown as Parameters<typeof formatError>[0];
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

// The second line against a NUL byte (issue 14, finding 6): a value PostgreSQL itself refuses as data is the caller's
// BAD_INPUT, whichever layer raised it, never an INTERNAL.
test('PostgreSQL refusing a NUL byte or an unsupported Unicode escape is BAD_INPUT, without its words', () => {
  for (const [code, message] of [
    ['22021', 'invalid byte sequence for encoding "UTF8": 0x00'],
    ['22P05', 'unsupported Unicode escape sequence'],
    ['22P02', 'invalid input syntax for type uuid: "not-a-uuid"'],
  ] as const) {
    const f = format(databaseError(code, message));
    assert.equal(f.extensions?.code, ErrorCode.BAD_INPUT, code);
    assert.doesNotMatch(f.message, /0x00|type uuid|escape/, 'the database’s own words stay inside');
    assert.deepEqual(f.path, ['x']);
  }
});

test('an id of the wrong form is quoted, so a request with several ids says which; "" too', () => {
  assert.equal(format(databaseError('22P02', 'invalid input syntax for type uuid: "not-a-uuid"')).message, '“not-a-uuid” is not an id: ids are UUIDs');
  assert.equal(format(databaseError('22P02', 'invalid input syntax for type uuid: ""')).message, '“” is not an id: ids are UUIDs');
  assert.equal(
    format(databaseError('22P02', `invalid input syntax for type uuid: "${'x'.repeat(500)}"`)).message,
    'A value of 500 characters is not an id: ids are UUIDs',
  );
  assert.equal(format(databaseError('22003', 'value "99999999999" is out of range for type integer')).message, 'A number is out of the range it may take');
  assert.match(format(databaseError('22P02', 'invalid input syntax for type integer: "x"')).message, /not of a form it can hold/);
});

test('the same through MikroORM (DriverException, its sqlState)', () => {
  const inner = databaseError('22021', 'invalid byte sequence for encoding "UTF8": 0x00');
  const f = format(Object.assign(new DriverException(inner), { code: '22021' }));
  assert.equal(f.extensions?.code, ErrorCode.BAD_INPUT);
});

test('other database errors stay INTERNAL', () => {
  const before = logged.length;
  const f = format(databaseError('42P01', 'relation "x" does not exist'));
  assert.equal(f.extensions?.code, ErrorCode.INTERNAL);
  assert.equal(logged.length, before + 1, 'and are logged');
});

test('a database that cannot be reached, or cut the connection, is UNAVAILABLE (ask again), never INTERNAL', () => {
  const unreachable = Object.assign(new Error('connect EHOSTUNREACH 10.88.1.5:5432'), { code: 'EHOSTUNREACH', address: '10.88.1.5' });
  const cut = new Error('Connection terminated unexpectedly');
  const shutdown = databaseError('57P01', 'terminating connection due to administrator command');
  const throughOrm = new DriverException(unreachable);
  for (const e of [unreachable, cut, shutdown, throughOrm]) {
    const r = format(e);
    assert.equal(r.extensions?.code, ErrorCode.UNAVAILABLE, e.message);
    assert.doesNotMatch(r.message, /10\.88|EHOSTUNREACH|terminat/, 'no address or driver words');
  }
  assert.equal(format(databaseError('42P01', 'relation "x" does not exist')).extensions?.code, ErrorCode.INTERNAL, 'a missing table is still ours');
});

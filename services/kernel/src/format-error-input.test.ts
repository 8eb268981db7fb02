// The second line against a NUL byte (issue 14, finding 6): the gateway refuses one before it reaches a subgraph, and a
// value PostgreSQL itself refuses as data — a NUL byte, an unsupported Unicode escape, an id of the wrong form — is the
// caller's BAD_INPUT, whichever layer raised it, never an INTERNAL.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DriverException } from '@mikro-orm/core';
import { ErrorCode } from '@yizhan/common';
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

test('PostgreSQL refusing a NUL byte or an unsupported Unicode escape is BAD_INPUT, without its words', () => {
  for (const [code, message] of [
    ['22021', 'invalid byte sequence for encoding "UTF8": 0x00'],
    ['22P05', 'unsupported Unicode escape sequence'],
    ['22P02', 'invalid input syntax for type uuid: "not-a-uuid"'],
  ] as const) {
    const f = format(databaseError(code, message));
    assert.equal(f.extensions?.code, ErrorCode.BAD_INPUT, code);
    assert.doesNotMatch(f.message, /0x00|uuid|escape/, 'the database’s own words stay inside');
    assert.deepEqual(f.path, ['x']);
  }
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

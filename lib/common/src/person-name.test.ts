import assert from 'node:assert/strict';
import { test } from 'node:test';
import { personName } from './caller.ts';

test('a person by name; without one, the user name; an OA token by its name, marked 接口', () => {
  assert.equal(personName({ username: 'xc.clerk', displayName: '王秀兰' }), '王秀兰');
  assert.equal(personName({ username: 'xc.clerk' }), 'xc.clerk');
  assert.equal(personName({ username: 'api:OA', displayName: 'OA' }), 'OA（接口）');
  assert.equal(personName({ username: 'api:OA' }), 'OA（接口）');
});

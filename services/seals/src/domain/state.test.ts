// Who may know a seal's people (its custodians and its maker), without a server.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mayKnowCustodians } from './state.ts';

const who = (orgPath: string, ...roles: string[]) => ({ userId: 'u', orgPath, roles });
const countySeal = { orgPath: 'p61.c6101.k610102' };

test('the seal’s own unit (any role) and an administrator above it know the custodians; nobody else does', () => {
  for (const role of ['SEAL_KEEPER', 'CLERK', 'ADMIN']) assert.equal(mayKnowCustodians(who('p61.c6101.k610102', role), countySeal), true, role);
  assert.equal(mayKnowCustodians(who('p61.c6101', 'ADMIN'), countySeal), true, 'the city’s admin');
  assert.equal(mayKnowCustodians(who('p61', 'ADMIN'), countySeal), true, 'the province’s admin');
  assert.equal(mayKnowCustodians(who('p61.c6101', 'CLERK', 'SUPERVISOR'), countySeal), false, 'not another role above');
  assert.equal(mayKnowCustodians(who('p61.c6101.k610103', 'ADMIN'), countySeal), false, 'not another county');
  assert.equal(mayKnowCustodians(who('p61.c6103', 'ADMIN'), countySeal), false, 'not another city');
  assert.equal(mayKnowCustodians(who('p61.c6101.k610102.x1', 'ADMIN'), countySeal), false, 'not a unit below');
  assert.equal(mayKnowCustodians(who('p61.c610', 'ADMIN'), countySeal), false, 'above by whole labels only');
});

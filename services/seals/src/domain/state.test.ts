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

test('a making or a destruction names the three parties present, bounded; whoever is missing is named', async () => {
  const { requireWitnesses } = await import('./state.ts');
  const three = [
    { party: 'GOVERNMENT_OFFICE', name: ' 王建军 ', post: '秘书处处长' },
    { party: 'EGOV_OFFICE', name: '李明', post: '主任' },
    { party: 'OWNING_UNIT', name: '赵红', post: '印章管理员' },
  ];
  assert.equal(requireWitnesses(three, 'Making a seal')[0]?.name, '王建军', 'trimmed');
  const refusal = (w: typeof three) => {
    try {
      requireWitnesses(w, 'Making a seal');
    } catch (e) {
      return (e as { extensions: Record<string, unknown> }).extensions;
    }
    return null;
  };
  assert.deepEqual(refusal(three.slice(0, 2))?.missing, ['OWNING_UNIT']);
  assert.deepEqual(refusal([{ ...three[0]!, post: ' ' }, three[1]!, three[2]!])?.missing, ['GOVERNMENT_OFFICE'], 'a post is needed too');
  assert.equal(refusal([{ ...three[0]!, name: '王'.repeat(51) }, three[1]!, three[2]!])?.field, 'witnesses[0].name');
});

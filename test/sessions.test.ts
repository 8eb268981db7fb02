// A session ends when the account behind it no longer stands: a disabled account, changed roles. The gateway asks
// the org service at most once per interval (60 s by default; every request here, to see it happen).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { codeOf, type Platform, startPlatform } from './support/harness.ts';

let p: Platform;
before(async () => {
  process.env.YIZHAN_API_TOKEN_CHECK_SECONDS = '0';
  p = await startPlatform({ services: ['org'] });
});
after(() => p?.close());

const ME = '{ me { username roles } }';
const userId = async (username: string) =>
  (
    (await p.gql('query($o: ID!) { users(orgId: $o) { id username } }', { o: await p.orgId('610102') }, await p.login('xc.admin'))).data?.users as {
      id: string;
      username: string;
    }[]
  ).find((u) => u.username === username)?.id;

test('a disabled account’s token stops working at once, with the reason', async () => {
  const token = await p.login('xc.drafter');
  assert.equal((await p.gql(ME, {}, token)).data?.me.username, 'xc.drafter');
  const admin = await p.login('xc.admin');
  const disabled = await p.gql('mutation($id: ID!) { setUserStatus(id: $id, status: DISABLED) { status } }', { id: await userId('xc.drafter') }, admin);
  assert.equal(disabled.data?.setUserStatus.status, 'DISABLED');
  const refused = await p.gql(ME, {}, token);
  assert.equal(codeOf(refused), 'UNAUTHENTICATED');
  assert.match(refused.errors?.[0]?.message ?? '', /disabled/);
  await p.gql('mutation($id: ID!) { setUserStatus(id: $id, status: ACTIVE) { status } }', { id: await userId('xc.drafter') }, admin);
  assert.equal((await p.gql(ME, {}, token)).data?.me.username, 'xc.drafter', 'enabled again, the same token works');
});

test('changed roles end the session: the token no longer says what the account may do', async () => {
  const token = await p.login('xc.clerk');
  assert.deepEqual((await p.gql(ME, {}, token)).data?.me.roles, ['CLERK']);
  await p.gql(
    'mutation($id: ID!) { setUserRoles(id: $id, roles: ["CLERK", "DRAFTER"]) { roles } }',
    { id: await userId('xc.clerk') },
    await p.login('xc.admin'),
  );
  const refused = await p.gql(ME, {}, token);
  assert.equal(codeOf(refused), 'UNAUTHENTICATED');
  assert.match(refused.errors?.[0]?.message ?? '', /roles have changed/);
  const fresh = await p.login('xc.clerk');
  assert.deepEqual((await p.gql(ME, {}, fresh)).data?.me.roles, ['CLERK', 'DRAFTER']);
});

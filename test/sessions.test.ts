// A session ends when its person logs out (here or everywhere), when the password is changed or reset, when the
// account is disabled or its roles change, when an administrator ends it: its token is refused on the very next
// request, on every gateway. The gateways keep org's answers for ten minutes (the default): what ends them is org's
// session-change feed and the answer of the request that ended the session, never the clock.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startGateway } from '@yizhan/gateway';
import { freePort } from '@yizhan/kernel';
import { startOrgService } from '@yizhan/org';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { manifestPath } from '../scripts/lib/web.ts';
import { codeOf, gqlAt, type Platform, startPlatform } from './support/harness.ts';

let p: Platform;
before(async () => {
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
  assert.equal(codeOf(await p.gql(ME, {}, token)), 'UNAUTHENTICATED', 'enabled again, the old session stays ended');
  assert.equal((await p.gql(ME, {}, await p.login('xc.drafter'))).data?.me.username, 'xc.drafter', 'a new login works');
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

const LOGOUT = 'mutation { logout }';
const refusedWith = async (token: string, why: RegExp) => {
  const r = await p.gql(ME, {}, token);
  assert.equal(codeOf(r), 'UNAUTHENTICATED', JSON.stringify(r));
  assert.match(r.errors?.[0]?.message ?? '', why);
};

test('logout ends this session at once, and only this one', async () => {
  const here = await p.login('xc.leader');
  const there = await p.login('xc.leader');
  assert.equal((await p.gql(ME, {}, here)).data?.me.username, 'xc.leader', 'the gateway now remembers the session stands');
  const sessions = (await p.gql('{ mySessions { id current method } }', {}, here)).data?.mySessions as { current: boolean; method: string }[];
  assert.ok(sessions.length >= 2);
  assert.equal(sessions.filter((s) => s.current).length, 1, 'the asking session is marked');
  assert.equal((await p.gql(LOGOUT, {}, here)).data?.logout, true);
  await refusedWith(here, /logged out/);
  assert.equal(codeOf(await p.gql(LOGOUT, {}, here)), 'UNAUTHENTICATED', 'a second logout with the dead token is refused');
  assert.equal((await p.gql(ME, {}, there)).data?.me.username, 'xc.leader', 'the other session goes on');
});

test('each session says the browser and system it was opened from, as its login’s User-Agent named them', async () => {
  const loginAs = async (agent: string) => {
    const res = await fetch(p.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': agent },
      body: JSON.stringify({
        query: 'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }',
        variables: { u: 'bl.clerk', p: 'Yizhan@2026' },
      }),
    });
    return ((await res.json()) as { data: { login: { token: string } } }).data.login.token;
  };
  const office = await loginAs('Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/108.0.5359.95 Safari/537.36 UOS');
  const phone = await loginAs(
    `Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1 ${'x'.repeat(2000)}`,
  );
  const sessions = (await p.gql('{ mySessions { device current } }', {}, office)).data?.mySessions as { device: string | null; current: boolean }[];
  assert.deepEqual(
    sessions.filter((s) => s.device).map((s) => [s.device, s.current]),
    [
      ['Safari 17 · iOS', false],
      ['Chrome 108 · 统信UOS', true],
    ],
    'newest first; an overlong User-Agent is cut, not refused',
  );
  // Requests after the login do not carry the agent: the caller context of a signed-in caller stays as it was.
  assert.equal((await p.gql(ME, {}, phone)).data?.me.username, 'bl.clerk');
  const [kept] = await p.superQuery<{ n: number }>('select max(char_length(client_agent))::int n from org.sessions');
  assert.equal(kept?.n, 300);
});

test('log out everywhere ends every session of the person, this one too unless kept', async () => {
  const a = await p.login('xa.drafter');
  const b = await p.login('xa.drafter');
  const c = await p.login('xa.drafter');
  for (const t of [a, b, c]) assert.equal((await p.gql(ME, {}, t)).data?.me.username, 'xa.drafter');
  const kept = await p.gql('mutation { logoutEverywhere(keepThisOne: true) }', {}, a);
  assert.ok((kept.data?.logoutEverywhere as number) >= 2, JSON.stringify(kept));
  await refusedWith(b, /logged out everywhere/);
  await refusedWith(c, /logged out everywhere/);
  assert.equal((await p.gql(ME, {}, a)).data?.me.username, 'xa.drafter', 'kept');
  assert.equal((await p.gql('mutation { logoutEverywhere }', {}, a)).data?.logoutEverywhere, 1);
  await refusedWith(a, /logged out everywhere/);
});

test('a changed password ends the other sessions; a reset ends them all; an administrator may end them', async () => {
  const admin = await p.login('xc.admin');
  const id = (await userId('xc.leader'))!;
  const here = await p.login('xc.leader');
  const elsewhere = await p.login('xc.leader');
  await p.gql(ME, {}, elsewhere);
  const changed = await p.gql(
    'mutation($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) { username } }',
    { c: 'Yizhan@2026', n: 'Quite-New#Pass42' },
    here,
  );
  assert.equal(changed.data?.changePassword.username, 'xc.leader', JSON.stringify(changed));
  await refusedWith(elsewhere, /password was changed/);
  assert.equal((await p.gql(ME, {}, here)).data?.me.username, 'xc.leader', 'the session that changed it goes on');

  const again = await p.login('xc.leader', 'Quite-New#Pass42');
  const ended = await p.gql('mutation($id: ID!) { endUserSessions(userId: $id) }', { id }, admin);
  assert.ok((ended.data?.endUserSessions as number) >= 2, JSON.stringify(ended));
  await refusedWith(again, /administrator ended/);

  const fresh = await p.login('xc.leader', 'Quite-New#Pass42');
  const reset = await p.gql('mutation($id: ID!) { resetPassword(id: $id) { oneTimePassword } }', { id }, admin);
  assert.ok(reset.data?.resetPassword.oneTimePassword);
  await refusedWith(fresh, /reset/);
});

test('another unit’s administrator, and a person of the unit who is not its administrator, cannot see or end someone’s sessions', async () => {
  const id = (await userId('xc.clerk'))!;
  const victim = await p.login('xc.clerk');
  for (const who of ['bl.admin', 'xc.drafter']) {
    const token = await p.login(who);
    const end = await p.gql('mutation($id: ID!) { endUserSessions(userId: $id) }', { id }, token);
    assert.ok(codeOf(end) === 'NOT_FOUND' || codeOf(end) === 'FORBIDDEN', `${who}: ${JSON.stringify(end)}`);
    const seen = await p.gql('query($id: ID!) { userSessions(userId: $id) { id } }', { id }, token);
    assert.ok(codeOf(seen) === 'NOT_FOUND' || codeOf(seen) === 'FORBIDDEN', `${who}: ${JSON.stringify(seen)}`);
  }
  assert.equal((await p.gql(ME, {}, victim)).data?.me.username, 'xc.clerk', 'the session stands');
  const rows = await p.superCount(
    "select count(*) as n from org.sessions s join org.users u on u.id = s.user_id where u.username = 'xc.clerk' and s.end_reason = 'ENDED_BY_ADMIN'",
  );
  assert.equal(rows, 0, 'nothing was ended underneath either');
});

test('a session ended through one gateway and org replica is refused at once by another gateway fronting another org replica', async (t) => {
  const orgB = await startOrgService({ appUrl: p.db.appUrl, relayUrl: p.db.relayUrl, port: await freePort() });
  const gwB = await startGateway({ port: await freePort(), subgraphs: { org: orgB.url }, dashboardOrigins: [], trustedDocumentsPath: manifestPath });
  t.after(async () => {
    await gwB.close();
    await orgB.close();
  });
  const onB = (token: string, query = ME) => gqlAt(gwB.url, query, {}, { authorization: `Bearer ${token}` });
  // An API token is no person: it reads its unit.
  const UNIT = '{ orgByCode(code: "610103") { name } }';
  const token = await p.login('bl.clerk');
  const apiToken = (
    await p.gql(
      'mutation($o: ID!) { issueApiToken(orgId: $o, name: "碑林区OA") { token apiToken { id } } }',
      { o: await p.orgId('610103') },
      await p.login('bl.admin'),
    )
  ).data?.issueApiToken as { token: string; apiToken: { id: string } };
  // Gateway B has checked both and trusts them for ten minutes.
  assert.equal((await onB(token)).data?.me.username, 'bl.clerk');
  assert.equal((await onB(apiToken.token, UNIT)).data?.orgByCode?.name, '西安市碑林区人民政府', 'the API token works on B');

  const started = Date.now();
  assert.equal((await p.gql(LOGOUT, {}, token)).data?.logout, true);
  await p.gql('mutation($id: ID!) { revokeApiToken(id: $id) { revokedAt } }', { id: apiToken.apiToken.id }, await p.login('bl.admin'));
  let refusedAfter = -1;
  for (let i = 0; i < 100 && refusedAfter < 0; i++) {
    const [person, system] = [await onB(token), await onB(apiToken.token, UNIT)];
    if (codeOf(person) === 'UNAUTHENTICATED' && codeOf(system) === 'UNAUTHENTICATED') refusedAfter = Date.now() - started;
    else await new Promise((r) => setTimeout(r, 20));
  }
  t.diagnostic(`refused on the other gateway ${refusedAfter} ms after the logout was sent`);
  assert.ok(refusedAfter >= 0 && refusedAfter < 2000, `refused within 2 s on the other replica (${refusedAfter} ms)`);
});

test('an open WebSocket connection of a session that ends is closed at once; another person’s stays open', async () => {
  const connect = async (token: string) => {
    const closed: { code?: number; at?: number } = {};
    const client = createClient({
      url: p.gatewayUrl.replace('http', 'ws'),
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${token}` },
      lazy: false,
      retryAttempts: 0,
      // The close is what this test waits for and asserts below; graphql-ws would print the whole close event.
      onNonLazyError: () => {},
      on: {
        closed: (e) => {
          closed.code ??= (e as { code: number }).code;
          closed.at ??= Date.now();
        },
      },
    });
    await new Promise<void>((resolve) => client.on('connected', () => resolve()));
    return { client, closed };
  };
  const token = await p.login('bl.admin');
  const other = await connect(await p.login('xa.clerk'));
  const mine = await connect(token);
  const started = Date.now();
  assert.equal((await p.gql(LOGOUT, {}, token)).data?.logout, true);
  for (let i = 0; i < 100 && mine.closed.code === undefined; i++) await new Promise((r) => setTimeout(r, 20));
  assert.equal(mine.closed.code, 4401, 'closed as unauthorised');
  assert.ok((mine.closed.at as number) - started < 2000, `within 2 s (${(mine.closed.at as number) - started} ms)`);
  assert.equal(other.closed.code, undefined, 'the other person’s connection stays open');
  await mine.client.dispose();
  await other.client.dispose();
});

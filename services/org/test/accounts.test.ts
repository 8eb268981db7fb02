// Accounts as seeds 003 §14 and 004 §6 describe them: a one-time password changed at first login, growing delays
// after repeated failures (a lock only where the unit chose it: a stranger can cause one), a limit per client address, the same answer for unknown
// names and wrong passwords, unlock and reset by the unit's administrator, and passwords that must be strong.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { codeOf, DEMO_PASSWORD, type GqlResult, ok, type Platform, startPlatform } from '../../../test/support/harness.ts';

// The account's delay starts at 1 s here (a minute by default); the tests speak for several client addresses through
// X-Forwarded-For, which the gateway honours only from the proxies it is told to trust.
process.env.YIZHAN_LOGIN_DELAY_MS = '1000';
process.env.YIZHAN_TRUSTED_PROXIES = '127.0.0.1,::1';

let p: Platform;
let xcAdmin: string;
let xinchengId: string;
before(async () => {
  p = await startPlatform({ services: ['org'] });
  xcAdmin = await p.login('xc.admin');
  xinchengId = await p.orgId('610102');
});
after(() => p?.close());

const LOGIN = 'mutation($u: String!, $pw: String!) { login(username: $u, password: $pw) { token user { username } } }';
const CHANGE_INITIAL =
  'mutation($u: String!, $c: String!, $n: String!) { changeInitialPassword(username: $u, currentPassword: $c, newPassword: $n) { token user { username mustChangePassword } } }';
const CREATE = 'mutation($in: CreateUserInput!) { createUser(input: $in) { oneTimePassword user { id username roles mustChangePassword } } }';

type LoginAnswer = GqlResult & { retryAfter: string | null };

/** A login through the gateway from a client address (behind a trusted proxy), with the answer's Retry-After. */
async function loginFrom(address: string, username: string, password: string): Promise<LoginAnswer> {
  const res = await fetch(p.gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
    body: JSON.stringify({ query: LOGIN, variables: { u: username, pw: password } }),
  });
  return { ...((await res.json()) as GqlResult), status: res.status, retryAfter: res.headers.get('retry-after') };
}

async function newAccount(username: string) {
  const r = await p.gql(CREATE, { in: { orgId: xinchengId, username, displayName: '测试用户', roles: ['CLERK'] } }, xcAdmin);
  assert.equal(r.errors, undefined, JSON.stringify(r.errors));
  return r.data?.createUser as { oneTimePassword: string; user: { id: string; username: string } };
}

describe('accounts', () => {
  test('a new account must change its one-time password at first login', async () => {
    const { oneTimePassword, user } = await newAccount('xc.newclerk');
    assert.equal(user.username, 'xc.newclerk');
    const first = await p.gql(LOGIN, { u: 'xc.newclerk', pw: oneTimePassword });
    assert.equal(codeOf(first), 'PASSWORD_CHANGE_REQUIRED');
    assert.equal(first.errors?.[0]?.extensions?.reason, 'INITIAL');
    assert.equal(first.data, null, 'no token is issued before the password is changed');

    const weak = await p.gql(CHANGE_INITIAL, { u: 'xc.newclerk', c: oneTimePassword, n: 'pass' });
    assert.equal(codeOf(weak), 'WEAK_PASSWORD');
    assert.ok((weak.errors?.[0]?.extensions?.problems as string[]).length >= 2);

    const changed = await p.gql(CHANGE_INITIAL, { u: 'xc.newclerk', c: oneTimePassword, n: 'Xincheng#2026' });
    assert.equal(changed.errors, undefined);
    assert.equal(changed.data?.changeInitialPassword.user.mustChangePassword, false);
    assert.ok(changed.data?.changeInitialPassword.token);

    assert.equal(codeOf(await p.gql(LOGIN, { u: 'xc.newclerk', pw: oneTimePassword })), 'INVALID_CREDENTIALS', 'the one-time password is spent');
    const again = await p.gql(LOGIN, { u: 'xc.newclerk', pw: 'Xincheng#2026' });
    assert.equal(again.data?.login.user.username, 'xc.newclerk');
  });

  test('repeated wrong passwords delay the account, longer each time, but never lock it; an administrator clears the delay', async () => {
    const { oneTimePassword, user } = await newAccount('xc.lockme');
    await p.gql(CHANGE_INITIAL, { u: 'xc.lockme', c: oneTimePassword, n: 'Lockme#2026x' });
    const from = '203.0.113.1';
    const attempt = (pw: string) => loginFrom(from, 'xc.lockme', pw);
    for (let i = 0; i < 5; i++) {
      const r = await attempt(`wrong-${i}`);
      assert.equal(codeOf(r), 'INVALID_CREDENTIALS', `failure ${i + 1}`);
      assert.equal(r.errors?.[0]?.message, 'Wrong user name or password', 'no hint about what comes next');
    }
    // Five failures in a row: the account waits a while (1 s in this test), even for the right password.
    const delayed = await attempt('Lockme#2026x');
    assert.equal(codeOf(delayed), 'RATE_LIMITED');
    assert.equal(delayed.status, 429);
    assert.equal(delayed.errors?.[0]?.extensions?.retryAfterSeconds, 1);
    assert.equal(delayed.retryAfter, '1');
    await sleep(1100);
    // One more failure after the wait doubles it.
    assert.equal(codeOf(await attempt('wrong-again')), 'INVALID_CREDENTIALS');
    const longer = await attempt('Lockme#2026x');
    assert.equal(codeOf(longer), 'RATE_LIMITED');
    assert.equal(longer.errors?.[0]?.extensions?.retryAfterSeconds, 2);
    await sleep(2100);
    // Not locked: after the wait the right password works.
    assert.equal((await attempt('Lockme#2026x')).data?.login.user.username, 'xc.lockme');

    // Delayed again; a clerk of the unit cannot clear it, nor a sibling county's administrator; the unit's can. Its
    // administrator is told it waits only once the failures reach the threshold, not at the first wrong password.
    const delayedNow = async () =>
      (
        (await p.gql('query($o: ID!) { users(orgId: $o) { username failedLogins loginDelayed } }', { o: xinchengId }, xcAdmin)).data?.users as {
          username: string;
          failedLogins: number;
          loginDelayed: boolean;
        }[]
      ).find((u) => u.username === 'xc.lockme');
    await attempt('wrong-first');
    assert.deepEqual(await delayedNow(), { username: 'xc.lockme', failedLogins: 1, loginDelayed: false });
    for (let i = 0; i < 4; i++) await attempt(`wrong-${i}`);
    assert.deepEqual(await delayedNow(), { username: 'xc.lockme', failedLogins: 5, loginDelayed: true });
    assert.equal(codeOf(await attempt('Lockme#2026x')), 'RATE_LIMITED');
    const clerk = await p.login('xc.clerk');
    assert.equal(codeOf(await p.gql('mutation($id: ID!) { unlockUser(id: $id) { id } }', { id: user.id }, clerk)), 'FORBIDDEN');
    const blAdmin = await p.login('bl.admin');
    assert.equal(codeOf(await p.gql('mutation($id: ID!) { unlockUser(id: $id) { id } }', { id: user.id }, blAdmin)), 'NOT_FOUND');
    const unlocked = await p.gql('mutation($id: ID!) { unlockUser(id: $id) { lockedAt failedLogins } }', { id: user.id }, xcAdmin);
    assert.deepEqual(unlocked.data?.unlockUser, { lockedAt: null, failedLogins: 0 });
    assert.equal((await attempt('Lockme#2026x')).data?.login.user.username, 'xc.lockme');
  });

  test('多次输错密码后禁用 (seed 003 §14): where the unit chose it, the third wrong password locks the account until an administrator unlocks it', async () => {
    const SET = 'mutation($o: ID!, $n: Int, $s: Boolean) { setLockAfterFailures(orgId: $o, failures: $n, subtree: $s) { id lockAfterFailures } }';
    const READ = 'query($o: ID!) { org(id: $o) { lockAfterFailures } }';
    const as = async (user: string, q: string, v: Record<string, unknown>) => p.gql(q, v, await p.login(user));
    // Off by default; not a clerk's to set, nor a sibling county's administrator's; out of 3–20 refused by name.
    assert.equal(ok(await p.gql(READ, { o: xinchengId }, xcAdmin), 'org').lockAfterFailures, null);
    assert.equal(codeOf(await as('xc.clerk', SET, { o: xinchengId, n: 3 })), 'FORBIDDEN');
    assert.equal(codeOf(await as('bl.admin', SET, { o: xinchengId, n: 3 })), 'FORBIDDEN');
    for (const n of [2, 21]) {
      const bad = await p.gql(SET, { o: xinchengId, n }, xcAdmin);
      assert.equal(codeOf(bad), 'BAD_INPUT');
      assert.equal(bad.errors?.[0]?.extensions?.field, 'failures');
    }
    assert.equal(ok(await p.gql(READ, { o: xinchengId }, xcAdmin), 'org').lockAfterFailures, null, 'nothing changed');
    assert.deepEqual(ok(await p.gql(SET, { o: xinchengId, n: 3 }, xcAdmin), 'setLockAfterFailures').lockAfterFailures, 3);
    assert.equal(ok(await as('xc.clerk', READ, { o: xinchengId }), 'org').lockAfterFailures, null, 'for its administrators only');

    const { oneTimePassword, user } = await newAccount('xc.lockthree');
    await p.gql(CHANGE_INITIAL, { u: 'xc.lockthree', c: oneTimePassword, n: 'Three#2026xyz' });
    const from = '203.0.113.7';
    const shape = (r: LoginAnswer) => ({ status: r.status, retryAfter: r.retryAfter, errors: r.errors, data: r.data });
    for (let i = 0; i < 3; i++) {
      const real = await loginFrom(from, 'xc.lockthree', `wrong-${i}`);
      assert.equal(codeOf(real), 'INVALID_CREDENTIALS', `failure ${i + 1}`);
      assert.deepEqual(shape(await loginFrom(from, 'xc.nosuchthree', `wrong-${i}`)), shape(real), 'the lock tells a stranger nothing');
    }
    // Locked: the right password is refused as such, and only whoever knows it learns that.
    assert.equal(codeOf(await loginFrom(from, 'xc.lockthree', 'Three#2026xyz')), 'ACCOUNT_LOCKED');
    const listed = async () =>
      ok<{ username: string; lockedAt: string | null }[]>(
        await p.gql('query($o: ID!) { users(orgId: $o) { username lockedAt } }', { o: xinchengId }, xcAdmin),
        'users',
      ).find((u) => u.username === 'xc.lockthree');
    assert.ok((await listed())?.lockedAt, 'its administrator sees it locked');
    const log = ok<{ nodes: { action: string; actorUsername: string; detail: string }[] }>(
      await p.gql('query($o: ID!) { auditLog(orgId: $o, category: LOGIN, first: 100) { nodes { action actorUsername detail } } }', { o: xinchengId }, xcAdmin),
      'auditLog',
    ).nodes.filter((e) => e.action === 'account.locked');
    assert.deepEqual(
      log.map((e) => [e.actorUsername, JSON.parse(e.detail).failures]),
      [['xc.lockthree', 3]],
      'the lock is in the audit log, once',
    );
    ok(await p.gql('mutation($id: ID!) { unlockUser(id: $id) { id } }', { id: user.id }, xcAdmin), 'unlockUser');
    assert.equal((await loginFrom(from, 'xc.lockthree', 'Three#2026xyz')).data?.login.user.username, 'xc.lockthree', 'unlocked, it works');

    // Turned off, three wrong passwords lock nothing.
    ok(await p.gql(SET, { o: xinchengId, n: null }, xcAdmin), 'setLockAfterFailures');
    for (let i = 0; i < 3; i++) await loginFrom(from, 'xc.lockthree', `again-${i}`);
    assert.equal((await loginFrom(from, 'xc.lockthree', 'Three#2026xyz')).data?.login.user.username, 'xc.lockthree');
    // The city sets it for its whole subtree, and takes it away again.
    const xian = await p.orgId('610100');
    ok(await as('xa.admin', SET, { o: xian, n: 5, s: true }), 'setLockAfterFailures');
    assert.equal(ok(await p.gql(READ, { o: xinchengId }, xcAdmin), 'org').lockAfterFailures, 5);
    ok(await as('xa.admin', SET, { o: xian, n: null, s: true }), 'setLockAfterFailures');
    assert.equal(ok(await p.gql(READ, { o: xinchengId }, xcAdmin), 'org').lockAfterFailures, null);
  });

  test('an unknown user name and a wrong password get identical answers at every attempt count', async () => {
    const { oneTimePassword } = await newAccount('xc.twin');
    await p.gql(CHANGE_INITIAL, { u: 'xc.twin', c: oneTimePassword, n: 'Twin#2026xyz' });
    const from = '203.0.113.2';
    const shape = (r: LoginAnswer) => ({ status: r.status, retryAfter: r.retryAfter, errors: r.errors, data: r.data });
    for (let i = 0; i < 7; i++) {
      const real = await loginFrom(from, 'xc.twin', `wrong-${i}`);
      const unknown = await loginFrom(from, 'xc.nosuchname', `wrong-${i}`);
      assert.ok(real.errors?.length, `attempt ${i + 1} fails`);
      assert.deepEqual(shape(unknown), shape(real), `attempt ${i + 1}`);
    }
  });

  test('many failed logins from one address, across accounts, hit the per-address limit', async () => {
    const from = '203.0.113.3';
    for (let i = 0; i < 20; i++) assert.equal(codeOf(await loginFrom(from, `xc.guess${i}`, 'Guess#2026')), 'INVALID_CREDENTIALS', `attempt ${i + 1}`);
    const limited = await loginFrom(from, 'xc.guess-next', 'Guess#2026');
    assert.equal(codeOf(limited), 'RATE_LIMITED');
    assert.equal(limited.status, 429);
    assert.ok(Number(limited.retryAfter) > 0 && Number(limited.retryAfter) <= 60, `Retry-After ${limited.retryAfter}`);
    assert.equal(limited.errors?.[0]?.extensions?.retryAfterSeconds, Number(limited.retryAfter));
    assert.equal(codeOf(await loginFrom(from, 'xc.clerk', DEMO_PASSWORD)), 'RATE_LIMITED', 'the address waits, whatever account it tries');
    assert.ok((await loginFrom('203.0.113.4', 'xc.clerk', DEMO_PASSWORD)).data?.login, 'another address is not affected');
  });

  test('an administrator resets a forgotten password to a one-time password', async () => {
    const { oneTimePassword, user } = await newAccount('xc.forgetful');
    await p.gql(CHANGE_INITIAL, { u: 'xc.forgetful', c: oneTimePassword, n: 'Forgot#2026a' });
    const reset = await p.gql('mutation($id: ID!) { resetPassword(id: $id) { oneTimePassword user { mustChangePassword } } }', { id: user.id }, xcAdmin);
    assert.equal(reset.data?.resetPassword.user.mustChangePassword, true);
    const otp = reset.data?.resetPassword.oneTimePassword as string;
    assert.equal(codeOf(await p.gql(LOGIN, { u: 'xc.forgetful', pw: 'Forgot#2026a' })), 'INVALID_CREDENTIALS', 'the old password no longer works');
    const r = await p.gql(LOGIN, { u: 'xc.forgetful', pw: otp });
    assert.equal(codeOf(r), 'PASSWORD_CHANGE_REQUIRED');
    assert.equal(r.errors?.[0]?.extensions?.reason, 'RESET');
    const changed = await p.gql(CHANGE_INITIAL, { u: 'xc.forgetful', c: otp, n: 'Remember#2026b' });
    assert.ok(changed.data?.changeInitialPassword.token);
  });

  test('忘记密码: the person asks from the login page; the unit’s administrator sees it and resets; nobody learns which names exist', async () => {
    const { oneTimePassword, user } = await newAccount('xc.absent');
    await p.gql(CHANGE_INITIAL, { u: 'xc.absent', c: oneTimePassword, n: 'Absent#2026a' });
    const ASK = 'mutation($u: String!) { requestPasswordReset(username: $u) }';
    const askFrom = async (address: string, username: string) => {
      const res = await fetch(p.gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
        body: JSON.stringify({ query: ASK, variables: { u: username } }),
      });
      return { ...((await res.json()) as GqlResult), status: res.status };
    };
    const requestedOf = async (username: string) =>
      (await p.gql('query($o: ID!) { users(orgId: $o) { username resetRequestedAt } }', { o: xinchengId }, xcAdmin)).data?.users.find(
        (u: { username: string }) => u.username === username,
      ).resetRequestedAt as string | null;
    const requested = () => requestedOf('xc.absent');
    assert.equal(await requested(), null);
    // The same answer for an account, a name that is no account's, and a disabled account's: true, nothing more.
    const asked = await askFrom('203.0.113.21', ' XC.Absent ');
    assert.deepEqual([asked.status, asked.data], [200, { requestPasswordReset: true }]);
    assert.deepEqual((await askFrom('203.0.113.21', 'xc.nobody')).data, { requestPasswordReset: true });
    const at = await requested();
    assert.ok(at && Date.now() - new Date(at).getTime() < 60_000, 'the administrator sees when it was asked');
    // Asked again at once: recorded once (the time stays).
    await askFrom('203.0.113.22', 'xc.absent');
    assert.equal(await requested(), at);
    // In the unit's audit log, like a login; the name that is no account's is refused there, not to the person.
    assert.equal(
      await p.superCount(
        "select count(*) as n from org.audit_log where action = 'password.reset-requested' and outcome = 'OK' and org_path = 'p61.c6101.k610102'",
      ),
      1,
    );
    assert.equal(codeOf(await askFrom('203.0.113.23', '')), 'BAD_INPUT');
    // The reset answers it; the password it replaced no longer works.
    ok(await p.gql('mutation($id: ID!) { resetPassword(id: $id) { oneTimePassword } }', { id: user.id }, xcAdmin), 'resetPassword');
    assert.equal(await requested(), null);
    assert.equal(codeOf(await p.gql(LOGIN, { u: 'xc.absent', pw: 'Absent#2026a' })), 'INVALID_CREDENTIALS');
    // Asked, then remembered: a login answers the request too.
    await askFrom('203.0.113.25', 'xc.newclerk');
    assert.ok(await requestedOf('xc.newclerk'));
    ok(await p.gql(LOGIN, { u: 'xc.newclerk', pw: 'Xincheng#2026' }), 'login');
    assert.equal(await requestedOf('xc.newclerk'), null);
    // Another county's administrator does not see that 新城区's person asked.
    const sibling = await p.gql('query($o: ID!) { users(orgId: $o) { username resetRequestedAt } }', { o: xinchengId }, await p.login('bl.admin'));
    assert.ok(!JSON.stringify(sibling.data ?? {}).includes('xc.absent'), JSON.stringify(sibling));
    // Requests from one address count as failed logins do: enough of them, and the address waits.
    const from = '203.0.113.24';
    let last: GqlResult = { status: 200 };
    for (let i = 0; i < 21 && codeOf(last) !== 'RATE_LIMITED'; i++) last = await askFrom(from, `xc.someone${i}`);
    assert.equal(codeOf(last), 'RATE_LIMITED');
    assert.equal(last.status, 429);
  });

  test('培训考核: an administrator records the day a person passed the training, and clears it; bad days are refused by name', async () => {
    const { user } = await newAccount('xc.trainee');
    const TRAIN = 'mutation($id: ID!, $d: String, $n: String) { recordUserTraining(id: $id, trainedOn: $d, note: $n) { trainedOn trainingNote } }';
    const recorded = await p.gql(TRAIN, { id: user.id, d: '2026-11-02', n: '2026年全省电子公文传输培训' }, xcAdmin);
    assert.deepEqual(recorded.data?.recordUserTraining, { trainedOn: '2026-11-02', trainingNote: '2026年全省电子公文传输培训' });
    const listed = await p.gql('query($o: ID!) { users(orgId: $o) { username trainedOn trainingNote } }', { o: xinchengId }, xcAdmin);
    assert.deepEqual(
      listed.data?.users.find((u: { username: string }) => u.username === 'xc.trainee'),
      { username: 'xc.trainee', trainedOn: '2026-11-02', trainingNote: '2026年全省电子公文传输培训' },
    );
    // The city above records too; a sibling county's administrator and the person's clerk colleague do not.
    const above = await p.gql(TRAIN, { id: user.id, d: '2026-11-03', n: null }, await p.login('xa.admin'));
    assert.deepEqual(above.data?.recordUserTraining, { trainedOn: '2026-11-03', trainingNote: null });
    // (A sibling does not see the account at all: NOT_FOUND; a clerk of the unit may not: FORBIDDEN.)
    for (const [who, code] of [
      ['bl.admin', 'NOT_FOUND'],
      ['xc.clerk', 'FORBIDDEN'],
    ] as const)
      assert.equal(codeOf(await p.gql(TRAIN, { id: user.id, d: '2026-11-04' }, await p.login(who))), code, who);
    for (const [d, why] of [
      ['2026-02-30', 'no such day'],
      ['11/02/2026', 'not YYYY-MM-DD'],
      ['2999-01-01', 'to come'],
      ['1999-12-31', 'before 2000'],
    ]) {
      const r = await p.gql(TRAIN, { id: user.id, d }, xcAdmin);
      assert.equal(codeOf(r), 'BAD_INPUT', why);
      assert.equal(r.errors?.[0]?.extensions?.field, 'trainedOn', why);
    }
    assert.equal(codeOf(await p.gql(TRAIN, { id: user.id, d: '2026-11-04', n: '培'.repeat(101) }, xcAdmin)), 'BAD_INPUT');
    const still = await p.gql('query($o: ID!) { users(orgId: $o) { username trainedOn } }', { o: xinchengId }, xcAdmin);
    assert.equal(still.data?.users.find((u: { username: string }) => u.username === 'xc.trainee').trainedOn, '2026-11-03', 'refusals changed nothing');
    const cleared = await p.gql(TRAIN, { id: user.id, d: null, n: '忽略' }, xcAdmin);
    assert.deepEqual(cleared.data?.recordUserTraining, { trainedOn: null, trainingNote: null });
  });

  test('上岗须经培训考核 (seed 004 六(一)): where a unit requires it, a post only once the day of passing is recorded; set for a subtree by the unit above', async () => {
    const [xian, beilin] = [await p.orgId('610100'), await p.orgId('610103')];
    const SET = 'mutation($o: ID!, $r: Boolean!, $s: Boolean!) { setTrainingRequired(orgId: $o, required: $r, subtree: $s) { id trainingRequired } }';
    const REQUIRED = 'query($o: ID!) { org(id: $o) { trainingRequired } }';
    const [blAdmin, xaAdmin] = [await p.login('bl.admin'), await p.login('xa.admin')];
    // Someone of 碑林区 in post before it was required, without a training day.
    const before = await p.gql(CREATE, { in: { orgId: beilin, username: 'bl.veteran', displayName: '老员工', roles: ['CLERK'] } }, blAdmin);
    const veteran = before.data?.createUser.user.id as string;
    assert.equal(codeOf(await p.gql(SET, { o: beilin, r: true, s: false }, await p.login('bl.clerk'))), 'FORBIDDEN', 'a clerk');
    assert.ok(['FORBIDDEN', 'NOT_FOUND'].includes(codeOf(await p.gql(SET, { o: beilin, r: true, s: false }, xcAdmin)) as string), 'a sibling');
    // 西安市 requires it of itself and every unit below it.
    assert.equal((await p.gql(SET, { o: xian, r: true, s: true }, xaAdmin)).data?.setTrainingRequired.trainingRequired, true);
    for (const o of [xian, beilin, xinchengId]) assert.equal((await p.gql(REQUIRED, { o }, xaAdmin)).data?.org.trainingRequired, true);
    try {
      const accounts = () => p.superCount("select count(*) n from org.users where username like 'bl.new%'");
      const none = await p.gql(CREATE, { in: { orgId: beilin, username: 'bl.newclerk', displayName: '新收文员', roles: ['CLERK'] } }, blAdmin);
      assert.deepEqual([codeOf(none), none.errors?.[0]?.extensions?.field], ['TRAINING_REQUIRED', 'trainedOn']);
      assert.equal(await accounts(), 0, 'nothing created');
      const trained = await p.gql(
        CREATE,
        { in: { orgId: beilin, username: 'bl.newclerk', displayName: '新收文员', roles: ['CLERK'], trainedOn: '2026-11-20', trainingNote: '全区收文员培训' } },
        blAdmin,
      );
      assert.equal(trained.errors, undefined, JSON.stringify(trained.errors));
      const bad = await p.gql(
        CREATE,
        { in: { orgId: beilin, username: 'bl.newbad', displayName: '日期错', roles: ['CLERK'], trainedOn: '2999-01-01' } },
        blAdmin,
      );
      assert.deepEqual([codeOf(bad), bad.errors?.[0]?.extensions?.field], ['BAD_INPUT', 'trainedOn']);
      // A post more for the untrained veteran waits for the training; keeping what they hold does not.
      const ROLES = 'mutation($id: ID!, $r: [String!]!) { setUserRoles(id: $id, roles: $r) { roles } }';
      const more = await p.gql(ROLES, { id: veteran, r: ['CLERK', 'ARCHIVIST'] }, blAdmin);
      assert.deepEqual([codeOf(more), more.errors?.[0]?.extensions?.posts], ['TRAINING_REQUIRED', ['ARCHIVIST']]);
      assert.deepEqual((await p.gql(ROLES, { id: veteran, r: ['CLERK'] }, blAdmin)).data?.setUserRoles.roles, ['CLERK']);
      const TRAIN = 'mutation($id: ID!, $d: String) { recordUserTraining(id: $id, trainedOn: $d) { trainedOn } }';
      await p.gql(TRAIN, { id: veteran, d: '2026-11-21' }, blAdmin);
      assert.deepEqual((await p.gql(ROLES, { id: veteran, r: ['CLERK', 'ARCHIVIST'] }, blAdmin)).data?.setUserRoles.roles, ['CLERK', 'ARCHIVIST']);
    } finally {
      await p.gql(SET, { o: xian, r: false, s: true }, xaAdmin);
    }
    assert.equal((await p.gql(REQUIRED, { o: xinchengId }, xaAdmin)).data?.org.trainingRequired, false);
  });

  test('a logged-in user changes their own password; the new one must differ and be strong', async () => {
    const { oneTimePassword } = await newAccount('xc.changer');
    const first = await p.gql(CHANGE_INITIAL, { u: 'xc.changer', c: oneTimePassword, n: 'Changer#2026a' });
    const token = first.data?.changeInitialPassword.token as string;
    const CHANGE = 'mutation($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) { username } }';
    assert.equal(codeOf(await p.gql(CHANGE, { c: 'Changer#2026a', n: 'Changer#2026a' }, token)), 'WEAK_PASSWORD');
    assert.equal(codeOf(await p.gql(CHANGE, { c: 'not-mine', n: 'Changer#2026b' }, token)), 'INVALID_CREDENTIALS');
    assert.equal(codeOf(await p.gql(CHANGE, { c: 'Changer#2026a', n: 'xc.changer-Long1!' }, token)), 'WEAK_PASSWORD', 'must not contain the user name');
    assert.equal((await p.gql(CHANGE, { c: 'Changer#2026a', n: 'Changer#2026b' }, token)).data?.changePassword.username, 'xc.changer');
    assert.ok((await p.gql(LOGIN, { u: 'xc.changer', pw: 'Changer#2026b' })).data?.login);
  });

  test('an unknown user and a wrong password get the same answer', async () => {
    const unknown = await p.gql(LOGIN, { u: 'nobody.here', pw: 'Whatever#1' });
    assert.equal(codeOf(unknown), 'INVALID_CREDENTIALS');
    assert.equal(unknown.errors?.[0]?.message, 'Wrong user name or password');
  });

  test('account administration is refused outside the administrator’s unit, and bad input changes nothing', async () => {
    // A name of another script, with its dot, is a name.
    const uyghur = await p.gql(CREATE, { in: { orgId: xinchengId, username: 'xc.maimaiti', displayName: '阿卜杜拉·买买提', roles: ['CLERK'] } }, xcAdmin);
    assert.equal(uyghur.errors, undefined, JSON.stringify(uyghur.errors));
    const beilinId = await p.orgId('610103');
    const r = await p.gql(CREATE, { in: { orgId: beilinId, username: 'xc.intruder', displayName: 'x', roles: ['ADMIN'] } }, xcAdmin);
    assert.equal(codeOf(r), 'FORBIDDEN');
    const clerk = await p.login('xc.clerk');
    assert.equal(codeOf(await p.gql(CREATE, { in: { orgId: xinchengId, username: 'xc.byclerk', displayName: 'x', roles: ['CLERK'] } }, clerk)), 'FORBIDDEN');
    for (const [input, field] of [
      [{ username: 'X', displayName: '名字', roles: ['CLERK'] }, 'username'],
      [{ username: 'xc.noname', displayName: '   ', roles: ['CLERK'] }, 'displayName'],
      [{ username: 'xc.emoji', displayName: '李😀明', roles: ['CLERK'] }, 'displayName'],
      [{ username: 'xc.markup', displayName: '<b>王</b>', roles: ['CLERK'] }, 'displayName'],
      [{ username: 'xc.noroles', displayName: '名字', roles: [] }, 'roles'],
      [{ username: 'xc.badrole', displayName: '名字', roles: ['EMPEROR'] }, 'roles'],
      [{ username: 'xc.clerk', displayName: '重名', roles: ['CLERK'] }, 'username'],
    ] as const) {
      const bad = await p.gql(CREATE, { in: { orgId: xinchengId, ...input } }, xcAdmin);
      assert.ok(['BAD_INPUT', 'USERNAME_TAKEN', 'BAD_REQUEST'].includes(codeOf(bad) ?? ''), `${JSON.stringify(input)} → ${codeOf(bad)}`);
      if (codeOf(bad) !== 'BAD_REQUEST') assert.equal(bad.errors?.[0]?.extensions?.field, field);
    }
    const users = await p.gql('query($o: ID!) { users(orgId: $o) { username } }', { o: xinchengId }, xcAdmin);
    const names = (users.data?.users as { username: string }[]).map((u) => u.username);
    for (const n of ['xc.intruder', 'xc.byclerk', 'xc.noname', 'xc.emoji', 'xc.markup', 'xc.noroles', 'xc.badrole'])
      assert.ok(!names.includes(n), `${n} must not exist`);
    assert.equal(names.filter((n) => n === 'xc.clerk').length, 1);
  });

  test('a sibling county cannot list another county’s accounts or contacts; its city can', async () => {
    const blClerk = await p.login('bl.clerk');
    assert.equal(codeOf(await p.gql('query($o: ID!) { users(orgId: $o) { username } }', { o: xinchengId }, blClerk)), 'FORBIDDEN');
    const contacts = await p.gql('query($o: ID!) { contacts(orgId: $o) { name mobile } }', { o: xinchengId }, blClerk);
    assert.deepEqual(contacts.data?.contacts, [], 'row-level security hides another county’s contacts');
    const xaAdmin = await p.login('xa.admin');
    const fromCity = await p.gql('query($o: ID!) { users(orgId: $o) { username } contacts(orgId: $o) { name } }', { o: xinchengId }, xaAdmin);
    assert.ok((fromCity.data?.users as unknown[]).length >= 3);
    assert.equal((fromCity.data?.contacts as unknown[]).length, 1);
  });

  test('the contact register: an administrator files contacts, with numbers checked', async () => {
    const ADD = 'mutation($o: ID!, $in: ContactInput!) { addContact(orgId: $o, input: $in) { id name mobile urgentAlerts } }';
    const ok = await p.gql(ADD, { o: xinchengId, in: { name: '王文书', post: '收文员', phone: '029-87654321', mobile: '13800000001' } }, xcAdmin);
    assert.equal(ok.data?.addContact.name, '王文书');
    assert.equal(ok.data?.addContact.urgentAlerts, true);
    const bad = await p.gql(ADD, { o: xinchengId, in: { name: '李', post: '收文员', phone: 'call me', mobile: '123' } }, xcAdmin);
    assert.equal(codeOf(bad), 'BAD_INPUT');
    assert.equal(bad.errors?.[0]?.extensions?.field, 'phone');
    const blAdmin = await p.login('bl.admin');
    assert.equal(codeOf(await p.gql(ADD, { o: xinchengId, in: { name: '冒名', post: 'x', phone: '029-1234567' } }, blAdmin)), 'FORBIDDEN');
    const list = await p.gql('query($o: ID!) { contacts(orgId: $o) { name } }', { o: xinchengId }, xcAdmin);
    assert.deepEqual((list.data?.contacts as { name: string }[]).map((c) => c.name).sort(), ['王秀兰', '王文书'].sort());
  });

  test('人员名单备案: the office above reads every unit below it with its contacts, who has not filed, a page at a time; no one else does', async () => {
    const ROSTER = `query($r: ID!, $n: Boolean, $f: Int, $a: String) { contactRoster(rootId: $r, notFiledOnly: $n, first: $f, after: $a) {
      totalCount filedCount nodes { orgId name level filed changedAt contacts { name post mobile } } pageInfo { endCursor hasNextPage } } }`;
    type Page = {
      totalCount: number;
      filedCount: number;
      nodes: { orgId: string; name: string; filed: boolean; changedAt: string | null; contacts: { name: string; mobile: string | null }[] }[];
      pageInfo: { endCursor: string | null; hasNextPage: boolean };
    };
    const xaAdmin = await p.login('xa.admin');
    const xianId = (await p.superQuery<{ id: string }>("select id from org.orgs where code = '610100'"))[0]?.id as string;
    // The 莲湖区 office files no one: it has not reported.
    const lianhu = (await p.superQuery<{ id: string }>("select id from org.orgs where code = '610104'"))[0]?.id as string;
    await p.superQuery('delete from org.contacts where org_id = $1', [lianhu]);
    const expected = await p.superQuery<{ name: string; filed: boolean }>(
      `select o.name, exists (select 1 from org.contacts c where c.org_id = o.id and c.mobile is not null) as filed
         from org.orgs o where o.path <@ (select path from org.orgs where code = '610100') and o.status = 'ACTIVE' order by o.path`,
    );
    const all = (await p.gql(ROSTER, { r: xianId }, xaAdmin)).data?.contactRoster as Page;
    assert.deepEqual(
      all.nodes.map((n) => [n.name, n.filed]),
      expected.map((e) => [e.name, e.filed]),
      'every active unit of the subtree, in hierarchy order',
    );
    assert.deepEqual([all.totalCount, all.filedCount], [expected.length, expected.filter((e) => e.filed).length]);
    const xincheng = all.nodes.find((n) => n.orgId === xinchengId);
    assert.ok(
      xincheng?.contacts.some((c) => c.name === '王文书' && c.mobile === '13800000001'),
      'with its contacts',
    );
    assert.ok(xincheng?.changedAt, 'and when its list last changed');
    const missing = (await p.gql(ROSTER, { r: xianId, n: true }, xaAdmin)).data?.contactRoster as Page;
    assert.ok(missing.nodes.some((n) => n.orgId === lianhu));
    assert.ok(missing.nodes.every((n) => !n.filed && n.contacts.every((c) => !c.mobile)));
    // A page at a time, the next one after the last.
    const first = (await p.gql(ROSTER, { r: xianId, f: 2 }, xaAdmin)).data?.contactRoster as Page;
    assert.equal(first.pageInfo.hasNextPage, expected.length > 2);
    const next = (await p.gql(ROSTER, { r: xianId, f: 2, a: first.pageInfo.endCursor }, xaAdmin)).data?.contactRoster as Page;
    assert.deepEqual(
      [...first.nodes, ...next.nodes].map((n) => n.name),
      expected.slice(0, 4).map((e) => e.name),
    );
    // Not a unit's neighbour, nor one beside it, nor its people without the role; bad input named.
    const baoji = (await p.superQuery<{ id: string }>("select id from org.orgs where code = '610300'"))[0]?.id as string;
    for (const [who, root, code] of [
      ['bl.admin', xianId, 'FORBIDDEN'],
      ['xa.admin', baoji, 'FORBIDDEN'],
      ['xa.clerk', xianId, 'FORBIDDEN'],
    ] as const) {
      const r = await p.gql(ROSTER, { r: root }, await p.login(who));
      assert.equal(codeOf(r), code, `${who}`);
      assert.equal(r.data ?? null, null);
    }
    assert.equal((await p.gql(ROSTER, { r: xianId, f: 0 }, xaAdmin)).errors?.[0]?.extensions?.field, 'first');
    assert.equal(codeOf(await p.gql(ROSTER, { r: xianId, a: '@@@' }, xaAdmin)), 'BAD_INPUT');
  });
});

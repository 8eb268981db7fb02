// 定期通报 (seed 000 §24: 电子公文接收情况实行定期通报制度; seed 001 §16: 对收文情况定期检查和通报). 西安市's
// administrator sets its bulletins to be published monthly and has last month's published at once: 碑林区, which never
// signed for the city's notice, is named in it, 新城区, which signed in time, is not. The job publishes each next
// month's as it begins, once; a unit whose job fell behind gets every missed week, oldest first; a renamed unit's
// bulletins carry its new name; taking the schedule away stops them. A clerk may not set it, a bad cadence changes
// nothing, and a county sees neither the city's schedule nor its bulletins.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { codeOf, eventually, ok, type Platform, startPlatform } from '../../../test/support/harness.ts';
import { nextPublication, periodBefore, scheduledTitle } from '../src/domain/bulletin-schedule.ts';
import { lastMonthsNotice } from './support/last-months-notice.ts';

let p: Platform;
before(async () => {
  p = await startPlatform({ services: ['documents'] });
});
after(() => p?.close());

const gql = async (user: string, q: string, v: Record<string, unknown> = {}) => p.gql(q, v, await p.login(user));

const SCHEDULE = '{ bulletinSchedule { cadence nextAt setByName } }';
const SET = 'mutation($c: String, $last: Boolean) { setBulletinSchedule(cadence: $c, publishLastPeriod: $last) { cadence nextAt setByName } }';
const BULLETINS = '{ bulletins { id title periodFrom periodTo cadence createdByName rows { recipientName missing } pdfSha256 } }';
type Bulletin = { id: string; title: string; periodFrom: string; periodTo: string; cadence: string | null; createdByName: string; rows: unknown[] };
const scheduled = async (user = 'xa.admin') => ok<Bulletin[]>(await gql(user, BULLETINS), 'bulletins').filter((b) => b.cadence);

/** The service's own job publishes a period as it ends: a test that sets a schedule first waits out a period's end that is
 * about to pass (a run across Monday's or the 1st's midnight, China time), so the job does not publish before the test. */
async function clearOfPeriodEnd(cadence: 'WEEKLY' | 'MONTHLY') {
  const wait = nextPublication(cadence, new Date()).getTime() - Date.now();
  if (wait < 120_000) await new Promise((r) => setTimeout(r, wait + 5_000));
}

test('set monthly with last month at once: the late county named, the schedule’s next month ahead, once only', async () => {
  await clearOfPeriodEnd('MONTHLY');
  await lastMonthsNotice(p, '定期通报测试');
  // Not a clerk's to set; a cadence not known is refused and changes nothing.
  assert.equal(codeOf(await gql('xa.clerk', SET, { c: 'MONTHLY' })), 'FORBIDDEN');
  assert.equal(codeOf(await gql('xa.clerk', SCHEDULE)), 'FORBIDDEN');
  const bad = await gql('xa.admin', SET, { c: 'DAILY' });
  assert.equal(codeOf(bad), 'BAD_INPUT');
  assert.equal(bad.errors?.[0]?.extensions?.field, 'cadence');
  assert.equal(ok(await gql('xa.admin', SCHEDULE), 'bulletinSchedule'), null, 'nothing set');

  const now = new Date();
  const set = ok<{ cadence: string; nextAt: string; setByName: string }>(await gql('xa.admin', SET, { c: 'MONTHLY', last: true }), 'setBulletinSchedule');
  assert.deepEqual(set, { cadence: 'MONTHLY', nextAt: nextPublication('MONTHLY', now).toISOString(), setByName: '孙涛' });
  const last = periodBefore('MONTHLY', now);
  const [b] = await scheduled();
  assert.ok(b, 'last month’s bulletin is published');
  assert.equal(b.title, scheduledTitle('MONTHLY', last));
  assert.deepEqual([b.periodFrom, b.periodTo], [last.from.toISOString(), last.to.toISOString()]);
  assert.equal(b.createdByName, '孙涛', 'by the person who set the schedule');
  assert.deepEqual(b.rows, [{ recipientName: '西安市碑林区人民政府', missing: 1 }], '碑林区 never signed; 新城区 signed in time');

  // 碑林区 is told in its inbox, of its own figures; 新城区, not named, is told nothing.
  const told = async (user: string) =>
    ok<{ text: string; kind: string; deliveryId: string | null }[]>(
      await gql(user, '{ notifications(unreadOnly: true) { text kind deliveryId } }'),
      'notifications',
    ).filter((n) => n.kind === 'BULLETINED');
  const notice = [`【驿站】通报：西安市人民政府在《${scheduledTitle('MONTHLY', last)}》中通报你单位电子公文未签收1件，请切实做好电子公文按时签收工作。`, null];
  assert.deepEqual(
    (await told('bl.clerk')).map((n) => [n.text, n.deliveryId]),
    [notice],
  );
  assert.deepEqual(await told('xc.clerk'), []);

  // Set again, last month asked for again: it is there already, not published twice, nor told twice.
  ok(await gql('xa.admin', SET, { c: 'MONTHLY', last: true }), 'setBulletinSchedule');
  assert.equal((await scheduled()).length, 1, 'one bulletin of last month');
  assert.equal((await told('bl.clerk')).length, 1, 'told once');

  // The job: nothing before the next month begins, this month's as it does, then nothing more until the month after.
  const next = new Date(set.nextAt);
  assert.equal(await p.publishScheduledBulletins(new Date(next.getTime() - 60_000)), 0, 'not before its time');
  assert.equal(await p.publishScheduledBulletins(next), 1, 'this month’s, as the next begins');
  assert.equal(await p.publishScheduledBulletins(next), 0, 'once');
  const titles = (await scheduled()).map((x) => x.title);
  assert.deepEqual(titles, [scheduledTitle('MONTHLY', periodBefore('MONTHLY', next)), scheduledTitle('MONTHLY', last)]);
  assert.equal(
    ok<{ nextAt: string }>(await gql('xa.admin', SCHEDULE), 'bulletinSchedule').nextAt,
    nextPublication('MONTHLY', next).toISOString(),
    'the month after is next',
  );

  // A county sees neither the city's schedule nor its bulletins.
  assert.equal(ok(await gql('bl.admin', SCHEDULE), 'bulletinSchedule'), null);
  assert.deepEqual(await scheduled('bl.admin'), []);
  for (const id of [b.id]) assert.equal(codeOf(await gql('bl.admin', 'query($id: ID!) { bulletin(id: $id) { id } }', { id })), 'NOT_FOUND');
});

test('a job that fell behind publishes every missed week, oldest first; a renamed unit’s carry its new name; cleared, no more', async () => {
  await clearOfPeriodEnd('WEEKLY');
  const set = ok<{ nextAt: string }>(await gql('xa.admin', SET, { c: 'WEEKLY' }), 'setBulletinSchedule');
  const first = new Date(set.nextAt);
  // The unit renamed before the weeks are published: its bulletins' PDF prints the name org now holds.
  const xian = await p.orgId('610100');
  ok(
    await gql('sx.admin', 'mutation($id: ID!, $n: String!) { renameOrg(id: $id, name: $n, shortName: "西安市", reason: "更名测试") { id } }', {
      id: xian,
      n: '西安市人民政府（更名）',
    }),
    'renameOrg',
  );
  // Org's event reaches documents' follower once org's relay has published it.
  const named = await eventually(
    async () => (await p.superQuery<{ org_name: string }>('select org_name from documents.bulletin_schedules where org_id = $1', [xian]))[0]?.org_name,
    (n) => n === '西安市人民政府（更名）',
    p.drainDocumentsOrgEvents,
  );
  assert.equal(named, '西安市人民政府（更名）');

  // Down for a fortnight and a day: the three weeks that ended are published at the next turn, each once.
  const late = new Date(first.getTime() + 15 * 86_400_000);
  assert.equal(await p.publishScheduledBulletins(late), 3);
  const weekly = (await scheduled()).filter((b) => b.cadence === 'WEEKLY');
  const weeks = [0, 7, 14].map((d) => periodBefore('WEEKLY', new Date(first.getTime() + d * 86_400_000)));
  assert.deepEqual(
    weekly.map((b) => [b.title, b.periodFrom]).sort((a, b) => String(a[1]).localeCompare(String(b[1]))),
    weeks.map((w) => [scheduledTitle('WEEKLY', w), w.from.toISOString()]),
  );
  assert.equal(await p.publishScheduledBulletins(late), 0, 'nothing more until the next week ends');

  assert.equal(ok(await gql('xa.admin', SET, { c: null }), 'setBulletinSchedule'), null);
  assert.equal(ok(await gql('xa.admin', SCHEDULE), 'bulletinSchedule'), null);
  assert.equal(await p.publishScheduledBulletins(new Date(late.getTime() + 400 * 86_400_000)), 0, 'taken away: none');
});

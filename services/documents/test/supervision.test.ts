// Supervision: due times from the inbox checks across weekends and holidays (plain functions), then, through the
// gateway, overdue deliveries under a supervising unit, receipt performance, a stored bulletin and its CSV.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import { codeOf, ok, type Platform, startPlatform } from '../../../test/support/harness.ts';
import { calendarGap, dueAfter, dueBy, performance, type WorkCalendar } from '../src/domain/supervision.ts';

const cal = (entries: [string, boolean][] = []): WorkCalendar => ({ days: new Map(entries) });
const china = (s: string) => new Date(`${s}+08:00`);

describe('when a delivery is due (seed 000 §10: checks at 9:00 and 15:00 each working day)', () => {
  test('on a working day: the next check the same day', () => {
    assert.deepEqual(dueAfter(china('2026-11-18T08:00:00'), cal()), china('2026-11-18T09:00:00'));
    assert.deepEqual(dueAfter(china('2026-11-18T10:30:00'), cal()), china('2026-11-18T15:00:00'));
    assert.deepEqual(dueAfter(china('2026-11-18T15:00:00'), cal()), china('2026-11-19T09:00:00'), 'arriving at 15:00 sharp waits for the next check');
  });
  test('across a weekend: Friday evening is due Monday 9:00', () => {
    assert.deepEqual(dueAfter(china('2026-11-20T16:00:00'), cal()), china('2026-11-23T09:00:00'));
  });
  test('across a holiday, and a make-up working Saturday counts', () => {
    const national = cal([
      ['2026-10-01', false],
      ['2026-10-02', false],
      ['2026-10-05', false],
      ['2026-10-06', false],
      ['2026-10-07', false],
      ['2026-10-10', true],
    ]);
    assert.deepEqual(dueAfter(china('2026-09-30T16:00:00'), national), china('2026-10-08T09:00:00'), 'through the 国庆 holiday');
    assert.deepEqual(dueAfter(china('2026-10-09T16:00:00'), national), china('2026-10-10T09:00:00'), 'Saturday 10 October is a working day (调休)');
  });
  test('a year whose holidays are not listed is named: this year at once, the next from November', () => {
    const y2026 = ['2026-01-01', '2026-02-17', '2026-10-01'];
    assert.equal(calendarGap('2026-06-15', []), 2026, 'nothing listed for the year one is in');
    assert.equal(calendarGap('2026-06-15', y2026), null, 'in June the next year can wait');
    assert.equal(calendarGap('2026-10-31', y2026), null, 'two months and a day before it');
    assert.equal(calendarGap('2026-11-01', y2026), 2027, 'from 1 November the next year is due');
    assert.equal(calendarGap('2026-12-31', y2026), 2027);
    assert.equal(calendarGap('2026-12-06', [...y2026, '2027-01-01', '2027-10-01']), null, 'its 元旦 and 国庆节 entered');
    assert.equal(calendarGap('2026-12-06', [...y2026, '2027-01-01', '2027-01-02']), 2027, '元旦 alone is not the year entered');
    assert.equal(calendarGap('2026-06-15', ['2026-01-01']), 2026, 'nor is this year without its 国庆节');
    assert.equal(calendarGap('2027-01-04', y2026), 2027, 'a year begun without its holidays');
  });
  test('an urgent document’s deadline replaces the check', () => {
    const deadline = china('2026-11-21T12:00:00');
    assert.deepEqual(dueBy(china('2026-11-21T10:00:00'), deadline, cal()), deadline);
  });
  test('performance counts on time, late and missing, and leaves out what is not yet due', () => {
    const now = china('2026-11-21T12:00:00');
    const due = china('2026-11-20T09:00:00');
    const rows = performance(
      [
        { recipientOrgId: 'a', recipientName: '甲', dueAt: due, signedAt: china('2026-11-20T08:00:00') },
        { recipientOrgId: 'a', recipientName: '甲', dueAt: due, signedAt: china('2026-11-20T10:00:00') },
        { recipientOrgId: 'b', recipientName: '乙', dueAt: due, signedAt: null },
        { recipientOrgId: 'b', recipientName: '乙', dueAt: china('2026-11-23T09:00:00'), signedAt: null },
      ],
      now,
    );
    assert.deepEqual(
      rows.map((r) => [r.recipientName, r.total, r.onTime, r.late, r.missing]),
      [
        ['乙', 1, 0, 0, 1],
        ['甲', 2, 1, 1, 0],
      ],
    );
  });
});

describe('supervising receipts', () => {
  let p: Platform;
  before(async () => {
    p = await startPlatform({ services: ['documents'] });
  });
  after(() => p.close());

  test('a city sees what is overdue below it, each unit’s record, and publishes a bulletin with its CSV', async () => {
    const gql = async (user: string, q: string, v: Record<string, unknown> = {}) => p.gql(q, v, await p.login(user));
    const [xincheng, beilin] = [await p.orgId('610102'), await p.orgId('610103')];
    const created = await gql('xa.drafter', 'mutation($in: DraftInput!) { createDraft(input: $in) { id } }', {
      in: { docType: '通知', title: '督查测试', body: '正文', docPrefix: '市政发', recipients: [{ orgIds: [xincheng, beilin] }] },
    });
    const doc = created.data?.createDraft.id;
    await gql('xa.drafter', 'mutation($id: ID!) { submitForApproval(id: $id) { id } }', { id: doc });
    await gql('xa.leader', 'mutation($id: ID!) { approveDocument(id: $id) { id } }', { id: doc });
    await gql('xa.leader', 'mutation($id: ID!) { approveDocument(id: $id) { id } }', { id: doc });
    await gql('xa.clerk', 'mutation($id: ID!, $k: String!) { sendDocument(id: $id, sendKey: $k) { id } }', { id: doc, k: randomUUID() });
    // Due a day ahead rather than at the next check, which a run may cross between here and the reads below.
    await p.superQuery("update documents.deliveries set due_at = now() + interval '1 day' where document_id = $1", [doc]);
    // 临期, before its time: both counties' deliveries wait, due at the next check, not yet overdue; a county's clerk
    // sees its own only.
    type Row = { recipientName: string; title: string; dueAt: string };
    const soon = (await gql('xa.admin', '{ dueSoonDeliveries { recipientName title dueAt } }')).data?.dueSoonDeliveries as Row[];
    assert.deepEqual(
      soon
        .filter((d) => d.title === '督查测试')
        .map((d) => d.recipientName)
        .sort(),
      ['西安市新城区人民政府', '西安市碑林区人民政府'].sort(),
    );
    assert.ok(
      soon.every((d) => new Date(d.dueAt).getTime() >= Date.now() - 60_000),
      'none past due',
    );
    const overdueNow = (await gql('xa.admin', '{ overdueDeliveries { title } }')).data?.overdueDeliveries as Row[];
    assert.ok(!overdueNow.some((d) => d.title === '督查测试'), 'not overdue yet');
    const own = (await gql('bl.clerk', '{ dueSoonDeliveries { recipientName title } }')).data?.dueSoonDeliveries as Row[];
    assert.deepEqual([...new Set(own.map((d) => d.recipientName))], ['西安市碑林区人民政府']);
    // The scenario: sent last Friday at 16:00; 新城区 opened and signed for it on Monday at 8:30 (in time), 碑林区 never did.
    const c = new pg.Client({ connectionString: p.db.superUrl });
    await c.connect();
    await c.query(
      "update documents.deliveries set delivered_at = '2026-11-13T16:00:00+08:00', document_sent_at = '2026-11-13T16:00:00+08:00', due_at = '2026-11-16T09:00:00+08:00' where document_id = $1",
      [doc],
    );
    await c.query(
      "update documents.deliveries set status = 'SIGNED', received_at = '2026-11-16T08:30:00+08:00', received_by_name = 'xc.clerk', receipt_action = 'OPEN', signed_at = '2026-11-16T08:31:00+08:00', signed_by_name = '王秀兰' where document_id = $1 and recipient_org_id = $2",
      [doc, xincheng],
    );
    await c.end();

    const overdue = (await gql('xa.admin', '{ overdueDeliveries { recipientName title dueAt } }')).data?.overdueDeliveries;
    assert.ok(overdue.some((d: { recipientName: string; title: string }) => d.recipientName === '西安市碑林区人民政府' && d.title === '督查测试'));
    assert.ok(!overdue.some((d: { recipientName: string }) => d.recipientName === '西安市新城区人民政府'));
    assert.deepEqual((await gql('bl.clerk', '{ overdueDeliveries { id } }')).data?.overdueDeliveries.length, 1, '碑林区 sees only its own');
    const soonAfter = (await gql('xa.admin', '{ dueSoonDeliveries { title } }')).data?.dueSoonDeliveries as Row[];
    assert.ok(!soonAfter.some((d) => d.title === '督查测试'), 'past its time it is overdue, no longer due soon');
    assert.deepEqual((await gql('xc.clerk', '{ overdueDeliveries { id } }')).data?.overdueDeliveries, [], '新城区 sees nothing of 碑林区');
    // The count is of the same deliveries, all of them: the list cut at `first` says how many it leaves out.
    const all = (await gql('xa.admin', '{ overdueDeliveries(first: 1000) { id } }')).data?.overdueDeliveries.length as number;
    const counted = await gql('xa.admin', '{ overdueDeliveries(first: 1) { id } overdueDeliveryCount }');
    assert.deepEqual([counted.data?.overdueDeliveries.length, counted.data?.overdueDeliveryCount], [1, all]);
    assert.equal((await gql('bl.clerk', '{ overdueDeliveryCount }')).data?.overdueDeliveryCount, 1, '碑林区 counts only its own');
    assert.equal((await gql('xc.clerk', '{ overdueDeliveryCount }')).data?.overdueDeliveryCount, 0, '新城区 counts nothing of 碑林区');
    // Supervising the units below is for supervisors, administrators and leaders: the city's clerk sees what is
    // overdue for the city itself, not 碑林区's, and is refused the subtree's performance.
    assert.deepEqual((await gql('xa.clerk', '{ overdueDeliveries { recipientName } }')).data?.overdueDeliveries, [], 'a city clerk sees only the city’s own');
    assert.equal(
      codeOf(
        await gql('xa.clerk', 'query($from: DateTimeISO!, $to: DateTimeISO!) { receiptPerformance(from: $from, to: $to) { total } }', {
          from: '2026-11-01T00:00:00+08:00',
          to: '2026-11-30T00:00:00+08:00',
        }),
      ),
      'FORBIDDEN',
    );

    const range = { from: '2026-11-09T00:00:00+08:00', to: '2026-11-16T00:00:00+08:00' };
    const perf = (
      await gql(
        'xa.admin',
        'query($from: DateTimeISO!, $to: DateTimeISO!) { receiptPerformance(from: $from, to: $to) { recipientName total onTime missing onTimeRate } }',
        range,
      )
    ).data?.receiptPerformance;
    assert.deepEqual(perf, [
      { recipientName: '西安市碑林区人民政府', total: 1, onTime: 0, missing: 1, onTimeRate: 0 },
      { recipientName: '西安市新城区人民政府', total: 1, onTime: 1, missing: 0, onTimeRate: 1 },
    ]);
    const published = await gql(
      'xa.admin',
      'mutation($from: DateTimeISO!, $to: DateTimeISO!) { publishBulletin(title: "2026年第46周电子公文接收情况通报", from: $from, to: $to) { id rows { recipientName missing } csv pdfSha256 } }',
      range,
    );
    assert.equal(published.errors, undefined, JSON.stringify(published.errors));
    const b = published.data?.publishBulletin;
    assert.deepEqual(b.rows, [{ recipientName: '西安市碑林区人民政府', missing: 1 }], 'the bulletin lists only late and missing units');
    assert.equal(b.csv, '单位,应收,按时签收,迟签,未签收,按时率\n西安市碑林区人民政府,1,0,0,1,0.0%\n');
    assert.equal((await gql('xa.admin', '{ bulletins { id } }')).data?.bulletins[0].id, b.id, 'stored');
    const pdf = await fetch(`${p.gatewayUrl.replace('/graphql', '/blobs')}/${b.pdfSha256}`, {
      headers: { authorization: `Bearer ${await p.login('xa.admin')}` },
    });
    assert.equal(pdf.status, 200);
    assert.equal(pdf.headers.get('content-type'), 'application/pdf');
    assert.ok(
      Buffer.from(await pdf.arrayBuffer())
        .toString('latin1')
        .startsWith('%PDF-'),
      'the bulletin exports as PDF',
    );
    assert.equal(
      codeOf(await gql('xa.clerk', 'mutation($from: DateTimeISO!, $to: DateTimeISO!) { publishBulletin(title: "x", from: $from, to: $to) { id } }', range)),
      'FORBIDDEN',
    );
    assert.equal(
      codeOf(await gql('xa.admin', 'query($from: DateTimeISO!, $to: DateTimeISO!) { receiptPerformance(from: $to, to: $from) { total } }', range)),
      'BAD_INPUT',
    );
    // A bulletin of a period not yet begun would say every unit was on time: refused, naming its start.
    const future = await gql(
      'xa.admin',
      'mutation($from: DateTimeISO!, $to: DateTimeISO!) { publishBulletin(title: "未来通报", from: $from, to: $to) { id } }',
      {
        from: '9999-01-01T00:00:00+08:00',
        to: '9999-12-31T00:00:00+08:00',
      },
    );
    assert.equal(codeOf(future), 'BAD_INPUT');
    assert.deepEqual(future.errors?.[0]?.extensions?.rule, { notFuture: true });
    assert.equal(future.errors?.[0]?.extensions?.field, 'from');
    // Its title heads the print and every notice: one line, no control characters.
    for (const title of ['通报\u0001\u001b[31m', '通报\n第二行']) {
      const r = await gql(
        'xa.admin',
        'mutation($t: String!, $from: DateTimeISO!, $to: DateTimeISO!) { publishBulletin(title: $t, from: $from, to: $to) { id } }',
        {
          t: title,
          ...range,
        },
      );
      assert.deepEqual([codeOf(r), r.errors?.[0]?.extensions?.field], ['BAD_INPUT', 'title'], JSON.stringify(title));
    }
    assert.equal(
      codeOf(await gql('bl.clerk', 'query($id: ID!) { bulletin(id: $id) { id } }', { id: b.id })),
      'NOT_FOUND',
      'a county does not read its city’s bulletin',
    );
    const sibling = await gql(
      'bj.admin',
      'query($from: DateTimeISO!, $to: DateTimeISO!) { receiptPerformance(from: $from, to: $to) { recipientName } }',
      range,
    );
    assert.deepEqual(sibling.data?.receiptPerformance, [], 'another city sees nothing of 西安’s units');

    // 拟制通报: 西安市's drafter drafts the 通报 the city issues from it — 通报, its title, the figures in the text, 碑林区
    // its recipient — approved and sent as any document, and 碑林区's clerk has it.
    const DRAFT = 'mutation($b: ID!) { draftBulletinDocument(bulletinId: $b) { id docType title mainTo status body plannedRecipients { count } } }';
    const drafted = await gql('xa.drafter', DRAFT, { b: b.id });
    assert.equal(drafted.errors, undefined, JSON.stringify(drafted.errors));
    const notice = drafted.data?.draftBulletinDocument;
    assert.deepEqual(
      [notice.docType, notice.title, notice.mainTo, notice.status, notice.plannedRecipients.count],
      ['通报', '2026年第46周电子公文接收情况通报', '西安市碑林区人民政府', 'DRAFT', 1],
    );
    assert.match(notice.body, /<td>西安市碑林区人民政府<\/td><td>1<\/td><td>0<\/td><td>0<\/td><td>1<\/td><td>0\.0%<\/td>/);
    assert.match(notice.body, /共有1个单位未按时签收电子公文，迟签0件，未签收1件/);
    // The unit's drafters only; another unit's bulletin is not found.
    for (const [user, code] of [
      ['xa.admin', 'FORBIDDEN'],
      ['xa.clerk', 'FORBIDDEN'],
      ['bj.admin', 'FORBIDDEN'],
    ] as const)
      assert.equal(codeOf(await gql(user, DRAFT, { b: b.id })), code, user);
    assert.equal(codeOf(await gql('xc.drafter', DRAFT, { b: b.id })), 'NOT_FOUND', 'a county’s drafter, its city’s bulletin');
    assert.equal(codeOf(await gql('xa.drafter', DRAFT, { b: 'nope' })), 'NOT_FOUND');
    ok(await gql('xa.drafter', 'mutation($id: ID!) { submitForApproval(id: $id) { id } }', { id: notice.id }), 'submitForApproval');
    ok(await gql('xa.leader', 'mutation($id: ID!) { approveDocument(id: $id) { id } }', { id: notice.id }), 'approveDocument');
    ok(await gql('xa.leader', 'mutation($id: ID!) { approveDocument(id: $id) { id } }', { id: notice.id }), 'approveDocument');
    ok(
      await gql('xa.clerk', 'mutation($id: ID!, $k: String!) { sendDocument(id: $id, sendKey: $k) { status } }', { id: notice.id, k: randomUUID() }),
      'sendDocument',
    );
    const inbox = ok<{ nodes: { docType: string }[] }>(
      await gql('bl.clerk', '{ inbox(filter: {search: "2026年第46周电子公文接收情况通报"}) { nodes { docType } } }'),
      'inbox',
    );
    assert.deepEqual(
      inbox.nodes.map((n) => n.docType),
      ['通报'],
    );
  });

  test('a supervisor sees what the documents its unit sent wait for, outside its subtree too; below it, and beside it, nobody else does', async () => {
    const gql = async (user: string, q: string, v: Record<string, unknown> = {}) => p.gql(q, v, await p.login(user));
    // 西安市 writes to 宝鸡市 (a peer city, outside its subtree); the letter waits, past its time.
    const baoji = await p.orgId('610300');
    const title = `督查测试：致宝鸡市（${Date.now().toString(36)}）`;
    const doc = (
      await gql('xa.drafter', 'mutation($in: DraftInput!) { createDraft(input: $in) { id } }', {
        in: { docType: '函', title, body: '正文', docPrefix: '市政发', recipients: [{ orgIds: [baoji] }] },
      })
    ).data?.createDraft.id;
    await gql('xa.drafter', 'mutation($id: ID!) { submitForApproval(id: $id) { id } }', { id: doc });
    for (let i = 0; i < 2; i++) await gql('xa.leader', 'mutation($id: ID!) { approveDocument(id: $id) { id } }', { id: doc });
    const sent = await gql('xa.clerk', 'mutation($id: ID!, $k: String!) { sendDocument(id: $id, sendKey: $k) { id } }', { id: doc, k: randomUUID() });
    assert.equal(sent.errors, undefined, JSON.stringify(sent.errors));
    await p.superQuery("update documents.deliveries set due_at = now() - interval '2 hours' where document_id = $1", [doc]);
    const sees = async (user: string) =>
      ((await gql(user, '{ overdueDeliveries { recipientName title } }')).data?.overdueDeliveries as { recipientName: string; title: string }[]).some(
        (d) => d.title === title,
      );
    assert.equal(await sees('xa.admin'), true, 'the sending city’s supervisor sees it');
    assert.equal(await sees('bj.admin'), true, 'the receiving city’s supervisor sees it below itself');
    assert.equal(await sees('xa.clerk'), false, 'a clerk supervises nothing');
    assert.equal(await sees('xc.admin'), false, 'a county below the sender does not see what the city sent elsewhere');
    // Its on-time ranking (and a bulletin) counts the units it sent to as well as those below it.
    const now = Date.now();
    const period = { from: new Date(now - 3_600_000).toISOString(), to: new Date(now + 3_600_000).toISOString() };
    const ranked = async (user: string) =>
      (
        (await gql(user, 'query($from: DateTimeISO!, $to: DateTimeISO!) { receiptPerformance(from: $from, to: $to) { recipientName missing } }', period)).data
          ?.receiptPerformance as { recipientName: string; missing: number }[]
      ).find((u) => u.recipientName === '宝鸡市人民政府');
    assert.equal((await ranked('xa.admin'))?.missing, 1, 'the sending city ranks the city it wrote to');
    assert.equal(await ranked('bj.admin'), undefined, 'a unit is not ranked by its own supervisor');
    assert.equal(await ranked('xc.admin'), undefined, 'nor by a county below the sender');
    // And may urge it, as the sender.
    const [row] = await p.superQuery<{ id: string }>('select id from documents.deliveries where document_id = $1', [doc]);
    const urged = await gql('xa.admin', 'mutation($ids: [ID!]!) { urgeDeliveries(ids: $ids) { deliveryId byName } }', { ids: [row?.id] });
    assert.equal(urged.errors, undefined, JSON.stringify(urged.errors));
    assert.deepEqual(
      urged.data?.urgeDeliveries.map((u: { deliveryId: string }) => u.deliveryId),
      [row?.id],
    );
  });

  test('the calendar is data the province’s administrator keeps; malformed days are refused', async () => {
    const gql = async (user: string, q: string, v: Record<string, unknown> = {}) => p.gql(q, v, await p.login(user));
    const cal = (await gql('xc.clerk', '{ workCalendar }')).data?.workCalendar;
    assert.deepEqual(cal.checkTimes, ['09:00', '15:00']);
    assert.ok(cal.days.some((d: { day: string; working: boolean }) => d.day === '2026-10-01' && !d.working));
    const set = 'mutation($t: [String!]!, $d: [CalendarDayInput!]!) { updateWorkCalendar(checkTimes: $t, days: $d) }';
    assert.equal(codeOf(await gql('xa.admin', set, { t: ['09:00'], d: [] })), 'FORBIDDEN', 'a city does not change the province’s calendar');
    assert.equal(codeOf(await gql('sx.admin', set, { t: ['9am'], d: [] })), 'BAD_INPUT');
    const bad = await gql('sx.admin', set, { t: ['09:00', '15:00'], d: [{ day: '2026-02-30', working: false }] });
    assert.equal(codeOf(bad), 'BAD_INPUT');
    assert.equal(bad.errors?.[0]?.extensions?.field, 'days[0].day');
    assert.equal(
      (await gql('sx.admin', set, { t: ['09:00', '15:00'], d: [{ day: '2026-12-31', working: false, note: '测试休息日' }] })).data?.updateWorkCalendar,
      1,
    );
    // A day entered by mistake is taken out and follows the weekday rule again; a malformed one is named.
    const remove = 'mutation($t: [String!]!, $r: [String!]) { updateWorkCalendar(checkTimes: $t, days: [], removeDays: $r) }';
    const badRemove = await gql('sx.admin', remove, { t: ['09:00', '15:00'], r: ['2026-12-31', '31/12/2026'] });
    assert.equal(badRemove.errors?.[0]?.extensions?.field, 'removeDays[1]');
    assert.ok(
      (await gql('xc.clerk', '{ workCalendar }')).data?.workCalendar.days.some((d: { day: string }) => d.day === '2026-12-31'),
      'nothing taken out',
    );
    assert.equal(codeOf(await gql('xa.admin', remove, { t: ['09:00'], r: ['2026-12-31'] })), 'FORBIDDEN');
    assert.equal((await gql('sx.admin', remove, { t: ['09:00', '15:00'], r: ['2026-12-31'] })).data?.updateWorkCalendar, 1);
    // A day given twice in one request, one working and one not, is refused naming the second: nothing written.
    const twice = await gql('sx.admin', set, {
      t: ['09:00', '15:00'],
      d: [
        { day: '2026-12-30', working: false, note: '先' },
        { day: '2026-12-30', working: true, note: '后' },
      ],
    });
    assert.deepEqual([codeOf(twice), twice.errors?.[0]?.extensions?.field], ['BAD_INPUT', 'days[1].day']);
    assert.equal(
      (await gql('xc.clerk', '{ workCalendar }')).data?.workCalendar.days.find((d: { day: string }) => d.day === '2026-12-30'),
      undefined,
    );
    assert.ok(!(await gql('xc.clerk', '{ workCalendar }')).data?.workCalendar.days.some((d: { day: string }) => d.day === '2026-12-31'));
    assert.equal(
      codeOf(await gql('sx.admin', set, { t: ['09:00'], d: [{ day: '2026-12-30', working: false, note: '很长'.repeat(30) }] })),
      'BAD_INPUT',
      'a note of 60 characters',
    );
  });

  test('the year whose holidays are missing is named to everyone, until its 元旦 and 国庆节 are entered', async () => {
    const gql = async (user: string, q: string, v: Record<string, unknown> = {}) => p.gql(q, v, await p.login(user));
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const year = Number(today.slice(0, 4));
    const set = 'mutation($d: [CalendarDayInput!]!, $r: [String!]) { updateWorkCalendar(checkTimes: ["09:00", "15:00"], days: $d, removeDays: $r) }';
    // This year listed, the next not: named only in its last two months.
    await gql('sx.admin', set, {
      d: [
        { day: `${year}-01-01`, working: false, note: '元旦' },
        { day: `${year}-10-01`, working: false, note: '国庆节' },
      ],
      r: [`${year + 1}-01-01`, `${year + 1}-10-01`],
    });
    const inLastMonths = today >= `${year}-11-01`;
    assert.equal((await gql('xc.clerk', '{ workCalendar }')).data?.workCalendar.missingYear, inLastMonths ? year + 1 : null);
    await gql('sx.admin', set, { d: [{ day: `${year + 1}-01-01`, working: false, note: '元旦' }] });
    assert.equal((await gql('xc.clerk', '{ workCalendar }')).data?.workCalendar.missingYear, inLastMonths ? year + 1 : null, '元旦 alone');
    await gql('sx.admin', set, { d: [{ day: `${year + 1}-10-01`, working: false, note: '国庆节' }] });
    assert.equal((await gql('xc.clerk', '{ workCalendar }')).data?.workCalendar.missingYear, null);
  });
});

// The unit's handling through the gateway (issue 15, step 2; 条例 第二十四条 承办、传阅、催办): 新城区's clerk signs for a
// notice of 西安市, proposes (拟办); the leader instructs (批示) 综合科 to handle it with 办公室 assisting, by a deadline,
// and names readers; 综合科 takes it up (承办) and concludes it (办结) with the result, which closes the delivery and
// archives the unit's copy with the handling history; a reader marks 已阅 and the clerk sees who has not; 催办 by the
// job (before and at the deadline, in-app and SMS) and by hand are recorded; the wrong role, unit, section and state
// are refused with nothing written; 待办 lists what waits for each person and updates live.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { codeOf, eventually, type GqlResult, ok, type Platform, startPlatform } from '../../../test/support/harness.ts';
import { readPdf } from '../../../test/support/pdf-text.ts';

let p: Platform;
const ids: Record<string, string> = {};
const tokens: Record<string, string> = {};
const token = async (user: string) => {
  tokens[user] ??= await p.login(user);
  return tokens[user] as string;
};
const gql = async (user: string, query: string, variables: Record<string, unknown> = {}) => p.gql(query, variables, await token(user));
const section: Record<string, string> = {};
const user: Record<string, string> = {};

before(async () => {
  p = await startPlatform({ services: ['documents', 'archive'] });
  for (const [k, code] of Object.entries({ xian: '610100', xincheng: '610102', beilin: '610103' })) ids[k] = await p.orgId(code);
  // 新城区's sections, as the demo seeds them: 综合科 (its drafter; a duty mobile for SMS, set here), 办公室 (its clerk).
  const seeded = ok<{ id: string; name: string }[]>(await gql('xc.admin', '{ sections { id name members { displayName } } }'), 'sections');
  for (const s of seeded) section[s.name] = s.id;
  assert.ok(section.综合科 && section.办公室, 'the demo’s sections');
  ok(
    await gql('xc.admin', 'mutation($id: ID!) { updateSection(id: $id, name: "综合科", mobile: "13800000001") { id } }', { id: section.综合科 }),
    'updateSection',
  );
  for (const u of ['xc.drafter', 'xc.clerk', 'xc.leader', 'xc.admin', 'bl.clerk']) {
    const [row] = await p.superQuery('select id from org.users where username = $1', [u]);
    user[u] = row.id;
  }
  ok(
    await gql('xc.admin', 'mutation($u: ID!, $s: ID) { assignSection(userId: $u, sectionId: $s) { id } }', { u: user['xc.drafter'], s: section.综合科 }),
    'assignSection',
  );
  ok(
    await gql('xc.admin', 'mutation($u: ID!, $s: ID) { assignSection(userId: $u, sectionId: $s) { id } }', { u: user['xc.clerk'], s: section.办公室 }),
    'assignSection',
  );
});
after(() => p?.close());

/** 西安市 sends a notice to 新城区, whose clerk signs for it (unless told not to); answers the document and 新城区's delivery. */
async function signedFor(title: string, urgency = 'NORMAL', opts: { sign?: boolean } = {}): Promise<{ doc: string; delivery: string }> {
  const doc = ok<{ id: string }>(
    await gql('xa.drafter', 'mutation($in: DraftInput!) { createDraft(input: $in) { id } }', {
      in: {
        docType: '通知',
        title,
        body: `<p>${title}</p>`,
        docPrefix: '市政发',
        urgency,
        ...(urgency === 'NORMAL' ? {} : { deadline: inDays(7) }),
        recipients: [{ orgIds: [ids.xincheng] }],
      },
    }),
    'createDraft',
  ).id;
  await gql('xa.drafter', 'mutation($id: ID!) { submitForApproval(id: $id) { id } }', { id: doc });
  await gql('xa.leader', 'mutation($id: ID!) { approveDocument(id: $id) { id } }', { id: doc });
  await gql('xa.leader', 'mutation($id: ID!) { approveDocument(id: $id) { id } }', { id: doc });
  ok(await gql('xa.clerk', 'mutation($id: ID!, $k: String!) { sendDocument(id: $id, sendKey: $k) { status } }', { id: doc, k: randomUUID() }), 'sendDocument');
  const delivery = ok<{ deliveries: { id: string }[] }>(
    await gql('xa.clerk', 'query($id: ID!) { document(id: $id) { deliveries { id } } }', { id: doc }),
    'document',
  ).deliveries[0]?.id as string;
  if (opts.sign !== false) ok(await gql('xc.clerk', 'mutation($id: ID!) { signForDelivery(id: $id) { id } }', { id: delivery }), 'signForDelivery');
  return { doc, delivery };
}

const H =
  'status statusText proposal proposedByName instruction instructedByName deadline result concludedByName tasks { sectionName role status deadline acceptedByName doneByName result overdue } readers { name readAt comment } unread history { action actorName note channel }';
const propose = (who: string, id: string, text = '拟请综合科办理，办公室协办。') =>
  gql(who, `mutation($id: ID!, $t: String!) { proposeHandling(deliveryId: $id, proposal: $t) { ${H} } }`, { id, t: text });
const instruct = (who: string, id: string, input: Record<string, unknown>) =>
  gql(who, `mutation($id: ID!, $in: HandlingInstructionInput!) { instructHandling(deliveryId: $id, input: $in) { ${H} } }`, { id, in: input });
const accept = (who: string, id: string) => gql(who, `mutation($id: ID!) { acceptHandling(deliveryId: $id) { ${H} } }`, { id });
const conclude = (who: string, id: string, result = '已按要求部署落实。') =>
  gql(who, `mutation($id: ID!, $r: String!) { concludeHandling(deliveryId: $id, result: $r) { ${H} } }`, { id, r: result });
const handling = async (who: string, id: string) => ok<any>(await gql(who, `query($id: ID!) { handling(deliveryId: $id) { ${H} } }`, { id }), 'handling');
const inDays = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString();

/** Everything the handling of a delivery has written, read underneath the application. */
async function footprint(deliveryId: string) {
  const [row] = await p.superQuery(
    `select (select row_to_json(h) from documents.handlings h where h.delivery_id = $1) as handling,
            (select count(*) from documents.handling_tasks t where t.delivery_id = $1)::int as tasks,
            (select json_agg(t.status order by t.section_name) from documents.handling_tasks t where t.delivery_id = $1) as task_states,
            (select count(*) from documents.handling_readers r where r.delivery_id = $1 and r.read_at is not null)::int as read,
            (select count(*) from documents.handling_readers r where r.delivery_id = $1)::int as readers,
            (select count(*) from documents.handling_history s where s.delivery_id = $1)::int as history,
            (select status from documents.deliveries d where d.id = $1) as delivery,
            (select handling_status || '/' || coalesce(handler_name, '') from documents.intake_register r where r.delivery_id = $1) as register,
            (select count(*) from documents.alerts a where a.delivery_id = $1)::int as alerts`,
    [deliveryId],
  );
  const [outbox] = await p.superQuery("select count(*)::int as n from documents.outbox where type = 'handling.changed'");
  return { ...row, outbox: outbox.n };
}

async function refused(r: Promise<GqlResult> | GqlResult, code: string, deliveryId: string, before: Awaited<ReturnType<typeof footprint>>) {
  const res = await r;
  assert.equal(codeOf(res), code, JSON.stringify(res.errors));
  assert.ok(res.status < 500, `HTTP ${res.status}`);
  assert.deepEqual(await footprint(deliveryId), before, 'nothing written');
}

describe('the unit’s handling (拟办 → 批示 → 承办 → 办结)', () => {
  test('the clerk proposes, the leader instructs a section with a deadline, the section handles and concludes; all by name', async () => {
    const { doc, delivery } = await signedFor('关于做好冬季防火工作的通知');
    const todoOf = async (who: string) =>
      ok<{ deliveryId: string; kind: string }[]>(await gql(who, '{ todo { deliveryId kind title intakeNumber deadline sectionName } }'), 'todo');
    assert.ok(
      (await todoOf('xc.clerk')).some((t) => t.deliveryId === delivery && t.kind === 'PROPOSE'),
      '待办: the clerk’s 拟办',
    );

    const proposed = ok<any>(await propose('xc.clerk', delivery), 'proposeHandling');
    assert.deepEqual([proposed.status, proposed.proposedByName], ['PROPOSED', '王秀兰']);
    assert.ok(
      (await todoOf('xc.leader')).some((t) => t.deliveryId === delivery && t.kind === 'INSTRUCT'),
      '待办: the leader’s 批示',
    );

    const deadline = inDays(5);
    const instructed = ok<any>(
      await instruct('xc.leader', delivery, {
        instruction: '请综合科牵头落实，办公室配合。',
        leadSectionId: section.综合科,
        deadline,
        assistSections: [{ sectionId: section.办公室 }],
        readerIds: [user['xc.admin']],
      }),
      'instructHandling',
    );
    assert.equal(instructed.status, 'INSTRUCTED');
    assert.equal(instructed.instructedByName, '罗文彬');
    assert.deepEqual(
      instructed.tasks.map((t: any) => [t.sectionName, t.role, t.status, t.deadline]),
      [
        ['综合科', 'LEAD', 'ASSIGNED', deadline],
        ['办公室', 'ASSIST', 'ASSIGNED', deadline],
      ],
    );
    assert.deepEqual(instructed.unread, ['高鹏'], 'the 批示’s reader is distributed to');
    const entry = ok<any>(
      await gql('xc.clerk', 'query($id: ID!) { delivery(id: $id) { intake { handlerName handling } } }', { id: delivery }),
      'delivery',
    ).intake;
    assert.deepEqual(entry, { handlerName: '综合科（主办）、办公室（协办）', handling: '已批示，待承办' }, 'the register’s 承办 and 办理情况');
    assert.ok(
      (await todoOf('xc.drafter')).some((t) => t.deliveryId === delivery && t.kind === 'HANDLE'),
      '待办: 综合科’s 承办',
    );

    const accepted = ok<any>(await accept('xc.drafter', delivery), 'acceptHandling');
    assert.equal(accepted.status, 'HANDLING');
    assert.equal(accepted.tasks[0].acceptedByName, '林强');
    const done = ok<any>(await conclude('xc.drafter', delivery), 'concludeHandling');
    assert.equal(done.status, 'CONCLUDED');
    assert.deepEqual([done.result, done.concludedByName], ['已按要求部署落实。', '林强']);
    assert.deepEqual(
      done.history.map((s: any) => [s.action, s.actorName]),
      [
        ['PROPOSE', '王秀兰'],
        ['INSTRUCT', '罗文彬'],
        ['ACCEPT', '林强'],
        ['CONCLUDE', '林强'],
        // 办公室's 协办, still open, closes with the 办结: nothing is left for it to act on.
        ['ASSIST_DONE', '林强'],
      ],
    );
    assert.deepEqual(
      done.tasks.map((x: { sectionName: string; role: string; status: string }) => [x.sectionName, x.role, x.status]),
      [
        ['综合科', 'LEAD', 'DONE'],
        ['办公室', 'ASSIST', 'DONE'],
      ],
    );
    assert.match(done.history.at(-1).note, /^办公室：主办机构已办结，随之办结$/);
    assert.ok(!(await todoOf('xc.clerk')).some((t) => t.deliveryId === delivery && t.kind === 'HANDLE'), '办公室’s 待办 is clear');
    assert.ok(!JSON.stringify(done).includes('xc.'), 'people by name, never by user name');
    // 办结 closed the delivery; the register says so; the archive holds the copy with its handling.
    const after = await footprint(delivery);
    assert.equal(after.delivery, 'CLOSED');
    assert.equal(after.register, 'CONCLUDED/综合科（主办）、办公室（协办）');
    const [record] = await p.superQuery('select events from archive.records where document_id = $1 and role = $2', [doc, 'RECIPIENT']);
    const archived = JSON.stringify(record?.events);
    for (const word of ['请综合科牵头落实', '已按要求部署落实', '林强', 'CONCLUDE']) assert.ok(archived.includes(word), `the archive record has ${word}`);
    // Filed with it, as paper is: the unit's 收文处理单, made as it was archived (its content: the sheet's own test).
    const [filed] = await p.superQuery('select components from archive.records where document_id = $1 and role = $2', [doc, 'RECIPIENT']);
    const forms = (filed?.components as { role: string; name: string; contentType: string }[]).filter((c) => c.role === 'FORM');
    assert.deepEqual(
      forms.map((c) => [c.contentType, /^收文处理单-收〔\d{4}〕\d+号-关于做好冬季防火工作的通知\.pdf$/.test(c.name)]),
      [['application/pdf', true]],
      JSON.stringify(forms),
    );
    // What is 办结 is still read and printed (the copy for the paper file): the delivery stays closed.
    const printed = ok<any>(
      await gql('xc.clerk', 'mutation($id: ID!) { printDelivery(id: $id) { copyNumber withinQuota } }', { id: delivery }),
      'printDelivery',
    );
    assert.equal(printed.withinQuota, true);
    assert.equal((await footprint(delivery)).delivery, 'CLOSED');
  });

  test('收文处理单: the office prints the handling as it was done, by name; other units, other roles and bad requests get none of it', async () => {
    const { doc, delivery } = await signedFor('关于开展冬季消防检查的通知');
    ok(await propose('xc.clerk', delivery, '拟请综合科牵头检查。'), 'proposeHandling');
    ok(
      await instruct('xc.leader', delivery, {
        instruction: '同意，请综合科本周内完成检查。',
        leadSectionId: section.综合科,
        deadline: inDays(5),
        assistSections: [{ sectionId: section.办公室 }],
        readerIds: [user['xc.admin']],
      }),
      'instructHandling',
    );
    ok(await accept('xc.drafter', delivery), 'acceptHandling');
    ok(await conclude('xc.drafter', delivery, '已完成全区消防检查。'), 'concludeHandling');
    const intake = ok<any>(await gql('xc.clerk', 'query($id: ID!) { delivery(id: $id) { intake { number } } }', { id: delivery }), 'delivery').intake;

    const sheet = async (who: string | null, query: string) =>
      fetch(`${p.gatewayUrl.replace('/graphql', '/blobs')}?${query}`, who ? { headers: { authorization: `Bearer ${await token(who)}` } } : {});
    const res = await sheet('xc.clerk', `sheet=handling&delivery=${delivery}`);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'application/pdf');
    assert.match(decodeURIComponent(res.headers.get('content-disposition') ?? ''), /收文处理单-收〔\d{4}〕\d+号-关于开展冬季消防检查的通知\.pdf/);
    const text = (await readPdf(Buffer.from(await res.arrayBuffer()))).map((pg) => pg.lines.join('')).join('');
    for (const [what, words] of Object.entries({
      form: '收文处理单',
      number: intake.number,
      sender: '西安市人民政府',
      proposal: '拟请综合科牵头检查。',
      proposer: '拟办人：王秀兰',
      instruction: '同意，请综合科本周内完成检查。',
      leader: '批示人：罗文彬',
      lead: '主办：综合科（已完成）',
      assist: '协办：办公室（已完成）',
      handler: '承办人：林强',
      reader: '高鹏：未阅',
      result: '已完成全区消防检查。',
      concluder: '办结人：林强',
      printer: '打印人：王秀兰',
    })) {
      assert.ok(text.includes(words), `the sheet has its ${what}: ${words}`);
    }
    assert.ok(!/xc\.(clerk|leader|drafter|admin)/.test(text), 'people by name, never by user name');
    const printedBy = await eventually(
      () => p.superQuery("select actor_username from org.audit_log where action = 'print-handling-sheet' and target_id = $1", [delivery]),
      (rows) => rows.length > 0,
    );
    assert.deepEqual(
      printedBy.map((r) => r.actor_username),
      ['xc.clerk'],
      'the print is in the audit log',
    );

    // Its leader prints it too; another unit's clerk finds no such delivery; a drafter of the unit reads no register.
    assert.equal((await sheet('xc.leader', `sheet=handling&delivery=${delivery}`)).status, 200);
    for (const [who, query, status, code] of [
      ['bl.clerk', `sheet=handling&delivery=${delivery}`, 404, 'NOT_FOUND'],
      ['xc.drafter', `sheet=handling&delivery=${delivery}`, 403, 'FORBIDDEN'],
      ['xc.clerk', 'sheet=handling&delivery=not-an-id', 400, 'BAD_INPUT'],
      ['xc.clerk', 'sheet=handling', 400, 'BAD_INPUT'],
      ['xc.clerk', `sheet=form&delivery=${delivery}`, 400, 'BAD_INPUT'],
      [null, `sheet=handling&delivery=${delivery}`, 401, 'UNAUTHENTICATED'],
    ] as const) {
      const r = await sheet(who, query);
      assert.equal(r.status, status, `${who} ${query}`);
      const body = await r.text();
      assert.equal(JSON.parse(body).errors[0].extensions.code, code, body);
      assert.ok(!body.includes('消防') && !/\n\s+at /.test(body), `${who}: nothing of the handling, no stack`);
    }
    // The sender's 发文稿纸 of the same document: its own unit prints it; the recipient unit, which reads the document,
    // is told the form is the drafting unit's record.
    const draft = await sheet('xa.clerk', `sheet=draft&document=${doc}`);
    assert.equal(draft.status, 200);
    const drafted = (await readPdf(Buffer.from(await draft.arrayBuffer()))).map((pg) => pg.lines.join('')).join('');
    for (const words of ['西安市人民政府发文稿纸', '关于开展冬季消防检查的通知', '共发 1 个单位', '主送']) assert.ok(drafted.includes(words), words);
    const theirs = await sheet('xc.clerk', `sheet=draft&document=${doc}`);
    assert.equal(theirs.status, 403);
    assert.equal(((await theirs.json()) as any).errors[0].extensions.code, 'FORBIDDEN');

    // Not yet signed for: the unit has registered nothing of it, so there is no sheet to print.
    const waiting = await signedFor('关于签收前打印处理单的通知', 'NORMAL', { sign: false });
    const early = await sheet('xc.clerk', `sheet=handling&delivery=${waiting.delivery}`);
    assert.equal(early.status, 404);
    assert.equal(((await early.json()) as any).errors[0].extensions.code, 'NOT_FOUND');
  });

  test('传阅: readers mark 已阅 with a comment; the clerk sees who has not read it', async () => {
    const { delivery } = await signedFor('关于学习新修订条例的通报');
    const sent = ok<any>(
      await gql('xc.clerk', `mutation($id: ID!, $u: [ID!], $s: [ID!]) { distributeDelivery(deliveryId: $id, userIds: $u, sectionIds: $s) { ${H} } }`, {
        id: delivery,
        u: [user['xc.leader']],
        s: [section.综合科],
      }),
      'distributeDelivery',
    );
    assert.deepEqual([...sent.unread].sort(), ['罗文彬', '林强'].sort());
    assert.ok(ok<any[]>(await gql('xc.leader', '{ todo { deliveryId kind } }'), 'todo').some((t) => t.deliveryId === delivery && t.kind === 'READ'));
    const read = ok<any>(
      await gql('xc.leader', `mutation($id: ID!, $c: String) { markHandlingRead(deliveryId: $id, comment: $c) { ${H} } }`, {
        id: delivery,
        c: '已阅，请认真学习。',
      }),
      'markHandlingRead',
    );
    assert.deepEqual(read.unread, ['林强'], 'the clerk sees who has not read it');
    assert.equal(read.readers.find((r: any) => r.name === '罗文彬').comment, '已阅，请认真学习。');
    const before = await footprint(delivery);
    await refused(
      gql('xc.leader', 'mutation($id: ID!) { markHandlingRead(deliveryId: $id) { status } }', { id: delivery }),
      'HANDLING_STATE',
      delivery,
      before,
    );
    await refused(gql('xc.admin', 'mutation($id: ID!) { markHandlingRead(deliveryId: $id) { status } }', { id: delivery }), 'NOT_A_READER', delivery, before);
    await refused(
      gql('xc.drafter', 'mutation($id: ID!, $u: [ID!]) { distributeDelivery(deliveryId: $id, userIds: $u) { status } }', {
        id: delivery,
        u: [user['xc.admin']],
      }),
      'FORBIDDEN',
      delivery,
      before,
    );
  });

  test('催办: the job reminds before and at the deadline (in-app, SMS to the section’s mobile), the clerk urges by hand; all recorded', async () => {
    const { delivery } = await signedFor('关于报送年度统计数据的通知', 'URGENT');
    ok(await propose('xc.clerk', delivery), 'proposeHandling');
    const before = await footprint(delivery);
    await refused(instruct('xc.leader', delivery, { instruction: '请综合科办理。', leadSectionId: section.综合科 }), 'DEADLINE_REQUIRED', delivery, before);
    ok(await instruct('xc.leader', delivery, { instruction: '请综合科办理。', leadSectionId: section.综合科, deadline: inDays(0.5) }), 'instructHandling');

    // Within a day of the deadline: a reminder before it; once past it, another at it; each once (the job also runs
    // by itself, so the test waits for what it sees rather than counting its own ticks).
    const urges = async () => (await handling('xc.clerk', delivery)).history.filter((s: any) => s.action === 'URGE');
    const remindThenRead = async () => {
      await p.remindHandling();
      return urges();
    };
    await eventually(remindThenRead, (u) => u.length === 1);
    await p.superQuery("update documents.handling_tasks set deadline = now() - interval '1 minute' where delivery_id = $1", [delivery]);
    await eventually(remindThenRead, (u) => u.length === 2);
    await p.remindHandling();
    assert.equal((await urges()).length, 2, 'each reminder once');

    const urged = ok<any>(
      await gql('xc.clerk', `mutation($id: ID!) { urgeHandling(deliveryId: $id, note: "请今日办结") { ${H} } }`, { id: delivery }),
      'urgeHandling',
    );
    const all = urged.history.filter((s: any) => s.action === 'URGE');
    assert.deepEqual(
      all.map((s: any) => [s.actorName, s.channel]),
      [
        ['系统（期限提醒）', 'IN_APP,SMS'],
        ['系统（期限提醒）', 'IN_APP,SMS'],
        ['王秀兰', 'IN_APP,SMS'],
      ],
    );
    assert.match(all[0].note, /办理期限将至/);
    assert.match(all[1].note, /已到办理期限/);
    const sms = await p.superQuery("select target, text from documents.alerts where delivery_id = $1 and channel = 'SMS' and payload ? 'taskId' order by id", [
      delivery,
    ]);
    assert.equal(sms.length, 3);
    assert.ok(sms.every((a: any) => a.target === '13800000001'));
    assert.ok(urged.tasks[0].overdue);
    const overdue = ok<any[]>(await gql('xc.leader', '{ overdueHandling { deliveryId sectionName } }'), 'overdueHandling');
    assert.ok(
      overdue.some((o) => o.deliveryId === delivery && o.sectionName === '综合科'),
      'the unit’s overdue handling, for its leader',
    );
    assert.equal(codeOf(await gql('xc.drafter', '{ overdueHandling { deliveryId } }')), 'FORBIDDEN');
  });

  test('wrong role, unit, section and state are refused with nothing written', async () => {
    const { delivery } = await signedFor('关于拒绝越权办理的通知');
    let before = await footprint(delivery);
    await refused(gql('xc.clerk', `mutation($id: ID!) { urgeHandling(deliveryId: $id) { status } }`, { id: delivery }), 'HANDLING_STATE', delivery, before);
    await refused(instruct('xc.leader', delivery, { instruction: '先批示', leadSectionId: section.综合科 }), 'HANDLING_STATE', delivery, before);
    await refused(propose('xc.drafter', delivery), 'FORBIDDEN', delivery, before);
    await refused(
      gql('xc.clerk', 'mutation($id: ID!, $u: [ID!]) { distributeDelivery(deliveryId: $id, userIds: $u) { status } }', { id: delivery, u: [randomUUID()] }),
      'NOT_FOUND',
      delivery,
      before,
    );
    await refused(
      gql('xc.clerk', 'mutation($id: ID!, $u: [ID!]) { distributeDelivery(deliveryId: $id, userIds: $u) { status } }', { id: delivery, u: [user['bl.clerk']] }),
      'NOT_FOUND',
      delivery,
      before,
    );
    await refused(propose('bl.clerk', delivery), 'NOT_FOUND', delivery, before);
    await refused(propose('xa.clerk', delivery), 'NOT_FOUND', delivery, before);
    await refused(propose('xc.clerk', delivery, '  '), 'BAD_INPUT', delivery, before);
    await refused(propose('xc.clerk', delivery, '请\u0001办理'), 'BAD_INPUT', delivery, before);
    // The unit's own delivery not yet signed for: said so (it is there, it waits for 签收), and nothing written.
    const waiting = await signedFor('关于签收前不能拟办的通知', 'NORMAL', { sign: false });
    const early = await propose('xc.clerk', waiting.delivery);
    assert.equal(codeOf(early), 'NOT_SIGNED_FOR');
    assert.match(early.errors?.[0]?.message ?? '', /签收/);
    assert.equal(codeOf(await propose('bl.clerk', waiting.delivery)), 'NOT_FOUND', 'another unit is told nothing of it');
    assert.equal((await p.superQuery('select 1 from documents.handlings where delivery_id = $1', [waiting.delivery])).length, 0);
    ok(await propose('xc.clerk', delivery), 'proposeHandling');
    before = await footprint(delivery);
    await refused(instruct('xc.clerk', delivery, { instruction: '越权批示', leadSectionId: section.综合科 }), 'FORBIDDEN', delivery, before);
    await refused(instruct('xc.leader', delivery, { instruction: '不存在的科室', leadSectionId: randomUUID() }), 'NOT_FOUND', delivery, before);
    await refused(accept('xc.drafter', delivery), 'HANDLING_STATE', delivery, before);
    ok(await instruct('xc.leader', delivery, { instruction: '请综合科办理。', leadSectionId: section.综合科, deadline: inDays(3) }), 'instructHandling');
    before = await footprint(delivery);
    await refused(instruct('xc.leader', delivery, { instruction: '再批一次', leadSectionId: section.办公室 }), 'HANDLING_STATE', delivery, before);
    await refused(conclude('xc.drafter', delivery), 'HANDLING_STATE', delivery, before);
    await refused(accept('xc.clerk', delivery), 'NOT_IN_SECTION', delivery, before);
    await refused(accept('xc.admin', delivery), 'NOT_IN_SECTION', delivery, before);
    await refused(accept('bl.clerk', delivery), 'NOT_FOUND', delivery, before);
    await refused(gql('xc.clerk', 'mutation($id: ID!) { closeDelivery(id: $id) { status } }', { id: delivery }), 'HANDLING_STATE', delivery, before);
    ok(await accept('xc.drafter', delivery), 'acceptHandling');
    before = await footprint(delivery);
    await refused(accept('xc.drafter', delivery), 'HANDLING_STATE', delivery, before);
    await refused(conclude('xc.clerk', delivery), 'NOT_IN_SECTION', delivery, before);
    await refused(conclude('xc.drafter', delivery, ''), 'BAD_INPUT', delivery, before);
    ok(await conclude('xc.drafter', delivery), 'concludeHandling');
    before = await footprint(delivery);
    await refused(conclude('xc.drafter', delivery), 'HANDLING_STATE', delivery, before);
    await refused(propose('xc.clerk', delivery), 'HANDLING_STATE', delivery, before);
    // Another unit reads nothing of it.
    assert.equal(codeOf(await gql('bl.clerk', 'query($id: ID!) { handling(deliveryId: $id) { status } }', { id: delivery })), 'NOT_FOUND');
    assert.equal(codeOf(await gql('xa.clerk', 'query($id: ID!) { handling(deliveryId: $id) { status } }', { id: delivery })), 'NOT_FOUND', 'nor the sender');
  });
});

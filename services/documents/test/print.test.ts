// Printing (seed 001 §11): numbered copies, red header within the quota, none beyond it, the first print
// as the receipt, the sender raising the quota, concurrent prints, and nobody else printing or reading the copies.
// 份号 per issue (issue 18): copy numbers run across every recipient of one document, gapless, also under concurrent
// prints, and the printed PDF (read back with pdf.js) carries its own.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import pg from 'pg';
import { pagedPdf, uploadFile } from '../../../test/support/files.ts';
import { asDemoUsers, codeOf, type Platform, startPlatform } from '../../../test/support/harness.ts';
import { readPdf } from '../../../test/support/pdf-text.ts';

let p: Platform;
const { gql, tokens } = asDemoUsers(() => p);
before(async () => {
  p = await startPlatform({ services: ['documents'] });
});
after(() => p?.close());

const RED = /0\.78\d* 0\.086\d* 0\.113\d* (scn|SCN)/g;
const PRINT = 'mutation($id: ID!) { printDelivery(id: $id) { copyNumber withinQuota pdfSha256 printedByName } }';

async function download(user: string, sha: string) {
  tokens[user] ??= await p.login(user);
  return fetch(`${p.gatewayUrl.replace('/graphql', '/blobs')}/${sha}`, { headers: { authorization: `Bearer ${tokens[user]}` } });
}

test('copies are numbered; within the quota they carry the red header (and the seal when stamped), beyond it neither', async () => {
  const xincheng = await p.orgId('610102');
  const created = await gql('xa.drafter', 'mutation($in: DraftInput!) { createDraft(input: $in) { id } }', {
    in: {
      docType: '通知',
      title: '打印测试',
      body: '<p>正文</p>',
      docPrefix: '市政发',
      notes: '此件公开发布',
      recipients: [{ orgIds: [xincheng], printQuota: 1 }],
    },
  });
  const doc = created.data?.createDraft.id;
  await gql('xa.drafter', 'mutation($id: ID!) { submitForApproval(id: $id) { id } }', { id: doc });
  await gql('xa.leader', 'mutation($id: ID!) { approveDocument(id: $id) { id } }', { id: doc });
  await gql('xa.leader', 'mutation($id: ID!) { approveDocument(id: $id) { id } }', { id: doc });
  await gql('xa.clerk', 'mutation($id: ID!, $k: String!) { sendDocument(id: $id, sendKey: $k) { id } }', { id: doc, k: randomUUID() });
  const delivery = (await gql('xc.clerk', '{ inbox(filter: {search: "打印测试"}) { nodes { id } } }')).data?.inbox.nodes[0].id;

  const first = (await gql('xc.clerk', PRINT, { id: delivery })).data?.printDelivery;
  assert.deepEqual([first.copyNumber, first.withinQuota, first.printedByName], [1, true, '王秀兰']);
  const signed = (await gql('xc.clerk', 'query($id: ID!) { delivery(id: $id) { status receiptAction receivedAt } }', { id: delivery })).data?.delivery;
  assert.equal(signed.status, 'PRINTED');
  assert.equal(signed.receiptAction, 'PRINT', 'the first print is the receipt');
  assert.ok(signed.receivedAt);

  const official = Buffer.from(await (await download('xc.clerk', first.pdfSha256)).arrayBuffer()).toString('latin1');
  assert.ok(official.startsWith('%PDF-'));
  assert.ok((official.match(RED) ?? []).length >= 2, 'red header and red rule are drawn');
  assert.match(official, /official-copy red-header/);
  // 西安市 has no seal in use: the copy carries none (a stamped document's verified seal: services/seals tests).
  assert.doesNotMatch(official, /verified-seal/);

  const second = (await gql('xc.clerk', PRINT, { id: delivery })).data?.printDelivery;
  assert.deepEqual([second.copyNumber, second.withinQuota], [2, false]);
  const copy = Buffer.from(await (await download('xc.clerk', second.pdfSha256)).arrayBuffer()).toString('latin1');
  assert.equal((copy.match(RED) ?? []).length, 0, 'no red at all: no red header, no seal');
  assert.match(copy, /copy-without-legal-force/);

  // 追加列印份数 (seed 001 §10): 新城区's clerk asks for more, how many and why; the sender's board shows it.
  const ASK = 'mutation($id: ID!, $n: Int!, $r: String!) { requestPrintCopies(id: $id, copies: $n, reason: $r) { copiesRequested copiesRequestNote } }';
  const history = () => p.superCount("select count(*) as n from documents.delivery_history where delivery_id = $1 and action = 'REQUEST_COPIES'", [delivery]);
  for (const [n, r, field] of [
    [0, '分送班子成员', 'copies'],
    [101, '分送班子成员', 'copies'],
    [6, ' ', 'reason'],
    [6, '理'.repeat(501), 'reason'],
  ] as const) {
    const refused = await gql('xc.clerk', ASK, { id: delivery, n, r });
    assert.equal(refused.errors?.[0]?.extensions?.field, field, `${n} ${r.slice(0, 10)}`);
  }
  assert.equal(codeOf(await gql('xa.clerk', ASK, { id: delivery, n: 6, r: '分送班子成员' })), 'FORBIDDEN', 'the receiving unit asks');
  assert.equal(codeOf(await gql('xc.drafter', ASK, { id: delivery, n: 6, r: '分送班子成员' })), 'FORBIDDEN', 'its clerk');
  assert.equal(await history(), 0, 'nothing written');
  const asked = (await gql('xc.clerk', ASK, { id: delivery, n: 6, r: '分送班子成员及相关科室' })).data?.requestPrintCopies;
  assert.deepEqual(asked, { copiesRequested: 6, copiesRequestNote: '分送班子成员及相关科室' });
  const seen = (await gql('xa.clerk', 'query($id: ID!) { delivery(id: $id) { copiesRequested copiesRequestNote history { action note } } }', { id: delivery }))
    .data?.delivery;
  assert.deepEqual([seen.copiesRequested, seen.copiesRequestNote], [6, '分送班子成员及相关科室']);
  assert.ok(seen.history.some((h: { action: string; note: string }) => h.action === 'REQUEST_COPIES' && h.note === '追加份数 6'));
  assert.equal(codeOf(await gql('xc.clerk', 'mutation($id: ID!) { raisePrintQuota(id: $id, quota: 5) { id } }', { id: delivery })), 'FORBIDDEN');
  assert.equal(codeOf(await gql('xa.clerk', 'mutation($id: ID!) { raisePrintQuota(id: $id, quota: 1) { id } }', { id: delivery })), 'BAD_INPUT', 'only raised');
  const raised = await gql('xa.clerk', 'mutation($id: ID!) { raisePrintQuota(id: $id, quota: 8) { printQuota copiesRequested } }', { id: delivery });
  assert.deepEqual([raised.data?.raisePrintQuota.printQuota, raised.data?.raisePrintQuota.copiesRequested], [8, null], 'the raise answers the request');

  const burst = await Promise.all(Array.from({ length: 5 }, () => gql('xc.clerk', PRINT, { id: delivery })));
  const numbers = burst.map((r) => r.data?.printDelivery.copyNumber).sort((a, b) => a - b);
  assert.deepEqual(numbers, [3, 4, 5, 6, 7], 'concurrent prints get distinct consecutive 份号');
  assert.ok(burst.every((r) => r.data?.printDelivery.withinQuota));
  const listed = (await gql('xa.clerk', 'query($id: ID!) { delivery(id: $id) { prints { copyNumber withinQuota } } }', { id: delivery })).data?.delivery.prints;
  assert.deepEqual(
    listed.map((c: { copyNumber: number; withinQuota: boolean }) => [c.copyNumber, c.withinQuota]),
    [1, 2, 3, 4, 5, 6, 7].map((n) => [n, n !== 2]),
  );

  assert.equal(codeOf(await gql('xa.clerk', PRINT, { id: delivery })), 'FORBIDDEN', 'the sender does not print the recipient’s copies');
  assert.equal(codeOf(await gql('bl.clerk', PRINT, { id: delivery })), 'NOT_FOUND');
  assert.equal((await download('bl.clerk', first.pdfSha256)).status, 404, 'another county cannot fetch a printed copy');
});

async function sendTo(title: string, recipients: { orgIds: string[]; printQuota: number }[]): Promise<string> {
  const created = await gql('xa.drafter', 'mutation($in: DraftInput!) { createDraft(input: $in) { id } }', {
    in: {
      docType: '通知',
      title,
      body: '<p>一、总体要求。按时签收。</p><p>（一）明确职责。办公室负责。</p>',
      docPrefix: '市政发',
      ccTo: '市委办公厅',
      recipients,
    },
  });
  const doc = created.data?.createDraft.id;
  assert.ok(doc, JSON.stringify(created.errors));
  await gql('xa.drafter', 'mutation($id: ID!) { submitForApproval(id: $id) { id } }', { id: doc });
  await gql('xa.leader', 'mutation($id: ID!) { approveDocument(id: $id) { id } }', { id: doc });
  await gql('xa.leader', 'mutation($id: ID!) { approveDocument(id: $id) { id } }', { id: doc });
  const sent = await gql('xa.clerk', 'mutation($id: ID!, $k: String!) { sendDocument(id: $id, sendKey: $k) { id } }', { id: doc, k: randomUUID() });
  assert.ok(!sent.errors, JSON.stringify(sent.errors));
  return doc;
}

const inboxId = async (user: string, title: string) =>
  (await gql(user, 'query($s: String!) { inbox(filter: {search: $s}) { nodes { id } } }', { s: title })).data?.inbox.nodes[0].id;

test('份号 identify copies of the issue: two recipients’ first copies are 000001 and 000002, and concurrent prints stay gapless', async () => {
  const [xincheng, beilin] = [await p.orgId('610102'), await p.orgId('610103')];
  const title = `份号测试${randomUUID().slice(0, 8)}`;
  const doc = await sendTo(title, [{ orgIds: [xincheng, beilin], printQuota: 20 }]);
  const [xc, bl] = [await inboxId('xc.clerk', title), await inboxId('bl.clerk', title)];
  assert.ok(xc && bl);

  // The sheet's preview (预览): the 份号 the next print would carry, for those who would print it.
  const NEXT = 'query($id: ID!) { delivery(id: $id) { nextCopyNumber } }';
  const next = async (user: string, id: string) => (await gql(user, NEXT, { id })).data?.delivery.nextCopyNumber;
  assert.equal(await next('xc.clerk', xc), 1, 'nothing printed yet: 000001 next');
  assert.equal(await next('xc.drafter', xc), null, 'not a clerk, before 签收: no print, no preview');
  assert.equal(await next('xa.clerk', xc), null, 'the sending unit does not print it');
  const first = (await gql('xc.clerk', PRINT, { id: xc })).data?.printDelivery;
  assert.equal(await next('bl.clerk', bl), 2, 'another recipient’s print moves it on');
  const second = (await gql('bl.clerk', PRINT, { id: bl })).data?.printDelivery;
  assert.deepEqual([first.copyNumber, second.copyNumber], [1, 2], 'one count for the whole issue, not one per recipient');
  assert.equal(await next('xc.clerk', xc), 3);
  for (const [user, print, label, unit] of [
    ['xc.clerk', first, '000001', '新城区'],
    ['bl.clerk', second, '000002', '碑林区'],
  ] as const) {
    const pages = await readPdf(Buffer.from(await (await download(user, print.pdfSha256)).arrayBuffer()));
    assert.equal(pages[0]?.pieces[0]?.str, label, `the 份号 printed first on ${unit}'s copy`);
    const text = pages.flatMap((pg) => pg.lines).join('\n');
    assert.match(text, new RegExp(`份号：${label}`), 'and registered with the recipient on the last page');
    assert.match(pages.at(-1)?.lines.join('\n') ?? '', /印发/, 'the 版记 on the last page');
    assert.doesNotMatch(text, /\d{4}-\d\d-\d\dT\d\d:/, 'no UTC ISO time');
    for (const pg of pages)
      assert.ok(
        pg.pieces.some((x) => x.str === `— ${pg.number} —`),
        `page number on page ${pg.number}`,
      );
  }

  // Many prints at once from both units: every number once, none skipped, each registered with its recipient.
  const burst = await Promise.all(Array.from({ length: 12 }, (_, i) => (i % 2 ? gql('xc.clerk', PRINT, { id: xc }) : gql('bl.clerk', PRINT, { id: bl }))));
  for (const r of burst) assert.ok(!r.errors, JSON.stringify(r.errors));
  const numbers = burst.map((r) => r.data?.printDelivery.copyNumber).sort((a, b) => a - b);
  assert.deepEqual(
    numbers,
    Array.from({ length: 12 }, (_, i) => i + 3),
    'distinct and consecutive across recipients',
  );
  const registered = async (user: string, id: string) =>
    ((await gql(user, 'query($id: ID!) { delivery(id: $id) { prints { copyNumber } } }', { id })).data?.delivery.prints as { copyNumber: number }[]).map(
      (c) => c.copyNumber,
    );
  const [ofXc, ofBl] = [await registered('xc.clerk', xc), await registered('bl.clerk', bl)];
  assert.equal(ofXc.length, 7);
  assert.equal(ofBl.length, 7);
  assert.deepEqual(
    [...ofXc, ...ofBl].sort((a, b) => a - b),
    Array.from({ length: 14 }, (_, i) => i + 1),
    'the register holds each number once',
  );
  assert.equal(ofXc.filter((n) => ofBl.includes(n)).length, 0, 'no number on two recipients’ copies');

  // The counter under row-level security: a recipient unit reads it, a unit the document never reached does not.
  const c = new pg.Client({ connectionString: p.db.appUrl });
  await c.connect();
  try {
    const counter = async (scope: string | null) => {
      await c.query('begin');
      if (scope) await c.query("select set_config('yizhan.org_path', $1, true)", [scope]);
      const r = await c.query('select last_seq from documents.copy_counters where document_id = $1', [doc]);
      await c.query('rollback');
      return r.rows.map((x) => x.last_seq);
    };
    assert.deepEqual(await counter('p61.c6101.k610102'), [14], 'a recipient counts the issue’s copies');
    assert.deepEqual(await counter('p61.c6101'), [14], 'the sending unit');
    assert.deepEqual(await counter('p61.c6101.k610104'), [], 'a unit it never reached');
    assert.deepEqual(await counter(null), [], 'no scope, nothing');
  } finally {
    await c.end();
  }
});

test('a PDF attachment is in the print: its 附件 page and its own pages; the copy downloads named by its 份号', async () => {
  const xincheng = await p.orgId('610102');
  tokens['xa.drafter'] ??= await p.login('xa.drafter');
  const sha256 = await uploadFile(p.gatewayUrl, tokens['xa.drafter'], '安全生产检查表.pdf', await pagedPdf(2), 'application/pdf');
  const created = await gql('xa.drafter', 'mutation($in: DraftInput!) { createDraft(input: $in) { id } }', {
    in: {
      docType: '通知',
      title: '附件打印测试',
      body: '<p>请按附件检查表开展检查。</p>',
      docPrefix: '市政发',
      attachments: [{ sha256, name: '安全生产检查表.pdf' }],
      recipients: [{ orgIds: [xincheng] }],
    },
  });
  const doc = created.data?.createDraft.id;
  assert.ok(doc, JSON.stringify(created.errors));
  await gql('xa.drafter', 'mutation($id: ID!) { submitForApproval(id: $id) { id } }', { id: doc });
  for (let i = 0; i < 2; i++) await gql('xa.leader', 'mutation($id: ID!) { approveDocument(id: $id) { id } }', { id: doc });
  await gql('xa.clerk', 'mutation($id: ID!, $k: String!) { sendDocument(id: $id, sendKey: $k) { id } }', { id: doc, k: randomUUID() });
  const delivery = (await gql('xc.clerk', '{ inbox(filter: {search: "附件打印测试"}) { nodes { id } } }')).data?.inbox.nodes[0].id;
  const printed = (await gql('xc.clerk', PRINT, { id: delivery })).data?.printDelivery;
  const res = await download('xc.clerk', printed.pdfSha256);
  assert.match(decodeURIComponent(res.headers.get('content-disposition') ?? ''), /打印件（份号000001）\.pdf/);
  const pages = await readPdf(Buffer.from(await res.arrayBuffer()));
  const label = pages.findIndex((page) => page.lines.some((l) => l.includes('附件原件共2页，附后。')));
  assert.ok(label > 0, pages.map((page) => page.lines.join(' ')).join('\n'));
  assert.deepEqual(
    [1, 2].map((n) => pages[label + n]?.lines.some((l) => l.includes(`Checklist page ${n} of 2`))),
    [true, true],
    'each of its pages follows its 附件 page',
  );
});

// The evidence log of delivery events (issue 17): every kind of event lands in the chain of the unit that acted, in
// the transaction of the change (a refused step adds nothing); the log refuses UPDATE, DELETE and TRUNCATE below
// the application; a link changed, removed or reordered behind its back (as the superuser, triggers off) is named
// by the verification; another unit sees nothing of it.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import { asDemoUsers, codeOf, type Platform, startPlatform } from '../../../test/support/harness.ts';

let p: Platform;
let crashNextSend = false;
const ids: Record<string, string> = {};
const { gql } = asDemoUsers(() => p);
const ok = async (user: string, query: string, variables: Record<string, unknown> = {}) => {
  const r = await gql(user, query, variables);
  assert.equal(r.errors, undefined, JSON.stringify(r.errors));
  return r.data as Record<string, any>;
};

/** As the superuser with triggers off: damage the application and its guards would refuse. */
async function behindItsBack(text: string, params: unknown[] = []) {
  const c = new pg.Client({ connectionString: p.db.superUrl });
  await c.connect();
  try {
    await c.query("set session_replication_role = 'replica'");
    return (await c.query(text, params)).rows;
  } finally {
    await c.end();
  }
}

before(async () => {
  p = await startPlatform({
    services: ['documents'],
    fault: () => {
      if (crashNextSend) {
        crashNextSend = false;
        throw new Error('simulated crash in the middle of a send');
      }
    },
  });
  for (const [k, code] of Object.entries({ xian: '610100', xincheng: '610102', beilin: '610103', lianhu: '610104' })) ids[k] = await p.orgId(code);
});
after(() => p?.close());

/** A notice of 西安市 to the given units, sent; its deliveries by recipient. */
async function send(title: string, to: string[]): Promise<{ doc: string; deliveries: Record<string, string> }> {
  const doc = (
    await ok('xa.drafter', 'mutation($in: DraftInput!) { createDraft(input: $in) { id } }', {
      in: { docType: '通知', title, body: '正文', docPrefix: '市政发', recipients: [{ orgIds: to }] },
    })
  ).createDraft.id as string;
  await ok('xa.drafter', 'mutation($id: ID!) { submitForApproval(id: $id) { id } }', { id: doc });
  await ok('xa.leader', 'mutation($id: ID!) { approveDocument(id: $id) { id } }', { id: doc });
  await ok('xa.leader', 'mutation($id: ID!) { approveDocument(id: $id) { id } }', { id: doc });
  await ok('xa.clerk', 'mutation($id: ID!, $k: String!) { sendDocument(id: $id, sendKey: $k) { id } }', { id: doc, k: randomUUID() });
  const list = (await ok('xa.clerk', 'query($id: ID!) { document(id: $id) { deliveries { id recipientOrgId } } }', { id: doc })).document.deliveries;
  return { doc, deliveries: Object.fromEntries(list.map((d: { id: string; recipientOrgId: string }) => [d.recipientOrgId, d.id])) };
}

const CHAIN =
  '{ deliveryEvidenceChain { length whole head brokenAt reason explanation links { seq unit kind documentId deliveryId digest at prev hash event } } }';
const chainOf = async (user: string) => (await ok(user, CHAIN)).deliveryEvidenceChain;
type Link = { seq: number; kind: string; documentId: string | null; deliveryId: string | null; event: { payload: Record<string, unknown> } };
const kindsAbout = (links: Link[], doc: string) => links.filter((l) => l.documentId === doc).map((l) => l.kind);

describe('the evidence log of delivery events', () => {
  let a: { doc: string; deliveries: Record<string, string> };

  test('every kind of delivery event lands in the chain of the unit that acted, with its event and digest', async () => {
    a = await send('证据链测试通知', [ids.xincheng as string, ids.beilin as string]);
    const xc = a.deliveries[ids.xincheng as string] as string;
    const bl = a.deliveries[ids.beilin as string] as string;
    // 新城区: 接收, a print (份号), more copies asked for, 签收, 拟办, 办结.
    await ok('xc.clerk', 'mutation($id: ID!) { openDelivery(id: $id) { id } }', { id: xc });
    await ok('xc.clerk', 'mutation($id: ID!) { printDelivery(id: $id) { copyNumber } }', { id: xc });
    await ok('xc.clerk', 'mutation($id: ID!) { requestPrintCopies(id: $id, copies: 2, reason: "分送") { id } }', { id: xc });
    await ok('xc.clerk', 'mutation($id: ID!) { signForDelivery(id: $id) { id } }', { id: xc });
    await ok('xc.clerk', 'mutation($id: ID!) { proposeHandling(deliveryId: $id, proposal: "请综合科阅") { status } }', { id: xc });
    await ok('xc.clerk', 'mutation($id: ID!) { closeDelivery(id: $id) { id } }', { id: xc });
    // 碑林区 returns it; 西安市 resends, raises the quota of the new delivery, adds 莲湖区 (补发).
    await ok('bl.clerk', 'mutation($id: ID!) { returnDelivery(id: $id, reason: WRONG_FORMAT, note: "缺页") { id } }', { id: bl });
    const resent = (await ok('xa.clerk', 'mutation($id: ID!) { resendDelivery(id: $id) { id } }', { id: bl })).resendDelivery.id as string;
    await ok('xa.clerk', 'mutation($id: ID!) { raisePrintQuota(id: $id, quota: 5) { id } }', { id: resent });
    await ok('xa.clerk', 'mutation($d: ID!, $r: [RecipientSpecInput!]!) { supplementRecipients(documentId: $d, recipients: $r) { added } }', {
      d: a.doc,
      r: [{ orgIds: [ids.lianhu] }],
    });
    // A second notice: 新城区 asks for a resend; a third, 西安市 recalls before it is received.
    const b = await send('证据链测试通知二', [ids.xincheng as string]);
    await ok('xc.clerk', 'mutation($id: ID!) { requestResend(id: $id, note: "无法打开") { id } }', { id: b.deliveries[ids.xincheng as string] });
    const c = await send('证据链测试通知三', [ids.xincheng as string]);
    await ok('xa.clerk', 'mutation($id: ID!) { recallDelivery(id: $id, note: "发错") { id } }', { id: c.deliveries[ids.xincheng as string] });

    const xa = await chainOf('xa.clerk');
    assert.equal(xa.whole, true, xa.explanation);
    // The send writes its deliveries, then announces itself: the links keep the transaction's order.
    assert.deepEqual(kindsAbout(xa.links, a.doc), [
      'delivery.delivered',
      'delivery.delivered',
      'document.sent',
      'delivery.resend',
      'delivery.delivered',
      'delivery.raise_quota',
      'delivery.delivered',
    ]);
    const supplement = xa.links.filter((l: Link) => l.documentId === a.doc).at(-1);
    assert.deepEqual([supplement.event.payload.recipientOrgId, supplement.event.payload.supplement], [ids.lianhu, true]);
    assert.deepEqual(kindsAbout(xa.links, c.doc), ['delivery.delivered', 'document.sent', 'delivery.recall']);

    const xcChain = await chainOf('xc.clerk');
    assert.equal(xcChain.whole, true, xcChain.explanation);
    // 追加列印份数 is 新城区's act, in its chain.
    assert.deepEqual(kindsAbout(xcChain.links, a.doc), [
      'delivery.received',
      'delivery.print',
      'delivery.request_copies',
      'delivery.signed',
      'handling.changed',
      'delivery.close',
    ]);
    assert.ok(xcChain.links.filter((l: Link) => l.documentId === a.doc).every((l: Link) => l.deliveryId === xc));
    const printed = xcChain.links.find((l: Link) => l.kind === 'delivery.print' && l.documentId === a.doc);
    assert.ok(printed.event.payload, 'the print’s event is kept in its link');
    assert.deepEqual(kindsAbout(xcChain.links, b.doc), ['delivery.request_resend']);
    assert.deepEqual(kindsAbout((await chainOf('bl.clerk')).links, a.doc), ['delivery.return']);
    // The links of each unit follow each other from 1; the head is the last hash.
    assert.deepEqual(
      xcChain.links.map((l: Link) => l.seq),
      xcChain.links.map((_: Link, i: number) => i + 1),
    );
    assert.equal(xcChain.head, xcChain.links.at(-1).hash);

    // Every delivery event of the outbox is in a chain, and every link is an event of the outbox: the same transaction.
    const unlogged = await p.superQuery(`select o.type from documents.outbox o left join documents.delivery_evidence e on e.outbox_id = o.id
      where e.outbox_id is null and (o.type = 'document.sent' or o.type like 'delivery.%' or o.type like 'handling.%')`);
    assert.deepEqual(unlogged, []);
    const orphans = await p.superQuery(`select e.seq from documents.delivery_evidence e left join documents.outbox o on o.id = e.outbox_id
      where o.id is null or o.type <> e.kind`);
    assert.deepEqual(orphans, []);
    // The document's own links, for its unit.
    const mine = (await ok('xc.clerk', 'query($d: ID!) { documentEvidence(documentId: $d) { seq kind } }', { d: a.doc })).documentEvidence;
    assert.deepEqual(
      mine.map((l: Link) => l.kind),
      kindsAbout(xcChain.links, a.doc),
    );
  });

  test('a step that fails adds no link: a send that crashes after writing its deliveries and their events', async () => {
    const before = await chainOf('xa.clerk');
    const doc = (
      await ok('xa.drafter', 'mutation($in: DraftInput!) { createDraft(input: $in) { id } }', {
        in: { docType: '通知', title: '证据链崩溃的发送', body: '正文', docPrefix: '市政发', recipients: [{ orgIds: [ids.xincheng] }] },
      })
    ).createDraft.id as string;
    await ok('xa.drafter', 'mutation($id: ID!) { submitForApproval(id: $id) { id } }', { id: doc });
    await ok('xa.leader', 'mutation($id: ID!) { approveDocument(id: $id) { id } }', { id: doc });
    await ok('xa.leader', 'mutation($id: ID!) { approveDocument(id: $id) { id } }', { id: doc });
    crashNextSend = true;
    const crashed = await gql('xa.clerk', 'mutation($id: ID!, $k: String!) { sendDocument(id: $id, sendKey: $k) { id } }', { id: doc, k: randomUUID() });
    assert.ok(crashed.errors?.length, 'the send failed');
    const now = await chainOf('xa.clerk');
    assert.deepEqual([now.length, now.head], [before.length, before.head]);
    // A refused step writes nothing either.
    const xc = a.deliveries[ids.xincheng as string] as string;
    const xcBefore = await chainOf('xc.clerk');
    assert.equal(codeOf(await gql('xc.clerk', 'mutation($id: ID!) { returnDelivery(id: $id, reason: INCOMPLETE) { id } }', { id: xc })), 'ALREADY_SIGNED');
    assert.equal((await chainOf('xc.clerk')).length, xcBefore.length);
  });

  test('the log refuses changes below the application', async () => {
    for (const statement of [
      'update documents.delivery_evidence set kind = kind',
      'delete from documents.delivery_evidence',
      'truncate documents.delivery_evidence',
    ])
      await assert.rejects(p.superQuery(statement), /append-only/, statement);
    // The application's role has no UPDATE or DELETE privilege and cannot write a link itself.
    const privileges = await p.superQuery<{ p: string }>(
      `select privilege_type as p from information_schema.role_table_grants where table_schema = 'documents' and table_name = 'delivery_evidence'
       and grantee = (select rolname from pg_roles where rolname <> current_user and rolname like '%app%' limit 1)`,
    );
    assert.ok(!privileges.some((r) => ['UPDATE', 'DELETE', 'TRUNCATE'].includes(r.p)), JSON.stringify(privileges));
  });

  test('a link changed, removed or reordered behind the log’s back is named at its link', async () => {
    const unit = ids.xincheng as string;
    const whole = await chainOf('xc.clerk');
    assert.ok(whole.length >= 6);
    const [row] = await behindItsBack('select event, at from documents.delivery_evidence where org_id = $1 and seq = 3', [unit]);

    await behindItsBack(`update documents.delivery_evidence set event = jsonb_set(event, '{payload,by}', '"someone else"') where org_id = $1 and seq = 3`, [
      unit,
    ]);
    assert.deepEqual(pick(await chainOf('xc.clerk')), [false, 3, 'DIGEST']);
    await behindItsBack('update documents.delivery_evidence set event = $2 where org_id = $1 and seq = 3', [unit, row.event]);
    assert.deepEqual(pick(await chainOf('xc.clerk')), [true, null, null], 'put back, whole again');

    await behindItsBack("update documents.delivery_evidence set at = at - interval '1 hour' where org_id = $1 and seq = 3", [unit]);
    assert.deepEqual(pick(await chainOf('xc.clerk')), [false, 3, 'HASH']);
    await behindItsBack('update documents.delivery_evidence set at = $2 where org_id = $1 and seq = 3', [unit, row.at]);
    assert.deepEqual(pick(await chainOf('xc.clerk')), [true, null, null]);

    // Reordered: links 4 and 5 swap places.
    await behindItsBack('update documents.delivery_evidence set seq = seq + 1000 where org_id = $1 and seq in (4, 5)', [unit]);
    await behindItsBack('update documents.delivery_evidence set seq = case seq when 1004 then 5 else 4 end where org_id = $1 and seq in (1004, 1005)', [unit]);
    assert.deepEqual(pick(await chainOf('xc.clerk')), [false, 4, 'NOT_LINKED']);
    await behindItsBack('update documents.delivery_evidence set seq = seq + 1000 where org_id = $1 and seq in (4, 5)', [unit]);
    await behindItsBack('update documents.delivery_evidence set seq = case seq when 1004 then 5 else 4 end where org_id = $1 and seq in (1004, 1005)', [unit]);
    assert.deepEqual(pick(await chainOf('xc.clerk')), [true, null, null]);

    await behindItsBack('delete from documents.delivery_evidence where org_id = $1 and seq = 2', [unit]);
    const removed = await chainOf('xc.clerk');
    assert.deepEqual(pick(removed), [false, 2, 'MISSING']);
    assert.match(removed.explanation, /link 2 is missing/);
    // Another unit's chain is its own, and whole.
    assert.deepEqual(pick(await chainOf('xa.clerk')), [true, null, null]);
  });

  test('another unit sees nothing of the chain, and a unit with no part in a document finds no document; people other than clerks and administrators are refused', async () => {
    const xcLinks = new Set((await chainOf('xc.clerk')).links.map((l: { hash: string }) => l.hash));
    for (const user of ['bl.clerk', 'xa.clerk', 'xa.admin']) {
      const other = await chainOf(user);
      assert.ok(!other.links.some((l: { hash: string }) => xcLinks.has(l.hash)), user);
    }
    // 碑林区, a peer, sees not even 新城区's delivery id; 西安市 knows it as the sender (its own link of the delivery).
    assert.ok(!JSON.stringify((await chainOf('bl.clerk')).links).includes(a.deliveries[ids.xincheng as string] as string));
    for (const user of ['bl.clerk', 'xa.admin'])
      assert.deepEqual(
        (await ok(user, 'query($d: ID!) { documentEvidence(documentId: $d) { seq } }', { d: a.doc })).documentEvidence.length,
        user === 'xa.admin' ? 7 : 1,
      );
    // A unit with no part in the document (宝鸡市's administrator) finds no document, as with an id that is none.
    for (const d of [a.doc, 'not-an-id'])
      assert.equal(codeOf(await gql('bj.admin', 'query($d: ID!) { documentEvidence(documentId: $d) { seq } }', { d })), 'NOT_FOUND', d);
    assert.equal(codeOf(await gql('xc.drafter', CHAIN)), 'FORBIDDEN');
    assert.equal(codeOf(await gql('xc.drafter', 'query($d: ID!) { documentEvidence(documentId: $d) { seq } }', { d: a.doc })), 'FORBIDDEN');
    assert.equal(codeOf(await gql('xc.clerk', '{ deliveryEvidenceChain(last: -1) { length } }')), 'BAD_INPUT');
  });
});

const pick = (v: { whole: boolean; brokenAt: number | null; reason: string | null }) => [v.whole, v.brokenAt, v.reason];

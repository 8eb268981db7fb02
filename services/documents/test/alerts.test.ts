// Urgent alerts (seed 002 §8): a 特急 document alerts the recipient unit at once — an in-app notification, an SMS to
// each registered contact through the SMS gateway (here a local test server speaking its protocol), and the unit's
// webhook. A gateway that is down delays the SMS, never the delivery, and the SMS still goes out when it returns.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import dns from 'node:dns/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { after, before, test } from 'node:test';
import { codeOf, eventually, type Platform, startPlatform } from '../../../test/support/harness.ts';

let p: Platform;
const sms: { mobile: string; text: string; status: number }[] = [];
const webhook: Record<string, unknown>[] = [];
let smsFailuresLeft = 1;
const servers: http.Server[] = [];

function server(handle: (body: Record<string, unknown>, res: http.ServerResponse) => void): Promise<string> {
  const s = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => handle(JSON.parse(raw), res));
  });
  servers.push(s);
  return new Promise((resolve) => s.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(s.address() as AddressInfo).port}/send`)));
}

before(async () => {
  process.env.YIZHAN_SMS_GATEWAY_URL = await server((body, res) => {
    const status = smsFailuresLeft-- > 0 ? 503 : 200;
    sms.push({ mobile: String(body.mobile), text: String(body.text), status });
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: status === 200 }));
  });
  process.env.YIZHAN_ALERT_INTERVAL_MS = '100';
  // The webhooks here are local test servers (on 127.0.0.1): a switch honoured only under NODE_ENV=test lets org accept
  // them and the dispatcher post to them. The last test turns it off to see private targets refused.
  process.env.YIZHAN_ALLOW_PRIVATE_WEBHOOKS = '1';
  p = await startPlatform({ services: ['documents'] });
  delete process.env.YIZHAN_SMS_GATEWAY_URL;
});
after(async () => {
  await p.close();
  for (const s of servers) s.close();
});

const gql = async (user: string, q: string, v: Record<string, unknown> = {}) => p.gql(q, v, await p.login(user));

/** A 特急 通知 of 西安市 to these units: drafted, approved by its two-step chain and sent by its clerk. */
async function sendUrgentNotice(title: string, orgIds: string[]) {
  const created = await gql('xa.drafter', 'mutation($in: DraftInput!) { createDraft(input: $in) { id } }', {
    in: {
      docType: '通知',
      title,
      body: '正文',
      docPrefix: '市政发',
      urgency: 'EXTRA_URGENT',
      deadline: new Date(Date.now() + 3 * 3600_000).toISOString(),
      recipients: [{ orgIds }],
    },
  });
  const doc = created.data?.createDraft.id;
  await gql('xa.drafter', 'mutation($id: ID!) { submitForApproval(id: $id) { id } }', { id: doc });
  await gql('xa.leader', 'mutation($id: ID!) { approveDocument(id: $id) { id } }', { id: doc });
  await gql('xa.leader', 'mutation($id: ID!) { approveDocument(id: $id) { id } }', { id: doc });
  const sent = await gql('xa.clerk', 'mutation($id: ID!, $k: String!) { sendDocument(id: $id, sendKey: $k) { status docNumber } }', {
    id: doc,
    k: randomUUID(),
  });
  return { doc, sent };
}

test('a 特急 document alerts the recipient unit in the app, by SMS (retried) and by webhook', async () => {
  const xincheng = await p.orgId('610102');
  const hookUrl = await server((body, res) => {
    webhook.push(body);
    res.writeHead(204).end();
  });
  const set = await gql('xc.admin', 'mutation($o: ID!, $u: String) { setAlertWebhook(orgId: $o, url: $u) { alertWebhookUrl } }', { o: xincheng, u: hookUrl });
  assert.equal(set.data?.setAlertWebhook.alertWebhookUrl, hookUrl);
  assert.equal(
    (await gql('bl.admin', 'mutation($o: ID!, $u: String) { setAlertWebhook(orgId: $o, url: $u) { id } }', { o: xincheng, u: hookUrl })).errors?.[0]?.extensions
      ?.code,
    'FORBIDDEN',
  );

  const { doc, sent } = await sendUrgentNotice('防汛特急通知', [xincheng]);
  assert.equal(sent.data?.sendDocument.status, 'SENT', `the SMS gateway being down does not hold the send: ${JSON.stringify(sent.errors)}`);

  const note = (await gql('xc.clerk', '{ notifications(unreadOnly: true) { id text kind words { senderName title urgency telegram } } }')).data?.notifications;
  assert.equal(note.length, 1);
  assert.match(note[0].text, /特急公文：西安市人民政府《防汛特急通知》/);
  assert.deepEqual(
    [note[0].kind, note[0].words],
    ['ARRIVED', { senderName: '西安市人民政府', title: '防汛特急通知', urgency: 'EXTRA_URGENT', telegram: false }],
  );
  assert.deepEqual((await gql('bl.clerk', '{ notifications { id } }')).data?.notifications, [], 'another county is not notified');
  // What is no notice's id, or more than a page of them, is refused naming it; nothing is marked.
  const MARK = 'mutation($ids: [ID!]!) { markNotificationsRead(ids: $ids) }';
  for (const [ids, field] of [
    [[note[0].id, '1}'], 'ids[1]'],
    [Array.from({ length: 501 }, (_, i) => String(i + 1)), 'ids'],
  ] as const) {
    const r = await gql('xc.clerk', MARK, { ids });
    assert.deepEqual([codeOf(r), r.errors?.[0]?.extensions?.field], ['BAD_INPUT', field]);
  }
  assert.equal((await gql('xc.clerk', 'mutation($ids: [ID!]!) { markNotificationsRead(ids: $ids) }', { ids: [note[0].id] })).data?.markNotificationsRead, 1);

  // The first SMS attempt fails (503); the retry two seconds later gets through.
  for (let i = 0; i < 80 && !sms.some((m) => m.status === 200); i++) await new Promise((r) => setTimeout(r, 100));
  assert.deepEqual(
    sms.map((m) => m.status),
    [503, 200],
  );
  assert.match(sms[1]?.mobile ?? '', /^1\d{10}$/, 'sent to the mobile in 新城区’s contact register');
  assert.match(sms[1]?.text ?? '', new RegExp(sent.data?.sendDocument.docNumber.replace(/[〔〕]/g, '.')));
  for (let i = 0; i < 30 && !webhook.length; i++) await new Promise((r) => setTimeout(r, 100));
  assert.equal(webhook[0]?.docNumber, sent.data?.sendDocument.docNumber);
  assert.equal(webhook[0]?.urgency, 'EXTRA_URGENT');

  await new Promise((r) => setTimeout(r, 300));
  const alerts = (await gql('xa.clerk', 'query($id: ID!) { document(id: $id) { deliveries { alerts { channel status attempts lastError } } } }', { id: doc }))
    .data?.document.deliveries[0].alerts;
  const byChannel = Object.fromEntries(alerts.map((a: { channel: string }) => [a.channel, a]));
  assert.deepEqual(byChannel.SMS, { channel: 'SMS', status: 'SENT', attempts: 2, lastError: null });
  assert.deepEqual(byChannel.WEBHOOK, { channel: 'WEBHOOK', status: 'SENT', attempts: 1, lastError: null });
});

test('a 补发 (supplement) of an urgent document alerts its new recipients, and not those that already had it', async () => {
  const [xincheng, beilin] = [await p.orgId('610102'), await p.orgId('610103')];
  const title = '补发特急防汛通知';
  const { doc, sent } = await sendUrgentNotice(title, [xincheng]);
  assert.equal(sent.data?.sendDocument.status, 'SENT', JSON.stringify(sent.errors));

  const noticesOf = async (user: string): Promise<{ deliveryId: string; text: string }[]> =>
    ((await gql(user, '{ notifications { deliveryId text } }')).data?.notifications ?? []).filter((n: { text: string }) => n.text.includes(title));
  const deliveries = async (): Promise<{ id: string; recipientOrgId: string; alerts: { channel: string; targetName: string }[] }[]> =>
    (await gql('xa.clerk', 'query($id: ID!) { document(id: $id) { deliveries { id recipientOrgId alerts { channel targetName } } } }', { id: doc })).data
      ?.document.deliveries;
  assert.equal((await noticesOf('xc.clerk')).length, 1, 'the send notified 新城区');
  assert.deepEqual(await noticesOf('bl.clerk'), [], '碑林区 is not a recipient yet');
  const xcAlertsBefore = (await deliveries()).find((d) => d.recipientOrgId === xincheng)?.alerts;

  const added = await gql(
    'xa.clerk',
    'mutation($d: ID!, $r: [RecipientSpecInput!]!) { supplementRecipients(documentId: $d, recipients: $r) { added alreadyDelivered } }',
    { d: doc, r: [{ orgIds: [xincheng, beilin] }] },
  );
  assert.deepEqual(added.data?.supplementRecipients, { added: 1, alreadyDelivered: 1 }, JSON.stringify(added.errors));

  const after = await deliveries();
  const bl = after.find((d) => d.recipientOrgId === beilin);
  assert.ok(bl, 'the supplement delivered to 碑林区');
  const blNotices = await noticesOf('bl.clerk');
  assert.equal(blNotices.length, 1, 'the new recipient gets an in-app notification');
  assert.equal(blNotices[0]?.deliveryId, bl.id, 'about its new delivery');
  assert.match(blNotices[0]?.text ?? '', new RegExp(`特急公文：西安市人民政府《${title}》`));
  assert.deepEqual(
    bl.alerts.map((a) => a.channel),
    ['SMS'],
    'an SMS is queued for 碑林区’s registered contact (it has no webhook)',
  );
  assert.equal((await noticesOf('xc.clerk')).length, 1, '新城区, which already had it, gets no second notification');
  assert.deepEqual(after.find((d) => d.recipientOrgId === xincheng)?.alerts, xcAlertsBefore, 'nor a second SMS or webhook alert');
  assert.equal(after.length, 2, 'no second delivery to 新城区');

  // The dispatcher sends the new recipient's SMS like any other.
  const smsFor = () => sms.filter((m) => m.status === 200 && m.text.includes(title));
  for (let i = 0; i < 100 && smsFor().length < 2; i++) await new Promise((r) => setTimeout(r, 100));
  assert.equal(smsFor().length, 2, 'one SMS for the send (新城区), one for the supplement (碑林区)');
  assert.notEqual(smsFor()[0]?.mobile, smsFor()[1]?.mobile);
});

type AlertRow = { id: string; channel: string; status: string; attempts: number; last_error: string | null };
const alertRow = async (id: string): Promise<AlertRow> =>
  (await p.superQuery<AlertRow>('select id, channel, status, attempts, last_error from documents.alerts where id = $1', [id]))[0] as AlertRow;
const waitFor = (id: string, done: (a: AlertRow) => boolean) => eventually(() => alertRow(id), done);
/** A copy of an existing alert (its delivery, text and payload) to another target, as if queued before today's checks. */
async function insertAlert(target: string, extra: { attempts?: number; ageHours?: number } = {}): Promise<string> {
  const [row] = await p.superQuery<{ id: string }>(
    `insert into documents.alerts (delivery_id, sender_path, recipient_path, channel, target, target_name, text, payload, attempts, created_at)
     select delivery_id, sender_path, recipient_path, 'WEBHOOK', $1, 'webhook', text, payload, $2, now() - make_interval(hours => $3)
     from documents.alerts order by id desc limit 1 returning id`,
    [target, extra.attempts ?? 0, extra.ageHours ?? 0],
  );
  return (row as { id: string }).id;
}

/** A webhook that refuses every alert, telling the sender more than it should hear. */
const refusals: Record<string, unknown>[] = [];
let refusingHook: string;

test('a webhook that refuses an alert is not quoted back to the sender: no status, no body', async () => {
  refusingHook = await server((body, res) => {
    refusals.push(body);
    res.writeHead(500, { 'content-type': 'text/plain' }).end('postgres 5432 open; admin token abc123');
  });
  const beilin = await p.orgId('610103');
  const set = await gql('bl.admin', 'mutation($o: ID!, $u: String) { setAlertWebhook(orgId: $o, url: $u) { alertWebhookUrl } }', {
    o: beilin,
    u: refusingHook,
  });
  assert.equal(set.data?.setAlertWebhook.alertWebhookUrl, refusingHook, JSON.stringify(set.errors));
  const { doc, sent } = await sendUrgentNotice('退回测试特急通知', [beilin]);
  assert.equal(sent.data?.sendDocument.status, 'SENT', JSON.stringify(sent.errors));
  for (let i = 0; i < 50 && !refusals.length; i++) await new Promise((r) => setTimeout(r, 100));
  assert.equal(refusals.length, 1, 'the webhook was tried');
  await new Promise((r) => setTimeout(r, 300));
  const alerts = (await gql('xa.clerk', 'query($id: ID!) { document(id: $id) { deliveries { alerts { channel status attempts lastError } } } }', { id: doc }))
    .data?.document.deliveries[0].alerts;
  const hook = alerts.find((a: { channel: string }) => a.channel === 'WEBHOOK');
  assert.equal(hook.status, 'PENDING', 'it will be retried');
  assert.equal(hook.lastError, 'the webhook did not accept the alert');
  assert.doesNotMatch(hook.lastError, /500|5432|token|abc123/);
});

test('clearing a unit’s webhook cancels its pending webhook alerts', async () => {
  const beilin = await p.orgId('610103');
  const [pending] = await p.superQuery<{ id: string }>(
    "select id from documents.alerts where channel = 'WEBHOOK' and target = $1 and status = 'PENDING' order by id desc limit 1",
    [refusingHook],
  );
  assert.ok(pending, 'the refused alert is still pending');
  const cleared = await gql('bl.admin', 'mutation($o: ID!) { setAlertWebhook(orgId: $o, url: null) { alertWebhookUrl } }', { o: beilin });
  assert.equal(cleared.data?.setAlertWebhook.alertWebhookUrl, null, JSON.stringify(cleared.errors));
  const a = await eventually(
    () => alertRow(pending.id),
    (r) => r.status !== 'PENDING',
    () => p.drainDocumentsOrgEvents(),
  );
  assert.equal(a.status, 'CANCELLED');
  assert.equal(a.last_error, 'webhook changed');
  const tries = refusals.length;
  await p.superQuery('update documents.alerts set next_attempt_at = now() where id = $1', [pending.id]);
  await new Promise((r) => setTimeout(r, 400));
  assert.equal(refusals.length, tries, 'the old target is not tried again');
  assert.equal((await alertRow(pending.id)).status, 'CANCELLED');
});

test('an alert that keeps failing stops: after its last attempt, and a day after it was queued', async () => {
  const lastTry = await insertAlert(refusingHook, { attempts: 1000 });
  const a = await waitFor(lastTry, (r) => r.status !== 'PENDING');
  assert.equal(a.status, 'FAILED');
  assert.match(a.last_error ?? '', /^gave up after \d+ attempts: the webhook did not accept the alert$/);

  const tries = refusals.length;
  const stale = await insertAlert(refusingHook, { ageHours: 25 });
  const b = await waitFor(stale, (r) => r.status !== 'PENDING');
  assert.equal(b.status, 'FAILED');
  assert.match(b.last_error ?? '', /^gave up: not delivered within \d+ hours/);
  assert.equal(refusals.length, tries, 'a day-old alert is not posted any more');
});

test('the dispatcher does not post to a host that resolves to a private address, whatever was checked before', async () => {
  // Without the test switch, as in production (documents restarts to read its settings again).
  delete process.env.YIZHAN_ALLOW_PRIVATE_WEBHOOKS;
  await p.restartDocuments();
  const hits: string[] = [];
  const s = http.createServer((req, res) => {
    hits.push(String(req.url));
    res.writeHead(401).end('unauthorized: internal endpoint');
  });
  servers.push(s);
  await new Promise<void>((r) => s.listen(0, '0.0.0.0', () => r()));
  const port = (s.address() as AddressInfo).port;
  // This machine's own name: an ordinary host name (no localhost, .local or .internal) that resolves to a loopback or
  // private address, as a rebinding name would after passing the check when it was set.
  const host = os.hostname();
  const addresses = (await dns.lookup(host, { all: true })).map((a) => a.address);
  assert.ok(
    addresses.some((a) => /^(127\.|10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.|::1$|f[cd])/.test(a)),
    `${host} resolves to ${addresses.join(', ')}`,
  );
  const byName = await insertAlert(`http://${host}:${port}/internal/unit`);
  const byLiteral = await insertAlert(`http://127.0.0.1:${port}/internal/unit`);
  for (const id of [byName, byLiteral]) {
    const a = await waitFor(id, (r) => r.status !== 'PENDING');
    assert.equal(a.status, 'FAILED', JSON.stringify(a));
    assert.match(a.last_error ?? '', /not a public address/);
    assert.doesNotMatch(a.last_error ?? '', /401|unauthorized|internal endpoint/);
  }
  assert.deepEqual(hits, [], 'nothing was posted to the private address');
});

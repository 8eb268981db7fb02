// 内部邮件 (seed 003 §33(一): 若2人或少数几人之间沟通，可以使用内部邮件，内部邮件添加的附属档案大小限制在20M以内). 新城区's
// clerk writes to a colleague and to 西安市's leader (the unit above), with two attachments; a sibling county's clerk is
// not someone to write to, a file with a virus is not kept, and nothing is written when refused. The colleague reads it
// (the sender sees when; the other recipient does not), fetches the attachment as sent, and puts it away; the others
// keep theirs. Nobody else reads it — not a sibling county, not the unit's own administrator.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import pg from 'pg';
import { codeOf, ok, type Platform, startPlatform } from '../../../test/support/harness.ts';
import { ringPng } from '../../../test/support/png.ts';

let p: Platform;
before(async () => {
  p = await startPlatform({ services: ['org'] });
});
after(() => p?.close());

const gql = async (user: string, q: string, v: Record<string, unknown> = {}) => p.gql(q, v, await p.login(user));
const idOf = async (username: string) => (await p.superQuery<{ id: string }>('select id from org.users where username = $1', [username]))[0]?.id as string;
const messages = () => p.superCount('select count(*) as n from org.mail_messages');

const SEND = 'mutation($in: MailInput!) { sendMail(input: $in) { id subject recipients { name orgName kind } attachments { id name contentType size } } }';
const READ = 'query($id: ID!) { mailMessage(id: $id) { subject body senderName senderOrgName recipients { name readAt } attachments { id name } } }';
const BOX = 'query($f: String!) { mailbox(folder: $f) { id subject senderName readAt recipientNames attachmentCount } }';
const EICAR = 'X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*';

test('内部邮件: written to a colleague and the unit above, read, fetched, put away; nobody else reads it', async () => {
  // Whom 王秀兰 may write to: her unit's people and the city's, not 碑林区's.
  const names = async (search: string) =>
    ok<{ name: string; orgName: string }[]>(
      await gql('xc.clerk', 'query($s: String) { mailDirectory(search: $s) { name orgName } }', { s: search }),
      'mailDirectory',
    );
  assert.deepEqual(await names('林强'), [{ name: '林强', orgName: '西安市新城区人民政府' }]);
  assert.deepEqual(await names('胡建华'), [{ name: '胡建华', orgName: '西安市人民政府' }]);
  assert.deepEqual(await names('宋佳'), [], 'a sibling county’s clerk is not in her directory');

  const [drafter, cityLeader, siblingClerk] = [await idOf('xc.drafter'), await idOf('xa.leader'), await idOf('bl.clerk')];
  const agenda = Buffer.from('一、传达文件精神\n二、部署落实工作\n', 'utf8');
  const picture = ringPng(48);
  const message = {
    subject: '关于周五工作例会的安排',
    body: '请于周五上午九时到三楼会议室参加例会，议程见附件。',
    to: [drafter],
    cc: [cityLeader],
    attachments: [
      { name: '议程.txt', base64: agenda.toString('base64') },
      { name: '会场.png', base64: picture.toString('base64') },
    ],
  };

  // Refused, nothing written: a sibling county's clerk; a file with a virus; no subject.
  const before = await messages();
  const sibling = await gql('xc.clerk', SEND, { in: { ...message, cc: [cityLeader, siblingClerk] } });
  assert.equal(codeOf(sibling), 'BAD_INPUT');
  assert.equal(sibling.errors?.[0]?.extensions?.field, 'mail.cc');
  const infected = await gql('xc.clerk', SEND, { in: { ...message, attachments: [{ name: 'a.txt', base64: Buffer.from(EICAR).toString('base64') }] } });
  assert.equal(codeOf(infected), 'FILE_INFECTED');
  assert.equal(infected.errors?.[0]?.extensions?.field, 'attachments[0]');
  assert.equal(codeOf(await gql('xc.clerk', SEND, { in: { ...message, subject: ' ' } })), 'BAD_INPUT');
  const control = await gql('xc.clerk', SEND, { in: { ...message, body: '正文\u0001\u001b[31m' } });
  assert.deepEqual([codeOf(control), control.errors?.[0]?.extensions?.field], ['BAD_INPUT', 'body']);
  assert.equal(await messages(), before, 'nothing written');

  const sent = ok<{ id: string; recipients: unknown[]; attachments: { id: string; name: string; contentType: string; size: number }[] }>(
    await gql('xc.clerk', SEND, { in: message }),
    'sendMail',
  );
  assert.deepEqual(sent.recipients, [
    { name: '林强', orgName: '西安市新城区人民政府', kind: 'TO' },
    { name: '胡建华', orgName: '西安市人民政府', kind: 'CC' },
  ]);
  assert.deepEqual(
    sent.attachments.map((a) => [a.name, a.contentType, a.size]),
    [
      ['议程.txt', 'text/plain', agenda.length],
      ['会场.png', 'image/png', picture.length],
    ],
  );

  // In 林强's inbox, unread; read, the sender sees when, the other recipient does not.
  const inbox = ok<{ id: string; senderName: string; readAt: string | null; attachmentCount: number }[]>(
    await gql('xc.drafter', BOX, { f: 'INBOX' }),
    'mailbox',
  );
  assert.deepEqual(
    inbox.map((m) => [m.id, m.senderName, m.readAt, m.attachmentCount]),
    [[sent.id, '王秀兰', null, 2]],
  );
  assert.equal(ok(await gql('xc.drafter', '{ mailUnread }'), 'mailUnread'), 1);
  const read = ok<{ senderOrgName: string; recipients: { name: string; readAt: string | null }[] }>(
    await gql('xc.drafter', 'mutation($id: ID!) { markMailRead(id: $id) { senderOrgName recipients { name readAt } } }', { id: sent.id }),
    'markMailRead',
  );
  assert.equal(read.senderOrgName, '西安市新城区人民政府');
  assert.ok(read.recipients.find((r) => r.name === '林强')?.readAt, 'his own reading');
  assert.equal(ok(await gql('xc.drafter', '{ mailUnread }'), 'mailUnread'), 0);
  const bySender = ok<{ recipients: { name: string; readAt: string | null }[] }>(await gql('xc.clerk', READ, { id: sent.id }), 'mailMessage');
  assert.ok(bySender.recipients.find((r) => r.name === '林强')?.readAt, 'the sender sees he read it');
  assert.equal(bySender.recipients.find((r) => r.name === '胡建华')?.readAt, null, 'and that the leader has not');
  const byLeader = ok<{ recipients: { name: string; readAt: string | null }[] }>(await gql('xa.leader', READ, { id: sent.id }), 'mailMessage');
  assert.equal(byLeader.recipients.find((r) => r.name === '林强')?.readAt, null, 'another recipient is not told who read it');
  assert.equal(
    codeOf(await gql('xc.clerk', 'mutation($id: ID!) { markMailRead(id: $id) { id } }', { id: sent.id })),
    'BAD_INPUT',
    'the sender is no recipient',
  );

  // The attachment as it was sent, for a recipient; nothing of it for anyone else, the unit's administrator included.
  const file = ok<{ base64: string }>(
    await gql('xa.leader', 'query($id: ID!) { mailAttachment(id: $id) { base64 } }', { id: sent.attachments[1]?.id }),
    'mailAttachment',
  );
  assert.ok(Buffer.from(file.base64, 'base64').equals(picture));
  for (const who of ['bl.clerk', 'xc.admin', 'xc.leader']) {
    assert.equal(codeOf(await gql(who, READ, { id: sent.id })), 'NOT_FOUND', who);
    assert.equal(codeOf(await gql(who, 'query($id: ID!) { mailAttachment(id: $id) { base64 } }', { id: sent.attachments[0]?.id })), 'NOT_FOUND', who);
    assert.deepEqual(ok(await gql(who, BOX, { f: 'INBOX' }), 'mailbox'), [], who);
    assert.equal(codeOf(await gql(who, 'mutation($id: ID!) { putAwayMail(id: $id) }', { id: sent.id })), 'NOT_FOUND', who);
  }

  // Put away by 林强: gone from his inbox; the leader's and the sender's copies stay.
  assert.equal(ok(await gql('xc.drafter', 'mutation($id: ID!) { putAwayMail(id: $id) }', { id: sent.id }), 'putAwayMail'), true);
  assert.deepEqual(ok(await gql('xc.drafter', BOX, { f: 'INBOX' }), 'mailbox'), []);
  assert.equal(ok<{ id: string }[]>(await gql('xa.leader', BOX, { f: 'INBOX' }), 'mailbox')[0]?.id, sent.id);
  const out = ok<{ id: string; recipientNames: string[] }[]>(await gql('xc.clerk', BOX, { f: 'SENT' }), 'mailbox');
  assert.deepEqual(
    out.map((m) => [m.id, m.recipientNames]),
    [[sent.id, ['林强', '胡建华']]],
  );
  assert.equal(codeOf(await gql('xc.clerk', BOX, { f: 'TRASH' })), 'BAD_INPUT');
});

test('the database keeps mail the person’s, whatever the application asks: no joining another’s message, nothing changed as sent', async () => {
  const [clerk, drafter, admin] = [await idOf('xc.clerk'), await idOf('xc.drafter'), await idOf('xc.admin')];
  const sent = ok<{ id: string }>(await gql('xc.clerk', SEND, { in: { subject: '只给林强', body: '正文', to: [drafter] } }), 'sendMail');
  const xincheng = await p.orgId('610102');
  const [{ path }] = (await p.superQuery<{ path: string }>('select path::text from org.orgs where id = $1', [xincheng])) as [{ path: string }];
  // The application's own role, as each person: the scope the service sets for them.
  const as = async <T>(userId: string, sql: string, params: unknown[]): Promise<T[] | string> => {
    const c = new pg.Client({ connectionString: p.db.appUrl });
    await c.connect();
    try {
      await c.query('begin');
      await c.query("select set_config('yizhan.user_id', $1, true), set_config('yizhan.org_id', $2, true), set_config('yizhan.org_path', $3, true)", [
        userId,
        xincheng,
        path,
      ]);
      const r = await c.query(sql, params);
      await c.query('commit');
      return r.rows as T[];
    } catch (e) {
      await c.query('rollback');
      return (e as Error).message;
    } finally {
      await c.end();
    }
  };
  // The administrator (another person of the unit) adds himself as a recipient, or an attachment: refused; reads nothing.
  const joined = await as(
    admin,
    "insert into org.mail_recipients (message_id, user_id, user_name, org_name, sender_id, kind, sent_at) values ($1, $2, '高鹏', '新城区', $2, 'TO', now())",
    [sent.id, admin],
  );
  assert.match(String(joined), /row-level security/);
  const attached = await as(
    admin,
    "insert into org.mail_attachments (id, message_id, sender_id, position, name, content_type, size, sha256, content) values (gen_random_uuid(), $1, $2, 9, 'x.txt', 'text/plain', 1, repeat('0', 64), 'x')",
    [sent.id, admin],
  );
  assert.match(String(attached), /row-level security/);
  assert.deepEqual(await as(admin, 'select id from org.mail_messages where id = $1', [sent.id]), []);
  // The recipient moves his row onto another message, or rewrites it: refused. The sender rewrites what she sent: refused.
  assert.match(String(await as(drafter, "update org.mail_recipients set kind = 'CC' where message_id = $1", [sent.id])), /kept as sent/);
  assert.match(String(await as(clerk, "update org.mail_messages set body = '改过的正文' where id = $1", [sent.id])), /kept as sent/);
  // What they may change, they may.
  assert.deepEqual(await as(drafter, 'update org.mail_recipients set read_at = now() where message_id = $1 returning kind', [sent.id]), [{ kind: 'TO' }]);
  assert.equal(ok<{ body: string }>(await gql('xc.drafter', 'query($id: ID!) { mailMessage(id: $id) { body } }', { id: sent.id }), 'mailMessage').body, '正文');
});

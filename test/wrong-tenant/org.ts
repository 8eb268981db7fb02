// Wrong-tenant cases of the org subgraph: one per root field. The other unit is 新城区 (610102); the wrong unit its
// sibling 碑林区 (610103), and for administrative fields also 新城区's own clerk (the wrong role).
import assert from 'node:assert/strict';
import { tinyPdf } from '../support/files.ts';
import { ok } from '../support/harness.ts';
import { ringPng } from '../support/png.ts';
import { type Cases, nothingForeign, refused, refusedUnchanged, unchanged, type World } from './support.ts';

const xc = (w: World) => w.privateOf.xincheng;
const ORG = 'id name shortName status alertWebhookUrl';
const readUsers = (w: World) => ({
  as: 'xc.admin',
  query: 'query($o: ID!) { users(orgId: $o) { id username roles status mustChangePassword lockedAt } }',
  variables: { o: w.unit.xincheng },
});
const readOrg = (w: World) => ({
  as: 'xc.admin',
  query: `query($o: ID!) { org(id: $o) { ${ORG} parent { id } children { id } } }`,
  variables: { o: w.unit.xincheng },
});
const readContacts = (w: World) => ({
  as: 'xc.admin',
  query: 'query($o: ID!) { contacts(orgId: $o) { id name post phone mobile urgentAlerts } }',
  variables: { o: w.unit.xincheng },
});
const readLists = () => ({ as: 'xc.drafter', query: '{ distributionLists { id name memberIds } }' });
const readRules = (w: World) => ({
  as: 'xc.admin',
  query: 'query($o: ID!) { routingRules(orgId: $o, inherited: false) { id name effect docTypes } }',
  variables: { o: w.unit.xincheng },
});
const readTokens = (w: World) => ({
  as: 'xc.admin',
  query: 'query($o: ID!) { apiTokens(orgId: $o) { id name revokedAt } }',
  variables: { o: w.unit.xincheng },
});
/** 新城区's people, as its audit log and account reports would name them, with its private objects. */
const people = (w: World) => [...xc(w), 'xc.admin', 'xc.clerk', 'xc.drafter', 'xc.leader', '新城区政府'];
/** 新城区's clerk still works with the token it had: its session was not ended from outside. */
const clerkStillIn = async (w: World) => assert.equal(ok(await w.gql('xc.clerk', '{ me { username } }'), 'me').username, 'xc.clerk');

/** A section of 新城区 made for the case (named so no other case's section is confused with it); its id. */
async function xcSection(w: World, name: string): Promise<string> {
  return ok(await w.gql('xc.admin', 'mutation($n: String!) { createSection(name: $n, mobile: "13900000009") { id } }', { n: name }), 'createSection')
    .id as string;
}
const readSections = (w: World) => ({
  as: 'xc.admin',
  query: 'query($o: ID) { sections(orgId: $o) { id name mobile members { id displayName } } }',
  variables: { o: w.unit.xincheng },
});

/** An inspection of 新城区 by 西安市 (检查与限期整改), its item found wanting still due; ids of both. */
async function xcInspection(w: World, finding: string): Promise<{ id: string; findingId: string }> {
  const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  const r = ok<{ id: string; findings: { id: string }[] }>(
    await w.gql('xa.admin', 'mutation($o: ID!, $in: InspectionInput!) { recordInspection(orgId: $o, input: $in) { id findings { id } } }', {
      o: w.unit.xincheng,
      in: { inspectedOn: today, inspectors: '孙涛', findings: [{ item: 'SECURITY', conforms: false, finding, rectifyBy: today }] },
    }),
    'recordInspection',
  );
  return { id: r.id, findingId: r.findings[0]?.id as string };
}
const readInspection = (id: string) => ({
  as: 'xc.admin',
  query: 'query($id: ID!) { inspection(id: $id) { id status findings { status rectification returnedReason rectifyBy } } }',
  variables: { id },
});
/** Information of 新城区 by its drafter, approved by its leader (or left pending); its id. */
async function xcInformation(w: World, title: string, audience: 'UNIT' | 'SUBTREE', approve: boolean): Promise<string> {
  const id = ok<{ id: string }>(
    await w.gql('xc.drafter', 'mutation($in: InformationInput!) { submitInformation(input: $in) { id } }', {
      in: { column: 'WORK_NEWS', title, body: `${title}正文`, audience },
    }),
    'submitInformation',
  ).id;
  if (approve) ok(await w.gql('xc.leader', 'mutation($id: ID!) { approveInformation(id: $id) { id } }', { id }), 'approveInformation');
  return id;
}
const readInformation = (id: string) => ({
  as: 'xc.drafter',
  query: 'query($id: ID!) { information(id: $id) { status title body decisionNote withdrawnAt withdrawnReason steps { action words } images { id } } }',
  variables: { id },
});
/** Information of 新城区 by its drafter, sent back by its leader with the reason; its id. */
async function xcReturnedInformation(w: World, title: string, reason: string): Promise<string> {
  const id = await xcInformation(w, title, 'UNIT', false);
  ok(await w.gql('xc.leader', 'mutation($id: ID!, $r: String!) { rejectInformation(id: $id, reason: $r) { id } }', { id, r: reason }), 'rejectInformation');
  return id;
}
/** A fault report of 新城区, by its clerk; its id. */
async function xcFault(w: World, text: string): Promise<string> {
  return ok(await w.gql('xc.clerk', 'mutation($d: String!) { reportFault(input: { kind: OTHER, description: $d }) { id } }', { d: text }), 'reportFault').id;
}
const readFaults = () => ({ as: 'xc.clerk', query: '{ faultReports { id status response escalationPlan resolution } }' });
/** An announcement of 新城区 to itself, by its administrator; its id. */
async function xcAnnouncement(w: World, title: string): Promise<string> {
  return ok(
    await w.gql('xc.admin', 'mutation($t: String!) { publishAnnouncement(input: { kind: NOTICE, title: $t, body: "新城区内部事项" }) { id } }', { t: title }),
    'publishAnnouncement',
  ).id;
}
const readIssued = () => ({ as: 'xc.admin', query: '{ issuedAnnouncements { id title withdrawnAt } }' });
const readBanner = () => ({ as: 'xc.clerk', query: '{ announcements { id title } }' });

export const orgCases: Cases = {
  'Query.apiTokens': {
    async run(w) {
      const q = 'query($o: ID!) { apiTokens(orgId: $o) { id name } }';
      await nothingForeign(w, 'bl.admin', q, { o: w.unit.xincheng }, xc(w));
      await nothingForeign(w, 'xc.clerk', q, { o: w.unit.xincheng }, xc(w));
    },
  },
  'Query.contacts': {
    async run(w) {
      await nothingForeign(w, 'bl.admin', 'query($o: ID!) { contacts(orgId: $o) { id name mobile } }', { o: w.unit.xincheng }, xc(w));
    },
  },
  'Query.contactRoster': {
    async run(w) {
      // Another county's administrator, at its own root or at 新城区's: nothing of 新城区's contacts.
      await refused(
        w,
        'bl.admin',
        'query($r: ID!) { contactRoster(rootId: $r) { nodes { name contacts { name mobile } } } }',
        { r: w.unit.xincheng },
        {
          codes: ['FORBIDDEN'],
          foreign: xc(w),
        },
      );
      await nothingForeign(
        w,
        'bl.admin',
        'query($r: ID!) { contactRoster(rootId: $r) { nodes { name contacts { name mobile } } } }',
        { r: w.unit.beilin },
        xc(w),
      );
    },
  },
  'Query.distributionLists': {
    async run(w) {
      await nothingForeign(w, 'bl.clerk', 'query($o: ID) { distributionLists(orgId: $o) { id name } }', { o: w.unit.xincheng }, xc(w));
      await nothingForeign(w, 'bl.clerk', '{ distributionLists { id name } }', {}, xc(w));
    },
  },
  'Query.org': {
    async run(w) {
      await nothingForeign(w, 'bl.admin', `query($o: ID!) { org(id: $o) { ${ORG} } }`, { o: w.unit.xincheng }, xc(w));
      await nothingForeign(w, 'xc.clerk', `query($o: ID!) { org(id: $o) { ${ORG} } }`, { o: w.unit.xincheng }, xc(w));
    },
  },
  'Query.orgByCode': {
    async run(w) {
      await nothingForeign(w, 'bl.admin', `{ orgByCode(code: "610102") { ${ORG} } }`, {}, xc(w));
    },
  },
  'Query.searchOrgs': {
    async run(w) {
      await nothingForeign(w, 'bl.admin', `{ searchOrgs(name: "新城区", first: 20) { ${ORG} } }`, {}, xc(w));
    },
  },
  'Query.subtree': {
    async run(w) {
      await nothingForeign(
        w,
        'bl.admin',
        `query($r: ID!) { subtree(rootId: $r, first: 50, includeClosed: true) { nodes { ${ORG} } } }`,
        { r: w.unit.xian },
        xc(w),
      );
    },
  },
  'Query.routingRules': {
    public:
      'who may send what to whom is published to every signed-in unit: a refused send names the receiver’s rule that refused it (DESIGN, routing rules); the rules carry nothing else of the unit',
    async run(w) {
      const rules = ok<{ orgId: string }[]>(
        await w.gql('bl.admin', 'query($o: ID!) { routingRules(orgId: $o, inherited: true) { id orgId name createdAt updatedAt } }', { o: w.unit.xincheng }),
        'routingRules',
      );
      assert.ok(rules.length > 0);
      const rest = [
        w.id.xcContact,
        w.id.xcList,
        w.id.xcApiToken,
        w.id.xcDraft,
        w.id.xcInApproval,
        w.id.xcDelivery,
        w.id.xcClerk,
        'WT新城区私有钩子',
        'WT新城区私有联系人',
      ];
      await nothingForeign(
        w,
        'bl.admin',
        'query($o: ID!) { routingRules(orgId: $o, inherited: true) { id orgId orgPath name } }',
        { o: w.unit.xincheng },
        rest,
      );
    },
  },
  'Query.routingRuleHistory': {
    async run(w) {
      await nothingForeign(
        w,
        'bl.admin',
        'query($o: ID!) { routingRuleHistory(orgId: $o) { ruleId actorId actorUsername before after } }',
        { o: w.unit.xincheng },
        xc(w),
      );
    },
  },
  'Query.evaluateRouting': {
    async run(w) {
      // As if 新城区 sent a 纪要 up, where its own rule refuses it: another unit may not evaluate for 新城区.
      await nothingForeign(
        w,
        'bl.clerk',
        'query($s: ID, $r: [RecipientSpecInput!]!) { evaluateRouting(senderOrgId: $s, recipients: $r, docType: "纪要") { allowedCount refusedCount decisions { org { id } allowed reason ruleName } } }',
        { s: w.unit.xincheng, r: [{ orgIds: [w.unit.xian] }] },
        xc(w),
      );
    },
  },
  'Query.me': {
    public: 'every signed-in caller reads their own account, and only it',
    async run(w) {
      const me = ok(await w.gql('bl.clerk', '{ me { id username orgId } }'), 'me');
      assert.deepEqual([me.username, me.orgId], ['bl.clerk', w.unit.beilin]);
      await nothingForeign(w, 'bl.clerk', '{ me { id username orgId org { id name } } }', {}, xc(w));
    },
  },
  'Query.users': {
    async run(w) {
      await nothingForeign(w, 'bl.admin', 'query($o: ID!) { users(orgId: $o) { id username } }', { o: w.unit.xincheng }, xc(w));
    },
  },
  'Query.mySessions': {
    public: 'every signed-in caller lists their own sessions, and only them',
    async run(w) {
      await nothingForeign(w, 'bl.clerk', '{ mySessions { id startedAt } }', {}, xc(w));
    },
  },
  'Query.userSessions': {
    async run(w) {
      const q = 'query($u: ID!) { userSessions(userId: $u) { id startedAt } }';
      await nothingForeign(w, 'bl.admin', q, { u: w.id.xcClerk }, xc(w));
      await nothingForeign(w, 'xc.clerk', q, { u: w.id.xcDrafter }, xc(w));
    },
  },
  'Query.auditLog': {
    async run(w) {
      const q = 'query($o: ID!) { auditLog(orgId: $o, first: 100) { nodes { id action actorId actorUsername unitName } } }';
      await nothingForeign(w, 'bl.admin', q, { o: w.unit.xincheng }, people(w));
      await nothingForeign(w, 'xc.clerk', q, { o: w.unit.xincheng }, people(w));
    },
  },
  'Query.auditLogCsv': {
    async run(w) {
      const q = 'query($o: ID!) { auditLogCsv(orgId: $o) }';
      await nothingForeign(w, 'bl.admin', q, { o: w.unit.xincheng }, people(w));
      await nothingForeign(w, 'xc.clerk', q, { o: w.unit.xincheng }, people(w));
    },
  },
  'Mutation.recordExport': {
    public: 'every signed-in caller records their own exports, in their own unit’s log only; it changes and answers nothing else',
    async run(w) {
      const q = 'mutation($w: String!, $n: Int!) { recordExport(what: $w, rows: $n) }';
      const exports = async (user: string, o: string) =>
        ok<{ nodes: { action: string; actorUsername: string | null }[] }>(
          await w.gql(user, 'query($o: ID!) { auditLog(orgId: $o, category: EXPORT, first: 200) { nodes { action actorUsername } } }', { o }),
          'auditLog',
        ).nodes.filter((e) => e.action === 'recordExport');
      assert.equal(ok(await w.gql('bl.admin', q, { w: 'statistics.csv', n: 3 }), 'recordExport'), true);
      assert.ok(
        (await exports('bl.admin', w.unit.beilin)).some((e) => e.actorUsername === 'bl.admin'),
        'in the caller’s own unit’s log',
      );
      assert.ok(!(await exports('xc.admin', w.unit.xincheng)).some((e) => e.actorUsername === 'bl.admin'), 'nothing in another unit’s');
      // Anything but a table the dashboard exports is refused, naming nothing of any unit.
      await refused(w, 'bl.admin', q, { w: 'xincheng.csv', n: 1 }, { codes: ['BAD_INPUT'], foreign: people(w) });
      await refused(w, 'xc.clerk', q, { w: 'statistics.csv', n: -1 }, { codes: ['BAD_INPUT'] });
    },
  },
  'Query.unusedAccounts': {
    async run(w) {
      const q = 'query($o: ID!) { unusedAccounts(orgId: $o, days: 0) { id username unitName } }';
      await nothingForeign(w, 'bl.admin', q, { o: w.unit.xincheng }, people(w));
      await nothingForeign(w, 'xc.clerk', q, { o: w.unit.xincheng }, people(w));
    },
  },
  'Query.suspiciousActivity': {
    async run(w) {
      const q = 'query($o: ID!) { suspiciousActivity(orgId: $o, days: 30) { kind actorId actorName clientAddress count } }';
      await nothingForeign(w, 'bl.admin', q, { o: w.unit.xincheng }, people(w));
      await nothingForeign(w, 'xc.clerk', q, { o: w.unit.xincheng }, people(w));
    },
  },

  'Mutation.issueApiToken': {
    async run(w) {
      const q = 'mutation($o: ID!) { issueApiToken(orgId: $o, name: "外单位", expiresInDays: 30) { token } }';
      await refusedUnchanged(w, 'bl.admin', q, { o: w.unit.xincheng }, readTokens(w));
      await refusedUnchanged(w, 'xc.clerk', q, { o: w.unit.xincheng }, readTokens(w));
    },
  },
  'Mutation.revokeApiToken': {
    async run(w) {
      await refusedUnchanged(w, 'bl.admin', 'mutation($id: ID!) { revokeApiToken(id: $id) { id } }', { id: w.id.xcApiToken }, readTokens(w));
    },
  },
  'Mutation.login': {
    public: 'logging in is what an anonymous caller does; it answers with the caller’s own account only',
    async run(w) {
      const r = ok(await w.p.gql('mutation { login(username: "bl.clerk", password: "Yizhan@2026") { user { username orgId } } }'), 'login');
      assert.deepEqual([r.user.username, r.user.orgId], ['bl.clerk', w.unit.beilin]);
      const wrong = await w.p.gql('mutation { login(username: "xc.clerk", password: "wrong-password") { token user { id } } }');
      assert.ok(wrong.errors?.length && !wrong.data?.login, 'a wrong password is refused');
      assert.deepEqual(
        xc(w).filter((f) => JSON.stringify(wrong).includes(f)),
        [],
      );
    },
  },
  'Mutation.setTrainingRequired': {
    async run(w) {
      // Whether 新城区 requires 培训考核 before a post: its administrators' and those above, not a sibling's nor a clerk's.
      const q = 'mutation($o: ID!) { setTrainingRequired(orgId: $o, required: true, subtree: true) { id trainingRequired } }';
      const back = { as: 'xc.admin', query: 'query($o: ID!) { org(id: $o) { trainingRequired } }', variables: { o: w.unit.xincheng } };
      await refusedUnchanged(w, 'bl.admin', q, { o: w.unit.xincheng }, back, { foreign: xc(w) });
      await refusedUnchanged(w, 'xc.clerk', q, { o: w.unit.xincheng }, back, { foreign: xc(w) });
    },
  },
  'Query.mailDirectory': {
    async run(w) {
      // 碑林区's clerk finds nobody of 新城区 (a sibling) to write to; 新城区's people are not listed to it by any search.
      await nothingForeign(w, 'bl.clerk', '{ mailDirectory(search: "新城区") { id name orgName } }', {}, [...xc(w), '新城区', '王秀兰', '林强']);
    },
  },
  'Query.mailbox': {
    async run(w) {
      // Mail is the person's: not a sibling county's, not the unit's own administrator's, not a colleague's.
      for (const who of ['bl.clerk', 'xc.admin', 'xc.leader'])
        for (const folder of ['INBOX', 'SENT'])
          await nothingForeign(w, who, 'query($f: String!) { mailbox(folder: $f) { id subject senderName recipientNames } mailUnread }', { f: folder }, xc(w));
    },
  },
  'Query.mailUnread': {
    async run(w) {
      assert.equal(ok(await w.gql('xc.admin', '{ mailUnread }'), 'mailUnread'), 0, 'the drafter’s unread mail is not the administrator’s');
    },
  },
  'Query.mailMessage': {
    async run(w) {
      for (const who of ['bl.clerk', 'xc.admin', 'xc.leader'])
        await refused(
          w,
          who,
          'query($id: ID!) { mailMessage(id: $id) { subject body recipients { name } } }',
          { id: w.id.xcMail },
          { codes: ['NOT_FOUND'], foreign: xc(w) },
        );
    },
  },
  'Query.mailAttachment': {
    async run(w) {
      for (const who of ['bl.clerk', 'xc.admin'])
        await refused(
          w,
          who,
          'query($id: ID!) { mailAttachment(id: $id) { name base64 } }',
          { id: w.id.xcMailAttachment },
          { codes: ['NOT_FOUND'], foreign: xc(w) },
        );
    },
  },
  'Mutation.sendMail': {
    async run(w) {
      // To a sibling county's clerk: refused, nothing sent; from there, nothing of 新城区's mail in the answer.
      const before = await w.p.superCount('select count(*) as n from org.mail_messages');
      await refused(
        w,
        'bl.clerk',
        'mutation($in: MailInput!) { sendMail(input: $in) { id recipients { name } } }',
        {
          in: { subject: '越界邮件', body: '', to: [w.id.xcClerk] },
        },
        { codes: ['BAD_INPUT'], foreign: xc(w) },
      );
      assert.equal(await w.p.superCount('select count(*) as n from org.mail_messages'), before, 'nothing sent');
    },
  },
  'Mutation.markMailRead': {
    async run(w) {
      // Marking the drafter's mail read as someone else: not found, and the sender still sees it unread.
      const back = { as: 'xc.clerk', query: 'query($id: ID!) { mailMessage(id: $id) { recipients { name readAt } } }', variables: { id: w.id.xcMail } };
      for (const who of ['bl.clerk', 'xc.admin'])
        await refusedUnchanged(w, who, 'mutation($id: ID!) { markMailRead(id: $id) { id } }', { id: w.id.xcMail }, back, {
          codes: ['NOT_FOUND'],
          foreign: xc(w),
        });
    },
  },
  'Mutation.putAwayMail': {
    async run(w) {
      const back = { as: 'xc.drafter', query: '{ mailbox(folder: "INBOX") { id } }' };
      for (const who of ['bl.clerk', 'xc.admin'])
        await refusedUnchanged(w, who, 'mutation($id: ID!) { putAwayMail(id: $id) }', { id: w.id.xcMail }, back, { codes: ['NOT_FOUND'], foreign: xc(w) });
    },
  },
  'Query.forumTopics': {
    async run(w) {
      // 新城区's topic for its subtree: not its sibling's to read, nor another city's.
      for (const who of ['bl.clerk', 'bj.admin']) await nothingForeign(w, who, '{ forumTopics { id title body orgName authorName } }', {}, xc(w));
    },
  },
  'Query.forumTopic': {
    async run(w) {
      for (const who of ['bl.clerk', 'bj.admin'])
        await refused(
          w,
          who,
          'query($id: ID!) { forumTopic(id: $id) { title body replies { body } } }',
          { id: w.id.xcTopic },
          { codes: ['NOT_FOUND'], foreign: xc(w) },
        );
    },
  },
  'Mutation.postForumTopic': {
    async run(w) {
      // Named readers of another unit are refused, and nothing is posted.
      const before = await w.p.superCount('select count(*) as n from org.forum_topics');
      await refused(
        w,
        'bl.clerk',
        'mutation($in: ForumTopicInput!) { postForumTopic(input: $in) { id } }',
        { in: { title: '越界主题', body: '正文', audience: 'PEOPLE', viewerIds: [w.id.xcClerk] } },
        { codes: ['BAD_INPUT'], foreign: xc(w) },
      );
      assert.equal(await w.p.superCount('select count(*) as n from org.forum_topics'), before, 'nothing posted');
    },
  },
  'Mutation.replyToForumTopic': {
    async run(w) {
      const back = { as: 'xc.clerk', query: 'query($id: ID!) { forumTopic(id: $id) { replies { body } } }', variables: { id: w.id.xcTopic } };
      for (const who of ['bl.clerk', 'bj.admin'])
        await refusedUnchanged(w, who, 'mutation($t: ID!) { replyToForumTopic(topicId: $t, body: "越界回复") { id } }', { t: w.id.xcTopic }, back, {
          codes: ['NOT_FOUND'],
          foreign: xc(w),
        });
    },
  },
  'Mutation.takeDownForumPost': {
    async run(w) {
      // Not a sibling's nor another city's to take down; not a reader's who is neither its author nor an administrator.
      const back = { as: 'xc.clerk', query: 'query($id: ID!) { forumTopic(id: $id) { removedAt body } }', variables: { id: w.id.xcTopic } };
      const q = 'mutation($id: ID!) { takeDownForumPost(kind: "TOPIC", id: $id, reason: "越界删除") }';
      await refusedUnchanged(w, 'bl.admin', q, { id: w.id.xcTopic }, back, { codes: ['NOT_FOUND'], foreign: xc(w) });
      await refusedUnchanged(w, 'bj.admin', q, { id: w.id.xcTopic }, back, { codes: ['NOT_FOUND'], foreign: xc(w) });
      await refusedUnchanged(w, 'xc.leader', q, { id: w.id.xcTopic }, back, { codes: ['FORBIDDEN'], foreign: xc(w) });
    },
  },
  'Mutation.setLockAfterFailures': {
    async run(w) {
      // Whether wrong passwords lock 新城区's accounts: its administrators' and those above, not a sibling's nor a
      // clerk's; what it is set to is for them alone to read (Org.lockAfterFailures).
      const q = 'mutation($o: ID!) { setLockAfterFailures(orgId: $o, failures: 3, subtree: true) { id lockAfterFailures } }';
      const read = 'query($o: ID!) { org(id: $o) { lockAfterFailures } }';
      const back = { as: 'xc.admin', query: read, variables: { o: w.unit.xincheng } };
      await refusedUnchanged(w, 'bl.admin', q, { o: w.unit.xincheng }, back, { foreign: xc(w) });
      await refusedUnchanged(w, 'xc.clerk', q, { o: w.unit.xincheng }, back, { foreign: xc(w) });
      ok(await w.gql('xc.admin', 'mutation($o: ID!) { setLockAfterFailures(orgId: $o, failures: 7) { id } }', { o: w.unit.xincheng }), 'setLockAfterFailures');
      for (const who of ['bl.admin', 'xc.clerk'])
        assert.equal(ok<{ lockAfterFailures: number | null }>(await w.gql(who, read, { o: w.unit.xincheng }), 'org').lockAfterFailures, null, who);
      ok(
        await w.gql('xc.admin', 'mutation($o: ID!) { setLockAfterFailures(orgId: $o, failures: null) { id } }', { o: w.unit.xincheng }),
        'setLockAfterFailures',
      );
    },
  },
  'Mutation.recordUserTraining': {
    async run(w) {
      // 新城区's clerk's training, recorded by a sibling county's administrator and by a clerk: refused, nothing changed.
      const clerk = ok<{ id: string; username: string }[]>(
        await w.gql('xc.admin', 'query($o: ID!) { users(orgId: $o) { id username } }', { o: w.unit.xincheng }),
        'users',
      ).find((u) => u.username === 'xc.clerk')?.id;
      const q = 'mutation($id: ID!) { recordUserTraining(id: $id, trainedOn: "2026-11-02", note: "WT") { id trainedOn } }';
      const back = { as: 'xc.admin', query: 'query($o: ID!) { users(orgId: $o) { username trainedOn trainingNote } }', variables: { o: w.unit.xincheng } };
      for (const who of ['bl.admin', 'xc.clerk']) await refusedUnchanged(w, who, q, { id: clerk }, back, { foreign: xc(w) });
    },
  },
  'Mutation.requestPasswordReset': {
    public: '忘记密码 is asked before there is a session; it answers true for any name and tells nothing of any unit',
    async run(w) {
      const r = await w.p.gql('mutation { requestPasswordReset(username: "wt.nobody") }');
      assert.deepEqual(r.data, { requestPasswordReset: true });
      assert.equal(r.errors, undefined, JSON.stringify(r.errors));
    },
  },
  'Mutation.changeInitialPassword': {
    public: 'a first login before there is a session: it needs the account’s current password, and reveals nothing without it',
    async run(w) {
      const r = await w.p.gql('mutation { changeInitialPassword(username: "xc.clerk", currentPassword: "wrong", newPassword: "Another#2026pw") { token } }');
      assert.ok(r.errors?.length && !r.data?.changeInitialPassword, 'refused');
      await clerkStillIn(w);
      ok(await w.p.gql('mutation { login(username: "xc.clerk", password: "Yizhan@2026") { token } }'), 'login');
    },
  },
  'Mutation.certificateLogin': {
    public: 'logging in with a certificate is what an anonymous caller does; a made-up challenge and signature get nothing',
    async run(w) {
      const r = await w.p.gql('mutation($c: ID!) { certificateLogin(username: "xc.clerk", challengeId: $c, signature: "AAAA") { token user { id } } }', {
        c: '00000000-0000-4000-8000-000000000000',
      });
      assert.ok(r.errors?.length && !r.data?.certificateLogin, 'refused');
      assert.deepEqual(
        xc(w).filter((f) => JSON.stringify(r).includes(f)),
        [],
      );
    },
  },
  'Mutation.changePassword': {
    public: 'it changes the caller’s own password, named by the session, and needs the current one',
    async run(w) {
      await refused(
        w,
        'bl.clerk',
        'mutation { changePassword(currentPassword: "wrong", newPassword: "Another#2026pw") { id } }',
        {},
        {
          codes: ['INVALID_CREDENTIALS', 'UNAUTHENTICATED', 'BAD_INPUT', 'FORBIDDEN'],
          foreign: xc(w),
        },
      );
      await clerkStillIn(w);
    },
  },
  'Mutation.addContact': {
    async run(w) {
      const q = 'mutation($o: ID!) { addContact(orgId: $o, input: { name: "外人", post: "外", phone: "029-12345678" }) { id } }';
      await refusedUnchanged(w, 'bl.admin', q, { o: w.unit.xincheng }, readContacts(w));
      await refusedUnchanged(w, 'xc.clerk', q, { o: w.unit.xincheng }, readContacts(w));
    },
  },
  'Mutation.updateContact': {
    async run(w) {
      await refusedUnchanged(
        w,
        'bl.admin',
        'mutation($id: ID!) { updateContact(id: $id, input: { name: "外人", post: "外", phone: "029-12345678" }) { id } }',
        { id: w.id.xcContact },
        readContacts(w),
      );
    },
  },
  'Mutation.removeContact': {
    async run(w) {
      await refusedUnchanged(w, 'bl.admin', 'mutation($id: ID!) { removeContact(id: $id) }', { id: w.id.xcContact }, readContacts(w));
    },
  },
  'Mutation.createDistributionList': {
    async run(w) {
      // It makes a list of the caller's own unit: 新城区 does not see it, and its own lists are as they were.
      const before = ok(await w.gql('xc.drafter', '{ distributionLists { id } }'), 'distributionLists');
      const made = ok(
        await w.gql('bl.clerk', 'mutation($m: [ID!]!) { createDistributionList(name: "碑林区名单", memberIds: $m) { id orgId } }', { m: [w.unit.xian] }),
        'createDistributionList',
      );
      assert.equal(made.orgId, w.unit.beilin);
      assert.deepEqual(ok(await w.gql('xc.drafter', '{ distributionLists { id } }'), 'distributionLists'), before);
    },
  },
  'Mutation.updateDistributionList': {
    async run(w) {
      await refusedUnchanged(
        w,
        'bl.clerk',
        'mutation($id: ID!, $m: [ID!]!) { updateDistributionList(id: $id, memberIds: $m) { id } }',
        { id: w.id.xcList, m: [w.unit.baoji] },
        readLists(),
      );
    },
  },
  'Mutation.deleteDistributionList': {
    async run(w) {
      await refusedUnchanged(w, 'bl.clerk', 'mutation($id: ID!) { deleteDistributionList(id: $id) }', { id: w.id.xcList }, readLists());
    },
  },
  'Mutation.registerOrg': {
    async run(w) {
      const q =
        'mutation($p: ID!) { registerOrg(input: { parentId: $p, code: "X61010299", name: "外来单位", shortName: "外来", level: COUNTY, kind: DEPARTMENT }) { id } }';
      await refusedUnchanged(w, 'bl.admin', q, { p: w.unit.xincheng }, readOrg(w));
    },
  },
  'Mutation.renameOrg': {
    async run(w) {
      await refusedUnchanged(
        w,
        'bl.admin',
        'mutation($id: ID!) { renameOrg(id: $id, name: "改名", shortName: "改") { id } }',
        { id: w.unit.xincheng },
        readOrg(w),
      );
    },
  },
  'Mutation.mergeOrgs': {
    async run(w) {
      await refusedUnchanged(
        w,
        'bl.admin',
        'mutation($a: [ID!]!, $s: ID) { mergeOrgs(input: { absorbedIds: $a, survivorId: $s, reason: "合并" }) { id } }',
        { a: [w.unit.xincheng], s: w.unit.beilin },
        readOrg(w),
      );
    },
  },
  'Mutation.dissolveOrg': {
    async run(w) {
      await refusedUnchanged(w, 'bl.admin', 'mutation($id: ID!) { dissolveOrg(id: $id, reason: "撤销") { id } }', { id: w.unit.xincheng }, readOrg(w));
      // 宝鸡市's administrator dissolving a unit of its own, its archive sent to 新城区: a unit it does not administer.
      const weibin = await w.p.orgId('610302');
      await refusedUnchanged(
        w,
        'bj.admin',
        'mutation($id: ID!, $k: ID) { dissolveOrg(id: $id, reason: "撤销", archiveCustodianId: $k) { id } }',
        { id: weibin, k: w.unit.xincheng },
        { as: 'bj.admin', query: 'query($o: ID!) { org(id: $o) { status archiveCustodian { id } } }', variables: { o: weibin } },
      );
    },
  },
  'Mutation.moveOrg': {
    async run(w) {
      await refusedUnchanged(
        w,
        'bl.admin',
        'mutation($id: ID!, $p: ID!) { moveOrg(id: $id, newParentId: $p) { id } }',
        { id: w.unit.xincheng, p: w.unit.beilin },
        readOrg(w),
      );
    },
  },
  'Mutation.createRoutingRule': {
    async run(w) {
      const q = 'mutation($o: ID!) { createRoutingRule(orgId: $o, input: { name: "外来规则", direction: UP, effect: DENY }) { id } }';
      await refusedUnchanged(w, 'bl.admin', q, { o: w.unit.xincheng }, readRules(w));
      await refusedUnchanged(w, 'xc.clerk', q, { o: w.unit.xincheng }, readRules(w));
    },
  },
  'Mutation.updateRoutingRule': {
    async run(w) {
      await refusedUnchanged(
        w,
        'bl.admin',
        'mutation($id: ID!) { updateRoutingRule(id: $id, input: { name: "外来规则", direction: UP, effect: ALLOW }) { id } }',
        { id: w.id.xcRule },
        readRules(w),
      );
    },
  },
  'Mutation.deleteRoutingRule': {
    async run(w) {
      await refusedUnchanged(w, 'bl.admin', 'mutation($id: ID!) { deleteRoutingRule(id: $id) }', { id: w.id.xcRule }, readRules(w));
    },
  },
  'Mutation.logout': {
    public: 'it ends the caller’s own session, named by the token it is sent with',
    async run(w) {
      const mine = await w.p.login('bl.clerk');
      assert.equal(ok(await w.p.gql('mutation { logout }', {}, mine), 'logout'), true);
      await clerkStillIn(w);
    },
  },
  'Mutation.logoutEverywhere': {
    public: 'it ends the caller’s own sessions only',
    async run(w) {
      const mine = await w.p.login('610103.clerk');
      ok(await w.p.gql('mutation { logoutEverywhere(keepThisOne: false) }', {}, mine), 'logoutEverywhere');
      await clerkStillIn(w);
    },
  },
  'Mutation.endUserSessions': {
    async run(w) {
      const q = 'mutation($u: ID!) { endUserSessions(userId: $u) }';
      await refused(w, 'bl.admin', q, { u: w.id.xcClerk });
      await refused(w, 'xc.clerk', q, { u: w.id.xcDrafter });
      await clerkStillIn(w);
      ok(await w.gql('xc.drafter', '{ me { id } }'), 'me');
    },
  },
  'Mutation.setAlertWebhook': {
    async run(w) {
      const q = 'mutation($o: ID!) { setAlertWebhook(orgId: $o, url: "https://evil.example.com/") { id } }';
      await refusedUnchanged(w, 'bl.admin', q, { o: w.unit.xincheng }, readOrg(w));
      await refusedUnchanged(w, 'xc.clerk', q, { o: w.unit.xincheng }, readOrg(w));
    },
  },
  'Mutation.updateUnitSettings': {
    async run(w) {
      const back = { as: 'xc.admin', query: 'query($o: ID!) { org(id: $o) { docPrefixes briefingTitles approvalChain } }', variables: { o: w.unit.xincheng } };
      const q = 'mutation($o: ID!) { updateUnitSettings(orgId: $o, docPrefixes: ["外政发"], approvalChain: ["LEADER"], briefingTitles: ["外来简报"]) { id } }';
      await refusedUnchanged(w, 'bl.admin', q, { o: w.unit.xincheng }, back);
      await refusedUnchanged(w, 'xc.clerk', q, { o: w.unit.xincheng }, back);
      // 新城区's 机关代字 still number its drafts.
      const d = ok(
        await w.gql('xc.drafter', 'mutation { createDraft(input: { docType: "函", title: "机关代字检查", body: "x", docPrefix: "新政函" }) { docPrefix } }'),
        'createDraft',
      );
      assert.equal(d.docPrefix, '新政函');
    },
  },
  'Mutation.createUser': {
    async run(w) {
      const q = 'mutation($o: ID!) { createUser(input: { orgId: $o, username: "xc.intruder", displayName: "外人", roles: [ADMIN] }) { oneTimePassword } }';
      await refusedUnchanged(w, 'bl.admin', q, { o: w.unit.xincheng }, readUsers(w));
      await refusedUnchanged(w, 'xc.clerk', q, { o: w.unit.xincheng }, readUsers(w));
    },
  },
  'Mutation.unlockUser': {
    async run(w) {
      await refusedUnchanged(w, 'bl.admin', 'mutation($id: ID!) { unlockUser(id: $id) { id } }', { id: w.id.xcClerk }, readUsers(w));
    },
  },
  'Mutation.resetPassword': {
    async run(w) {
      const q = 'mutation($id: ID!) { resetPassword(id: $id) { oneTimePassword } }';
      await refusedUnchanged(w, 'bl.admin', q, { id: w.id.xcClerk }, readUsers(w));
      await refusedUnchanged(w, 'xc.clerk', q, { id: w.id.xcDrafter }, readUsers(w));
      await clerkStillIn(w);
    },
  },
  'Mutation.setUserRoles': {
    async run(w) {
      const q = 'mutation($id: ID!) { setUserRoles(id: $id, roles: ["ADMIN"]) { id } }';
      await refusedUnchanged(w, 'bl.admin', q, { id: w.id.xcClerk }, readUsers(w));
      await refusedUnchanged(w, 'xc.clerk', q, { id: w.id.xcClerk }, readUsers(w));
    },
  },
  'Mutation.setUserMobile': {
    async run(w) {
      // Another unit's administrator, an administrator above and a colleague may not set 新城区's clerk's mobile; a
      // mobile set by the clerk is shown to the clerk and the unit's administrators only (User.mobile).
      const q = 'mutation($id: ID!) { setUserMobile(id: $id, mobile: "13800009999") { id mobile } }';
      const back = { ...readUsers(w), query: 'query($o: ID!) { users(orgId: $o) { id mobile } }' };
      await refusedUnchanged(w, 'bl.admin', q, { id: w.id.xcClerk }, back);
      await refusedUnchanged(w, 'xa.admin', q, { id: w.id.xcClerk }, back);
      await refusedUnchanged(w, 'xc.drafter', q, { id: w.id.xcClerk }, back);
      ok(await w.gql('xc.clerk', 'mutation($id: ID!) { setUserMobile(id: $id, mobile: "13800008888") { id } }', { id: w.id.xcClerk }), 'setUserMobile');
      const mobileSeenBy = async (user: string) =>
        (ok<{ id: string; mobile: string | null }[]>(await w.gql(user, back.query, back.variables), 'users') ?? []).find((u) => u.id === w.id.xcClerk)?.mobile;
      assert.equal(await mobileSeenBy('xc.admin'), '13800008888');
      assert.equal(await mobileSeenBy('xc.drafter'), null, 'a colleague does not see it');
      assert.equal(await mobileSeenBy('xa.admin'), null, 'nor an administrator above');
      await nothingForeign(w, 'bl.admin', back.query, back.variables, ['13800008888']);
      ok(await w.gql('xc.clerk', 'mutation($id: ID!) { setUserMobile(id: $id, mobile: null) { id } }', { id: w.id.xcClerk }), 'setUserMobile');
    },
  },
  'Mutation.setUserPost': {
    async run(w) {
      // 新城区's leader's 职务: a sibling county's administrator, a colleague and the leader themself may not set it.
      const leader = ok<{ id: string; username: string }[]>(
        await w.gql('xc.admin', 'query($o: ID!) { users(orgId: $o) { id username } }', { o: w.unit.xincheng }),
        'users',
      ).find((u) => u.username === 'xc.leader')?.id;
      const q = 'mutation($id: ID!) { setUserPost(id: $id, post: "WT书记") { id post } }';
      const back = { as: 'xc.admin', query: 'query($o: ID!) { users(orgId: $o) { username post } }', variables: { o: w.unit.xincheng } };
      for (const who of ['bl.admin', 'xc.drafter', 'xc.leader']) await refusedUnchanged(w, who, q, { id: leader }, back, { foreign: xc(w) });
    },
  },
  'Mutation.setUserStatus': {
    async run(w) {
      await refusedUnchanged(w, 'bl.admin', 'mutation($id: ID!) { setUserStatus(id: $id, status: DISABLED) { id } }', { id: w.id.xcClerk }, readUsers(w));
      await clerkStillIn(w);
    },
  },
  'Query.informationItems': {
    async run(w) {
      const published = await xcInformation(w, 'WT新城区本单位信息', 'UNIT', true);
      const pending = await xcInformation(w, 'WT新城区待审信息', 'SUBTREE', false);
      const foreign = [published, pending, 'WT新城区本单位信息', 'WT新城区待审信息'];
      for (const who of ['bl.clerk', 'bj.admin', 'xa.admin']) await nothingForeign(w, who, '{ informationItems { id title body } }', {}, foreign);
      // Within 新城区: the clerk reads what was published to the unit, never what waits for approval.
      await nothingForeign(w, 'xc.clerk', '{ informationItems { id title body } }', {}, [pending, 'WT新城区待审信息']);
    },
  },
  'Query.information': {
    async run(w) {
      const id = await xcInformation(w, 'WT新城区单条信息', 'UNIT', true);
      for (const who of ['bl.clerk', 'bj.admin', 'xa.admin'])
        await refused(w, who, 'query($id: ID!) { information(id: $id) { id title } }', { id }, { foreign: ['WT新城区单条信息'] });
      // Its rounds and its author's flags: another unit reads none of it; a reader of the unit (the wrong role) reads the
      // item, not its rounds or the reason it was once sent back; its author (the control) reads them all.
      const back = await xcReturnedInformation(w, 'WT新城区曾退回信息', 'WT曾退回理由');
      ok(
        await w.gql('xc.drafter', 'mutation($id: ID!, $in: InformationInput!) { resubmitInformation(id: $id, input: $in) { id } }', {
          id: back,
          in: { column: 'WORK_NEWS', title: 'WT新城区曾退回信息', body: 'WT改后正文', audience: 'UNIT' },
        }),
        'resubmitInformation',
      );
      ok(await w.gql('xc.leader', 'mutation($id: ID!) { approveInformation(id: $id) { id } }', { id: back }), 'approveInformation');
      const q = 'query($id: ID!) { information(id: $id) { id mine mayResubmit withdrawnReason steps { action words byName } } }';
      for (const who of ['bl.clerk', 'xa.clerk']) await refused(w, who, q, { id: back }, { foreign: ['WT曾退回理由', 'WT新城区曾退回信息'] });
      const asClerk = ok<{ mine: boolean; mayResubmit: boolean; steps: unknown[] }>(
        await nothingForeign(w, 'xc.clerk', q, { id: back }, ['WT曾退回理由']),
        'information',
      );
      assert.deepEqual([asClerk.mine, asClerk.mayResubmit, asClerk.steps], [false, false, []]);
      const asAuthor = ok<{ mine: boolean; steps: { words: string | null }[] }>(await w.gql('xc.drafter', q, { id: back }), 'information');
      assert.ok(asAuthor.mine && asAuthor.steps.some((s) => s.words === 'WT曾退回理由'), 'the control: its author reads its rounds');
    },
  },
  'Query.informationImage': {
    async run(w) {
      // An image of 新城区's item for its own unit: a sibling, the city above and a unit elsewhere read nothing of it.
      const png = ringPng(16);
      const item = ok<{ id: string; images: { id: string }[] }>(
        await w.gql('xc.drafter', 'mutation($in: InformationInput!) { submitInformation(input: $in) { id images { id } } }', {
          in: {
            column: 'WORK_NEWS',
            title: 'WT新城区带图信息',
            body: 'WT新城区带图信息正文',
            audience: 'UNIT',
            images: [{ name: 'WT图片.png', base64: png.toString('base64') }],
          },
        }),
        'submitInformation',
      );
      ok(await w.gql('xc.leader', 'mutation($id: ID!) { approveInformation(id: $id) { id } }', { id: item.id }), 'approveInformation');
      const image = item.images[0]?.id as string;
      for (const who of ['bl.clerk', 'xa.clerk', 'bj.admin'])
        await refused(
          w,
          who,
          'query($id: ID!) { informationImage(id: $id) { name base64 } }',
          { id: image },
          { foreign: [...w.privateOf.xincheng, 'WT图片.png'] },
        );
    },
  },
  'Mutation.submitInformation': {
    async run(w) {
      // Named readers of another unit: refused, nothing written (one's own submission never reaches another unit).
      const xcClerk = ok<{ id: string; username: string }[]>(
        await w.gql('xc.admin', 'query($o: ID!) { users(orgId: $o) { id username } }', { o: w.unit.xincheng }),
        'users',
      ).find((u) => u.username === 'xc.clerk')?.id;
      const back = { as: 'xc.clerk', query: '{ informationItems { id } }' };
      await unchanged(w, back, () =>
        refused(
          w,
          'bl.clerk',
          'mutation($in: InformationInput!) { submitInformation(input: $in) { id } }',
          { in: { column: 'NOTICES', title: 'WT越界', body: 'x', audience: 'PEOPLE', viewerIds: [xcClerk] } },
          {
            codes: ['BAD_INPUT'],
          },
        ),
      );
    },
  },
  'Mutation.approveInformation': {
    async run(w) {
      const id = await xcInformation(w, 'WT新城区待批信息', 'SUBTREE', false);
      for (const who of ['bl.admin', 'xa.admin', 'xc.clerk', 'xc.drafter'])
        await refusedUnchanged(w, who, 'mutation($id: ID!) { approveInformation(id: $id) { id } }', { id }, readInformation(id), {
          foreign: ['WT新城区待批信息'],
        });
    },
  },
  'Mutation.rejectInformation': {
    async run(w) {
      const id = await xcInformation(w, 'WT新城区待退信息', 'SUBTREE', false);
      for (const who of ['bl.admin', 'xa.admin', 'xc.clerk'])
        await refusedUnchanged(w, who, 'mutation($id: ID!) { rejectInformation(id: $id, reason: "WT") { id } }', { id }, readInformation(id), {
          foreign: ['WT新城区待退信息'],
        });
    },
  },
  'Mutation.withdrawInformation': {
    async run(w) {
      const q = 'mutation($id: ID!) { withdrawInformation(id: $id, reason: "WT撤下") { id withdrawnReason } }';
      const id = await xcInformation(w, 'WT新城区已发信息', 'SUBTREE', true);
      for (const who of ['bl.admin', 'bj.admin', 'xc.clerk'])
        await refusedUnchanged(w, who, q, { id }, readInformation(id), {
          foreign: ['WT新城区已发信息'],
        });
      // Sent back, it is its author's alone to drop: not the leader's who sent it back, not an administrator's above.
      const back = await xcReturnedInformation(w, 'WT新城区退回待撤信息', 'WT退回理由');
      for (const who of ['xc.leader', 'xa.admin', 'bl.admin'])
        await refusedUnchanged(w, who, q, { id: back }, readInformation(back), { foreign: ['WT新城区退回待撤信息', 'WT退回理由'] });
      // The control: its author drops it, and the unit above takes down the published one, each saying why.
      assert.equal(ok(await w.gql('xc.drafter', q, { id: back }), 'withdrawInformation').withdrawnReason, 'WT撤下');
      assert.equal(ok(await w.gql('xa.admin', q, { id }), 'withdrawInformation').withdrawnReason, 'WT撤下');
    },
  },
  'Mutation.resubmitInformation': {
    async run(w) {
      const id = await xcReturnedInformation(w, 'WT新城区退回信息', 'WT请补充');
      const q = 'mutation($id: ID!, $in: InformationInput!) { resubmitInformation(id: $id, input: $in) { id status steps { words } } }';
      const input = { column: 'NOTICES', title: 'WT越权修改', body: 'WT越权修改正文', audience: 'SUBTREE' };
      // Another unit, the unit above, and within 新城区 the leader who sent it back and a clerk: only its author resubmits.
      for (const who of ['bl.clerk', 'bj.admin', 'xa.admin', 'xc.leader', 'xc.clerk'])
        await refusedUnchanged(w, who, q, { id, in: input }, readInformation(id), { foreign: ['WT新城区退回信息', 'WT请补充'] });
      // The control: its author does, and it waits for approval again with the 退回 in its rounds.
      const again = ok<{ status: string; steps: { words: string | null }[] }>(
        await w.gql('xc.drafter', q, { id, in: { ...input, title: 'WT新城区重报信息' } }),
        'resubmitInformation',
      );
      assert.equal(again.status, 'PENDING');
      assert.ok(again.steps.some((s) => s.words === 'WT请补充'));
    },
  },
  'Query.informationReturned': {
    async run(w) {
      // What was sent back to 新城区's drafter is counted for her alone: not for another unit, the unit above, or the
      // leader who sent it back.
      await xcReturnedInformation(w, 'WT新城区待改信息', 'WT待改');
      for (const who of ['bl.clerk', 'xa.admin', 'xc.leader', 'xc.clerk'])
        assert.equal(ok(await w.gql(who, '{ informationReturned }'), 'informationReturned'), 0, who);
      assert.ok(ok<number>(await w.gql('xc.drafter', '{ informationReturned }'), 'informationReturned') >= 1, 'the control: its author');
    },
  },
  'Query.inspections': {
    async run(w) {
      const { id } = await xcInspection(w, 'WT新城区检查发现');
      const q = 'query($o: ID) { inspections(orgId: $o) { id orgName findings { finding } } }';
      for (const who of ['bl.admin', 'bj.admin', 'xc.clerk']) await nothingForeign(w, who, q, { o: w.unit.xincheng }, [id, 'WT新城区检查发现']);
      await nothingForeign(w, 'bl.admin', q, {}, [id, 'WT新城区检查发现']);
    },
  },
  'Query.inspection': {
    async run(w) {
      const { id } = await xcInspection(w, 'WT新城区单项检查');
      for (const who of ['bl.admin', 'bj.admin', 'xc.clerk'])
        await refused(w, who, 'query($id: ID!) { inspection(id: $id) { id findings { finding } } }', { id }, { foreign: ['WT新城区单项检查'] });
    },
  },
  'Query.inspectionFacts': {
    async run(w) {
      const q = 'query($o: ID!) { inspectionFacts(orgId: $o) { people untrained initialPassword } }';
      for (const who of ['bl.admin', 'bj.admin', 'xc.clerk']) await refused(w, who, q, { o: w.unit.xincheng }, { foreign: ['王秀兰', '高鹏'] });
    },
  },
  'Mutation.recordInspection': {
    async run(w) {
      const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
      const q = 'mutation($o: ID!, $in: InspectionInput!) { recordInspection(orgId: $o, input: $in) { id } }';
      const input = { inspectedOn: today, inspectors: 'WT', findings: [{ item: 'SYSTEMS', conforms: true, finding: 'WT' }] };
      const back = { as: 'xa.admin', query: 'query($o: ID) { inspections(orgId: $o) { id } }', variables: { o: w.unit.xincheng } };
      // A sibling, 新城区 itself, and 西安市's clerk: none inspects 新城区.
      for (const who of ['bl.admin', 'xc.admin', 'xa.clerk']) await refusedUnchanged(w, who, q, { o: w.unit.xincheng, in: input }, back);
    },
  },
  'Mutation.reportRectification': {
    async run(w) {
      const { id, findingId } = await xcInspection(w, 'WT待整改');
      const q = 'mutation($f: ID!) { reportRectification(findingId: $f, rectification: "WT已整改") { id } }';
      for (const who of ['bl.admin', 'xc.clerk', 'xa.admin'])
        await refusedUnchanged(w, who, q, { f: findingId }, readInspection(id), { foreign: ['WT待整改'] });
      // With 整改材料: refused alike, and no file kept.
      const files = [{ name: 'WT整改材料.pdf', base64: tinyPdf('WT').toString('base64') }];
      const withFiles = 'mutation($f: ID!, $x: [RectificationFileInput!]) { reportRectification(findingId: $f, rectification: "WT已整改", files: $x) { id } }';
      const kept = () => w.p.superCount("select count(*) n from org.inspection_finding_files where name = 'WT整改材料.pdf'");
      for (const who of ['bl.admin', 'xc.clerk', 'xa.admin'])
        await refusedUnchanged(w, who, withFiles, { f: findingId, x: files }, readInspection(id), { foreign: ['WT待整改'] });
      assert.equal(await kept(), 0);
    },
  },
  'Query.rectificationFile': {
    async run(w) {
      // 新城区's report with its file: read by 新城区 and by 西安市, which inspected it (the positive control); not by a
      // sibling, a unit elsewhere, the province above 西安市, or 新城区's clerk.
      const { findingId } = await xcInspection(w, 'WT带材料整改');
      const reported = ok<{ findings: { steps: { files: { id: string }[] }[] }[] }>(
        await w.gql(
          'xc.admin',
          'mutation($f: ID!, $x: [RectificationFileInput!]) { reportRectification(findingId: $f, rectification: "WT已整改", files: $x) { findings { steps { files { id } } } } }',
          { f: findingId, x: [{ name: 'WT整改报告.pdf', base64: tinyPdf('WT新城区整改').toString('base64') }] },
        ),
        'reportRectification',
      );
      const file = reported.findings[0]?.steps.at(-1)?.files[0]?.id as string;
      const q = 'query($id: ID!) { rectificationFile(id: $id) { name base64 } }';
      for (const who of ['xc.admin', 'xa.admin'])
        assert.equal(ok<{ name: string }>(await w.gql(who, q, { id: file }), 'rectificationFile').name, 'WT整改报告.pdf');
      for (const who of ['bl.admin', 'bj.admin', 'sx.admin', 'xc.clerk', 'xa.clerk'])
        await refused(w, who, q, { id: file }, { codes: ['NOT_FOUND'], foreign: [...xc(w), 'WT整改报告.pdf', 'WT带材料整改'] });
    },
  },
  'Query.inspectionWork': {
    async run(w) {
      // 新城区's item to put right waits on its administrator (the positive control); nobody else sees it.
      const { id, findingId } = await xcInspection(w, 'WT待办整改');
      const q = '{ inspectionWork { findingId inspectionId orgName itemName } }';
      const mine = ok<{ findingId: string }[]>(await w.gql('xc.admin', q), 'inspectionWork');
      assert.ok(
        mine.some((x) => x.findingId === findingId),
        '新城区’s administrator has it',
      );
      for (const who of ['bl.admin', 'bj.admin', 'xc.clerk', 'xa.clerk']) await nothingForeign(w, who, q, {}, [id, findingId]);
    },
  },
  'Mutation.acceptRectification': {
    async run(w) {
      const { id, findingId } = await xcInspection(w, 'WT待验收');
      ok(
        await w.gql('xc.admin', 'mutation($f: ID!) { reportRectification(findingId: $f, rectification: "WT已整改") { id } }', { f: findingId }),
        'reportRectification',
      );
      const q = 'mutation($f: ID!) { acceptRectification(findingId: $f) { id } }';
      for (const who of ['bl.admin', 'bj.admin', 'xc.admin', 'xa.clerk'])
        await refusedUnchanged(w, who, q, { f: findingId }, readInspection(id), { foreign: ['WT待验收', 'WT已整改'] });
    },
  },
  'Mutation.returnRectification': {
    async run(w) {
      const { id, findingId } = await xcInspection(w, 'WT待退回');
      ok(
        await w.gql('xc.admin', 'mutation($f: ID!) { reportRectification(findingId: $f, rectification: "WT已整改") { id } }', { f: findingId }),
        'reportRectification',
      );
      const q = 'mutation($f: ID!) { returnRectification(findingId: $f, reason: "WT退回") { id } }';
      for (const who of ['bl.admin', 'bj.admin', 'xc.admin', 'xa.clerk'])
        await refusedUnchanged(w, who, q, { f: findingId }, readInspection(id), { foreign: ['WT待退回', 'WT已整改'] });
    },
  },
  'Query.sections': {
    async run(w) {
      const id = await xcSection(w, 'WT新城区私有科室');
      const q = 'query($o: ID) { sections(orgId: $o) { id name mobile members { id displayName } } }';
      await nothingForeign(w, 'bl.admin', q, { o: w.unit.xincheng }, [id, 'WT新城区私有科室', '13900000009', ...xc(w)]);
      await nothingForeign(w, 'bj.clerk', q, { o: w.unit.xincheng }, [id, 'WT新城区私有科室', '13900000009', ...xc(w)]);
      await nothingForeign(w, 'bl.clerk', '{ sections { id name } }', {}, [id, 'WT新城区私有科室', ...xc(w)]);
    },
  },
  'Mutation.createSection': {
    async run(w) {
      const q = 'mutation($o: ID) { createSection(orgId: $o, name: "WT外单位科室") { id } }';
      await refusedUnchanged(w, 'bl.admin', q, { o: w.unit.xincheng }, readSections(w), { foreign: xc(w) });
      await refusedUnchanged(w, 'xc.clerk', q, { o: w.unit.xincheng }, readSections(w), { foreign: xc(w) });
    },
  },
  'Mutation.updateSection': {
    async run(w) {
      const id = await xcSection(w, 'WT新城区改名科室');
      const q = 'mutation($id: ID!) { updateSection(id: $id, name: "WT被外单位改名") { id name } }';
      await refusedUnchanged(w, 'bl.admin', q, { id }, readSections(w), { foreign: xc(w) });
      await refusedUnchanged(w, 'xc.clerk', q, { id }, readSections(w), { foreign: xc(w) });
    },
  },
  'Mutation.setSectionApprovers': {
    async run(w) {
      // Naming who approves 新城区's section's drafts is its administrators' (and those above): not a sibling's, not a clerk's.
      const id = await xcSection(w, 'WT新城区审批科室');
      const leader = (await w.p.superQuery<{ id: string }>("select id from org.users where username = 'xc.leader'"))[0]?.id;
      const q = 'mutation($id: ID!, $h: ID) { setSectionApprovers(id: $id, headId: $h) { id head { displayName } } }';
      const back = { ...readSections(w), query: readSections(w).query.replace('members', 'head { displayName } leader { displayName } members') };
      await refusedUnchanged(w, 'bl.admin', q, { id, h: leader }, back, { foreign: xc(w) });
      await refusedUnchanged(w, 'xc.clerk', q, { id, h: leader }, back, { foreign: xc(w) });
    },
  },
  'Mutation.assignSection': {
    async run(w) {
      const id = await xcSection(w, 'WT新城区人员科室');
      const q = 'mutation($u: ID!, $s: ID) { assignSection(userId: $u, sectionId: $s) { id } }';
      await refusedUnchanged(w, 'bl.admin', q, { u: w.id.xcClerk, s: id }, readSections(w), { foreign: xc(w) });
      await refusedUnchanged(w, 'bl.admin', q, { u: w.id.xcClerk, s: null }, readSections(w), { foreign: xc(w) });
      await refusedUnchanged(w, 'xc.clerk', q, { u: w.id.xcClerk, s: id }, readSections(w), { foreign: xc(w) });
    },
  },
  'Query.faultReports': {
    async run(w) {
      const id = await xcFault(w, 'WT新城区私有故障');
      await nothingForeign(w, 'bl.admin', '{ faultReports { id orgName description reportedByName } }', {}, [id, 'WT新城区私有故障', ...xc(w)]);
      await nothingForeign(w, 'bl.clerk', '{ faultReports(openOnly: true) { id description } }', {}, [id, 'WT新城区私有故障', ...xc(w)]);
    },
  },
  'Mutation.reportFault': {
    public: 'a person reports a fault of their own unit: the unit is the caller’s, never an argument',
    async run(w) {
      await unchanged(w, readFaults(), async () =>
        ok(await w.gql('bl.clerk', 'mutation { reportFault(input: { kind: OTHER, description: "WT碑林区的故障" }) { id } }'), 'reportFault'),
      );
    },
  },
  'Mutation.respondToFault': {
    async run(w) {
      const id = await xcFault(w, 'WT待答复故障');
      const q = 'mutation($id: ID!) { respondToFault(id: $id, response: "外单位答复") { id } }';
      await refusedUnchanged(w, 'bl.admin', q, { id }, readFaults(), { foreign: xc(w) });
      await refusedUnchanged(w, 'xc.admin', q, { id }, readFaults(), { foreign: xc(w) });
    },
  },
  'Mutation.escalateFault': {
    async run(w) {
      const id = await xcFault(w, 'WT待升级故障');
      const q = 'mutation($id: ID!) { escalateFault(id: $id, plan: "外单位方案") { id } }';
      await refusedUnchanged(w, 'bl.admin', q, { id }, readFaults(), { foreign: xc(w) });
      await refusedUnchanged(w, 'xc.admin', q, { id }, readFaults(), { foreign: xc(w) });
      await unchanged(w, readBanner(), () => refused(w, 'bj.admin', q, { id }, { foreign: xc(w) }));
    },
  },
  'Mutation.resolveFault': {
    async run(w) {
      const id = await xcFault(w, 'WT待解决故障');
      const q = 'mutation($id: ID!) { resolveFault(id: $id, resolution: "外单位关闭") { id } }';
      await refusedUnchanged(w, 'bl.admin', q, { id }, readFaults(), { foreign: xc(w) });
      await refusedUnchanged(w, 'xc.clerk', q, { id }, readFaults(), { foreign: xc(w) });
    },
  },
  'Query.announcements': {
    public: 'every signed-in caller reads the announcements that reach their own unit, and only those',
    async run(w) {
      const id = await xcAnnouncement(w, 'WT新城区内部公告');
      await nothingForeign(w, 'bl.clerk', '{ announcements { id title body orgName scopeName } }', {}, [id, 'WT新城区内部公告', ...xc(w)]);
    },
  },
  'Query.issuedAnnouncements': {
    async run(w) {
      const id = await xcAnnouncement(w, 'WT新城区已发公告');
      await nothingForeign(w, 'bl.admin', '{ issuedAnnouncements { id title } }', {}, [id, 'WT新城区已发公告', ...xc(w)]);
      await refused(w, 'xc.clerk', '{ issuedAnnouncements { id title } }', {});
    },
  },
  'Mutation.publishAnnouncement': {
    async run(w) {
      const q = 'mutation($o: ID) { publishAnnouncement(input: { kind: OUTAGE, title: "WT外单位停机通知", body: "外", scopeOrgId: $o }) { id } }';
      await unchanged(w, readBanner(), () => refused(w, 'bl.admin', q, { o: w.unit.xincheng }, { foreign: xc(w) }));
      await unchanged(w, readBanner(), () => refused(w, 'xc.clerk', q, { o: w.unit.xincheng }, { foreign: xc(w) }));
    },
  },
  'Mutation.withdrawAnnouncement': {
    async run(w) {
      const id = await xcAnnouncement(w, 'WT新城区待撤公告');
      const q = 'mutation($id: ID!) { withdrawAnnouncement(id: $id) { id withdrawnAt } }';
      await refusedUnchanged(w, 'bl.admin', q, { id }, readIssued(), { foreign: xc(w) });
      await refusedUnchanged(w, 'xc.clerk', q, { id }, readIssued(), { foreign: xc(w) });
    },
  },
};

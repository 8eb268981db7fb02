// The objects the wrong-tenant cases reach for, made once through the gateway on the demo seed: mostly 新城区's
// (610102), whose sibling 碑林区 (610103) is the usual wrong unit; 西安市's (610100) documents, bulletin and archive,
// which 宝鸡市 (610300) must not see; and 省政府办公厅's seal, which the units below it must not handle.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createCsr, generateKeyPair } from '@yizhan/crypto';
import { ok, type Platform } from '../support/harness.ts';
import { makeOfficeSeal } from '../support/seals.ts';
import type { ObjectName, Unit, World } from './support.ts';

/** Words in the titles and names of each unit's objects: none may appear in an answer to another unit. */
export const MARK = { xincheng: 'WT新城区私有', xian: 'WT西安市私有', office: 'WT办公厅私有' } as const;

const CREATE = 'mutation($in: DraftInput!) { createDraft(input: $in) { id } }';
const SUBMIT = 'mutation($id: ID!) { submitForApproval(id: $id) { status } }';
const APPROVE = 'mutation($id: ID!) { approveDocument(id: $id, comment: "同意") { status } }';
const SEND = 'mutation($id: ID!, $k: String!) { sendDocument(id: $id, sendKey: $k, skipRefused: false) { status } }';

export async function buildWorld(p: Platform): Promise<World> {
  const tokens: Record<string, string> = {};
  const token = async (user: string) => {
    tokens[user] ??= await p.login(user);
    return tokens[user] as string;
  };
  const gql = async (user: string, query: string, variables: Record<string, unknown> = {}) => p.gql(query, variables, await token(user));
  const unit = {} as Record<Unit, string>;
  for (const [k, code] of Object.entries({ province: '610000', xian: '610100', xincheng: '610102', beilin: '610103', baoji: '610300' }))
    unit[k as Unit] = await p.orgId(code);
  unit.office = ok<{ orgId: string }>(await gql('sxb.admin', '{ me { orgId } }'), 'me').orgId;
  const id = {} as Record<ObjectName, string>;
  const w: World = { p, unit, id, privateOf: { province: [], office: [], xian: [], xincheng: [], beilin: [], baoji: [] }, gql, token };

  // 新城区's unit records: a contact, a distribution list, a routing rule, an API token, its users.
  id.xcContact = ok(
    await gql('xc.admin', 'mutation($o: ID!, $i: ContactInput!) { addContact(orgId: $o, input: $i) { id } }', {
      o: unit.xincheng,
      i: { name: `${MARK.xincheng}联系人`, post: '秘书科', phone: '029-87654321', mobile: '13900000001', urgentAlerts: true },
    }),
    'addContact',
  ).id;
  id.xcList = ok(
    await gql('xc.drafter', 'mutation($m: [ID!]!) { createDistributionList(name: "WT新城区私有名单", memberIds: $m) { id } }', { m: [unit.xian] }),
    'createDistributionList',
  ).id;
  id.xcRule = ok(
    await gql('xc.admin', 'mutation($o: ID!, $i: RoutingRuleInput!) { createRoutingRule(orgId: $o, input: $i) { id } }', {
      o: unit.xincheng,
      i: { name: `${MARK.xincheng}规则`, direction: 'UP', effect: 'DENY', docTypes: ['纪要'] },
    }),
    'createRoutingRule',
  ).id;
  id.xcApiToken = ok(
    await gql('xc.admin', 'mutation($o: ID!) { issueApiToken(orgId: $o, name: "WT新城区私有OA", expiresInDays: 30) { apiToken { id } } }', {
      o: unit.xincheng,
    }),
    'issueApiToken',
  ).apiToken.id;
  const xcUsers = ok<{ id: string; username: string }[]>(
    await gql('xc.admin', 'query($o: ID!) { users(orgId: $o) { id username } }', { o: unit.xincheng }),
    'users',
  );
  const userId = (name: string) => xcUsers.find((u) => u.username === name)?.id as string;
  id.xcClerk = userId('xc.clerk');
  id.xcDrafter = userId('xc.drafter');
  // 内部邮件: 新城区's clerk writes to its drafter, with an attachment; mail is theirs alone.
  const mail = ok<{ id: string; attachments: { id: string }[] }>(
    await gql('xc.clerk', 'mutation($in: MailInput!) { sendMail(input: $in) { id attachments { id } } }', {
      in: {
        subject: `${MARK.xincheng}邮件`,
        body: `${MARK.xincheng}邮件正文`,
        to: [id.xcDrafter],
        attachments: [{ name: 'WT附件.txt', base64: Buffer.from(`${MARK.xincheng}附件`).toString('base64') }],
      },
    }),
    'sendMail',
  );
  id.xcMail = mail.id;
  id.xcMailAttachment = mail.attachments[0]?.id as string;
  // 论坛: a topic 新城区's clerk posted for the district and those below it, with a reply.
  id.xcTopic = ok<{ id: string }>(
    await gql('xc.clerk', 'mutation($in: ForumTopicInput!) { postForumTopic(input: $in) { id } }', {
      in: { title: `${MARK.xincheng}论坛主题`, body: `${MARK.xincheng}论坛正文`, audience: 'SUBTREE' },
    }),
    'postForumTopic',
  ).id;
  ok(await gql('xc.drafter', 'mutation($t: ID!) { replyToForumTopic(topicId: $t, body: "WT新城区私有回复") { id } }', { t: id.xcTopic }), 'replyToForumTopic');
  await gql('xc.admin', 'mutation($o: ID!) { setAlertWebhook(orgId: $o, url: "https://oa.example.com/hook?token=WT新城区私有钩子") { id } }', {
    o: unit.xincheng,
  });

  // 新城区's documents: a draft, and one waiting for approval.
  id.xcDraft = ok(
    await gql('xc.drafter', CREATE, { in: { docType: '请示', title: `${MARK.xincheng}草稿`, body: `${MARK.xincheng}正文`, docPrefix: '新政发' } }),
    'createDraft',
  ).id;
  id.xcInApproval = ok(
    await gql('xc.drafter', CREATE, {
      in: { docType: '请示', title: `${MARK.xincheng}待批`, body: '正文', docPrefix: '新政发', signer: '罗文彬', recipients: [{ orgIds: [unit.xian] }] },
    }),
    'createDraft',
  ).id;
  ok(await gql('xc.drafter', SUBMIT, { id: id.xcInApproval }), 'submitForApproval');

  // 西安市 sends a notice to 新城区 alone: the document is 西安市's, the delivery 新城区's (opened, so it has a receipt).
  id.xaDoc = await sendFromXian(w, `${MARK.xian}通知`, true);
  id.xcDelivery = await xinchengDelivery(w, `${MARK.xian}通知`);
  ok(await gql('xc.clerk', 'mutation($id: ID!) { openDelivery(id: $id) { id } }', { id: id.xcDelivery }), 'openDelivery');
  const notes = ok<{ id: string }[]>(await gql('xc.clerk', '{ notifications(unreadOnly: false) { id } }'), 'notifications');
  id.xcNotification = notes[0]?.id as string;
  assert.ok(id.xcNotification, '新城区 has a notification');

  // 西安市's bulletin and its archive: the sent notice archived by its archivist, with an access request.
  id.xaBulletin = ok(
    await gql('xa.admin', 'mutation($f: DateTimeISO!, $t: DateTimeISO!) { publishBulletin(title: "WT西安市私有通报", from: $f, to: $t) { id } }', {
      f: new Date(Date.now() - 30 * 86_400_000).toISOString(),
      t: new Date().toISOString(),
    }),
    'publishBulletin',
  ).id;
  // 西安市's 考核评比 of the units below it, a draft: read by nobody below it yet.
  id.xaAssessment = ok(
    await gql('xa.admin', 'mutation($in: AssessmentInput!) { createAssessment(input: $in) { id } }', {
      in: { title: 'WT西安市私有考核', from: new Date(Date.now() - 30 * 86_400_000).toISOString(), to: new Date().toISOString() },
    }),
    'createAssessment',
  ).id;
  // 西安市's bulletins are published monthly (定期通报), set by its administrator.
  ok(await gql('xa.admin', 'mutation { setBulletinSchedule(cadence: "MONTHLY") { cadence } }'), 'setBulletinSchedule');
  const record = ok(await gql('xa.archivist', 'mutation($d: ID!) { archiveDocument(documentId: $d) { id } }', { d: id.xaDoc }), 'archiveDocument');
  id.xaRecord = record.id;
  const [files] = await p.superQuery<{ components: { sha256: string }[] }>('select components from archive.records where id = $1', [id.xaRecord]);
  id.xaRecordFile = files?.components[0]?.sha256 as string;
  id.xaAccess = ok(
    await gql('xa.clerk', 'mutation($r: ID!) { requestArchiveAccess(recordId: $r, purpose: "WT西安市私有调阅") { id } }', { r: id.xaRecord }),
    'requestArchiveAccess',
  ).id;
  id.xaDisposal = ok(
    await gql(
      'xa.archivist',
      'mutation($r: ID!) { proposeDisposal(recordId: $r, decision: "EXTEND", extendTo: "PERMANENT", reason: "WT西安市私有鉴定") { id } }',
      { r: id.xaRecord },
    ),
    'proposeDisposal',
  ).id;

  // 新城区's certificates: one issued to its drafter, one application waiting for the head.
  const APPLY = 'mutation($i: CertificateApplicationInput!) { applyForCertificate(input: $i) { id } }';
  const csr = createCsr(generateKeyPair('SM2'), { commonName: 'xc.drafter' });
  const issued = ok(await gql('xc.drafter', APPLY, { i: { usage: 'SIGNING', suite: 'SM2', csr } }), 'applyForCertificate').id;
  id.xcCertificate = ok(
    await gql('xc.leader', 'mutation($id: ID!) { decideCertificateApplication(id: $id, approve: true) { certificateId } }', { id: issued }),
    'decideCertificateApplication',
  ).certificateId;
  id.xcCertificateApplication = ok(await gql('xc.clerk', APPLY, { i: { usage: 'SIGNING', suite: 'RSA', serverKey: true } }), 'applyForCertificate').id;

  // 省政府办公厅's seal, and a seal application of 新城区 waiting for its head's consent.
  id.officeSeal = await makeOfficeSeal((user, q, v) => gql(user, q, v));
  id.xcSealApplication = ok(
    await gql('xc.admin', 'mutation($i: SealApplicationInput!) { applyForSeal(input: $i) { id } }', {
      i: { statement: `${MARK.xincheng}印章申请`, suite: 'SM2', belowText: '电子公文专用章' },
    }),
    'applyForSeal',
  ).id;
  // An approved document of the office waiting for its seal: a stamp request.
  id.officeDoc = await approvedOffice(w, `${MARK.office}文件`);
  id.officeStampRequest = ok(await gql('sxb.clerk', 'mutation($d: ID!) { requestStamp(documentId: $d) { id } }', { d: id.officeDoc }), 'requestStamp').id;

  w.privateOf.xincheng = [MARK.xincheng, id.xcContact, id.xcList, id.xcRule, id.xcApiToken, id.xcDraft, id.xcInApproval, id.xcDelivery];
  w.privateOf.xincheng.push(
    id.xcCertificate,
    id.xcCertificateApplication,
    id.xcSealApplication,
    id.xcClerk,
    id.xcDrafter,
    id.xcMail,
    id.xcMailAttachment,
    id.xcTopic,
  );
  w.privateOf.xian = [MARK.xian, 'WT西安市私有', id.xaDoc, id.xaBulletin, id.xaAssessment, id.xaRecord, id.xaAccess, id.xaDisposal];
  w.privateOf.office = [MARK.office, id.officeDoc, id.officeStampRequest];
  return w;
}

/** A notice of 西安市 to 新城区 (特急 when `urgent`: it notifies the unit), drafted, approved twice and sent; its id. */
export async function sendFromXian(w: World, title: string, urgent = false): Promise<string> {
  const extra = urgent ? { urgency: 'EXTRA_URGENT', deadline: new Date(Date.now() + 3 * 3600_000).toISOString() } : {};
  const doc = ok(
    await w.gql('xa.drafter', CREATE, {
      in: { docType: '通知', title, body: `<p>${title}正文</p>`, docPrefix: '市政发', recipients: [{ orgIds: [w.unit.xincheng] }], ...extra },
    }),
    'createDraft',
  ).id as string;
  ok(await w.gql('xa.drafter', SUBMIT, { id: doc }), 'submitForApproval');
  ok(await w.gql('xa.leader', APPROVE, { id: doc }), 'approveDocument');
  ok(await w.gql('xa.leader', APPROVE, { id: doc }), 'approveDocument');
  ok(await w.gql('xa.clerk', SEND, { id: doc, k: randomUUID() }), 'sendDocument');
  return doc;
}

/** 新城区's delivery of the document titled so. */
export async function xinchengDelivery(w: World, title: string): Promise<string> {
  const inbox = ok(await w.gql('xc.clerk', 'query($s: String) { inbox(first: 5, filter: { search: $s }) { nodes { id } } }', { s: title }), 'inbox');
  return inbox.nodes[0].id;
}

/** An approved document of 省政府办公厅 to 西安市 (not sent: the office's seal must stamp it first). */
async function approvedOffice(w: World, title: string): Promise<string> {
  const doc = ok(
    await w.gql('sxb.drafter', CREATE, { in: { docType: '通知', title, body: '<p>正文</p>', docPrefix: '陕政办发', recipients: [{ orgIds: [w.unit.xian] }] } }),
    'createDraft',
  ).id as string;
  ok(await w.gql('sxb.drafter', SUBMIT, { id: doc }), 'submitForApproval');
  ok(await w.gql('sxb.approver', APPROVE, { id: doc }), 'approveDocument');
  ok(await w.gql('sxb.leader', APPROVE, { id: doc }), 'approveDocument');
  return doc;
}

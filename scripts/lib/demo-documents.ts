// Demo documents, made the way users make them: through the gateway, as the demo accounts, with the real approval
// chain and the real send. Runs once, when the provincial office has sent nothing yet. The province's broadcast is
// received by a few units, signed for (and registered) by some of those, and still missing at the others, so the
// sender's board and the clerks' 待签收 / 已签收 have something to show; it asks for reports (征集), and one city has
// answered (报送) while the others owe theirs.

import { randomUUID } from 'node:crypto';
import { beijingDate, beijingInstant } from '@yizhan/common';
import { impressionPng } from './png.ts';

const PASSWORD = 'Yizhan@2026';
/** The demo custody PINs of the provincial office's two seal keepers (the README lists them). */
export const DEMO_SEAL_PINS = { 'sxb.seal': '135790', 'sxb.seal2': '246801' } as const;

// biome-ignore lint/suspicious/noExplicitAny: GraphQL answers, read field by field below
type Json = Record<string, any>;

export async function seedDemoDocuments(gatewayUrl: string, log: (m: string) => void = () => {}): Promise<boolean> {
  const tokens = new Map<string, string>();
  const gql = async (user: string | null, query: string, variables: Record<string, unknown> = {}) => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (user) headers.authorization = `Bearer ${await token(user)}`;
    const res = await fetch(gatewayUrl, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
    const body = (await res.json()) as { data?: Json; errors?: { message: string }[] };
    if (body.errors?.length) throw new Error(`demo documents (${user}): ${body.errors[0]?.message}`);
    return body.data as Json;
  };
  const token = async (user: string): Promise<string> => {
    let t = tokens.get(user);
    if (!t) {
      t = (await gql(null, 'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }', { u: user, p: PASSWORD })).login
        .token as string;
      tokens.set(user, t);
    }
    return t;
  };

  // Dates of the documents are Beijing dates, whatever the server's zone.
  const today = beijingDate();
  // The broadcast asks each unit to report who receives its documents (征集) within two weeks, by 18:00 that day.
  const reportBy = beijingDate(Date.now() + 14 * 86_400_000);
  const [, month, day] = reportBy.split('-').map(Number);
  const sent = await gql('sxb.clerk', '{ documents(status: "SENT", first: 1) { id } }');
  if (sent.documents.length) return false;
  const orgId = async (code: string) => (await gql('sx.admin', 'query($c: String!) { orgByCode(code: $c) { id } }', { c: code })).orgByCode.id as string;
  const [province, xian, baoji] = [await orgId('610000'), await orgId('610100'), await orgId('610300')];

  // The provincial office's electronic seal, made as the seeds describe: the office applies in writing, its head
  // consents, the province's administrator (the issuing authority) approves and makes it, two keepers take custody.
  const office = (await gql('sxb.admin', '{ me { orgId } }')).me.orgId as string;
  const { applyForSeal } = await gql('sxb.admin', 'mutation($i: SealApplicationInput!) { applyForSeal(input: $i) { id } }', {
    i: {
      statement: '省政府办公厅已具备规范实物印章，申请制作电子公文传输专用电子印章。',
      suite: 'SM2',
      belowText: '电子公文专用章',
      // 按规定格式提报纸质印模 (seed 001 §19): the scan of the office's paper impression goes with it.
      impression: impressionPng().toString('base64'),
    },
  });
  await gql('sxb.leader', 'mutation($id: ID!) { consentToSealApplication(id: $id) { id } }', { id: applyForSeal.id });
  await gql('sx.admin', 'mutation($id: ID!) { decideSealApplication(id: $id, approve: true, note: "同意制作") { id } }', { id: applyForSeal.id });
  const keepers = (await gql('sx.admin', 'query($o: ID!) { users(orgId: $o) { id username } }', { o: office })).users as { id: string; username: string }[];
  const keeper = (u: string) => keepers.find((k) => k.username === u)?.id;
  // Made before the three parties of seed 004 五(三), who are named in its register.
  const { makeSeal } = await gql(
    'sx.admin',
    'mutation($a: ID!, $c: [ID!]!, $w: [WitnessInput!]) { makeSeal(applicationId: $a, custodianIds: $c, witnesses: $w) { id } }',
    {
      a: applyForSeal.id,
      c: [keeper('sxb.seal'), keeper('sxb.seal2')],
      w: [
        { party: 'GOVERNMENT_OFFICE', name: '刘建华', post: '省政府办公厅秘书处处长' },
        { party: 'EGOV_OFFICE', name: '陈立新', post: '省电子政务办公室主任' },
        { party: 'OWNING_UNIT', name: '杨丽', post: '省政府办公厅印章保管人' },
      ],
    },
  );
  for (const [user, pin] of Object.entries(DEMO_SEAL_PINS)) {
    await gql(user, 'mutation($s: ID!, $p: String!) { acceptSealCustody(sealId: $s, pin: $p) { id } }', { s: makeSeal.id, p: pin });
  }
  log('seals: the provincial office’s seal is made and in custody');

  async function issue(drafter: string, approvers: string[], clerk: string, input: Record<string, unknown>) {
    const { createDraft } = await gql(drafter, 'mutation($in: DraftInput!) { createDraft(input: $in) { id } }', { in: input });
    await gql(drafter, 'mutation($id: ID!) { submitForApproval(id: $id) { id } }', { id: createDraft.id });
    for (const a of approvers) await gql(a, 'mutation($id: ID!) { approveDocument(id: $id, comment: "同意") { id } }', { id: createDraft.id });
    // The provincial office's documents carry its seal: both custodians present their PINs.
    if (drafter.startsWith('sxb.')) {
      const { requestStamp } = await gql(drafter, 'mutation($d: ID!) { requestStamp(documentId: $d) { id } }', { d: createDraft.id });
      for (const [user, pin] of Object.entries(DEMO_SEAL_PINS)) {
        await gql(user, 'mutation($r: ID!, $p: String!) { presentSealPin(requestId: $r, pin: $p) { id } }', { r: requestStamp.id, p: pin });
      }
    }
    const r = await gql(clerk, 'mutation($id: ID!, $k: String!) { sendDocument(id: $id, sendKey: $k) { docNumber recipientCount } }', {
      id: createDraft.id,
      k: randomUUID(),
    });
    log(`sent ${r.sendDocument.docNumber} to ${r.sendDocument.recipientCount} unit${r.sendDocument.recipientCount === 1 ? '' : 's'}`);
    return createDraft.id as string;
  }

  const broadcast = await issue('sxb.drafter', ['sxb.approver', 'sxb.leader'], 'sxb.clerk', {
    docType: '通知',
    docPrefix: '陕政办发',
    title: '陕西省人民政府办公厅关于切实做好电子公文传输工作的通知',
    mainTo: '各市、县、区人民政府',
    ccTo: '省人民政府各工作部门、各直属机构',
    body: [
      '<p>各市、县、区人民政府：</p>',
      '<p>为进一步做好电子公文传输工作，现就有关事项通知如下：</p>',
      '<p>一、各单位要在每个工作日上午9时、下午15时至少各接收一次电子公文，对紧急公文随到随收。</p>',
      '<p>二、接收电子公文时，要认真核对发文单位、公文完整性和体例格式，确认无误后签收；不能正常接收的，及时与发文单位联系。</p>',
      `<p>三、请于${month}月${day}日前将负责接收电子公文的工作人员姓名、职务和联系电话报送省政府办公厅。</p>`,
    ].join('\n'),
    signatureLine: '陕西省人民政府办公厅',
    docDate: today,
    printingOrg: '陕西省人民政府办公厅',
    printingDate: today,
    disclosure: 'ACTIVE',
    notes: '此件公开发布',
    recipients: [
      { role: 'MAIN', selector: { rootId: province, levels: ['CITY', 'COUNTY'], kinds: ['GOVERNMENT'] }, printQuota: 2 },
      { role: 'CC', selector: { rootId: province, kinds: ['DEPARTMENT'], maxDepth: 1 } },
    ],
  });

  await issue('sxb.drafter', ['sxb.approver', 'sxb.leader'], 'sxb.clerk', {
    docType: '通知',
    docPrefix: '陕政办发明电',
    title: '陕西省人民政府办公厅关于做好强降雨天气防范应对工作的紧急通知',
    mainTo: '西安市、宝鸡市人民政府',
    urgency: 'EXTRA_URGENT',
    isTelegram: true,
    deadline: new Date(Date.now() + 6 * 3600_000).toISOString(),
    body: '<p>西安市、宝鸡市人民政府：</p>\n<p>据气象部门预报，未来24小时我省关中地区将出现强降雨天气，请立即部署防范应对工作，并于今日18时前报告落实情况。</p>',
    signatureLine: '陕西省人民政府办公厅',
    disclosure: 'ON_REQUEST',
    recipients: [{ orgIds: [xian, baoji], printQuota: 3 }],
  });

  await issue('xc.drafter', ['xc.leader', 'xc.leader'], 'xc.clerk', {
    // Under its 刊名: numbered 《新城政务信息》<year>年第1期 and printed with the 刊头 (seed 000 §4: the briefing a
    // county sends up).
    docType: '简报',
    docPrefix: '新城政务信息',
    printingOrg: '西安市新城区人民政府办公室',
    title: '新城区电子公文传输系统全面运行',
    signer: '罗文彬',
    disclosure: 'ON_REQUEST',
    body: '<p>新城区电子公文传输系统全面运行，区政府各部门、各街道办事处已实现公文网上收发。</p>',
    recipients: [{ orgIds: [province] }],
  });

  // A few units have received the broadcast (接收: their clerk opened it); two of them have checked it and signed for
  // it (签收), which numbered it in their 收文登记簿; the other two have yet to sign, the rest have not even opened it.
  for (const [clerk, signs] of [
    ['xa.clerk', true],
    ['bj.clerk', true],
    // 新城区 is the README's walk-through: its clerk has opened the broadcast and signs for it in the dashboard.
    ['xc.clerk', false],
    ['610103.clerk', false],
  ] as const) {
    const inbox = await gql(clerk, '{ inbox(filter: {search: "切实做好电子公文传输"}) { nodes { id } } }');
    for (const d of inbox.inbox.nodes) {
      await gql(clerk, 'mutation($id: ID!) { openDelivery(id: $id) { id } }', { id: d.id });
      if (signs) await gql(clerk, 'mutation($id: ID!) { signForDelivery(id: $id) { id } }', { id: d.id });
    }
  }
  log(`demo broadcast ${broadcast} received by 4 units, signed for by 2`);

  // 征集/报送: the office asks the broadcast's recipients to report by the date it names; 西安市 has answered already
  // (答复, a 报告 to the office, approved by its leader and sent), so the office's report board has one report in and
  // the rest to come, and 宝鸡市, which signed for it, still owes its answer.
  await gql('sxb.clerk', 'mutation($d: ID!, $by: DateTimeISO!, $n: String) { requestReports(documentId: $d, deadline: $by, note: $n) { total } }', {
    d: broadcast,
    by: beijingInstant(reportBy, '18:00').toISOString(),
    n: '报送负责接收电子公文的工作人员姓名、职务和联系电话',
  });
  const xaDelivery = (await gql('xa.clerk', '{ inbox(filter: {search: "切实做好电子公文传输"}) { nodes { id } } }')).inbox.nodes[0]?.id as string;
  const { draftReply } = await gql('xa.drafter', 'mutation($d: ID!, $s: String, $b: String) { draftReply(deliveryId: $d, signer: $s, body: $b) { id } }', {
    d: xaDelivery,
    s: '胡建华',
    b: [
      '<p>按照《陕西省人民政府办公厅关于切实做好电子公文传输工作的通知》要求，现将我市负责接收电子公文的工作人员报告如下：</p>',
      '<p>马晓燕，市政府办公室文电科科员，联系电话 029-86781234。</p>',
      '<p>特此报告。</p>',
    ].join('\n'),
  });
  await gql('xa.drafter', 'mutation($id: ID!) { submitForApproval(id: $id) { id } }', { id: draftReply.id });
  for (let step = 0; step < 2; step++) await gql('xa.leader', 'mutation($id: ID!) { approveDocument(id: $id, comment: "同意") { id } }', { id: draftReply.id });
  const report = await gql('xa.clerk', 'mutation($id: ID!, $k: String!) { sendDocument(id: $id, sendKey: $k) { docNumber } }', {
    id: draftReply.id,
    k: randomUUID(),
  });
  log(`征集: the office asks for reports by ${reportBy}; 西安市 reported (${report.sendDocument.docNumber})`);

  // 西安市 has dealt with the broadcast: its clerk closes it and its copy goes to the archive; the provincial
  // office's archivist archives the office's own copy.
  await gql('xa.clerk', 'mutation($id: ID!) { closeDelivery(id: $id) { id } }', { id: xaDelivery });
  await gql('sxb.archivist', 'mutation($d: ID!) { archiveDocument(documentId: $d) { id } }', { d: broadcast });
  // 西安市's archivist archives its report too: filed with the notice it answers (来文与复文).
  await gql('xa.archivist', 'mutation($d: ID!) { archiveDocument(documentId: $d) { id } }', { d: draftReply.id });
  log('archive: the broadcast is archived by the office and by 西安市, with 西安市’s report');
  // 定期通报 (seed 000 §24): the office's supervisor has its bulletin of late and missing receipts published monthly.
  await gql('sxb.supervisor', 'mutation { setBulletinSchedule(cadence: "MONTHLY") { cadence } }');
  log('定期通报: the office’s bulletins are published monthly');
  // 内部邮件 (seed 003 §33(一)): 西安市's clerk has written to 新城区's about the broadcast's report (unread in her inbox).
  const xcClerk = (await gql('xa.clerk', '{ mailDirectory(search: "王秀兰") { id } }')).mailDirectory[0]?.id as string;
  await gql('xa.clerk', 'mutation($in: MailInput!) { sendMail(input: $in) { id } }', {
    in: {
      subject: '请核对报送的收文人员信息',
      body: '王秀兰同志：\n省政府办公厅要求报送负责接收电子公文的工作人员名单，请于本周内核对你区报送的姓名、职务和联系电话，如有变动请告知。\n马晓燕',
      to: [xcClerk],
    },
  });
  log('内部邮件: 西安市’s clerk wrote to 新城区’s');
  // 论坛 (seed 003 §31): 西安市's clerk asks its districts how they sign for what arrives; 新城区's clerk answers.
  const topic = await gql('xa.clerk', 'mutation($in: ForumTopicInput!) { postForumTopic(input: $in) { id } }', {
    in: {
      title: '电子公文签收经验交流',
      body: '各区县在电子公文签收、登记和分办中有哪些好的做法？欢迎在此交流，共同提高收文时效。',
      audience: 'SUBTREE',
    },
  });
  await gql('xc.clerk', 'mutation($t: ID!, $b: String!) { replyToForumTopic(topicId: $t, body: $b) { id } }', {
    t: topic.postForumTopic.id,
    b: '我区指定专人每个工作日9时、15时各查看一次收文，急件随到随签，签收后当日登记分办。',
  });
  log('论坛: 西安市’s topic, answered by 新城区');
  await seedDemoInformation(gql);
  log('信息: the office published two items (one archived), 西安市 one to its districts; 新城区 has one waiting for its leader');
  return true;
}

/** 信息管理 (seed 003 第八章) as the demo units use it: submitted, approved by a leader or section head, published to
 * its audience; the office's archivist has filed one of the office's (§34), the other waits in its 待归档. */
async function seedDemoInformation(gql: (user: string, query: string, variables?: Record<string, unknown>) => Promise<Json>) {
  const submit = async (user: string, column: string, title: string, body: string[], audience: string) =>
    (
      await gql(user, 'mutation($in: InformationInput!) { submitInformation(input: $in) { id } }', {
        in: { column, title, body: body.join('\n\n'), audience },
      })
    ).submitInformation.id as string;
  const approve = (user: string, id: string) => gql(user, 'mutation($id: ID!) { approveInformation(id: $id) { id } }', { id });
  const news = await submit(
    'sxb.drafter',
    'WORK_NEWS',
    '省政府办公厅召开全省电子公文传输工作推进会',
    [
      '近日，省政府办公厅召开全省电子公文传输工作推进会，通报各市、县（区）电子公文签收办理情况。',
      '会议要求，各单位收文员在正常工作时间保持系统在线，及时签收；对未按时签收的单位，由上级单位督办。',
    ],
    'UNIT',
  );
  await approve('sxb.approver', news);
  const digest = await submit(
    'sxb.drafter',
    'POLICIES',
    '《党政机关公文处理工作条例》要点摘编',
    ['一、公文办理包括收文办理、发文办理和整理归档。', '二、收文办理主要程序是签收、登记、初审、承办、传阅、催办、答复。'],
    'UNIT',
  );
  await approve('sxb.leader', digest);
  await gql('sxb.archivist', 'mutation($i: ID!) { archiveInformation(informationId: $i) { id } }', { i: news });
  const notice = await submit(
    'xa.drafter',
    'NOTICES',
    '关于规范电子公文收文登记的通知',
    ['各区县政府办公室：', '请各单位自即日起，对签收的电子公文当日完成登记，收文编号按年度连续编排。'],
    'SUBTREE',
  );
  await approve('xa.leader', notice);
  await submit(
    'xc.drafter',
    'EXPERIENCE',
    '新城区电子公文“当日件当日清”做法',
    ['新城区政府办公室建立收文日清制度，收文员每日下班前核对待签收、待办理公文，做到当日件当日清。'],
    'UNIT',
  );
}

// The error catalogue: every code the platform answers with (common's table, each service's contract) and the
// dashboard's own, in the clerk's plain Chinese and in English, in one place. ErrorNote (components/ui.tsx) shows the
// words of the interface's language, the field concerned, and the code to quote to the help desk; the platform's own
// message only where it adds something in that language (an English sentence stays under 详细信息 in Chinese).
// test/web-errors.test.ts fails for any code of lib/common's ErrorCode or a contract's without an entry here.

export interface ErrorWords {
  zh: string;
  en: string;
}

export const ERROR_CATALOGUE: Record<string, ErrorWords> = {
  // lib/common ErrorCode: every service and the gateway
  BAD_REQUEST: { zh: '请求格式有误，请刷新页面后重试', en: 'The request is malformed; reload the page and try again' },
  BAD_INPUT: { zh: '填写的内容有误，请检查后重试', en: 'Something entered is not accepted; check it and try again' },
  UNTRUSTED_DOCUMENT: { zh: '本页面的请求未经核准', en: 'This page sent a request it is not allowed to send' },
  UNKNOWN_TRUSTED_DOCUMENT: { zh: '本页面版本已过期，请刷新后重试', en: 'This page is out of date; reload it and try again' },
  UNAUTHENTICATED: { zh: '登录已失效，请重新登录', en: 'Your login has ended; log in again' },
  UNSIGNED_CALL: { zh: '服务之间的调用未经签名，已被拒绝，请联系运维人员', en: 'An unsigned call between services was refused; contact operations' },
  FORBIDDEN: { zh: '无权进行此操作', en: 'You may not do this' },
  NOT_FOUND: { zh: '不存在，或您无权查看', en: 'It does not exist, or you may not see it' },
  CONFLICT: { zh: '与已有记录重复，或记录已被他人修改，请刷新后重试', en: 'It duplicates a record, or someone changed it meanwhile; reload and try again' },
  ILLEGAL_TRANSITION: { zh: '当前状态下不能进行此操作', en: 'Not possible in its present state' },
  TOO_LARGE: { zh: '内容或文件超过大小限制', en: 'The content or file is over its size limit' },
  RATE_LIMITED: { zh: '尝试次数过多，请稍后再试', en: 'Too many attempts; try again later' },
  INTERNAL: { zh: '系统内部错误，请联系运维人员', en: 'An internal error; contact operations' },
  UNAVAILABLE: { zh: '所需服务暂时不可用，请稍后再试', en: 'A service it needs is unavailable; try again later' },
  STORAGE_FULL: {
    zh: '文件存储空间已满，本次操作未保存任何内容；已通知运维人员，请稍后再试',
    en: 'The file store is full: nothing was saved. Operations have been alerted; try again later',
  },

  // org
  INVALID_CREDENTIALS: { zh: '用户名或密码错误', en: 'Wrong user name or password' },
  ACCOUNT_LOCKED: { zh: '账号已锁定，请联系本单位系统管理员解锁', en: 'The account is locked; ask your unit’s administrator to unlock it' },
  ACCOUNT_DISABLED: { zh: '账号已停用', en: 'The account is disabled' },
  PASSWORD_CHANGE_REQUIRED: { zh: '须先修改密码', en: 'Change your password first' },
  WEAK_PASSWORD: { zh: '密码强度不足：至少 10 位，含大小写字母、数字和符号中的三种', en: 'The password is too weak' },
  RULE_WOULD_WIDEN: { zh: '下级规则不得放宽上级规则', en: 'A unit’s rule may not widen the rule above it' },
  ROUTING_REFUSED: { zh: '有收文单位被发送规则拒绝', en: 'A routing rule refuses a recipient' },

  // documents
  CLASSIFIED_REFUSED: { zh: '本平台不传输涉密公文', en: 'This platform does not carry classified documents' },
  NOT_APPROVED: { zh: '公文尚未审批通过', en: 'The document is not approved yet' },
  ALREADY_SENT: { zh: '公文已发送，不重复发送', en: 'The document was sent already' },
  ALREADY_SIGNED: { zh: '该公文已签收，不能重复签收，也不能再退回', en: 'Already signed for: it cannot be signed for again or returned' },
  NOT_SIGNED_FOR: {
    zh: '该公文尚未签收：签收前仅本单位收文员可以打开、下载或打印',
    en: 'Not signed for yet: until then only the unit’s clerks may open, download or print it',
  },
  HANDLING_STATE: {
    zh: '办理尚未到这一步，或这一步已经办过（须先拟办再批示，先承办再办结；批示、已阅只能一次）',
    en: 'The handling is not at this step, or it was done already',
  },
  NOT_IN_SECTION: { zh: '您不在批示指定的承办机构（主办或协办）中', en: 'You are not in a section the instruction named' },
  NOT_A_READER: { zh: '该公文未分送给您传阅', en: 'The document was not distributed to you' },
  DEADLINE_REQUIRED: { zh: '紧急公文须规定办理期限', en: 'An urgent document needs a handling deadline' },
  REPORT_STATE: {
    zh: '报送尚未到这一步（只有已报送的材料可以退回修改；全部报送后无需催报）',
    en: 'The report is not at this step',
  },
  REPORT_NOT_SIGNED: {
    zh: '这份报送材料尚未签收：请先在收文中签收（或初审退回），再退回修改',
    en: 'The report is not signed for yet: sign for it in the inbox (or return it at the first check), then return it for correction',
  },
  TRAINING_REQUIRED: {
    zh: '本单位上岗须经培训考核：请先登记此人培训考核合格的日期，再授予新的角色',
    en: 'A post here needs the training passed: record the day this person passed, then give the new role',
  },
  USERNAME_TAKEN: { zh: '该用户名已有人使用，请换一个用户名', en: 'The user name is taken: choose another' },
  REPLY_ASKS_NO_REPORTS: { zh: '答复（报送）不能向所答复的单位征集报送', en: 'A reply asks no reports of the unit it answers' },
  UPWARD_ASKS_NO_REPORTS: {
    zh: '上行文（有签发人）不能向上级单位征集报送；征集请用下行文发起',
    en: 'A document sent up (one that names its signing leader) asks no reports of the units above it: ask them with a document sent down',
  },
  REPORT_DEADLINE_PASSED: {
    zh: '拟稿时设定的报送截止时间已过：请先更改报送截止时间，再发送',
    en: 'The reporting deadline set in the draft has passed: set a new one, then send',
  },
  CORRECTION_DRAFT_OPEN: {
    zh: '已有这些单位的修改稿尚未发送，请继续修改该稿，不再另拟',
    en: 'A correction for these units is drafted already and not yet sent; continue it instead',
  },
  NOTHING_TO_URGE: { zh: '该单位已签收，或公文已退回、撤回、重发：无需催办', en: 'Nothing to urge: signed for, returned, recalled or resent' },
  URGED_RECENTLY: { zh: '刚刚催办过该单位，请稍后再催办', en: 'This unit was urged a moment ago; try again later' },
  NOT_COUNTERSIGNED: {
    zh: '联合行文须各联署单位会签后方可发送（会签在主办单位审批通过后开始，每个单位只办理一次）',
    en: 'A joint document is sent once every co-issuer has countersigned it (countersigning opens when the lead unit has approved it; each unit decides once)',
  },
  BRIEFING_UPWARD: {
    zh: '每个单位只限向上级报送一种简报（本单位所列的第一个刊名）：请改用该刊名，或只发给下级和平级单位，未提交',
    en: 'A unit sends one kind of briefing upward (the first title it lists): use that title, or send this one only down or across; nothing was submitted',
  },
  NOT_SECTION_APPROVER: {
    zh: '拟稿人所在处室指定了本步骤的审批人（处室主要负责人或分管领导），请由其审批',
    en: 'The drafter’s section names who approves this step (its head or the leader in charge): they approve it',
  },
  SIGNER_REQUIRED: {
    zh: '上行文和命令（令）须注明签发人：请在“签发人”中选择本单位领导，未提交审批',
    en: 'A document sent up, and an order, name the signatory: choose one of the unit’s leaders; nothing was submitted',
  },
  SIGNER_NOT_LEADER: {
    zh: '签发人须为本单位在岗领导（可从列表中选择），未提交审批',
    en: 'The signatory must be a leader of this unit (choose one from the list); nothing was submitted',
  },
  STEP_MOVED: {
    zh: '该公文已进入下一审批步骤（可能已由他人审批，或重复提交），本次未审批，请刷新后查看',
    en: 'The document has moved to another approval step (approved by someone else, or sent twice); nothing was approved: refresh to see it',
  },
  NOT_NAMED_SIGNER: {
    zh: '本件须由所署签发人本人签发；如需改由您签发，请退回修改，由拟稿人更改签发人',
    en: 'Only the signatory the document names issues it; to issue it yourself, send it back for the drafter to change the signatory',
  },
  OFD_CHANGED: {
    zh: '要发送的版式文件（OFD）与印章签章时不一致（发文字号或内容已变），未发送：请重新申请用印',
    en: 'The OFD to be sent is not the one the seal signed (its number or content changed); nothing was sent: ask for the stamp again',
  },
  NOT_NUMBERED: {
    zh: '联合行文尚未取得主办单位的发文字号（主办单位审批通过、选定机关代字后编号），暂不能用印',
    en: 'The joint document has no number from its lead unit yet (it is numbered when the lead approves it with its document prefix): it cannot be stamped yet',
  },
  RECEIPT_STALE: {
    zh: '本人签名的回执已过期或与该公文现状不符，请重新签收',
    en: 'The receipt you signed has expired or no longer matches this delivery; sign for it again',
  },
  APPROVAL_STALE: {
    zh: '本人签名的审批意见已过期或与该公文现状不符（意见、公文内容或审批步骤已变化），请重新签名',
    en: 'The approval you signed has expired or no longer matches this document (its comment, content or step changed); sign it again',
  },
  PEER_PACKAGE_REFUSED: {
    zh: '对端平台来文的证据包未通过验证（内容被改动，或非该平台的证书签发），未予接收',
    en: 'The evidence package from the peer platform does not verify (changed content, or not its CA’s): it was not taken in',
  },
  NOTHING_TO_ASSESS: {
    zh: '没有可考核的单位：考核评比是对本单位的下级单位进行考核，本单位没有下级单位，或下级单位在考核期间内均无公文收发、报送或纸质公文登记，也可能各单位均无所设考核指标的数据',
    en: 'No unit to assess: an assessment scores the units below yours, and your unit has none, or none of them sent, received, reported or recorded paper documents in the period, or none had figures for the weighed indicators',
  },

  // certificates
  INVALID_CSR: { zh: '证书请求无效', en: 'The certificate request is not valid' },
  CERTIFICATE_NOT_VALID: { zh: '证书无效或已失效', en: 'The certificate is not valid' },
  SIGNATURE_INVALID: {
    zh: '签名验证未通过：所用私钥不是该账号身份认证证书的私钥',
    en: 'The signature does not verify: the key is not that of this account’s identity certificate',
  },
  CANCEL_NEEDS_APPROVAL: {
    zh: '注销本人证书须提出申请，经本单位负责人审批（点“申请注销”）；只有私钥泄露时才可由本人立即吊销',
    en: 'Cancelling your own certificate is applied for and approved by the head of your unit (Apply to cancel); you revoke it yourself only when its key is compromised',
  },
  NO_IDENTITY_CERTIFICATE: {
    zh: '该账号没有有效的身份认证证书（未申请，或已冻结、吊销、过期）：请在“数字证书”页申请，或使用密码登录',
    en: 'This account holds no identity certificate in force (none, or suspended, revoked or expired): apply on the Certificates page, or log in with the password',
  },

  // seals
  SEAL_NOT_ACTIVE: { zh: '印章未在使用中', en: 'The seal is not in use' },
  SEAL_REQUIRED: {
    zh: '本单位已启用电子印章：须申请用印，并经两名印章保管人确认后方可发送',
    en: 'Your unit uses an electronic seal: request the stamp; both custodians confirm it before sending',
  },
  CUSTODY_INCOMPLETE: { zh: '须另一名印章保管人确认', en: 'The other custodian must confirm' },
  WRONG_PIN: { zh: '保管口令错误', en: 'Wrong custodian PIN' },
  PIN_LOCKED: {
    zh: '一小时内已连续输错 5 次保管口令，暂停用印一小时（输入正确的口令也不能用印）',
    en: 'Five wrong PINs within the hour: your PIN is refused for an hour, even the right one',
  },
  WITNESSES_REQUIRED: { zh: '销毁印章须三方人员同时在场', en: 'Destroying a seal needs three witnesses' },
  TERMINAL_REQUIRED: {
    zh: '本单位印章仅限在登记的用印专用终端上使用：请在专用终端上确认用印',
    en: 'Your unit’s seal is used only on its registered seal terminals: confirm the stamp on one of them',
  },
  SEAL_IN_USE: {
    zh: '每个单位只有一枚电子印章：本单位已有印章（在用、待接管或正在申请），或该印章已在办理补办、变更。如需更换，请对在用印章“申请补办或变更”',
    en: 'A unit holds one electronic seal: yours has one (in use, awaiting custody or applied for), or that seal is being replaced already',
  },

  // the dashboard's own (lib/client.ts and the pages)
  NETWORK: { zh: '无法连接平台，请检查网络后重试', en: 'The platform cannot be reached; check the network' },
  HTTP_ERROR: { zh: '平台没有给出答复，请稍后再试', en: 'The platform gave no answer; try again later' },
  ERROR: { zh: '操作未成功', en: 'It did not succeed' },
  UPLOAD_FAILED: { zh: '文件上传未成功', en: 'The file was not uploaded' },
  EMPTY_FILE: { zh: '文件是空的', en: 'The file is empty' },
  FILE_KIND_REFUSED: {
    zh: '程序或宏文件不能作为公文附件，请转为 PDF、OFD、Word 或 WPS 文件',
    en: 'Programs and macro files cannot be attached: convert to PDF, OFD, Word or WPS',
  },
  FILE_CONTENT_MISMATCH: {
    zh: '文件内容与文件名不符或文件不完整（如文字文件改名为 .pdf、上传中断的文件），收文单位将无法打开，请上传完整的原文件',
    en: 'The file is not what its name says, or not whole (a text renamed .pdf, a file cut short): its recipients could not open it. Upload the whole original',
  },
  FILE_INFECTED: {
    zh: '文件未通过病毒查杀，不能录入系统',
    en: 'The file did not pass the malware scan and cannot be entered into the system',
  },
  IMPORT_FAILED: { zh: 'Word 文件导入未成功', en: 'The Word file was not imported' },
  EXPORT_FAILED: { zh: '导出未成功', en: 'The export did not succeed' },
  BLOB_UNAVAILABLE: { zh: '文件暂时无法取得', en: 'The file cannot be fetched now' },
  NOT_A_KEY: {
    zh: '私钥文件无法读取：请选择平台交付的 .p12 文件（并输入其保护口令），或 PEM 格式的私钥文件（RSA 或 SM2，未加密），或 SM2 私钥的 64 位十六进制',
    en: 'The private key file cannot be read: choose the .p12 the platform handed over (with its protection password), an unencrypted PEM key (RSA or SM2), or an SM2 key as 64 hex digits',
  },
  KEY_PASSWORD_WRONG: {
    zh: '.p12 文件的保护口令不对：请输入领取密钥时设置的保护口令',
    en: 'That is not the .p12 file’s protection password: enter the one you set when you collected the key',
  },
  PASSWORDS_DIFFER: { zh: '两次输入的新密码不一致', en: 'The two new passwords differ' },
  NO_RECIPIENTS: { zh: '请先选择收文单位', en: 'Choose the recipients first' },
  RECIPIENTS_REFUSED: { zh: '有收文单位被发送规则拒绝，请调整后再提交', en: 'A routing rule refuses a recipient; change them and submit again' },
};

/** The fields a refusal may name (`extensions.field`), in the words of the forms. */
export const FIELD_WORDS: Record<string, ErrorWords> = {
  title: { zh: '标题', en: 'Title' },
  weights: { zh: '考核指标分值（整数，合计 100 分）', en: 'Indicator points (whole numbers, 100 in all)' },
  points: { zh: '加减分（-30 至 +10，不为 0，最多一位小数）', en: 'Adjustment (−30 to +10, not 0, in tenths at most)' },
  cadence: { zh: '通报周期（每周、每月或每季度）', en: 'How often (weekly, monthly or quarterly)' },
  failures: { zh: '连续输错次数（3–20 次）', en: 'Wrong passwords in a row (3–20)' },
  impression: { zh: '纸质印模扫描件（PNG 或 JPEG，500 KB 以内）', en: 'Impression scan (PNG or JPEG, at most 500 KB)' },
  subject: { zh: '主题', en: 'Subject' },
  'mail.to': { zh: '收件人', en: 'To' },
  'mail.cc': { zh: '抄送人', en: 'CC' },
  briefingTitles: {
    zh: '简报刊名（2–10 个汉字，最多 5 个，不与机关代字相同）',
    en: 'Briefing titles (2–10 Chinese characters, at most five, none the same as a document prefix)',
  },
  inspectedOn: { zh: '检查日期', en: 'Inspected on' },
  column: { zh: '栏目', en: 'Column' },
  audience: { zh: '可查看范围', en: 'Who may read it' },
  viewerIds: { zh: '可查看人员（须为本单位在用人员）', en: 'Readers (active people of your unit)' },
  inspectors: { zh: '检查人员', en: 'Inspectors' },
  summary: { zh: '总体评价', en: 'Overall assessment' },
  findings: {
    zh: '检查事项（每项须填写检查情况；限期整改的须填整改期限，自检查日起一年内）',
    en: 'Items (each with what was found; one to put right with a deadline within a year)',
  },
  rectifyBy: { zh: '整改期限', en: 'Deadline' },
  rectification: { zh: '整改情况', en: 'What was put right' },
  body: { zh: '正文', en: 'Body' },
  deadline: { zh: '办理时限', en: 'Deadline' },
  reportDeadline: { zh: '报送截止时间', en: 'Reporting deadline' },
  username: { zh: '用户名', en: 'User name' },
  displayName: { zh: '姓名', en: 'Name' },
  paperAt: { zh: '收到或发出时间', en: 'Time received or sent' },
  roles: { zh: '角色', en: 'Roles' },
  reportNote: { zh: '报送要求', en: 'What to report' },
  docType: { zh: '文种', en: 'Type' },
  docPrefix: { zh: '机关代字（简报为刊名）', en: 'Document prefix (a briefing’s title)' },
  recipients: { zh: '收文单位', en: 'Recipients' },
  mainTo: { zh: '主送机关', en: 'Main addressees' },
  note: { zh: '说明', en: 'Note' },
  reason: { zh: '原因', en: 'Reason' },
  statement: { zh: '申请事由', en: 'Statement' },
  belowText: { zh: '印章下弧文字', en: 'Text under the star' },
  witnesses: { zh: '在场人员', en: 'Witnesses' },
  quota: { zh: '打印份数', en: 'Print quota' },
  phone: { zh: '电话', en: 'Telephone' },
  mobile: { zh: '手机', en: 'Mobile' },
  post: { zh: '职务', en: 'Post' },
  result: { zh: '办理结果', en: 'Result' },
  days: { zh: '日历日期', en: 'Calendar days' },
  name: { zh: '名称', en: 'Name' },
  password: { zh: '密码', en: 'Password' },
  newPassword: { zh: '新密码', en: 'New password' },
  pin: { zh: '保管口令', en: 'PIN' },
  from: { zh: '起始日期', en: 'From' },
  to: { zh: '截止日期', en: 'To' },
  'filter.from': { zh: '起始日期', en: 'From' },
  'filter.to': { zh: '截止日期', en: 'To' },
  first: { zh: '每页条数', en: 'Page size' },
  signer: { zh: '签发人', en: 'Signatory' },
  ccTo: { zh: '抄送机关', en: 'Copied to' },
  docDate: { zh: '成文日期', en: 'Date of issue' },
  printingDate: { zh: '印发日期', en: 'Printing date' },
  printingOrg: { zh: '印发机关', en: 'Printed by' },
  notes: { zh: '附注', en: 'Notes' },
  paperNote: { zh: '纸质附件说明', en: 'Paper attachments note' },
  urgency: { zh: '紧急程度', en: 'Urgency' },
  attachments: { zh: '附件', en: 'Attachments' },
  signatureLine: { zh: '发文机关署名', en: 'Signature line' },
  coIssuerIds: { zh: '联合发文单位', en: 'Co-issuers' },
  comment: { zh: '意见', en: 'Comment' },
  purpose: { zh: '调阅目的', en: 'Purpose' },
  search: { zh: '搜索', en: 'Search' },
  // The archive's catalogue filters and its 全宗号 (DA/T 22-2015).
  fondsNumber: { zh: '全宗号（档案馆给定，字母和数字，最多 16 位）', en: 'Fonds number (as the archives gave it: letters and digits, at most 16)' },
  retention: { zh: '保管期限', en: 'Retention' },
  year: { zh: '年度', en: 'Year' },
  classification: { zh: '密级', en: 'Classification' },
  disclosure: { zh: '公开属性', en: 'Disclosure' },
  disclosureReason: { zh: '不予公开理由', en: 'Why it is not disclosed' },
  images: { zh: '图片', en: 'Images' },
  keeperId: { zh: '管理人', en: 'Looked after by' },
  required: { zh: '用印终端限制', en: 'Keeping the seal to terminals' },
  headId: { zh: '处室负责人', en: 'Head of section' },
  trainedOn: { zh: '培训考核合格日期', en: 'Day the training was passed' },
  trainingNote: { zh: '培训内容', en: 'What the training was' },
  leaderId: { zh: '分管领导', en: 'Leader in charge' },
  publicKey: { zh: '终端公钥', en: 'Terminal key' },
  docPrefixes: { zh: '机关代字（每个 2–10 个汉字，用顿号分隔）', en: 'Issuer codes (2–10 Chinese characters each, separated by 、)' },
  approvalChain: { zh: '审批流程（1–4 步）', en: 'Approval steps (1–4)' },
};

/** The words of the field an error names: `input.body` and `attachments[0].name` are the body and the attachments;
 * a field the catalogue does not know is not shown as its API name (null). */
export function fieldWords(field: string, lang: 'zh' | 'en'): string | null {
  const whole = field.replace(/^(input|changes)\./, '').replace(/\[\d+\].*$/, '');
  // A field named in its context first (`mail.to`: a message's recipients, not a period's end), then by its name.
  return FIELD_WORDS[whole]?.[lang] ?? FIELD_WORDS[whole.replace(/\..*$/, '')]?.[lang] ?? null;
}

type Lang = 'zh' | 'en';
type Rule = {
  length?: { min?: number; max: number };
  days?: { min?: string; max?: string };
  required?: true;
  notFuture?: true;
  personName?: true;
  plainText?: true;
  pin?: true;
  afterStart?: true;
  periodDays?: { max: number };
};
const say = (lang: Lang, zh: string, en: string) => (lang === 'zh' ? zh : en);

/** The rule a field broke, as the service names it (lib/common `InputRule`), in words. */
function ruleWords(rule: Rule | undefined, lang: Lang): string | null {
  if (rule?.length) {
    const { min, max } = rule.length;
    return min ? say(lang, `应为 ${min}–${max} 个字`, `${min}–${max} characters`) : say(lang, `最多 ${max} 个字`, `at most ${max} characters`);
  }
  if (rule?.required) return say(lang, '不能为空', 'must not be empty');
  if (rule?.notFuture) return say(lang, '不能晚于现在', 'cannot be later than now');
  if (rule?.days?.min) return say(lang, `不能早于 ${rule.days.min}`, `not before ${rule.days.min}`);
  if (rule?.days?.max) return say(lang, `不能晚于 ${rule.days.max}`, `not after ${rule.days.max}`);
  if (rule?.pin)
    return say(lang, '应为 6–12 位数字，不能是同一数字重复或连续数字（如 111111、123456）', '6–12 digits, not one repeated nor a run (111111, 123456)');
  if (rule?.plainText) return say(lang, '含有不可见的控制字符，请删去后重新填写', 'holds invisible control characters: remove them');
  if (rule?.afterStart) return say(lang, '应晚于起始日期', 'must come after the start');
  if (rule?.periodDays) return say(lang, `起止最多相隔 ${rule.periodDays.max} 天`, `at most ${rule.periodDays.max} days from the start`);
  if (rule?.personName)
    return say(lang, '只能填写姓名用字（可含 · 、括号和空格），不能有表情符号或其他符号', 'letters of a name only: no emoji or other symbols');
  return null;
}

/** How many PIN tries are left before the hour's stop. */
function triesWords(left: unknown, lang: Lang): string | null {
  if (typeof left !== 'number') return null;
  if (left <= 0) return say(lang, '已连续输错 5 次，暂停用印一小时', 'Five wrong PINs: refused for an hour');
  return say(
    lang,
    `一小时内还可尝试 ${left} 次，再输错将暂停用印一小时`,
    `${left} more ${left === 1 ? 'try' : 'tries'} within the hour before your PIN is refused for an hour`,
  );
}

/** Until when a custodian is stopped, in Beijing time. */
function untilWords(until: unknown, lang: Lang): string | null {
  if (typeof until !== 'string') return null;
  const at = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hour12: false }).format(new Date(until));
  return say(lang, `可于 ${at} 后再试，或请管理员办理印章挂失`, `Try again after ${at} (Beijing time), or ask an administrator to report the seal lost`);
}

/** Who a document names as 签发人 that are not the unit's leaders, and who its leaders are. */
function leadersWords(names: unknown, leaders: unknown, lang: Lang): string | null {
  if (!Array.isArray(names) || !Array.isArray(leaders)) return null;
  if (!leaders.length) return say(lang, '本单位没有在岗领导账号，请系统管理员设置', 'This unit has no leader’s account: ask its administrator');
  return say(
    lang,
    `${names.join('、')} 不是本单位领导；本单位领导：${leaders.join('、')}`,
    `${names.join(', ')}: not a leader here; the unit’s leaders: ${leaders.join(', ')}`,
  );
}

/** What is wrong with a certification request, and what one looks like. */
function csrWords(problem: unknown, lang: Lang): string | null {
  const words: Record<string, [string, string]> = {
    NOT_A_CSR: [
      '应粘贴证书请求（PKCS#10）的 PEM 文本：以 -----BEGIN CERTIFICATE REQUEST----- 开头、以 -----END CERTIFICATE REQUEST----- 结尾；SM2 可用“生成 SM2 密钥和证书请求”在浏览器中生成',
      'Paste the certification request (PKCS#10) as PEM, from -----BEGIN CERTIFICATE REQUEST----- to -----END CERTIFICATE REQUEST-----; for SM2 the page can make one',
    ],
    UNSUPPORTED_KEY: ['请求中的密钥既不是 RSA 也不是 SM2', 'The request holds neither an RSA nor an SM2 key'],
    BAD_SIGNATURE: ['请求的签名与其中的公钥不符，请重新生成', 'The request is not signed by the key it carries: make it again'],
    SUITE_MISMATCH: ['请求中的密钥算法与所选算法不一致', 'The request’s key is not of the algorithm chosen'],
  };
  const w = typeof problem === 'string' ? words[problem] : undefined;
  return w ? say(lang, w[0], w[1]) : null;
}

/** The size a refused file or content may be, as people state sizes. */
function limitWords(limit: unknown, lang: Lang): string | null {
  if (typeof limit !== 'number' || limit <= 0) return null;
  const size = limit >= 1024 * 1024 ? `${Number((limit / 1024 / 1024).toFixed(1))} MB` : `${Math.round(limit / 1024)} KB`;
  return say(lang, `上限 ${size}`, `the limit is ${size}`);
}

/** Why a computer's PIN was not taken for a seal kept to its terminals. */
function terminalWords(reason: unknown, lang: Lang): string | null {
  const words: Record<string, [string, string]> = {
    NO_PROOF: ['本机不是登记的用印专用终端', 'This computer is not a registered seal terminal'],
    UNKNOWN_TERMINAL: ['本机登记的终端不属于本单位或已不存在', 'The terminal this computer holds is not one of your unit’s'],
    REVOKED: ['本机的终端登记已注销', 'This computer’s registration was revoked'],
    BAD_SIGNATURE: ['本机的终端证明无法验证，请重新登记本机', 'This computer’s proof does not verify: register it again'],
  };
  const w = typeof reason === 'string' ? words[reason] : undefined;
  return w ? say(lang, w[0], w[1]) : null;
}

/** What a refusal's details add to its words, in the language asked for, by its code: a field's broken rule, how many
 * PIN tries are left, until when a custodian is stopped, who may be 签发人. Null when they add nothing. */
const DETAIL_WORDS: Record<string, (extensions: Record<string, unknown>, lang: Lang) => string | null> = {
  BAD_INPUT: (x, lang) => ruleWords(x.rule as Rule | undefined, lang),
  WRONG_PIN: (x, lang) => triesWords(x.attemptsLeft, lang),
  PIN_LOCKED: (x, lang) => untilWords(x.until, lang),
  SIGNER_NOT_LEADER: (x, lang) => leadersWords(x.names, x.leaders, lang),
  NOT_NAMED_SIGNER: (x, lang) => (typeof x.signer === 'string' ? say(lang, `签发人：${x.signer}`, `Signatory: ${x.signer}`) : null),
  INVALID_CSR: (x, lang) => csrWords(x.problem, lang),
  TOO_LARGE: (x, lang) => limitWords(x.limitBytes, lang),
  TERMINAL_REQUIRED: (x, lang) => terminalWords(x.reason, lang),
  NOT_SECTION_APPROVER: (x, lang) =>
    typeof x.approver === 'string' ? say(lang, `${x.section ?? ''}：${x.approver}`, `${x.section ?? ''}: ${x.approver}`) : null,
  BRIEFING_UPWARD: (x, lang) => (typeof x.allowed === 'string' ? say(lang, `可向上级报送：《${x.allowed}》`, `Sent upward: 《${x.allowed}》`) : null),
};
export const errorDetail = (code: string, extensions: Record<string, unknown> | undefined, lang: Lang): string | null =>
  DETAIL_WORDS[code]?.(extensions ?? {}, lang) ?? null;

/** A code's words in the language asked for; undefined for a code the catalogue does not know. */
export const errorWords = (code: string, lang: 'zh' | 'en'): string | undefined => ERROR_CATALOGUE[code]?.[lang];

/** Whether a text is in Chinese: a platform message that already speaks the clerk’s language. */
export const isChinese = (text: string) => {
  // Written in Chinese, not an English sentence quoting a Chinese term ("… signs for it (签收) …"): the Han characters
  // weigh at least half as much as the Latin letters.
  const han = text.match(/[\u4E00-\u9FFF]/g)?.length ?? 0;
  const latin = text.match(/[A-Za-z]/g)?.length ?? 0;
  return han > 0 && han * 2 >= latin;
};

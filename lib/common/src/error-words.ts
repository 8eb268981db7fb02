// The error catalogue: every code the platform answers with (common's table, each service's contract) and the
// dashboard's own, in the clerk's plain Chinese and in English, in one place: the dashboard's ErrorNote shows them
// (web/lib/errors.ts) and org's audit-log CSV says a refusal in them. Plain data with no imports: the dashboard bundles
// this file as it is. test/web-errors.test.ts fails for any code of ErrorCode or a contract's without an entry here.

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
  RECTIFICATION_FILE_REFUSED: {
    zh: '整改材料只能是照片（JPG、PNG）、PDF、OFD、Word、WPS 或 Excel 文件，且须是完整可打开的原文件',
    en: 'Rectification materials are photos (JPG, PNG) or PDF, OFD, Word, WPS or Excel files, each whole as its name says',
  },
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

  // archive
  NOT_AN_ELEMENT_OF_RECORD: {
    zh: '该档案没有这一著录项（信息不含文号、签发人、主送、抄送等公文要素，文种固定为“信息”），未作更正',
    en: 'This record has no such element (a published information item has no document number, signatory, addressees and the like, and its type is always Information); nothing was corrected',
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

// The audit log's actions in the clerks' words: a mutation's field or an event of the log, as a short Chinese phrase.
// Every mutation of the schema has its phrase (test/audit-words.test.ts); an event of the log not listed shows its
// API name.
export const AUDIT_ACTION: Record<string, string> = {
  login: '登录',
  'login.refused': '登录失败',
  // 忘记密码 from the login page: REFUSED when no account was marked — no active account of that name, or one asked for
  // within the last ten minutes (the person is told nothing either way).
  'password.reset-requested': '申请重置密码',
  requestPasswordReset: '申请重置密码',
  logout: '退出登录',
  logoutEverywhere: '退出全部登录',
  endUserSessions: '强制退出账号登录',
  changePassword: '修改密码',
  createUser: '创建账号',
  resetPassword: '重置密码',
  recordUserTraining: '登记培训考核',
  setLockAfterFailures: '设置登录失败锁定',
  // A unit that locks accounts after wrong passwords (seed 003 §14): the failure that locked one.
  'account.locked': '连续输错密码，账号被锁定',
  recordInspection: '登记检查情况',
  submitInformation: '提交信息',
  sendMail: '发送内部邮件',
  markMailRead: '阅读内部邮件',
  putAwayMail: '删除内部邮件',
  postForumTopic: '发布论坛主题',
  replyToForumTopic: '回复论坛主题',
  takeDownForumPost: '删除论坛帖子',
  approveInformation: '审批发布信息',
  rejectInformation: '退回信息',
  withdrawInformation: '撤下信息',
  reportRectification: '报告整改情况',
  acceptRectification: '验收整改',
  returnRectification: '退回整改',
  setUserRoles: '调整角色',
  setUserStatus: '停用或启用账号',
  unlockUser: '解除登录等待',
  issueApiToken: '签发接口令牌',
  revokeApiToken: '吊销接口令牌',
  registerOrg: '注册单位',
  renameOrg: '单位更名',
  moveOrg: '调整隶属关系',
  mergeOrgs: '合并单位',
  dissolveOrg: '撤销单位',
  updateUnitSettings: '修改单位设置',
  updateWorkCalendar: '修改工作日历',
  createRoutingRule: '新增发送规则',
  updateRoutingRule: '修改发送规则',
  deleteRoutingRule: '删除发送规则',
  addContact: '新增联系人',
  updateContact: '修改联系人',
  removeContact: '删除联系人',
  reportFault: '报告故障',
  respondToFault: '响应故障报告',
  escalateFault: '故障升级处置',
  resolveFault: '故障排除',
  publishAnnouncement: '发布系统公告',
  withdrawAnnouncement: '撤回系统公告',
  createDistributionList: '新建分发名单',
  updateDistributionList: '修改分发名单',
  deleteDistributionList: '删除分发名单',
  createDraft: '拟稿',
  updateDraft: '修改草稿',
  submitForApproval: '送审',
  approveDocument: '审批同意',
  rejectDocument: '审批退回',
  sendDocument: '发送公文',
  signForDelivery: '签收',
  returnDelivery: '退回',
  requestResend: '请求重发',
  resendDelivery: '重发',
  recallDelivery: '撤回',
  closeDelivery: '办结',
  printDelivery: '打印',
  raisePrintQuota: '增加打印份数',
  requestPrintCopies: '申请追加打印份数',
  publishBulletin: '发布通报',
  setBulletinSchedule: '设置定期通报',
  createAssessment: '新建考核评比',
  recomputeAssessment: '重新统计考核评比',
  setAssessmentAdjustment: '考核评比加减分',
  publishAssessment: '公布考核评比结果',
  discardAssessment: '删除考核评比草稿',
  draftAssessmentDocument: '据考核评比起草通报',
  draftBulletinDocument: '拟制通报',
  download: '下载文件',
  'download-reports': '下载全部报送材料',
  'print-handling-sheet': '打印收文处理单',
  'print-draft-sheet': '打印发文稿纸',
  auditLogCsv: '导出审计日志',
  applyForSeal: '申请刻制印章',
  handOverSealCustody: '印章保管交接',
  decideSealApplication: '审批印章申请',
  consentToSealApplication: '同意印章申请',
  acceptSealCustody: '接收印章保管',
  changeCustodyPin: '修改印章保管口令',
  requestStamp: '申请用印',
  cancelStampRequest: '撤销用印申请',
  suspendSeal: '暂停印章',
  resumeSeal: '恢复印章',
  applyForCertificate: '申请证书',
  renewCertificate: '更新证书',
  decideCertificateApplication: '审批证书申请',
  collectCertificateKey: '领取证书',
  suspendCertificate: '冻结证书',
  resumeCertificate: '解冻证书',
  revokeCertificate: '吊销证书',
  applyToCancelCertificate: '申请注销证书',
  archiveDocument: '归档',
  archiveInformation: '信息归档',
  registerSealTerminal: '登记用印专用终端',
  setSectionApprovers: '设置处室审批人',
  setTrainingRequired: '设置上岗培训考核要求',
  revokeSealTerminal: '注销用印专用终端',
  setSealTerminalOnly: '设置用印终端限制',
  requestArchiveAccess: '申请调阅档案',
  decideArchiveAccess: '审批档案调阅',
  exportArchiveRecord: '导出档案',
  exportArchiveYear: '导出年度档案',
  correctArchiveMetadata: '更正档案著录',
  checkArchiveRecord: '档案检测',
  setRetentionRule: '设置保管期限',
  setArchiveFondsNumber: '设置全宗号',
  setArchiveHold: '设置档案冻结',
  proposeDisposal: '提出销毁鉴定',
  decideDisposal: '审批销毁',
  destroySeal: '销毁印章',
  makeSeal: '制作印章',
  presentSealPin: '保管人确认用印',
  reportSealLost: '报告印章遗失',
  supplementRecipients: '补发',
  importArchivePackage: '导入档案包',
  importArchiveYear: '导入年度档案',
  markNotificationsRead: '标记通知已读',
  // Every opening of a delivery's page; only the unit's first is its 接收 (the delivery's history says which).
  openDelivery: '打开来文',
  distributeDelivery: '分发',
  proposeHandling: '拟办',
  instructHandling: '批示',
  acceptHandling: '承办',
  concludeHandling: '办理完毕',
  markHandlingRead: '已阅',
  urgeHandling: '催办（本单位办理）',
  urgeDeliveries: '催办（未签收单位）',
  urgeDueSoonOfDocument: '催办（一件公文的临期未签收单位）',
  urgeOverdueOfDocument: '催办（一件公文的超期未签收单位）',
  recordPhoneUrge: '登记电话催办',
  withdrawApproval: '撤回审批',
  countersignDocument: '会签',
  declineCountersign: '拒绝会签',
  draftReply: '起草答复',
  draftFromProxy: '采用代拟稿起草',
  draftForward: '起草转发',
  draftCorrection: '修改后重发',
  requestReports: '发起征集',
  remindReports: '征集提醒',
  returnReport: '退回报送材料',
  recordPaperDocument: '纸质公文补录',
  exportEvidencePackage: '导出证据包',
  receiveFromPeer: '接收对端来文',
  registerPeerPlatform: '登记对端平台',
  certificateLogin: '数字证书登录',
  certificateLoginChallenge: '申请证书登录挑战',
  changeInitialPassword: '首次登录修改密码',
  setUserMobile: '修改本人手机号',
  setUserPost: '设置职务',
  createSection: '新建内设机构',
  updateSection: '修改内设机构',
  assignSection: '调整所属内设机构',
  setAlertWebhook: '设置告警回调地址',
  setEscalationRules: '设置自动催办规则',
  rekeyUnitSigningKey: '更换本单位回执签名密钥',
  requestTimestamp: '申请时间戳',
};

/** In English, an action's API name read as words: `setUserStatus` is "Set user status", `login.refused` "Login refused". */
export const englishAction = (action: string) => {
  const words = action
    .replace(/[._]/g, ' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
};

/** The arguments by which an action names the documents or deliveries it was about. */
const SUBJECT_ARGS = ['id', 'deliveryId', 'documentId', 'ids', 'deliveryIds'];

/**
 * The ids an entry was about (its target, and the documents or deliveries its arguments name), at most `max`: the
 * audit log shows their titles beside the action (documentTitles; ids of other kinds simply find none).
 */
export function auditSubjectIds(targetId: string | null | undefined, detail: string, max = 5): string[] {
  const ids = new Set<string>(targetId ? [targetId] : []);
  const args = argsOf(detail);
  for (const k of SUBJECT_ARGS) {
    const v = args[k];
    for (const id of Array.isArray(v) ? v : [v]) if (typeof id === 'string' && /^[0-9a-f-]{36}$/i.test(id)) ids.add(id);
  }
  return [...ids].slice(0, max);
}

/** The title a draft was created or saved with, as the log kept its arguments: a new draft has no id to name it by. */
export function auditDraftTitle(detail: string): string | null {
  const title = (argsOf(detail).input as { title?: unknown } | undefined)?.title;
  return typeof title === 'string' && title ? title : null;
}

/** An entry's arguments as the log kept them (none when its detail is not JSON). */
function argsOf(detail: string): Record<string, unknown> {
  try {
    return ((JSON.parse(detail) as { args?: Record<string, unknown> }).args ?? {}) as Record<string, unknown>;
  } catch {
    return {};
  }
}

// The audit log's words, one table for its screen (web/components/admin/audit-words.ts) and its CSV (org's
// domain/audit-words.ts): each mutation's phrase, an action as done (a decision by what was decided, the approval that
// ended the chain as the 签发, an administrator's change of another's mobile), the exports the dashboard makes in the
// browser, the categories. Plain data and functions with no imports: the dashboard bundles this file as it is.

/** Every mutation's phrase, and the phrases of an action as done (auditActionKey). */
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
  resubmitInformation: '修改后重新报送信息',
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
  // An export the dashboard made in the browser from what it shows: named by what it was of (auditActionKey).
  recordExport: '导出表格',
  'download-archived-file': '下载档案文件',
  // An action in the words of what it did (auditActionKey): a decision by what was decided, the approval that ended the
  // chain as the 签发, an administrator's change of another person's mobile as such.
  'approveDocument.issued': '签发',
  'decideArchiveAccess.approved': '同意调阅档案',
  'decideArchiveAccess.refused': '不同意调阅档案',
  'decideSealApplication.approved': '批准印章申请',
  'decideSealApplication.refused': '不批准印章申请',
  'decideCertificateApplication.approved': '批准证书申请',
  'decideCertificateApplication.refused': '不批准证书申请',
  'decideDisposal.approved': '批准销毁鉴定',
  'decideDisposal.refused': '不批准销毁鉴定',
  'setUserMobile.of-another': '修改他人手机号',
  'setUserStatus.ACTIVE': '启用账号',
  'setUserStatus.DISABLED': '停用账号',
};

/** The tables the dashboard exports in the browser, by the label its export buttons send (recordExport). */
export const EXPORTED: Record<string, string> = {
  statistics: '统计',
  assessment: '考核评比',
  supervision: '督办',
  sent: '发文签收情况',
  'register-outgoing': '发文登记簿',
  roster: '人员名单备案',
  other: '表格',
};

/** An export's words, `statistics.csv` as 导出统计（CSV）; null for a label not known. */
export function exportWords(what: string): string | null {
  const [, table = '', format = ''] = /^([a-z-]{1,40})\.(csv|xlsx)$/.exec(what) ?? [];
  return Object.hasOwn(EXPORTED, table) ? `导出${EXPORTED[table]}（${format.toUpperCase()}）` : null;
}

/** What the log reads of an entry to say what was done (its detail as stored: the arguments, the state left). */
export interface AuditAction {
  action: string;
  actorId?: string | null;
  targetId?: string | null;
  detail: Record<string, unknown>;
}

/** Decisions whose entry keeps `approve` among its arguments. */
const DECISIONS = new Set(['decideArchiveAccess', 'decideSealApplication', 'decideCertificateApplication', 'decideDisposal']);

/** An entry's arguments as the log kept them (none when it kept none). */
export const auditArgs = (detail: Record<string, unknown>): Record<string, unknown> =>
  detail.args && typeof detail.args === 'object' && !Array.isArray(detail.args) ? (detail.args as Record<string, unknown>) : {};

/** The title a draft was created or saved with, as the log kept its arguments: a new draft has no id to name it by. */
export function auditDraftTitle(detail: Record<string, unknown>): string | null {
  const title = (auditArgs(detail).input as { title?: unknown } | undefined)?.title;
  return typeof title === 'string' && title ? title : null;
}

/**
 * The action as the entry shows it was done: `decideArchiveAccess.refused`, `approveDocument.issued` (the approval
 * that left the document APPROVED: the last step, 签发), `setUserMobile.of-another`, `export.statistics.csv`; else the
 * action itself (and so for entries written before the state was kept).
 */
export function auditActionKey(e: AuditAction): string {
  const args = auditArgs(e.detail);
  if (e.action === 'approveDocument' && e.detail.status === 'APPROVED') return 'approveDocument.issued';
  if (DECISIONS.has(e.action) && typeof args.approve === 'boolean') return `${e.action}.${args.approve ? 'approved' : 'refused'}`;
  if (e.action === 'setUserMobile' && e.actorId && e.targetId && e.actorId !== e.targetId) return 'setUserMobile.of-another';
  if (e.action === 'setUserStatus' && (args.status === 'ACTIVE' || args.status === 'DISABLED')) return `setUserStatus.${args.status}`;
  if (e.action === 'recordExport' && typeof args.what === 'string' && exportWords(args.what)) return `export.${args.what}`;
  return e.action;
}

const wordsIn = (table: Record<string, string>, key: string): string | undefined => (Object.hasOwn(table, key) ? table[key] : undefined);

/** An entry's action in Chinese; null for one that has no words (its API name is shown). */
export function auditActionWords(e: AuditAction): string | null {
  const key = auditActionKey(e);
  if (key.startsWith('export.')) return exportWords(key.slice('export.'.length));
  return wordsIn(AUDIT_ACTION, key) ?? wordsIn(AUDIT_ACTION, e.action) ?? null;
}

/** The log's categories in words. */
export const AUDIT_CATEGORY_WORDS: Record<string, string> = {
  LOGIN: '登录',
  SESSION: '会话',
  ADMIN: '管理操作',
  DOCUMENT: '公文操作',
  DOWNLOAD: '下载',
  EXPORT: '导出',
};

// The error catalogue: every code the platform answers with (common's table, each service's contract) and the
// dashboard's own, in the clerk's plain Chinese and in English, in one place. ErrorNote (components/ui.tsx) shows the
// words of the interface's language, the field concerned, and the code to quote to the help desk; the platform's own
// message only where it adds something in that language (an English sentence stays under 详细信息 in Chinese). The
// codes' words are common's (lib/common/src/error-words.ts, which the audit log's CSV reads too); the fields' are here.

import { ERROR_CATALOGUE, type ErrorWords } from '../../lib/common/src/error-words.ts';

export { ERROR_CATALOGUE, type ErrorWords };

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
  files: {
    zh: '整改材料（照片 JPG、PNG，PDF、OFD、Word、WPS 或 Excel 文件；最多 5 个，每个 10 MB 以内，合计 20 MB 以内）',
    en: 'Supporting files (JPG or PNG photos, PDF, OFD, Word, WPS or Excel files; at most five, each within 10 MB, 20 MB together)',
  },
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
  copies: { zh: '增加份数', en: 'More copies' },
  proposal: { zh: '拟办意见', en: 'Proposal' },
  instruction: { zh: '批示意见', en: 'Instruction' },
  userIds: { zh: '传阅人员', en: 'People' },
  changes: { zh: '元数据', en: 'Metadata' },
  custodianIds: { zh: '保管人', en: 'Custodians' },
  file: { zh: '文件', en: 'File' },
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
  zh?: string;
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
  // A rule in words only: the Chinese screen says it; the English one has the service's own message.
  if (rule?.zh) return lang === 'zh' ? rule.zh : null;
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

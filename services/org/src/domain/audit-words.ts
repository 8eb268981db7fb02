// The audit log in the words its screen uses (系统管理 → 审计日志, web/components/admin/audit-words.ts), for the CSV
// the unit's administrators export: the time in Beijing, the action as done (a decision by what was decided, the
// approval that ended the chain as the 签发), the outcome and its reason, what it was about, and the details as
// 键：值 in Chinese rather than JSON. The phrases themselves are common's (lib/common/src/audit-words.ts), which the
// dashboard's screen reads too. Plain functions, tested beside.
import {
  AUDIT_CATEGORY_WORDS,
  type AuditAction,
  type AuditCategory,
  auditDraftTitle,
  badInput,
  beijingDateTime,
  ERROR_CATALOGUE,
  EXPORTED,
  exportWords,
  auditActionWords as sharedActionWords,
} from '@yizhan/common';

/** An export the dashboard made in the browser, as it reports it: a known table and format, and a count of rows. */
export function checkExport(what: string, rows: number): void {
  if (!exportWords(what)) throw badInput(`Name a table the dashboard exports and its format: ${Object.keys(EXPORTED).join(', ')}; .csv or .xlsx`, 'what');
  if (!Number.isInteger(rows) || rows < 0 || rows > 1_000_000) throw badInput('rows must be a whole number from 0 to 1,000,000', 'rows');
}

/** An entry's action in Chinese (common's audit-words, as the screen says it); its API name where it has no words. */
export const auditActionWords = (e: AuditAction): string => sharedActionWords(e) ?? e.action;

export const CATEGORY_WORDS = AUDIT_CATEGORY_WORDS as Record<AuditCategory, string>;

/** 成功, or 被拒绝 with its reason as the screen says it (the code itself where these words have none). */
export function outcomeWords(outcome: 'OK' | 'REFUSED', detail: Record<string, unknown>): string {
  if (outcome === 'OK') return '成功';
  const code = typeof detail.code === 'string' ? detail.code : '';
  return code ? `被拒绝：${ERROR_CATALOGUE[code]?.zh ?? code}` : '被拒绝';
}

/** What an entry was about: the name it kept (a person, a document, a record, a file), or a new draft's title. */
export function subjectWords(e: { targetName: string | null; detail: Record<string, unknown> }): string {
  const title = auditDraftTitle(e.detail);
  return e.targetName ?? (title ? `《${title}》` : '—');
}

/** The details' keys in Chinese; a key not listed is shown as it is. */
const DETAIL_KEYS: Record<string, string> = {
  id: '编号',
  ids: '编号',
  code: '拒绝代码',
  reason: '原因',
  comment: '意见',
  note: '说明',
  notes: '说明',
  purpose: '用途',
  approve: '决定',
  decision: '决定',
  status: '状态',
  method: '方式',
  failures: '连续失败次数',
  filename: '文件名',
  delivery: '收文',
  deliveryId: '收文',
  deliveryIds: '收文',
  documentId: '公文',
  recordId: '档案',
  orgId: '单位',
  orgIds: '单位',
  userId: '人员',
  findingId: '检查项',
  topicId: '主题',
  sectionId: '内设机构',
  kind: '类型',
  name: '名称',
  shortName: '简称',
  displayName: '姓名',
  username: '用户名',
  roles: '角色',
  role: '角色',
  post: '职务',
  mobile: '手机号',
  phone: '电话',
  title: '标题',
  body: '正文',
  docType: '文种',
  docNumber: '发文字号',
  urgency: '紧急程度',
  classification: '密级',
  disclosure: '公开属性',
  deadline: '期限',
  rectifyBy: '整改期限',
  rectification: '整改情况',
  inspectedOn: '检查日期',
  inspectors: '检查人员',
  summary: '概况',
  finding: '发现的问题',
  item: '检查项目',
  conforms: '符合要求',
  trainedOn: '培训考核日期',
  trainingNote: '培训考核内容',
  what: '导出内容',
  rows: '行数',
  from: '起',
  to: '止',
  category: '类别',
  outcome: '结果',
  subtree: '含下级单位',
  year: '年度',
  copies: '份数',
  printQuota: '印制份数',
  quota: '份数',
  extendTo: '延长至',
  retention: '保管期限',
  fondsNumber: '全宗号',
  mainTo: '主送',
  ccTo: '抄送',
  recipients: '收文单位',
  signer: '签发人',
  audience: '范围',
  subject: '主题',
  url: '地址',
  days: '天数',
};

/** Values in words: yes and no, a decision, a login's method, a category, an instant in Beijing time, what was left out. */
function valueWords(key: string, v: unknown): string | null {
  if (v === null || v === undefined || v === '') return null;
  if (key === 'approve' && typeof v === 'boolean') return v ? '同意' : '不同意';
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (typeof v === 'number') return String(v);
  if (typeof v === 'string') {
    if (v === '[removed]') return '（已略去）';
    if (key === 'method') return wordsIn({ PASSWORD: '密码', CERTIFICATE: '数字证书' }, v) ?? v;
    if (key === 'category') return wordsIn(CATEGORY_WORDS, v) ?? v;
    if (key === 'outcome') return wordsIn({ OK: '成功', REFUSED: '被拒绝' }, v) ?? v;
    if (key === 'status') return wordsIn({ ACTIVE: '启用', DISABLED: '停用' }, v) ?? v;
    // An instant (an export's period): as the log's own times are shown.
    if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(v) && !Number.isNaN(Date.parse(v))) return beijingDateTime(v);
    return v;
  }
  if (Array.isArray(v)) {
    const items = v.map((x) => valueWords(key, x)).filter((x) => x !== null);
    return items.length ? items.join('、') : null;
  }
  if (typeof v === 'object') {
    const pairs = detailPairs(v as Record<string, unknown>);
    return pairs.length ? `（${pairs.join('，')}）` : null;
  }
  return String(v);
}

function detailPairs(detail: Record<string, unknown>, top = false): string[] {
  const pairs: string[] = [];
  for (const [k, v] of Object.entries(detail)) {
    // The state the mutation left its object in is what the action's words say (签发, 停用账号).
    if (top && k === 'status') continue;
    // The arguments, and a draft's or an inspection's input, are what was given: their fields are shown as such.
    if ((k === 'args' || k === 'input') && v && typeof v === 'object' && !Array.isArray(v)) {
      pairs.push(...detailPairs(v as Record<string, unknown>));
      continue;
    }
    const words = valueWords(k, v);
    if (words !== null) pairs.push(`${wordsIn(DETAIL_KEYS, k) ?? k}：${words}`);
  }
  return pairs;
}

/** An entry's details as 键：值 pairs in Chinese, separated by ；, never JSON. */
export function detailWords(detail: Record<string, unknown>): string {
  return detailPairs(detail, true).join('；');
}

/** An entry's time as the screen shows it, Beijing time to the second. */
export const atWords = (at: string | Date): string => beijingDateTime(at);

/** A table's words for a key of its own (never one of every object's, such as `constructor`). */
const wordsIn = (table: Record<string, string>, key: string): string | undefined => (Object.hasOwn(table, key) ? table[key] : undefined);

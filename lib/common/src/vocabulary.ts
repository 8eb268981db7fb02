// Words every service uses the same way (DESIGN §1). Values only; each service owns the rules about them.

/** 文种: the 15 types of the 2012 regulation, plus 简报 and 会议通知. */
export const DOC_TYPES = [
  '决议',
  '决定',
  '命令',
  '公报',
  '公告',
  '通告',
  '意见',
  '通知',
  '通报',
  '报告',
  '请示',
  '批复',
  '议案',
  '函',
  '纪要',
  '简报',
  '会议通知',
] as const;
export type DocType = (typeof DOC_TYPES)[number];

/** 公开属性 (政府信息公开条例 §§19–20, 源头认定): decided as a document is drafted; 不予公开 names its reason. */
export const DISCLOSURES = ['ACTIVE', 'ON_REQUEST', 'NOT_PUBLIC'] as const;
export type Disclosure = (typeof DISCLOSURES)[number];
/** 公开属性 in words: how documents hands it to the archive, and how the catalogue records it. */
export const DISCLOSURE_WORDS: Record<Disclosure, string> = { ACTIVE: '主动公开', ON_REQUEST: '依申请公开', NOT_PUBLIC: '不予公开' };

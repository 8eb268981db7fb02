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

/**
 * 紧急程度 (党政机关公文处理工作条例 第九条(三), GB/T 9704-2012 §7.2.3): a document is 特急 or 加急 (or neither);
 * a 电报 is always graded, 特提, 特急, 加急 or 平急. 特提 (FLASH) and 平急 (PLAIN_URGENT) exist only on telegrams.
 */
export const URGENCIES = ['NORMAL', 'URGENT', 'EXTRA_URGENT', 'FLASH', 'PLAIN_URGENT'] as const;
export type Urgency = (typeof URGENCIES)[number];
/** The grade as the regulations write it (平件: none; a print or a notice shows no word for it, the archive's metadata 平件). */
export const URGENCY_WORDS: Record<Urgency, string> = { NORMAL: '平件', URGENT: '加急', EXTRA_URGENT: '特急', FLASH: '特提', PLAIN_URGENT: '平急' };
/** The grade's word where a plain document shows none (its print, a notice). */
export const urgencyMark = (urgency: string): string | null => (urgency === 'NORMAL' ? null : (URGENCY_WORDS[urgency as Urgency] ?? null));

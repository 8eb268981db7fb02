// 紧急程度 in words: 平件, 加急, 特急; a 明传电报's grades 特提, 特急, 加急, 平急 (条例 第九条).
export const URGENCY: Record<string, string> = { NORMAL: '平件', URGENT: '加急', EXTRA_URGENT: '特急', FLASH: '特提', PLAIN_URGENT: '平急' };
export const DOCUMENT_GRADES = ['NORMAL', 'URGENT', 'EXTRA_URGENT'] as const;
export const TELEGRAM_GRADES = ['FLASH', 'EXTRA_URGENT', 'URGENT', 'PLAIN_URGENT'] as const;

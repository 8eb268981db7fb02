// 更正元数据: which of a record's descriptive elements (DA/T 46 著录项) an archivist may correct, in the words of the
// catalogue. The rest of what the document carried (its ids, times, 密级, the seal, the files, the deliveries) is
// evidence as received and stays as it came. A 信息 has fewer elements than a document: only its own are offered.
import { badInput, DISCLOSURE_WORDS, isCalendarDay, refuseControlCharacters, YizhanError } from '@yizhan/common';
import { ArchiveErrorCode } from '@yizhan/contracts/archive';

export const CORRECTABLE_ELEMENTS = [
  ['title', '题名'],
  ['docNumber', '文号'],
  ['docType', '文种'],
  ['orgName', '责任者'],
  ['signer', '签发人'],
  ['mainTo', '主送机关'],
  ['ccTo', '抄送机关'],
  ['docDate', '成文日期'],
  ['notes', '附注'],
  ['printingOrg', '印发机关'],
  ['printingDate', '印发日期'],
  ['disclosure', '公开属性'],
  ['disclosureReason', '不予公开理由'],
] as const;

/**
 * A 信息's descriptive elements (seed 003 §34): its 题名 and 责任者. It has no 文号, 签发人, 主送, 抄送, 公开属性 or
 * 印发 of a document, and its 文种 is always 信息 (its series XX and its checks read it so). Its 栏目, 发布人, 审批人,
 * 发布范围 and 发布日期 are what org recorded of its publication: evidence, as a document's drafter and times are.
 */
export const INFORMATION_ELEMENTS = [
  ['title', '题名'],
  ['orgName', '责任者'],
] as const;

/** 公开属性 as the catalogue records it (政府信息公开条例): a correction names one of these, or clears it. */
const DISCLOSURES_IN_WORDS = Object.values(DISCLOSURE_WORDS);

const CORRECTABLE = new Set<string>(CORRECTABLE_ELEMENTS.map(([key]) => key));

/** The elements a record of this role has (SENDER and RECIPIENT: a document's; INFORMATION: a 信息's). */
const elementsOf = (role: string): readonly (readonly [string, string])[] => (role === 'INFORMATION' ? INFORMATION_ELEMENTS : CORRECTABLE_ELEMENTS);

/** The elements every record has: corrected, never emptied. */
const REQUIRED_ELEMENTS = ['title', 'docType', 'orgName'];

/** The elements that may run over lines (a list of 主送机关, a 附注); the rest are one line. */
const MULTILINE_ELEMENTS = new Set(['mainTo', 'ccTo', 'notes', 'disclosureReason']);

/** The elements that are days (成文日期, 印发日期), as documents writes them: 2026-11-21. */
const DATE_ELEMENTS = ['docDate', 'printingDate'];

/** The longest an element may be corrected to (a 附注 or a list of 主送机关 is the longest a document carries). */
const MAX_ELEMENT = 2000;

/** The elements a correction of a record of this role may change, with their words and the values they have now. */
export const correctableElements = (metadata: Record<string, unknown>, role: string) =>
  elementsOf(role).map(([key, label]) => ({ key, label, value: typeof metadata[key] === 'string' ? (metadata[key] as string) : null }));

/**
 * Refuses, naming them, the elements of a correction that a record of this role does not have (a 信息's 文号 or
 * 签发人): NOT_AN_ELEMENT_OF_RECORD, a client's 400 — written, they would describe a document the record is not.
 * `refuseUncorrectable` has refused what no record may have corrected.
 */
export function refuseElementsNotOf(role: string, changes: Record<string, unknown>): void {
  const own = new Set(elementsOf(role).map(([key]) => key));
  const foreign = Object.keys(changes).filter((k) => !own.has(k));
  if (!foreign.length) return;
  throw new YizhanError(
    ArchiveErrorCode.NOT_AN_ELEMENT_OF_RECORD,
    `${role === 'INFORMATION' ? 'A 信息' : 'This record'} has no ${foreign.join(', ')} to correct (its elements: ${[...own].join(', ')})`,
    { field: 'changes', elements: foreign },
  );
}

/** A record corrected to 不予公开 keeps its reason, as a draft must give one (documents' cleanDraft). */
export function refuseUndisclosedWithoutReason(metadata: Record<string, unknown>): void {
  const reason = metadata.disclosureReason;
  if (metadata.disclosure === DISCLOSURE_WORDS.NOT_PUBLIC && !(typeof reason === 'string' && reason.trim()))
    throw badInput('A record not to be disclosed (不予公开) keeps its reason: give disclosureReason with it', 'changes.disclosureReason', { required: true });
}

/** Refuses, naming them, the elements of a correction that are evidence rather than description. */
export function refuseUncorrectable(changes: Record<string, unknown>): void {
  const refused = Object.keys(changes).filter((k) => !CORRECTABLE.has(k));
  if (refused.length) {
    // The first few named: a request of ten thousand keys gets a message one reads.
    const named = refused.length > 5 ? `${refused.slice(0, 5).join(', ')} and ${refused.length - 5} more` : refused.join(', ');
    throw badInput(
      `These are part of the record as received, not descriptive elements to correct: ${named} (correctable: ${[...CORRECTABLE].join(', ')})`,
      'changes',
    );
  }
  const notText = Object.entries(changes).filter(([, v]) => v !== null && typeof v !== 'string');
  if (notText.length) throw badInput(`A corrected element is text: ${notText.map(([k]) => k).join(', ')}`, 'changes');
  // 题名, 文种 and 责任者 describe every record: corrected, never emptied.
  for (const key of REQUIRED_ELEMENTS)
    if (key in changes && !(typeof changes[key] === 'string' && (changes[key] as string).trim()))
      throw badInput(`${key} is corrected to another value, not emptied`, `changes.${key}`, { required: true });
  // As documents holds a draft's elements: each one line but the lists and notes, no control characters.
  for (const [key, v] of Object.entries(changes)) if (typeof v === 'string') refuseControlCharacters(v, `changes.${key}`, !MULTILINE_ELEMENTS.has(key));
  for (const key of DATE_ELEMENTS) {
    const day = changes[key];
    if (typeof day === 'string' && day.trim() && !isCalendarDay(day.trim())) throw badInput(`changes.${key} must be a date like 2026-11-21`, `changes.${key}`);
  }
  const long = Object.entries(changes).find(([, v]) => typeof v === 'string' && v.length > MAX_ELEMENT);
  if (long)
    throw badInput(`changes.${long[0]} is ${(long[1] as string).length} characters long; at most ${MAX_ELEMENT} are allowed`, `changes.${long[0]}`, {
      length: { max: MAX_ELEMENT },
    });
  const disclosure = changes.disclosure;
  if (typeof disclosure === 'string' && !DISCLOSURES_IN_WORDS.includes(disclosure))
    throw badInput(`The disclosure must be one of its three words (${DISCLOSURES_IN_WORDS.join(', ')}), not “${disclosure}”`, 'changes.disclosure');
}

// Who archived a record, as the record keeps it: an archivist by name, or the clerk whose 办结 archived the unit's
// copy, the name marked so. The mark is written and read here only; the record keeps the marked name as it always has.

const ON_CLOSE = ' (办结)';

/** The name a record keeps when its clerk's 办结 archived it. */
export const archivedOnCloseBy = (name: string): string => `${name}${ON_CLOSE}`;

/** The person a record names as its archiver, and whether it was archived at 办结. */
export function archiverOf(kept: string): { name: string; onClose: boolean } {
  return kept.endsWith(ON_CLOSE) ? { name: kept.slice(0, -ON_CLOSE.length), onClose: true } : { name: kept, onClose: false };
}

// The count of what waits, in front of the browser tab's title (WorkCounts' useTabTitle).

/**
 * The title to show for `total` waiting, from the title as the browser reads it (whitespace collapsed and trimmed);
 * null while there is no title to count on (the router between two titles). Reading back what it returns gives the
 * same string: an observer of the head that writes it settles after one write. (Before, a missing title became
 * "(1) ", read back as "(1)", written again, forever: the page froze.)
 */
export function titleWithCount(current: string, total: number): string | null {
  const bare = current
    .replace(/^(\s*\(\d+\+?\))+/, '')
    .replace(/[\t\n\f\r ]+/g, ' ')
    .trim();
  if (!bare) return null;
  return total > 0 ? `(${total > 99 ? '99+' : total}) ${bare}` : bare;
}

// What the person did on a page that moves a count of what waits for them with no live event of its own (a mail read,
// an item of 检查整改 reported, accepted or sent back): the navigation's counts, 待办's list of decisions and a tab's
// count read theirs again. One event on the window, as many listeners as there are counts on the page.
const WORK_COUNTS_CHANGED = 'yizhan-work-counts-changed';

/** Tells every count on the page that the person changed what waits. */
export const workCountsChanged = () => window.dispatchEvent(new Event(WORK_COUNTS_CHANGED));

/** Calls `fn` each time; answers the function that stops it (for a useEffect's cleanup). */
export function onWorkCountsChanged(fn: () => void): () => void {
  window.addEventListener(WORK_COUNTS_CHANGED, fn);
  return () => window.removeEventListener(WORK_COUNTS_CHANGED, fn);
}

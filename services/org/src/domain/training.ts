// 培训考核 (seed 004 六(一): 使用人员…按规定接受培训，考核合格后方能上岗): the day a person passed, as recorded, and which
// posts a change of roles would give them. Plain functions that tests call without a server.
import { badInput, beijingDate, isCalendarDay, YizhanError } from '@yizhan/common';
import { OrgErrorCode } from '@yizhan/contracts/org';

/** The day a person passed the training as recorded (YYYY-MM-DD, not to come, 2000 or later), or null; BAD_INPUT naming `trainedOn`. */
export function checkTrainingDay(given: string | null | undefined, today = beijingDate()): string | null {
  const day = given?.trim() || null;
  if (!day) return null;
  if (!isCalendarDay(day)) throw badInput('Not a day (YYYY-MM-DD)', 'trainedOn');
  if (day > today) throw badInput('The training was passed on a day that has come: today or before', 'trainedOn', { notFuture: true });
  if (day < '2000-01-01') throw badInput('The training was passed in 2000 or later', 'trainedOn');
  return day;
}

/** The roles a change gives a person that they did not hold: their new posts (taking roles away gives none). */
export const newPosts = (before: readonly string[], after: readonly string[]): string[] => after.filter((r) => !before.includes(r));

/** Refused where the unit requires training and the person, not recorded as trained, would take up a post. */
export function refuseUntrainedPost(required: boolean, trainedOn: string | null, posts: readonly string[], who: string): void {
  if (!required || trainedOn || !posts.length) return;
  throw new YizhanError(
    OrgErrorCode.TRAINING_REQUIRED,
    `${who} takes up a post (${posts.join(', ')}) only once the day they passed the training is recorded (培训考核: seed 004)`,
    { field: 'trainedOn', posts },
  );
}

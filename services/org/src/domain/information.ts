// 信息管理 (seed 003 第八章): a unit's people publish information worth keeping and sharing in a 栏目 (§31, §33(二)),
// published only once approved (§30: 经过审批后可在相应的栏目里发布), to whom the publisher chose (§32: 选择好可查看人员,
// 防止出现滥发信息现象): the unit, the unit and those below it, or named people of the unit. The publisher answers for it
// (§31). Who may do what and what a well-formed item is; plain functions that tests call without a server.
import { badInput, ErrorCode, type ImageContentType, imageFromBase64, isWithin, requiredText, YizhanError } from '@yizhan/common';

export const COLUMNS = ['WORK_NEWS', 'NOTICES', 'POLICIES', 'EXPERIENCE'] as const;
export type InformationColumn = (typeof COLUMNS)[number];
export const COLUMN_WORDS: Record<InformationColumn, string> = {
  WORK_NEWS: '工作动态',
  NOTICES: '通知公告',
  POLICIES: '政策法规',
  EXPERIENCE: '经验交流',
};

/** UNIT: every person of the publishing unit; SUBTREE: and of every unit below it; PEOPLE: the people named. */
export const AUDIENCES = ['UNIT', 'SUBTREE', 'PEOPLE'] as const;
export type Audience = (typeof AUDIENCES)[number];
export const AUDIENCE_WORDS: Record<Audience, string> = { UNIT: '本单位', SUBTREE: '本单位及下级单位', PEOPLE: '本单位指定人员' };
export const STATUSES = ['PENDING', 'PUBLISHED', 'REJECTED', 'WITHDRAWN'] as const;
export type InformationStatus = (typeof STATUSES)[number];

export interface Reader {
  userId: string;
  orgPath: string;
  roles: readonly string[];
}
export interface InformationFacts {
  orgPath: string;
  status: InformationStatus;
  audience: Audience;
  viewerIds: readonly string[];
  authorId: string;
}

export interface ImageInput {
  name: string;
  /** The image's bytes, base64. */
  base64: string;
}
export interface InformationInput {
  column: string;
  title: string;
  body: string;
  audience: string;
  viewerIds?: string[] | null;
  images?: ImageInput[] | null;
}
export interface CleanImage {
  name: string;
  contentType: ImageType;
  content: Buffer;
}
export interface CleanInformation {
  column: InformationColumn;
  title: string;
  body: string;
  audience: Audience;
  viewerIds: string[];
  images: CleanImage[];
}

/** §33(二): 图片大小限制在500K以内 — each image at most 500 KB. */
export const MAX_IMAGE_BYTES = 500 * 1024;
/** A few images to an item, as a page lays them out. */
export const MAX_IMAGES = 9;
export type ImageType = ImageContentType;

/** An image as submitted, checked: named, within 500 KB, and a whole PNG, JPEG or GIF by its bytes (whatever its name
 * says). BAD_INPUT or TOO_LARGE names it (`images[2]`). */
export function checkImage(image: ImageInput, i: number): CleanImage {
  const field = `images[${i}]`;
  const name = requiredText(image.name, `${field}.name`, { max: 100, line: true });
  return { name, ...imageFromBase64(image.base64, { field, what: `Image ${i + 1}`, maxBytes: MAX_IMAGE_BYTES }) };
}

export const MAX_VIEWERS = 200;
/** 审批: the unit's leaders and section heads. */
export const APPROVERS = ['LEADER', 'APPROVER'];

/** The item as submitted, checked; BAD_INPUT names the field. */
export function checkInformation(input: InformationInput): CleanInformation {
  if (!COLUMNS.includes(input.column as InformationColumn)) throw badInput(`Not a 栏目: one of ${COLUMNS.join(', ')}`, 'column');
  const { audience, viewerIds } = checkAudience(input.audience, input.viewerIds);
  const title = requiredText(input.title, 'title', { max: 100, line: true });
  const body = requiredText(input.body, 'body', { max: 10_000 });
  const given = input.images ?? [];
  if (given.length > MAX_IMAGES) throw badInput(`At most ${MAX_IMAGES} images go with an item`, 'images', { length: { max: MAX_IMAGES } });
  return { column: input.column as InformationColumn, title, body, audience, viewerIds, images: given.map(checkImage) };
}

/** §32 选择好可查看人员: whom a publication goes to, as chosen, checked — the people named only for PEOPLE, and some. */
export function checkAudience(value: string, viewers: readonly string[] | null | undefined): { audience: Audience; viewerIds: string[] } {
  if (!AUDIENCES.includes(value as Audience)) throw badInput(`Not an audience: one of ${AUDIENCES.join(', ')}`, 'audience');
  const audience = value as Audience;
  const viewerIds = [...new Set(viewers ?? [])];
  if (audience === 'PEOPLE' && viewerIds.length === 0) throw badInput('Name the people who may read it', 'viewerIds', { required: true });
  if (audience !== 'PEOPLE' && viewerIds.length) throw badInput('People are named only for an item to named people', 'viewerIds');
  if (viewerIds.length > MAX_VIEWERS) throw badInput(`At most ${MAX_VIEWERS} people are named`, 'viewerIds', { length: { max: MAX_VIEWERS } });
  return { audience, viewerIds };
}

/** Whether a publication's audience takes in the reader: the unit, the unit and those below it, or the people named. */
export function audienceAdmits(r: Pick<Reader, 'userId' | 'orgPath'>, p: { orgPath: string; audience: Audience; viewerIds: readonly string[] }): boolean {
  if (p.audience === 'SUBTREE') return isWithin(r.orgPath, p.orgPath);
  if (p.audience === 'UNIT') return r.orgPath === p.orgPath;
  return r.orgPath === p.orgPath && p.viewerIds.includes(r.userId);
}

/** The item's author, of the unit she submitted it for. */
export const isAuthor = (r: Pick<Reader, 'userId' | 'orgPath'>, i: Pick<InformationFacts, 'authorId' | 'orgPath'>) =>
  i.authorId === r.userId && r.orgPath === i.orgPath;

/** Who reads a published item: by its audience. The author reads their own; the unit's approvers all of the unit's. */
export function mayRead(r: Reader, i: InformationFacts): boolean {
  if (isAuthor(r, i)) return true;
  if (r.orgPath === i.orgPath && r.roles.some((x) => APPROVERS.includes(x))) return true;
  return i.status === 'PUBLISHED' && audienceAdmits(r, i);
}

/** 审批: a leader or section head of the publishing unit, never the author of the item. */
export const mayApprove = (r: Reader, i: InformationFacts) => r.orgPath === i.orgPath && r.roles.some((x) => APPROVERS.includes(x)) && r.userId !== i.authorId;

/** Taken down by its author, or by an administrator or leader of the unit or one above it; an item sent back is its
 * author's alone to drop (不再报送), as it is hers to change. */
export const mayWithdraw = (r: Reader, i: InformationFacts) =>
  isAuthor(r, i) || (i.status !== 'REJECTED' && r.roles.some((x) => x === 'ADMIN' || x === 'LEADER') && isWithin(i.orgPath, r.orgPath));

/** 修改后重新报送: only its author changes and submits again what was sent back to her. */
export const mayResubmit = (r: Reader, i: InformationFacts) => isAuthor(r, i);

/** Its rounds (who sent it back and why, who took it down and why) are the business of those who act on it: its author,
 * the unit's approvers, and the administrators and leaders who may take it down — not of its readers. */
export const mayReadRounds = (r: Reader, i: InformationFacts) =>
  isAuthor(r, i) ||
  (r.orgPath === i.orgPath && r.roles.some((x) => APPROVERS.includes(x))) ||
  (r.roles.some((x) => x === 'ADMIN' || x === 'LEADER') && isWithin(i.orgPath, r.orgPath));

/** Why it is taken down: required, one line, as a 撤下 is said in a list. BAD_INPUT names `reason`. */
export const checkWithdrawalReason = (reason: string | null | undefined): string => requiredText(reason, 'reason', { max: 200, line: true });

export type InformationAction = 'APPROVE' | 'REJECT' | 'WITHDRAW' | 'RESUBMIT';
/** One round of an item, as kept (org.information_steps): submitted, sent back, submitted again, approved, taken down. */
export type InformationStep = 'SUBMIT' | 'RETURN' | 'RESUBMIT' | 'APPROVE' | 'WITHDRAW';
export const STEP_OF: Record<InformationAction, InformationStep> = { APPROVE: 'APPROVE', REJECT: 'RETURN', WITHDRAW: 'WITHDRAW', RESUBMIT: 'RESUBMIT' };

/** The status an item moves to; ILLEGAL_TRANSITION, saying its status, when it cannot. Sent back, it goes to its
 * author, who submits it again (awaiting approval once more) or drops it. */
export function nextInformationStatus(status: InformationStatus, action: InformationAction): InformationStatus {
  if (action === 'WITHDRAW' && status !== 'WITHDRAWN') return 'WITHDRAWN';
  if (status === 'PENDING' && action === 'APPROVE') return 'PUBLISHED';
  if (status === 'PENDING' && action === 'REJECT') return 'REJECTED';
  if (status === 'REJECTED' && action === 'RESUBMIT') return 'PENDING';
  throw new YizhanError(ErrorCode.ILLEGAL_TRANSITION, `The item is ${status.toLowerCase()}`, { status });
}

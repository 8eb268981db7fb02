// 信息管理 (seed 003 第八章): any person of a unit submits information for a 栏目, with its audience; a leader or section
// head of the unit (not the author) approves it, and only then is it published, or sends it back with the reason, and
// its author changes it and submits it again (修改后重新报送) or drops it; the author, or an administrator or leader of
// the unit or one above it, takes it down, saying why. Every round is kept (org.information_steps) and shown to those
// who act on the item; the author sees what was sent back to her counted on every page (informationReturned). Each
// person reads what was published to them (domain/information.ts mayRead), in SQL (store/information.ts) and under
// row-level security.

import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput, forbidden, notFound, personName, requireCaller, requiredText } from '@yizhan/common';
import { orgEvents } from '@yizhan/contracts/org';
import { emit, sha256Hex } from '@yizhan/kernel';
import { sql } from 'kysely';
import type { OrgContext } from '../deps.ts';
import {
  APPROVERS,
  AUDIENCE_WORDS,
  COLUMN_WORDS,
  COLUMNS,
  checkInformation,
  checkWithdrawalReason,
  type InformationAction,
  type InformationColumn,
  type InformationInput,
  type InformationStatus,
  isAuthor,
  mayApprove,
  mayReadRounds,
  mayResubmit,
  mayWithdraw,
  nextInformationStatus,
  STATUSES,
  STEP_OF,
} from '../domain/information.ts';
import {
  deleteImages,
  type InformationRow,
  imagesOf,
  imagesWithContent,
  informationRows,
  insertImages,
  insertInformation,
  insertStep,
  namesOf,
  resubmitted,
  returnedCount,
  type StepRow,
  stepsOf,
  updateInformation,
} from '../store/information.ts';
import { activePeopleOf, getOrg, isUuid } from '../store/orgs.ts';

export interface InformationView {
  id: string;
  orgId: string;
  orgName: string;
  column: string;
  columnName: string;
  title: string;
  body: string;
  audience: string;
  viewerNames: string[];
  /** The same people by id, for its author changing it; as their names, within the publishing unit only. */
  viewerIds: string[];
  status: string;
  authorName: string;
  submittedAt: Date;
  decidedByName: string | null;
  decidedAt: Date | null;
  decisionNote: string | null;
  publishedAt: Date | null;
  withdrawnByName: string | null;
  withdrawnAt: Date | null;
  withdrawnReason: string | null;
  /** The caller submitted it. */
  mine: boolean;
  mayApprove: boolean;
  mayWithdraw: boolean;
  mayResubmit: boolean;
  /** Its rounds, oldest first, for those who act on it (domain/information.ts mayReadRounds); empty for its readers. */
  steps: InformationStepView[];
  images: InformationImageView[];
}

export interface InformationStepView {
  action: StepRow['action'];
  /** Why it was sent back or taken down; null otherwise (and for a 撤下 from before reasons were asked). */
  words: string | null;
  byName: string;
  at: Date;
}

/** An image of an item, its bytes read on their own (informationImage). */
export interface InformationImageView {
  id: string;
  name: string;
  contentType: string;
  size: number;
}

const at = (v: string | null) => (v ? new Date(v) : null);
/** What an item is, as the dashboard and the archive both describe it. */
const described = (r: InformationRow) => ({
  id: r.id,
  orgId: r.org_id,
  orgName: r.org_name,
  column: r.column_key,
  columnName: COLUMN_WORDS[r.column_key],
  title: r.title,
  body: r.body,
  audience: r.audience,
  authorName: r.author_name,
});
/** What the rules of domain/information.ts read of a row. */
const factsOf = (r: InformationRow) => ({ orgPath: r.org_path, status: r.status, audience: r.audience, viewerIds: r.viewer_ids, authorId: r.author_id });

function readerOf(ctx: OrgContext) {
  const caller = requireCaller(ctx);
  return { caller, reader: { userId: caller.userId, orgPath: caller.orgPath, approves: caller.roles.some((r) => APPROVERS.includes(r)) } };
}

async function views(ctx: OrgContext, rows: InformationRow[]): Promise<InformationView[]> {
  const caller = requireCaller(ctx);
  const reader = { userId: caller.userId, orgPath: caller.orgPath, roles: caller.roles };
  // The named readers by name, shown only to those of the publishing unit who may act on the item.
  const names = await namesOf(ctx.em, [...new Set(rows.flatMap((r) => (r.org_path === caller.orgPath ? r.viewer_ids : [])))]);
  const images = Map.groupBy(
    await imagesOf(
      ctx.em,
      rows.map((r) => r.id),
    ),
    (m) => m.item_id,
  );
  // The rounds asked only of the items the caller acts on (none for a reader's list).
  const acts = new Set(rows.filter((r) => mayReadRounds(reader, factsOf(r))).map((r) => r.id));
  const steps = Map.groupBy(await stepsOf(ctx.em, [...acts]), (x) => x.item_id);
  return rows.map((r) => {
    const facts = factsOf(r);
    return {
      ...described(r),
      viewerNames: r.org_path === caller.orgPath ? r.viewer_ids.map((id) => names.get(id) ?? '').filter(Boolean) : [],
      viewerIds: r.org_path === caller.orgPath ? r.viewer_ids : [],
      status: r.status,
      submittedAt: new Date(r.submitted_at),
      decidedByName: r.decided_by_name,
      decidedAt: at(r.decided_at),
      decisionNote: r.decision_note,
      publishedAt: at(r.published_at),
      withdrawnByName: r.withdrawn_by_name,
      withdrawnAt: at(r.withdrawn_at),
      withdrawnReason: r.withdrawn_reason,
      mine: isAuthor(reader, facts),
      mayApprove: r.status === 'PENDING' && mayApprove(reader, facts),
      mayWithdraw: r.status !== 'WITHDRAWN' && mayWithdraw(reader, facts),
      mayResubmit: r.status === 'REJECTED' && mayResubmit(reader, facts),
      steps: (steps.get(r.id) ?? []).map((x) => ({ action: x.action, words: x.words, byName: x.by_name, at: new Date(x.at) })),
      images: (images.get(r.id) ?? []).map((m) => ({ id: m.id, name: m.name, contentType: m.content_type, size: m.size })),
    };
  });
}

/** What the caller may read, newest first: in a 栏目, or of a status (PENDING: what waits for their approval too). */
export async function informationItems(ctx: OrgContext, column: string | null | undefined, status: string | null | undefined): Promise<InformationView[]> {
  const { reader } = readerOf(ctx);
  if (column && !COLUMNS.includes(column as InformationColumn)) throw badInput(`Not a 栏目: one of ${COLUMNS.join(', ')}`, 'column');
  if (status && !STATUSES.includes(status as InformationStatus)) throw badInput(`Not a status: one of ${STATUSES.join(', ')}`, 'status');
  const rows = await informationRows(ctx.em, {
    reader,
    column: (column as InformationColumn) ?? undefined,
    status: (status as InformationStatus) ?? undefined,
  });
  return views(ctx, rows);
}

async function one(ctx: OrgContext, id: string): Promise<InformationView> {
  const { reader } = readerOf(ctx);
  const rows = isUuid(id) ? await informationRows(ctx.em, { reader, id }) : [];
  if (!rows[0]) throw notFound('Information', id);
  return (await views(ctx, rows))[0] as InformationView;
}

export const information = (ctx: OrgContext, id: string) => one(ctx, id);

/** An image's bytes, to whoever may read its item (the item's rules, then row-level security). */
export async function informationImage(ctx: OrgContext, id: string): Promise<InformationImageView & { base64: string }> {
  const { reader } = readerOf(ctx);
  const [image] = isUuid(id) ? await imagesWithContent(ctx.em, { id }) : [];
  const [item] = image ? await informationRows(ctx.em, { reader, id: image.item_id }) : [];
  if (!image || !item) throw notFound('Image', id);
  return { id: image.id, name: image.name, contentType: image.content_type, size: image.size, base64: image.content.toString('base64') };
}

/** The named readers must be active people of the author's own unit. */
async function requireReadersOf(em: EntityManager, unitId: string, clean: { viewerIds: string[] }): Promise<void> {
  if (!clean.viewerIds.length) return;
  const known = await activePeopleOf(em, unitId, clean.viewerIds);
  if (known.length !== clean.viewerIds.length) throw badInput('Only people of your own unit are named as its readers', 'viewerIds');
}

/** A submission's images and its round (submitted, or submitted again), kept with the item. */
async function keepContent(
  em: EntityManager,
  item: { id: string; orgPath: string },
  clean: { images: { name: string; contentType: string; content: Buffer }[] },
  action: 'SUBMIT' | 'RESUBMIT',
  byName: string,
): Promise<void> {
  await insertImages(
    em,
    item,
    clean.images.map((m) => ({ ...m, sha256: sha256Hex(m.content) })),
  );
  await insertStep(em, item, { action, words: null, byName });
}

/** Submitted for approval; the named readers must be active people of the author's own unit. */
export async function submitInformation(ctx: OrgContext, input: InformationInput): Promise<InformationView> {
  const caller = requireCaller(ctx);
  const clean = checkInformation(input);
  const id = await ctx.em.transactional(async (em) => {
    const unit = await getOrg(em, caller.orgId);
    await requireReadersOf(em, unit.id, clean);
    const id = await insertInformation(em, unit, { id: caller.userId, name: personName(caller) }, clean);
    await keepContent(em, { id, orgPath: unit.path }, clean, 'SUBMIT', personName(caller));
    return id;
  });
  return one(ctx, id);
}

/** 修改后重新报送: the author changes what was sent back to her — title, body, 栏目, audience, images, all checked as a new
 * submission — and it awaits approval again; the 退回 it answers stays in its rounds. Only its author, only sent back. */
export async function resubmitInformation(ctx: OrgContext, id: string, input: InformationInput): Promise<InformationView> {
  const { caller, reader } = readerOf(ctx);
  const clean = checkInformation(input);
  await ctx.em.transactional(async (em) => {
    const [row] = isUuid(id) ? await informationRows(em, { reader, id, forUpdate: true }) : [];
    // What the caller may not read does not exist for them.
    if (!row) throw notFound('Information', id);
    if (!mayResubmit({ userId: caller.userId, orgPath: caller.orgPath, roles: caller.roles }, factsOf(row)))
      throw forbidden('Only its author changes and submits again an item sent back');
    nextInformationStatus(row.status, 'RESUBMIT');
    await requireReadersOf(em, row.org_id, clean);
    await resubmitted(em, row.id, clean);
    // The images as she left them replace those sent back (an item never published is in no archive).
    await deleteImages(em, row.id);
    await keepContent(em, { id: row.id, orgPath: row.org_path }, clean, 'RESUBMIT', personName(caller));
  });
  return one(ctx, id);
}

/** What was sent back to the caller and waits for her change: counted beside 信息 on every page. */
export async function informationReturnedOf(ctx: OrgContext): Promise<number> {
  const caller = requireCaller(ctx);
  return returnedCount(ctx.em, { userId: caller.userId, orgPath: caller.orgPath });
}

async function decide(ctx: OrgContext, id: string, action: InformationAction, note: string | null): Promise<InformationView> {
  const { caller, reader } = readerOf(ctx);
  const who = personName(caller);
  const r = { userId: caller.userId, orgPath: caller.orgPath, roles: caller.roles };
  // An administrator or leader above takes down what their units published, whether or not it was published to them.
  const manages = action === 'WITHDRAW' && caller.roles.some((x) => x === 'ADMIN' || x === 'LEADER');
  const filter = (forUpdate: boolean) => ({ reader, id, forUpdate, ...(manages ? { managedBy: caller.orgPath } : {}) });
  await ctx.em.transactional(async (em) => {
    const [row] = isUuid(id) ? await informationRows(em, filter(true)) : [];
    // What the caller may not read does not exist for them.
    if (!row) throw notFound('Information', id);
    const facts = factsOf(row);
    if (action === 'WITHDRAW' ? !mayWithdraw(r, facts) : !mayApprove(r, facts))
      throw forbidden(
        action !== 'WITHDRAW'
          ? 'Only a leader or section head of the publishing unit, other than its author, approves it'
          : row.status === 'REJECTED'
            ? 'Sent back, it is its author’s alone to change or drop'
            : 'Only its author, or an administrator or leader of the unit or one above it, takes it down',
      );
    const status = nextInformationStatus(row.status, action);
    if (action === 'WITHDRAW')
      await updateInformation(em, row.id, { status, withdrawn_by_name: who, withdrawn_at: sql<Date>`now()`, withdrawn_reason: note ?? undefined });
    else
      await updateInformation(em, row.id, {
        status,
        decided_by_name: who,
        decided_at: sql<Date>`now()`,
        decision_note: note,
        ...(status === 'PUBLISHED' ? { published_at: sql<Date>`now()` } : {}),
      });
    await insertStep(em, { id: row.id, orgPath: row.org_path }, { action: STEP_OF[action], words: note, byName: who });
    // Published: the unit's archive lists it as waiting to be archived (seed 003 §34).
    if (status === 'PUBLISHED')
      await emit(
        em,
        orgEvents.event(
          'information.published',
          { informationId: row.id, orgId: row.org_id, title: row.title, columnName: COLUMN_WORDS[row.column_key] },
          { orgPath: row.org_path },
        ),
      );
  });
  return (await views(ctx, await informationRows(ctx.em, filter(false))))[0] as InformationView;
}

export const approveInformation = (ctx: OrgContext, id: string) => decide(ctx, id, 'APPROVE', null);
export const rejectInformation = (ctx: OrgContext, id: string, reason: string) => decide(ctx, id, 'REJECT', requiredText(reason, 'reason', { max: 500 }));
/** 撤下 says why (the author, told of it, reads it with the item). */
export const withdrawInformation = (ctx: OrgContext, id: string, reason: string) => decide(ctx, id, 'WITHDRAW', checkWithdrawalReason(reason));

/** What the archive files of an item the caller's unit published, whoever it was published to (org's internal API). */
export async function informationRecord(ctx: OrgContext, id: string) {
  const { reader } = readerOf(ctx);
  const [r] = isUuid(id) ? await informationRows(ctx.em, { reader, id, ofUnit: reader.orgPath }) : [];
  // Another unit's item, or one never published, is not there to be archived.
  if (!r?.published_at) throw notFound('Information', id);
  return {
    ...described(r),
    bodySha256: sha256Hex(Buffer.from(r.body, 'utf8')),
    audienceName: AUDIENCE_WORDS[r.audience],
    approvedByName: r.decided_by_name,
    publishedAt: new Date(r.published_at).toISOString(),
    withdrawnAt: r.withdrawn_at ? new Date(r.withdrawn_at).toISOString() : null,
    images: (await imagesWithContent(ctx.em, { itemId: r.id })).map((m) => ({
      name: m.name,
      contentType: m.content_type,
      sha256: m.sha256,
      base64: m.content.toString('base64'),
    })),
  };
}

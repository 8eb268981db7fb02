// The sender's delivery board (发文 → 签收情况) a page at a time. A province broadcast reaches 10,000 units: the board
// shows every chip's count and every group's figures over all of them, counted in PostgreSQL, and the rows of one
// page (in the order of the org tree, so a city's units stand together), so that what is read and sent to the browser
// follows what a person looks at, not the size of the broadcast. Live changes come from `deliveryChanged` and
// `deliveryBoard` as before. Who may read it is the document's `deliveries` rule: the sender and the units above it
// every row, a recipient unit its own.
import { badInput, requireCaller } from '@yizhan/common';
import type { DocumentsContext } from '../deps.ts';
import { BOARD_PAGE_MAX, type BoardFilter, decodeBoardCursor, encodeBoardCursor, PROVINCE_GROUP, seesWholeBoard } from '../domain/board.ts';
import { Delivery } from '../entities/Delivery.ts';
import type { Document } from '../entities/Document.ts';
import { type BoardScope, type BoardSearch, boardCount, boardFigures, boardRows, recipientUnits } from '../store/board.ts';
import { views } from '../store/documents.ts';
import { unitContacts } from './urge.ts';

export interface BoardPageArgs {
  filter: BoardFilter;
  search: string | null;
  first: number;
  after: string | null;
}

export interface BoardPageResult {
  nodes: Delivery[];
  /** Rows under the chip and the search: counted only when asked (the dashboard has the chips' counts already). */
  countAll: () => Promise<number>;
  pageInfo: { endCursor: string | null; hasNextPage: boolean };
}

export interface BoardFiguresResult {
  chips: { filter: BoardFilter; count: number }[];
  groups: { key: string; name: string | null; live: number; signed: number }[];
}

/** Whether the caller's unit sees every recipient's row (the sender and the units above it) or its own only. */
export const seesWholeBoardOf = (ctx: DocumentsContext, doc: Document) => seesWholeBoard(doc.orgPath, requireCaller(ctx).orgPath);

function scopeOf(ctx: DocumentsContext, doc: Document): BoardScope {
  return { documentId: doc.id, onlyRecipient: seesWholeBoardOf(ctx, doc) ? null : requireCaller(ctx).orgId };
}

/** A search matches the unit's name or one of its registered contacts (name, post, phone, mobile), as the board did. */
async function searchOf(ctx: DocumentsContext, doc: Document, scope: BoardScope, raw: string | null): Promise<BoardSearch | null> {
  const text = raw?.trim() ?? '';
  if (!text) return null;
  if (text.length > 100) throw badInput('The search is at most 100 characters', 'search', { length: { max: 100 } });
  const units = await recipientUnits(ctx.em, scope);
  const orgIds: string[] = [];
  // Org answers for up to 2,000 units a call; the sending unit reads the contacts of every unit it sent to.
  const sent = doc.orgId === requireCaller(ctx).orgId;
  for (let i = 0; i < units.length; i += 2000)
    for (const c of await unitContacts(ctx, units.slice(i, i + 2000), sent))
      if ([c.name, c.post, c.phone, c.mobile ?? ''].some((s) => s.includes(text))) orgIds.push(c.orgId);
  return { text, orgIds };
}

export async function deliveryBoardPage(ctx: DocumentsContext, doc: Document, args: BoardPageArgs): Promise<BoardPageResult> {
  if (!Number.isInteger(args.first) || args.first < 1 || args.first > BOARD_PAGE_MAX) throw badInput(`first must be between 1 and ${BOARD_PAGE_MAX}`, 'first');
  const after = args.after ? decodeBoardCursor(args.after) : null;
  const scope = scopeOf(ctx, doc);
  const search = await searchOf(ctx, doc, scope, args.search);
  const rows = await boardRows(ctx.em, scope, args.filter, search, after, args.first + 1);
  // The table's rows as shown, not managed entities (kernel views()).
  const page = views(ctx.em, Delivery, rows);
  const nodes = page.slice(0, args.first);
  const last = nodes.at(-1);
  return {
    nodes,
    countAll: () => boardCount(ctx.em, scope, args.filter, search),
    pageInfo: { endCursor: last ? encodeBoardCursor({ path: last.recipientPath, id: last.id }) : null, hasNextPage: page.length > args.first },
  };
}

export async function deliveryBoardFigures(ctx: DocumentsContext, doc: Document): Promise<BoardFiguresResult> {
  const scope = scopeOf(ctx, doc);
  const { chips, groups } = await boardFigures(ctx.em, scope);
  // A city that is not itself a recipient is named from the directory.
  const unnamed = groups.filter((g) => !g.name && g.key !== PROVINCE_GROUP).map((g) => g.key);
  const named = unnamed.length ? await ctx.deps.org.call('units-at', ctx.callerHeader, { paths: unnamed.slice(0, 200) }) : [];
  return {
    chips: Object.entries(chips).map(([filter, count]) => ({ filter: filter as BoardFilter, count })),
    groups: groups.map((g) => ({ key: g.key, name: g.name ?? named.find((u) => u.path === g.key)?.name ?? null, live: g.live, signed: g.signed })),
  };
}

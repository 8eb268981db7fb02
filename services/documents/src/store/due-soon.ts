// The SQL of 督办's lists (app/supervision.ts) — overdue and 临期, each by unit and by document — and of the 催办 of one
// document's units in either (app/urge.ts): deliveries waiting for their 签收 in the caller's scope, counted per document
// in PostgreSQL — a province's broadcast is ten thousand rows of one notice, and the list shows the notice once with
// its true figures and only its first units. All in the caller's transaction and row-level-security scope (the
// sender's and the recipient's rows and their units above); the scope below narrows it further, as the app's rule says.
import type { EntityManager } from '@mikro-orm/postgresql';
import { pgArray } from '@yizhan/kernel';
import { PHONE_URGE } from '../domain/urging.ts';
import { Delivery } from '../entities/Delivery.ts';
import { viewRows } from './documents.ts';
import type { UrgedDelivery } from './urges.ts';

/** Waiting for the unit's 签收 (or 退回): past its time limit (overdue) or not yet (临期). */
export type Due = 'PAST' | 'AHEAD';
const waitingSince = (due: Due) => `signed_at is null and status in ('DELIVERED', 'RECEIVED', 'PRINTED') and due_at ${due === 'PAST' ? '<' : '>='} now()`;

/**
 * Whose deliveries the caller watches: `subtree`, those to the units below its unit and those its unit sent (a
 * provincial office's broadcast reaches units beside it); else its own unit's only.
 */
export interface WatchScope {
  orgId: string;
  orgPath: string;
  subtree: boolean;
}

/**
 * Whose deliveries the caller may urge (app/urge.ts's rule): never its own unit's; those its unit sent (`sent`: it is
 * one of those who send and watch the board), those to the units below its unit (`below`: it supervises them).
 */
export interface UrgeReach {
  orgId: string;
  orgPath: string;
  sent: boolean;
  below: boolean;
}

const watched = (s: WatchScope): [string, unknown[]] =>
  s.subtree ? ['(recipient_path <@ ?::ltree or sender_org_id = ?)', [s.orgPath, s.orgId]] : ['recipient_org_id = ?', [s.orgId]];

const reached = (r: UrgeReach): [string, unknown[]] => [
  '(recipient_org_id <> ? and ((?::boolean and sender_org_id = ?) or (?::boolean and recipient_path <@ ?::ltree)))',
  [r.orgId, r.sent, r.orgId, r.below, r.orgPath],
];

/** Deliveries waiting in the scope, past due or not yet: most overdue first, or soonest due first. */
export function unsignedIn(em: EntityManager, scope: WatchScope, due: Due, first: number): Promise<Delivery[]> {
  const [inScope, params] = watched(scope);
  return viewRows(em, Delivery, `select * from documents.deliveries where ${waitingSince(due)} and ${inScope} order by due_at limit ?`, [...params, first]);
}

/** How many deliveries wait in the scope, past due or not yet: all of them, whatever a list shows. */
export async function unsignedCountIn(em: EntityManager, scope: WatchScope, due: Due): Promise<number> {
  const [inScope, params] = watched(scope);
  const [row] = await em.execute<{ n: number }[]>(`select count(*)::int as n from documents.deliveries where ${waitingSince(due)} and ${inScope}`, params);
  return row?.n ?? 0;
}

export interface UnsignedGroupRow {
  document_id: string;
  /** The units of the document waiting in the scope. */
  waiting: number;
  /** Of those, the ones the caller may urge. */
  urgeable: number;
  /** Of those, the ones not yet opened (未接收). */
  unreceived: number;
  earliest_due_at: Date | string;
  /** Over the whole scope, not only the documents answered: how many documents, how many units. */
  document_count: number;
  unit_count: number;
}

/** The first `first` documents with deliveries waiting in the scope, past due or not yet, earliest due first (the most
 * overdue first), each with its true figures. */
export function unsignedGroups(em: EntityManager, scope: WatchScope, reach: UrgeReach, due: Due, first: number): Promise<UnsignedGroupRow[]> {
  const [inScope, scopeParams] = watched(scope);
  const [mayUrge, urgeParams] = reached(reach);
  return em.execute(
    `with g as (
       select document_id, count(*)::int as waiting, (count(*) filter (where ${mayUrge}))::int as urgeable,
              (count(*) filter (where received_at is null))::int as unreceived, min(due_at) as earliest_due_at
         from documents.deliveries where ${waitingSince(due)} and ${inScope} group by document_id)
     select g.*, (select count(*) from g)::int as document_count, (select coalesce(sum(waiting), 0) from g)::int as unit_count
       from g order by earliest_due_at, document_id limit ?`,
    [...urgeParams, ...scopeParams, first],
  );
}

/** Of each of these documents, its first `each` deliveries waiting in the scope, soonest due first (then by unit). */
export function unsignedOfDocuments(em: EntityManager, scope: WatchScope, due: Due, documentIds: string[], each: number): Promise<Delivery[]> {
  if (!documentIds.length) return Promise.resolve([]);
  const [inScope, scopeParams] = watched(scope);
  return viewRows(
    em,
    Delivery,
    `select x.* from unnest(?::uuid[]) as g(document_id)
       cross join lateral (select * from documents.deliveries
                            where document_id = g.document_id and ${waitingSince(due)} and ${inScope}
                            order by due_at, recipient_name, id limit ?) x
      order by x.document_id, x.due_at, x.recipient_name, x.id`,
    [pgArray(documentIds), ...scopeParams, each],
  );
}

/** Whether the caller sees any delivery of the document at all (row-level security): else it is not its to name. */
export async function seesDocumentDeliveries(em: EntityManager, documentId: string): Promise<boolean> {
  const rows: unknown[] = await em.execute('select 1 from documents.deliveries where document_id = ? limit 1', [documentId]);
  return rows.length > 0;
}

/** Whether the caller may urge any delivery of the document, whatever its state. */
export async function reachesDocumentDeliveries(em: EntityManager, documentId: string, reach: UrgeReach): Promise<boolean> {
  const [mayUrge, params] = reached(reach);
  const rows: unknown[] = await em.execute(`select 1 from documents.deliveries where document_id = ? and ${mayUrge} limit 1`, [documentId, ...params]);
  return rows.length > 0;
}

/** The units of the document waiting (past due or not yet) that the caller may urge: who they are, for their contacts
 * (read, not locked). */
export function unsignedToUrge(
  em: EntityManager,
  documentId: string,
  reach: UrgeReach,
  due: Due,
): Promise<{ id: string; sender_org_id: string; recipient_org_id: string }[]> {
  const [mayUrge, params] = reached(reach);
  return em.execute(
    `select id, sender_org_id, recipient_org_id from documents.deliveries where document_id = ? and ${waitingSince(due)} and ${mayUrge} order by due_at, recipient_name`,
    [documentId, ...params],
  );
}

/** The same, locked for the 催办, with when each was last urged (a call recorded is not an urge: urges.ts). */
export function lockUnsignedToUrge(
  em: EntityManager,
  documentId: string,
  reach: UrgeReach,
  due: Due,
): Promise<(UrgedDelivery & { last_urged_at: string | null })[]> {
  const [mayUrge, params] = reached(reach);
  return em.execute(
    `select d.id, d.document_id, d.status, d.sender_org_id, d.sender_path::text as sender_path, d.sender_name, d.recipient_org_id,
            d.recipient_path::text as recipient_path, d.recipient_name, d.title, d.doc_number, d.received_at, d.signed_at,
            (select max(h.at) from documents.delivery_history h
              where h.delivery_id = d.id and h.action = 'URGE' and (h.reason is null or h.reason <> ?)) as last_urged_at
       from documents.deliveries d where d.document_id = ? and ${waitingSince(due)} and ${mayUrge}
      order by d.due_at, d.recipient_name for update of d`,
    [PHONE_URGE, documentId, ...params],
  );
}

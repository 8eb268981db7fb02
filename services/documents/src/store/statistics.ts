// The SQL of 统计 (app/statistics.ts): a subtree's deliveries over a period counted per unit, per step of a trend, per
// 文种 and direction, and its returns per reason; its report requests per unit. Counted in PostgreSQL, in the caller's
// transaction and row-level-security scope (deliveries, history and reports are the sender's and the recipient's rows
// and their units above), and narrowed to the subtree asked for. The direction is the one the send was routed by
// (org's decision, kept on the delivery), else from the tree: 下行 to a unit below the sender, 上行 to one above, 平行
// otherwise (org's routing also weighs the levels of units not in one line).
// What a delivery counts for follows supervision (app/supervision.ts): resent and recalled copies are left out; a
// delivery not yet due and not yet received or signed for is neither in time nor late.
import type { EntityManager } from '@mikro-orm/postgresql';
import { sql } from 'kysely';
import type { Granularity, UnitFigures } from '../domain/statistics.ts';
import type { ReceiptCounts } from '../domain/supervision.ts';
import { reportSettledBetween } from './replies.ts';
import { withDb } from './sql.ts';

/**
 * The deliveries delivered in [from, to), read only from the years they can be kept in. A delivery is kept by its
 * document's send time (0031_deliveries_by_year), which is its own delivery time but for a resend's or a supplement's,
 * delivered later: those few, of documents sent before the period, are read apart by their own index
 * (`deliveries_late`). The two parts do not overlap: one is sent in the period, the other before it.
 */
const deliveredBetween = (from: Date, to: Date) => {
  const [f, t] = [from.toISOString(), to.toISOString()];
  return sql`(
    select * from documents.deliveries
     where document_sent_at >= ${f}::timestamptz and document_sent_at < ${t}::timestamptz
       and delivered_at >= ${f}::timestamptz and delivered_at < ${t}::timestamptz
    union all
    select * from documents.deliveries
     where delivered_at > document_sent_at and document_sent_at < ${f}::timestamptz
       and delivered_at >= ${f}::timestamptz and delivered_at < ${t}::timestamptz)`;
};

/**
 * What 统计 counts: the units of a subtree (`path`), each with what it sent and received; or the units one unit sent to
 * (`sentBy`: a provincial office's counties, outside its own subtree), each with what it received of that unit's.
 */
export type StatScope = { path: string; sentBy?: undefined } | { sentBy: { orgId: string; path: string }; path?: undefined };

/** What the scope counts, as each table's condition — the one place the two scopes differ. */
function scopeConditions(scope: StatScope) {
  if (scope.sentBy) {
    const { orgId, path } = scope.sentBy;
    const sentByIt = sql`d.sender_org_id = ${orgId}::uuid`;
    return {
      /** A delivery counted: the unit's own sends. */
      delivery: sentByIt,
      /** Its recipient counted (every one), and its sender (the unit). */
      toScope: sql`true`,
      fromScope: sentByIt,
      /** A return (`h`) of a delivery (`x`) counted: of what the unit sent. */
      returned: sql`x.sender_org_id = ${orgId}::uuid`,
      /** A report counted: one the unit asked for. */
      report: sql`sender_path = ${path}::ltree`,
      /** Paper counted: the unit's own. */
      paper: sql`org_id = ${orgId}::uuid`,
    };
  }
  const below = (column: string) => sql`${sql.ref(column)} <@ ${scope.path}::ltree`;
  return {
    delivery: sql`(${below('d.recipient_path')} or ${below('d.sender_path')})`,
    toScope: below('d.recipient_path'),
    fromScope: below('d.sender_path'),
    returned: below('h.recipient_path'),
    report: below('recipient_path'),
    paper: below('org_path'),
  };
}

/** The deliveries of the period in the scope, each with its direction (`way`: `direction` is the column) and whether its
 * recipient (`to_scope`) and its sender (`from_scope`) are counted. */
const deliveriesOf = (scope: StatScope, from: Date, to: Date) => {
  const c = scopeConditions(scope);
  return sql`
  select d.*,
         -- As the send was routed (0042_delivery_direction); from the tree for a delivery made before it kept one.
         coalesce(d.direction, case when d.recipient_path <@ d.sender_path then 'DOWN' when d.sender_path <@ d.recipient_path then 'UP' else 'LATERAL' end)
           as way,
         ${c.toScope} as to_scope,
         ${c.fromScope} as from_scope
    from ${deliveredBetween(from, to)} d
   where d.status not in ('RESENT', 'RECALLED') and ${c.delivery}`;
};

/** The scope's returns (退回) of the period: by its units, or of what the sending unit sent. */
const returnsOf = (scope: StatScope, from: Date, to: Date) => sql`
  select h.*, x.recipient_org_id
    from documents.delivery_history h join documents.deliveries x on x.id = h.delivery_id
   where h.action = 'RETURN' and ${scopeConditions(scope).returned}
     and h.at >= ${from.toISOString()}::timestamptz and h.at < ${to.toISOString()}::timestamptz`;

/** Each unit strictly below `scope.path`, and each unit `scope.senderOrgId` sent to, sent something in the period: how
 * many it signed for in time, late, or not at all though due (supervision's record, app/supervision.ts; counted here
 * rather than row by row in the service: a city's year is a quarter of a million deliveries). */
export async function receiptCountsInScope(em: EntityManager, scope: { path: string; senderOrgId: string }, from: Date, to: Date): Promise<ReceiptCounts[]> {
  const { rows } = await withDb(em, (db) =>
    sql<ReceiptCounts>`
      select recipient_org_id as "recipientOrgId", min(recipient_name) as "recipientName", max(recipient_path::text) as "recipientPath",
             count(*) filter (where signed_at <= due_at)::int as "onTime",
             count(*) filter (where signed_at > due_at)::int as "late",
             count(*) filter (where signed_at is null and due_at < now())::int as "missing"
        from ${deliveredBetween(from, to)} d
       where recipient_path <> ${scope.path}::ltree
         and (recipient_path <@ ${scope.path}::ltree or sender_org_id = ${scope.senderOrgId}::uuid)
         and status not in ('RESENT', 'RECALLED')
       group by recipient_org_id`.execute(db),
  );
  return rows;
}

interface UnitRow {
  org_id: string;
  name: string;
  path: string;
  sent_down: number;
  sent_up: number;
  sent_lateral: number;
  documents_sent: number;
  received: number;
  received_down: number;
  received_up: number;
  received_lateral: number;
  received_on_time: number;
  received_late: number;
  received_missing: number;
  signed_on_time: number;
  signed_late: number;
  signed_missing: number;
  avg_sign_hours: number | null;
  returns: number;
  reports_due: number;
  reports_on_time: number;
  reports_late: number;
  reports_missing: number;
  paper_received: number;
  paper_sent: number;
}

/** The rows of subtreeFigures. A unit with nothing but paper in the period is named as its deliveries or its documents
 * last named it. */
async function unitRows(em: EntityManager, scope: StatScope, from: Date, to: Date): Promise<UnitRow[]> {
  const { rows } = await withDb(em, (db) =>
    sql<UnitRow>`
      with d as (${deliveriesOf(scope, from, to)}),
      r as (
        select * from documents.reports
         where ${scopeConditions(scope).report} and ${reportSettledBetween(from, to)}
      ),
      paper as (
        select org_id, max(org_path::text) as path,
               count(*) filter (where direction = 'RECEIVED')::int as paper_received,
               count(*) filter (where direction = 'SENT')::int as paper_sent
          from documents.paper_records
         where ${scopeConditions(scope).paper}
           and paper_at >= ${from.toISOString()}::timestamptz and paper_at < ${to.toISOString()}::timestamptz
         group by org_id
      ),
      units as (
        select org_id, max(name) as name, max(path) as path from (
          select recipient_org_id as org_id, recipient_name as name, recipient_path::text as path from d where to_scope
          union all select sender_org_id, sender_name, sender_path::text from d where from_scope
          union all select reporter_org_id, reporter_name, recipient_path::text from r
          union all select org_id, null, path from paper
        ) x group by org_id
      ),
      received as (
        select recipient_org_id as org_id,
               count(*)::int as received,
               count(*) filter (where way = 'DOWN')::int as received_down,
               count(*) filter (where way = 'UP')::int as received_up,
               count(*) filter (where way = 'LATERAL')::int as received_lateral,
               count(*) filter (where received_at <= due_at)::int as received_on_time,
               count(*) filter (where received_at > due_at)::int as received_late,
               count(*) filter (where received_at is null and due_at < now())::int as received_missing,
               count(*) filter (where signed_at <= due_at)::int as signed_on_time,
               count(*) filter (where signed_at > due_at)::int as signed_late,
               count(*) filter (where signed_at is null and due_at < now())::int as signed_missing,
               (avg(extract(epoch from signed_at - delivered_at)) / 3600)::float8 as avg_sign_hours
          from d where to_scope group by recipient_org_id
      ),
      sent as (
        select sender_org_id as org_id,
               count(*) filter (where way = 'DOWN')::int as sent_down,
               count(*) filter (where way = 'UP')::int as sent_up,
               count(*) filter (where way = 'LATERAL')::int as sent_lateral,
               count(distinct document_id)::int as documents_sent
          from d where from_scope group by sender_org_id
      ),
      returned as (
        select recipient_org_id as org_id, count(*)::int as returns from (${returnsOf(scope, from, to)}) t group by recipient_org_id
      ),
      reported as (
        select reporter_org_id as org_id,
               count(*)::int as reports_due,
               count(*) filter (where status = 'REPORTED' and reported_at <= deadline)::int as reports_on_time,
               count(*) filter (where status = 'REPORTED' and reported_at > deadline)::int as reports_late,
               count(*) filter (where status <> 'REPORTED' and deadline < now())::int as reports_missing
          from r group by reporter_org_id
      )
      select u.org_id,
             coalesce(u.name, (select x.recipient_name from documents.deliveries x where x.recipient_org_id = u.org_id
                                order by x.delivered_at desc limit 1),
                      (select x.org_name from documents.documents x where x.org_id = u.org_id limit 1), '') as name,
             u.path,
             coalesce(s.sent_down, 0) as sent_down, coalesce(s.sent_up, 0) as sent_up, coalesce(s.sent_lateral, 0) as sent_lateral,
             coalesce(s.documents_sent, 0) as documents_sent,
             coalesce(v.received, 0) as received, coalesce(v.received_down, 0) as received_down, coalesce(v.received_up, 0) as received_up,
             coalesce(v.received_lateral, 0) as received_lateral,
             coalesce(v.received_on_time, 0) as received_on_time, coalesce(v.received_late, 0) as received_late,
             coalesce(v.received_missing, 0) as received_missing,
             coalesce(v.signed_on_time, 0) as signed_on_time, coalesce(v.signed_late, 0) as signed_late,
             coalesce(v.signed_missing, 0) as signed_missing, v.avg_sign_hours,
             coalesce(t.returns, 0) as returns,
             coalesce(p.reports_due, 0) as reports_due, coalesce(p.reports_on_time, 0) as reports_on_time,
             coalesce(p.reports_late, 0) as reports_late, coalesce(p.reports_missing, 0) as reports_missing,
             coalesce(q.paper_received, 0) as paper_received, coalesce(q.paper_sent, 0) as paper_sent
        from units u
        left join received v on v.org_id = u.org_id
        left join sent s on s.org_id = u.org_id
        left join returned t on t.org_id = u.org_id
        left join reported p on p.org_id = u.org_id
        left join paper q on q.org_id = u.org_id
       order by u.path`.execute(db),
  );
  return rows;
}

const figures = (r: UnitRow): UnitFigures => ({
  orgId: r.org_id,
  name: r.name,
  path: r.path,
  sentDown: r.sent_down,
  sentUp: r.sent_up,
  sentLateral: r.sent_lateral,
  documentsSent: r.documents_sent,
  received: r.received,
  receivedDown: r.received_down,
  receivedUp: r.received_up,
  receivedLateral: r.received_lateral,
  receivedOnTime: r.received_on_time,
  receivedLate: r.received_late,
  receivedMissing: r.received_missing,
  signedOnTime: r.signed_on_time,
  signedLate: r.signed_late,
  signedMissing: r.signed_missing,
  avgSignHours: r.avg_sign_hours === null ? null : Number(r.avg_sign_hours),
  returns: r.returns,
  reportsDue: r.reports_due,
  reportsOnTime: r.reports_on_time,
  reportsLate: r.reports_late,
  reportsMissing: r.reports_missing,
  paperReceived: r.paper_received,
  paperSent: r.paper_sent,
});

/** Every unit of the scope that sent, received, was asked to report or recorded paper in the period, with its
 * figures: statistics and 考核评比 count the same. */
export async function scopeFigures(em: EntityManager, scope: StatScope, from: Date, to: Date): Promise<UnitFigures[]> {
  return (await unitRows(em, scope, from, to)).map(figures);
}

export interface TrendRow {
  bucket: string;
  sent: number;
  received: number;
  signed_on_time: number;
  signed_late: number;
  signed_missing: number;
}

/** The scope's deliveries per day, week or month (Beijing time) of the period. */
export async function trendOf(em: EntityManager, scope: StatScope, from: Date, to: Date, step: Granularity): Promise<TrendRow[]> {
  const { rows } = await withDb(em, (db) =>
    sql<TrendRow>`
      with d as (${deliveriesOf(scope, from, to)})
      select to_char(date_trunc(${step}, delivered_at at time zone 'Asia/Shanghai'), 'YYYY-MM-DD') as bucket,
             count(*) filter (where from_scope)::int as sent,
             count(*) filter (where to_scope)::int as received,
             count(*) filter (where to_scope and signed_at <= due_at)::int as signed_on_time,
             count(*) filter (where to_scope and signed_at > due_at)::int as signed_late,
             count(*) filter (where to_scope and signed_at is null and due_at < now())::int as signed_missing
        from d group by 1 order by 1`.execute(db),
  );
  return rows;
}

export interface TypeRow {
  doc_type: string;
  direction: string;
  sent: number;
  received: number;
}

/** The scope's deliveries per 文种 and direction: sent by its units, received by them. */
export async function typesOf(em: EntityManager, scope: StatScope, from: Date, to: Date): Promise<TypeRow[]> {
  const { rows } = await withDb(em, (db) =>
    sql<TypeRow>`
      with d as (${deliveriesOf(scope, from, to)})
      select doc_type, way as direction, count(*) filter (where from_scope)::int as sent, count(*) filter (where to_scope)::int as received
        from d group by doc_type, way order by count(*) desc, doc_type, way`.execute(db),
  );
  return rows;
}

/** The scope's returns (退回) in the period, per finding of 初审. */
export async function returnReasonsOf(em: EntityManager, scope: StatScope, from: Date, to: Date): Promise<{ reason: string; count: number }[]> {
  const { rows } = await withDb(em, (db) =>
    sql<{ reason: string; count: number }>`
      select coalesce(reason, 'OTHER') as reason, count(*)::int as count
        from (${returnsOf(scope, from, to)}) t
       group by 1 order by 2 desc, 1`.execute(db),
  );
  return rows;
}

/** A unit's path as the caller may see it (a party of a delivery or a report), or undefined. */
export async function pathOfUnit(em: EntityManager, orgId: string): Promise<{ path: string; name: string | null } | undefined> {
  const { rows } = await withDb(em, (db) =>
    sql<{ path: string; name: string | null }>`
      (select recipient_path::text as path, recipient_name as name from documents.deliveries where recipient_org_id = ${orgId} order by delivered_at desc limit 1)
      union all
      (select sender_path::text, sender_name from documents.deliveries where sender_org_id = ${orgId} order by delivered_at desc limit 1)
      union all
      (select org_path::text, null from documents.paper_records where org_id = ${orgId} order by paper_at desc limit 1)
      limit 1`.execute(db),
  );
  return rows[0];
}

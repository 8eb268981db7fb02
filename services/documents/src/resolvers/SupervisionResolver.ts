// Supervision (DESIGN §3.4, seeds 000 §10 and §24, 001 §16, 002 §10): what is overdue now under the caller's unit,
// how each unit below it has signed over a period, bulletins (通报) of late and missing receipts, and the calendar.
import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput, forbidden, hasRole, notFound, requireCaller, requireRole } from '@yizhan/common';
import { GraphQLJSON } from 'graphql-scalars';
import { Arg, Ctx, Field, FieldResolver, Float, ID, InputType, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { provinceOf } from '../calendar.ts';
import type { DocumentsContext } from '../deps.ts';
import { bulletinCsv, checkTimesProblem, type UnitPerformance as Perf, performance } from '../domain/supervision.ts';
import { Delivery } from '../entities/Delivery.ts';
import { renderBulletin } from '../pdf.ts';
import { isUuid, rows } from '../store.ts';

@ObjectType({ description: 'How one unit signed for what it was sent over a period' })
export class UnitPerformance {
  @Field(() => ID)
  recipientOrgId!: string;
  @Field(() => String)
  recipientName!: string;
  @Field(() => Int)
  total!: number;
  @Field(() => Int)
  onTime!: number;
  @Field(() => Int)
  late!: number;
  @Field(() => Int, { description: 'Not signed for, and past due' })
  missing!: number;
  @Field(() => Float)
  onTimeRate!: number;
}

@ObjectType({ description: '通报: a published list of late and missing receipts per unit for a period' })
export class Bulletin {
  @Field(() => ID)
  id!: string;
  @Field(() => String)
  title!: string;
  @Field(() => Date)
  periodFrom!: Date;
  @Field(() => Date)
  periodTo!: Date;
  @Field(() => [UnitPerformance], { description: 'Units with late or missing receipts, worst first' })
  rows!: Perf[];
  @Field(() => String, { nullable: true, description: 'Download the bulletin as PDF at /blobs/<pdfSha256>' })
  pdfSha256!: string | null;
  @Field(() => String)
  createdByName!: string;
  @Field(() => Date)
  createdAt!: Date;
}

@InputType()
export class CalendarDayInput {
  @Field(() => String, { description: 'YYYY-MM-DD' })
  day!: string;
  @Field(() => Boolean, { description: 'true: a working day (调休); false: a rest day (holiday)' })
  working!: boolean;
  @Field(() => String, { nullable: true })
  note?: string;
}

function period(from: Date, to: Date): void {
  if (!(from instanceof Date) || Number.isNaN(from.getTime()) || Number.isNaN(to.getTime())) throw badInput('from and to must be dates', 'from');
  if (to.getTime() <= from.getTime()) throw badInput('The period ends before it starts', 'to');
  if (to.getTime() - from.getTime() > 366 * 86400_000) throw badInput('A period is at most a year', 'to');
}

async function performanceOf(em: EntityManager, scopePath: string, from: Date, to: Date): Promise<Perf[]> {
  const records = (await em.execute(
    `select recipient_org_id, recipient_name, due_at, received_at from documents.deliveries
     where recipient_path <@ ?::ltree and recipient_path <> ?::ltree and delivered_at >= ? and delivered_at < ? and status not in ('RESENT', 'RECALLED')`,
    [scopePath, scopePath, from, to],
  )) as { recipient_org_id: string; recipient_name: string; due_at: string; received_at: string | null }[];
  return performance(
    records.map((r) => ({
      recipientOrgId: r.recipient_org_id,
      recipientName: r.recipient_name,
      dueAt: new Date(r.due_at),
      receivedAt: r.received_at ? new Date(r.received_at) : null,
    })),
  );
}

interface BulletinRow {
  id: string;
  title: string;
  period_from: string;
  period_to: string;
  rows: Perf[];
  pdf_sha256: string | null;
  created_by_name: string;
  created_at: string;
}

const toBulletin = (r: BulletinRow): Bulletin => ({
  id: r.id,
  title: r.title,
  periodFrom: new Date(r.period_from),
  periodTo: new Date(r.period_to),
  rows: r.rows,
  pdfSha256: r.pdf_sha256,
  createdByName: r.created_by_name,
  createdAt: new Date(r.created_at),
});

@Resolver(() => Bulletin)
export class SupervisionResolver {
  @Query(() => [Delivery], { description: 'Deliveries to units below yours that are past due and not signed for, most overdue first' })
  async overdueDeliveries(@Arg('first', () => Int, { defaultValue: 100 }) first: number, @Ctx() ctx: DocumentsContext) {
    const caller = requireCaller(ctx);
    if (first < 1 || first > 1000) throw badInput('first must be between 1 and 1000', 'first');
    return rows(
      ctx.em,
      Delivery,
      `select * from documents.deliveries where status = 'DELIVERED' and due_at < now() and recipient_path <@ ?::ltree order by due_at limit ?`,
      [caller.orgPath, first],
    );
  }

  @Query(() => [UnitPerformance], { description: 'For each unit below yours: deliveries of the period signed for in time, late, or not at all' })
  async receiptPerformance(@Arg('from', () => Date) from: Date, @Arg('to', () => Date) to: Date, @Ctx() ctx: DocumentsContext) {
    const caller = requireCaller(ctx);
    period(from, to);
    return performanceOf(ctx.em, caller.orgPath, from, to);
  }

  @Mutation(() => Bulletin, { description: 'Publish a 通报 of late and missing receipts below your unit for a period; it is stored' })
  async publishBulletin(
    @Arg('title', () => String) title: string,
    @Arg('from', () => Date) from: Date,
    @Arg('to', () => Date) to: Date,
    @Ctx() ctx: DocumentsContext,
  ) {
    const caller = requireCaller(ctx);
    requireRole(caller, 'SUPERVISOR', 'ADMIN');
    const t = title.trim();
    if (!t || t.length > 200) throw badInput('Title must be 1–200 characters', 'title');
    period(from, to);
    return ctx.em.transactional(async (em) => {
      const perf = (await performanceOf(em as EntityManager, caller.orgPath, from, to)).filter((u) => u.late || u.missing);
      const [unit] = (await em.execute("select coalesce(max(sender_name), '') as name from documents.deliveries where sender_org_id = ?", [caller.orgId])) as {
        name: string;
      }[];
      const pdf = await renderBulletin({ orgName: unit?.name || caller.username, title: t, periodFrom: from, periodTo: to, rows: perf });
      const { sha256 } = await ctx.deps.blobs.put(pdf);
      const [row] = (await em.execute(
        `insert into documents.bulletins (org_id, org_path, title, period_from, period_to, rows, created_by, created_by_name, pdf_sha256)
         values (?, ?::ltree, ?, ?, ?, ?::jsonb, ?, ?, ?) returning *`,
        [caller.orgId, caller.orgPath, t, from, to, JSON.stringify(perf), caller.userId, caller.username, sha256],
      )) as BulletinRow[];
      return toBulletin(row as BulletinRow);
    });
  }

  @Query(() => [Bulletin], { description: 'Bulletins published by your unit, newest first' })
  async bulletins(@Ctx() ctx: DocumentsContext) {
    const caller = requireCaller(ctx);
    const found = (await ctx.em.execute('select * from documents.bulletins where org_id = ? order by created_at desc', [caller.orgId])) as BulletinRow[];
    return found.map(toBulletin);
  }

  @Query(() => Bulletin)
  async bulletin(@Arg('id', () => ID) id: string, @Ctx() ctx: DocumentsContext) {
    requireCaller(ctx);
    const [row] = isUuid(id) ? ((await ctx.em.execute('select * from documents.bulletins where id = ?', [id])) as BulletinRow[]) : [];
    if (!row) throw notFound('Bulletin', id);
    return toBulletin(row);
  }

  @FieldResolver(() => String, { description: 'The bulletin as CSV (UTF-8, one row per unit)' })
  csv(@Root() b: Bulletin): string {
    return bulletinCsv(b.rows);
  }

  @Query(() => GraphQLJSON, { description: 'Your province’s inbox check times and the days that break the weekday rule' })
  async workCalendar(@Ctx() ctx: DocumentsContext) {
    const caller = requireCaller(ctx);
    const province = provinceOf(caller.orgPath);
    const [s] = (await ctx.em.execute('select check_times from documents.supervision_settings where org_path = ?::ltree', [province])) as {
      check_times: string[];
    }[];
    const days = await ctx.em.execute(
      "select to_char(day, 'YYYY-MM-DD') as day, working, note from documents.work_calendar where org_path = ?::ltree order by day",
      [province],
    );
    return { province, checkTimes: s?.check_times ?? ['09:00', '15:00'], days };
  }

  @Mutation(() => Int, { description: 'Set the province’s check times and add or change calendar days (its provincial administrator)' })
  async updateWorkCalendar(
    @Arg('checkTimes', () => [String]) checkTimes: string[],
    @Arg('days', () => [CalendarDayInput]) days: CalendarDayInput[],
    @Ctx() ctx: DocumentsContext,
  ) {
    const caller = requireCaller(ctx);
    if (!hasRole(caller, 'ADMIN') || caller.orgPath.includes('.')) throw forbidden('The calendar is kept by the province’s administrator');
    const problem = checkTimesProblem(checkTimes);
    if (problem) throw badInput(problem, 'checkTimes');
    for (const [i, d] of days.entries()) {
      if (
        !/^\d{4}-\d{2}-\d{2}$/.test(d.day) ||
        Number.isNaN(Date.parse(`${d.day}T00:00:00Z`)) ||
        new Date(`${d.day}T00:00:00Z`).toISOString().slice(0, 10) !== d.day
      ) {
        throw badInput(`days[${i}]: “${d.day}” is not a date (YYYY-MM-DD)`, `days[${i}].day`);
      }
    }
    return ctx.em.transactional(async (em) => {
      await em.execute(
        'insert into documents.supervision_settings (org_path, check_times) values (?::ltree, ?::text[]) on conflict (org_path) do update set check_times = excluded.check_times, updated_at = now()',
        [caller.orgPath, `{${checkTimes.join(',')}}`],
      );
      for (const d of days) {
        await em.execute(
          'insert into documents.work_calendar (org_path, day, working, note) values (?::ltree, ?::date, ?, ?) on conflict (org_path, day) do update set working = excluded.working, note = excluded.note',
          [caller.orgPath, d.day, d.working, d.note ?? null],
        );
      }
      return days.length;
    });
  }
}

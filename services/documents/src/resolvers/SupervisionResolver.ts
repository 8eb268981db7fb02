// Supervision (DESIGN §3.4, seeds 000 §10 and §24, 001 §16, 002 §10): what is overdue now under the caller's unit,
// how each unit below it has signed over a period, bulletins (通报) of late and missing receipts, and the calendar.
// The use cases are in app/supervision.ts, app/bulletin.ts and app/work-calendar.ts; here they meet GraphQL.
import { badInput, requireCaller, requireRole } from '@yizhan/common';
import { GraphQLJSON } from 'graphql-scalars';
import { Arg, Ctx, Field, FieldResolver, Float, ID, InputType, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { bulletinsOfUnit, getBulletin, publishBulletin } from '../app/bulletin.ts';
import { overdueDeliveries, receiptPerformance } from '../app/supervision.ts';
import { requireCalendarKeeper, updateWorkCalendar, workCalendar } from '../app/work-calendar.ts';
import type { DocumentsContext } from '../deps.ts';
import { bulletinCsv, checkTimesProblem, type UnitPerformance as Perf } from '../domain/supervision.ts';
import { Delivery } from '../entities/Delivery.ts';

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
  @Field(() => Int, { nullable: true, description: '征集/报送: report requests due in the period (receiptPerformance only)' })
  reportsDue?: number;
  @Field(() => Int, { nullable: true, description: 'Reported by the deadline' })
  reportsOnTime?: number;
  @Field(() => Int, { nullable: true, description: 'Reported after the deadline' })
  reportsLate?: number;
  @Field(() => Int, { nullable: true, description: 'Not reported, or returned for correction and not resubmitted' })
  reportsMissing?: number;
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

@Resolver(() => Bulletin)
export class SupervisionResolver {
  @Query(() => [Delivery], { description: 'Deliveries to units below yours that are past due and not signed for, most overdue first' })
  async overdueDeliveries(@Arg('first', () => Int, { defaultValue: 100 }) first: number, @Ctx() ctx: DocumentsContext) {
    requireCaller(ctx);
    if (first < 1 || first > 1000) throw badInput('first must be between 1 and 1000', 'first');
    return overdueDeliveries(ctx, first);
  }

  @Query(() => [UnitPerformance], { description: 'For each unit below yours: deliveries of the period signed for in time, late, or not at all' })
  async receiptPerformance(@Arg('from', () => Date) from: Date, @Arg('to', () => Date) to: Date, @Ctx() ctx: DocumentsContext) {
    requireCaller(ctx);
    period(from, to);
    return receiptPerformance(ctx, from, to);
  }

  @Mutation(() => Bulletin, { description: 'Publish a 通报 of late and missing receipts below your unit for a period; it is stored' })
  async publishBulletin(
    @Arg('title', () => String) title: string,
    @Arg('from', () => Date) from: Date,
    @Arg('to', () => Date) to: Date,
    @Ctx() ctx: DocumentsContext,
  ) {
    requireRole(requireCaller(ctx), 'SUPERVISOR', 'ADMIN');
    const t = title.trim();
    if (!t || t.length > 200) throw badInput('Title must be 1–200 characters', 'title');
    period(from, to);
    return publishBulletin(ctx, t, from, to);
  }

  @Query(() => [Bulletin], { description: 'Bulletins published by your unit, newest first' })
  async bulletins(@Ctx() ctx: DocumentsContext) {
    return bulletinsOfUnit(ctx);
  }

  @Query(() => Bulletin)
  async bulletin(@Arg('id', () => ID) id: string, @Ctx() ctx: DocumentsContext) {
    return getBulletin(ctx, id);
  }

  @FieldResolver(() => String, { description: 'The bulletin as CSV (UTF-8, one row per unit)' })
  csv(@Root() b: Bulletin): string {
    return bulletinCsv(b.rows);
  }

  @Query(() => GraphQLJSON, { description: 'Your province’s inbox check times and the days that break the weekday rule' })
  async workCalendar(@Ctx() ctx: DocumentsContext) {
    return workCalendar(ctx);
  }

  @Mutation(() => Int, { description: 'Set the province’s check times and add or change calendar days (its provincial administrator)' })
  async updateWorkCalendar(
    @Arg('checkTimes', () => [String]) checkTimes: string[],
    @Arg('days', () => [CalendarDayInput]) days: CalendarDayInput[],
    @Ctx() ctx: DocumentsContext,
  ) {
    requireCalendarKeeper(requireCaller(ctx));
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
    return updateWorkCalendar(ctx, checkTimes, days);
  }
}

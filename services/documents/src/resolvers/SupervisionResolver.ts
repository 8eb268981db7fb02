// Supervision (DESIGN §3.4, seeds 000 §10 and §24, 001 §16, 002 §10): what is overdue now under the caller's unit,
// how each unit below it has signed over a period, bulletins (通报) of late and missing receipts, and the calendar.
// The use cases are in app/supervision.ts, app/bulletin.ts, app/bulletin-schedule.ts and app/work-calendar.ts; here
// they meet GraphQL.
import { badInput, checkPeriod, requireCaller } from '@yizhan/common';
import { GraphQLJSON } from 'graphql-scalars';
import { Arg, Ctx, Field, FieldResolver, Float, ID, InputType, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { bulletinsOfUnit, draftBulletinDocument, getBulletin, publishBulletin } from '../app/bulletin.ts';
import { bulletinScheduleOfUnit, setBulletinSchedule } from '../app/bulletin-schedule.ts';
import { type StatisticsView, statistics } from '../app/statistics.ts';
import { dueSoonByDocument, dueSoonDeliveries, overdueByDocument, overdueDeliveries, overdueDeliveryCount, receiptPerformance } from '../app/supervision.ts';
import { updateWorkCalendar, workCalendar } from '../app/work-calendar.ts';
import type { DocumentsContext } from '../deps.ts';
import { UrgencyEnum } from '../domain/enums.ts';
import { bulletinCsv, type UnitPerformance as Perf } from '../domain/supervision.ts';
import { Delivery } from '../entities/Delivery.ts';
import { Document } from '../entities/Document.ts';
import { StatisticsViewEnum } from './enums.ts';

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
  @Field(() => Int, {
    nullable: true,
    description: '征集/报送: report requests of the period: reported in it before their deadline, or due in it (receiptPerformance only)',
  })
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
  @Field(() => String, { description: 'Who published it; of a scheduled one, who set the schedule' })
  createdByName!: string;
  @Field(() => Date)
  createdAt!: Date;
  @Field(() => String, { nullable: true, description: '定期通报: WEEKLY, MONTHLY or QUARTERLY when the unit’s schedule published it; null when a person did' })
  cadence!: string | null;
}

@ObjectType({ description: '定期通报: the unit’s bulletins published each week, month or quarter, as each period ends' })
export class BulletinSchedule {
  @Field(() => String, { description: 'WEEKLY, MONTHLY or QUARTERLY (China time; weeks from Monday)' })
  cadence!: string;
  @Field(() => Date, { description: 'When the next bulletin is published: the start of the next period' })
  nextAt!: Date;
  @Field(() => String)
  setByName!: string;
  @Field(() => Date)
  updatedAt!: Date;
}

@ObjectType({ description: '统计: one unit’s figures for a period (or the subtree’s totals)' })
export class UnitStatistics {
  @Field(() => ID)
  orgId!: string;
  @Field(() => String)
  name!: string;
  @Field(() => String, { description: 'Where the unit stands in the tree (ltree path)' })
  path!: string;
  @Field(() => Int, { description: '1 for the province, 2 for a city or a provincial unit, 3 for a county …' })
  depth!: number;
  @Field(() => Int, { description: 'Deliveries sent down (下行) to units below' })
  sentDown!: number;
  @Field(() => Int, { description: 'Deliveries sent up (上行)' })
  sentUp!: number;
  @Field(() => Int, { description: 'Deliveries sent laterally (平行)' })
  sentLateral!: number;
  @Field(() => Int, { description: 'Documents sent (each counted once however many recipients)' })
  documentsSent!: number;
  @Field(() => Int, { description: 'Deliveries received' })
  received!: number;
  @Field(() => Int)
  receivedDown!: number;
  @Field(() => Int)
  receivedUp!: number;
  @Field(() => Int)
  receivedLateral!: number;
  @Field(() => Int, { description: '接收 (first opened) by the due time' })
  receivedOnTime!: number;
  @Field(() => Int)
  receivedLate!: number;
  @Field(() => Int, { description: 'Not opened, and past due' })
  receivedMissing!: number;
  @Field(() => Int, { description: '签收 by the due time' })
  signedOnTime!: number;
  @Field(() => Int)
  signedLate!: number;
  @Field(() => Int, { description: 'Not signed for, and past due' })
  signedMissing!: number;
  @Field(() => Float, { nullable: true, description: 'Hours from delivery to 签收, on average' })
  avgSignHours!: number | null;
  @Field(() => Int, { description: '退回 by the unit in the period' })
  returns!: number;
  @Field(() => Int, { description: '征集/报送: report requests of the period: reported in it before their deadline, or due in it' })
  reportsDue!: number;
  @Field(() => Int)
  reportsOnTime!: number;
  @Field(() => Int)
  reportsLate!: number;
  @Field(() => Int)
  reportsMissing!: number;
  @Field(() => Float, { nullable: true, description: '接收 in time among those due (null: nothing due)' })
  receiptRate!: number | null;
  @Field(() => Float, { nullable: true, description: '签收 in time among those due (null: nothing due)' })
  signRate!: number | null;
  @Field(() => Float, { nullable: true, description: 'Reports in time among those due (null: none due)' })
  reportRate!: number | null;
  @Field(() => Int, { description: '纸质补录: documents received on paper in the period' })
  paperReceived!: number;
  @Field(() => Int, { description: '纸质补录: documents sent on paper in the period' })
  paperSent!: number;
  @Field(() => Float, {
    nullable: true,
    description: '公文交换电子化率 (seed 004): documents received and sent on the network among all received and sent, paper included (null: none)',
  })
  electronicRate!: number | null;
  @Field(() => String, { description: 'The 签收 rate banded: GOOD (≥95 %), FAIR (≥80 %), POOR, NONE (nothing due)' })
  band!: string;
}

@ObjectType({ description: 'One step of the trend (a day, week or month, Beijing time)' })
export class StatisticsPoint {
  @Field(() => String, { description: 'The first day of the step, YYYY-MM-DD' })
  period!: string;
  @Field(() => Int, { description: 'Deliveries sent by the subtree’s units' })
  sent!: number;
  @Field(() => Int, { description: 'Deliveries received by them' })
  received!: number;
  @Field(() => Int)
  signedOnTime!: number;
  @Field(() => Int)
  signedLate!: number;
  @Field(() => Int)
  signedMissing!: number;
}

@ObjectType({ description: 'Deliveries of one 文种 in one direction' })
export class StatisticsByType {
  @Field(() => String)
  docType!: string;
  @Field(() => String, { description: 'DOWN, UP or LATERAL' })
  direction!: string;
  @Field(() => Int)
  sent!: number;
  @Field(() => Int)
  received!: number;
}

@ObjectType({ description: 'Returns (退回) for one finding of 初审' })
export class StatisticsReason {
  @Field(() => String)
  reason!: string;
  @Field(() => Int)
  count!: number;
}

@ObjectType({ description: '纸质补录 in a subtree over a period: documents received and sent on paper (during outages), recorded afterwards' })
export class PaperStatistics {
  @Field(() => Int)
  received!: number;
  @Field(() => Int)
  sent!: number;
}

@ObjectType({ description: '统计: a unit’s subtree over a period' })
export class Statistics {
  @Field(() => ID)
  orgId!: string;
  @Field(() => String)
  orgName!: string;
  @Field(() => Date)
  from!: Date;
  @Field(() => Date)
  to!: Date;
  @Field(() => String, { description: 'The trend’s step: day, week or month' })
  granularity!: string;
  @Field(() => StatisticsViewEnum, { description: 'What the figures are of: the subtree, or the units the unit sent to' })
  view!: StatisticsView;
  @Field(() => UnitStatistics, { description: 'The subtree as a whole' })
  totals!: UnitStatistics;
  @Field(() => [UnitStatistics], { description: 'Each unit of the subtree, best 签收 rate first (units with nothing due last)' })
  units!: UnitStatistics[];
  @Field(() => [StatisticsPoint])
  trend!: StatisticsPoint[];
  @Field(() => [StatisticsByType])
  byType!: StatisticsByType[];
  @Field(() => [StatisticsReason])
  returnReasons!: StatisticsReason[];
  @Field(() => PaperStatistics, { description: '纸质补录: received and sent on paper in the period, beside the electronic figures above' })
  paper!: PaperStatistics;
}

@ObjectType({
  description:
    'One document of 督办’s lists by document (overdueByDocument, dueSoonByDocument): its units waiting for their 签收 in your scope — past due, or not yet — counted in full, and the first of them',
})
export class UnsignedDocument {
  @Field(() => ID)
  documentId!: string;
  @Field(() => String)
  title!: string;
  @Field(() => String)
  docNumber!: string;
  @Field(() => String)
  senderName!: string;
  @Field(() => UrgencyEnum)
  urgency!: string;
  @Field(() => Int, { description: 'All its units of the list in your scope (not only those listed)' })
  waiting!: number;
  @Field(() => Int, { description: 'Of those, the units you may urge (never your own unit’s): what urgeOverdueOfDocument or urgeDueSoonOfDocument urges' })
  urgeable!: number;
  @Field(() => Int, { description: 'Of those waiting, the units that have not opened it (未接收)' })
  unreceived!: number;
  @Field(() => Date, { description: 'The earliest time limit among them (the most overdue, or the soonest due)' })
  earliestDueAt!: Date;
  @Field(() => [Delivery], { description: 'Its first units (unitsEach), earliest time limit first' })
  deliveries!: Delivery[];
}

@ObjectType({ description: '督办’s overdue or 临期 list by document, with the figures of the whole scope' })
export class UnsignedByDocument {
  @Field(() => Int, { description: 'Documents with a unit of the list in your scope, all of them' })
  documentCount!: number;
  @Field(() => Int, { description: 'Units (deliveries) of the list in your scope, all of them' })
  unitCount!: number;
  @Field(() => [UnsignedDocument], { description: 'The first documents, by their earliest time limit' })
  documents!: UnsignedDocument[];
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

/** A list by document names at most 200 documents and 2,000 units in all. */
function listedByDocument(ctx: DocumentsContext, first: number, unitsEach: number) {
  requireCaller(ctx);
  if (first < 1 || first > 200) throw badInput('first must be between 1 and 200', 'first');
  if (unitsEach < 1 || unitsEach > 500) throw badInput('unitsEach must be between 1 and 500', 'unitsEach');
  if (first * unitsEach > 2000) throw badInput('first × unitsEach is at most 2000 units listed', 'unitsEach');
}

/** Statistics and performance are of a period of at most a year (a leap year's). */
const period = (from: Date, to: Date) => checkPeriod(from, to, { maxDays: 366 });

@Resolver(() => Bulletin)
export class SupervisionResolver {
  @Query(() => Int, { description: 'How many deliveries overdueDeliveries finds in all (its list is the first of them)' })
  overdueDeliveryCount(@Ctx() ctx: DocumentsContext): Promise<number> {
    return overdueDeliveryCount(ctx);
  }

  @Query(() => [Delivery], { description: 'Deliveries to units below yours that are past due and not signed for, most overdue first' })
  async overdueDeliveries(@Arg('first', () => Int, { defaultValue: 100 }) first: number, @Ctx() ctx: DocumentsContext) {
    requireCaller(ctx);
    if (first < 1 || first > 1000) throw badInput('first must be between 1 and 1000', 'first');
    return overdueDeliveries(ctx, first);
  }

  @Query(() => [Delivery], {
    description: '临期: deliveries to units below yours waiting for their 签收 and not yet past due, soonest due first (your own unit’s if you supervise none)',
  })
  async dueSoonDeliveries(@Arg('first', () => Int, { defaultValue: 100 }) first: number, @Ctx() ctx: DocumentsContext) {
    requireCaller(ctx);
    if (first < 1 || first > 1000) throw badInput('first must be between 1 and 1000', 'first');
    return dueSoonDeliveries(ctx, first);
  }

  @Query(() => UnsignedByDocument, {
    description:
      '临期 by document: the documents (first, by their earliest time limit) whose units wait for their 签收 and are not yet past due — the units below yours and those your unit sent to (your own unit’s if you supervise none) — each with the true number of its units waiting, of those you may urge, of those that have not opened it, and its first units (unitsEach, soonest due first); first × unitsEach at most 2000',
  })
  dueSoonByDocument(
    @Arg('first', () => Int, { defaultValue: 40 }) first: number,
    @Arg('unitsEach', () => Int, { defaultValue: 50 }) unitsEach: number,
    @Ctx() ctx: DocumentsContext,
  ) {
    listedByDocument(ctx, first, unitsEach);
    return dueSoonByDocument(ctx, first, unitsEach);
  }

  @Query(() => UnsignedByDocument, {
    description:
      'Overdue by document: the documents (first, the most overdue first) whose units are past their time limit and still not signed for — the units below yours and those your unit sent to (your own unit’s if you supervise none) — each with the true number of its units overdue, of those you may urge, of those that have not opened it, and its first units (unitsEach, the most overdue first); first × unitsEach at most 2000',
  })
  overdueByDocument(
    @Arg('first', () => Int, { defaultValue: 40 }) first: number,
    @Arg('unitsEach', () => Int, { defaultValue: 50 }) unitsEach: number,
    @Ctx() ctx: DocumentsContext,
  ) {
    listedByDocument(ctx, first, unitsEach);
    return overdueByDocument(ctx, first, unitsEach);
  }

  @Query(() => [UnitPerformance], {
    description: 'For each unit below yours, and each your unit sent to: deliveries of the period signed for in time, late, or not at all',
  })
  async receiptPerformance(@Arg('from', () => Date) from: Date, @Arg('to', () => Date) to: Date, @Ctx() ctx: DocumentsContext) {
    requireCaller(ctx);
    period(from, to);
    return receiptPerformance(ctx, from, to);
  }

  @Query(() => Statistics, {
    description:
      '统计: for your unit’s subtree (or that of a unit below it) over a period: each unit’s documents sent and received by direction, 接收 and 签收 timeliness, returns and reporting timeliness; the trend, 文种 and return reasons. Supervisors, leaders and administrators',
  })
  async statistics(
    @Arg('orgId', () => ID, { nullable: true }) orgId: string | undefined,
    @Arg('from', () => Date) from: Date,
    @Arg('to', () => Date) to: Date,
    @Arg('view', () => StatisticsViewEnum, { defaultValue: 'SUBTREE' }) view: StatisticsView,
    @Ctx() ctx: DocumentsContext,
  ) {
    requireCaller(ctx);
    period(from, to);
    return statistics(ctx, orgId ?? null, from, to, view);
  }

  @Mutation(() => Bulletin, { description: 'Publish a 通报 of late and missing receipts below your unit for a period; it is stored' })
  async publishBulletin(
    @Arg('title', () => String) title: string,
    @Arg('from', () => Date) from: Date,
    @Arg('to', () => Date) to: Date,
    @Ctx() ctx: DocumentsContext,
  ) {
    return publishBulletin(ctx, title, from, to);
  }

  @Mutation(() => Document, {
    description:
      '拟制通报: draft the 通报 your unit issues from a bulletin it published — 文种 通报, its title, each unit’s figures in the text, the units it names as recipients — for your unit’s drafter to finish, approve and send',
  })
  async draftBulletinDocument(@Arg('bulletinId', () => ID) bulletinId: string, @Ctx() ctx: DocumentsContext): Promise<Document> {
    return draftBulletinDocument(ctx, bulletinId);
  }

  @Query(() => BulletinSchedule, {
    nullable: true,
    description: '定期通报: your unit’s schedule of bulletins, null when they are published by hand only. Supervisors and administrators',
  })
  async bulletinSchedule(@Ctx() ctx: DocumentsContext) {
    return bulletinScheduleOfUnit(ctx);
  }

  @Mutation(() => BulletinSchedule, {
    nullable: true,
    description:
      '定期通报: publish your unit’s bulletin each week, month or quarter as each period ends (cadence WEEKLY, MONTHLY or QUARTERLY; null takes the schedule away). With publishLastPeriod, the period just ended is published now too. Supervisors and administrators',
  })
  async setBulletinSchedule(
    @Arg('cadence', () => String, { nullable: true }) cadence: string | null,
    @Arg('publishLastPeriod', () => Boolean, { defaultValue: false }) publishLastPeriod: boolean,
    @Ctx() ctx: DocumentsContext,
  ) {
    return setBulletinSchedule(ctx, cadence ?? null, publishLastPeriod);
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

  @Query(() => GraphQLJSON, {
    description:
      'Your province’s inbox check times, the days that break the weekday rule, and missingYear: a year whose holidays are not entered though due times fall in it (null when none)',
  })
  async workCalendar(@Ctx() ctx: DocumentsContext) {
    return workCalendar(ctx);
  }

  @Mutation(() => Int, { description: 'Set the province’s check times and add or change calendar days (its provincial administrator)' })
  async updateWorkCalendar(
    @Arg('checkTimes', () => [String]) checkTimes: string[],
    @Arg('days', () => [CalendarDayInput]) days: CalendarDayInput[],
    @Arg('removeDays', () => [String], { nullable: true, description: 'Days entered by mistake, taken out (YYYY-MM-DD): they follow the weekday rule again' })
    removeDays: string[] | null | undefined,
    @Ctx() ctx: DocumentsContext,
  ) {
    return updateWorkCalendar(ctx, checkTimes, days, removeDays ?? []);
  }
}

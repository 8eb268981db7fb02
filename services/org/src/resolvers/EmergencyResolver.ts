// 故障报告 and 系统公告 (seed 003 §44–45, 001 §31): a unit reports a fault, the office above answers within the hour
// and escalates after two; administrators publish announcements, and an outage notice tells units to use paper.
import { Arg, Ctx, Field, ID, InputType, Mutation, ObjectType, Query, Resolver, registerEnumType } from 'type-graphql';
import {
  announcements,
  escalateFault,
  faultReports,
  issuedAnnouncements,
  publishAnnouncement,
  reportFault,
  resolveFault,
  respondToFault,
  withdrawAnnouncement,
} from '../app/emergency.ts';
import type { OrgContext } from '../deps.ts';
import { AnnouncementKind, FaultKind, FaultStatus } from '../domain/emergency.ts';

registerEnumType(FaultKind, {
  name: 'FaultKind',
  description: 'What fails: the platform, sending, receiving, a certificate, a seal, or something else',
});
registerEnumType(FaultStatus, { name: 'FaultStatus', description: 'REPORTED, RESPONDED (within the hour, 003 §44), ESCALATED (after two, §45), RESOLVED' });
registerEnumType(AnnouncementKind, { name: 'AnnouncementKind', description: 'NOTICE (系统公告), or OUTAGE: pass documents on paper until it is withdrawn' });

@ObjectType({ description: '故障报告: a unit’s report that the platform fails it, and the office’s answer' })
export class FaultReport {
  @Field(() => ID)
  id!: string;
  @Field(() => ID)
  orgId!: string;
  @Field(() => String, { description: 'The reporting unit' })
  orgName!: string;
  @Field(() => FaultKind)
  kind!: FaultKind;
  @Field(() => String)
  description!: string;
  @Field(() => String, { nullable: true })
  contactPhone!: string | null;
  @Field(() => String, { description: 'Who reported it, by name' })
  reportedByName!: string;
  @Field(() => Date)
  reportedAt!: Date;
  @Field(() => FaultStatus)
  status!: FaultStatus;
  @Field(() => Date, { description: 'One hour after the report (003 §44)' })
  responseDueAt!: Date;
  @Field(() => Date, { description: 'Two hours after the report (003 §45)' })
  escalationDueAt!: Date;
  @Field(() => Boolean, { description: 'Not answered within the hour' })
  responseLate!: boolean;
  @Field(() => Boolean, { description: 'Two hours without a fix and not escalated: escalate, and tell the units to use paper' })
  escalationDue!: boolean;
  @Field(() => Date, { nullable: true })
  respondedAt!: Date | null;
  @Field(() => String, { nullable: true })
  respondedByName!: string | null;
  @Field(() => String, { nullable: true })
  response!: string | null;
  @Field(() => Date, { nullable: true })
  escalatedAt!: Date | null;
  @Field(() => String, { nullable: true })
  escalatedByName!: string | null;
  @Field(() => String, { nullable: true })
  escalationPlan!: string | null;
  @Field(() => Date, { nullable: true })
  resolvedAt!: Date | null;
  @Field(() => String, { nullable: true })
  resolvedByName!: string | null;
  @Field(() => String, { nullable: true })
  resolution!: string | null;
  @Field(() => Boolean, { description: 'Whether the caller answers this report (an administrator above the unit)' })
  mayAnswer!: boolean;
}

@ObjectType({ description: 'What an announcement the platform wrote says, as words' })
export class AnnouncementWordsView {
  @Field(() => String, {
    description: 'ESCALATED (an office’s outage notice), OVERDUE_FAULT (the platform’s, two hours after a fault unanswered) or RESTORED',
  })
  made!: string;
  @Field(() => String, { description: 'The unit whose system failed (of RESTORED: named in the notice it ends)' })
  unit!: string;
  @Field(() => String, { nullable: true, description: 'ESCALATED: the office’s plan, as written' })
  plan?: string;
  @Field(() => Date, { nullable: true, description: 'OVERDUE_FAULT: when the fault was reported' })
  reportedAt?: Date | string;
  @Field(() => String, { nullable: true, description: 'OVERDUE_FAULT: the office that answers it' })
  office?: string;
}

@ObjectType({ description: '系统公告: a notice from a unit to the units within a part of the tree' })
export class Announcement {
  @Field(() => ID)
  id!: string;
  @Field(() => ID)
  orgId!: string;
  @Field(() => String, { description: 'The publishing unit' })
  orgName!: string;
  @Field(() => ID)
  scopeOrgId!: string;
  @Field(() => String, { description: 'The unit whose part of the tree it reaches (that unit and all below it)' })
  scopeName!: string;
  @Field(() => AnnouncementKind)
  kind!: AnnouncementKind;
  @Field(() => String)
  title!: string;
  @Field(() => String)
  body!: string;
  @Field(() => ID, { nullable: true, description: 'The fault report an outage notice answers' })
  faultReportId!: string | null;
  @Field(() => String)
  publishedByName!: string;
  @Field(() => Date)
  publishedAt!: Date;
  @Field(() => Date, { nullable: true })
  endsAt!: Date | null;
  @Field(() => Date, { nullable: true })
  withdrawnAt!: Date | null;
  @Field(() => String, { nullable: true })
  withdrawnByName!: string | null;
  @Field(() => AnnouncementWordsView, {
    nullable: true,
    description: 'Of an announcement the platform wrote: what it says, as words, for a reader of another language; null for a person’s own',
  })
  words!: AnnouncementWordsView | null;
}

@InputType()
export class FaultReportInput {
  @Field(() => FaultKind)
  kind!: FaultKind;
  @Field(() => String, { description: 'What happens, 1–2000 characters' })
  description!: string;
  @Field(() => String, { nullable: true, description: 'A number to call back' })
  contactPhone?: string | null;
}

@InputType()
export class AnnouncementInput {
  @Field(() => AnnouncementKind)
  kind!: AnnouncementKind;
  @Field(() => String, { description: '1–100 characters' })
  title!: string;
  @Field(() => String, { description: '1–2000 characters' })
  body!: string;
  @Field(() => ID, { nullable: true, description: 'The unit whose part of the tree it reaches; your own unit by default' })
  scopeOrgId?: string | null;
  @Field(() => Date, { nullable: true, description: 'When it stops showing; until withdrawn by default' })
  endsAt?: Date | null;
}

@Resolver()
export class EmergencyResolver {
  @Query(() => [FaultReport], { description: 'Fault reports of your unit and the units below it, open ones first' })
  async faultReports(@Arg('openOnly', () => Boolean, { defaultValue: false }) openOnly: boolean, @Ctx() ctx: OrgContext) {
    return faultReports(openOnly, ctx);
  }

  @Mutation(() => FaultReport, { description: 'Report that the platform fails your unit (003 §44): the office above answers within the hour' })
  async reportFault(@Arg('input', () => FaultReportInput) input: FaultReportInput, @Ctx() ctx: OrgContext) {
    return reportFault(input, ctx);
  }

  @Mutation(() => FaultReport, { description: 'The office’s answer to a fault report (an administrator of a unit above)' })
  async respondToFault(@Arg('id', () => ID) id: string, @Arg('response', () => String) response: string, @Ctx() ctx: OrgContext) {
    return respondToFault(id, response, ctx);
  }

  @Mutation(() => FaultReport, {
    description: 'Not fixed within two hours (003 §45): record the plan; with declareOutage, tell the units of your part of the tree to use paper',
  })
  async escalateFault(
    @Arg('id', () => ID) id: string,
    @Arg('plan', () => String) plan: string,
    @Arg('declareOutage', () => Boolean, { defaultValue: true }) declareOutage: boolean,
    @Ctx() ctx: OrgContext,
  ) {
    return escalateFault(id, plan, declareOutage, ctx);
  }

  @Mutation(() => FaultReport, { description: 'The fault is fixed: what was done' })
  async resolveFault(@Arg('id', () => ID) id: string, @Arg('resolution', () => String) resolution: string, @Ctx() ctx: OrgContext) {
    return resolveFault(id, resolution, ctx);
  }

  @Query(() => [Announcement], { description: 'The announcements that reach your unit now, outage notices first' })
  async announcements(@Ctx() ctx: OrgContext) {
    return announcements(ctx);
  }

  @Query(() => [Announcement], { description: 'Announcements published by your unit and the units below it (administrators)' })
  async issuedAnnouncements(@Ctx() ctx: OrgContext) {
    return issuedAnnouncements(ctx);
  }

  @Mutation(() => Announcement, { description: 'Publish an announcement to your unit’s part of the tree, or a part of it (administrators)' })
  async publishAnnouncement(@Arg('input', () => AnnouncementInput) input: AnnouncementInput, @Ctx() ctx: OrgContext) {
    return publishAnnouncement(input, ctx);
  }

  @Mutation(() => Announcement, { description: 'Withdraw an announcement (the publishing unit’s administrators, or above)' })
  async withdrawAnnouncement(@Arg('id', () => ID) id: string, @Ctx() ctx: OrgContext) {
    return withdrawAnnouncement(id, ctx);
  }
}

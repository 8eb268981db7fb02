// 检查指导与限期整改 (seed 000 §23; seed 001 §5, §16): a superior unit's inspection of a unit below it, item by item;
// what the unit put right, by each deadline, with its 整改材料; the inspecting unit's acceptance; what waits on whom.
// Each field maps to its use case.
import { Arg, Ctx, Field, ID, InputType, Int, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import {
  acceptRectification,
  type InspectionView,
  type InspectionWorkView,
  inspection,
  inspectionFacts,
  inspectionsOf,
  inspectionWork,
  type RectificationFileView,
  recordInspection,
  rectificationFile,
  reportRectification,
  returnRectification,
  type StaffFactsView,
} from '../app/inspections.ts';
import type { OrgContext } from '../deps.ts';

@ObjectType({ description: '整改材料: a file the inspected unit sent with a report; its bytes through rectificationFile' })
export class RectificationFile {
  @Field(() => ID)
  id!: string;
  @Field(() => String)
  name!: string;
  @Field(() => String)
  contentType!: string;
  @Field(() => Int, { description: 'Bytes' })
  size!: number;
}

@ObjectType({ description: 'A file of a report with its bytes' })
export class RectificationFileContent extends RectificationFile {
  @Field(() => String)
  base64!: string;
}

@ObjectType({ description: 'One round of an item’s putting right: a report, a 退回 or the 验收, with who and when' })
export class InspectionFindingStep {
  @Field(() => ID)
  id!: string;
  @Field(() => String, { description: 'REPORT (what the unit put right), RETURN (sent back) or ACCEPT' })
  action!: string;
  @Field(() => String, { nullable: true, description: 'What was reported, or why it was sent back; null for an acceptance' })
  words!: string | null;
  @Field(() => String, { nullable: true, description: 'The new 整改期限 a 退回 set (YYYY-MM-DD), if it set one' })
  rectifyBy!: string | null;
  @Field(() => String)
  byName!: string;
  @Field(() => Date)
  at!: Date;
  @Field(() => Int, { description: 'How many files (整改材料) the report carried' })
  fileCount!: number;
  @Field(() => [RectificationFile], {
    description: 'The report’s files, for the inspected unit and the unit that decides the item; empty for anyone else',
  })
  files!: RectificationFile[];
}

@ObjectType({ description: 'An item of 检查整改 waiting on the caller: to report what was put right, or to accept or send back' })
export class InspectionWorkItem {
  @Field(() => ID)
  findingId!: string;
  @Field(() => ID)
  inspectionId!: string;
  @Field(() => String, { description: 'REPORT (your unit puts it right and reports) or DECIDE (your unit accepts it or sends it back)' })
  action!: string;
  @Field(() => ID, { description: 'The unit inspected' })
  orgId!: string;
  @Field(() => String)
  orgName!: string;
  @Field(() => String)
  inspectorOrgName!: string;
  @Field(() => String, { description: 'YYYY-MM-DD (Beijing)' })
  inspectedOn!: string;
  @Field(() => String)
  item!: string;
  @Field(() => String, { description: 'The item in Chinese' })
  itemName!: string;
  @Field(() => String, { nullable: true, description: '整改期限, YYYY-MM-DD (Beijing)' })
  rectifyBy!: string | null;
  @Field(() => Boolean, { description: 'Still due and past its deadline' })
  overdue!: boolean;
  @Field(() => Boolean, { description: 'Sent back by the inspecting unit and due again' })
  returned!: boolean;
  @Field(() => Date, { description: 'Since when it waits: recorded, sent back or reported' })
  since!: Date;
}

@ObjectType({ description: 'One item an inspection looked at, what it found, and, if found wanting, its putting right' })
export class InspectionFinding {
  @Field(() => ID)
  id!: string;
  @Field(() => ID)
  inspectionId!: string;
  @Field(() => Int)
  position!: number;
  @Field(() => String, { description: 'SYSTEMS 制度建设, EQUIPMENT 设备配置, STAFF 人员管理, SECURITY 安全措施, RECEIVING 收文情况, OTHER 其他' })
  item!: string;
  @Field(() => String, { description: 'The item in Chinese' })
  itemName!: string;
  @Field(() => String)
  finding!: string;
  @Field(() => String, { description: 'CONFORMS, DUE (to be put right), REPORTED (put right, awaiting acceptance) or ACCEPTED' })
  status!: string;
  @Field(() => String, { nullable: true, description: '整改期限, YYYY-MM-DD (Beijing): null when the item conforms' })
  rectifyBy!: string | null;
  @Field(() => Boolean, { description: 'Still due and past its deadline' })
  overdue!: boolean;
  @Field(() => String, { nullable: true, description: 'What the unit put right, as it reported it' })
  rectification!: string | null;
  @Field(() => Date, { nullable: true })
  reportedAt!: Date | null;
  @Field(() => String, { nullable: true })
  reportedByName!: string | null;
  @Field(() => Date, { nullable: true, description: 'When the inspecting unit last accepted or sent it back' })
  decidedAt!: Date | null;
  @Field(() => String, { nullable: true })
  decidedByName!: string | null;
  @Field(() => String, { nullable: true, description: 'Why it was last sent back (null once accepted)' })
  returnedReason!: string | null;
  @Field(() => [InspectionFindingStep], { description: 'Its rounds, oldest first: each report, 退回 and 验收' })
  steps!: InspectionFindingStep[];
}

@ObjectType({ description: '检查: a superior unit’s inspection of a unit’s electronic document work (seed 000 §23)' })
export class Inspection {
  @Field(() => ID)
  id!: string;
  @Field(() => ID, { description: 'The unit inspected' })
  orgId!: string;
  @Field(() => String)
  orgName!: string;
  @Field(() => ID)
  inspectorOrgId!: string;
  @Field(() => String)
  inspectorOrgName!: string;
  @Field(() => String, { description: 'YYYY-MM-DD (Beijing)' })
  inspectedOn!: string;
  @Field(() => String, { description: '检查人员, as written' })
  inspectors!: string;
  @Field(() => String, { nullable: true })
  summary!: string | null;
  @Field(() => String)
  recordedByName!: string;
  @Field(() => Date)
  recordedAt!: Date;
  @Field(() => String, { description: 'RECTIFYING while an item is due or awaits acceptance; CLOSED when none does' })
  status!: string;
  @Field(() => Int)
  dueCount!: number;
  @Field(() => Int)
  reportedCount!: number;
  @Field(() => Int)
  overdueCount!: number;
  @Field(() => [InspectionFinding])
  findings!: InspectionFinding[];
}

@ObjectType({ description: 'What the platform knows of a unit’s people, beside an inspection’s 人员管理 and 安全措施' })
export class InspectionFacts {
  @Field(() => Int, { description: 'Active accounts' })
  people!: number;
  @Field(() => [String], { description: 'People with no training and assessment recorded (培训考核), by name' })
  untrained!: string[];
  @Field(() => [String], { description: 'People who have not yet replaced their initial password, by name' })
  initialPassword!: string[];
  @Field(() => Int)
  administrators!: number;
}

@InputType({ description: 'One item an inspection looked at' })
export class InspectionFindingInput {
  @Field(() => String, { description: 'SYSTEMS, EQUIPMENT, STAFF, SECURITY, RECEIVING (each once) or OTHER' })
  item!: string;
  @Field(() => Boolean)
  conforms!: boolean;
  @Field(() => String, { description: 'What was found, 1–1,000 characters' })
  finding!: string;
  @Field(() => String, { nullable: true, description: '整改期限 for an item found wanting: from the inspection’s day to a year after' })
  rectifyBy?: string | null;
}

@InputType({ description: 'An inspection, as its inspectors found it' })
export class InspectionInput {
  @Field(() => String, { description: 'YYYY-MM-DD, today or before' })
  inspectedOn!: string;
  @Field(() => String, { description: '检查人员, by name, one line of up to 200 characters' })
  inspectors!: string;
  @Field(() => String, { nullable: true })
  summary?: string | null;
  @Field(() => [InspectionFindingInput], { description: '1–20 items' })
  findings!: InspectionFindingInput[];
}

@InputType({ description: '整改材料: a photo (JPG, PNG), a PDF or OFD scan, a Word, WPS or Excel file; at most 10 MB' })
export class RectificationFileInput {
  @Field(() => String, { description: 'The file’s name, with its ending (.jpg, .pdf, .docx …)' })
  name!: string;
  @Field(() => String, { description: 'The file’s bytes, base64' })
  base64!: string;
}

@Resolver(() => Inspection)
export class InspectionResolver {
  @Query(() => [Inspection], { description: 'Inspections of a unit (your own by default) and the units below it, newest first' })
  async inspections(
    @Arg('orgId', () => ID, { nullable: true }) orgId: string | null,
    @Arg('open', () => Boolean, { defaultValue: false, description: 'Only those with an item still due or awaiting acceptance' }) open: boolean,
    @Ctx() ctx: OrgContext,
  ): Promise<InspectionView[]> {
    return inspectionsOf(ctx, orgId, open);
  }

  @Query(() => Inspection)
  async inspection(@Arg('id', () => ID) id: string, @Ctx() ctx: OrgContext): Promise<InspectionView> {
    return inspection(ctx, id);
  }

  @Query(() => RectificationFileContent, { description: 'A file of a report, for the inspected unit and the unit that decides the item' })
  async rectificationFile(@Arg('id', () => ID) id: string, @Ctx() ctx: OrgContext): Promise<RectificationFileView & { base64: string }> {
    return rectificationFile(ctx, id);
  }

  @Query(() => [InspectionWorkItem], {
    description: 'What waits on you in 检查整改, oldest first: your unit’s items to report, and reports to your unit to accept or send back',
  })
  async inspectionWork(@Ctx() ctx: OrgContext): Promise<InspectionWorkView[]> {
    return inspectionWork(ctx);
  }

  @Query(() => InspectionFacts, { description: 'For the inspectors of a unit and its own administrators and leaders' })
  async inspectionFacts(@Arg('orgId', () => ID) orgId: string, @Ctx() ctx: OrgContext): Promise<StaffFactsView> {
    return inspectionFacts(ctx, orgId);
  }

  @Mutation(() => Inspection, { description: 'Records an inspection of a unit below yours (its administrators and supervisors)' })
  async recordInspection(@Arg('orgId', () => ID) orgId: string, @Arg('input', () => InspectionInput) input: InspectionInput, @Ctx() ctx: OrgContext) {
    return recordInspection(ctx, orgId, input);
  }

  @Mutation(() => Inspection, { description: 'The inspected unit reports what it put right for one item, with its 整改材料 if any' })
  async reportRectification(
    @Arg('findingId', () => ID) findingId: string,
    @Arg('rectification', () => String) rectification: string,
    @Arg('files', () => [RectificationFileInput], { nullable: true, description: 'At most five, each 10 MB at most, 20 MB together' })
    files: RectificationFileInput[] | null,
    @Ctx() ctx: OrgContext,
  ) {
    return reportRectification(ctx, findingId, rectification, files);
  }

  @Mutation(() => Inspection, { description: 'The inspecting unit accepts what was put right' })
  async acceptRectification(@Arg('findingId', () => ID) findingId: string, @Ctx() ctx: OrgContext) {
    return acceptRectification(ctx, findingId);
  }

  @Mutation(() => Inspection, { description: 'The inspecting unit sends it back: the reason, and a new deadline if it sets one' })
  async returnRectification(
    @Arg('findingId', () => ID) findingId: string,
    @Arg('reason', () => String) reason: string,
    @Arg('rectifyBy', () => String, { nullable: true }) rectifyBy: string | null,
    @Ctx() ctx: OrgContext,
  ) {
    return returnRectification(ctx, findingId, reason, rectifyBy);
  }
}

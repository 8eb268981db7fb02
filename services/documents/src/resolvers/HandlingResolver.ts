// The unit's handling of what it signed for (拟办, 批示, 承办, 传阅, 已阅, 催办, 办结), 待办, and the live feed that
// refreshes it. Only maps GraphQL to the use cases in app/handling.ts, circulate.ts, urge.ts and todo.ts.
import type { PublishedEvent } from '@yizhan/common';
import { handlingEventView } from '@yizhan/contracts/documents';
import { Arg, Ctx, Field, ID, InputType, Mutation, ObjectType, Query, Resolver, Root, Subscription } from 'type-graphql';
import { distributeDelivery, markRead } from '../app/circulate.ts';
import { acceptHandling, concludeHandling, instructHandling, proposeHandling } from '../app/handling.ts';
import { subscribeTo, viewOf } from '../app/live-receipts.ts';
import { handlingView, todo } from '../app/todo.ts';
import { overdueHandling, urgeHandling } from '../app/urge.ts';
import type { DocumentsContext } from '../deps.ts';
import { formatIntakeNumber } from '../domain/intake.ts';

@ObjectType({ description: '承办: a section’s part in the handling (主办 LEAD or 协办 ASSIST)' })
export class HandlingTask {
  @Field(() => ID) id!: string;
  @Field(() => ID) sectionId!: string;
  @Field(() => String) sectionName!: string;
  @Field(() => String, { description: 'LEAD (主办) or ASSIST (协办)' }) role!: string;
  @Field(() => Date, { nullable: true }) deadline!: Date | null;
  @Field(() => String, { description: 'ASSIGNED, ACCEPTED (承办), DONE' }) status!: string;
  @Field(() => Boolean, { description: 'Past its deadline and not done' }) overdue!: boolean;
  @Field(() => String, { nullable: true }) acceptedByName!: string | null;
  @Field(() => Date, { nullable: true }) acceptedAt!: Date | null;
  @Field(() => String, { nullable: true }) result!: string | null;
  @Field(() => String, { nullable: true }) doneByName!: string | null;
  @Field(() => Date, { nullable: true }) doneAt!: Date | null;
}

@ObjectType({ description: '传阅: a person the document was distributed to, and their 已阅' })
export class HandlingReader {
  @Field(() => ID) userId!: string;
  @Field(() => String, { description: 'By name' }) name!: string;
  @Field(() => String, { nullable: true }) sectionName!: string | null;
  @Field(() => String) sentByName!: string;
  @Field(() => Date) sentAt!: Date;
  @Field(() => Date, { nullable: true, description: '已阅: when' }) readAt!: Date | null;
  @Field(() => String, { nullable: true }) comment!: string | null;
}

@ObjectType({ description: 'A step of the handling: who (by name), when, what, how (a 催办’s channels)' })
export class HandlingStepEntry {
  @Field(() => String, { description: 'PROPOSE, INSTRUCT, DISTRIBUTE, READ, ACCEPT, URGE, ASSIST_DONE, CONCLUDE' }) action!: string;
  @Field(() => String) actorName!: string;
  @Field(() => String, { nullable: true }) note!: string | null;
  @Field(() => String, { nullable: true, description: 'How a 催办 went: IN_APP, SMS' }) channel!: string | null;
  @Field(() => Date) at!: Date;
}

@ObjectType({ description: 'The unit’s handling of a document it signed for (条例 第二十四条)' })
export class Handling {
  @Field(() => ID) deliveryId!: string;
  @Field(() => ID) documentId!: string;
  @Field(() => String) title!: string;
  @Field(() => String) docNumber!: string;
  @Field(() => String) urgency!: string;
  @Field(() => String, { description: 'REGISTERED, PROPOSED (拟办), INSTRUCTED (批示), HANDLING (承办), CONCLUDED (办结)' }) status!: string;
  @Field(() => String, { description: '办理情况, in words' }) statusText!: string;
  @Field(() => String, { nullable: true, description: '拟办意见' }) proposal!: string | null;
  @Field(() => String, { nullable: true }) proposedByName!: string | null;
  @Field(() => Date, { nullable: true }) proposedAt!: Date | null;
  @Field(() => String, { nullable: true, description: '批示' }) instruction!: string | null;
  @Field(() => String, { nullable: true }) instructedByName!: string | null;
  @Field(() => Date, { nullable: true }) instructedAt!: Date | null;
  @Field(() => Date, { nullable: true, description: 'The 主办 section’s deadline' }) deadline!: Date | null;
  @Field(() => String, { nullable: true, description: '办理结果' }) result!: string | null;
  @Field(() => String, { nullable: true }) concludedByName!: string | null;
  @Field(() => Date, { nullable: true }) concludedAt!: Date | null;
  @Field(() => [HandlingTask]) tasks!: HandlingTask[];
  @Field(() => [HandlingReader]) readers!: HandlingReader[];
  @Field(() => [String], { description: 'Who has not read it yet, by name (no 漏传)' }) unread!: string[];
  @Field(() => [HandlingStepEntry], { description: 'Every step, oldest first' }) history!: HandlingStepEntry[];
}

@ObjectType({ description: 'One thing waiting for you: 拟办, 批示, 承办, 传阅 to read, or a report (报送) to draft' })
export class TodoItem {
  @Field(() => ID) deliveryId!: string;
  @Field(() => String, { description: 'PROPOSE (拟办), INSTRUCT (批示), HANDLE (承办), READ (传阅), REPORT (报送 asked of the unit: for its drafters)' })
  kind!: string;
  @Field(() => String) title!: string;
  @Field(() => String) docNumber!: string;
  @Field(() => String, { description: '收文编号' }) intakeNumber!: string;
  @Field(() => String) urgency!: string;
  @Field(() => Date, { nullable: true }) deadline!: Date | null;
  @Field(() => String, { nullable: true }) sectionName!: string | null;
  @Field(() => Date) since!: Date;
}

@ObjectType({ description: 'A section’s handling past its deadline' })
export class OverdueHandling {
  @Field(() => ID) deliveryId!: string;
  @Field(() => String) title!: string;
  @Field(() => String) docNumber!: string;
  @Field(() => String) intakeNumber!: string;
  @Field(() => ID) sectionId!: string;
  @Field(() => String) sectionName!: string;
  @Field(() => String) role!: string;
  @Field(() => Date) deadline!: Date;
  @Field(() => String) status!: string;
}

@ObjectType({ description: 'The unit’s handling moved on: refetch 待办 (carries no text)' })
export class HandlingEvent {
  @Field(() => ID) deliveryId!: string;
  @Field(() => String) action!: string;
  @Field(() => String, { nullable: true, description: 'For a 催办: BEFORE, DUE or MANUAL' }) kind!: string | null;
  @Field(() => [ID], { description: 'Sections whose 待办 it changes' }) sectionIds!: string[];
  @Field(() => [ID], { description: 'People whose 待办 it changes' }) userIds!: string[];
  @Field(() => Date) occurredAt!: Date;
}

@InputType()
export class SectionDeadlineInput {
  @Field(() => ID) sectionId!: string;
  @Field(() => Date, { nullable: true, description: 'Defaults to the 主办 section’s deadline' }) deadline?: Date | null;
}

@InputType({ description: '批示: who handles it (主办, 协办), by when, and who reads it' })
export class HandlingInstructionInput {
  @Field(() => String) instruction!: string;
  @Field(() => ID, { description: '主办 section' }) leadSectionId!: string;
  @Field(() => Date, { nullable: true, description: 'The 主办 section’s deadline; required for an urgent document' }) deadline?: Date | null;
  @Field(() => [SectionDeadlineInput], { nullable: true, description: '协办 sections' }) assistSections?: SectionDeadlineInput[] | null;
  @Field(() => [ID], { nullable: true, description: 'People to read it (传阅)' }) readerIds?: string[] | null;
  @Field(() => [ID], { nullable: true, description: 'Sections whose people read it (传阅)' }) readerSectionIds?: string[] | null;
}

@Resolver()
export class HandlingResolver {
  @Query(() => Handling, { description: 'A signed-for document’s handling: steps, sections, readers (who has not read), history' })
  async handling(@Arg('deliveryId', () => ID) deliveryId: string, @Ctx() ctx: DocumentsContext) {
    return handlingView(ctx, deliveryId);
  }

  @Query(() => [TodoItem], { description: '待办: your 拟办 (clerks), 批示 (leaders), 承办 (your section), 传阅 to read and 报送 to draft (drafters)' })
  async todo(@Ctx() ctx: DocumentsContext) {
    return todo(ctx);
  }

  @Query(() => [OverdueHandling], { description: 'Your unit’s handling past its deadline: for its office, leaders and supervisors' })
  async overdueHandling(@Ctx() ctx: DocumentsContext): Promise<OverdueHandling[]> {
    return (await overdueHandling(ctx)).map((r) => ({
      deliveryId: r.delivery_id,
      title: r.title,
      docNumber: r.doc_number,
      intakeNumber: formatIntakeNumber(r.year, r.seq),
      sectionId: r.section_id,
      sectionName: r.section_name,
      role: r.role,
      deadline: new Date(r.deadline as string),
      status: r.status,
    }));
  }

  @Mutation(() => Handling, { description: '拟办: the office’s proposed handling (a clerk); may be revised until the 批示' })
  async proposeHandling(@Arg('deliveryId', () => ID) deliveryId: string, @Arg('proposal', () => String) proposal: string, @Ctx() ctx: DocumentsContext) {
    await proposeHandling(ctx, deliveryId, proposal);
    return handlingView(ctx, deliveryId);
  }

  @Mutation(() => Handling, { description: '批示: a leader names the 主办 and 协办 sections, the deadline and the readers; once' })
  async instructHandling(
    @Arg('deliveryId', () => ID) deliveryId: string,
    @Arg('input', () => HandlingInstructionInput) input: HandlingInstructionInput,
    @Ctx() ctx: DocumentsContext,
  ) {
    await instructHandling(ctx, deliveryId, input);
    return handlingView(ctx, deliveryId);
  }

  @Mutation(() => Handling, { description: '承办: your section takes up its part' })
  async acceptHandling(@Arg('deliveryId', () => ID) deliveryId: string, @Ctx() ctx: DocumentsContext) {
    await acceptHandling(ctx, deliveryId);
    return handlingView(ctx, deliveryId);
  }

  @Mutation(() => Handling, { description: '办结: your section records its 办理结果; the 主办 section’s closes the delivery and archives it' })
  async concludeHandling(@Arg('deliveryId', () => ID) deliveryId: string, @Arg('result', () => String) result: string, @Ctx() ctx: DocumentsContext) {
    await concludeHandling(ctx, deliveryId, result);
    return handlingView(ctx, deliveryId);
  }

  @Mutation(() => Handling, { description: '传阅: the office distributes it to people and sections of the unit' })
  async distributeDelivery(
    @Arg('deliveryId', () => ID) deliveryId: string,
    @Arg('userIds', () => [ID], { defaultValue: [] }) userIds: string[],
    @Arg('sectionIds', () => [ID], { defaultValue: [] }) sectionIds: string[],
    @Ctx() ctx: DocumentsContext,
  ) {
    await distributeDelivery(ctx, deliveryId, userIds, sectionIds);
    return handlingView(ctx, deliveryId);
  }

  @Mutation(() => Handling, { description: '已阅: a reader it was distributed to marks it read, with an optional comment' })
  async markHandlingRead(
    @Arg('deliveryId', () => ID) deliveryId: string,
    @Arg('comment', () => String, { nullable: true }) comment: string | null,
    @Ctx() ctx: DocumentsContext,
  ) {
    await markRead(ctx, deliveryId, comment);
    return handlingView(ctx, deliveryId);
  }

  @Mutation(() => Handling, { description: '催办: the office or a leader urges the sections still handling it (or the one named)' })
  async urgeHandling(
    @Arg('deliveryId', () => ID) deliveryId: string,
    @Arg('sectionId', () => ID, { nullable: true }) sectionId: string | null,
    @Arg('note', () => String, { nullable: true }) note: string | null,
    @Ctx() ctx: DocumentsContext,
  ) {
    await urgeHandling(ctx, deliveryId, sectionId, note);
    return handlingView(ctx, deliveryId);
  }

  @Subscription(() => HandlingEvent, {
    description: 'Your unit’s handling moved on (拟办, 批示, 承办, 传阅, 已阅, 催办, 办结): what a 待办 list refreshes on',
    subscribe: subscribeTo('handlingChanged'),
  })
  handlingChanged(@Root() e: PublishedEvent): HandlingEvent {
    return viewOf(handlingEventView(e), e);
  }
}

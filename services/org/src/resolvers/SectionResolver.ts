// 内设机构: a unit's internal sections (not tenants), their duty mobile and members. The unit's administrators set
// them up and staff them; the unit's handling of what it received (documents) assigns work to them.
import { Arg, Ctx, Field, ID, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { assignSection, createSection, type SectionView, sectionsOf, setSectionApprovers, updateSection } from '../app/sections.ts';
import type { OrgContext } from '../deps.ts';

@ObjectType({ description: 'A member of a section, by name' })
export class SectionMember {
  @Field(() => ID)
  id!: string;
  @Field(() => String)
  username!: string;
  @Field(() => String)
  displayName!: string;
}

@ObjectType({ description: '内设机构: an internal section of a unit (办公室, 综合科 …); part of the unit, not a tenant' })
export class Section {
  @Field(() => ID)
  id!: string;
  @Field(() => ID)
  orgId!: string;
  @Field(() => String)
  name!: string;
  @Field(() => String, { nullable: true, description: 'Duty mobile: where reminders (催办) of the section’s handling go by SMS' })
  mobile!: string | null;
  @Field(() => [SectionMember], { description: 'Its people (each belongs to at most one section)' })
  members!: SectionMember[];
  @Field(() => SectionMember, { nullable: true, description: '处室主要负责人: approves the 审核 (APPROVER) steps of what its people draft (seed 000 §11)' })
  head!: SectionMember | null;
  @Field(() => SectionMember, { nullable: true, description: '分管领导: approves its drafts’ leader steps before the 签发 (seed 000 §11)' })
  leader!: SectionMember | null;
}

@Resolver(() => Section)
export class SectionResolver {
  @Query(() => [Section], { description: 'The internal sections of your unit (or of a unit below it), with their members' })
  async sections(@Arg('orgId', () => ID, { nullable: true }) orgId: string | null, @Ctx() ctx: OrgContext): Promise<SectionView[]> {
    return sectionsOf(ctx, orgId);
  }

  @Mutation(() => Section, { description: 'A new section of your unit (or of one below it): its administrators only' })
  async createSection(
    @Arg('name', () => String) name: string,
    @Arg('mobile', () => String, { nullable: true }) mobile: string | null,
    @Arg('orgId', () => ID, { nullable: true }) orgId: string | null,
    @Ctx() ctx: OrgContext,
  ): Promise<SectionView> {
    return createSection(ctx, orgId, name, mobile);
  }

  @Mutation(() => Section, { description: 'Renames a section or changes its duty mobile' })
  async updateSection(
    @Arg('id', () => ID) id: string,
    @Arg('name', () => String) name: string,
    @Arg('mobile', () => String, { nullable: true }) mobile: string | null,
    @Ctx() ctx: OrgContext,
  ): Promise<SectionView> {
    return updateSection(ctx, id, name, mobile);
  }

  @Mutation(() => Section, { description: 'Names a section’s 处室主要负责人 and 分管领导 (null: none, the unit’s approvers and leaders approve)' })
  async setSectionApprovers(
    @Arg('id', () => ID) id: string,
    @Arg('headId', () => ID, { nullable: true }) headId: string | null,
    @Arg('leaderId', () => ID, { nullable: true }) leaderId: string | null,
    @Ctx() ctx: OrgContext,
  ): Promise<SectionView> {
    return setSectionApprovers(ctx, id, headId, leaderId);
  }

  @Mutation(() => Section, { nullable: true, description: 'Puts a person in a section of their unit (null: in none); answers their section' })
  async assignSection(
    @Arg('userId', () => ID) userId: string,
    @Arg('sectionId', () => ID, { nullable: true }) sectionId: string | null,
    @Ctx() ctx: OrgContext,
  ): Promise<SectionView | null> {
    return assignSection(ctx, userId, sectionId);
  }
}

// 自动催办规则 (issue 16): the escalation rules in effect for a unit, and their administration.
import { Arg, Ctx, Field, ID, InputType, Int, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { escalationRules, setEscalationRules } from '../app/escalation-rules.ts';
import type { OrgContext } from '../deps.ts';

@ObjectType({ description: 'One step of a unit’s automatic 催办: so long after a delivery’s due time, urge these people by these channels' })
export class EscalationStep {
  @Field(() => Int, { description: 'Minutes after the delivery’s due time (0: at the due time)' })
  afterMinutes!: number;
  @Field(() => String, { description: 'CONTACTS (the unit’s registered contacts) or LEADERS (its people with role LEADER)' })
  to!: string;
  @Field(() => [String], { description: 'IN_APP and/or SMS' })
  channels!: string[];
}

@InputType({ description: 'One step of a unit’s automatic 催办' })
export class EscalationStepInput {
  @Field(() => Int, { description: 'Minutes after the delivery’s due time, 0–10080 (0: at the due time), each step later than the one before' })
  afterMinutes!: number;
  @Field(() => String, { description: 'CONTACTS or LEADERS' })
  to!: string;
  @Field(() => [String], { description: 'IN_APP and/or SMS' })
  channels!: string[];
}

@ObjectType({ description: '自动催办规则 in effect for a unit: its own, inherited from the nearest unit above it that has some, or none' })
export class EscalationRules {
  @Field(() => ID)
  orgId!: string;
  @Field(() => String)
  orgName!: string;
  @Field(() => [EscalationStep], { description: 'The steps in order; empty: no automatic 催办' })
  steps!: EscalationStep[];
  @Field(() => Boolean, { description: 'Whether these are the unit’s own rules (else inherited)' })
  own!: boolean;
  @Field(() => ID, { nullable: true, description: 'The unit the rules come from' })
  sourceOrgId!: string | null;
  @Field(() => String, { nullable: true })
  sourceOrgName!: string | null;
}

@Resolver()
export class EscalationResolver {
  @Query(() => EscalationRules, {
    description: 'The automatic 催办 rules in effect for a unit (the caller’s own when none is named), and where they come from',
  })
  async escalationRules(@Arg('orgId', () => ID, { nullable: true }) orgId: string | null, @Ctx() ctx: OrgContext): Promise<EscalationRules> {
    return escalationRules(orgId, ctx);
  }

  @Mutation(() => EscalationRules, {
    description:
      'Set a unit’s own automatic 催办 rules (1–5 steps), or clear them (steps null) to inherit those of the units above it again. Its administrators (and those above it) only.',
  })
  async setEscalationRules(
    @Arg('orgId', () => ID) orgId: string,
    @Arg('steps', () => [EscalationStepInput], { nullable: true }) steps: EscalationStepInput[] | null,
    @Ctx() ctx: OrgContext,
  ): Promise<EscalationRules> {
    return setEscalationRules(
      orgId,
      steps?.map((s) => ({ afterMinutes: s.afterMinutes, to: s.to as 'CONTACTS' | 'LEADERS', channels: s.channels as ('IN_APP' | 'SMS')[] })) ?? null,
      ctx,
    );
  }
}

import { ArrayType, OptionalProps } from '@mikro-orm/core';
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { GraphQLJSON } from 'graphql-scalars';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import type { OrgKind, OrgLevel } from '../domain/enums.ts';
import { DirectionEnum, EffectEnum, OrgKind as OrgKindEnum, OrgLevel as OrgLevelEnum, SideEnum } from '../domain/enums.ts';
import type { Direction, Effect, Side } from '../domain/routing.ts';

/** A routing rule: who may send what to whom, attached to a unit and applying within its subtree. */
@ObjectType({ description: 'A routing rule: who may send what to whom within the subtree of the unit it is attached to' })
@Entity({ tableName: 'routing_rules' })
export class RoutingRule {
  [OptionalProps]?: 'createdAt' | 'updatedAt';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Field(() => ID, { description: 'The unit the rule is attached to' })
  @Property({ type: 'uuid' })
  orgId!: string;

  @Field(() => String)
  @Property({ type: 'string', columnType: 'ltree' })
  orgPath!: string;

  @Field(() => String, { description: 'What the rule says, in the words its readers use, e.g. “县级单位向省级只报送一种简报”' })
  @Property({ type: 'string' })
  name!: string;

  @Field(() => SideEnum, { description: 'SENDER: applies to senders in the subtree; RECEIVER: to receivers in it' })
  @Property({ type: 'string' })
  side!: Side;

  @Field(() => DirectionEnum)
  @Property({ type: 'string' })
  direction!: Direction;

  @Field(() => EffectEnum)
  @Property({ type: 'string' })
  effect!: Effect;

  @Field(() => [OrgLevelEnum], { nullable: true, description: 'Null: any level' })
  @Property({ type: ArrayType, columnType: 'text[]', nullable: true })
  senderLevels!: OrgLevel[] | null;

  @Field(() => [OrgKindEnum], { nullable: true })
  @Property({ type: ArrayType, columnType: 'text[]', nullable: true })
  senderKinds!: OrgKind[] | null;

  @Field(() => [OrgLevelEnum], { nullable: true })
  @Property({ type: ArrayType, columnType: 'text[]', nullable: true })
  receiverLevels!: OrgLevel[] | null;

  @Field(() => [OrgKindEnum], { nullable: true })
  @Property({ type: ArrayType, columnType: 'text[]', nullable: true })
  receiverKinds!: OrgKind[] | null;

  @Field(() => [String], { nullable: true, description: '文种 the rule covers; null: every type' })
  @Property({ type: ArrayType, columnType: 'text[]', nullable: true })
  docTypes!: string[] | null;

  @Field(() => Int, { nullable: true, description: 'Levels between sender and receiver at most (0: same level)' })
  @Property({ type: 'integer', nullable: true })
  maxDepth!: number | null;

  @Field(() => Date)
  @Property({ type: 'Date' })
  createdAt: Date = new Date();

  @Field(() => Date)
  @Property({ type: 'Date' })
  updatedAt: Date = new Date();
}

/** One change to a routing rule: who, when, and the rule before and after. */
@ObjectType()
@Entity({ tableName: 'routing_rule_audit' })
export class RoutingRuleChange {
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @Field(() => ID)
  @Property({ type: 'uuid' })
  ruleId!: string;

  @Property({ type: 'string', columnType: 'ltree' })
  orgPath!: string;

  @Field(() => String)
  @Property({ type: 'string' })
  action!: 'CREATE' | 'UPDATE' | 'DELETE';

  @Field(() => ID)
  @Property({ type: 'uuid' })
  actorId!: string;

  @Field(() => String, { deprecationReason: 'A person is shown by name: actorName' })
  @Property({ type: 'string' })
  actorUsername!: string;

  @Field(() => String, { nullable: true, description: 'Who made the change, by name' })
  @Property({ type: 'string', nullable: true })
  actorName: string | null = null;

  @Field(() => Date)
  @Property({ type: 'Date' })
  at: Date = new Date();

  @Field(() => GraphQLJSON, { nullable: true, description: 'The rule before the change' })
  @Property({ type: 'json', nullable: true })
  before!: unknown;

  @Field(() => GraphQLJSON, { nullable: true, description: 'The rule after the change' })
  @Property({ type: 'json', nullable: true })
  after!: unknown;
}

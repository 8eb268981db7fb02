import { ArrayType, OptionalProps } from '@mikro-orm/core';
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Field, ID, ObjectType } from 'type-graphql';

/** 分发组: a saved list of recipient units, e.g. seed 002's 48 units of the second deployment batch. */
@ObjectType({ description: 'A saved list of recipient units' })
@Entity({ tableName: 'distribution_lists' })
export class DistributionList {
  [OptionalProps]?: 'createdAt' | 'updatedAt';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Field(() => ID)
  @Property({ type: 'uuid' })
  orgId!: string;

  @Property({ type: 'string', columnType: 'ltree' })
  orgPath!: string;

  @Field(() => String)
  @Property({ type: 'string' })
  name!: string;

  @Field(() => [ID])
  @Property({ type: ArrayType, columnType: 'uuid[]' })
  memberIds!: string[];

  @Field(() => Date)
  @Property({ type: 'Date' })
  createdAt: Date = new Date();

  @Field(() => Date)
  @Property({ type: 'Date' })
  updatedAt: Date = new Date();
}

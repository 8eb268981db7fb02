import { OptionalProps } from '@mikro-orm/core';
import { Entity, Enum, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { OrgKind, OrgLevel, OrgStatus } from '../domain/enums.ts';

/** 单位: a government unit, one tenant of the platform. */
@ObjectType({ description: '单位: a government unit and tenant of the platform' })
@Directive('@key(fields: "id")')
@Entity({ tableName: 'orgs' })
export class Org {
  [OptionalProps]?: 'status' | 'closedAt' | 'closedReason' | 'mergedIntoId' | 'archiveCustodianId' | 'createdAt' | 'updatedAt';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Field(() => String, { description: 'Administrative division code or unified social credit code' })
  @Property({ type: 'string', unique: true })
  code!: string;

  @Field(() => String, { description: 'Full name, e.g. 西安市人民政府' })
  @Property({ type: 'string' })
  name!: string;

  @Field(() => String, { description: 'Short name, e.g. 西安市' })
  @Property({ type: 'string' })
  shortName!: string;

  @Field(() => OrgLevel)
  @Enum({ items: () => OrgLevel, type: 'string' })
  level!: OrgLevel;

  @Field(() => OrgKind)
  @Enum({ items: () => OrgKind, type: 'string' })
  kind!: OrgKind;

  @Property({ type: 'uuid', nullable: true })
  parentId!: string | null;

  @Field(() => String, { description: 'Position in the hierarchy as an ltree path, e.g. p61.c6101.k610102' })
  @Property({ type: 'string', columnType: 'ltree', unique: true })
  path!: string;

  @Field(() => OrgStatus)
  @Enum({ items: () => OrgStatus, type: 'string' })
  status: OrgStatus = OrgStatus.ACTIVE;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'Date', nullable: true })
  closedAt: Date | null = null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', nullable: true })
  closedReason: string | null = null;

  @Property({ type: 'uuid', nullable: true })
  mergedIntoId: string | null = null;

  /** A closed unit: the unit that keeps its archive (seed 003 §9(2)). */
  @Property({ type: 'uuid', nullable: true })
  archiveCustodianId: string | null = null;

  @Field(() => Date)
  @Property({ type: 'Date' })
  createdAt: Date = new Date();

  @Property({ type: 'Date', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}

/** One entry of a unit's name history: the names it carried and when they changed. */
@ObjectType()
@Entity({ tableName: 'org_names' })
export class OrgName {
  [OptionalProps]?: 'validTo' | 'reason';

  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @Property({ type: 'uuid' })
  orgId!: string;

  @Property({ type: 'string', columnType: 'ltree' })
  orgPath!: string;

  @Field(() => String)
  @Property({ type: 'string' })
  name!: string;

  @Field(() => String)
  @Property({ type: 'string' })
  shortName!: string;

  @Field(() => Date)
  @Property({ type: 'Date' })
  validFrom!: Date;

  @Field(() => Date, { nullable: true, description: 'Null for the current name' })
  @Property({ type: 'Date', nullable: true })
  validTo: Date | null = null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', nullable: true })
  reason: string | null = null;
}

import { ArrayType, OptionalProps } from '@mikro-orm/core';
import { Entity, Enum, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { type Role, Role as RoleEnum, UserStatus } from '../domain/enums.ts';

/** 使用人员: one person, one account (seed 004 §6), belonging to one unit. */
@ObjectType({ description: '使用人员: one person, one account' })
@Directive('@key(fields: "id")')
@Entity({ tableName: 'users' })
export class User {
  [OptionalProps]?:
    | 'roles'
    | 'mustChangePassword'
    | 'passwordChangedAt'
    | 'failedLogins'
    | 'lockedAt'
    | 'lastLoginAt'
    | 'resetRequestedAt'
    | 'trainedOn'
    | 'trainingNote'
    | 'post'
    | 'status'
    | 'createdAt';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Field(() => ID)
  @Property({ type: 'uuid' })
  orgId!: string;

  @Property({ type: 'string', columnType: 'ltree' })
  orgPath!: string;

  @Field(() => String)
  @Property({ type: 'string', unique: true })
  username!: string;

  @Field(() => String)
  @Property({ type: 'string' })
  displayName!: string;

  @Field(() => [RoleEnum])
  @Property({ type: ArrayType, columnType: 'text[]' })
  roles: Role[] = [];

  @Field(() => String, { nullable: true, description: '职务 (省长, 办公厅主任): printed beside a 命令’s 签发人; set by the unit’s administrators' })
  @Property({ type: 'string', nullable: true })
  post: string | null = null;

  /** The person's own mobile (11 digits), shown through UserResolver.mobile to the person and the unit's administrators. */
  @Property({ type: 'string', nullable: true })
  mobile: string | null = null;

  @Property({ type: 'string', hidden: true })
  passwordHash!: string;

  @Field(() => Boolean, { description: 'Set for a new or reset account: the next login must choose a new password' })
  @Property({ type: 'boolean' })
  mustChangePassword = true;

  @Property({ type: 'Date', nullable: true })
  passwordChangedAt: Date | null = null;

  @Field(() => Int)
  @Property({ type: 'integer' })
  failedLogins = 0;

  @Field(() => Date, { nullable: true, description: 'When the account was locked (before issue 14: failed logins now delay, never lock); an admin unlocks it' })
  @Property({ type: 'Date', nullable: true })
  lockedAt: Date | null = null;

  @Field(() => String, { nullable: true, description: '培训考核: the day (YYYY-MM-DD, Beijing) the person passed the training and its assessment' })
  @Property({ type: 'string', columnType: 'date', nullable: true })
  trainedOn: string | null = null;

  @Field(() => String, { nullable: true, description: '培训考核: what the training was (e.g. 2026年全省电子公文传输培训)' })
  @Property({ type: 'string', nullable: true })
  trainingNote: string | null = null;

  @Field(() => Date, { nullable: true, description: '忘记密码: when the person asked from the login page for a reset, until an administrator resets it' })
  @Property({ type: 'Date', nullable: true })
  resetRequestedAt: Date | null = null;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'Date', nullable: true })
  lastLoginAt: Date | null = null;

  @Field(() => UserStatus)
  @Enum({ items: () => UserStatus, type: 'string' })
  status: UserStatus = UserStatus.ACTIVE;

  @Field(() => Date)
  @Property({ type: 'Date' })
  createdAt: Date = new Date();
}

import { ArrayType, OptionalProps } from '@mikro-orm/core';
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Field, ID, ObjectType } from 'type-graphql';

/** An API token of a unit, for its own OA system to read the inbox and sign for deliveries. */
@ObjectType({ description: 'An API token issued to a unit for its own OA system (the token itself is shown only once)' })
@Entity({ tableName: 'api_tokens' })
export class ApiToken {
  [OptionalProps]?: 'createdAt' | 'revokedAt' | 'createdByName';

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

  @Field(() => [String])
  @Property({ type: ArrayType, columnType: 'text[]' })
  roles!: string[];

  @Field(() => ID)
  @Property({ type: 'uuid' })
  createdBy!: string;

  @Field(() => String, { nullable: true, description: 'Who issued the token, by name' })
  @Property({ type: 'string', nullable: true })
  createdByName: string | null = null;

  @Field(() => Date)
  @Property({ type: 'Date' })
  createdAt: Date = new Date();

  @Field(() => Date)
  @Property({ type: 'Date' })
  expiresAt!: Date;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'Date', nullable: true })
  revokedAt: Date | null = null;
}

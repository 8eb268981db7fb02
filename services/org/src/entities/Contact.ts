import { OptionalProps } from '@mikro-orm/core';
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Field, ID, ObjectType } from 'type-graphql';

/** 联系人: a member of staff a unit files as handling document transmission (seeds 000 §13, 001 §32, 002 §8). */
@ObjectType({ description: 'A registered transmission contact of a unit, alerted for urgent documents' })
@Entity({ tableName: 'contacts' })
export class Contact {
  [OptionalProps]?: 'mobile' | 'urgentAlerts' | 'updatedAt';

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

  @Field(() => String, { description: 'Post, e.g. 办公室主任, 收文员' })
  @Property({ type: 'string' })
  post!: string;

  @Field(() => String, { description: 'Office telephone' })
  @Property({ type: 'string' })
  phone!: string;

  @Field(() => String, { nullable: true, description: 'Mobile number, used for urgent alerts outside working hours' })
  @Property({ type: 'string', nullable: true })
  mobile: string | null = null;

  @Field(() => Boolean, { description: 'Alerted at once, day or night, for 特急/加急 documents and 明传电报' })
  @Property({ type: 'boolean' })
  urgentAlerts = true;

  @Field(() => Date)
  @Property({ type: 'Date' })
  updatedAt: Date = new Date();
}

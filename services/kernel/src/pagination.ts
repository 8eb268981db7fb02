// Cursor pagination's page information, shared by every subgraph (marked shareable for federation).
import 'reflect-metadata';
import { Directive, Field, ObjectType } from 'type-graphql';

@ObjectType({ description: 'Where a page ends, and whether another follows' })
@Directive('@shareable')
export class PageInfo {
  @Field(() => String, { nullable: true })
  endCursor!: string | null;
  @Field(() => Boolean)
  hasNextPage!: boolean;
}

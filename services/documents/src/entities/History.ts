import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { GraphQLJSON } from 'graphql-scalars';
import { Field, ID, Int, ObjectType } from 'type-graphql';

/** A kept version of a draft: the elements as they were before an edit. */
@ObjectType({ description: 'A kept version of a draft' })
@Entity({ tableName: 'document_versions' })
export class DocumentVersion {
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @Property({ type: 'uuid' })
  documentId!: string;

  @Property({ type: 'string', columnType: 'ltree' })
  orgPath!: string;

  @Field(() => Int)
  @Property({ type: 'integer' })
  version!: number;

  @Field(() => GraphQLJSON, { description: 'The draft’s elements at this version' })
  @Property({ type: 'json' })
  snapshot!: unknown;

  @Field(() => ID)
  @Property({ type: 'uuid' })
  editedBy!: string;

  @Field(() => String)
  @Property({ type: 'string' })
  editedByName!: string;

  @Field(() => Date)
  @Property({ type: 'Date' })
  editedAt: Date = new Date();
}

/** One step of approval: who, when, what, why. */
@ObjectType({ description: 'One recorded step of approval' })
@Entity({ tableName: 'approval_steps' })
export class ApprovalStep {
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @Property({ type: 'uuid' })
  documentId!: string;

  @Property({ type: 'string', columnType: 'ltree' })
  orgPath!: string;

  @Field(() => Int)
  @Property({ type: 'integer' })
  step!: number;

  @Field(() => String, { nullable: true, description: 'The approving role at this step' })
  @Property({ type: 'string', nullable: true })
  role!: string | null;

  @Field(() => String, { description: 'SUBMITTED, APPROVED or REJECTED' })
  @Property({ type: 'string' })
  action!: 'SUBMITTED' | 'APPROVED' | 'REJECTED';

  @Field(() => ID)
  @Property({ type: 'uuid' })
  userId!: string;

  @Field(() => String)
  @Property({ type: 'string' })
  userName!: string;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', nullable: true })
  comment!: string | null;

  @Field(() => Date)
  @Property({ type: 'Date' })
  at: Date = new Date();
}

/** A file a unit uploaded, available to attach to its drafts. */
@Entity({ tableName: 'uploads' })
export class Upload {
  @PrimaryKey({ type: 'uuid' })
  orgId!: string;

  @PrimaryKey({ type: 'string' })
  sha256!: string;

  @Property({ type: 'string', columnType: 'ltree' })
  orgPath!: string;

  @Property({ type: 'integer' })
  size!: number;

  @Property({ type: 'string' })
  contentType!: string;

  @Property({ type: 'string' })
  filename!: string;

  @Property({ type: 'uuid' })
  uploadedBy!: string;

  @Property({ type: 'Date' })
  uploadedAt: Date = new Date();
}

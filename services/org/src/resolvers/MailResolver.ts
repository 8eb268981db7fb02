// 内部邮件 (seed 003 §33(一)): messages between a few people, with attachments of 20 MB at most together. Each field
// maps to its use case (app/mail.ts).
import { Arg, Ctx, Field, ID, InputType, Int, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { mailAttachmentOf, mailboxOf, mailDirectoryOf, mailUnreadOf, markMailRead, putAwayMail, readMail, sendMail } from '../app/mail.ts';
import type { OrgContext } from '../deps.ts';

@ObjectType({ description: 'Someone the caller may write to: of their own unit, the unit above it or a unit directly below it' })
export class MailPerson {
  @Field(() => ID)
  id!: string;
  @Field(() => String)
  name!: string;
  @Field(() => String)
  orgName!: string;
}

@ObjectType({ description: 'A recipient of a message' })
export class MailRecipient {
  @Field(() => ID)
  id!: string;
  @Field(() => String)
  name!: string;
  @Field(() => String)
  orgName!: string;
  @Field(() => String, { description: 'TO (收件人) or CC (抄送)' })
  kind!: string;
  @Field(() => Date, { nullable: true, description: 'When they first read it: for its sender to see (and the recipient their own)' })
  readAt!: Date | null;
}

@ObjectType({ description: 'An attachment of a message; its bytes through mailAttachment' })
export class MailAttachment {
  @Field(() => ID)
  id!: string;
  @Field(() => String)
  name!: string;
  @Field(() => String)
  contentType!: string;
  @Field(() => Int, { description: 'Bytes' })
  size!: number;
  @Field(() => String)
  sha256!: string;
}

@ObjectType({ description: 'An attachment with its bytes' })
export class MailAttachmentContent extends MailAttachment {
  @Field(() => String)
  base64!: string;
}

@ObjectType({ description: 'A message as a folder lists it' })
export class MailSummary {
  @Field(() => ID)
  id!: string;
  @Field(() => String)
  subject!: string;
  @Field(() => ID)
  senderId!: string;
  @Field(() => String)
  senderName!: string;
  @Field(() => String)
  senderOrgName!: string;
  @Field(() => Date)
  sentAt!: Date;
  @Field(() => Date, { nullable: true, description: 'In the inbox, when the caller read it (null: unread); null in SENT' })
  readAt!: Date | null;
  @Field(() => [String], { description: 'Its recipients by name' })
  recipientNames!: string[];
  @Field(() => Int)
  attachmentCount!: number;
}

@ObjectType({ description: '内部邮件: a message between a few people (seed 003 §33(一))' })
export class MailMessage {
  @Field(() => ID)
  id!: string;
  @Field(() => String)
  subject!: string;
  @Field(() => String)
  body!: string;
  @Field(() => ID)
  senderId!: string;
  @Field(() => String)
  senderName!: string;
  @Field(() => String)
  senderOrgName!: string;
  @Field(() => Date)
  sentAt!: Date;
  @Field(() => [MailRecipient])
  recipients!: MailRecipient[];
  @Field(() => [MailAttachment])
  attachments!: MailAttachment[];
}

@InputType({ description: 'An attachment: any file, 20 MB at most with the others of the message' })
export class MailAttachmentInput {
  @Field(() => String, { description: 'The file name, 1–100 characters' })
  name!: string;
  @Field(() => String, { description: 'The file’s bytes, base64' })
  base64!: string;
}

@InputType({ description: 'A message to a few people' })
export class MailInput {
  @Field(() => String, { description: '1–200 characters, one line' })
  subject!: string;
  @Field(() => String, { defaultValue: '', description: 'At most 20,000 characters' })
  body!: string;
  @Field(() => [ID], { description: '收件人: people of your unit, the unit above it or the units directly below it (mailDirectory)' })
  to!: string[];
  @Field(() => [ID], { nullable: true, description: '抄送' })
  cc?: string[] | null;
  @Field(() => [MailAttachmentInput], { nullable: true, description: 'At most ten, 20 MB together (seed 003 §33(一))' })
  attachments?: MailAttachmentInput[] | null;
}

@Resolver()
export class MailResolver {
  @Query(() => [MailPerson], { description: 'Whom you may write to, by a part of their name or their unit’s name (50 at most, your own unit first)' })
  async mailDirectory(@Arg('search', () => String, { nullable: true }) search: string | null, @Ctx() ctx: OrgContext) {
    return mailDirectoryOf(ctx, search ?? null);
  }

  @Query(() => [MailSummary], { description: 'Your mail: INBOX (what came to you) or SENT, newest first; `before` a message’s id for the next page' })
  async mailbox(
    @Arg('folder', () => String, { defaultValue: 'INBOX' }) folder: string,
    @Arg('first', () => Int, { defaultValue: 50 }) first: number,
    @Arg('before', () => ID, { nullable: true }) before: string | null,
    @Ctx() ctx: OrgContext,
  ) {
    return mailboxOf(ctx, folder, first, before ?? null);
  }

  @Query(() => Int, {
    nullable: true,
    description: 'Messages that came to you and you have not read (nullable: asked beside other services’ counts, it never takes theirs down with it)',
  })
  async mailUnread(@Ctx() ctx: OrgContext) {
    return mailUnreadOf(ctx);
  }

  @Query(() => MailMessage, { description: 'A message you sent or received' })
  async mailMessage(@Arg('id', () => ID) id: string, @Ctx() ctx: OrgContext) {
    return readMail(ctx, id);
  }

  @Query(() => MailAttachmentContent, { description: 'An attachment with its bytes, for the sender and the recipients of its message' })
  async mailAttachment(@Arg('id', () => ID) id: string, @Ctx() ctx: OrgContext) {
    return mailAttachmentOf(ctx, id);
  }

  @Mutation(() => MailMessage, { description: '内部邮件: send a message to a few people, with attachments of 20 MB at most together (each scanned)' })
  async sendMail(@Arg('input', () => MailInput) input: MailInput, @Ctx() ctx: OrgContext) {
    return sendMail(ctx, input);
  }

  @Mutation(() => MailMessage, { description: 'You, a recipient, have read the message: its sender sees when' })
  async markMailRead(@Arg('id', () => ID) id: string, @Ctx() ctx: OrgContext) {
    return markMailRead(ctx, id);
  }

  @Mutation(() => Boolean, { description: 'Take a message out of your folders (the others keep theirs)' })
  async putAwayMail(@Arg('id', () => ID) id: string, @Ctx() ctx: OrgContext) {
    return putAwayMail(ctx, id);
  }
}

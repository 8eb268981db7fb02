// The SQL of 内部邮件: messages, their recipients and attachments, read and written under row-level security by the
// person (migration 0033: the sender and the recipients of a message see it, nobody else). Instants are read as text.
import type { EntityManager } from '@mikro-orm/postgresql';
import { sql } from 'kysely';
import type { CleanAttachment } from '../domain/mail.ts';
import { withDb } from './sql.ts';

export interface MailPerson {
  id: string;
  name: string;
  orgId: string;
  orgName: string;
}

/** Whom the caller may write to (`org.mail_directory`): by a part of a name or unit name, or by ids. */
export async function mailDirectory(em: EntityManager, opts: { search?: string | null; ids?: string[]; limit: number }): Promise<MailPerson[]> {
  const rows = await withDb(em, (db) =>
    db
      .selectFrom(
        sql<{ id: string; display_name: string; org_id: string; org_name: string }>`org.mail_directory(${opts.search ?? null}, ${
          opts.ids ? sql`${`{${opts.ids.join(',')}}`}::uuid[]` : sql`null::uuid[]`
        }, ${opts.limit})`.as('d'),
      )
      .select(['id', 'display_name', 'org_id', 'org_name'])
      .execute(),
  );
  return rows.map((r) => ({ id: r.id, name: r.display_name, orgId: r.org_id, orgName: r.org_name }));
}

export interface NewMail {
  id: string;
  senderId: string;
  senderName: string;
  senderOrgId: string;
  senderOrgName: string;
  subject: string;
  body: string;
  recipients: { person: MailPerson; kind: 'TO' | 'CC' }[];
  attachments: CleanAttachment[];
}

/** Stores a message with its recipients and attachments (in the caller's transaction). */
export async function insertMail(em: EntityManager, m: NewMail): Promise<void> {
  await withDb(em, async (db) => {
    const { sent_at } = await db
      .insertInto('org.mail_messages')
      .values({
        id: m.id,
        sender_id: m.senderId,
        sender_name: m.senderName,
        sender_org_id: m.senderOrgId,
        sender_org_name: m.senderOrgName,
        subject: m.subject,
        body: m.body,
        attachment_bytes: String(m.attachments.reduce((n, a) => n + a.content.length, 0)),
      })
      .returning(sql<string>`sent_at::text`.as('sent_at'))
      .executeTakeFirstOrThrow();
    await db
      .insertInto('org.mail_recipients')
      .values(
        m.recipients.map((r) => ({
          message_id: m.id,
          user_id: r.person.id,
          user_name: r.person.name,
          org_name: r.person.orgName,
          sender_id: m.senderId,
          kind: r.kind,
          sent_at,
        })),
      )
      .execute();
    if (m.attachments.length)
      await db
        .insertInto('org.mail_attachments')
        .values(
          m.attachments.map((a, i) => ({
            id: crypto.randomUUID(),
            message_id: m.id,
            sender_id: m.senderId,
            position: i,
            name: a.name,
            content_type: a.contentType,
            size: a.content.length,
            sha256: a.sha256,
            content: a.content,
          })),
        )
        .execute();
  });
}

export interface MailSummary {
  id: string;
  subject: string;
  senderId: string;
  senderName: string;
  senderOrgName: string;
  sentAt: Date;
  /** The caller's own reading, in their inbox; null in the sent folder. */
  readAt: Date | null;
  recipientNames: string[];
  attachmentCount: number;
}

type SummaryRow = {
  id: string;
  subject: string;
  sender_id: string;
  sender_name: string;
  sender_org_name: string;
  sent_at: string;
  read_at: string | null;
  recipient_names: string[] | null;
  attachment_count: number;
};

const toSummary = (r: SummaryRow): MailSummary => ({
  id: r.id,
  subject: r.subject,
  senderId: r.sender_id,
  senderName: r.sender_name,
  senderOrgName: r.sender_org_name,
  sentAt: new Date(r.sent_at),
  readAt: r.read_at ? new Date(r.read_at) : null,
  recipientNames: r.recipient_names ?? [],
  attachmentCount: Number(r.attachment_count),
});

/** A folder of the caller's, newest first, `limit` at a time from after the message `before` (keyset). */
export async function mailbox(em: EntityManager, userId: string, folder: 'INBOX' | 'SENT', limit: number, before: string | null): Promise<MailSummary[]> {
  const names = sql<string[]>`(select array_agg(x.user_name order by x.kind desc, x.user_name) from org.mail_recipients x where x.message_id = m.id)`;
  const files = sql<number>`(select count(*)::int from org.mail_attachments a where a.message_id = m.id)`;
  const { rows } =
    folder === 'INBOX'
      ? await withDb(em, (db) =>
          sql<SummaryRow>`
            select m.id, m.subject, m.sender_id, m.sender_name, m.sender_org_name, r.sent_at::text as sent_at, r.read_at::text as read_at,
                   ${names} as recipient_names, ${files} as attachment_count
              from org.mail_recipients r join org.mail_messages m on m.id = r.message_id
             where r.user_id = ${userId}::uuid and r.deleted_at is null
               and (${before}::uuid is null or (r.sent_at, r.message_id) <
                    (select b.sent_at, b.message_id from org.mail_recipients b where b.message_id = ${before}::uuid and b.user_id = ${userId}::uuid))
             order by r.sent_at desc, r.message_id desc
             limit ${limit}`.execute(db),
        )
      : await withDb(em, (db) =>
          sql<SummaryRow>`
            select m.id, m.subject, m.sender_id, m.sender_name, m.sender_org_name, m.sent_at::text as sent_at, null as read_at,
                   ${names} as recipient_names, ${files} as attachment_count
              from org.mail_messages m
             where m.sender_id = ${userId}::uuid and m.sender_deleted_at is null
               and (${before}::uuid is null or (m.sent_at, m.id) < (select b.sent_at, b.id from org.mail_messages b where b.id = ${before}::uuid))
             order by m.sent_at desc, m.id desc
             limit ${limit}`.execute(db),
        );
  return rows.map(toSummary);
}

/** How many messages in the caller's inbox they have not read. */
export async function unreadMail(em: EntityManager, userId: string): Promise<number> {
  const row = await withDb(em, (db) =>
    db
      .selectFrom('org.mail_recipients')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('user_id', '=', userId)
      .where('read_at', 'is', null)
      .where('deleted_at', 'is', null)
      .executeTakeFirst(),
  );
  return Number(row?.n ?? 0);
}

export interface MailRecipientRow {
  id: string;
  name: string;
  orgName: string;
  kind: string;
  readAt: Date | null;
}
export interface MailAttachmentMeta {
  id: string;
  name: string;
  contentType: string;
  size: number;
  sha256: string;
}
export interface MailMessage {
  id: string;
  subject: string;
  body: string;
  senderId: string;
  senderName: string;
  senderOrgName: string;
  sentAt: Date;
  senderDeletedAt: Date | null;
  recipients: MailRecipientRow[];
  attachments: MailAttachmentMeta[];
}

/** A message the caller sent or received, with its recipients and its attachments' names (no content); null when it
 * is neither (row-level security). */
export async function mailMessage(em: EntityManager, id: string): Promise<MailMessage | null> {
  return withDb(em, async (db) => {
    const m = await db
      .selectFrom('org.mail_messages')
      .select([
        'id',
        'subject',
        'body',
        'sender_id',
        'sender_name',
        'sender_org_name',
        sql<string>`sent_at::text`.as('sent_at'),
        sql<string | null>`sender_deleted_at::text`.as('sender_deleted_at'),
      ])
      .where('id', '=', id)
      .executeTakeFirst();
    if (!m) return null;
    const recipients = await db
      .selectFrom('org.mail_recipients')
      .select(['user_id', 'user_name', 'org_name', 'kind', sql<string | null>`read_at::text`.as('read_at')])
      .where('message_id', '=', id)
      .orderBy('kind', 'desc')
      .orderBy('user_name')
      .execute();
    const attachments = await db
      .selectFrom('org.mail_attachments')
      .select(['id', 'name', 'content_type', 'size', 'sha256'])
      .where('message_id', '=', id)
      .orderBy('position')
      .execute();
    return {
      id: m.id,
      subject: m.subject,
      body: m.body,
      senderId: m.sender_id,
      senderName: m.sender_name,
      senderOrgName: m.sender_org_name,
      sentAt: new Date(m.sent_at),
      senderDeletedAt: m.sender_deleted_at ? new Date(m.sender_deleted_at) : null,
      recipients: recipients.map((r) => ({
        id: r.user_id,
        name: r.user_name,
        orgName: r.org_name,
        kind: r.kind,
        readAt: r.read_at ? new Date(r.read_at) : null,
      })),
      attachments: attachments.map((a) => ({ id: a.id, name: a.name, contentType: a.content_type, size: a.size, sha256: a.sha256 })),
    };
  });
}

/** An attachment with its bytes, when the caller sent or received its message. */
export async function mailAttachment(em: EntityManager, id: string): Promise<(MailAttachmentMeta & { content: Buffer }) | null> {
  const a = await withDb(em, (db) =>
    db.selectFrom('org.mail_attachments').select(['id', 'name', 'content_type', 'size', 'sha256', 'content']).where('id', '=', id).executeTakeFirst(),
  );
  return a ? { id: a.id, name: a.name, contentType: a.content_type, size: a.size, sha256: a.sha256, content: Buffer.from(a.content) } : null;
}

/** The caller read a message sent to them (the first reading is kept). */
export async function markRead(em: EntityManager, id: string, userId: string): Promise<void> {
  await withDb(em, (db) =>
    db.updateTable('org.mail_recipients').set({ read_at: sql`coalesce(read_at, now())` }).where('message_id', '=', id).where('user_id', '=', userId).execute(),
  );
}

/** Takes a message out of the caller's folders: their copy as a recipient, and as its sender. */
export async function putAway(em: EntityManager, id: string, userId: string): Promise<void> {
  await withDb(em, async (db) => {
    await db.updateTable('org.mail_recipients').set({ deleted_at: sql`now()` }).where('message_id', '=', id).where('user_id', '=', userId).execute();
    await db.updateTable('org.mail_messages').set({ sender_deleted_at: sql`now()` }).where('id', '=', id).where('sender_id', '=', userId).execute();
  });
}

// 内部邮件 (seed 003 §33(一)): a person writes to a few people of their own unit, the unit above it or the units
// directly below it, with attachments of 20 MB at most together (each scanned before it is kept); reads what came,
// what they sent and who has read it; puts a message away. Mail is the person's: row-level security reads the person.
import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput, notFound, optionalText, personName, requireCaller, YizhanError } from '@yizhan/common';
import { OrgErrorCode } from '@yizhan/contracts/org';
import { isUuid } from '@yizhan/kernel';
import type { OrgContext } from '../deps.ts';
import { checkMail, MAX_MAIL_RECIPIENTS, type MailInput } from '../domain/mail.ts';
import {
  insertMail,
  type MailMessage,
  type MailPerson,
  type MailSummary,
  mailAttachment,
  mailbox,
  mailDirectory,
  mailMessage,
  markRead,
  putAway,
  unreadMail,
} from '../store/mail.ts';
import { getOrg } from '../store/orgs.ts';

/** People the caller may write to, by a part of their name or their unit's (everyone, nearest first, without one). */
export async function mailDirectoryOf(ctx: OrgContext, search: string | null): Promise<MailPerson[]> {
  const caller = requireCaller(ctx);
  const words = optionalText(search, 'search', { max: 50, line: true });
  return (await mailDirectory(ctx.em, { search: words, limit: 51 })).filter((p) => p.id !== caller.userId).slice(0, 50);
}

/** Sends a message; answers it as its sender reads it. */
export async function sendMail(ctx: OrgContext, input: MailInput): Promise<MailMessage> {
  const caller = requireCaller(ctx);
  const mail = checkMail(input);
  // Scanned before anything is kept, as an upload of a 公文's is: a file with a virus is not entered (seed 003 §40).
  for (const [i, a] of mail.attachments.entries()) {
    const infected = await ctx.deps.scan(a.name, a.content);
    if (infected)
      throw new YizhanError(OrgErrorCode.FILE_INFECTED, `Attachment ${i + 1} did not pass the malware scan: ${infected}`, { field: `attachments[${i}]` });
  }
  return ctx.em.transactional(async (tx) => {
    const em = tx as EntityManager;
    const people = new Map((await mailDirectory(em, { ids: mail.recipients.map((r) => r.userId), limit: MAX_MAIL_RECIPIENTS + 1 })).map((p) => [p.id, p]));
    const beyond = mail.recipients.filter((r) => !people.has(r.userId));
    if (beyond.length)
      throw badInput(
        `${beyond.length} of the recipients cannot be written to: mail goes to the people of your unit, of the unit above it and of the units directly below it`,
        beyond.some((r) => r.kind === 'TO') ? 'mail.to' : 'mail.cc',
      );
    const id = crypto.randomUUID();
    await insertMail(em, {
      id,
      senderId: caller.userId,
      senderName: personName(caller),
      senderOrgId: caller.orgId,
      senderOrgName: (await getOrg(em, caller.orgId)).name,
      subject: mail.subject,
      body: mail.body,
      recipients: mail.recipients.map((r) => ({ person: people.get(r.userId) as MailPerson, kind: r.kind })),
      attachments: mail.attachments,
    });
    return (await mailMessage(em, id)) as MailMessage;
  });
}

/** A folder of the caller's: INBOX (what came) or SENT. */
export async function mailboxOf(ctx: OrgContext, folder: string, first: number, before: string | null): Promise<MailSummary[]> {
  const caller = requireCaller(ctx);
  if (folder !== 'INBOX' && folder !== 'SENT') throw badInput('folder is INBOX or SENT', 'folder');
  if (!Number.isInteger(first) || first < 1 || first > 200) throw badInput('first must be between 1 and 200', 'first');
  if (before !== null && !isUuid(before)) throw badInput('before is a message’s id', 'before');
  return mailbox(ctx.em, caller.userId, folder, first, before);
}

/** How many messages have come to the caller that they have not read. */
export const mailUnreadOf = (ctx: OrgContext): Promise<number> => unreadMail(ctx.em, requireCaller(ctx).userId);

/** A message the caller sent or received; who has read it is the sender's to see. Not found otherwise. */
export async function readMail(ctx: OrgContext, id: string, em: EntityManager = ctx.em): Promise<MailMessage> {
  const caller = requireCaller(ctx);
  if (!isUuid(id)) throw badInput('id is a message’s id', 'id');
  const m = await mailMessage(em, id);
  if (!m) throw notFound('Message', id);
  if (m.senderId === caller.userId) return m;
  return { ...m, recipients: m.recipients.map((r) => ({ ...r, readAt: r.id === caller.userId ? r.readAt : null })) };
}

/** The caller, a recipient, has read it: the sender sees when. */
export async function markMailRead(ctx: OrgContext, id: string): Promise<MailMessage> {
  const caller = requireCaller(ctx);
  return ctx.em.transactional(async (tx) => {
    const em = tx as EntityManager;
    const m = await readMail(ctx, id, em);
    if (!m.recipients.some((r) => r.id === caller.userId)) throw badInput('Only a recipient reads a message as such', 'id');
    await markRead(em, m.id, caller.userId);
    return readMail(ctx, id, em);
  });
}

/** Takes a message out of the caller's folders (the others keep theirs). */
export async function putAwayMail(ctx: OrgContext, id: string): Promise<boolean> {
  const caller = requireCaller(ctx);
  return ctx.em.transactional(async (tx) => {
    const em = tx as EntityManager;
    const m = await readMail(ctx, id, em);
    await putAway(em, m.id, caller.userId);
    return true;
  });
}

/** An attachment's bytes, for the sender and the recipients of its message. */
export async function mailAttachmentOf(ctx: OrgContext, id: string) {
  requireCaller(ctx);
  if (!isUuid(id)) throw badInput('id is an attachment’s id', 'id');
  const a = await mailAttachment(ctx.em, id);
  if (!a) throw notFound('Attachment', id);
  return { ...a, base64: a.content.toString('base64') };
}

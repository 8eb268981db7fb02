// 内部邮件 (seed 003 §33(一): 若2人或少数几人之间沟通，可以使用内部邮件，内部邮件添加的附属档案大小限制在20M以内): what a
// message may be — a subject, a text, a few people, attachments of 20 MB at most together. Whom a person may write to
// (their own unit's people, the unit above's and those of the units directly below) is org.mail_directory's rule.
import { badInput, filesFromBase64, optionalText, requiredText } from '@yizhan/common';
import { isUuid } from '@yizhan/kernel';

/** §33(一): 附属档案大小限制在20M以内 — a message's attachments together. */
export const MAX_MAIL_ATTACHMENT_BYTES = 20 * 1024 * 1024;
/** 少数几人之间: a message goes to a few people, not to a unit's every member (a 公文 or a 信息 does that). */
export const MAX_MAIL_RECIPIENTS = 30;
export const MAX_MAIL_ATTACHMENTS = 10;
export const MAX_MAIL_BODY = 20_000;

export interface MailAttachmentInput {
  name: string;
  /** The file's bytes, base64. */
  base64: string;
}
export interface MailInput {
  subject: string;
  body: string;
  to: string[];
  cc?: string[] | null;
  attachments?: MailAttachmentInput[] | null;
}
export interface CleanAttachment {
  name: string;
  contentType: string;
  content: Buffer;
  sha256: string;
}
export interface CleanMail {
  subject: string;
  body: string;
  /** Each person once, TO before CC (someone in both is a TO). */
  recipients: { userId: string; kind: 'TO' | 'CC' }[];
  attachments: CleanAttachment[];
}

/** The message as written, checked; BAD_INPUT or TOO_LARGE names the field, never repeating what was sent. */
export function checkMail(input: MailInput): CleanMail {
  const subject = requiredText(input.subject, 'subject', { max: 200, line: true });
  // A message may have no body (the subject says it all).
  const body = optionalText(input.body, 'body', { max: MAX_MAIL_BODY }) ?? '';
  const to = input.to ?? [];
  const cc = input.cc ?? [];
  if (!to.length) throw badInput('A message goes to someone: name at least one recipient', 'mail.to', { required: true });
  for (const [field, ids] of [
    ['mail.to', to],
    ['mail.cc', cc],
  ] as const)
    if (ids.some((id) => typeof id !== 'string' || !isUuid(id))) throw badInput(`${field.slice(5)} lists people by their ids`, field);
  const recipients = new Map<string, 'TO' | 'CC'>();
  for (const id of to) recipients.set(id.toLowerCase(), 'TO');
  for (const id of cc) if (!recipients.has(id.toLowerCase())) recipients.set(id.toLowerCase(), 'CC');
  if (recipients.size > MAX_MAIL_RECIPIENTS)
    throw badInput(`A message goes to at most ${MAX_MAIL_RECIPIENTS} people: for more, publish a 信息 or send a 公文`, 'mail.to', {
      length: { max: MAX_MAIL_RECIPIENTS },
    });
  const attachments = filesFromBase64(input.attachments, {
    field: 'attachments',
    what: 'Attachment',
    whole: 'a message',
    maxFiles: MAX_MAIL_ATTACHMENTS,
    maxEach: MAX_MAIL_ATTACHMENT_BYTES,
    maxTotal: MAX_MAIL_ATTACHMENT_BYTES,
  });
  return { subject, body, recipients: [...recipients].map(([userId, kind]) => ({ userId, kind })), attachments };
}

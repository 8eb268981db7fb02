// 内部邮件 (seed 003 §33(一): 若2人或少数几人之间沟通，可以使用内部邮件，内部邮件添加的附属档案大小限制在20M以内): what a
// message may be — a subject, a text, a few people, attachments of 20 MB at most together. Whom a person may write to
// (their own unit's people, the unit above's and those of the units directly below) is org.mail_directory's rule.
import { createHash } from 'node:crypto';
import { badInput, bytesFromBase64, contentTypeOfName, ErrorCode, optionalText, requiredText, YizhanError } from '@yizhan/common';
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

const tooLarge = () =>
  new YizhanError(ErrorCode.TOO_LARGE, 'A message’s attachments are over the 20 MB they may be together', {
    field: 'attachments',
    limitBytes: MAX_MAIL_ATTACHMENT_BYTES,
  });

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
  const files = input.attachments ?? [];
  if (files.length > MAX_MAIL_ATTACHMENTS)
    throw badInput(`At most ${MAX_MAIL_ATTACHMENTS} attachments to a message`, 'attachments', { length: { max: MAX_MAIL_ATTACHMENTS } });
  // Measured before anything is decoded: a request of megabytes is refused by its length.
  const encoded = files.reduce((n, f) => n + String(f?.base64 ?? '').length, 0);
  if (Math.floor((encoded * 3) / 4) > MAX_MAIL_ATTACHMENT_BYTES + 2 * files.length) throw tooLarge();
  let total = 0;
  const attachments = files.map((f, i) => {
    const field = `attachments[${i}]`;
    const name = requiredText(f?.name, `${field}.name`, { max: 100, line: true });
    if (/[\\/]/.test(name)) throw badInput(`Attachment ${i + 1}’s name is a file name, without folders`, `${field}.name`);
    const content = bytesFromBase64(f?.base64, { field, what: `Attachment ${i + 1}`, maxBytes: MAX_MAIL_ATTACHMENT_BYTES });
    total += content.length;
    return { name, contentType: contentTypeOfName(name), content, sha256: createHash('sha256').update(content).digest('hex') };
  });
  if (total > MAX_MAIL_ATTACHMENT_BYTES) throw tooLarge();
  return { subject, body, recipients: [...recipients].map(([userId, kind]) => ({ userId, kind })), attachments };
}

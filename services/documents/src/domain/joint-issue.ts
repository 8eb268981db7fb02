// 联合行文 as plain rules: who may be named a co-issuer, what each co-issuer's 会签 may do and when, and whether a
// joint document is ready to send. The lead unit (主办机关) drafts, approves and sends; each co-issuing unit's leader
// countersigns (会签) after the lead's approval chain, its seal stamping the same content; a decline sends the draft
// back to its author. No database here: app/joint-issue.ts applies these.
import { badInput, ErrorCode, YizhanError } from '@yizhan/common';
import { DocumentsErrorCode } from '@yizhan/contracts/documents';
import { isUuid } from '@yizhan/kernel';

/** At most this many co-issuers besides the lead (a banner of more lines no longer fits the 版头). */
export const MAX_CO_ISSUERS = 9;

export type CountersignStatus = 'PENDING' | 'COUNTERSIGNED' | 'DECLINED';

export interface CoIssuerState {
  orgName: string;
  status: CountersignStatus;
  comment?: string | null;
}

/** The co-issuers a draft names: distinct, not the lead itself, at most MAX_CO_ISSUERS. Throws BAD_INPUT on coIssuerIds. */
export function checkCoIssuers(leadId: string, ids: readonly string[]): string[] {
  if (ids.includes(leadId)) throw badInput('The lead unit is not its own co-issuer', 'coIssuerIds');
  if (new Set(ids).size !== ids.length) throw badInput('A co-issuer is named twice', 'coIssuerIds');
  if (ids.length > MAX_CO_ISSUERS) throw badInput(`At most ${MAX_CO_ISSUERS} co-issuers besides the lead unit`, 'coIssuerIds');
  return [...ids];
}

/** The co-issuers as a draft gives them: each a unit's id, then checked as checkCoIssuers. Throws BAD_INPUT on coIssuerIds. */
export function draftCoIssuers(leadId: string, ids: readonly string[]): string[] {
  const bad = ids.find((id) => !isUuid(id));
  if (bad !== undefined) throw badInput(`"${bad.slice(0, 40)}" is not a unit's id`, 'coIssuerIds');
  return checkCoIssuers(leadId, ids);
}

/** A co-issuer decides once, on a document its lead has approved and not yet sent. */
export function countersignProblem(documentStatus: string, mine: CountersignStatus): YizhanError | null {
  if (documentStatus === 'SENT') return new YizhanError(DocumentsErrorCode.ALREADY_SENT, 'The joint document was sent already');
  if (documentStatus !== 'APPROVED')
    return new YizhanError(DocumentsErrorCode.NOT_COUNTERSIGNED, 'The lead unit has not finished approving the document: 会签 opens when it has', {
      status: documentStatus,
    });
  if (mine !== 'PENDING')
    return new YizhanError(ErrorCode.ILLEGAL_TRANSITION, `Your unit has ${mine === 'DECLINED' ? 'declined' : 'countersigned'} this document already`);
  return null;
}

/** Every co-issuer countersigned: the joint document may be sent; else NOT_COUNTERSIGNED naming who has not or declined. */
export function readyToSend(coIssuers: readonly CoIssuerState[], named: number): YizhanError | null {
  if (coIssuers.length < named)
    return new YizhanError(DocumentsErrorCode.NOT_COUNTERSIGNED, 'The co-issuers were named after the submission: submit the document again');
  const declined = coIssuers.filter((c) => c.status === 'DECLINED');
  const waiting = coIssuers.filter((c) => c.status === 'PENDING');
  if (!declined.length && !waiting.length) return null;
  const parts = [
    declined.length ? `declined by ${declined.map((c) => `${c.orgName} (${c.comment ?? ''})`).join(', ')}` : null,
    waiting.length ? `not yet countersigned by ${waiting.map((c) => c.orgName).join(', ')}` : null,
  ].filter(Boolean);
  return new YizhanError(
    DocumentsErrorCode.NOT_COUNTERSIGNED,
    `A joint document is sent when every co-issuer has countersigned it (会签): ${parts.join('; ')}`,
    {
      declined: declined.map((c) => c.orgName),
      waiting: waiting.map((c) => c.orgName),
    },
  );
}

/** A joint document a co-issuer declined goes back to its author for changes, as a rejection does. */
export const sentBack = (documentStatus: string, coIssuers: readonly CoIssuerState[]) =>
  documentStatus === 'APPROVED' && coIssuers.some((c) => c.status === 'DECLINED');

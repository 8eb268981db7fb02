// The instant of a document's 签发 (the approving leader's final approval), for its 成文日期 when the drafter left it
// empty (app/doc-date.ts). Read, never stored on the document: the approvals and the seal sign its content.
// Two records hold it: the signed approval whose `issued` is true (documents.approval_signatures, which the drafting
// unit and every unit the document was delivered to may read) and the approval step itself (documents.approval_steps,
// the drafting unit's own). The later of the two is taken, so every reader that sees the signed one reads the same
// instant (the signature is made after its step, in the same transaction).
import type { EntityManager } from '@mikro-orm/postgresql';
import { sql } from 'kysely';
import { withDb } from './sql.ts';

export async function issuedAt(em: EntityManager, documentId: string): Promise<Date | null> {
  const row = await withDb(em, (db) =>
    db
      .selectNoFrom([
        sql<string | null>`(SELECT (s.approval->>'at') FROM documents.approval_signatures s
                             WHERE s.document_id = ${documentId} AND (s.approval->>'issued')::boolean
                             ORDER BY s.id DESC LIMIT 1)`.as('signed'),
        sql<Date | string | null>`(SELECT a.at FROM documents.approval_steps a
                             WHERE a.document_id = ${documentId} AND a.action = 'APPROVED'
                             ORDER BY a.id DESC LIMIT 1)`.as('approved'),
      ])
      .executeTakeFirst(),
  );
  const times = [row?.signed, row?.approved].filter((t): t is string | Date => t != null).map((t) => new Date(t).getTime());
  return times.length ? new Date(Math.max(...times)) : null;
}

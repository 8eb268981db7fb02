// The SQL of 印模: the scan of a unit's physical seal impression kept with its seal application, under the
// applications' policy (the unit and the units above it).
import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { withDb } from './sql.ts';

export interface Impression {
  applicationId: string;
  contentType: string;
  sha256: string;
}

/** Keeps the impression sent with an application. */
export async function keepImpression(
  em: EntityManager,
  applicationId: string,
  orgPath: string,
  image: { contentType: string; content: Buffer },
): Promise<void> {
  await withDb(em, (db) =>
    db
      .insertInto('seals.impressions')
      .values({
        application_id: applicationId,
        org_path: orgPath,
        content_type: image.contentType,
        content: image.content,
        sha256: createHash('sha256').update(image.content).digest('hex'),
      })
      .execute(),
  );
}

/** The impression of an application (without its bytes), when the caller may see it and one was sent. */
export async function impressionOf(em: EntityManager, applicationId: string): Promise<Impression | null> {
  const row = await withDb(em, (db) =>
    db.selectFrom('seals.impressions').select(['content_type', 'sha256']).where('application_id', '=', applicationId).executeTakeFirst(),
  );
  return row ? { applicationId, contentType: row.content_type, sha256: row.sha256 } : null;
}

/** The impression's bytes, when the caller may see it. */
export async function impressionContent(em: EntityManager, applicationId: string): Promise<(Impression & { base64: string }) | null> {
  const row = await withDb(em, (db) =>
    db.selectFrom('seals.impressions').select(['content_type', 'content', 'sha256']).where('application_id', '=', applicationId).executeTakeFirst(),
  );
  return row ? { applicationId, contentType: row.content_type, sha256: row.sha256, base64: Buffer.from(row.content).toString('base64') } : null;
}

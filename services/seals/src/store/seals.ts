// The seals service's reads and writes that more than one resolver needs: the register, the seal state for
// verification, and verification itself against the CA and the document as it is now.
import type { EntityManager } from '@mikro-orm/postgresql';
import { type Caller, notFound } from '@yizhan/common';
import { isUuid } from '@yizhan/kernel';
import { stamp as stampSchema } from './contract.ts';
import type { SealsContext } from './deps.ts';
import { type Stamp, verifyStamp } from './domain/stamp.ts';
import { activeAt } from './domain/state.ts';
import { Seal } from './entities/Seal.ts';

export async function logEvent(
  em: EntityManager,
  e: {
    sealId?: string | null;
    applicationId?: string | null;
    orgPath: string;
    action: string;
    actor: { userId: string | null; name: string };
    detail?: unknown;
  },
) {
  await em.execute(
    'insert into seals.seal_events (seal_id, application_id, org_path, action, actor_id, actor_name, detail) values (?, ?, ?::ltree, ?, ?, ?, ?)',
    [e.sealId ?? null, e.applicationId ?? null, e.orgPath, e.action, e.actor.userId, e.actor.name, JSON.stringify(e.detail ?? {})],
  );
}

export const actorOf = (caller: Caller) => ({ userId: caller.userId, name: caller.username });

export async function getSeal(em: EntityManager, id: string): Promise<Seal> {
  const seal = isUuid(id) ? await em.findOne(Seal, { id }) : null;
  if (!seal) throw notFound('Seal', id);
  return seal;
}

/** The seal state changes of any unit's seal (public, for verification): not its uses. */
export async function stateAt(em: EntityManager, sealId: string, at: Date) {
  const rows = (await em.execute('select action, at from seals.seal_state_changes(?)', [sealId])) as { action: string; at: Date }[];
  return activeAt(
    rows.map((r) => ({ action: r.action, at: new Date(r.at) })),
    at,
  );
}

export interface Verification {
  valid: boolean;
  checks: { check: string; ok: boolean; reason: string | null }[];
  sealId: string;
  sealOrgName: string;
  signedAt: string;
}

/** Verifies a stamp for the document as it is now (canonical bytes from the documents service). */
export async function verifyFor(ctx: SealsContext, em: EntityManager, stamp: Stamp, document: { id: string; canonical: Uint8Array }): Promise<Verification> {
  const result = await verifyStamp(stamp, {
    document,
    sealStateAt: (sealId, at) => stateAt(em, sealId, at),
    checkCertificate: (der, at) =>
      ctx.deps.certificates.call('check-certificate', ctx.callerHeader, { der: Buffer.from(der).toString('base64'), at: at.toISOString() }),
  });
  return { ...result, sealId: stamp.data.sealId, sealOrgName: stamp.seal.data.orgName, signedAt: stamp.data.signedAt };
}

/** The document's canonical content and its recorded stamp, as the documents service gives them to this caller. */
export async function documentForSeal(ctx: SealsContext, documentId: string) {
  const doc = await ctx.deps.documents.call('canonical', ctx.callerHeader, { documentId });
  // The documents service keeps the stamp as it was given; this service reads it by its own schema.
  return { ...doc, stamp: doc.stamp ? stampSchema.parse(doc.stamp) : null };
}

/** The seal's certificate follows the seal: suspended, resumed or revoked with it. */
export const certificateFollows = (ctx: SealsContext, seal: Seal, action: 'SUSPEND' | 'RESUME' | 'REVOKE', reason: string) =>
  ctx.deps.certificates.call('seal-certificate-status', ctx.callerHeader, { certificateId: seal.certificateId, action, reason });

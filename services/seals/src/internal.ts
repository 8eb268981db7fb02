// The seals service's internal API, for the documents and archive services (never exposed by the gateway): the
// handlers of the calls its contract declares. Requests arrive checked against the contract.
import type { EntityManager } from '@mikro-orm/postgresql';
import { requireCaller, YizhanError } from '@yizhan/common';
import { serveInternalApi } from '@yizhan/kernel';
import type { z } from 'zod';
import { SealsErrorCode, sealsApi } from './contract.ts';
import type { SealsContext, SealsDeps } from './deps.ts';
import { Seal } from './entities/Seal.ts';
import { activeSealOf, stampFor } from './resolvers/StampResolver.ts';
import { verifyFor } from './store.ts';

type Input<N extends keyof (typeof sealsApi)['calls']> = z.output<(typeof sealsApi)['calls'][N]['input']>;

async function stampForSend(ctx: SealsContext, { documentId, canonical }: Input<'stamp-for-send'>) {
  const caller = requireCaller(ctx);
  const seal = await activeSealOf(ctx.em as EntityManager, caller.orgId);
  if (!seal) return { required: false, stamp: null };
  const stamp = await stampFor(ctx.em as EntityManager, documentId, canonical, seal.suite as 'RSA' | 'SM2');
  if (!stamp) {
    throw new YizhanError(
      SealsErrorCode.SEAL_REQUIRED,
      'Your unit has a seal in use: both custodians must stamp this document (as it is now) before it is sent',
      {
        sealId: seal.id,
      },
    );
  }
  return { required: true, stamp };
}

async function verify(ctx: SealsContext, { documentId, canonical, stamp }: Input<'verify'>) {
  requireCaller(ctx);
  const result = await verifyFor(ctx, ctx.em as EntityManager, stamp, { id: documentId, canonical: new Uint8Array(Buffer.from(canonical, 'base64')) });
  const seal = result.valid ? await (ctx.em as EntityManager).findOne(Seal, { id: result.sealId }) : null;
  return { ...result, imagePng: seal ? seal.imagePng.toString('base64') : null };
}

export const sealsInternalApi = serveInternalApi<typeof sealsApi, SealsDeps>(sealsApi, { 'stamp-for-send': stampForSend, verify });

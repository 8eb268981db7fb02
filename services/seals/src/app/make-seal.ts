// Making a seal for an approved application: image, key pair, certificate and the seal maker's signature, the key
// split between two of the unit's seal keepers named as custodians.

import { type EntityManager } from '@mikro-orm/postgresql';
import { badInput, canonicalBytes, forbidden, personName, requireCaller } from '@yizhan/common';
import { assembleSeal, encodeSealInfo, generateKeyPair, SES_EXT_UNIT_ID, SES_TYPE_UNIT, type Suite } from '@yizhan/crypto';
import { loadSecret, sealWith } from '@yizhan/kernel';
import { sql } from 'kysely';
import { type SealsContext } from '../deps.ts';
import { encryptKey, newDataKey, shareContext, split } from '../domain/custody.ts';
import { sealPng, sealSvg, sha256 } from '../domain/image.ts';
import { type SealData, type SealRecord } from '../domain/stamp.ts';
import { isIssuingAuthority, requireWitnesses } from '../domain/state.ts';
import { Seal } from '../entities/Seal.ts';
import { type WitnessInput } from '../resolvers/types.ts';
import { actorOf, getSeal, logEvent } from '../store/seals.ts';
import { withDb } from '../store/sql.ts';
import { application, expect } from './apply-for-seal.ts';
import { certificateFollows } from './peers.ts';

const YEAR = 365 * 24 * 3600 * 1000;
/** The seal's printed size (GB/T 9704: an official seal about 42 mm across), as SES_ESPictrueInfo gives it. */
const SEAL_DIAMETER_MM = 42;

const master = () => loadSecret('seal-master');

export async function makeSeal(applicationId: string, custodianIds: string[], witnesses: WitnessInput[], ctx: SealsContext) {
  const caller = requireCaller(ctx);
  const app = await application(ctx.em, applicationId);
  if (!isIssuingAuthority(caller, app.orgPath)) throw forbidden('Seals are made by the issuing authority above the unit');
  expect(app, 'APPROVED', 'only an approved application is made into a seal');
  const [a, b] = custodianIds;
  if (custodianIds.length !== 2 || !a || !b || a === b)
    throw badInput('Name two different custodians (seed 004 §5: two people, separately)', 'custodianIds', {
      zh: '应指定两名不同的保管人（两人分别保管）',
    });
  const keepers = await ctx.deps.org.call('keepers', ctx.callerHeader, { orgId: app.orgId });
  const ka = keepers.find((k) => k.id === a);
  const kb = keepers.find((k) => k.id === b);
  if (!ka || !kb) throw badInput('Both custodians must be active seal keepers (SEAL_KEEPER) of the unit', 'custodianIds');
  // Made before the three parties, as it is destroyed (seed 004 五(三)); they are in its register.
  const present = requireWitnesses(witnesses, 'Making a seal');

  // A replacement supersedes the seal it replaces: that one stops at once. Its certificate is put on hold while the
  // new seal is made and revoked once the new one is stored, so that a making that fails leaves the old seal as it
  // was (a revocation cannot be taken back; a hold can).
  const replaced = app.replacesSealId ? await getSeal(ctx.em, app.replacesSealId) : null;
  const supersedes = !!replaced && ['ACTIVE', 'SUSPENDED', 'PENDING_CUSTODY'].includes(replaced.status);
  const held = supersedes && replaced.status !== 'SUSPENDED';
  if (held) await certificateFollows(ctx, replaced, 'SUSPEND', '印章更换：新印章制成前暂停使用');

  const suite = app.suite as Suite;
  const sealId = crypto.randomUUID();
  const keys = generateKeyPair(suite);
  const cert = await ctx.deps.certificates
    .call('issue-seal-certificate', ctx.callerHeader, {
      sealId,
      orgId: app.orgId,
      orgPath: app.orgPath,
      orgName: app.orgName,
      suite,
      publicKey: keys.publicKey,
    })
    .catch(async (e) => {
      if (held) await releaseHold(ctx, replaced);
      throw e;
    });
  let made: Seal;
  try {
    const svg = sealSvg(app.orgName, app.belowText ?? '');
    const png = sealPng(svg);
    const now = new Date();
    const data: SealData = {
      version: 1,
      sealId,
      orgId: app.orgId,
      orgName: app.orgName,
      suite,
      imageSha256: sha256(png),
      certificates: [cert.fingerprint],
      validFrom: now.toISOString(),
      validTo: new Date(Math.min(now.getTime() + 5 * YEAR, new Date(cert.notAfter).getTime())).toISOString(),
      madeAt: now.toISOString(),
    };
    const signed = await ctx.deps.certificates.call('seal-maker-sign', ctx.callerHeader, {
      suite,
      data: Buffer.from(canonicalBytes(data)).toString('base64'),
    });
    // The same seal in GB/T 38540's encoding: the maker signs the DER of SES_SealInfo.
    const sealInfo = encodeSealInfo({
      esID: sealId,
      type: SES_TYPE_UNIT,
      name: app.orgName,
      certificates: [new Uint8Array(Buffer.from(cert.der, 'base64'))],
      createDate: now,
      validStart: now,
      validEnd: new Date(data.validTo),
      picture: { type: 'PNG', data: png, widthMm: SEAL_DIAMETER_MM, heightMm: SEAL_DIAMETER_MM },
      extDatas: [{ oid: SES_EXT_UNIT_ID, critical: false, value: new TextEncoder().encode(app.orgId) }],
    });
    const makerSigned = await ctx.deps.certificates.call('seal-maker-sign', ctx.callerHeader, { suite, data: Buffer.from(sealInfo).toString('base64') });
    const seseal = assembleSeal(
      sealInfo,
      new Uint8Array(Buffer.from(makerSigned.certificate, 'base64')),
      suite,
      new Uint8Array(Buffer.from(makerSigned.signature, 'base64')),
    );
    const record: SealRecord = {
      data,
      signature: signed.signature,
      makerCertificate: signed.certificate,
      seseal: Buffer.from(seseal).toString('base64'),
    };
    const dataKey = newDataKey();
    const [shareA, shareB] = split(dataKey);
    made = await ctx.em.transactional(async (tx) => {
      const em = tx as EntityManager;
      const seal = em.create(Seal, {
        id: sealId,
        orgId: app.orgId,
        orgPath: app.orgPath,
        orgName: app.orgName,
        suite,
        imageSvg: svg,
        imagePng: png,
        imageSha256: data.imageSha256,
        certificateId: cert.certificateId,
        certificateDer: Buffer.from(cert.der, 'base64'),
        sealRecord: record as unknown as Record<string, unknown>,
        sesealDer: Buffer.from(seseal),
        validFrom: new Date(data.validFrom),
        validTo: new Date(data.validTo),
        custodianA: ka.id,
        custodianAName: ka.displayName,
        custodianB: kb.id,
        custodianBName: kb.displayName,
        madeBy: caller.userId,
        madeByName: personName(caller),
        applicationId: app.id,
      });
      await em.flush();
      // Until each custodian accepts custody with their PIN, their share waits under the service's secret.
      await withDb(em, (db) =>
        db
          .insertInto('seals.seal_keys')
          .values({
            seal_id: sealId,
            org_path: sql<string>`${app.orgPath}::ltree`,
            private_key_enc: encryptKey(dataKey, keys.privateKey, `seal:${sealId}:key`),
            share_a: sealWith(master(), shareA, shareContext(sealId, 'A')),
            share_b: sealWith(master(), shareB, shareContext(sealId, 'B')),
          })
          .execute(),
      );
      const fresh = await application(em, app.id);
      fresh.status = 'MADE';
      fresh.sealId = sealId;
      if (replaced) {
        const old = await getSeal(em, replaced.id);
        old.replacedBy = sealId;
        if (old.status !== 'REVOKED' && old.status !== 'DESTROYED') {
          old.status = 'REVOKED';
          old.statusReason = 'replaced';
          await withDb(em, (db) => db.deleteFrom('seals.seal_keys').where('seal_id', '=', old.id).execute());
          await logEvent(em, { sealId: old.id, orgPath: old.orgPath, action: 'REPLACED', actor: actorOf(caller), detail: { by: sealId } });
        }
      }
      await em.flush();
      await logEvent(em, {
        sealId,
        applicationId: app.id,
        orgPath: app.orgPath,
        action: 'MADE',
        actor: actorOf(caller),
        detail: { custodians: [ka.displayName, kb.displayName], certificate: cert.fingerprint, witnesses: present },
      });
      return seal;
    });
  } catch (e) {
    // Nothing half made: a certificate issued for a seal that was not stored is revoked, and the seal it was to
    // replace goes on as it was.
    await ctx.deps.certificates
      .call('seal-certificate-status', ctx.callerHeader, {
        certificateId: cert.certificateId,
        action: 'REVOKE',
        reason: 'CESSATION_OF_OPERATION',
      })
      .catch(() => {});
    if (held) await releaseHold(ctx, replaced);
    throw e;
  }
  if (supersedes) {
    // The new seal is stored and the old one REVOKED in this service: its certificate follows. Should this call fail,
    // the certificate stays on hold — used by nothing, listed on the CRL as held — and the seal's register says so.
    await certificateFollows(ctx, replaced, 'REVOKE', 'SUPERSEDED').catch((e: Error) =>
      ctx.log.error({ sealId: replaced.id, certificateId: replaced.certificateId, err: e }, 'the replaced seal’s certificate stays on hold, not revoked'),
    );
  }
  return made;
}

/** The replaced seal's certificate back in use after a making that failed. */
async function releaseHold(ctx: SealsContext, replaced: Seal): Promise<void> {
  await certificateFollows(ctx, replaced, 'RESUME', '新印章未制成，恢复使用').catch((e: Error) =>
    ctx.log.error({ sealId: replaced.id, certificateId: replaced.certificateId, err: e }, 'the seal’s certificate stays on hold after a making that failed'),
  );
}

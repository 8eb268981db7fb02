// Applications for seals (seeds 001 §19–21, 003 §19): the unit applies in writing through its administrator, its
// head consents, the issuing authority above approves, and makes the seal — image, key pair, certificate, the seal
// maker's signature — with two of the unit's seal keepers named as custodians.
import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput, canonicalBytes, ErrorCode, forbidden, notFound, requireCaller, YizhanError } from '@yizhan/common';
import { generateKeyPair, type Suite } from '@yizhan/crypto';
import { isUuid, loadSecret, sealWith } from '@yizhan/kernel';
import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { SealsContext } from '../deps.ts';
import { encryptKey, newDataKey, shareContext, split } from '../domain/custody.ts';
import { sealPng, sealSvg, sha256 } from '../domain/image.ts';
import type { SealData, SealRecord } from '../domain/stamp.ts';
import { isIssuingAuthority, isUnitHead } from '../domain/state.ts';
import { Seal } from '../entities/Seal.ts';
import { SealApplication } from '../entities/SealApplication.ts';
import { actorOf, certificateFollows, getSeal, logEvent } from '../store.ts';
import { SealApplicationInput } from './types.ts';

const YEAR = 365 * 24 * 3600 * 1000;
const master = () => loadSecret('seal-master');

async function application(em: EntityManager, id: string): Promise<SealApplication> {
  const app = isUuid(id) ? await em.findOne(SealApplication, { id }) : null;
  if (!app) throw notFound('Seal application', id);
  return app;
}

function expect(app: SealApplication, status: string, what: string) {
  if (app.status !== status)
    throw new YizhanError(ErrorCode.ILLEGAL_TRANSITION, `The application is ${app.status.toLowerCase()}: ${what}`, { status: app.status });
}

@Resolver()
export class SealApplicationResolver {
  @Query(() => [SealApplication], { description: 'Seal applications of your unit and the units below it, newest first' })
  async sealApplications(@Arg('status', () => String, { nullable: true }) status: string | null, @Ctx() ctx: SealsContext) {
    requireCaller(ctx);
    return ctx.em.find(SealApplication, status ? { status } : {}, { orderBy: { createdAt: 'desc' }, limit: 200 });
  }

  @Mutation(() => SealApplication, { description: 'Apply for a seal for your unit in writing (its administrator)' })
  async applyForSeal(@Arg('input', () => SealApplicationInput) input: SealApplicationInput, @Ctx() ctx: SealsContext) {
    const caller = requireCaller(ctx);
    if (!caller.roles.includes('ADMIN')) throw forbidden('A unit applies for its seal through its administrator');
    const statement = input.statement.trim();
    if (!statement || statement.length > 2000) throw badInput('The written application must be 1–2000 characters', 'statement');
    if (input.suite !== 'RSA' && input.suite !== 'SM2') throw badInput('suite must be RSA or SM2', 'suite');
    const below = input.belowText?.trim() || null;
    if (below && below.length > 12) throw badInput('The text under the star is at most 12 characters', 'belowText');
    if (input.kind && !['REPLACEMENT', 'CHANGE'].includes(input.kind)) throw badInput('kind is REPLACEMENT or CHANGE', 'kind');
    if (input.kind && !input.replacesSealId) throw badInput('A replacement or change names the seal it replaces', 'replacesSealId');
    const unit = await ctx.deps.org.call('unit', ctx.callerHeader, {});
    return ctx.em.transactional(async (em) => {
      if (input.replacesSealId) {
        const old = await getSeal(em as EntityManager, input.replacesSealId);
        if (old.orgId !== unit.id) throw forbidden('A unit replaces only its own seal');
      }
      const app = em.create(SealApplication, {
        id: crypto.randomUUID(),
        orgId: unit.id,
        orgPath: unit.path,
        orgName: unit.name,
        suite: input.suite,
        kind: input.replacesSealId ? (input.kind ?? 'REPLACEMENT') : 'NEW',
        replacesSealId: input.replacesSealId ?? null,
        statement,
        belowText: below,
        applicantId: caller.userId,
        applicantName: caller.username,
      });
      await em.flush();
      await logEvent(em as EntityManager, { applicationId: app.id, orgPath: unit.path, action: 'APPLIED', actor: actorOf(caller), detail: { statement } });
      return app;
    });
  }

  @Mutation(() => SealApplication, { description: 'The head of the unit consents to its seal application (负责人审核同意并签字)' })
  async consentToSealApplication(@Arg('id', () => ID) id: string, @Ctx() ctx: SealsContext) {
    const caller = requireCaller(ctx);
    return ctx.em.transactional(async (tx) => {
      const em = tx as EntityManager;
      const app = await application(em, id);
      if (!isUnitHead(caller, app.orgPath)) throw forbidden('The head (LEADER) of the applying unit consents');
      expect(app, 'SUBMITTED', 'only a submitted application awaits consent');
      Object.assign(app, { status: 'CONSENTED', consentBy: caller.userId, consentByName: caller.username, consentAt: new Date() });
      await em.flush();
      await logEvent(em, { applicationId: app.id, orgPath: app.orgPath, action: 'CONSENTED', actor: actorOf(caller) });
      return app;
    });
  }

  @Mutation(() => SealApplication, { description: 'The issuing authority above the unit approves or rejects (with the reason)' })
  async decideSealApplication(
    @Arg('id', () => ID) id: string,
    @Arg('approve', () => Boolean) approve: boolean,
    @Arg('note', () => String, { nullable: true }) note: string | null,
    @Ctx() ctx: SealsContext,
  ) {
    const caller = requireCaller(ctx);
    return ctx.em.transactional(async (tx) => {
      const em = tx as EntityManager;
      const app = await application(em, id);
      if (!isIssuingAuthority(caller, app.orgPath)) throw forbidden('Seals are approved by the issuing authority above the unit');
      expect(app, 'CONSENTED', 'the unit’s head must consent first');
      if (!approve && !note?.trim()) throw badInput('Give the reason for a rejection', 'note');
      Object.assign(app, {
        status: approve ? 'APPROVED' : 'REJECTED',
        approvedBy: caller.userId,
        approvedByName: caller.username,
        approvedAt: new Date(),
        decisionNote: note?.trim() || null,
      });
      await em.flush();
      await logEvent(em, { applicationId: app.id, orgPath: app.orgPath, action: approve ? 'APPROVED' : 'REJECTED', actor: actorOf(caller), detail: { note } });
      return app;
    });
  }

  @Mutation(() => Seal, {
    description: 'Make an approved seal: image, key pair and certificate, with two of the unit’s seal keepers as custodians',
  })
  async makeSeal(@Arg('applicationId', () => ID) applicationId: string, @Arg('custodianIds', () => [ID]) custodianIds: string[], @Ctx() ctx: SealsContext) {
    const caller = requireCaller(ctx);
    const app = await application(ctx.em, applicationId);
    if (!isIssuingAuthority(caller, app.orgPath)) throw forbidden('Seals are made by the issuing authority above the unit');
    expect(app, 'APPROVED', 'only an approved application is made into a seal');
    const [a, b] = custodianIds;
    if (custodianIds.length !== 2 || !a || !b || a === b) throw badInput('Name two different custodians (seed 004 §5: two people, separately)', 'custodianIds');
    const keepers = await ctx.deps.org.call('keepers', ctx.callerHeader, { orgId: app.orgId });
    const ka = keepers.find((k) => k.id === a);
    const kb = keepers.find((k) => k.id === b);
    if (!ka || !kb) throw badInput('Both custodians must be active seal keepers (SEAL_KEEPER) of the unit', 'custodianIds');

    // A replacement supersedes the seal it replaces: that one stops at once, with its certificate.
    const replaced = app.replacesSealId ? await getSeal(ctx.em, app.replacesSealId) : null;
    if (replaced && ['ACTIVE', 'SUSPENDED', 'PENDING_CUSTODY'].includes(replaced.status)) await certificateFollows(ctx, replaced, 'REVOKE', 'SUPERSEDED');

    const suite = app.suite as Suite;
    const sealId = crypto.randomUUID();
    const keys = generateKeyPair(suite);
    const cert = await ctx.deps.certificates.call('issue-seal-certificate', ctx.callerHeader, {
      sealId,
      orgId: app.orgId,
      orgPath: app.orgPath,
      orgName: app.orgName,
      suite,
      publicKey: keys.publicKey,
    });
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
      const record: SealRecord = { data, signature: signed.signature, makerCertificate: signed.certificate };
      const dataKey = newDataKey();
      const [shareA, shareB] = split(dataKey);
      return await ctx.em.transactional(async (tx) => {
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
          validFrom: new Date(data.validFrom),
          validTo: new Date(data.validTo),
          custodianA: ka.id,
          custodianAName: ka.displayName,
          custodianB: kb.id,
          custodianBName: kb.displayName,
          madeBy: caller.userId,
          madeByName: caller.username,
          applicationId: app.id,
        });
        await em.flush();
        // Until each custodian accepts custody with their PIN, their share waits under the service's secret.
        await em.execute('insert into seals.seal_keys (seal_id, org_path, private_key_enc, share_a, share_b) values (?, ?::ltree, ?, ?, ?)', [
          sealId,
          app.orgPath,
          encryptKey(dataKey, keys.privateKey, `seal:${sealId}:key`),
          sealWith(master(), shareA, shareContext(sealId, 'A')),
          sealWith(master(), shareB, shareContext(sealId, 'B')),
        ]);
        const fresh = await application(em, app.id);
        fresh.status = 'MADE';
        fresh.sealId = sealId;
        if (replaced) {
          const old = await getSeal(em, replaced.id);
          old.replacedBy = sealId;
          if (old.status !== 'REVOKED' && old.status !== 'DESTROYED') {
            old.status = 'REVOKED';
            old.statusReason = 'replaced';
            await em.execute('delete from seals.seal_keys where seal_id = ?', [old.id]);
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
          detail: { custodians: [ka.username, kb.username], certificate: cert.fingerprint },
        });
        return seal;
      });
    } catch (e) {
      // Nothing half made: a certificate issued for a seal that was not stored is revoked.
      await ctx.deps.certificates
        .call('seal-certificate-status', ctx.callerHeader, {
          certificateId: cert.certificateId,
          action: 'REVOKE',
          reason: 'CESSATION_OF_OPERATION',
        })
        .catch(() => {});
      throw e;
    }
  }
}
